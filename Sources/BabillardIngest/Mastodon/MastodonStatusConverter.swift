import BabillardCore

/// Turns Mastodon API statuses into items, resolving thread links through a `MastodonStatusDirectory`.
///
/// Decisions:
/// - identity is the status `uri`; a status without one is rejected;
/// - a reblog is two items: the reblogged status first, then a `reshare` whose id is the
///   reblog's own uri (`…/statuses/<id>/activity`, the id of the `Announce` in an outbox) and
///   whose `reshareOfExternalID` is the reblogged status's uri; the wrapper's counts are
///   Mastodon's copies, not the reshare's own, so the reshare has none;
/// - a Mastodon 4.4+ quote whose status is shown in full is emitted before the quoting status,
///   which becomes a `quote` with `reshareOfExternalID`; a reply that quotes stays a `reply`
///   (its place in the thread matters more) and keeps the quote as its cascade edge;
/// - `created_at` that is not a date rejects the status; a missing one leaves the date unknown;
///   an unreadable `edited_at` is ignored (it is optional);
/// - the API only shows statuses that exist, so every item is `published`;
/// - in one document each status is emitted once (a timeline can show a status and a reblog of
///   it); JSON lines are not checked, to keep memory flat.
struct MastodonStatusConverter {
    var directory: MastodonStatusDirectory
    /// The uris emitted so far, when repeats are to be dropped.
    private var emitted: Set<String>?

    init(directory: MastodonStatusDirectory, dropRepeats: Bool) {
        self.directory = directory
        self.emitted = dropRepeats ? [] : nil
    }

    /// True the first time an id is emitted (always when repeats are kept).
    private mutating func isNew(_ id: String) -> Bool {
        guard emitted != nil else { return true }
        return emitted!.insert(id).inserted
    }

    /// Emits the items of one status (what it reblogs or quotes first), or a rejection.
    /// `subject` names the status in messages ("the status", "status 3 of 20").
    mutating func emitItems(
        of status: MastodonStatusView, subject: String, at location: SourceLocation,
        emit: (IngestRecord) throws -> Void
    ) throws {
        if let reblog = status.reblog {
            guard MastodonStatusFields.isStatus(reblog), let original = MastodonStatusView(reblog) else {
                return try emit(.rejected(RejectedRecord(location: location, reason: "\(subject) reblogs something that is not a status (its \"reblog\" has no id or account).")))
            }
            try emitItems(of: original, subject: "the status \(subject) reblogs", at: location, emit: emit)
            switch reshare(status, of: original) {
            case .success(let item): if isNew(item.externalID) { try emit(.item(item)) }
            case .failure(let problem): try emit(.rejected(RejectedRecord(location: location, reason: "\(subject) \(problem.reason)")))
            }
            return
        }
        if let quoted = status.quotedStatus.flatMap(MastodonStatusView.init) {
            try emitItems(of: quoted, subject: "the status \(subject) quotes", at: location, emit: emit)
        }
        switch item(status) {
        case .success(let item): if isNew(item.externalID) { try emit(.item(item)) }
        case .failure(let problem): try emit(.rejected(RejectedRecord(location: location, reason: "\(subject) \(problem.reason)")))
        }
    }

    struct Problem: Error {
        /// The end of a sentence whose subject names the status: "has no uri.".
        var reason: String
    }

    func item(_ status: MastodonStatusView) -> Result<RawItem, Problem> {
        guard let uri = status.uri else {
            let idText = status.id?.idString.map { " (id \($0))" } ?? ""
            return .failure(Problem(reason: "has no uri\(idText): Babillard identifies a status by its uri."))
        }
        let createdAt: Timestamp?
        switch Self.date(status.createdAt) {
        case .success(let stamp): createdAt = stamp
        case .failure(let bad): return .failure(Problem(reason: "\(uri): created_at '\(bad.text)' is not a date."))
        }
        let parent = status.inReplyToID.map { directory.uri(ofStatus: $0, accountID: status.inReplyToAccountID) }
        let root = status.inReplyToID.flatMap { directory.rootURI(above: $0) }
        var quoted: String?
        if let quotedStatus = status.quotedStatus {
            quoted = quotedStatus["uri"]?.nonEmptyString
        } else if let quotedID = status.quote?["quoted_status_id"]?.idString {
            quoted = directory.uri(ofStatus: quotedID, accountID: nil)
        }
        let kind: ItemKind = parent != nil ? .reply : (quoted != nil ? .quote : .post)
        var tags: [String] = []
        if case .array(let list)? = status.tags, !list.isEmpty {
            tags.reserveCapacity(list.count)
            for tag in list {
                if let name = tag["name"]?.nonEmptyString { tags.append(name) }
            }
        }
        let engagement = EngagementCounts(
            likes: status.favourites, reshares: status.reblogs, replies: status.replies, quotes: status.quotes
        )
        return .success(RawItem(
            platform: .mastodon, externalID: uri, kind: kind,
            parentExternalID: parent, rootExternalID: root, reshareOfExternalID: quoted,
            author: status.account?.identity,
            createdAt: createdAt,
            editedAt: try? Self.date(status.editedAt).get(),
            title: status.spoilerText,
            text: MastodonStatusFields.plainText(of: status),
            url: status.url,
            language: status.language.map(Self.lowercased),
            engagement: engagement.isEmpty ? nil : engagement,
            status: .published,
            tags: tags
        ))
    }

    /// The reshare item of a reblog wrapper.
    func reshare(_ wrapper: MastodonStatusView, of reblog: MastodonStatusView) -> Result<RawItem, Problem> {
        guard let uri = wrapper.uri else {
            let idText = wrapper.id?.idString.map { " (id \($0))" } ?? ""
            return .failure(Problem(reason: "is a reblog without a uri\(idText)."))
        }
        guard let original = reblog.uri else {
            return .failure(Problem(reason: "\(uri) reblogs a status that has no uri."))
        }
        let createdAt: Timestamp?
        switch Self.date(wrapper.createdAt) {
        case .success(let stamp): createdAt = stamp
        case .failure(let bad): return .failure(Problem(reason: "\(uri): created_at '\(bad.text)' is not a date."))
        }
        return .success(RawItem(
            platform: .mastodon, externalID: uri, kind: .reshare, reshareOfExternalID: original,
            author: wrapper.account?.identity,
            createdAt: createdAt, url: wrapper.url, status: .published
        ))
    }

    struct BadDate: Error {
        var text: String
    }

    /// Nil for a missing or null date, the text of one that is not a date as the failure.
    static func date(_ value: JSONValue?) -> Result<Timestamp?, BadDate> {
        guard let value, !value.isNull else { return .success(nil) }
        guard let text = value.string, let stamp = Timestamp(iso8601: text) else {
            return .failure(BadDate(text: value.string ?? SocialJSONInput.describeKeys(value)))
        }
        return .success(stamp)
    }

    /// Language tags are nearly always lowercase already: skip the copy then.
    static func lowercased(_ tag: String) -> String {
        tag.utf8.contains { $0 >= 0x41 && $0 <= 0x5A } ? tag.lowercased() : tag
    }
}
