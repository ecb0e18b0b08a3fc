import BabillardCore

/// How an `app.bsky.feed.post` record becomes an item, for both the Jetstream and the AppView
/// readers, so that a post read from either is the same item.
///
/// - identity is the AT URI `at://<did>/app.bsky.feed.post/<rkey>`;
/// - `reply.parent.uri` and `reply.root.uri` are the thread links;
/// - an embedded post (`app.bsky.embed.record`, or `app.bsky.embed.recordWithMedia` whose
///   `record.record` is the post) makes the item a `quote` of it; an embedded feed generator,
///   list or starter pack is not a post and makes no quote; a reply that quotes stays a `reply`
///   and keeps the quote as its cascade edge;
/// - tags are the `#tag` facets, then the record's own `tags`, without repeats;
/// - the language is the first of `langs`; the URL is `https://bsky.app/profile/<did>/post/<rkey>`
///   (the DID, not the handle, so that it never changes).
enum BlueskyPostRecord {
    static let postCollection = "app.bsky.feed.post"

    static func atURI(did: String, collection: String, rkey: String) -> String {
        "at://\(did)/\(collection)/\(rkey)"
    }

    /// The parts of an AT URI: `at://did/collection/rkey`.
    static func parts(ofAtURI uri: String) -> (did: Substring, collection: Substring, rkey: Substring)? {
        guard uri.hasPrefix("at://") else { return nil }
        let parts = uri.dropFirst(5).split(separator: "/", maxSplits: 2, omittingEmptySubsequences: false)
        guard parts.count == 3, !parts[0].isEmpty, !parts[1].isEmpty, !parts[2].isEmpty else { return nil }
        return (parts[0], parts[1], parts[2])
    }

    static func webURL(ofPost uri: String) -> String? {
        guard let parts = parts(ofAtURI: uri), parts.collection == postCollection else { return nil }
        return "https://bsky.app/profile/\(parts.did)/post/\(parts.rkey)"
    }

    /// The AT URI of the post a record embeds, when it embeds a post.
    static func quotedPostURI(_ record: JSONValue) -> String? {
        guard let embed = record["embed"] else { return nil }
        let uri: String?
        switch embed["$type"]?.string {
        case "app.bsky.embed.record": uri = embed["record"]?["uri"]?.nonEmptyString
        case "app.bsky.embed.recordWithMedia": uri = embed["record"]?["record"]?["uri"]?.nonEmptyString
        default: uri = nil
        }
        guard let uri, let parts = parts(ofAtURI: uri), parts.collection == postCollection else { return nil }
        return uri
    }

    static func tags(_ record: JSONValue) -> [String] {
        var tags: [String] = []
        if case .array(let facets)? = record["facets"] {
            for facet in facets {
                guard case .array(let features)? = facet["features"] else { continue }
                for feature in features where feature["$type"]?.string == "app.bsky.richtext.facet#tag" {
                    if let tag = feature["tag"]?.nonEmptyString, !tags.contains(tag) { tags.append(tag) }
                }
            }
        }
        if case .array(let extra)? = record["tags"] {
            for value in extra {
                if let tag = value.nonEmptyString, !tags.contains(tag) { tags.append(tag) }
            }
        }
        return tags
    }

    /// The item of a post record. `createdAt` is the record's own date when it is one, else
    /// `fallbackDate` (the event's or the index's time): clients write what they like in
    /// `createdAt`, and a post is worth keeping with the time the network saw it.
    static func item(
        uri: String, author: ActorIdentity, record: JSONValue, fallbackDate: Timestamp?,
        editedAt: Timestamp? = nil, engagement: EngagementCounts? = nil
    ) -> RawItem {
        let parent = record["reply"]?["parent"]?["uri"]?.nonEmptyString
        let root = record["reply"]?["root"]?["uri"]?.nonEmptyString
        let quoted = quotedPostURI(record)
        let createdAt = record["createdAt"]?.string.flatMap { Timestamp(iso8601: $0) } ?? fallbackDate
        return RawItem(
            platform: .bluesky, externalID: uri,
            kind: parent != nil ? .reply : (quoted != nil ? .quote : .post),
            parentExternalID: parent, rootExternalID: parent != nil ? root : nil, reshareOfExternalID: quoted,
            author: author, createdAt: createdAt, editedAt: editedAt,
            text: record["text"]?.string ?? "",
            url: webURL(ofPost: uri),
            language: record["langs"]?[0]?.nonEmptyString?.lowercased(),
            engagement: engagement.flatMap { $0.isEmpty ? nil : $0 },
            status: .published,
            tags: tags(record)
        )
    }
}
