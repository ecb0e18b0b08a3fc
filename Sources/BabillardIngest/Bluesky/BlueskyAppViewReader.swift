import BabillardCore
import Foundation

/// Reads Bluesky AppView JSON (the public XRPC API's answers):
///
/// - `{"feed": [FeedViewPost], "cursor"}`: `app.bsky.feed.getAuthorFeed`, and `getTimeline`,
///   `getFeed`, `getListFeed`, `getActorLikes`, which answer the same way. For each entry the
///   reply context's root and parent posts come first, then the post; a `reasonRepost` adds a
///   `reshare` by `reason.by` after it. Its id is the repost record's AT URI when the AppView
///   gives it (`reason.uri`, newer servers), the same id the Jetstream reader gives that repost;
///   otherwise `<post uri>#repost-by-<did of by>`, stable across fetches but not equal to the
///   Jetstream id (those two would be two items). A `reasonPin` adds nothing;
/// - `{"thread": ThreadViewPost}` (`app.bsky.feed.getPostThread`): the parents from the top of
///   the thread down, the post, then the replies depth first; `notFoundPost` and `blockedPost`
///   entries are skipped;
/// - `{"posts": [PostView]}` (`app.bsky.feed.searchPosts`, `getPosts`, `getQuotes`).
///
/// A post that embeds another post (a quote) is preceded by the quoted post when the AppView
/// shows it (`app.bsky.embed.record#viewRecord`). Each post is emitted once per input. Counts
/// (`likeCount`, `repostCount`, `replyCount`, `quoteCount`) are kept without an observation time
/// (the answer does not carry one). Dates: the record's `createdAt`, else `indexedAt`.
public struct BlueskyAppViewReader: FormatReader {
    public let format: InputFormat = .bluesky

    public init() {}

    public func read(_ input: ReaderInput, emit: (IngestRecord) throws -> Void) throws {
        let first = try SocialJSONInput.requireContent(input, what: "Bluesky post")
        guard first == UInt8(ascii: "{") else {
            throw ReadError(.wrongFormat, at: input.location(), "this is not a Bluesky AppView answer: those are JSON objects with a \"feed\", \"thread\" or \"posts\" member.")
        }
        let document = try SocialJSONInput.parseDocument(input)
        try withoutActuallyEscaping(emit) { emit in
            var writer = Writer(positions: Self.positions(input), location: input.location(), emit: emit)
            try writer.document(document, input: input)
        }
    }

    /// Where the feed entries, the posts and the thread's nodes and post views start, so that a
    /// rejected one is reported with its line and offset (the document itself is parsed whole).
    static func positions(_ input: ReaderInput) -> JSONElementPositions {
        JSONElementPositions(input, descend: { $0.isEmpty }) { path in
            switch path.first {
            case nil: return true  // the root's members, among them "thread"
            case .key("feed")?, .key("posts")?: return path.count == 1
            case .key("thread")?:
                switch path.last {
                case .key("thread")?, .key("parent")?, .key("replies")?, .index?: return true
                default: return false
                }
            default: return false
            }
        }
    }

    /// Emits the records of one document, each post once.
    private struct Writer {
        let positions: JSONElementPositions
        /// Where the entry being read starts (the file alone when that is not known).
        var location: SourceLocation
        let emit: (IngestRecord) throws -> Void
        var emitted: Set<String> = []
        typealias Path = [JSONElementPositions.Component]

        mutating func document(_ document: JSONValue, input: ReaderInput) throws {
            if let feed = document["feed"]?.array {
                for (index, entry) in feed.enumerated() {
                    location = positions.location([.key("feed")], index)
                    try feedEntry(entry, subject: "feed entry \(index + 1) of \(feed.count)")
                }
            } else if let thread = document["thread"], thread.object != nil {
                try self.thread(thread, path: [.key("thread")])
            } else if let posts = document["posts"]?.array {
                for (index, view) in posts.enumerated() {
                    location = positions.location([.key("posts")], index)
                    try post(view, subject: "post \(index + 1) of \(posts.count)")
                }
            } else if let error = document["error"]?.nonEmptyString {
                let message = document["message"]?.nonEmptyString.map { ": \($0)" } ?? ""
                throw ReadError(.wrongFormat, at: input.location(), "Bluesky answered an error instead of posts (\(error)\(message)).")
            } else {
                throw ReadError(.wrongFormat, at: input.location(), "this JSON is not a Bluesky AppView answer (it is \(SocialJSONInput.describeKeys(document))): the bluesky format reads getAuthorFeed (\"feed\"), getPostThread (\"thread\") and searchPosts (\"posts\").")
            }
        }

        mutating func reject(_ subject: String, _ reason: String) throws {
            try emit(.rejected(RejectedRecord(location: location, reason: "\(subject) \(reason)")))
        }

        mutating func feedEntry(_ entry: JSONValue, subject: String) throws {
            guard let view = entry["post"], view.object != nil else {
                return try reject(subject, "has no post.")
            }
            if let reply = entry["reply"] {
                for key in ["root", "parent"] {
                    if let context = reply[key], Self.isPostView(context) {
                        try post(context, subject: "the \(key) of \(subject)")
                    }
                }
            }
            guard try post(view, subject: subject) else { return }
            guard let reason = entry["reason"], reason["$type"]?.string == "app.bsky.feed.defs#reasonRepost" else { return }
            guard let uri = view["uri"]?.nonEmptyString, let by = reason["by"], let reposter = Self.identity(by) else {
                return try reject(subject, "is a repost without the reposter's did.")
            }
            let id = reason["uri"]?.nonEmptyString ?? "\(uri)#repost-by-\(reposter.externalID)"
            guard emitted.insert(id).inserted else { return }
            try emit(.item(RawItem(
                platform: .bluesky, externalID: id, kind: .reshare, reshareOfExternalID: uri,
                author: reposter, createdAt: reason["indexedAt"]?.string.flatMap { Timestamp(iso8601: $0) },
                status: .published
            )))
        }

        mutating func thread(_ node: JSONValue, path: Path) throws {
            location = positions.location(path)
            guard Self.isThreadViewPost(node) else {
                let uri = node["uri"]?.string ?? "?"
                return try reject("the thread", "is not a post that can be read (\(node["$type"]?.string ?? "no $type"), \(uri)).")
            }
            var parents: [(view: JSONValue, path: Path)] = []
            var parent = node["parent"]
            var parentPath = path + [.key("parent")]
            while let current = parent, Self.isThreadViewPost(current), parents.count < 10_000 {
                if let view = current["post"] { parents.append((view, parentPath + [.key("post")])) }
                parent = current["parent"]
                parentPath.append(.key("parent"))
            }
            for (view, viewPath) in parents.reversed() {
                location = positions.location(viewPath)
                try post(view, subject: "a parent in the thread")
            }
            if let view = node["post"] {
                location = positions.location(path + [.key("post")])
                try post(view, subject: "the thread's post")
            }
            try replies(of: node, path: path)
        }

        mutating func replies(of node: JSONValue, path: Path) throws {
            guard case .array(let replies)? = node["replies"] else { return }
            for (index, reply) in replies.enumerated() where Self.isThreadViewPost(reply) {
                let replyPath = path + [.key("replies"), .index(index)]
                if let view = reply["post"] {
                    location = positions.location(replyPath + [.key("post")])
                    try post(view, subject: "a reply in the thread")
                }
                try self.replies(of: reply, path: replyPath)
            }
        }

        /// Emits a PostView (after the post it quotes, when shown); false when it was rejected.
        @discardableResult
        mutating func post(_ view: JSONValue, subject: String) throws -> Bool {
            guard let uri = view["uri"]?.nonEmptyString else {
                try reject(subject, "has no uri.")
                return false
            }
            guard let author = view["author"].flatMap(Self.identity) else {
                try reject(subject, "(\(uri)) has no author did.")
                return false
            }
            guard let record = view["record"] ?? view["value"], record.object != nil else {
                try reject(subject, "(\(uri)) has no record.")
                return false
            }
            if let quoted = Self.quotedViewRecord(view) {
                try post(quoted, subject: "the post \(uri) quotes")
            }
            guard emitted.insert(uri).inserted else { return true }
            let engagement = EngagementCounts(
                likes: view["likeCount"]?.int, reshares: view["repostCount"]?.int,
                replies: view["replyCount"]?.int, quotes: view["quoteCount"]?.int
            )
            try emit(.item(BlueskyPostRecord.item(
                uri: uri, author: author, record: record,
                fallbackDate: view["indexedAt"]?.string.flatMap { Timestamp(iso8601: $0) },
                engagement: engagement
            )))
            return true
        }

        /// The quoted post's view (`app.bsky.embed.record#viewRecord`, with the record as
        /// `value`), directly or inside `recordWithMedia`.
        static func quotedViewRecord(_ view: JSONValue) -> JSONValue? {
            guard let embed = view["embed"] else { return nil }
            let candidate: JSONValue?
            switch embed["$type"]?.string {
            case "app.bsky.embed.record#view": candidate = embed["record"]
            case "app.bsky.embed.recordWithMedia#view": candidate = embed["record"]?["record"]
            default: candidate = nil
            }
            guard let record = candidate, record["$type"]?.string == "app.bsky.embed.record#viewRecord",
                  let uri = record["uri"]?.string, let parts = BlueskyPostRecord.parts(ofAtURI: uri),
                  parts.collection == BlueskyPostRecord.postCollection,
                  record["value"]?.object != nil
            else { return nil }
            return record
        }

        static func isPostView(_ value: JSONValue) -> Bool {
            if let type = value["$type"]?.string { return type == "app.bsky.feed.defs#postView" }
            return value["uri"] != nil && value["record"] != nil
        }

        static func isThreadViewPost(_ value: JSONValue) -> Bool {
            if let type = value["$type"]?.string { return type == "app.bsky.feed.defs#threadViewPost" }
            return value["post"]?.object != nil
        }

        /// A ProfileView(Basic) as an actor: the DID is the id, the handle is kept unless the
        /// AppView marks it `handle.invalid`.
        static func identity(_ profile: JSONValue) -> ActorIdentity? {
            guard let did = profile["did"]?.nonEmptyString else { return nil }
            let handle = profile["handle"]?.nonEmptyString.flatMap { $0 == "handle.invalid" ? nil : $0 }
            return ActorIdentity(
                platform: .bluesky, externalID: did, handle: handle,
                displayName: profile["displayName"]?.nonEmptyString,
                profileURL: "https://bsky.app/profile/\(did)",
                followers: profile["followersCount"]?.int, following: profile["followsCount"]?.int
            )
        }
    }
}
