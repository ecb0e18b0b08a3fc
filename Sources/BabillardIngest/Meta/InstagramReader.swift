import BabillardCore

/// Reads Instagram's "Download your information" JSON: posts (`content/posts_1.json`) and
/// comments (`comments/post_comments_1.json`, `reels_comments.json`).
///
/// - A post is `{"media": [{"uri", "creation_timestamp", "title"}], "title"?, "creation_timestamp"?}`:
///   a post with several photos has its caption and time at the top, a single photo in its
///   media entry. Its hashtags are read from the caption.
/// - A comment is `{"string_map_data": {"Comment": {"value"}, "Media Owner": {"value"},
///   "Time": {"timestamp"}}}`: a `reply` whose parent the export does not name; the account
///   whose post it answers becomes the item's channel.
/// - Text is repaired (`MetaTextRepair`), ids are derived from time and text
///   (`MetaExport.externalID`), the time is required.
/// - The export is one account's: pass it to `init(account:)` to set it as the author of
///   every item, otherwise the author is nil (the files do not name it).
public struct InstagramReader: FormatReader {
    public let format: InputFormat = .instagram
    public var account: ActorIdentity?

    public init(account: ActorIdentity? = nil) {
        self.account = account
    }

    public func read(_ input: ReaderInput, emit: (IngestRecord) throws -> Void) throws {
        try MetaExport.forEachRecord(input, recordName: "record", platformName: "Instagram", emit: emit) { record, location, isFirst in
            let result: Result<RawItem, ExportRecordProblem>
            if let fields = record["string_map_data"], fields.object != nil {
                result = comment(fields)
            } else if let media = record["media"]?.array {
                result = post(record, media)
            } else {
                if isFirst {
                    throw ReadError(.wrongFormat, at: location, "this file holds neither Instagram posts ('media') nor comments ('string_map_data'); Babillard reads posts_*.json and post_comments_*.json.")
                }
                result = .failure(ExportRecordProblem("this entry is neither an Instagram post ('media') nor a comment ('string_map_data'); it was skipped."))
            }
            switch result {
            case .success(let item): try emit(.item(item))
            case .failure(let problem): try emit(.rejected(RejectedRecord(location: location, reason: problem.text)))
            }
        }
    }

    func post(_ record: JSONValue, _ media: [JSONValue]) -> Result<RawItem, ExportRecordProblem> {
        guard let seconds = MetaExport.seconds(record["creation_timestamp"])
            ?? media.lazy.compactMap({ MetaExport.seconds($0["creation_timestamp"]) }).first
        else {
            return .failure(ExportRecordProblem("the post has no valid creation_timestamp; it was skipped."))
        }
        let caption = MetaTextRepair.repair(record["title"]?.string)
            ?? media.lazy.compactMap({ MetaTextRepair.repair($0["title"]?.string) }).first
            ?? ""
        return .success(RawItem(
            platform: .instagram, externalID: MetaExport.externalID(kind: "post", timestamp: seconds, text: caption),
            kind: .post, author: account, createdAt: Timestamp(epochMilliseconds: seconds * 1000),
            text: caption, tags: MetaExport.hashtags(in: caption)
        ))
    }

    func comment(_ fields: JSONValue) -> Result<RawItem, ExportRecordProblem> {
        var seconds = MetaExport.seconds(fields.at("Time", "timestamp"))
        if seconds == nil, let object = fields.object {
            // Exports in other languages translate the labels: take any entry's time.
            seconds = object.values.lazy.compactMap { MetaExport.seconds($0["timestamp"]) }.first
        }
        guard let seconds else {
            return .failure(ExportRecordProblem("the comment has no valid Time timestamp; it was skipped."))
        }
        let text = MetaTextRepair.repair(fields.at("Comment", "value")?.string) ?? ""
        return .success(RawItem(
            platform: .instagram, externalID: MetaExport.externalID(kind: "comment", timestamp: seconds, text: text),
            kind: .reply, author: account, createdAt: Timestamp(epochMilliseconds: seconds * 1000),
            text: text, tags: MetaExport.hashtags(in: text),
            channel: MetaTextRepair.repair(fields.at("Media Owner", "value")?.string)
        ))
    }
}
