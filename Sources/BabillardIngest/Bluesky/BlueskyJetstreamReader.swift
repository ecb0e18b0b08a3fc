import BabillardCore
import Foundation

/// Reads Bluesky Jetstream events, one JSON object per line (a JSON array of events is read
/// too, whole, each rejected event located by the line and offset where it starts), streaming
/// with flat memory; a bad line is rejected with its number and reading goes on.
///
/// - `commit` `create`/`update` of `app.bsky.feed.post` → a post, reply or quote (see
///   `BlueskyPostRecord`); an update is the item again with `editedAt` set to the event time;
/// - `app.bsky.feed.repost` → a `reshare` item whose id is the repost record's AT URI and whose
///   `reshareOfExternalID` is `subject.uri`;
/// - `app.bsky.feed.like` → a `Reaction` whose id is the like record's AT URI;
/// - `delete` of a post, repost or like → a `Deletion` of `at://<did>/<collection>/<rkey>`
///   (Jetstream says nothing else about what was deleted);
/// - `app.bsky.actor.profile` → an actor record with the display name; `identity` events → an
///   actor record with the handle when the event gives one; `account` events → an actor record
///   (the DID only: an account event says whether the account is active, which Babillard does
///   not keep);
/// - every other collection (follows, blocks, lists, other apps' records) and their deletes are
///   skipped silently: they are not content, and a follow graph is not what Babillard measures.
///
/// Dates: a record's `createdAt`, else (missing or not a date) the event's `time_us`.
public struct BlueskyJetstreamReader: FormatReader {
    public let format: InputFormat = .blueskyJetstream

    public init() {}

    static let repostCollection = "app.bsky.feed.repost"
    static let likeCollection = "app.bsky.feed.like"
    static let profileCollection = "app.bsky.actor.profile"

    public func read(_ input: ReaderInput, emit: (IngestRecord) throws -> Void) throws {
        let first = try SocialJSONInput.requireContent(input, what: "Jetstream event")
        if first == UInt8(ascii: "[") {
            let document = try SocialJSONInput.parseDocument(input)
            let events = document.array ?? []
            if let head = events.first, !Self.isEvent(head) {
                throw ReadError(.wrongFormat, at: input.location(), Self.notJetstream(head))
            }
            // Where each event starts, so that a rejected event is reported with its line and offset.
            let positions = events.isEmpty ? nil : JSONElementPositions(input, descend: { _ in false }, record: { $0.isEmpty })
            for (index, event) in events.enumerated() {
                let location = positions?.location([], index) ?? input.location()
                try Self.read(event, at: location, subject: "event \(index + 1) of \(events.count)", emit: emit)
            }
            return
        }
        guard first == UInt8(ascii: "{") else {
            throw ReadError(.wrongFormat, at: input.location(), "this is not JSON lines: each line of a Jetstream capture is a JSON object.")
        }
        var sawEvent = false
        try SocialJSONInput.forEachLine(input, emit: emit) { event, line in
            if !sawEvent {
                guard Self.isEvent(event) else {
                    throw ReadError(.wrongFormat, at: input.location(line: line), Self.notJetstream(event))
                }
                sawEvent = true
            }
            try Self.read(event, at: input.location(line: line), subject: "line \(line)", emit: emit)
        }
    }

    static func isEvent(_ value: JSONValue) -> Bool {
        value["did"]?.string != nil && value["kind"]?.string != nil
    }

    static func notJetstream(_ value: JSONValue) -> String {
        "this is not a Jetstream event (it is \(SocialJSONInput.describeKeys(value))): each event has \"did\", \"time_us\" and \"kind\"."
    }

    /// `subject` names the event in a rejection ("line 12"); it is built only when one is needed.
    static func read(
        _ event: JSONValue, at location: SourceLocation, subject: @autoclosure () -> String,
        emit: (IngestRecord) throws -> Void
    ) throws {
        func reject(_ reason: String) throws {
            try emit(.rejected(RejectedRecord(location: location, reason: "\(subject()): \(reason)")))
        }
        guard case .object = event else {
            return try reject("the event is \(SocialJSONInput.describeKeys(event)), not an object.")
        }
        guard let did = event["did"]?.nonEmptyString else { return try reject("the event has no did.") }
        let eventTime = event["time_us"]?.int64.map { Timestamp(epochMilliseconds: $0 / 1000) }
        switch event["kind"]?.string {
        case "commit":
            guard let commit = event["commit"], commit.object != nil else { return try reject("the commit event has no commit.") }
            guard let collection = commit["collection"]?.nonEmptyString, let rkey = commit["rkey"]?.idString else {
                return try reject("the commit has no collection or rkey.")
            }
            let uri = BlueskyPostRecord.atURI(did: did, collection: collection, rkey: rkey)
            let author = ActorIdentity(platform: .bluesky, externalID: did)
            switch commit["operation"]?.string {
            case "create", "update":
                let isUpdate = commit["operation"]?.string == "update"
                guard collection == BlueskyPostRecord.postCollection || collection == repostCollection
                    || collection == likeCollection || collection == profileCollection
                else { return }
                guard let record = commit["record"], record.object != nil else {
                    return try reject("the \(collection) commit has no record.")
                }
                let createdAt = record["createdAt"]?.string.flatMap { Timestamp(iso8601: $0) } ?? eventTime
                switch collection {
                case BlueskyPostRecord.postCollection:
                    try emit(.item(BlueskyPostRecord.item(
                        uri: uri, author: author, record: record, fallbackDate: eventTime, editedAt: isUpdate ? eventTime : nil
                    )))
                case repostCollection:
                    guard let subject = record["subject"]?["uri"]?.nonEmptyString else {
                        return try reject("the repost \(uri) has no subject.uri.")
                    }
                    try emit(.item(RawItem(
                        platform: .bluesky, externalID: uri, kind: .reshare, reshareOfExternalID: subject,
                        author: author, createdAt: createdAt, status: .published
                    )))
                case likeCollection:
                    guard let subject = record["subject"]?["uri"]?.nonEmptyString else {
                        return try reject("the like \(uri) has no subject.uri.")
                    }
                    try emit(.reaction(Reaction(platform: .bluesky, externalID: uri, targetExternalID: subject, actor: author, createdAt: createdAt)))
                default:  // profile
                    try emit(.actor(ActorIdentity(
                        platform: .bluesky, externalID: did, displayName: record["displayName"]?.nonEmptyString,
                        profileURL: "https://bsky.app/profile/\(did)"
                    )))
                }
            case "delete":
                guard collection == BlueskyPostRecord.postCollection || collection == repostCollection || collection == likeCollection else { return }
                try emit(.deletion(Deletion(platform: .bluesky, externalID: uri, deletedAt: eventTime)))
            default:
                try reject("the commit's operation '\(commit["operation"]?.string ?? "")' is not create, update or delete.")
            }
        case "identity":
            let handle = event["identity"]?["handle"]?.nonEmptyString.flatMap { $0 == "handle.invalid" ? nil : $0 }
            try emit(.actor(ActorIdentity(platform: .bluesky, externalID: did, handle: handle, profileURL: "https://bsky.app/profile/\(did)")))
        case "account":
            try emit(.actor(ActorIdentity(platform: .bluesky, externalID: did, profileURL: "https://bsky.app/profile/\(did)")))
        default:
            return  // a kind this version does not know: nothing to keep
        }
    }
}
