/// What the scanner found.
enum FoldedTokenKind: UInt8, Sendable {
    /// A run of letters and digits ("Mélisse", "2ème").
    case word
    /// `#` and a run of letters, digits and `_` holding at least one letter ("#Mélisse").
    case hashtag
    /// `@user`, `@user@instance` or `@name.bsky.social`.
    case handle
}

/// One token, identified by the hash of its folded text rather than by a `String`, so that
/// scanning millions of texts allocates nothing per word.
struct FoldedToken: Sendable {
    var kind: FoldedTokenKind
    /// FNV-1a of the folded UTF-8 bytes: for a word its text; for a hashtag the text after `#`
    /// without `_` (so `#Boulangerie_Melisse` and `#BoulangerieMelisse` are one tag, and a
    /// phrase's words joined together can be compared with it); for a handle the user part
    /// after `@`.
    var hash: UInt64
    /// For a handle, the hash of its folded instance (`mastodon.social`), else 0.
    var instanceHash: UInt64 = 0
    /// Byte offsets of the token in the text's UTF-8, sigil (`#`, `@`) included.
    var start: Int
    var end: Int
    /// Number of scalars of the folded text (1 for "à").
    var foldedLength: Int
    /// Only decimal digits ("2011").
    var isNumber: Bool
    /// Whether punctuation, a line break, an emoji, a link or a handle separates this token
    /// from the previous one (true for the first token). Spaces do not, nor does a single
    /// hyphen or apostrophe between two words ("bouche-à-oreille", "l'été").
    var followsBreak: Bool
}

/// Splits text into folded words, hashtags and handles in one pass over its UTF-8 bytes.
///
/// Shared by near-duplicate fingerprints, watch terms and keyphrases, so the three agree on
/// what a word is: a maximal run of letters and digits (Unicode `Alphabetic` or decimal digit),
/// folded with `TextFolding` (case, accents, œ → oe). Combining accents of decomposed text are
/// dropped inside a word, so "e\u{301}te" and "été" are the same word. Apostrophes and hyphens
/// split words ("l'été" → l + ete, "Fournil-Dubois" → fournil + dubois) without breaking a
/// phrase. Links (`http://`, `https://`, `www.`) and e-mail addresses are skipped: they are
/// addresses, not text ("bonjour@boulangerie-melisse.ca" gave keyphrases four words).
enum FoldedTokenScanner {
    /// Calls `body` with the UTF-8 bytes of a text, without copying when the string is native.
    static func withUTF8<Result>(_ text: String, _ body: (UnsafeBufferPointer<UInt8>) -> Result) -> Result {
        if let result = text.utf8.withContiguousStorageIfAvailable(body) { return result }
        let bytes = Array(text.utf8)
        return bytes.withUnsafeBufferPointer(body)
    }

    /// Scans a text; see `scan(utf8:_:)`.
    static func scan(_ text: String, _ body: (FoldedToken) -> Void) {
        withUTF8(text) { scan(utf8: $0, body) }
    }

    /// Scans valid UTF-8 (a Swift string's bytes) and calls `body` for every token in order.
    static func scan(utf8 bytes: UnsafeBufferPointer<UInt8>, _ body: (FoldedToken) -> Void) {
        let count = bytes.count
        var index = 0
        var scratch = String.UnicodeScalarView()
        // What lies between the previous token and the next one.
        var pendingBreak = true
        var gapJoinerCount = 0
        var gapHasSpace = false
        // Whether the scalar just before `index` was part of a word: a `#` or `@` glued to a
        // word ("C#", "contact@melisse.fr") starts no hashtag or handle.
        var afterWordScalar = false
        // Word starts before this cannot begin an e-mail address (see `endOfEmailAddress`): with
        // no "@" in the text, none can, and words are not read twice to find out.
        var noAddressBefore = bytes.contains(0x40) ? 0 : count

        func emit(_ token: inout FoldedToken) {
            token.followsBreak = pendingBreak || gapJoinerCount > 1 || (gapJoinerCount == 1 && gapHasSpace)
            body(token)
            pendingBreak = false
            gapJoinerCount = 0
            gapHasSpace = false
        }

        while index < count {
            let (value, length) = decode(bytes, at: index)
            switch classify(value) {
            case .wordScalar:
                if !afterWordScalar,
                   let linkEnd = endOfLink(bytes, at: index) ?? endOfEmailAddress(bytes, at: index, noAddressBefore: &noAddressBefore)
                {
                    index = linkEnd
                    pendingBreak = true
                    afterWordScalar = false
                    continue
                }
                let start = index
                let word = scanWord(bytes, from: &index, scratch: &scratch, skipsUnderscores: false)
                var token = FoldedToken(
                    kind: .word, hash: word.hash, start: start, end: index, foldedLength: word.length,
                    isNumber: !word.hasLetter, followsBreak: false)
                emit(&token)
                afterWordScalar = true
            case .hashSign:
                index += length
                guard !afterWordScalar, index < count, isWordScalar(decode(bytes, at: index).value) else {
                    pendingBreak = true
                    afterWordScalar = false
                    continue
                }
                let start = index - length
                let tag = scanWord(bytes, from: &index, scratch: &scratch, skipsUnderscores: true)
                var token = FoldedToken(
                    kind: tag.hasLetter ? .hashtag : .word, hash: tag.hash, start: tag.hasLetter ? start : start + length,
                    end: index, foldedLength: tag.length, isNumber: !tag.hasLetter, followsBreak: false)
                if !tag.hasLetter { pendingBreak = true }
                emit(&token)
                afterWordScalar = true
            case .atSign:
                index += length
                guard !afterWordScalar, index < count, isHandleScalar(decode(bytes, at: index).value) else {
                    pendingBreak = true
                    afterWordScalar = false
                    continue
                }
                let start = index - length
                let user = scanHandlePart(bytes, from: &index, scratch: &scratch)
                var instance: UInt64 = 0
                if index < count {
                    let (next, nextLength) = decode(bytes, at: index)
                    if next == 0x40 || next == 0xFF20, index + nextLength < count,
                       isWordScalar(decode(bytes, at: index + nextLength).value) {
                        index += nextLength
                        instance = scanHandlePart(bytes, from: &index, scratch: &scratch)
                    }
                }
                var token = FoldedToken(
                    kind: .handle, hash: user, instanceHash: instance, start: start, end: index, foldedLength: 0,
                    isNumber: false, followsBreak: false)
                emit(&token)
                // A handle is a name, not words of the sentence: phrases do not run across it.
                pendingBreak = true
                afterWordScalar = true
            case .space:
                gapHasSpace = true
                afterWordScalar = false
                index += length
            case .joiner:
                gapJoinerCount += 1
                afterWordScalar = false
                index += length
            case .ignorable:
                index += length
            case .lineBreak, .punctuation:
                pendingBreak = true
                afterWordScalar = false
                index += length
            }
        }
    }

    /// The hash of the words and hashtags of a text written together, as one word: the hash
    /// of "Boulangerie Mélisse" is the hash of the hashtag #BoulangerieMelisse.
    static func joinedHash(of text: String) -> UInt64 {
        withUTF8(text) { bytes in
            var hash = StableTextHash.fnvOffset
            var scratch = String.UnicodeScalarView()
            scan(utf8: bytes) { token in
                guard token.kind != .handle else { return }
                var index = token.start
                if token.kind == .hashtag { index += decode(bytes, at: index).length }
                hash = scanWord(
                    bytes, from: &index, scratch: &scratch, skipsUnderscores: token.kind == .hashtag, continuing: hash
                ).hash
            }
            return hash
        }
    }

    // MARK: - Scalars

    enum ScalarClass {
        case wordScalar, hashSign, atSign, space, lineBreak, joiner, ignorable, punctuation
    }

    @inline(__always)
    static func classify(_ value: UInt32) -> ScalarClass {
        if value < 0x80 {
            switch value {
            case 0x30...0x39, 0x41...0x5A, 0x61...0x7A: return .wordScalar
            case 0x20, 0x09: return .space
            case 0x0A, 0x0B, 0x0C, 0x0D: return .lineBreak
            case 0x23: return .hashSign
            case 0x40: return .atSign
            case 0x27: return .joiner
            case 0x2D: return .joiner
            // "&" joins names ("Miettes & Cie", "AT&T"): it neither splits a phrase nor is a word.
            case 0x26: return .ignorable
            default: return .punctuation
            }
        }
        return classifyNonASCII(value)
    }

    @inline(never)
    static func classifyNonASCII(_ value: UInt32) -> ScalarClass {
        if value < 0x250 {
            let folded = latinFolds[Int(value)]
            if folded.isWord { return .wordScalar }
            switch value {
            case 0x85: return .lineBreak
            case 0xAD: return .ignorable
            case 0xA0: return .space
            default: return .punctuation
            }
        }
        switch value {
        case 0x2019, 0x02BC: return .joiner
        case 0x2010, 0x2011: return .joiner
        case 0xFF03: return .hashSign
        case 0xFF20: return .atSign
        case 0x2028, 0x2029: return .lineBreak
        case 0x200B, 0x200C, 0x200D, 0x2060, 0xFE00...0xFE0F: return .ignorable
        default: break
        }
        guard let scalar = Unicode.Scalar(value) else { return .punctuation }
        let properties = scalar.properties
        if properties.isAlphabetic || properties.numericType == .decimal { return .wordScalar }
        switch properties.generalCategory {
        case .nonspacingMark, .enclosingMark, .spacingMark, .format: return .ignorable
        case .spaceSeparator: return .space
        default: return .punctuation
        }
    }

    @inline(__always)
    static func isWordScalar(_ value: UInt32) -> Bool {
        if case .wordScalar = classify(value) { return true }
        return false
    }

    @inline(__always)
    static func isHandleScalar(_ value: UInt32) -> Bool {
        value == 0x5F || isWordScalar(value)
    }

    /// Decodes the scalar at a byte offset of valid UTF-8.
    @inline(__always)
    static func decode(_ bytes: UnsafeBufferPointer<UInt8>, at index: Int) -> (value: UInt32, length: Int) {
        let lead = UInt32(bytes[index])
        if lead < 0x80 { return (lead, 1) }
        if lead < 0xE0 {
            return (((lead & 0x1F) << 6) | (UInt32(bytes[index + 1]) & 0x3F), 2)
        }
        if lead < 0xF0 {
            return (((lead & 0x0F) << 12) | ((UInt32(bytes[index + 1]) & 0x3F) << 6)
                | (UInt32(bytes[index + 2]) & 0x3F), 3)
        }
        return (((lead & 0x07) << 18) | ((UInt32(bytes[index + 1]) & 0x3F) << 12)
            | ((UInt32(bytes[index + 2]) & 0x3F) << 6) | (UInt32(bytes[index + 3]) & 0x3F), 4)
    }

    /// The folded form of a scalar below U+0250, for the scanner's inner loop.
    struct LatinFold: Sendable {
        /// Folded UTF-8 bytes, first byte in the low bits.
        var bytes: UInt64 = 0
        var byteCount: UInt8 = 0
        var scalarCount: UInt8 = 0
        var isWord = false
        var isDigit = false
    }

    /// `TextFolding` of every scalar below U+0250 (ASCII, Latin-1, Latin Extended A and B),
    /// computed once: French and most Western European text then folds without touching a
    /// `String`.
    static let latinFolds: [LatinFold] = {
        var table: [LatinFold] = []
        table.reserveCapacity(0x250)
        var scratch = String.UnicodeScalarView()
        for value in UInt32(0)..<0x250 {
            guard let scalar = Unicode.Scalar(value) else {
                table.append(LatinFold())
                continue
            }
            var entry = LatinFold()
            let properties = scalar.properties
            entry.isDigit = properties.numericType == .decimal
            entry.isWord = properties.isAlphabetic || entry.isDigit
            scratch.removeAll(keepingCapacity: true)
            TextFolding.append(scalar, to: &scratch)
            var shift: UInt64 = 0
            for folded in scratch {
                entry.scalarCount += 1
                for byte in String(folded).utf8 where shift < 64 {
                    entry.bytes |= UInt64(byte) << shift
                    shift += 8
                    entry.byteCount += 1
                }
            }
            table.append(entry)
        }
        return table
    }()

    // MARK: - Words, handles, links

    /// Folds and hashes a run of word scalars (and `_` for a hashtag, left out of the hash).
    static func scanWord(
        _ bytes: UnsafeBufferPointer<UInt8>, from index: inout Int, scratch: inout String.UnicodeScalarView,
        skipsUnderscores: Bool, continuing initialHash: UInt64 = StableTextHash.fnvOffset
    ) -> (hash: UInt64, length: Int, hasLetter: Bool) {
        var hash = initialHash
        var length = 0
        var hasLetter = false
        let count = bytes.count
        while index < count {
            let byte = bytes[index]
            if byte < 0x80 {
                switch byte {
                case 0x30...0x39:
                    hash = StableTextHash.fnv(hash, byte)
                case 0x61...0x7A:
                    hash = StableTextHash.fnv(hash, byte)
                    hasLetter = true
                case 0x41...0x5A:
                    hash = StableTextHash.fnv(hash, byte + 0x20)
                    hasLetter = true
                case 0x5F where skipsUnderscores:
                    index += 1
                    continue
                default:
                    return (hash, length, hasLetter)
                }
                length += 1
                index += 1
                continue
            }
            let (value, scalarLength) = decode(bytes, at: index)
            if value < 0x250 {
                // Latin-1 and Latin Extended: the folded bytes come from a table.
                let folded = latinFolds[Int(value)]
                guard folded.isWord else {
                    if value == 0xAD { index += scalarLength; continue }  // soft hyphen
                    return (hash, length, hasLetter)
                }
                var foldedBytes = folded.bytes
                for _ in 0..<folded.byteCount {
                    hash = StableTextHash.fnv(hash, UInt8(truncatingIfNeeded: foldedBytes))
                    foldedBytes >>= 8
                }
                length += Int(folded.scalarCount)
                hasLetter = hasLetter || !folded.isDigit
                index += scalarLength
                continue
            }
            switch classify(value) {
            case .wordScalar:
                let scalar = Unicode.Scalar(value)!
                if scalar.properties.numericType != .decimal { hasLetter = true }
                scratch.removeAll(keepingCapacity: true)
                TextFolding.append(scalar, to: &scratch)
                for folded in scratch {
                    hash = StableTextHash.fnv(hash, scalar: folded)
                    length += 1
                }
            case .ignorable:
                // Combining accents of decomposed text, joiners inside emoji: part of the word, not of its text.
                break
            default:
                return (hash, length, hasLetter)
            }
            index += scalarLength
        }
        return (hash, length, hasLetter)
    }

    /// The user or instance part of a handle: word scalars, `_`, and `.` or `-` between them
    /// (so the full stop after "merci @melisse." is not part of it). Folded and hashed.
    static func scanHandlePart(
        _ bytes: UnsafeBufferPointer<UInt8>, from index: inout Int, scratch: inout String.UnicodeScalarView
    ) -> UInt64 {
        var hash = StableTextHash.fnvOffset
        let count = bytes.count
        while index < count {
            // ASCII letters and digits folded as `scanWord` folds them, and "_" kept as below
            // (most handles are ASCII).
            let byte = bytes[index]
            switch byte {
            case 0x30...0x39, 0x61...0x7A, 0x5F:
                hash = StableTextHash.fnv(hash, byte)
                index += 1
                continue
            case 0x41...0x5A:
                hash = StableTextHash.fnv(hash, byte + 0x20)
                index += 1
                continue
            default:
                break
            }
            let (value, length) = decode(bytes, at: index)
            if value == 0x2E || value == 0x2D {
                guard index + length < count, isHandleScalar(decode(bytes, at: index + length).value) else { break }
                hash = StableTextHash.fnv(hash, UInt8(value))
            } else if value == 0x5F {
                hash = StableTextHash.fnv(hash, 0x5F)
            } else if isWordScalar(value) {
                scratch.removeAll(keepingCapacity: true)
                TextFolding.append(Unicode.Scalar(value)!, to: &scratch)
                for folded in scratch { hash = StableTextHash.fnv(hash, scalar: folded) }
            } else {
                break
            }
            index += length
        }
        return hash
    }

    /// Where an e-mail address starting at `index` ends ("jean.dupont+pain@boulangerie-melisse.ca"),
    /// or nil. ASCII only: a local part of letters, digits and `._%+-`, an `@`, and a domain of at
    /// least two labels whose last one has two letters or more; a full stop after it ends the
    /// sentence, not the address.
    ///
    /// `noAddressBefore` keeps the scan linear: a failed look leaves in it where the run of
    /// address characters ended, and any word starting inside that run ("a-a-a-…", where each
    /// hyphen starts a word) would reach the same end and fail the same way, so it is not looked
    /// at again.
    static func endOfEmailAddress(_ bytes: UnsafeBufferPointer<UInt8>, at index: Int, noAddressBefore: inout Int) -> Int? {
        guard index >= noAddressBefore else { return nil }
        func isAlphanumeric(_ byte: UInt8) -> Bool {
            (byte >= 0x30 && byte <= 0x39) || ((byte | 0x20) >= 0x61 && (byte | 0x20) <= 0x7A)
        }
        var end = index
        while end < bytes.count, isAddressByte(bytes[end]) { end += 1 }
        guard end > index, end < bytes.count, bytes[end] == 0x40 else {
            noAddressBefore = end
            return nil
        }
        end += 1
        let domainStart = end
        while end < bytes.count, isAlphanumeric(bytes[end]) || bytes[end] == 0x2D || bytes[end] == 0x2E { end += 1 }
        let runEnd = end
        while end > domainStart, bytes[end - 1] == 0x2E || bytes[end - 1] == 0x2D { end -= 1 }
        var labelStart = end
        while labelStart > domainStart, bytes[labelStart - 1] != 0x2E { labelStart -= 1 }
        guard labelStart > domainStart + 1, end - labelStart >= 2,
              bytes[labelStart..<end].allSatisfy({ ($0 | 0x20) >= 0x61 && ($0 | 0x20) <= 0x7A })
        else {
            noAddressBefore = runEnd
            return nil
        }
        return end
    }

    /// A byte of an e-mail address's local part: an ASCII letter or digit, or `._%+-`.
    @inline(__always)
    static func isAddressByte(_ byte: UInt8) -> Bool {
        (byte >= 0x30 && byte <= 0x39) || ((byte | 0x20) >= 0x61 && (byte | 0x20) <= 0x7A)
            || byte == 0x2E || byte == 0x5F || byte == 0x25 || byte == 0x2B || byte == 0x2D
    }

    /// Where a link starting at `index` ends (`http://`, `https://` or `www.`, up to the next
    /// space or quote), or nil when no link starts there.
    static func endOfLink(_ bytes: UnsafeBufferPointer<UInt8>, at index: Int) -> Int? {
        let first = bytes[index] | 0x20
        guard first == 0x68 || first == 0x77 else { return nil }  // h, w
        func matches(_ prefix: StaticString) -> Bool {
            let length = prefix.utf8CodeUnitCount
            guard index + length <= bytes.count else { return false }
            let pointer = prefix.utf8Start
            for offset in 0..<length {
                let byte = bytes[index + offset]
                let lowered = (byte >= 0x41 && byte <= 0x5A) ? byte + 0x20 : byte
                if lowered != pointer[offset] { return false }
            }
            return true
        }
        guard matches("http://") || matches("https://") || matches("www.") else { return nil }
        var end = index
        while end < bytes.count {
            let byte = bytes[end]
            if byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D || byte == 0x22 || byte == 0x3C
                || byte == 0x3E {
                break
            }
            if byte == 0xC2, end + 1 < bytes.count, bytes[end + 1] == 0xA0 { break }  // no-break space
            end += 1
        }
        return end
    }
}
