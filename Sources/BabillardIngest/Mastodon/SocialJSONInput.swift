import BabillardCore
import Foundation

/// What the Mastodon and Bluesky readers share about reading JSON inputs: a whole document,
/// or JSON lines streamed one line at a time with a bad line rejected and the rest read.
enum SocialJSONInput {
    /// The first byte that is not white space or a UTF-8 byte order mark, or nil for a blank input.
    static func firstSignificantByte(_ data: Data) -> UInt8? {
        data.withUnsafeBytes { (raw: UnsafeRawBufferPointer) -> UInt8? in
            var index = 0
            if raw.count >= 3, raw[0] == 0xEF, raw[1] == 0xBB, raw[2] == 0xBF { index = 3 }
            while index < raw.count {
                switch raw[index] {
                case 0x20, 0x0A, 0x0D, 0x09: index += 1
                default: return raw[index]
                }
            }
            return nil
        }
    }

    /// Throws the `ReadError` for an empty or blank input.
    static func requireContent(_ input: ReaderInput, what: String) throws(ReadError) -> UInt8 {
        guard !input.data.isEmpty else {
            throw ReadError(.empty, at: input.location(), "the file is empty: there is no \(what) to import.")
        }
        guard let first = firstSignificantByte(input.data) else {
            throw ReadError(.empty, at: input.location(), "the file holds only blank space: there is no \(what) to import.")
        }
        return first
    }

    /// Parses the whole input as one JSON document; a parse error becomes a `ReadError`
    /// (`truncated` when the text stops before the document is complete).
    static func parseDocument(_ input: ReaderInput) throws(ReadError) -> JSONValue {
        let result: Result<JSONValue, JSONParseError> = input.data.withUnsafeBytes { raw in
            Result { () throws(JSONParseError) -> JSONValue in
                if raw.count >= 3, raw[0] == 0xEF, raw[1] == 0xBB, raw[2] == 0xBF {
                    return try JSONParser.parse(UnsafeRawBufferPointer(rebasing: raw[3...]), baseOffset: 3)
                }
                return try JSONParser.parse(raw)
            }
        }
        switch result {
        case .success(let value):
            return value
        case .failure(let error):
            // The parser says "(truncated?)" when the text ran out (inside a string, the
            // offset is where the string began, not the end).
            if isAtEnd(error.offset, of: input.data) || error.reason.contains("truncated") {
                throw ReadError(.truncated, at: input.location(offset: error.offset), "the JSON stops before it is complete (\(error.reason)): was the download or copy cut short?")
            }
            throw ReadError(.malformed, at: input.location(offset: error.offset), "this is not valid JSON: \(error.reason).")
        }
    }

    /// True when only white space follows `offset`: the parser ran out of text.
    static func isAtEnd(_ offset: Int, of data: Data) -> Bool {
        data.withUnsafeBytes { (raw: UnsafeRawBufferPointer) -> Bool in
            var index = max(offset, 0)
            while index < raw.count {
                switch raw[index] {
                case 0x20, 0x0A, 0x0D, 0x09: index += 1
                default: return false
                }
            }
            return true
        }
    }

    /// True when the input is JSON lines rather than one document: its first non-blank line is a
    /// complete JSON value by itself and more text follows it. A pretty-printed document fails
    /// the first test, a single-line document the second. When the first line is broken, the
    /// input is still JSON lines if its second non-blank line is a whole JSON object (a line of
    /// a pretty-printed document never is), so that one bad line is rejected, not the file.
    static func isJSONLines(_ data: Data) -> Bool {
        var verdict = false
        var firstParsed: Bool?
        LineScanner.forEachLine(in: data) { line, _, offset in
            if LineScanner.isBlank(line) { return true }
            guard let first = firstParsed else {
                firstParsed = (try? JSONParser.parse(line, baseOffset: offset)) != nil
                return true
            }
            if first {
                verdict = true
            } else if case .object? = try? JSONParser.parse(line, baseOffset: offset) {
                verdict = true
            }
            return false
        }
        return verdict
    }

    /// Calls `body` with each non-blank line parsed, in order, with its 1-based line number.
    /// A line that is not valid JSON is emitted as a rejected record and reading goes on, so
    /// memory stays flat whatever the input size.
    static func forEachLine(
        _ input: ReaderInput, emit: (IngestRecord) throws -> Void,
        _ body: (_ value: JSONValue, _ line: Int) throws -> Void
    ) throws {
        try LineScanner.forEachLine(in: input.data, releasingPages: input.isMemoryMapped) { bytes, number, base in
            if LineScanner.isBlank(bytes) { return true }
            let value: JSONValue
            do throws(JSONParseError) {
                value = try JSONParser.parse(bytes, baseOffset: base)
            } catch {
                try emit(.rejected(RejectedRecord(
                    location: input.location(line: number),
                    reason: "line \(number) is not valid JSON: \(error.reason) (column \(error.offset - base + 1))."
                )))
                return true
            }
            try body(value, number)
            return true
        }
    }

    /// Up to `limit` keys of an object, for messages that say what a JSON value holds instead.
    static func describeKeys(_ value: JSONValue, limit: Int = 6) -> String {
        switch value {
        case .object(let object):
            if object.keys.isEmpty { return "an empty object" }
            let shown = object.keys.prefix(limit).map { "\"\($0)\"" }.joined(separator: ", ")
            return "an object with keys \(shown)\(object.keys.count > limit ? "…" : "")"
        case .array(let array): return array.count == 1 ? "a list of 1 value" : "a list of \(array.count) values"
        case .string: return "a string"
        case .number: return "a number"
        case .bool: return "true or false"
        case .null: return "null"
        }
    }

    /// `scheme://host[:port]` of a URL, or nil. (A byte scan: this runs for every status.)
    static func origin(of url: String) -> String? {
        guard let (_, end) = authorityBounds(url) else { return nil }
        return String(url[url.startIndex..<end])
    }

    /// The host of a URL, with its port when it has one (`localhost:3000`), lowercased, or nil.
    static func authority(of url: String) -> String? {
        guard let (start, end) = authorityBounds(url) else { return nil }
        let authority = url[start..<end]
        let host = authority.lastIndex(of: "@").map { authority[authority.index(after: $0)...] } ?? authority
        if host.isEmpty { return nil }
        return host.utf8.contains(where: { $0 >= 0x41 && $0 <= 0x5A }) ? host.lowercased() : String(host)
    }

    /// Where the authority of `scheme://authority/path` starts and ends.
    private static func authorityBounds(_ url: String) -> (String.Index, String.Index)? {
        let utf8 = url.utf8
        var index = utf8.startIndex
        // The scheme: letters, digits, '+', '-', '.', then "://".
        while index != utf8.endIndex, utf8[index] != UInt8(ascii: ":") {
            let byte = utf8[index]
            guard (byte | 0x20 >= UInt8(ascii: "a") && byte | 0x20 <= UInt8(ascii: "z")) || (byte >= 0x30 && byte <= 0x39)
                || byte == UInt8(ascii: "+") || byte == UInt8(ascii: "-") || byte == UInt8(ascii: ".")
            else { return nil }
            index = utf8.index(after: index)
        }
        guard index != utf8.startIndex else { return nil }
        for expected in [UInt8(ascii: ":"), UInt8(ascii: "/"), UInt8(ascii: "/")] {
            guard index != utf8.endIndex, utf8[index] == expected else { return nil }
            index = utf8.index(after: index)
        }
        let start = index
        while index != utf8.endIndex {
            let byte = utf8[index]
            if byte == UInt8(ascii: "/") || byte == UInt8(ascii: "?") || byte == UInt8(ascii: "#") { break }
            index = utf8.index(after: index)
        }
        guard index != start else { return nil }
        return (start, index)
    }
}
