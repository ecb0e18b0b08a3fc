import BabillardCore
import Foundation

/// Turns the bytes of a text document into UTF-8, choosing the encoding the way feed readers must:
/// a byte-order mark first, then the charset of the HTTP `Content-Type` (RFC 3023: it wins over
/// the document's own declaration), then the XML declaration's `encoding`, then UTF-8. When the
/// chosen encoding cannot decode the bytes (a feed that says UTF-8 and is Windows-1252, which is
/// common), the bytes are read as UTF-8 if they are valid UTF-8, else their valid UTF-8 sequences
/// as UTF-8 and every other byte as Windows-1252, which can decode anything: nothing is lost, and
/// `fellBack` says it happened.
public enum TextDecoding {
    public struct Decoded {
        /// The text as UTF-8: the input's own bytes when they already were (no copy of a large
        /// memory-mapped file), else the converted bytes.
        private var storage: Storage
        /// The encoding actually used, as an IANA name.
        public var encoding: String
        /// True when the declared encoding did not fit the bytes and another one was used.
        public var fellBack: Bool

        private enum Storage {
            /// The input itself from `offset` on (past a byte-order mark).
            case input(Data, offset: Int)
            case converted([UInt8])
        }

        init(converted utf8: [UInt8], encoding: String, fellBack: Bool) {
            storage = .converted(utf8)
            self.encoding = encoding
            self.fellBack = fellBack
        }

        init(input: Data, offset: Int) {
            storage = .input(input, offset: offset)
            encoding = "utf-8"
            fellBack = false
        }

        /// Calls `body` with the UTF-8 bytes.
        public func withUTF8<Result>(_ body: (UnsafeBufferPointer<UInt8>) throws -> Result) rethrows -> Result {
            switch storage {
            case .converted(let bytes):
                return try bytes.withUnsafeBufferPointer(body)
            case .input(let data, let offset):
                return try data.withUnsafeBytes { raw in
                    let all = raw.bindMemory(to: UInt8.self)
                    return try body(UnsafeBufferPointer(rebasing: all[offset...]))
                }
            }
        }
    }

    public static func decode(_ data: Data, contentType: String? = nil) -> Decoded {
        data.withUnsafeBytes { raw in
            decode(raw.bindMemory(to: UInt8.self), of: data, contentType: contentType)
        }
    }

    private static func decode(_ bytes: UnsafeBufferPointer<UInt8>, of data: Data, contentType: String?) -> Decoded {
        // Byte-order marks.
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { return utf8OrFallback(bytes, of: data, skip: 3) }
        if bytes.starts(with: [0x00, 0x00, 0xFE, 0xFF]) { return utf32(bytes, bigEndian: true, skip: 4) }
        if bytes.starts(with: [0xFF, 0xFE, 0x00, 0x00]) { return utf32(bytes, bigEndian: false, skip: 4) }
        if bytes.starts(with: [0x00, 0x00, 0x00, 0x3C]) { return utf32(bytes, bigEndian: true, skip: 0) }
        if bytes.starts(with: [0x3C, 0x00, 0x00, 0x00]) { return utf32(bytes, bigEndian: false, skip: 0) }
        if bytes.starts(with: [0xFE, 0xFF]) { return transcode(bytes, of: data, .utf16BigEndian, name: "utf-16be", skip: 2) }
        if bytes.starts(with: [0xFF, 0xFE]) { return transcode(bytes, of: data, .utf16LittleEndian, name: "utf-16le", skip: 2) }
        // UTF-16 without a mark, recognised by `<` next to a NUL.
        if bytes.starts(with: [0x00, 0x3C, 0x00]) { return transcode(bytes, of: data, .utf16BigEndian, name: "utf-16be", skip: 0) }
        if bytes.starts(with: [0x3C, 0x00, 0x3F, 0x00]) || bytes.starts(with: [0x3C, 0x00, 0x72, 0x00]) || bytes.starts(with: [0x3C, 0x00, 0x66, 0x00]) {
            return transcode(bytes, of: data, .utf16LittleEndian, name: "utf-16le", skip: 0)
        }
        let declared = charset(inContentType: contentType) ?? xmlDeclaredEncoding(bytes)
        guard let declared else { return utf8OrFallback(bytes, of: data, skip: 0) }
        switch normalise(declared) {
        case "utf-8", "utf8", "us-ascii", "ascii", "ansi_x3.4-1968", "iso-646-us", "utf-16", "utf-32":
            // ASCII is a subset of UTF-8; a document that declares UTF-16 but has no mark and
            // reached here is in fact ASCII-compatible.
            return utf8OrFallback(bytes, of: data, skip: 0)
        case "iso-8859-1", "latin1", "latin-1", "l1", "iso8859-1", "iso_8859-1", "cp819":
            // Browsers and feed readers read ISO-8859-1 as its superset Windows-1252.
            return Decoded(converted: windows1252ToUTF8(bytes), encoding: "iso-8859-1", fellBack: false)
        case "windows-1252", "cp1252", "x-cp1252":
            return Decoded(converted: windows1252ToUTF8(bytes), encoding: "windows-1252", fellBack: false)
        case "iso-8859-15", "latin-9", "latin9":
            return Decoded(converted: latin9ToUTF8(bytes), encoding: "iso-8859-15", fellBack: false)
        default:
            if let encoding = foundationEncoding(normalise(declared)), let text = String(data: data, encoding: encoding) {
                var utf8 = Array(text.utf8)
                if utf8.starts(with: [0xEF, 0xBB, 0xBF]) { utf8.removeFirst(3) }
                return Decoded(converted: utf8, encoding: normalise(declared), fellBack: false)
            }
            var fallback = utf8OrFallback(bytes, of: data, skip: 0)
            fallback.fellBack = true
            return fallback
        }
    }

    static func normalise(_ name: String) -> String {
        name.trimmingXMLWhitespace().lowercased().replacingOccurrences(of: "_", with: "-")
    }

    static func foundationEncoding(_ name: String) -> String.Encoding? {
        switch name {
        case "iso-8859-2", "latin2": return .isoLatin2
        case "windows-1250", "cp1250": return .windowsCP1250
        case "windows-1251", "cp1251": return .windowsCP1251
        case "windows-1253", "cp1253": return .windowsCP1253
        case "windows-1254", "cp1254": return .windowsCP1254
        case "shift-jis", "shift_jis", "sjis", "x-sjis", "ms-kanji": return .shiftJIS
        case "euc-jp": return .japaneseEUC
        case "iso-2022-jp": return .iso2022JP
        case "macintosh", "mac", "macroman", "x-mac-roman": return .macOSRoman
        case "utf-16be": return .utf16BigEndian
        case "utf-16le": return .utf16LittleEndian
        default: return nil
        }
    }

    static func utf32(_ bytes: UnsafeBufferPointer<UInt8>, bigEndian: Bool, skip: Int) -> Decoded {
        var output: [UInt8] = []
        output.reserveCapacity(bytes.count / 4)
        var index = skip
        while index + 4 <= bytes.count {
            let value = bigEndian
                ? UInt32(bytes[index]) << 24 | UInt32(bytes[index + 1]) << 16 | UInt32(bytes[index + 2]) << 8 | UInt32(bytes[index + 3])
                : UInt32(bytes[index + 3]) << 24 | UInt32(bytes[index + 2]) << 16 | UInt32(bytes[index + 1]) << 8 | UInt32(bytes[index])
            UTF8.encode(Unicode.Scalar(value) ?? "\u{FFFD}") { output.append($0) }
            index += 4
        }
        return Decoded(converted: output, encoding: bigEndian ? "utf-32be" : "utf-32le", fellBack: false)
    }

    static func transcode(_ bytes: UnsafeBufferPointer<UInt8>, of data: Data, _ encoding: String.Encoding, name: String, skip: Int) -> Decoded {
        if let text = String(data: Data(bytes.dropFirst(skip)), encoding: encoding) {
            return Decoded(converted: Array(text.utf8), encoding: name, fellBack: false)
        }
        var fallback = utf8OrFallback(bytes, of: data, skip: 0)
        fallback.fellBack = true
        return fallback
    }

    /// The bytes from `skip` on as they are when they are UTF-8 (no copy); otherwise their valid
    /// UTF-8 sequences as they are and every other byte read as Windows-1252. A file that is all
    /// Windows-1252 comes out as before (its high bytes are not UTF-8), and one UTF-8 file with a
    /// stray Latin-1 byte (a pasted "é") keeps its other accents instead of turning into "Ã©".
    static func utf8OrFallback(_ bytes: UnsafeBufferPointer<UInt8>, of data: Data, skip: Int) -> Decoded {
        let text = UnsafeBufferPointer(rebasing: bytes[skip...])
        if isValidUTF8(text) { return Decoded(input: data, offset: skip) }
        let (repaired, keptUTF8) = utf8RepairedAsWindows1252(text)
        return Decoded(converted: repaired, encoding: keptUTF8 ? "utf-8" : "windows-1252", fellBack: true)
    }

    /// The valid UTF-8 sequences of `bytes` kept, each byte of an invalid one read as
    /// Windows-1252; `keptUTF8` when at least one multi-byte sequence was valid.
    static func utf8RepairedAsWindows1252(_ bytes: UnsafeBufferPointer<UInt8>) -> (utf8: [UInt8], keptUTF8: Bool) {
        var output: [UInt8] = []
        output.reserveCapacity(bytes.count + bytes.count / 8)
        var keptUTF8 = false
        var parser = Unicode.UTF8.ForwardParser()
        var iterator = bytes.makeIterator()
        var position = 0
        while true {
            switch parser.parseScalar(from: &iterator) {
            case .valid(let encoded):
                output.append(contentsOf: encoded)
                if encoded.count > 1 { keptUTF8 = true }
                position += encoded.count
            case .error(let length):
                for byte in bytes[position..<position + length] { appendWindows1252(byte, to: &output) }
                position += length
            case .emptyInput:
                return (output, keptUTF8)
            }
        }
    }

    public static func isValidUTF8(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        // The standard library's validation is vectorised; a scalar-by-scalar loop is several times
        // slower. `UTF8Span` validates in place where `String(validating:)` would also copy.
        if #available(macOS 26, iOS 26, tvOS 26, watchOS 26, visionOS 26, *) {
            return (try? UTF8Span(validating: bytes.span)) != nil
        }
        return String(validating: bytes, as: UTF8.self) != nil
    }

    /// The `charset` parameter of a `Content-Type` header.
    public static func charset(inContentType contentType: String?) -> String? {
        guard let contentType else { return nil }
        for parameter in contentType.split(separator: ";").dropFirst() {
            let pair = parameter.split(separator: "=", maxSplits: 1)
            if pair.count == 2, pair[0].trimmingXMLWhitespace().lowercased() == "charset" {
                let value = pair[1].trimmingXMLWhitespace().trimmingCharacters(in: CharacterSet(charactersIn: "\"'"))
                return value.isEmpty ? nil : value
            }
        }
        return nil
    }

    /// The `encoding` of an `<?xml … ?>` declaration at the start of the bytes.
    static func xmlDeclaredEncoding(_ bytes: UnsafeBufferPointer<UInt8>) -> String? {
        let head = String(decoding: bytes.prefix(512), as: UTF8.self)
        guard head.hasPrefix("<?xml"), let end = head.range(of: "?>") else { return nil }
        let declaration = head[..<end.lowerBound]
        guard let key = declaration.range(of: "encoding") else { return nil }
        var rest = declaration[key.upperBound...].drop { $0 == " " || $0 == "=" || $0 == "\t" }
        guard let quote = rest.first, quote == "\"" || quote == "'" else { return nil }
        rest = rest.dropFirst()
        guard let close = rest.firstIndex(of: quote) else { return nil }
        let value = String(rest[..<close])
        return value.isEmpty ? nil : value
    }

    public static func windows1252ToUTF8(_ bytes: some Collection<UInt8>) -> [UInt8] {
        var output: [UInt8] = []
        output.reserveCapacity(bytes.count + bytes.count / 8)
        for byte in bytes { appendWindows1252(byte, to: &output) }
        return output
    }

    /// One Windows-1252 byte as UTF-8 (its 0x80–0x9F are “smart” punctuation, not C1 controls).
    @inline(__always)
    static func appendWindows1252(_ byte: UInt8, to output: inout [UInt8]) {
        if byte < 0x80 {
            output.append(byte)
        } else {
            UTF8.encode(HTMLEntities.numericScalar(UInt32(byte))) { output.append($0) }
        }
    }

    /// ISO-8859-15 differs from Latin-1 in eight places (€, Š, š, Ž, ž, Œ, œ, Ÿ).
    static func latin9ToUTF8(_ bytes: some Collection<UInt8>) -> [UInt8] {
        let changes: [UInt8: UInt32] = [0xA4: 0x20AC, 0xA6: 0x160, 0xA8: 0x161, 0xB4: 0x17D, 0xB8: 0x17E, 0xBC: 0x152, 0xBD: 0x153, 0xBE: 0x178]
        var output: [UInt8] = []
        output.reserveCapacity(bytes.count + bytes.count / 8)
        for byte in bytes {
            if byte < 0x80 { output.append(byte); continue }
            let scalar = Unicode.Scalar(changes[byte] ?? UInt32(byte)) ?? "\u{FFFD}"
            UTF8.encode(scalar) { output.append($0) }
        }
        return output
    }
}
