import BabillardCore
import BabillardIngest
import BabillardTestSupport
import Foundation
import Testing

private func readAllReddit(_ reader: some FormatReader, _ text: String, name: String = "fixture") throws -> [IngestRecord] {
    try readAllReddit(reader, ReaderInput(data: Data(text.utf8), name: name))
}

private func readAllReddit(_ reader: some FormatReader, _ input: ReaderInput) throws -> [IngestRecord] {
    var records: [IngestRecord] = []
    try reader.read(input) { records.append($0) }
    return records
}

private func redditItems(_ records: [IngestRecord]) -> [RawItem] {
    records.compactMap { if case .item(let item) = $0 { item } else { nil } }
}

private func redditRejections(_ records: [IngestRecord]) -> [RejectedRecord] {
    records.compactMap { if case .rejected(let rejection) = $0 { rejection } else { nil } }
}

/// A comments page (`/comments/abc123.json`): the post, then a comment tree with a reply, a
/// deleted reply, a comment by a deleted account, an empty `replies` and a `more` stub.
private let commentsPage = #"""
[
  {"kind": "Listing", "data": {"after": null, "before": null, "children": [
    {"kind": "t3", "data": {
      "id": "abc123", "name": "t3_abc123", "subreddit": "montreal", "author": "fournil_mtl",
      "title": "Nouvelle boulangerie sur Saint-Denis &amp; café",
      "selftext": "On ouvre **samedi** :\n\n* croissants\n* pains au chocolat",
      "selftext_html": "<!-- SC_OFF --><div class=\"md\"><p>On ouvre <strong>samedi</strong></p></div>",
      "score": 57, "ups": 57, "num_comments": 4, "created_utc": 1700000000.5,
      "permalink": "/r/montreal/comments/abc123/nouvelle_boulangerie/",
      "url": "https://www.reddit.com/r/montreal/comments/abc123/nouvelle_boulangerie/",
      "link_flair_text": "Bouffe"
    }}
  ]}},
  {"kind": "Listing", "data": {"children": [
    {"kind": "t1", "data": {
      "id": "k1", "name": "t1_k1", "parent_id": "t3_abc123", "link_id": "t3_abc123",
      "author": "julie_mtl", "body": "Enfin ! J'y vais &gt; tout de suite.", "score": 12,
      "created_utc": 1700000100.0, "edited": 1700000200.0, "subreddit": "montreal",
      "replies": {"kind": "Listing", "data": {"children": [
        {"kind": "t1", "data": {
          "id": "k2", "name": "t1_k2", "parent_id": "t1_k1", "link_id": "t3_abc123",
          "author": "[deleted]", "body": "[deleted]", "score": 1, "created_utc": 1700000300.0,
          "subreddit": "montreal", "replies": ""
        }},
        {"kind": "more", "data": {"count": 3, "name": "t1_k9", "id": "k9", "parent_id": "t1_k1", "depth": 1, "children": ["k9", "k10", "k11"]}}
      ]}}
    }},
    {"kind": "t1", "data": {
      "id": "k3", "parent_id": "t3_abc123", "link_id": "t3_abc123",
      "author": "[deleted]", "body": "Le pain était encore chaud.", "score": 5, "score_hidden": false,
      "created_utc": 1700000400, "subreddit": "montreal", "replies": ""
    }}
  ]}}
]
"""#

@Suite("Reddit reader")
struct RedditReaderTests {
    @Test func locatesARejectedCommentOfAPageByItsLineAndOffset() throws {
        let page = """
        [
          {"kind": "Listing", "data": {"children": [
            {"kind": "t3", "data": {"id": "abc123", "name": "t3_abc123", "title": "Horaires", "selftext": "", "author": "ana",
             "created_utc": 1700000000, "subreddit": "montreal", "permalink": "/r/montreal/comments/abc123/horaires/"}}
          ]}},
          {"kind": "Listing", "data": {"children": [
            {"kind": "t1", "data": {"id": "c1", "parent_id": "t3_abc123", "link_id": "t3_abc123", "author": "bob",
             "body": "Premier", "created_utc": 1700000100,
             "replies": {"kind": "Listing", "data": {"children": [
               {"kind": "t1", "data": {"id": "c2", "parent_id": "t1_c1", "link_id": "t3_abc123", "author": "ana",
                "body": "Date", "created_utc": "hier", "replies": ""}}
             ]}}}},
            {"kind": "t1"}
          ]}}
        ]
        """
        let records = try readAllReddit(RedditReader(), page, name: "page.json")
        #expect(redditItems(records).map(\.externalID) == ["t3_abc123", "t1_c1"])
        let rejections = redditRejections(records)
        #expect(rejections.map(\.location.line) == [10, 13])
        #expect(rejections.allSatisfy { $0.location.offset != nil && $0.location.file == "page.json" })
        #expect(rejections.first?.reason.contains("created_utc 'hier'") == true)
    }

    @Test func readsACommentsPageInThreadOrder() throws {
        let records = try readAllReddit(RedditReader(), commentsPage)
        let items = redditItems(records)
        #expect(redditRejections(records).isEmpty)
        #expect(items.map(\.externalID) == ["t3_abc123", "t1_k1", "t1_k2", "t1_k3"])

        let post = try #require(items.first)
        #expect(post.kind == .post)
        #expect(post.platform == .reddit)
        #expect(post.title == "Nouvelle boulangerie sur Saint-Denis & café")
        #expect(post.text == "On ouvre **samedi** :\n\n* croissants\n* pains au chocolat")
        #expect(post.url == "https://www.reddit.com/r/montreal/comments/abc123/nouvelle_boulangerie/")
        #expect(post.channel == "montreal")
        #expect(post.engagement?.likes == 57)
        #expect(post.engagement?.replies == 4)
        #expect(post.createdAt?.epochMilliseconds == 1_700_000_000_500)
        #expect(post.author?.externalID == "fournil_mtl")
        #expect(post.author?.handle == "u/fournil_mtl")
        #expect(post.tags == ["Bouffe"])
        #expect(post.parentExternalID == nil)

        let first = items[1]
        #expect(first.kind == .comment)
        #expect(first.parentExternalID == "t3_abc123")
        #expect(first.rootExternalID == "t3_abc123")
        #expect(first.text == "Enfin ! J'y vais > tout de suite.")
        #expect(first.editedAt?.epochMilliseconds == 1_700_000_200_000)
        #expect(first.engagement?.likes == 12)
        #expect(first.url == "https://www.reddit.com/comments/abc123/_/k1/")

        let deleted = items[2]
        #expect(deleted.parentExternalID == "t1_k1")
        #expect(deleted.status == .deleted)
        #expect(deleted.text == "")
        #expect(deleted.author == nil)

        // A deleted account's comment keeps its text; only the author is gone.
        let orphan = items[3]
        #expect(orphan.externalID == "t1_k3")
        #expect(orphan.author == nil)
        #expect(orphan.status == .published)
        #expect(orphan.text == "Le pain était encore chaud.")
        #expect(orphan.createdAt?.epochMilliseconds == 1_700_000_400_000)
    }

    @Test func readsAMoreChildrenAnswer() throws {
        let answer = #"""
        {"json": {"errors": [], "data": {"things": [
          {"kind": "t1", "data": {"id": "k9", "name": "t1_k9", "parent_id": "t1_k1", "link_id": "t3_abc123", "author": "marc", "body": "Moi aussi", "score": 2, "created_utc": 1700000500.0, "replies": ""}},
          {"kind": "t1", "data": {"id": "k10", "name": "t1_k10", "parent_id": "t1_k9", "link_id": "t3_abc123", "author": "julie_mtl", "body": "On s'y croise ?", "score": 1, "created_utc": 1700000600.0, "replies": ""}},
          {"kind": "more", "data": {"count": 0, "name": "t1__", "id": "_", "parent_id": "t1_k10", "depth": 10, "children": []}}
        ]}}}
        """#
        #expect(try FormatDetector.detect(ReaderInput(data: Data(answer.utf8), name: "morechildren.json")) == .reddit)
        let items = redditItems(try readAllReddit(RedditReader(), answer))
        #expect(items.map(\.externalID) == ["t1_k9", "t1_k10"])
        #expect(items.map(\.parentExternalID) == ["t1_k1", "t1_k9"])
        #expect(items.allSatisfy { $0.rootExternalID == "t3_abc123" && $0.kind == .comment })
    }

    @Test func aMoreChildrenErrorAnswerIsAnError() throws {
        let answer = #"{"json": {"errors": [["RATELIMIT", "you are doing that too much", "ratelimit"]]}}"#
        let error = #expect(throws: ReadError.self) { try readAllReddit(RedditReader(), answer) }
        #expect(error?.kind == .malformed)
        #expect(error?.message.contains("you are doing that too much") == true)
    }

    @Test func turnsEscapedHTMLIntoTextWhenThereIsNoMarkdown() throws {
        // Without raw_json=1, Reddit escapes the rendered HTML once more.
        let listing = #"""
        {"kind": "Listing", "data": {"children": [
          {"kind": "t3", "data": {"id": "p1", "title": "Horaires", "selftext": "",
           "selftext_html": "&lt;!-- SC_OFF --&gt;&lt;div class=\"md\"&gt;&lt;p&gt;Ouvert 7 h &amp;amp; 19 h&lt;/p&gt;&lt;/div&gt;&lt;!-- SC_ON --&gt;",
           "created_utc": 1700000000, "subreddit": "montreal", "permalink": "/r/montreal/comments/p1/horaires/"}}
        ]}}
        """#
        let items = redditItems(try readAllReddit(RedditReader(), listing))
        #expect(items.count == 1)
        #expect(items.first?.externalID == "t3_p1")
        #expect(items.first?.text == "Ouvert 7 h & 19 h")
    }

    @Test func rejectsAThingWithoutIdOrWithABadDateAndGoesOn() throws {
        let listing = #"""
        {"kind": "Listing", "data": {"children": [
          {"kind": "t1", "data": {"parent_id": "t3_abc123", "link_id": "t3_abc123", "author": "x", "body": "sans id"}},
          {"kind": "t1", "data": {"id": "k5", "parent_id": "t3_abc123", "link_id": "t3_abc123", "author": "x", "body": "date", "created_utc": "hier"}},
          {"kind": "t1", "data": {"id": "k6", "parent_id": "t3_abc123", "link_id": "t3_abc123", "author": "x", "body": "bon", "created_utc": 1700000000}}
        ]}}
        """#
        let records = try readAllReddit(RedditReader(), listing, name: "user.json")
        let rejections = redditRejections(records)
        #expect(rejections.count == 2)
        #expect(rejections.first?.reason.contains("has no id") == true)
        #expect(rejections.first?.location.file == "user.json")
        #expect(rejections.last?.reason.contains("created_utc 'hier'") == true)
        #expect(redditItems(records).map(\.externalID) == ["t1_k6"])
    }

    @Test func readsOneThingPerLineWithLineNumbers() throws {
        let lines = """
        {"id": "d1", "parent_id": "t3_abc123", "link_id": "t3_abc123", "author": "ana", "body": "Premier", "created_utc": 1700000000, "subreddit": "montreal"}
        {"kind": "t1", "data": {"id": "d2", "parent_id": "t1_d1", "link_id": "t3_abc123", "author": "bob", "body": "Second", "created_utc": 1700000001}}
        {"id": "d3", "body": "coupé
        {"id": "p9", "title": "Un post", "selftext": "", "created_utc": 1700000002, "subreddit": "montreal"}
        """
        let records = try readAllReddit(RedditReader(), lines, name: "dump.jsonl")
        #expect(redditItems(records).map(\.externalID) == ["t1_d1", "t1_d2", "t3_p9"])
        #expect(redditItems(records).map(\.kind) == [.comment, .comment, .post])
        let rejection = try #require(redditRejections(records).first)
        #expect(rejection.location.line == 3)
        #expect(rejection.location.file == "dump.jsonl")
    }

    @Test func anErrorAnswerOnOneLineSpoilsThatLineOnly() throws {
        let lines = """
        {"id": "e1", "parent_id": "t3_abc123", "link_id": "t3_abc123", "author": "ana", "body": "Avant", "created_utc": 1700000000, "subreddit": "montreal"}
        {"json": {"errors": [["RATELIMIT", "you are doing that too much", "ratelimit"]]}}
        {"id": "e3", "parent_id": "t3_abc123", "link_id": "t3_abc123", "author": "bob", "body": "Après", "created_utc": 1700000002, "subreddit": "montreal"}
        """
        let records = try readAllReddit(RedditReader(), lines, name: "dump.jsonl")
        #expect(redditItems(records).map(\.externalID) == ["t1_e1", "t1_e3"])
        let rejection = try #require(redditRejections(records).first)
        #expect(rejection.location.line == 2)
        #expect(rejection.reason.contains("you are doing that too much"))
    }

    @Test func detectsTheCommentsPage() throws {
        #expect(try FormatDetector.detect(ReaderInput(data: Data(commentsPage.utf8), name: "abc123.json")) == .reddit)
    }

    @Test(arguments: [
        ("", ReadError.Kind.empty),
        ("  \n ", ReadError.Kind.empty),
        (#"[{"kind": "Listing", "data": {"children": ["#, ReadError.Kind.truncated),
        (#"{"statuses": [], "accounts": []}"#, ReadError.Kind.wrongFormat),
        (#"[1, 2, 3]"#, ReadError.Kind.wrongFormat),
    ])
    func refusesInputsItCannotRead(text: String, kind: ReadError.Kind) {
        let error = #expect(throws: ReadError.self) { try readAllReddit(RedditReader(), text) }
        #expect(error?.kind == kind, "\(text)")
    }
}

@Suite("Reddit reader on real threads", .enabled(if: SharedData.isAvailable, Comment(rawValue: SharedData.skipMessage)))
struct RedditReaderSharedDataTests {
    @Test func readsTheWholeCommentsPage() throws {
        let url = try #require(SharedData.url("reddit/comments-n49rw.json"))
        let input = try ReaderInput.file(url.path)
        #expect(try FormatDetector.detect(input) == .reddit)
        let records = try readAllReddit(RedditReader(), input)
        let items = redditItems(records)
        #expect(redditRejections(records).isEmpty)
        // One post and 485 comments; the 177 `more` stubs produce nothing.
        #expect(items.count == 486)
        #expect(items.filter { $0.kind == .comment }.count == 485)
        #expect(Set(items.map(\.externalID)).count == 486)

        let post = try #require(items.first)
        #expect(post.externalID == "t3_n49rw")
        #expect(post.kind == .post)
        #expect(post.title == "We're back")
        #expect(post.text.hasPrefix("Hey folks,\n\nAs you may have noticed, the site is back up and running."))
        #expect(post.url == "https://www.reddit.com/r/announcements/comments/n49rw/were_back/")
        #expect(post.channel == "announcements")
        #expect(post.author?.externalID == "alienth")
        #expect(post.engagement?.likes == 2414)
        #expect(post.engagement?.replies == 1412)
        #expect(post.createdAt?.epochMilliseconds == 1_323_313_344_000)

        let byID = Dictionary(uniqueKeysWithValues: items.map { ($0.externalID, $0) })
        let first = try #require(byID["t1_c364vol"])
        #expect(first.parentExternalID == "t3_n49rw")
        #expect(first.rootExternalID == "t3_n49rw")
        #expect(first.author?.externalID == "marcman84")
        #expect(first.engagement?.likes == 645)
        #expect(items[1].externalID == "t1_c364vol")
        let reply = try #require(byID["t1_c364wqo"])
        #expect(reply.parentExternalID == "t1_c364vol")
        #expect(reply.text == "Sure. Why not. It's Unix, I know this.")
        // Character references in markdown are decoded, as Reddit renders them.
        #expect(byID["t1_c3652au"]?.text == "licking what? ಠ\\_ಠ")

        // 122 top-level comments, threads 10 levels deep (depth 0 to 9), all parents present.
        #expect(items.filter { $0.parentExternalID == "t3_n49rw" }.count == 122)
        func depth(_ item: RawItem) -> Int {
            var level = 0
            var parent = item.parentExternalID
            while let id = parent, id != "t3_n49rw", let next = byID[id] {
                level += 1
                parent = next.parentExternalID
            }
            return level
        }
        #expect(items.dropFirst().map(depth).max() == 9)
        #expect(items.allSatisfy { $0.parentExternalID == nil || byID[$0.parentExternalID!] != nil })

        // 10 comments say [deleted]; 60 have no author any more (50 of them kept their text).
        #expect(items.filter { $0.status == .deleted }.count == 10)
        #expect(items.filter { $0.author == nil }.count == 60)
        let deepest = try #require(byID["t1_c368bpa"])
        #expect(deepest.author == nil)
        #expect(deepest.parentExternalID == "t1_c3689m8")
        #expect(depth(deepest) == 9)
        #expect(deepest.text == "and today the internet became serious business")
    }

    /// The betamax recording holds Reddit JSON as strings in `interactions[].response.body.string`;
    /// the test unwraps them (the reader knows nothing of betamax).
    @Test func readsEveryAnswerOfARecordedSession() throws {
        let url = try #require(SharedData.url("reddit/announcements-comment-tree.json"))
        let cassette = try JSONParser.parse(try Data(contentsOf: url))
        let interactions = try #require(cassette["interactions"]?.array)
        #expect(interactions.count == 237)
        var items: [RawItem] = []
        var rejected = 0
        var answersRead = 0
        for (index, interaction) in interactions.enumerated() {
            let body = try #require(interaction.at("response", "body", "string")?.string)
            let input = ReaderInput(data: Data(body.utf8), name: "interaction \(index)")
            // The first answer is the OAuth token, not Reddit content.
            guard try FormatDetector.detect(input) == .reddit else { continue }
            answersRead += 1
            let records = try readAllReddit(RedditReader(), input)
            items += redditItems(records)
            rejected += redditRejections(records).count
        }
        // The comments page, 232 morechildren answers and 3 "continue this thread" pages.
        #expect(answersRead == 236)
        #expect(rejected == 0)
        let comments = items.filter { $0.kind == .comment }
        // 1,431 comments read, 3 of them twice (each "continue this thread" page repeats its
        // first comment): 1,428 distinct. The README's 1,412 is the post's own num_comments.
        #expect(comments.count == 1431)
        #expect(Set(comments.map(\.externalID)).count == 1428)
        #expect(Set(items.filter { $0.kind == .post }.map(\.externalID)) == ["t3_n49rw"])
        #expect(items.first(where: { $0.kind == .post })?.engagement?.replies == 1412)
        // The thread is complete: every comment's parent is the post or a comment of the session.
        let ids = Set(items.map(\.externalID))
        #expect(comments.allSatisfy { ids.contains($0.parentExternalID ?? "") && $0.rootExternalID == "t3_n49rw" })
        #expect(comments.filter { $0.parentExternalID == "t3_n49rw" }.map(\.externalID).reduce(into: Set<String>()) { $0.insert($1) }.count == 535)
        // A comment that only a morechildren answer holds.
        let late = try #require(comments.first { $0.externalID == "t1_c369r5m" })
        #expect(late.parentExternalID == "t3_n49rw")
        #expect(late.author?.externalID == "angrybrother273")
        #expect(late.text.hasPrefix("Would you mind taking the site back down for another couple of hours?"))
    }
}
