import Foundation

/// One token of a scanned text: a byte range of the folded text.
struct ScannedToken {
    var start: Int32
    var end: Int32
    /// A word (letters and digits) rather than a sign ("!", "?", an emoji, a symbol); only words
    /// give character n-grams.
    var isWord: Bool
    /// Inside a negation's scope: after "pas", "ne", "jamais", "not", … up to the next punctuation.
    var negated: Bool
}

/// The featurizer's working copy of a text: folded UTF-8 bytes and their tokens.
///
/// The rules (which bytes are word characters, which end a negation's scope, the negation words)
/// are part of what a model learned: changing them requires bumping
/// `SentimentFeaturizer.scannerVersion`.
struct ScannedText {
    var bytes: [UInt8] = []
    var tokens: [ScannedToken] = []
    /// For each folded byte, the offset in the original text's UTF-8 of the character it comes
    /// from; filled only when explaining, to quote words as written.
    var origins: [Int32] = []

    mutating func read(_ text: String, marksNegation: Bool, recordingOrigins: Bool) {
        bytes.removeAll(keepingCapacity: true)
        tokens.removeAll(keepingCapacity: true)
        origins.removeAll(keepingCapacity: true)
        fold(text, recordingOrigins: recordingOrigins)
        tokenize(marksNegation: marksNegation)
    }

    // MARK: Folding

    /// Lowercases and removes accents (ASCII inline, the rest through `TextFolding`), up to
    /// `SentimentFeaturizer.maximumAnalysedBytes`.
    private mutating func fold(_ text: String, recordingOrigins: Bool) {
        var text = text
        let limit = SentimentFeaturizer.maximumAnalysedBytes
        text.withUTF8 { utf8 in
            bytes.reserveCapacity(Swift.min(utf8.count, limit) + 8)
            var scratch = String.UnicodeScalarView()
            var offset = 0
            let count = utf8.count
            while offset < count && bytes.count < limit {
                let byte = utf8[offset]
                if byte < 0x80 {
                    bytes.append(byte >= 0x41 && byte <= 0x5A ? byte | 0x20 : byte)
                    if recordingOrigins { origins.append(Int32(offset)) }
                    offset += 1
                    continue
                }
                let (value, length) = Self.decodeScalar(utf8, at: offset)
                let before = bytes.count
                if let entry = Self.foldTableEntry(value), Self.foldTable[entry] != 0xFF {
                    let foldedLength = Int(Self.foldTable[entry])
                    for index in 0..<foldedLength { bytes.append(Self.foldTable[entry + 1 + index]) }
                } else if let scalar = Unicode.Scalar(value) {
                    scratch.removeAll(keepingCapacity: true)
                    TextFolding.append(scalar, to: &scratch)
                    for folded in scratch {
                        UTF8.encode(folded) { bytes.append($0) }
                    }
                }
                if recordingOrigins {
                    for _ in before..<bytes.count { origins.append(Int32(offset)) }
                }
                offset += length
            }
        }
    }

    /// `TextFolding`'s output for the non-ASCII scalars French and English text is made of
    /// (U+0080–U+024F, and the general punctuation block U+2000–U+206F), as UTF-8: four bytes per
    /// scalar, the length (0xFF: longer than three bytes, fold it the slow way) then the bytes.
    /// Appending to a `String.UnicodeScalarView` per accented letter cost more than the rest of
    /// the folding.
    private static let foldTable: [UInt8] = {
        var table: [UInt8] = []
        for range in [0x80..<0x250, 0x2000..<0x2070] {
            for value in range {
                var folded = String.UnicodeScalarView()
                if let scalar = Unicode.Scalar(UInt32(value)) { TextFolding.append(scalar, to: &folded) }
                let utf8 = Array(String(folded).utf8)
                if utf8.count > 3 {
                    table.append(contentsOf: [0xFF, 0, 0, 0])
                } else {
                    table.append(UInt8(utf8.count))
                    table.append(contentsOf: utf8 + [UInt8](repeating: 0, count: 3 - utf8.count))
                }
            }
        }
        return table
    }()

    @inline(__always)
    private static func foldTableEntry(_ value: UInt32) -> Int? {
        if value < 0x250 { return Int(value - 0x80) * 4 }
        if value >= 0x2000 && value < 0x2070 { return (0x1D0 + Int(value - 0x2000)) * 4 }
        return nil
    }

    /// The scalar starting at a non-ASCII lead byte of valid UTF-8, and its length in bytes.
    @inline(__always)
    static func decodeScalar(_ utf8: UnsafeBufferPointer<UInt8>, at offset: Int) -> (value: UInt32, length: Int) {
        let lead = utf8[offset]
        let length = lead >= 0xF0 ? 4 : (lead >= 0xE0 ? 3 : 2)
        guard offset + length <= utf8.count else { return (0xFFFD, utf8.count - offset) }
        var value = UInt32(lead) & (length == 2 ? 0x1F : (length == 3 ? 0x0F : 0x07))
        for index in 1..<length {
            value = (value << 6) | (UInt32(utf8[offset + index]) & 0x3F)
        }
        return (value, length)
    }

    // MARK: Tokens

    private enum ScalarRole {
        case word, sign, separator, scopeEnd, ignored
    }

    /// What a non-ASCII scalar (left after folding) is to the tokenizer.
    private static func role(of value: UInt32) -> ScalarRole {
        switch value {
        case 0x200C, 0x200D, 0xFE00...0xFE0F, 0x1F3FB...0x1F3FF, 0xE0020...0xE007F:
            return .ignored  // joiners, variation selectors, skin tones, tag characters
        case 0x2026, 0x3002, 0xFF01, 0xFF1F, 0xFF0E:
            return .scopeEnd  // … 。 ！ ？ ．
        default:
            break
        }
        guard let scalar = Unicode.Scalar(value) else { return .separator }
        let properties = scalar.properties
        if properties.isAlphabetic || properties.numericType != nil { return .word }
        if properties.isWhitespace { return .separator }
        switch properties.generalCategory {
        case .mathSymbol, .currencySymbol, .modifierSymbol, .otherSymbol: return .sign
        case .nonspacingMark, .spacingMark, .enclosingMark, .format, .control: return .ignored
        default: return .separator
        }
    }

    @inline(__always)
    private static func isASCIIWordByte(_ byte: UInt8) -> Bool {
        (byte >= 0x61 && byte <= 0x7A) || (byte >= 0x30 && byte <= 0x39)
    }

    private mutating func tokenize(marksNegation: Bool) {
        let count = bytes.count
        var negating = false
        bytes.withUnsafeBufferPointer { bytes in
            var offset = 0
            while offset < count {
                let byte = bytes[offset]
                if byte < 0x80 {
                    if Self.isASCIIWordByte(byte) {
                        let end = Self.endOfWord(bytes, from: offset)
                        appendWord(bytes, start: offset, end: end, marksNegation: marksNegation, negating: &negating)
                        offset = end
                        continue
                    }
                    switch byte {
                    case 0x21, 0x3F:  // ! ?
                        tokens.append(ScannedToken(start: Int32(offset), end: Int32(offset + 1), isWord: false, negated: false))
                        negating = false
                    case 0x2E, 0x2C, 0x3B, 0x3A, 0x0A:  // . , ; : newline
                        negating = false
                    default:
                        break
                    }
                    offset += 1
                    continue
                }
                let (value, length) = Self.decodeScalar(bytes, at: offset)
                switch Self.role(of: value) {
                case .word:
                    let end = Self.endOfWord(bytes, from: offset)
                    appendWord(bytes, start: offset, end: end, marksNegation: marksNegation, negating: &negating)
                    offset = end
                    continue
                case .sign:
                    tokens.append(ScannedToken(start: Int32(offset), end: Int32(offset + length), isWord: false, negated: false))
                case .scopeEnd:
                    negating = false
                case .separator, .ignored:
                    break
                }
                offset += length
            }
        }
    }

    /// The end of the word starting at `start`: letters and digits, ASCII or not.
    private static func endOfWord(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int) -> Int {
        var offset = start
        while offset < bytes.count {
            let byte = bytes[offset]
            if byte < 0x80 {
                if isASCIIWordByte(byte) {
                    offset += 1
                    continue
                }
                return offset
            }
            let (value, length) = decodeScalar(bytes, at: offset)
            switch role(of: value) {
            case .word, .ignored: offset += length
            default: return offset
            }
        }
        return offset
    }

    private mutating func appendWord(
        _ bytes: UnsafeBufferPointer<UInt8>, start: Int, end: Int, marksNegation: Bool, negating: inout Bool
    ) {
        tokens.append(ScannedToken(start: Int32(start), end: Int32(end), isWord: true, negated: negating))
        if marksNegation && !negating && Self.isNegation(bytes, start: start, end: end) { negating = true }
    }

    /// Negation words, folded, packed in a UInt64 (at most eight bytes) for a cheap lookup.
    private static let negationWords: Set<UInt64> = Set([
        // French ("n" is the elided "ne": "n'est pas")
        "ne", "n", "pas", "jamais", "rien", "aucun", "aucune", "ni", "sans", "personne", "guere", "nullement",
        // English ("isn't" is split at the apostrophe into "isn" and "t")
        "not", "no", "never", "nothing", "nobody", "none", "nor", "without", "cannot", "cant", "dont",
        "doesnt", "didnt", "isnt", "wasnt", "wont", "aint", "didn", "doesn", "isn", "wasn", "aren", "weren",
        "couldn", "wouldn", "shouldn", "hasn", "haven", "hadn",
    ].map { (word: String) in packWord(Array(word.utf8)[...]) })

    @inline(__always)
    private static func packWord(_ bytes: some Collection<UInt8>) -> UInt64 {
        var packed: UInt64 = 0
        for byte in bytes { packed = (packed << 8) | UInt64(byte) }
        return packed
    }

    @inline(__always)
    private static func isNegation(_ bytes: UnsafeBufferPointer<UInt8>, start: Int, end: Int) -> Bool {
        guard end - start <= 8 else { return false }
        return negationWords.contains(packWord(bytes[start..<end]))
    }
}
