/// Text of a spreadsheet export: UTF-8, or Windows-1252 when the bytes are not UTF-8.
///
/// French Excel saves "CSV (séparateur : point-virgule)" in Windows-1252, and nothing in the
/// file says so. The choice is made per field rather than per file, so that a file is read in
/// one pass: a field that is valid UTF-8 is read as UTF-8 (Windows-1252 text with accents is
/// practically never valid UTF-8), any other field as Windows-1252 (`TextDecoding`), which
/// decodes every byte. Nothing is reported: the text comes out right either way.
enum SpreadsheetEncoding {
    static func string(_ bytes: UnsafeBufferPointer<UInt8>) -> String {
        var ascii = true
        for byte in bytes where byte >= 0x80 {
            ascii = false
            break
        }
        if ascii { return String(decoding: bytes, as: UTF8.self) }
        if let text = String(validating: bytes, as: UTF8.self) { return text }
        return String(decoding: TextDecoding.windows1252ToUTF8(Array(bytes)), as: UTF8.self)
    }

    static func string(_ bytes: [UInt8]) -> String {
        bytes.withUnsafeBufferPointer { string($0) }
    }
}
