import BabillardCore

/// Reads Facebook's "Download your information" JSON: posts (`your_posts_1.json`, group posts)
/// and comments (`comments.json`, `{"comments_v2": […]}`).
///
/// - A post is `{"timestamp", "data": [{"post": "…"}, {"update_timestamp": …}], "title",
///   "attachments": [{"data": [{"external_context": {"url"}}, {"place": {…}}, {"media": {…}}]}]}`.
///   Its text is the `post` entry (else the first photo's description), its title Facebook's
///   sentence ("Marie a partagé un lien."), its URL the shared link (exports carry no
///   permalink). A post with a `place` attachment is a `checkin` at that place: that is how
///   exports hold check-ins.
/// - A comment is `{"timestamp", "data": [{"comment": {"timestamp", "comment", "author", "group"?}}],
///   "title"}`: a `reply` (Facebook is a social thread) whose parent the export does not name.
/// - Every string goes through `MetaTextRepair` (the exports write UTF-8 bytes as `\u00XX`).
/// - Ids are derived from the timestamp and the text (see `MetaExport.externalID`).
/// - The timestamp is required (it is part of the id): a record without one is rejected.
/// - Posts carry no author: they are the account owner's. Pass the owner to `init(account:)`
///   to set it; otherwise a post's author is nil and a comment's author is the name the
///   export gives (Facebook exports have no account id, so the name is the actor's id).
public struct FacebookReader: FormatReader {
    public let format: InputFormat = .facebook
    public var account: ActorIdentity?

    public init(account: ActorIdentity? = nil) {
        self.account = account
    }

    public func read(_ input: ReaderInput, emit: (IngestRecord) throws -> Void) throws {
        try MetaExport.forEachRecord(input, recordName: "record", platformName: "Facebook", emit: emit) { record, location, isFirst in
            guard record.object != nil else {
                try emit(.rejected(RejectedRecord(location: location, reason: "this entry is not a JSON object, so not a Facebook post or comment; it was skipped.")))
                return
            }
            let entries = record["data"]?.array ?? []
            let result: Result<RawItem, ExportRecordProblem>
            if let comment = entries.lazy.compactMap({ $0["comment"] }).first(where: { $0.object != nil }) {
                result = self.comment(record, comment)
            } else if record["timestamp"] != nil || record["attachments"] != nil || entries.contains(where: { $0["post"] != nil }) {
                result = post(record, entries)
            } else {
                if isFirst {
                    throw ReadError(.wrongFormat, at: location, "this file holds neither Facebook posts nor comments (no 'timestamp', 'data' or 'attachments'); Babillard reads your_posts_*.json and comments.json.")
                }
                result = .failure(ExportRecordProblem("this entry is neither a Facebook post nor a comment (no 'timestamp', 'data' or 'attachments'); it was skipped."))
            }
            switch result {
            case .success(let item): try emit(.item(item))
            case .failure(let problem): try emit(.rejected(RejectedRecord(location: location, reason: problem.text)))
            }
        }
    }

    func post(_ record: JSONValue, _ entries: [JSONValue]) -> Result<RawItem, ExportRecordProblem> {
        guard let seconds = MetaExport.seconds(record["timestamp"]) else {
            return .failure(ExportRecordProblem("the post has no valid timestamp ('\(record["timestamp"]?.messageText ?? "missing")'); it was skipped."))
        }
        var text = MetaTextRepair.repair(entries.lazy.compactMap { $0["post"]?.string }.first) ?? ""
        let edited = entries.lazy.compactMap { MetaExport.seconds($0["update_timestamp"]) }.first
        var link: String? = nil
        var place: Place? = nil
        var caption: String? = nil
        for attachment in record["attachments"]?.array ?? [] {
            for entry in attachment["data"]?.array ?? [] {
                if link == nil, let url = entry.at("external_context", "url")?.nonEmptyString { link = url }
                if place == nil, let found = entry["place"], found.object != nil { place = Self.place(found) }
                if caption == nil { caption = MetaTextRepair.repair(entry.at("media", "description")?.string) }
            }
        }
        if text.isEmpty, let caption { text = caption }
        return .success(RawItem(
            platform: .facebook, externalID: MetaExport.externalID(kind: "post", timestamp: seconds, text: text),
            kind: place != nil ? .checkin : .post, author: account,
            createdAt: Timestamp(epochMilliseconds: seconds * 1000),
            editedAt: edited.map { Timestamp(epochMilliseconds: $0 * 1000) },
            title: MetaTextRepair.repair(record["title"]?.string), text: text, url: link, place: place
        ))
    }

    func comment(_ record: JSONValue, _ comment: JSONValue) -> Result<RawItem, ExportRecordProblem> {
        guard let seconds = MetaExport.seconds(comment["timestamp"]) ?? MetaExport.seconds(record["timestamp"]) else {
            return .failure(ExportRecordProblem("the comment has no valid timestamp; it was skipped."))
        }
        let text = MetaTextRepair.repair(comment["comment"]?.string) ?? ""
        var author = account
        if author == nil, let name = MetaTextRepair.repair(comment["author"]?.string) {
            author = ActorIdentity(platform: .facebook, externalID: name, displayName: name)
        }
        var link: String? = nil
        for attachment in record["attachments"]?.array ?? [] {
            for entry in attachment["data"]?.array ?? [] where link == nil {
                link = entry.at("external_context", "url")?.nonEmptyString
            }
        }
        return .success(RawItem(
            platform: .facebook, externalID: MetaExport.externalID(kind: "comment", timestamp: seconds, text: text),
            kind: .reply, author: author, createdAt: Timestamp(epochMilliseconds: seconds * 1000),
            title: MetaTextRepair.repair(record["title"]?.string), text: text, url: link,
            channel: MetaTextRepair.repair(comment["group"]?.string)
        ))
    }

    /// `{"name", "coordinate": {"latitude", "longitude"}, "address", "url"}`.
    static func place(_ value: JSONValue) -> Place {
        Place(
            name: MetaTextRepair.repair(value["name"]?.string),
            externalID: value["url"]?.nonEmptyString,
            latitude: value.at("coordinate", "latitude")?.double,
            longitude: value.at("coordinate", "longitude")?.double,
            address: MetaTextRepair.repair(value["address"]?.string))
    }
}
