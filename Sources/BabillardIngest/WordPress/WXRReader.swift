import BabillardCore
import Foundation

/// Reads a WordPress export (WXR 1.0–1.2): posts and pages with their comments, pingbacks and
/// trackbacks, threaded by `wp:comment_parent`, with their approval state.
///
/// Identity follows WordPress's own naming so that an export and the blog's feeds meet: a post is
/// its `guid` (`http://site/?p=12`, what the RSS feed also gives), a comment is the post's guid plus
/// `#comment-N`, which is the guid WordPress gives that comment in its comment feeds. Pages are
/// read as posts (tagged `page`); attachments, menu items, revisions and other technical post types
/// are not conversation and are left out. Drafts, scheduled and private posts are kept as `pending`,
/// comments awaiting moderation as `pending`, spam as `spam`, trash as `trash`. Pingbacks and
/// trackbacks (another site linking to the post) are `mention`s.
public struct WXRReader: FormatReader {
    public let format: InputFormat = .wxr

    public init() {}

    static let conversationTypes: Set<String> = ["post", "page"]

    public func read(_ input: ReaderInput, emit: (IngestRecord) throws -> Void) throws {
        let decoded = TextDecoding.decode(input.data, contentType: input.contentType)
        var parser = XMLStreamingParser(canonicalPrefixes: FeedNamespaces.canonicalPrefixes)
        parser.entityExpansionLimit = max(1 << 20, input.data.count)
        let lines = decoded.withUTF8 { LineIndex($0) }
        try XMLDocumentChecks.requireXML(decoded, of: input, expected: "a WordPress export")
        var site: WXRSite?
        var sawVersion = false
        var postIDsByGUID: [String: String] = [:]
        var sawRecord = false
        let document: XMLStreamingParser.Document
        do {
            document = try decoded.withUTF8 { buffer in
                try parser.parse(buffer, baseURL: input.baseURL, isRecord: { element, parent in
                    element.name == "item" && parent?.name == "channel"
                }, onRecord: { element, ancestors, end in
                    sawRecord = true
                    let location = input.location(line: lines.line(at: element.offset))
                    switch end {
                    case .complete:
                        break
                    case .truncated:
                        try emit(.rejected(RejectedRecord(location: location, reason: "the file ends inside this <item>: it is truncated; the items before it were read.")))
                        return
                    case .leftOpen(let name, let offset):
                        try emit(.rejected(RejectedRecord(location: location, reason: XMLDocumentChecks.leftOpen(name, line: lines.line(at: offset), in: "item"))))
                        return
                    }
                    if site == nil, let channel = ancestors.last {
                        site = WXRSite(channel: channel)
                        sawVersion = channel.child("wp:wxr_version") != nil
                    }
                    try WXRItemMapper(site: site!, location: location).emit(element, postIDsByGUID: &postIDsByGUID, emit)
                })
            }
        } catch let error as XMLReadError {
            throw ReadError(.malformed, at: input.location(line: lines.line(at: error.offset)), error.reason)
        }
        guard let root = document.root else {
            throw ReadError(.wrongFormat, at: input.location(), "there is no XML element in this file: it is not a WordPress export.")
        }
        let channel = root.child("channel")
        if site == nil, channel?.child("wp:wxr_version") == nil, !sawVersion {
            throw ReadError(.wrongFormat, at: input.location(), "this file has no <wp:wxr_version>: it is not a WordPress export (WXR). Is it a feed? Try --format feed, or leave --format out.")
        }
        try XMLDocumentChecks.reportLeftOpenAtEnd(of: document, lines: lines, input: input, sawRecord: sawRecord, record: "item", records: "items", emit: emit)
    }
}

/// What the export says about the site: its address and its authors.
struct WXRSite {
    var baseURL: String
    var title: String?
    var language: String?
    var host: String
    /// author login → (display name, email)
    var authors: [String: (name: String?, email: String?)] = [:]

    init(channel: XMLElement) {
        baseURL = channel.child("wp:base_site_url")?.trimmedText ?? channel.child("link")?.trimmedText ?? "wordpress"
        title = channel.child("title")?.trimmedText
        language = channel.child("language")?.trimmedText?.lowercased()
        host = URL(string: baseURL)?.host ?? baseURL
        for author in channel.children("wp:author") {
            guard let login = author.child("wp:author_login")?.trimmedText else { continue }
            authors[login] = (author.child("wp:author_display_name")?.trimmedText, author.child("wp:author_email")?.trimmedText)
        }
    }
}

struct WXRItemMapper {
    var site: WXRSite
    var location: SourceLocation

    /// `postIDsByGUID` remembers which post took each guid: exports in the wild have posts that
    /// share one (a copied post keeps its original's guid), and the second must not overwrite the first.
    func emit(_ item: XMLElement, postIDsByGUID: inout [String: String], _ emit: (IngestRecord) throws -> Void) throws {
        let postType = item.child("wp:post_type")?.trimmedText ?? "post"
        guard WXRReader.conversationTypes.contains(postType) else { return }
        guard let postID = item.child("wp:post_id")?.trimmedText else {
            try emit(.rejected(RejectedRecord(location: location, reason: "this <item> has no <wp:post_id>: it cannot be told apart from the others.")))
            return
        }
        let postAddress = "\(site.baseURL.hasSuffix("/") ? site.baseURL : site.baseURL + "/")?p=\(postID)"
        var externalID = item.child("guid")?.trimmedText ?? postAddress
        if let owner = postIDsByGUID[externalID], owner != postID {
            externalID = postAddress
        } else {
            postIDsByGUID[externalID] = postID
        }
        var post = RawItem(platform: .blog, externalID: externalID, kind: .post)
        post.title = item.child("title").flatMap { $0.trimmedText }.map { HTMLEntities.decode($0) }
        post.text = item.child("content:encoded").map { HTMLText.plainText($0.text) } ?? ""
        if post.text.isEmpty, let excerpt = item.child("excerpt:encoded") { post.text = HTMLText.plainText(excerpt.text) }
        post.url = item.child("link")?.trimmedText
        post.createdAt = wordpressDate(item.child("wp:post_date_gmt")?.trimmedText, fallback: item.child("wp:post_date")?.trimmedText)
            ?? item.child("pubDate")?.trimmedText.flatMap(FeedDate.parse)
        post.language = site.language
        post.channel = site.title ?? site.host
        post.status = postStatus(item.child("wp:status")?.trimmedText)
        if let login = item.child("dc:creator")?.trimmedText {
            let known = site.authors[login]
            post.author = ActorIdentity(platform: .blog, externalID: "\(site.host)/\(login.lowercased())", handle: login, displayName: known?.name ?? login)
        }
        var tags: [String] = postType == "page" ? ["page"] : []
        for category in item.children("category") {
            if let name = category.trimmedText.map({ HTMLEntities.decode($0) }), !tags.contains(name) { tags.append(name) }
        }
        post.tags = tags
        let comments = item.children("wp:comment")
        if !comments.isEmpty { post.engagement = EngagementCounts(replies: comments.filter { $0.child("wp:comment_approved")?.trimmedText == "1" }.count) }
        try emit(.item(post))

        for comment in comments {
            guard let commentID = comment.child("wp:comment_id")?.trimmedText else {
                try emit(.rejected(RejectedRecord(location: location, reason: "a <wp:comment> of post \(postID) has no <wp:comment_id>; it was skipped.")))
                continue
            }
            var item = RawItem(platform: .blog, externalID: "\(externalID)#comment-\(commentID)", kind: .comment)
            let type = comment.child("wp:comment_type")?.trimmedText ?? ""
            if type == "pingback" || type == "trackback" { item.kind = .mention }
            if let parent = comment.child("wp:comment_parent")?.trimmedText, parent != "0", !parent.isEmpty {
                item.parentExternalID = "\(externalID)#comment-\(parent)"
            } else {
                item.parentExternalID = externalID
            }
            item.rootExternalID = externalID
            item.text = comment.child("wp:comment_content").map { HTMLText.plainText($0.text) } ?? ""
            item.createdAt = wordpressDate(comment.child("wp:comment_date_gmt")?.trimmedText, fallback: comment.child("wp:comment_date")?.trimmedText)
            item.language = site.language
            item.channel = post.channel
            item.url = post.url.map { "\($0)#comment-\(commentID)" }
            switch comment.child("wp:comment_approved")?.trimmedText ?? "1" {
            case "1", "approve": item.status = .published
            case "spam": item.status = .spam
            case "trash", "post-trashed": item.status = .trash
            default: item.status = .pending
            }
            let name = comment.child("wp:comment_author")?.trimmedText.map { HTMLEntities.decode($0) }
            let email = comment.child("wp:comment_author_email")?.trimmedText
            let url = comment.child("wp:comment_author_url")?.trimmedText
            if let shown = name ?? email ?? url {
                let identity = url ?? email.map { "mailto:\($0.lowercased())" } ?? "\(site.host)/\(shown.lowercased())"
                item.author = ActorIdentity(platform: .blog, externalID: identity, displayName: name ?? shown, profileURL: url)
            }
            try emit(.item(item))
        }
    }

    func postStatus(_ status: String?) -> ItemStatus {
        switch status ?? "publish" {
        case "publish", "inherit": return .published
        case "trash": return .trash
        default: return .pending  // draft, pending, future, private
        }
    }

    /// WordPress writes `2010-10-16 20:53:18` in GMT, and `0000-00-00 00:00:00` for "not yet".
    func wordpressDate(_ gmt: String?, fallback local: String?) -> Timestamp? {
        if let gmt, !gmt.hasPrefix("0000"), var stamp = Timestamp(iso8601: gmt) {
            stamp.utcOffsetMinutes = 0
            return stamp
        }
        if let local, !local.hasPrefix("0000") { return Timestamp(iso8601: local) }
        return nil
    }
}
