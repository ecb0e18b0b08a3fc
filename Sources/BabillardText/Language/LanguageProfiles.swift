/// The model behind `LanguageIdentifier`, read from `language/profiles.txt` (written by
/// `scripts/derive-language-profiles.py` from wordfreq's word lists; see docs/DATA.md).
///
/// Every letter becomes a 6-bit code, so that an n-gram of up to three letters is an index
/// into one flat table (64³ slots, no hashing) and a word is a 64-bit hash of its codes.
/// Each feature's row holds its log-probability in each of eight classes (the seven languages
/// and "other"), one `SIMD8<Float>` that the scanner adds in one instruction.
struct LanguageProfiles: Sendable {
    /// Code of "no letter" (the unused first position of a unigram or bigram key).
    static let noLetter: UInt8 = 0
    /// Code of a word boundary (the space that pads every word).
    static let boundary: UInt8 = 1
    /// Code of a Latin letter outside the alphabet (ř, ł, ø, ...).
    static let otherLetter: UInt8 = 2
    /// `letterCodes` entry of a scalar that is not a letter: it ends the current word.
    static let separator: UInt8 = 0xFF
    /// `letterCodes` entry of ß: it counts as "ss", as in wordfreq's lists.
    static let sharpS: UInt8 = 0xFE
    /// Words longer than this are not looked up (the derivation drops them too).
    static let maxWordLetters = 24

    /// Which language each of the eight columns is; nil for the "other languages" column.
    var columns: [Language?]
    /// The code of every scalar below U+0250 (lowercased); `separator` for non-letters.
    var letterCodes: [UInt8]
    /// Index into `gramRows` of the n-gram with key `a << 12 | b << 6 | c`; 0 when absent.
    var gramSlots: [UInt16]
    var gramRows: [SIMD8<Float>]
    /// Open-addressing table of word hashes (0 = empty) and their rows.
    var wordKeys: [UInt64]
    var wordRowIndex: [Int32]
    var wordRows: [SIMD8<Float>]
    var wordMask: Int
    /// The log prior of each column (natural logarithms).
    var prior: SIMD8<Float>

    @inline(__always)
    static func gramKey(_ a: UInt8, _ b: UInt8, _ c: UInt8) -> Int {
        Int(a) << 12 | Int(b) << 6 | Int(c)
    }

    /// FNV-1a over letter codes.
    static let wordHashSeed: UInt64 = 0xcbf2_9ce4_8422_2325

    @inline(__always)
    static func wordHash(_ hash: UInt64, adding code: UInt8) -> UInt64 {
        (hash ^ UInt64(code)) &* 0x0000_0100_0000_01B3
    }

    @inline(__always)
    func wordRow(hash: UInt64) -> Int? {
        let key = hash == 0 ? 1 : hash
        var slot = Int(truncatingIfNeeded: (key &* 0x9E37_79B9_7F4A_7C15) >> 40) & wordMask
        while true {
            let found = wordKeys[slot]
            if found == key { return Int(wordRowIndex[slot]) }
            if found == 0 { return nil }
            slot = (slot + 1) & wordMask
        }
    }
}

// MARK: - Reading profiles.txt

extension LanguageProfiles {
    /// Parses the text of a profiles file; `file` names it in errors.
    init(parsing text: String, file: String) throws(TextResourceError) {
        var reader = ProfileLineReader(text: text, file: file)
        var header: [String: Substring] = [:]
        var pendingSection: (name: Substring, count: Int)?
        // Header: "key value" lines up to the first section.
        while let (number, line) = reader.next() {
            if line.isEmpty || line.hasPrefix("#") { continue }
            let parts = line.split(separator: " ", maxSplits: 1, omittingEmptySubsequences: true)
            guard parts.count == 2 else { throw reader.corrupt(number, "expected `name value`, found \"\(line.prefix(40))\"") }
            if parts[0] == "ngrams" {
                guard let count = Int(parts[1]), count >= 0 else { throw reader.corrupt(number, "the n-gram count is not a number") }
                pendingSection = ("ngrams", count)
                break
            }
            header[String(parts[0])] = parts[1]
        }
        guard let section = pendingSection else { throw reader.corrupt(reader.lineNumber, "the `ngrams` section is missing") }

        func value(_ name: String) throws(TextResourceError) -> Substring {
            guard let value = header[name] else { throw reader.corrupt(reader.lineNumber, "the header has no `\(name)` line") }
            return value
        }
        func number(_ name: String) throws(TextResourceError) -> Float {
            guard let number = Float(try value(name)), number.isFinite else {
                throw reader.corrupt(reader.lineNumber, "the header's `\(name)` is not a number")
            }
            return number
        }
        guard try value("format") == "babillard-language-profiles 1" else {
            throw reader.corrupt(reader.lineNumber, "unknown format \"\(header["format"] ?? "")\" (expected babillard-language-profiles 1)")
        }

        // Columns: the seven languages and "other", in the file's order.
        let names = try value("languages").split(separator: " ")
        var columns: [Language?] = []
        for name in names {
            if name == "other" { columns.append(nil); continue }
            guard let language = Language(rawValue: String(name)), language != .unknown else {
                throw reader.corrupt(reader.lineNumber, "unknown language \"\(name)\" in `languages`")
            }
            columns.append(language)
        }
        let known = Set(columns.compactMap { $0 })
        guard columns.count == 8, known.count == 7, columns.filter({ $0 == nil }).count == 1 else {
            throw reader.corrupt(reader.lineNumber, "`languages` must list fr en es de it pt nl and other, once each")
        }

        // Alphabet: each letter's code is its position + 3.
        let alphabet = Array(try value("alphabet").unicodeScalars)
        guard !alphabet.isEmpty, alphabet.count <= 61, Set(alphabet).count == alphabet.count else {
            throw reader.corrupt(reader.lineNumber, "the alphabet must hold 1 to 61 distinct letters")
        }
        var symbolCodes: [Unicode.Scalar: UInt8] = ["_": Self.boundary, "*": Self.otherLetter]
        for (index, letter) in alphabet.enumerated() {
            guard letter != "_", letter != "*" else { throw reader.corrupt(reader.lineNumber, "the alphabet cannot hold _ or *") }
            symbolCodes[letter] = UInt8(index + 3)
        }

        let scale = try number("scale")
        guard scale > 0 else { throw reader.corrupt(reader.lineNumber, "the scale must be positive") }
        let gramFloor = try number("ngram-floor")
        let wordFloor = try number("word-floor")
        let wordWeight = try number("word-weight")
        let priorValues = try value("prior").split(separator: " ").compactMap { Float($0) }
        guard priorValues.count == 8 else { throw reader.corrupt(reader.lineNumber, "`prior` needs 8 numbers") }

        // The code of each symbol a key may hold, by scalar value (0: not a symbol).
        var keyCodes = [UInt8](repeating: 0, count: 0x250)
        for (symbol, code) in symbolCodes where symbol.value < 0x250 { keyCodes[Int(symbol.value)] = code }
        guard symbolCodes.keys.allSatisfy({ $0.value < 0x250 }) else {
            throw reader.corrupt(reader.lineNumber, "the alphabet holds letters beyond U+024F")
        }

        self.columns = columns
        self.letterCodes = Self.letterCodeTable(symbolCodes: symbolCodes)
        self.prior = SIMD8(priorValues.map { -$0 / scale })

        // N-grams.
        gramSlots = [UInt16](repeating: 0, count: 1 << 18)
        gramRows = [SIMD8(repeating: 0)]
        guard section.count < Int(UInt16.max) else { throw reader.corrupt(reader.lineNumber, "too many n-grams (\(section.count))") }
        gramRows.reserveCapacity(section.count + 1)
        for _ in 0..<section.count {
            let (key, row) = try reader.row(codes: keyCodes, floor: gramFloor, scale: scale, weight: 1)
            let number = reader.lineNumber
            guard (1...3).contains(key.count), !(key.count == 1 && key[0] == Self.boundary) else {
                throw reader.corrupt(number, "an n-gram has 1 to 3 symbols and a unigram is a letter")
            }
            let padded = [UInt8](repeating: Self.noLetter, count: 3 - key.count) + key
            let slot = Self.gramKey(padded[0], padded[1], padded[2])
            guard gramSlots[slot] == 0 else { throw reader.corrupt(number, "this n-gram is listed twice") }
            gramSlots[slot] = UInt16(gramRows.count)
            gramRows.append(row)
        }

        // Words.
        guard let (_, wordsLine) = reader.nextContent(), wordsLine.hasPrefix("words "),
              let wordCount = Int(wordsLine.dropFirst(6)), wordCount >= 0
        else { throw reader.corrupt(reader.lineNumber, "expected `words N` after the n-grams") }
        var capacity = 1024
        while capacity < wordCount * 2 { capacity <<= 1 }
        wordKeys = [UInt64](repeating: 0, count: capacity)
        wordRowIndex = [Int32](repeating: -1, count: capacity)
        wordMask = capacity - 1
        wordRows = []
        wordRows.reserveCapacity(wordCount)
        for _ in 0..<wordCount {
            let (key, row) = try reader.row(codes: keyCodes, floor: wordFloor, scale: scale, weight: wordWeight)
            let number = reader.lineNumber
            guard !key.isEmpty, key.count <= Self.maxWordLetters, !key.contains(Self.boundary) else {
                throw reader.corrupt(number, "a word has 1 to \(Self.maxWordLetters) letters")
            }
            var hash = Self.wordHashSeed
            for code in key { hash = Self.wordHash(hash, adding: code) }
            let stored = hash == 0 ? 1 : hash
            var slot = Int(truncatingIfNeeded: (stored &* 0x9E37_79B9_7F4A_7C15) >> 40) & wordMask
            while wordKeys[slot] != 0 {
                guard wordKeys[slot] != stored else { throw reader.corrupt(number, "this word is listed twice") }
                slot = (slot + 1) & wordMask
            }
            wordKeys[slot] = stored
            wordRowIndex[slot] = Int32(wordRows.count)
            wordRows.append(row)
        }
        if let (number, line) = reader.nextContent() {
            throw reader.corrupt(number, "unexpected line after the words: \"\(line.prefix(40))\"")
        }
    }

    /// The code of each scalar below U+0250: its lowercase form's position in the alphabet,
    /// `otherLetter` for other letters, `sharpS` for ß, `separator` for everything else.
    private static func letterCodeTable(symbolCodes: [Unicode.Scalar: UInt8]) -> [UInt8] {
        var table = [UInt8](repeating: separator, count: 0x250)
        for value in 0..<0x250 {
            guard let scalar = Unicode.Scalar(value), isLetter(scalar) else { continue }
            if value == 0xDF {
                table[value] = sharpS
                continue
            }
            let lower = scalar.properties.lowercaseMapping.unicodeScalars
            let folded = lower.count == 1 ? lower.first! : scalar
            table[value] = symbolCodes[folded].flatMap { $0 >= 3 ? $0 : nil } ?? otherLetter
        }
        return table
    }

    /// The scanner's notion of a Latin letter below U+0250: a scalar of a letter category.
    static func isLetter(_ scalar: Unicode.Scalar) -> Bool {
        if scalar.value < 0x80 {
            let value = scalar.value | 0x20
            return value >= 0x61 && value <= 0x7A
        }
        switch scalar.properties.generalCategory {
        case .uppercaseLetter, .lowercaseLetter, .titlecaseLetter, .modifierLetter, .otherLetter: return true
        default: return false
        }
    }
}

/// Walks the lines of a profiles file as UTF-8 bytes (53,000 rows: no `Substring` per
/// field), counting them for error messages.
private struct ProfileLineReader {
    let file: String
    private let bytes: [UInt8]
    private var position = 0
    private(set) var lineNumber = 0

    init(text: String, file: String) {
        self.file = file
        bytes = Array(text.utf8)
    }

    /// The next line (without its line break) and its 1-based number.
    mutating func nextRange() -> (Int, Range<Int>)? {
        guard position < bytes.count else { return nil }
        let start = position
        var end = start
        while end < bytes.count && bytes[end] != 0x0A { end += 1 }
        position = end + 1
        lineNumber += 1
        let trimmed = end > start && bytes[end - 1] == 0x0D ? end - 1 : end
        return (lineNumber, start..<trimmed)
    }

    mutating func next() -> (Int, Substring)? {
        guard let (number, range) = nextRange() else { return nil }
        return (number, Substring(decoding: bytes[range], as: UTF8.self))
    }

    /// The next line that is neither empty nor a comment.
    mutating func nextContent() -> (Int, Substring)? {
        while let (number, line) = next() {
            if line.isEmpty || line.hasPrefix("#") { continue }
            return (number, line)
        }
        return nil
    }

    func corrupt(_ number: Int, _ reason: String) -> TextResourceError {
        TextResourceError(file: file, problem: .corrupt("line \(max(number, 1)): \(reason)"))
    }

    /// Reads a `key<TAB>v v v v v v v v` line: the key's codes (looked up by scalar value in
    /// `codes`, 0 for a scalar outside the alphabet) and its row of log-probabilities.
    mutating func row(
        codes: [UInt8], floor: Float, scale: Float, weight: Float
    ) throws(TextResourceError) -> (key: [UInt8], row: SIMD8<Float>) {
        guard let (number, range) = nextRange() else { throw corrupt(lineNumber, "the file ends too early") }
        var index = range.lowerBound
        var key: [UInt8] = []
        while index < range.upperBound && bytes[index] != 0x09 {
            let byte = bytes[index]
            var scalar = UInt32(byte)
            var length = 1
            if byte >= 0xC0 && byte < 0xE0 && index + 1 < range.upperBound {
                scalar = UInt32(byte & 0x1F) << 6 | UInt32(bytes[index + 1] & 0x3F)
                length = 2
            }
            let code = scalar < UInt32(codes.count) ? codes[Int(scalar)] : 0
            guard code != 0 else {
                let shown = String(decoding: bytes[index..<min(index + length, range.upperBound)], as: UTF8.self)
                throw corrupt(number, "\"\(shown)\" is not in the alphabet")
            }
            key.append(code)
            index += length
        }
        guard index < range.upperBound else { throw corrupt(number, "expected `key<TAB>8 values`") }
        index += 1
        var row = SIMD8<Float>(repeating: 0)
        var column = 0
        while index < range.upperBound {
            guard column < 8 else { throw corrupt(number, "more than 8 values") }
            var cost: Float
            if bytes[index] == 0x2E {  // "."
                cost = floor
                index += 1
            } else {
                var value = 0
                var digits = 0
                while index < range.upperBound, bytes[index] >= 0x30, bytes[index] <= 0x39, digits < 9 {
                    value = value * 10 + Int(bytes[index] - 0x30)
                    index += 1
                    digits += 1
                }
                guard digits > 0 else { throw corrupt(number, "values are whole numbers or \".\"") }
                cost = Float(value)
            }
            guard index == range.upperBound || bytes[index] == 0x20 else {
                throw corrupt(number, "values are whole numbers or \".\", separated by one space")
            }
            if index < range.upperBound { index += 1 }
            row[column] = -cost / scale * weight
            column += 1
        }
        guard column == 8 else { throw corrupt(number, "expected 8 values, found \(column)") }
        return (key, row)
    }
}
