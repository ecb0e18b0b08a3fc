/// Writes a string as a JSON string literal, escaping what JSON requires (quote, backslash,
/// control characters) and U+2028/U+2029 (which break JavaScript readers). Works on UTF-8 bytes
/// and copies unescaped runs whole: output of millions of items (export, analyze) spends its
/// time here.
public enum JSONQuoting {
    public static func appendQuoted(_ string: String, to output: inout String) {
        output.append("\"")
        var copy = string
        // Most strings need no escape: one scan, then the string appended as it is (no copy of
        // its bytes into a temporary string). Otherwise, the runs between escapes are appended as
        // slices of the original.
        let firstEscape = copy.withUTF8 { bytes in firstIndexNeedingEscape(in: bytes, from: 0) }
        guard let firstEscape else {
            output.append(copy)
            output.append("\"")
            return
        }
        let utf8 = copy.utf8, scalars = copy.unicodeScalars
        func flush(from start: Int, upTo end: Int) {
            guard end > start else { return }
            // Sliced through the scalars: a run's bounds are scalar boundaries but not always
            // Character ones (a combining mark may follow an escaped quote).
            let range = utf8.index(utf8.startIndex, offsetBy: start)..<utf8.index(utf8.startIndex, offsetBy: end)
            output.append(contentsOf: Substring(scalars[range]))
        }
        copy.withUTF8 { bytes in
            var runStart = 0
            var index: Int? = firstEscape
            while let position = index {
                flush(from: runStart, upTo: position)
                let byte = bytes[position]
                var width = 1
                switch byte {
                case 0x22: output.append("\\\"")
                case 0x5C: output.append("\\\\")
                case 0x0A: output.append("\\n")
                case 0x0D: output.append("\\r")
                case 0x09: output.append("\\t")
                case 0xE2:
                    output.append(bytes[position + 2] == 0xA8 ? "\\u2028" : "\\u2029")
                    width = 3
                default:
                    let hex = String(byte, radix: 16)
                    output.append("\\u" + String(repeating: "0", count: 4 - hex.count) + hex)
                }
                runStart = position + width
                index = firstIndexNeedingEscape(in: bytes, from: runStart)
            }
            flush(from: runStart, upTo: bytes.count)
        }
        output.append("\"")
    }

    /// The same literal appended to UTF-8 bytes.
    public static func appendQuoted(_ string: String, to output: inout [UInt8]) {
        output.append(0x22)
        var copy = string
        copy.withUTF8 { bytes in
            var runStart = 0
            while let position = firstIndexNeedingEscape(in: bytes, from: runStart) {
                output.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[runStart..<position]))
                let byte = bytes[position]
                var width = 1
                switch byte {
                case 0x22: output.append(0x5C); output.append(0x22)
                case 0x5C: output.append(0x5C); output.append(0x5C)
                case 0x0A: output.append(0x5C); output.append(UInt8(ascii: "n"))
                case 0x0D: output.append(0x5C); output.append(UInt8(ascii: "r"))
                case 0x09: output.append(0x5C); output.append(UInt8(ascii: "t"))
                case 0xE2:
                    output.append(contentsOf: (bytes[position + 2] == 0xA8 ? "\\u2028" : "\\u2029").utf8)
                    width = 3
                default:
                    let hexDigits: [UInt8] = Array("0123456789abcdef".utf8)
                    output.append(contentsOf: "\\u00".utf8)
                    output.append(hexDigits[Int(byte >> 4)])
                    output.append(hexDigits[Int(byte & 0x0F)])
                }
                runStart = position + width
            }
            output.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[runStart...]))
        }
        output.append(0x22)
    }

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
