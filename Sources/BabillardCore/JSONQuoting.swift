/// Writes a string as a JSON string literal, escaping what JSON requires (quote, backslash,
/// control characters) and U+2028/U+2029 (which break JavaScript readers). Works on UTF-8 bytes
/// and copies unescaped runs whole: output of millions of items (export, analyze) spends its
/// time here.
public enum JSONQuoting {
    public static func appendQuoted(_ string: String, to output: inout String) {
        var copy = string
        // Most strings need no escape: one scan, then the string appended as it is.
        let needsEscape = copy.withUTF8 { firstIndexNeedingEscape(in: $0, from: 0) != nil }
        guard needsEscape else {
            output.append("\"")
            output.append(copy)
            output.append("\"")
            return
        }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(copy.utf8.count + 16)
        appendQuoted(copy, to: &bytes)
        output.append(String(decoding: bytes, as: UTF8.self))
    }

    /// The same literal appended to UTF-8 bytes.
    public static func appendQuoted(_ string: String, to output: inout [UInt8]) {
        output.append(0x22)
        var copy = string
        copy.withUTF8 { bytes in
            var runStart = 0
            while let position = firstIndexNeedingEscape(in: bytes, from: runStart) {
                output.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[runStart..<position]))
                runStart = position + appendEscape(of: bytes, at: position, to: &output)
            }
            output.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[runStart...]))
        }
        output.append(0x22)
    }

    /// Appends the escape of the character at `position` (one `firstIndexNeedingEscape` found)
    /// and returns how many bytes it replaces.
    private static func appendEscape(of bytes: UnsafeBufferPointer<UInt8>, at position: Int, to output: inout [UInt8]) -> Int {
        let byte = bytes[position]
        output.append(0x5C)  // backslash
        switch byte {
        case 0x22, 0x5C: output.append(byte)
        case 0x0A: output.append(UInt8(ascii: "n"))
        case 0x0D: output.append(UInt8(ascii: "r"))
        case 0x09: output.append(UInt8(ascii: "t"))
        case 0xE2:  // U+2028 or U+2029
            output.append(contentsOf: (bytes[position + 2] == 0xA8 ? "u2028" : "u2029").utf8)
            return 3
        default:  // another control character: \u00XX
            output.append(contentsOf: "u00".utf8)
            hexDigits.withUTF8Buffer { digits in
                output.append(digits[Int(byte >> 4)])
                output.append(digits[Int(byte & 0x0F)])
            }
        }
        return 1
    }

    private static let hexDigits: StaticString = "0123456789abcdef"

    /// The offset of the next byte that starts an escape (a quote, a backslash, a control
    /// character, or U+2028/U+2029), or nil.
    @inline(__always)
    static func firstIndexNeedingEscape(in bytes: UnsafeBufferPointer<UInt8>, from start: Int) -> Int? {
        var index = start
        let count = bytes.count
        while index < count {
            let byte = bytes[index]
            if byte < 0x20 || byte == 0x22 || byte == 0x5C { return index }
            if byte == 0xE2, index + 2 < count, bytes[index + 1] == 0x80, bytes[index + 2] == 0xA8 || bytes[index + 2] == 0xA9 {
                return index
            }
            index += 1
        }
        return nil
    }
}
