/// Writes a string as a JSON string literal, escaping what JSON requires (quote, backslash,
/// control characters) and U+2028/U+2029 (which break JavaScript readers). Works on UTF-8 bytes
/// and copies unescaped runs whole: output of millions of items (export, analyze) spends its
/// time here.
public enum JSONQuoting {
    public static func appendQuoted(_ string: String, to output: inout String) {
        output.append("\"")
        var copy = string
        copy.withUTF8 { bytes in
            let count = bytes.count
            var runStart = 0
            var index = 0
            func flush(upTo end: Int) {
                if end > runStart { output.append(String(decoding: UnsafeBufferPointer(rebasing: bytes[runStart..<end]), as: UTF8.self)) }
            }
            while index < count {
                let byte = bytes[index]
                let escape: String?
                var width = 1
                switch byte {
                case 0x22: escape = "\\\""
                case 0x5C: escape = "\\\\"
                case 0x0A: escape = "\\n"
                case 0x0D: escape = "\\r"
                case 0x09: escape = "\\t"
                case 0x00..<0x20:
                    let hex = String(byte, radix: 16)
                    escape = "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                case 0xE2 where index + 2 < count && bytes[index + 1] == 0x80 && (bytes[index + 2] == 0xA8 || bytes[index + 2] == 0xA9):
                    escape = bytes[index + 2] == 0xA8 ? "\\u2028" : "\\u2029"
                    width = 3
                default: escape = nil
                }
                if let escape {
                    flush(upTo: index)
                    output.append(escape)
                    index += width
                    runStart = index
                } else {
                    index += 1
                }
            }
            flush(upTo: count)
        }
        output.append("\"")
    }
}
