import BabillardCore
import Foundation

/// Reads Reddit's own JSON: what `.json` URLs and the API answer.
///
/// Accepted shapes:
/// - a Listing, `{"kind": "Listing", "data": {"children": […]}}` (a subreddit, a user's posts
///   or comments, search results);
/// - a comments page, `/comments/ID.json`: a list of two Listings, the post then the comment
///   tree, each comment's `replies` being a Listing of its own (or `""`);
/// - a `morechildren` answer, `{"json": {"errors": [], "data": {"things": […]}}}`: the comments
///   a page's `more` stubs stood for, flat, each with its `parent_id`;
/// - a single thing, and one thing or Listing per line (JSON lines, as in Pushshift-style
///   dumps, where things may come without their `kind` wrapper).
///
/// Items come out in document order, a comment right after its parent. `more` stubs produce
/// nothing: they only promise comments that a `morechildren` answer (or a deeper comments
/// page) holds, and importing those answers too completes the thread. The same comment met
/// twice (a page and a "continue this thread" page) is emitted twice with the same fullname,
/// which the store merges.
///
/// A whole document is parsed once, and a quick second pass over its bytes finds where each
/// thing of its listings (`children`, `things`, and the elements of a comments page) starts, so
/// that a rejected thing is located by its line and offset (see `JSONElementPositions`). In JSON
/// lines, by line.
public struct RedditReader: FormatReader {
    public let format: InputFormat = .reddit

    public init() {}

    public func read(_ input: ReaderInput, emit: (IngestRecord) throws -> Void) throws {
        guard let first = firstLine(of: input) else {
            throw ReadError(.empty, at: input.location(), "the file is empty: there is no Reddit listing to import.")
        }
        if let value = first.value {
            try readLines(input, first: (value, first.line, first.offset), emit: emit)
        } else {
            try readDocument(input, emit: emit)
        }
    }

    // MARK: - Whole document or lines

    /// The first non-blank line and, when that line is a JSON value on its own, the value.
    private func firstLine(of input: ReaderInput) -> (value: JSONValue?, line: Int, offset: Int)? {
        var found: (value: JSONValue?, line: Int, offset: Int)?
        LineScanner.forEachLine(in: input.data) { bytes, number, start in
            if LineScanner.isBlank(bytes) { return true }
            // A pretty-printed document's first line ("[" or "{") fails at once, cheaply.
            found = (try? JSONParser.parse(bytes, baseOffset: start), number, start)
            return false
        }
        return found
    }

    private func readDocument(_ input: ReaderInput, emit: (IngestRecord) throws -> Void) throws {
        let document: JSONValue
        do throws(JSONParseError) {
            document = try JSONParser.parse(input.data)
        } catch {
            let line = Self.lineNumber(in: input.data, offset: error.offset)
            let kind: ReadError.Kind = error.reason.contains("truncated") || error.reason.contains("ends too early") ? .truncated : .malformed
            throw ReadError(kind, at: input.location(line: line, offset: error.offset), "this is not valid JSON (\(error.reason)), so no Reddit item could be read.")
        }
        let walker = Walker(location: input.location(), positions: Self.positions(input))
        guard try walker.visitDocument(document, emit: emit) else {
            throw ReadError(.wrongFormat, at: input.location(), Self.wrongFormatMessage)
        }
    }

    private func readLines(
        _ input: ReaderInput, first: (value: JSONValue, line: Int, offset: Int),
        emit: (IngestRecord) throws -> Void
    ) throws {
        let firstWalker = Walker(location: input.location(line: first.line, offset: first.offset))
        guard try firstWalker.visitDocument(first.value, emit: emit) else {
            throw ReadError(.wrongFormat, at: firstWalker.location, Self.wrongFormatMessage)
        }
        try LineScanner.forEachLine(in: input.data) { line, number, offset in
            guard number > first.line, !LineScanner.isBlank(line) else { return true }
            let location = input.location(line: number, offset: offset)
            let value: JSONValue
            do throws(JSONParseError) {
                value = try JSONParser.parse(line, baseOffset: offset)
            } catch {
                try emit(.rejected(RejectedRecord(location: location, reason: "this line is not valid JSON (\(error.reason) at byte \(error.offset)); it was skipped.")))
                return true
            }
            do {
                if try !Walker(location: location).visitDocument(value, emit: emit) {
                    try emit(.rejected(RejectedRecord(location: location, reason: "this line is not a Reddit listing, post or comment; it was skipped.")))
                }
            } catch let error as ReadError where error.kind == .malformed {
                // One line holding an error answer spoils that line only: the lines after it are read.
                try emit(.rejected(RejectedRecord(location: location, reason: error.reason)))
            }
            return true
        }
    }

    /// Where the things of a document's listings start: the path to a thing goes through
    /// `data`, `children`, `replies`, `json` and `things` members and list elements only.
    static func positions(_ input: ReaderInput) -> JSONElementPositions {
        JSONElementPositions(
            input,
            descend: { path in
                switch path.last {
                case nil, .index?, .key("data")?, .key("replies")?, .key("json")?: return true
                default: return false
                }
            },
            record: { path in
                switch path.last {
                case .key("children")?, .key("things")?: return true
                case nil: return true  // a comments page's Listings, or a lone thing's members (harmless)
                default: return false
                }
            }
        )
    }

    static let wrongFormatMessage =
        "this JSON is not Reddit's: expected a Listing ({\"kind\": \"Listing\", …}), a comments page (a list of two Listings) or a morechildren answer ({\"json\": {\"data\": {\"things\": […]}}}); name another format with --format."

    static func lineNumber(in data: Data, offset: Int) -> Int {
        data.withUnsafeBytes { raw in
            var line = 1
            for byte in raw.prefix(max(0, offset)) where byte == 0x0A { line += 1 }
            return line
        }
    }

    // MARK: - Walking listings and things

    private struct Walker {
        /// Where the value is: a line of JSON lines, or the whole file.
        let location: SourceLocation
        /// For a whole document, where its things start.
        var positions: JSONElementPositions? = nil
        typealias Path = [JSONElementPositions.Component]

        /// The location of the thing at `path`: its line and offset when known.
        func locate(_ path: Path) -> SourceLocation {
            guard let positions, positions.position(path) != nil else { return location }
            return positions.location(path)
        }

        /// False when the value is not Reddit JSON at all.
        func visitDocument(_ value: JSONValue, emit: (IngestRecord) throws -> Void) throws -> Bool {
            switch value {
            case .array(let elements):
                var recognised = elements.isEmpty
                for (index, element) in elements.enumerated() where element.object != nil {
                    if element["kind"]?.string != nil || RedditThing.bareKind(element) != nil {
                        recognised = true
                        try visitThing(element, path: [.index(index)], emit: emit)
                    }
                }
                return recognised
            case .object:
                if value["kind"]?.string != nil, value["data"]?.object != nil {
                    try visitThing(value, path: [], emit: emit)
                    return true
                }
                if let answer = value["json"], answer.object != nil {
                    try visitMoreChildren(answer, path: [.key("json")], emit: emit)
                    return true
                }
                if let kind = RedditThing.bareKind(value) {
                    try visit(kind: kind, data: value, path: [], dataPath: [], emit: emit)
                    return true
                }
                return false
            default:
                return false
            }
        }

        /// `{"errors": [], "data": {"things": […]}}`: an answer with errors and no things is
        /// an error page (rate limit, bad ids), not an empty thread.
        func visitMoreChildren(_ answer: JSONValue, path: Path, emit: (IngestRecord) throws -> Void) throws {
            if let things = answer.at("data", "things")?.array {
                for (index, thing) in things.enumerated() {
                    try visitThing(thing, path: path + [.key("data"), .key("things"), .index(index)], emit: emit)
                }
                return
            }
            if let errors = answer["errors"]?.array, !errors.isEmpty {
                let text = errors.map { error in
                    error.array?.compactMap(\.string).joined(separator: " ") ?? error.messageText
                }.joined(separator: "; ")
                throw ReadError(.malformed, at: location, "this is a Reddit error answer, not comments: \(text).")
            }
        }

        func visitListing(_ listing: JSONValue, path: Path, emit: (IngestRecord) throws -> Void) throws {
            guard let children = listing.at("data", "children")?.array else { return }
            for (index, child) in children.enumerated() {
                try visitThing(child, path: path + [.key("data"), .key("children"), .index(index)], emit: emit)
            }
        }

        /// `path` is where the thing sits in the document (empty in JSON lines).
        func visitThing(_ thing: JSONValue, path: Path, emit: (IngestRecord) throws -> Void) throws {
            guard let kind = thing["kind"]?.string, let data = thing["data"], data.object != nil else {
                try emit(.rejected(RejectedRecord(location: locate(path), reason: "a listing holds an entry without 'kind' and 'data'; it was skipped.")))
                return
            }
            if kind == "Listing" {
                try visitListing(thing, path: path, emit: emit)
                return
            }
            try visit(kind: kind, data: data, path: path, dataPath: path + [.key("data")], emit: emit)
        }

        func visit(kind: String, data: JSONValue, path: Path, dataPath: Path, emit: (IngestRecord) throws -> Void) throws {
            switch RedditThing.outcome(kind: kind, data: data) {
            case .item(let item): try emit(.item(item))
            case .skip: break
            case .reject(let reason): try emit(.rejected(RejectedRecord(location: locate(path), reason: reason)))
            }
            // Replies follow their parent, even a deleted or rejected one: they still belong to the thread.
            if let replies = data["replies"], replies["kind"]?.string == "Listing" {
                try visitListing(replies, path: dataPath + [.key("replies")], emit: emit)
            }
        }
    }
}
