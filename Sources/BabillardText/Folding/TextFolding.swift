import Foundation

/// Case and accent folding for matching French and English text: "Élève", "eleve" and "ÉLÈVE"
/// all fold to "eleve"; "œuvre" to "oeuvre"; the typographic apostrophe to "'".
///
/// Why a table: `String.folding(options:locale:)` allocates a bridged string per call and costs
/// microseconds; analysis folds every word of millions of items. The table is built once, with
/// Foundation's folding, for every scalar below U+0250 (Latin, Latin-1 and Latin Extended A/B,
/// which cover French, English and the other Western European languages); anything above is
/// lowercased as is.
public enum TextFolding {
    /// Folds a whole text.
    public static func fold(_ text: some StringProtocol) -> String {
        var output = String.UnicodeScalarView()
        output.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars { append(scalar, to: &output) }
        return String(output)
    }

    /// Appends the folded form of one scalar (possibly zero, one or two scalars).
    @inline(__always)
    public static func append(_ scalar: Unicode.Scalar, to output: inout String.UnicodeScalarView) {
        let value = scalar.value
        if value < 0x80 {
            if value >= 0x41 && value <= 0x5A {
                output.append(Unicode.Scalar(UInt8(value + 0x20)))
            } else {
                output.append(scalar)
            }
            return
        }
        if value < UInt32(latinTable.count) {
            for folded in latinTable[Int(value)] { output.append(folded) }
            return
        }
        switch value {
        case 0x2019, 0x2018, 0x02BC, 0x2032: output.append("'")  // ’ ‘ ʼ ′ → '
        case 0x00A0, 0x202F, 0x2009: output.append(" ")  // no-break and thin spaces
        case 0x2013, 0x2014: output.append("-")
        default:
            if scalar.properties.isUppercase || scalar.properties.changesWhenLowercased {
                output.append(contentsOf: scalar.properties.lowercaseMapping.unicodeScalars)
            } else {
                output.append(scalar)
            }
        }
    }

    /// Whether a scalar folds to itself (ASCII lowercase letters, digits and most symbols):
    /// callers use it to skip work.
    @inline(__always)
    public static func isFoldInvariantASCII(_ byte: UInt8) -> Bool {
        byte < 0x80 && !(byte >= 0x41 && byte <= 0x5A)
    }

    /// Appends the key of a word written in ASCII and Latin letters (all below U+0250) to
    /// `output`: folded when `folding`, else lowercased (as `String.lowercased()` does), and says
    /// whether it has cased letters and whether they are all uppercase. Nil, with `output` left
    /// partly written, when the word holds another scalar: the caller takes the general path.
    /// Byte tables instead of `String` work: the lexicon engine keys every word of every text.
    static func appendLatinWordKey(
        _ bytes: UnsafeBufferPointer<UInt8>, from start: Int, to end: Int, folding: Bool, into output: inout [UInt8]
    ) -> (hasCased: Bool, allUpper: Bool)? {
        let tables = latinKeyTables
        var hasCased = false
        var allUpper = true
        var index = start
        while index < end {
            let byte = bytes[index]
            var value: Int
            if byte < 0x80 {
                value = Int(byte)
                index += 1
            } else if byte & 0xE0 == 0xC0, index + 1 < end {
                value = Int(byte & 0x1F) << 6 | Int(bytes[index + 1] & 0x3F)
                guard value < latinTableLimit else { return nil }
                index += 2
            } else {
                return nil
            }
            let flags = tables.caseFlags[value]
            if flags & 1 != 0 { hasCased = true }
            if flags & 2 != 0 { hasCased = true; allUpper = false }
            let range = folding ? tables.folded[value] : tables.lowercased[value]
            output.append(contentsOf: tables.bytes[Int(range.start)..<Int(range.start) + Int(range.count)])
        }
        return (hasCased, allUpper)
    }

    /// Appends the folded UTF-8 of a scalar below U+0250 (`fold` of it, from the same table).
    @inline(__always)
    static func appendFoldedUTF8(ofLatin value: Int, to output: inout [UInt8]) {
        let tables = latinKeyTables
        let range = tables.folded[value]
        output.append(contentsOf: tables.bytes[Int(range.start)..<Int(range.start) + Int(range.count)])
    }

    /// The byte tables answer for scalar values below this (U+0250: Latin, Latin-1, Latin
    /// Extended A and B).
    static let latinTableLimit = 0x250

    private struct LatinKeyTables: Sendable {
        /// Bit 1: uppercase; bit 2: lowercase (Unicode properties), by scalar.
        var caseFlags: [UInt8] = []
        /// Where each scalar's folded and lowercased UTF-8 sit in `bytes`.
        var folded: [(start: UInt16, count: UInt8)] = []
        var lowercased: [(start: UInt16, count: UInt8)] = []
        var bytes: [UInt8] = []
    }

    private static let latinKeyTables: LatinKeyTables = {
        var tables = LatinKeyTables()
        func store(_ text: String) -> (start: UInt16, count: UInt8) {
            let start = UInt16(tables.bytes.count)
            tables.bytes.append(contentsOf: text.utf8)
            return (start, UInt8(text.utf8.count))
        }
        for value in 0..<latinTableLimit {
            guard let scalar = Unicode.Scalar(value) else {
                tables.caseFlags.append(0)
                tables.folded.append((0, 0))
                tables.lowercased.append((0, 0))
                continue
            }
            let properties = scalar.properties
            tables.caseFlags.append(properties.isUppercase ? 1 : (properties.isLowercase ? 2 : 0))
            var folded = String.UnicodeScalarView()
            append(scalar, to: &folded)
            tables.folded.append(store(String(folded)))
            tables.lowercased.append(store(String(scalar).lowercased()))
        }
        return tables
    }()

    /// Folded forms of U+0000 to U+024F.
    private static let latinTable: [[Unicode.Scalar]] = {
        var table: [[Unicode.Scalar]] = []
        table.reserveCapacity(0x250)
        for value in 0..<0x250 {
            guard let scalar = Unicode.Scalar(value) else {
                table.append([])
                continue
            }
            switch value {
            case 0xC6, 0xE6: table.append(["a", "e"])  // Æ æ
            case 0x152, 0x153: table.append(["o", "e"])  // Œ œ
            case 0xDF: table.append(["s", "s"])  // ß
            case 0xD8, 0xF8: table.append(["o"])  // Ø ø
            case 0x141, 0x142: table.append(["l"])  // Ł ł
            case 0xD0, 0xF0: table.append(["d"])  // Ð ð
            case 0xDE, 0xFE: table.append(["t", "h"])  // Þ þ
            case 0xA0: table.append([" "])
            default:
                let folded = String(Character(scalar)).folding(
                    options: [.diacriticInsensitive, .caseInsensitive], locale: Locale(identifier: "en_US_POSIX"))
                table.append(Array(folded.unicodeScalars))
            }
        }
        return table
    }()
}
