import BabillardCore
import Foundation

/// Reads the records of a JSON export one array element at a time.
///
/// Exports such as X's `tweets.js`, Facebook's `your_posts_1.json` or Foursquare's check-ins
/// are one large array of records (sometimes inside an object: `{"items": […]}`). Parsing the
/// whole document first would hold every record's tree in memory at once (a heavy X archive is
/// hundreds of megabytes) and would lose where each record sits. This scanner finds each
/// element's bytes (a quick pass that only tracks strings and brackets), and `JSONParser`
/// parses that element alone, with its byte offset: memory stays at one record, every record
/// has a line and an offset for its messages, and a broken record is skipped, not fatal.
struct JSONArrayStream {
    /// One element of a records array: its parsed value (or why it could not be parsed) and where it starts.
    struct Element {
        var value: Result<JSONValue, JSONParseError>
        /// 1-based line and 0-based byte offset of the element's first byte.
        var line: Int
        var offset: Int
        /// 0-based position in its array.
        var index: Int
    }

    let bytes: UnsafeBufferPointer<UInt8>
    let input: ReaderInput
    /// What one record is called in messages ("tweet", "post", "check-in").
    let recordName: String
    private(set) var index = 0
    /// 1-based line of `index`.
    private(set) var line = 1
    /// Elements handed out so far, over all arrays.
    private(set) var elementCount = 0

    init(bytes: UnsafeBufferPointer<UInt8>, input: ReaderInput, recordName: String) {
        self.bytes = bytes
        self.input = input
        self.recordName = recordName
    }

    var current: UInt8? { index < bytes.count ? bytes[index] : nil }

    var location: SourceLocation { input.location(line: line, offset: index) }

    /// Skips a UTF-8 byte order mark at the very start.
    mutating func skipByteOrderMark() {
        if index == 0, bytes.count >= 3, bytes[0] == 0xEF, bytes[1] == 0xBB, bytes[2] == 0xBF { index = 3 }
    }

    mutating func skipWhitespace() {
        while index < bytes.count {
            switch bytes[index] {
            case 0x0A: line += 1; index += 1
            case 0x20, 0x09, 0x0D: index += 1
            default: return
            }
        }
    }

    mutating func advance() {
        if index < bytes.count {
            if bytes[index] == 0x0A { line += 1 }
            index += 1
        }
    }

    /// Moves past the value that starts here without building it. False when the input ends first.
    mutating func skipValue() -> Bool {
        guard index < bytes.count else { return false }
        switch bytes[index] {
        case 0x22:
            return skipString()
        case 0x7B, 0x5B:
            var depth = 0
            while index < bytes.count {
                switch bytes[index] {
                case 0x22:
                    guard skipString() else { return false }
                    continue
                case 0x7B, 0x5B: depth += 1
                case 0x7D, 0x5D:
                    depth -= 1
                    if depth == 0 { index += 1; return true }
                case 0x0A: line += 1
                default: break
                }
                index += 1
            }
            return false
        default:
            // A number or a literal: up to the next delimiter. The parser judges its validity.
            while index < bytes.count {
                switch bytes[index] {
                case 0x2C, 0x5D, 0x7D, 0x20, 0x09, 0x0A, 0x0D: return true
                default: index += 1
                }
            }
            return true
        }
    }

    /// Moves past a string whose opening quote is at `index`. False when it is not closed.
    private mutating func skipString() -> Bool {
        index += 1
        while index < bytes.count {
            switch bytes[index] {
            case 0x22: index += 1; return true
            case 0x5C: index += 2
            case 0x0A: line += 1; index += 1  // invalid in JSON, but keeps line numbers right
            default: index += 1
            }
        }
        index = bytes.count
        return false
    }

    /// Reads an object key (at its opening quote) and the colon after it; nil if there is none.
    mutating func readKey() -> String? {
        guard current == 0x22 else { return nil }
        let start = index
        guard skipString() else { return nil }
        let raw = UnsafeRawBufferPointer(UnsafeBufferPointer(rebasing: bytes[start..<index]))
        // Keys are short and rarely escaped: parsing the quoted key decodes any escapes.
        guard case .string(let key)? = try? JSONParser.parse(raw, baseOffset: start) else { return nil }
        skipWhitespace()
        guard current == 0x3A else { return nil }
        index += 1
        skipWhitespace()
        return key
    }

    /// Calls `body` for every element of the array whose `[` is at `index`, in order, then
    /// moves past the closing `]`.
    ///
    /// Throws `.truncated` when the input ends inside the array (the elements before were
    /// handed out already, so a cut-off export still yields what it holds) and `.malformed`
    /// when something other than `,` or `]` follows an element.
    mutating func forEachElement(_ body: (Element) throws -> Void) throws {
        guard current == 0x5B else {
            throw ReadError(.malformed, at: location, "expected a list ('[') of \(recordName)s here.")
        }
        index += 1
        skipWhitespace()
        if current == 0x5D { index += 1; return }
        var position = 0
        while true {
            skipWhitespace()
            let start = index
            let startLine = line
            guard skipValue(), index > start else {
                if index >= bytes.count {
                    throw ReadError(
                        .truncated, at: input.location(line: startLine, offset: start),
                        "the file ends inside the \(recordName) that starts here: it is truncated; \(elementCount) \(recordName)(s) before it were read.")
                }
                throw ReadError(.malformed, at: input.location(line: startLine, offset: start), "expected a \(recordName) (a JSON value) here.")
            }
            let slice = UnsafeRawBufferPointer(UnsafeBufferPointer(rebasing: bytes[start..<index]))
            let value = Result { () throws(JSONParseError) -> JSONValue in try JSONParser.parse(slice, baseOffset: start) }
            elementCount += 1
            try body(Element(value: value, line: startLine, offset: start, index: position))
            position += 1
            skipWhitespace()
            switch current {
            case 0x2C?: index += 1
            case 0x5D?: index += 1; return
            case nil:
                throw ReadError(
                    .truncated, at: location,
                    "the file ends inside the list of \(recordName)s (no closing ']'): it is truncated; \(elementCount) \(recordName)(s) were read.")
            default:
                throw ReadError(.malformed, at: location, "expected ',' or ']' after the \(recordName) that starts at line \(startLine).")
            }
        }
    }

    /// Streams the records of a document that is either an array of records or an object
    /// holding such arrays.
    ///
    /// In an object, members named in `arrayKeys` (any member when it is nil) whose value is an array are streamed,
    /// members named in `containerKeys` whose value is an object are searched the same way
    /// (`{"response": {"checkins": {"items": […]}}}`), and every other member is skipped.
    /// Returns the number of record arrays found (0 means the document is not of this shape).
    mutating func forEachRecord(
        arrayKeys: Set<String>?, containerKeys: Set<String> = [],
        _ body: (_ key: String?, _ element: Element) throws -> Void
    ) throws -> Int {
        skipWhitespace()
        switch current {
        case 0x5B?:
            try forEachElement { try body(nil, $0) }
            return 1
        case 0x7B?:
            return try forEachMember(arrayKeys: arrayKeys, containerKeys: containerKeys, body)
        default:
            return 0
        }
    }

    /// How deep container keys may nest (`response.checkins` is two): a hostile file of nested
    /// `{"response":{"response":…` must not exhaust the stack.
    static let maximumContainerDepth = 8

    private mutating func forEachMember(
        arrayKeys: Set<String>?, containerKeys: Set<String>, depth: Int = 0,
        _ body: (_ key: String?, _ element: Element) throws -> Void
    ) throws -> Int {
        guard depth < Self.maximumContainerDepth else {
            throw ReadError(.malformed, at: input.location(line: line, offset: index), "objects are nested more than \(Self.maximumContainerDepth) deep where records were expected; this is not an export Babillard knows.")
        }
        index += 1  // '{'
        var found = 0
        skipWhitespace()
        if current == 0x7D { index += 1; return 0 }
        while true {
            skipWhitespace()
            guard let key = readKey() else {
                if index >= bytes.count {
                    throw ReadError(.truncated, at: location, "the file ends inside a JSON object: it is truncated.")
                }
                throw ReadError(.malformed, at: location, "expected a quoted key and ':' in a JSON object here.")
            }
            if arrayKeys?.contains(key) ?? true, current == 0x5B {
                try forEachElement { try body(key, $0) }
                found += 1
            } else if containerKeys.contains(key), current == 0x7B {
                found += try forEachMember(arrayKeys: arrayKeys, containerKeys: containerKeys, depth: depth + 1, body)
            } else {
                let start = index
                guard skipValue(), index > start else {
                    if index >= bytes.count {
                        throw ReadError(.truncated, at: input.location(line: line, offset: start), "the file ends inside the value of '\(key)': it is truncated.")
                    }
                    throw ReadError(.malformed, at: input.location(line: line, offset: start), "expected a JSON value for '\(key)' here.")
                }
            }
            skipWhitespace()
            switch current {
            case 0x2C?: index += 1
            case 0x7D?: index += 1; return found
            case nil: throw ReadError(.truncated, at: location, "the file ends inside a JSON object (no closing '}'): it is truncated.")
            default: throw ReadError(.malformed, at: location, "expected ',' or '}' after the value of '\(key)'.")
            }
        }
    }

    /// Checks that only blank space (and a JavaScript `;`) follows the records.
    mutating func expectEnd() throws {
        skipWhitespace()
        if current == 0x3B { index += 1; skipWhitespace() }
        if index < bytes.count {
            throw ReadError(.malformed, at: location, "unexpected text after the list of \(recordName)s.")
        }
    }

    /// The reason for a rejected record whose JSON could not be parsed.
    static func reason(for error: JSONParseError, recordName: String) -> String {
        "this \(recordName) is not valid JSON (\(error.reason) at byte \(error.offset)); it was skipped."
    }
}

extension ReaderInput {
    /// Runs `body` over the input's bytes with a record stream positioned at the start.
    func withArrayStream<T>(recordName: String, _ body: (inout JSONArrayStream) throws -> T) throws -> T {
        try data.withUnsafeBytes { raw in
            var stream = JSONArrayStream(bytes: raw.bindMemory(to: UInt8.self), input: self, recordName: recordName)
            stream.skipByteOrderMark()
            return try body(&stream)
        }
    }
}

/// Why a record of an export was rejected: one sentence a user can act on.
struct ExportRecordProblem: Error, Sendable {
    var text: String
    init(_ text: String) { self.text = text }
}

extension JSONValue {
    /// The value as it would be quoted in a message: a string's text, a number's digits.
    var messageText: String {
        switch self {
        case .string(let text): return text.count > 60 ? String(text.prefix(60)) + "…" : text
        case .number(let number): return number.text
        case .bool(let flag): return String(flag)
        case .null: return "null"
        case .array: return "[…]"
        case .object: return "{…}"
        }
    }
}

/// Where the elements of chosen arrays of a whole JSON document start: for readers that must
/// parse a document whole (to resolve references across it, or because its shape is only
/// known from its keys) but still want a line and an offset for each rejected record.
///
/// One quick pass over the bytes (the `JSONArrayStream` scanner: strings and brackets only)
/// descends into the containers `descend` accepts and records, for every array (or object)
/// `record` accepts, the line and byte offset of each element (or member value), keyed by its
/// path (`[.key("items"), .index(3)]`). The document's root is recorded at the empty path. The pass
/// is meant for a document that already parsed; on anything unexpected it stops and keeps
/// what it found, and a path it did not record has no position (its location keeps no line).
struct JSONElementPositions {
    enum Component: Hashable {
        case key(String)
        case index(Int)
    }

    struct Position: Equatable {
        /// 1-based line and 0-based byte offset of the value's first byte.
        var line: Int
        var offset: Int
    }

    private(set) var positions: [[Component]: Position] = [:]
    let input: ReaderInput

    /// - Parameters:
    ///   - descend: whether to look inside the object or array at this path (the root's path is empty).
    ///   - record: whether to record the positions of the elements of the array (or the values
    ///     of the object) at this path; such a container is looked inside even when `descend` says no.
    init(_ input: ReaderInput, descend: ([Component]) -> Bool, record: ([Component]) -> Bool) {
        self.input = input
        var found: [[Component]: Position] = [:]
        try? input.withArrayStream(recordName: "record") { stream in
            stream.skipWhitespace()
            guard stream.current != nil else { return }
            found[[]] = Position(line: stream.line, offset: stream.index)
            var path: [Component] = []
            _ = Self.scan(&stream, path: &path, depth: 0, descend: descend, record: record, into: &found)
        }
        positions = found
    }

    /// The position of the value at `path`, if it was recorded.
    func position(_ path: [Component]) -> Position? { positions[path] }

    /// The location of the value at `path`: with its line and offset when recorded, else the file alone.
    func location(_ path: [Component]) -> SourceLocation {
        guard let position = positions[path] else { return input.location() }
        return input.location(line: position.line, offset: position.offset)
    }

    /// The location of element `index` of the array at `arrayPath`.
    func location(_ arrayPath: [Component], _ index: Int) -> SourceLocation {
        location(arrayPath + [.index(index)])
    }

    /// Moves past the value at the stream's position, looking inside it when asked. False when
    /// the bytes are not what a valid document would hold.
    private static func scan(
        _ stream: inout JSONArrayStream, path: inout [Component], depth: Int,
        descend: ([Component]) -> Bool, record: ([Component]) -> Bool,
        into found: inout [[Component]: Position]
    ) -> Bool {
        guard let byte = stream.current else { return false }
        let isContainer = byte == 0x7B || byte == 0x5B
        guard isContainer, depth < JSONParser.maximumDepth else { return stream.skipValue() }
        let recording = record(path)
        guard recording || descend(path) else { return stream.skipValue() }
        stream.advance()
        stream.skipWhitespace()
        if byte == 0x5B {
            if stream.current == 0x5D { stream.advance(); return true }
            var index = 0
            while true {
                stream.skipWhitespace()
                path.append(.index(index))
                if recording { found[path] = Position(line: stream.line, offset: stream.index) }
                let ok = scan(&stream, path: &path, depth: depth + 1, descend: descend, record: record, into: &found)
                path.removeLast()
                guard ok else { return false }
                stream.skipWhitespace()
                switch stream.current {
                case 0x2C?: stream.advance(); index += 1
                case 0x5D?: stream.advance(); return true
                default: return false
                }
            }
        } else {
            if stream.current == 0x7D { stream.advance(); return true }
            while true {
                stream.skipWhitespace()
                guard let key = stream.readKey() else { return false }
                path.append(.key(key))
                if recording { found[path] = Position(line: stream.line, offset: stream.index) }
                let ok = scan(&stream, path: &path, depth: depth + 1, descend: descend, record: record, into: &found)
                path.removeLast()
                guard ok else { return false }
                stream.skipWhitespace()
                switch stream.current {
                case 0x2C?: stream.advance()
                case 0x7D?: stream.advance(); return true
                default: return false
                }
            }
        }
    }
}
