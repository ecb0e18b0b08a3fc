/// Repairs the text of Meta's "Download your information" exports.
///
/// Facebook and Instagram write every non-ASCII character as the `\u00XX` escapes of its
/// UTF-8 bytes, one escape per byte: "café" becomes `"caf\u00c3\u00a9"` and 😀 becomes
/// `"\u00f0\u009f\u0098\u0080"`. A JSON parser faithfully decodes those as the code points
/// U+00C3 U+00A9, which reads "cafÃ©". The repair takes such a string's code points back as
/// bytes and decodes them as UTF-8.
///
/// It only acts when that is safe: every code point must be at most U+00FF (a real "’" or
/// emoji in the string means it was written correctly) and the bytes must be valid UTF-8.
/// Anything else is returned unchanged, so that genuine Latin-1 text whose bytes are not UTF-8
/// ("déjà vu" written as single code points) stays as it is. ASCII costs one scan, no copy.
public enum MetaTextRepair {
    public static func repair(_ text: String) -> String {
        var needsRepair = false
        for byte in text.utf8 where byte >= 0x80 {
            needsRepair = true
            break
        }
        guard needsRepair else { return text }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars {
            guard scalar.value <= 0xFF else { return text }
            bytes.append(UInt8(scalar.value))
        }
        return String(validating: bytes, as: UTF8.self) ?? text
    }

    /// `repair` for an optional string, keeping nil and dropping empty text.
    static func repair(_ text: String?) -> String? {
        guard let text, !text.isEmpty else { return nil }
        return repair(text)
    }
}
