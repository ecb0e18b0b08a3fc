import BabillardCore

/// What the XML readers (feeds, WordPress exports) say about documents that are not XML, not
/// whole, or hold a record that is not well-formed.
enum XMLDocumentChecks {
    /// Throws `wrongFormat` when the text does not start with `<` (after white space): it is not
    /// XML, so not `expected`.
    static func requireXML(_ decoded: TextDecoding.Decoded, of input: ReaderInput, expected: String) throws {
        let first = decoded.withUTF8 { bytes in bytes.first { !($0 == 0x20 || $0 == 0x09 || $0 == 0x0A || $0 == 0x0D) } }
        guard let first, first != UInt8(ascii: "<") else { return }
        let guess: String = switch first {
        case UInt8(ascii: "{"), UInt8(ascii: "["): " It looks like JSON: leave --format out to detect its format, or name a JSON one (mastodon, bluesky, reddit, jsonl…)."
        default: " Leave --format out to detect the file's format."
        }
        let shown = first >= 0x20 && first < 0x7F ? "'\(Character(Unicode.Scalar(first)))'" : "byte 0x\(String(first, radix: 16))"
        throw ReadError(.wrongFormat, at: input.location(), "this file starts with \(shown), not '<': it is not XML, so not \(expected).\(guess)")
    }

    /// Why a record was skipped: `field` opened inside it (at `line`) was never closed.
    static func leftOpen(_ field: String, line: Int, in record: String) -> String {
        "this <\(record)> is not well-formed XML: its <\(field)> (line \(line)) is never closed (a misspelt end tag?), so its fields cannot be told apart; it was skipped."
    }

    /// Reports the elements a document left open at its end (it is truncated, or its end tags
    /// are missing): a rejection at its last line when records came before (they were read),
    /// else a `malformed` error, since nothing could be read.
    static func reportLeftOpenAtEnd(
        of document: XMLStreamingParser.Document, lines: LineIndex, input: ReaderInput, sawRecord: Bool, record: String, records: String,
        emit: (IngestRecord) throws -> Void
    ) throws {
        guard !document.leftOpenAtEnd.isEmpty else { return }
        let names = document.leftOpenAtEnd.reversed().map { "</\($0.name)>" }
        let list = names.count == 1 ? names[0] : names.dropLast().joined(separator: ", ") + " and " + names.last!
        let read = sawRecord ? "the \(records) before were read" : "no \(record) was read"
        let reason = "the file ends before \(list): it is truncated or not well-formed; \(read)."
        let end = input.location(line: lines.lineCount)
        guard sawRecord else { throw ReadError(.malformed, at: end, reason) }
        try emit(.rejected(RejectedRecord(location: end, reason: reason)))
    }
}
