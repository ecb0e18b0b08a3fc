import BabillardCore
import BabillardIngest
import BabillardTestSupport
import Foundation
import Testing

private func readWXR(_ data: Data, name: String = "export.xml") throws -> [IngestRecord] {
    var found: [IngestRecord] = []
    try WXRReader().read(ReaderInput(data: data, name: name)) { found.append($0) }
    return found
}

private func wxrItems(_ records: [IngestRecord]) -> [RawItem] {
    records.compactMap { if case .item(let item) = $0 { item } else { nil } }
}

@Suite("WordPress export reader")
struct WXRReaderTests {
    static let export = """
        <?xml version="1.0" encoding="UTF-8" ?>
        <rss version="2.0" xmlns:excerpt="http://wordpress.org/export/1.2/excerpt/" xmlns:content="http://purl.org/rss/1.0/modules/content/"
             xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:wp="http://wordpress.org/export/1.2/">
        <channel>
          <title>Mélisse</title><link>https://melisse.example</link><language>fr-FR</language>
          <wp:wxr_version>1.2</wp:wxr_version><wp:base_site_url>https://melisse.example</wp:base_site_url>
          <wp:author><wp:author_id>1</wp:author_id><wp:author_login><![CDATA[anna]]></wp:author_login><wp:author_display_name><![CDATA[Anna Roux]]></wp:author_display_name></wp:author>
          <item>
            <title><![CDATA[Galettes des rois]]></title>
            <link>https://melisse.example/galettes/</link>
            <dc:creator><![CDATA[anna]]></dc:creator>
            <guid isPermaLink="false">https://melisse.example/?p=12</guid>
            <content:encoded><![CDATA[<p>Frangipane &amp; pommes.</p>]]></content:encoded>
            <wp:post_id>12</wp:post_id>
            <wp:post_date_gmt><![CDATA[2024-01-05 09:00:00]]></wp:post_date_gmt>
            <wp:status><![CDATA[publish]]></wp:status>
            <wp:post_type><![CDATA[post]]></wp:post_type>
            <category domain="category" nicename="saison"><![CDATA[Saison]]></category>
            <wp:comment>
              <wp:comment_id>3</wp:comment_id><wp:comment_author><![CDATA[Lucie]]></wp:comment_author>
              <wp:comment_author_email><![CDATA[Lucie@Example.org]]></wp:comment_author_email>
              <wp:comment_date_gmt><![CDATA[2024-01-05 10:00:00]]></wp:comment_date_gmt>
              <wp:comment_content><![CDATA[Il reste des parts ?]]></wp:comment_content>
              <wp:comment_approved><![CDATA[1]]></wp:comment_approved><wp:comment_type><![CDATA[comment]]></wp:comment_type>
              <wp:comment_parent>0</wp:comment_parent>
            </wp:comment>
            <wp:comment>
              <wp:comment_id>4</wp:comment_id><wp:comment_author><![CDATA[Anna Roux]]></wp:comment_author>
              <wp:comment_date_gmt><![CDATA[2024-01-05 10:30:00]]></wp:comment_date_gmt>
              <wp:comment_content><![CDATA[Oui, jusqu'à 18 h !]]></wp:comment_content>
              <wp:comment_approved><![CDATA[1]]></wp:comment_approved><wp:comment_parent>3</wp:comment_parent>
            </wp:comment>
            <wp:comment>
              <wp:comment_id>5</wp:comment_id><wp:comment_author><![CDATA[Casino]]></wp:comment_author>
              <wp:comment_date_gmt><![CDATA[2024-01-06 02:00:00]]></wp:comment_date_gmt>
              <wp:comment_content><![CDATA[Gagnez des millions]]></wp:comment_content>
              <wp:comment_approved><![CDATA[spam]]></wp:comment_approved><wp:comment_parent>0</wp:comment_parent>
            </wp:comment>
          </item>
          <item>
            <title>photo.jpg</title><wp:post_id>13</wp:post_id><wp:post_type><![CDATA[attachment]]></wp:post_type>
          </item>
          <item>
            <title>Brouillon</title><guid isPermaLink="false">https://melisse.example/?p=14</guid><wp:post_id>14</wp:post_id>
            <wp:post_date_gmt>0000-00-00 00:00:00</wp:post_date_gmt><wp:status>draft</wp:status><wp:post_type>page</wp:post_type>
          </item>
        </channel></rss>
        """

    @Test func readsPostsCommentsTheirThreadsAndApprovalState() throws {
        let found = wxrItems(try readWXR(Data(Self.export.utf8)))
        #expect(found.map(\.externalID) == [
            "https://melisse.example/?p=12", "https://melisse.example/?p=12#comment-3", "https://melisse.example/?p=12#comment-4",
            "https://melisse.example/?p=12#comment-5", "https://melisse.example/?p=14",
        ], "the attachment is not conversation")
        let post = found[0]
        #expect(post.title == "Galettes des rois")
        #expect(post.text == "Frangipane & pommes.")
        #expect(post.author?.displayName == "Anna Roux")
        #expect(post.createdAt?.iso8601UTC == "2024-01-05T09:00:00Z")
        #expect(post.tags == ["Saison"])
        #expect(post.engagement?.replies == 2, "two approved comments")
        #expect(found[1].kind == .comment && found[1].parentExternalID == post.externalID && found[1].rootExternalID == post.externalID)
        #expect(found[1].author?.externalID == "mailto:lucie@example.org")
        #expect(found[2].parentExternalID == "https://melisse.example/?p=12#comment-3", "a reply to a comment")
        #expect(found[3].status == .spam)
        #expect(found[4].status == .pending && found[4].createdAt == nil && found[4].tags == ["page"])
    }

    /// An item with a misspelt end tag is reported and skipped; an export cut after its items
    /// keeps them and reports the cut; one cut before its first item reads nothing and says why.
    @Test func reportsAnItemThatIsNotWellFormedAndAnExportCutShort() throws {
        let broken = Self.export.replacingOccurrences(of: "<title>photo.jpg</title>", with: "<title>photo.jpg</titel>")
        let found = try readWXR(Data(broken.utf8))
        #expect(wxrItems(found).map(\.externalID).contains("https://melisse.example/?p=14"), "the item after it is read")
        let rejected = found.compactMap { if case .rejected(let problem) = $0 { problem } else { nil } }
        #expect(rejected.count == 1)
        #expect(rejected.first?.location.line == 40)
        #expect(rejected.first?.reason.contains("its <title> (line 41) is never closed") == true)

        let cut = Self.export.replacingOccurrences(of: "</channel></rss>", with: "")
        let read = try readWXR(Data(cut.utf8))
        #expect(wxrItems(read).count == 5, "the items before the cut (a post, its three comments, a page)")
        let last = try #require(read.last)
        guard case .rejected(let problem) = last else { Issue.record("the cut is reported"); return }
        #expect(problem.reason.contains("ends before </channel> and </rss>"))

        let head = String(Self.export.prefix(upTo: try #require(Self.export.range(of: "<item>")).lowerBound))
        #expect {
            try readWXR(Data(head.utf8))
        } throws: { error in
            (error as? ReadError)?.kind == .malformed && "\(error)".contains("no item was read")
        }
    }

    @Test func refusesAFeedThatIsNotAnExport() {
        #expect {
            try readWXR(Data("<rss><channel><title>x</title></channel></rss>".utf8))
        } throws: { error in
            (error as? ReadError)?.kind == .wrongFormat && "\(error)".contains("not a WordPress export")
        }
    }
}

@Suite("WordPress export reader on WordPress's importer test files", .enabled(if: SharedData.isAvailable, Comment(rawValue: SharedData.skipMessage)))
struct WXRSharedDataTests {
    /// Posts and pages plus their comments, as counted by reading each file (post_type post/page only).
    @Test(arguments: [
        ("small-export.xml", 11, 1), ("valid-wxr-1.1.xml", 2, 1), ("theme-unit-test-data.xml", 79, 33),
        ("a11y-unit-test-data.xml", 65, 29), ("wxr-utf-8-challenges.xml", 1, 0),
    ])
    func readsEveryPostAndComment(file: String, posts: Int, comments: Int) throws {
        let url = try #require(SharedData.url("wordpress-wxr/\(file)"))
        let found = try readWXR(try Data(contentsOf: url), name: file)
        let read = wxrItems(found)
        #expect(read.filter { $0.kind == .post }.count == posts)
        #expect(read.filter { $0.kind == .comment || $0.kind == .mention }.count == comments)
        #expect(found.count == read.count, "nothing rejected")
        let ids = Set(read.map(\.externalID))
        #expect(ids.count == read.count, "ids are unique")
        for comment in read where comment.kind != .post {
            #expect(comment.parentExternalID.map(ids.contains) == true, "\(comment.externalID)'s parent is in the file")
        }
    }

    @Test func keepsTheHardestUTF8Intact() throws {
        let url = try #require(SharedData.url("wordpress-wxr/wxr-utf-8-challenges.xml"))
        let post = try #require(wxrItems(try readWXR(try Data(contentsOf: url))).first)
        #expect(post.title?.contains("Frost") == true && post.title?.contains("🌲") == true)
        #expect(post.externalID.contains("🚀"))
    }

    @Test func readsThemeUnitTestPingbacksAsMentions() throws {
        let url = try #require(SharedData.url("wordpress-wxr/theme-unit-test-data.xml"))
        let read = wxrItems(try readWXR(try Data(contentsOf: url)))
        #expect(read.filter { $0.kind == .mention }.count == 4)
        #expect(read.filter { $0.status == .pending && $0.kind != .post }.count == 3)
    }
}
