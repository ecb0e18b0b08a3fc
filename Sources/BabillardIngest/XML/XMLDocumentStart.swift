/// The sentences XML readers share about documents that are not XML, or not whole.
enum XMLDocumentStart {
    /// The first byte that is not white space, nil for an empty or blank text.
    static func firstSignificantByte(of bytes: UnsafeBufferPointer<UInt8>) -> UInt8? {
        bytes.first { !($0 == 0x20 || $0 == 0x09 || $0 == 0x0A || $0 == 0x0D) }
    }

    /// Why a text that does not start with `<` cannot be `expected`, with a guess at what it is.
    static func notXML(startingWith byte: UInt8, expected: String) -> String {
        let guess: String = switch byte {
        case UInt8(ascii: "{"), UInt8(ascii: "["): " It looks like JSON: leave --format out to detect its format, or name a JSON one (mastodon, bluesky, reddit, jsonl…)."
        default: " Leave --format out to detect the file's format."
        }
        let shown = byte >= 0x20 && byte < 0x7F ? "'\(Character(Unicode.Scalar(byte)))'" : "byte 0x\(String(byte, radix: 16))"
        return "this file starts with \(shown), not '<': it is not XML, so not \(expected).\(guess)"
    }

    /// Why a record was skipped: `field` opened inside it (at `line`) was never closed.
    static func leftOpen(_ field: String, line: Int, in record: String) -> String {
        "this <\(record)> is not well-formed XML: its <\(field)> (line \(line)) is never closed (a misspelt end tag?), so its fields cannot be told apart; it was skipped."
    }

    /// Why a document is not whole: `open` elements (outermost first) have no end tag.
    static func endsOpen(_ open: [XMLElement], read: String) -> String {
        let names = open.reversed().map { "</\($0.name)>" }
        let list = names.count == 1 ? names[0] : names.dropLast().joined(separator: ", ") + " and " + names.last!
        return "the file ends before \(list): it is truncated or not well-formed; \(read)."
    }
}
