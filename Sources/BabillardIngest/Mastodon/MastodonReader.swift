import BabillardCore
import Foundation

/// Reads Mastodon REST API JSON as the API returns it:
///
/// - one status (`GET /api/v1/statuses/:id`);
/// - a list of statuses (timelines, an account's statuses, bookmarks, favourites);
/// - a thread's context (`{"ancestors": [...], "descendants": [...]}`), emitted root first;
/// - search results (`{"accounts", "statuses", "hashtags"}`, and grouped notifications, which
///   have the same two lists): accounts become actor records, statuses items;
/// - JSON lines, one status per line, read line by line with flat memory; a bad line is
///   rejected with its number and reading goes on.
///
/// A document is parsed whole (a timeline lists replies before their parents, which are
/// resolved across it), and each rejected status is still located by its line and offset.
///
/// The shape is told from the first significant byte (`[` is a list; `{` followed by another
/// complete JSON value on a later line is JSON lines) and then from the keys. How statuses
/// become items, and how a reply's parent is named by its `uri` although Mastodon gives only the
/// parent's local id, is explained in `MastodonStatusConverter` and `MastodonStatusDirectory`.
public struct MastodonReader: FormatReader {
    public let format: InputFormat = .mastodon

    /// How many statuses per generation the JSON lines reader remembers to resolve parents.
    public var linesDirectoryCapacity = 100_000

    public init() {}

    public func read(_ input: ReaderInput, emit: (IngestRecord) throws -> Void) throws {
        let first = try SocialJSONInput.requireContent(input, what: "Mastodon status")
        guard first == UInt8(ascii: "{") || first == UInt8(ascii: "[") else {
            throw ReadError(.wrongFormat, at: input.location(), "this is not JSON: Mastodon API answers start with '{' or '['.")
        }
        if first == UInt8(ascii: "{"), SocialJSONInput.isJSONLines(input.data) {
            try readLines(input, emit: emit)
        } else {
            try readDocument(input, emit: emit)
        }
    }

    // MARK: One document

    private func readDocument(_ input: ReaderInput, emit: (IngestRecord) throws -> Void) throws {
        let value = try SocialJSONInput.parseDocument(input)
        var converter = MastodonStatusConverter(directory: MastodonStatusDirectory(baseURL: input.baseURL), dropRepeats: true)
        guard let shape = Shape(value) else {
            throw ReadError(.wrongFormat, at: input.location(), Self.notMastodon(value))
        }
        // Where each status (and account) starts, so that a rejected one is reported with its
        // line and offset although the document is parsed whole to resolve parents across it.
        let positions = JSONElementPositions(input, descend: { $0.isEmpty }) { path in
            switch path {
            case [], [.key("ancestors")], [.key("descendants")], [.key("statuses")], [.key("accounts")]: return true
            default: return false
            }
        }
        try read(shape, converter: &converter, at: input.location(), positions: positions, emit: emit)
    }

    // MARK: JSON lines

    private func readLines(_ input: ReaderInput, emit: (IngestRecord) throws -> Void) throws {
        var converter = MastodonStatusConverter(
            directory: MastodonStatusDirectory(capacity: linesDirectoryCapacity, baseURL: input.baseURL), dropRepeats: false
        )
        var sawShape = false
        try SocialJSONInput.forEachLine(input, emit: emit) { value, line in
            let location = input.location(line: line)
            guard let shape = Shape(value) else {
                if !sawShape {
                    throw ReadError(.wrongFormat, at: location, Self.notMastodon(value))
                }
                return try emit(.rejected(RejectedRecord(location: location, reason: "line \(line) is not a Mastodon status: it is \(SocialJSONInput.describeKeys(value)).")))
            }
            sawShape = true
            if case .status(let status) = shape, let view = MastodonStatusView(status) {
                // The common case, kept short: one status per line, its members picked once.
                converter.directory.register(view)
                try converter.emitItems(of: view, subject: "the status", at: location, emit: emit)
            } else {
                try read(shape, converter: &converter, at: location, emit: emit)
            }
        }
    }

    // MARK: Shapes

    /// What a JSON value from the Mastodon API holds.
    enum Shape {
        case status(JSONValue)
        case statuses([JSONValue])
        case context(ancestors: [JSONValue], descendants: [JSONValue])
        case search(accounts: [JSONValue], statuses: [JSONValue])
        case error(String)

        init?(_ value: JSONValue) {
            switch value {
            case .array(let list):
                // An empty page is an answer too ("nothing newer"); a list of something else is not.
                if let first = list.first, !MastodonStatusFields.isStatus(first) { return nil }
                self = .statuses(list)
            case .object(let object):
                if MastodonStatusFields.isStatus(value) {
                    self = .status(value)
                } else if object["ancestors"]?.array != nil || object["descendants"]?.array != nil {
                    self = .context(ancestors: object["ancestors"]?.array ?? [], descendants: object["descendants"]?.array ?? [])
                } else if let statuses = object["statuses"]?.array, object["accounts"] != nil || object["hashtags"] != nil {
                    self = .search(accounts: object["accounts"]?.array ?? [], statuses: statuses)
                } else if let message = object["error"]?.nonEmptyString, object.count <= 3 {
                    self = .error(message)
                } else {
                    return nil
                }
            default:
                return nil
            }
        }
    }

    /// `location` is where the value is (a line of JSON lines, or the whole file); `positions`,
    /// for a whole document, say where each of its statuses starts.
    private func read(
        _ shape: Shape, converter: inout MastodonStatusConverter, at location: SourceLocation,
        positions: JSONElementPositions? = nil, emit: (IngestRecord) throws -> Void
    ) throws {
        switch shape {
        case .status(let status):
            guard let view = MastodonStatusView(status) else { return }
            converter.directory.register(view)
            try converter.emitItems(of: view, subject: "the status", at: positions?.location([]) ?? location, emit: emit)
        case .statuses(let list):
            try emitList(list, converter: &converter, at: location, positions: positions, path: [], emit: emit)
        case .context(let ancestors, let descendants):
            for status in ancestors { converter.directory.register(status) }
            for status in descendants { converter.directory.register(status) }
            Self.placeFocalStatus(ancestors: ancestors, descendants: descendants, in: &converter.directory)
            try emitList(ancestors, converter: &converter, at: location, positions: positions, path: [.key("ancestors")], name: "ancestor", emit: emit)
            try emitList(descendants, converter: &converter, at: location, positions: positions, path: [.key("descendants")], name: "descendant", emit: emit)
        case .search(let accounts, let statuses):
            for (index, account) in accounts.enumerated() {
                converter.directory.registerAccount(account)
                if let identity = MastodonAccountView(account)?.identity {
                    try emit(.actor(identity))
                } else {
                    let accountLocation = positions?.location([.key("accounts")], index) ?? location
                    try emit(.rejected(RejectedRecord(location: accountLocation, reason: "an account in the results has neither uri nor url.")))
                }
            }
            try emitList(statuses, converter: &converter, at: location, positions: positions, path: [.key("statuses")], emit: emit)
        case .error(let message):
            if location.line == nil {
                throw ReadError(.wrongFormat, at: location, "the Mastodon server answered an error instead of statuses: \"\(message)\".")
            }
            try emit(.rejected(RejectedRecord(location: location, reason: "the Mastodon server answered an error here: \"\(message)\".")))
        }
    }

    /// Registers every status of a list before emitting any, so that a timeline (newest first,
    /// replies before their parents) resolves its parents.
    private func emitList(
        _ list: [JSONValue], converter: inout MastodonStatusConverter, at listLocation: SourceLocation,
        positions: JSONElementPositions?, path: [JSONElementPositions.Component],
        name: String = "status", emit: (IngestRecord) throws -> Void
    ) throws {
        for status in list { converter.directory.register(status) }
        for (index, status) in list.enumerated() {
            let location = positions?.location(path, index) ?? listLocation
            let subject = "\(name) \(index + 1) of \(list.count)"
            guard MastodonStatusFields.isStatus(status), let view = MastodonStatusView(status) else {
                try emit(.rejected(RejectedRecord(location: location, reason: "\(subject) is not a status: it is \(SocialJSONInput.describeKeys(status)).")))
                continue
            }
            try converter.emitItems(of: view, subject: subject, at: location, emit: emit)
        }
    }

    /// A context answer leaves out the status it was asked about (the focal status): the
    /// descendants answer it and it answers the last ancestor. Its place is recorded so that the
    /// descendants' parent and root resolve.
    static func placeFocalStatus(ancestors: [JSONValue], descendants: [JSONValue], in directory: inout MastodonStatusDirectory) {
        for status in descendants {
            guard let parentID = status["in_reply_to_id"]?.idString else { continue }
            guard directory.status(parentID) == nil else { continue }
            let uri = directory.uri(ofStatus: parentID, accountID: status["in_reply_to_account_id"]?.idString)
            directory.insert(parentID, MastodonStatusDirectory.Status(uri: uri, parentID: ancestors.last?["id"]?.idString))
            return
        }
    }

    static func notMastodon(_ value: JSONValue) -> String {
        "this JSON is not Mastodon statuses (it is \(SocialJSONInput.describeKeys(value))): the mastodon format reads a status, a list of statuses, a thread's context, search results, or statuses one per line."
    }
}
