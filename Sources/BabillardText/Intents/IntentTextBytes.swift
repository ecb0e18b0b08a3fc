/// Byte-level helpers for scanning folded text (the output of `TextFolding.fold`) as UTF-8,
/// shared by the cue compiler and the scanner so that cues and text are cut into words the
/// same way.
enum IntentTextBytes {
    static let hashBasis: UInt64 = 0xcbf2_9ce4_8422_2325

    /// FNV-1a, one byte at a time: words are hashed while they are read, without copying them.
    @inline(__always)
    static func hash(_ hash: UInt64, _ byte: UInt8) -> UInt64 {
        (hash ^ UInt64(byte)) &* 0x0000_0100_0000_01B3
    }

    static func hash<Bytes: Sequence>(_ bytes: Bytes) -> UInt64 where Bytes.Element == UInt8 {
        var value = hashBasis
        for byte in bytes { value = hash(value, byte) }
        return value
    }

    /// ASCII letters, digits and `_` (hashtags and handles keep their underscores). Folded text
    /// has no ASCII capitals.
    @inline(__always)
    static func isASCIIWordByte(_ byte: UInt8) -> Bool {
        (byte >= 0x61 && byte <= 0x7A) || (byte >= 0x30 && byte <= 0x39) || byte == 0x5F
            || (byte >= 0x41 && byte <= 0x5A)
    }

    /// The scalar that starts at `index` and its length in bytes; a broken sequence reads as one
    /// byte of U+FFFD so that scanning always moves on.
    @inline(__always)
    static func scalar(in bytes: UnsafeBufferPointer<UInt8>, at index: Int) -> (Unicode.Scalar, Int) {
        let lead = bytes[index]
        let length: Int
        var value: UInt32
        switch lead {
        case 0xC0...0xDF: length = 2; value = UInt32(lead & 0x1F)
        case 0xE0...0xEF: length = 3; value = UInt32(lead & 0x0F)
        case 0xF0...0xF7: length = 4; value = UInt32(lead & 0x07)
        default: return ("\u{FFFD}", 1)
        }
        guard index + length <= bytes.count else { return ("\u{FFFD}", 1) }
        for offset in 1..<length {
            let byte = bytes[index + offset]
            guard byte & 0xC0 == 0x80 else { return ("\u{FFFD}", 1) }
            value = (value << 6) | UInt32(byte & 0x3F)
        }
        return (Unicode.Scalar(value) ?? "\u{FFFD}", length)
    }

    /// Whether a word goes on at `index`, and over how many bytes: letters of any script and
    /// digits do; spaces, punctuation, symbols and emoji do not.
    @inline(__always)
    static func wordLength(in bytes: UnsafeBufferPointer<UInt8>, at index: Int) -> Int {
        let byte = bytes[index]
        if byte < 0x80 { return isASCIIWordByte(byte) ? 1 : 0 }
        let (scalar, length) = scalar(in: bytes, at: index)
        return scalar.properties.isAlphabetic ? length : 0
    }

    /// The end of the word that starts at `index`.
    @inline(__always)
    static func wordEnd(in bytes: UnsafeBufferPointer<UInt8>, from index: Int) -> Int {
        var end = index
        while end < bytes.count {
            let length = wordLength(in: bytes, at: end)
            if length == 0 { break }
            end += length
        }
        return end
    }

    /// The words of a folded phrase, as byte arrays ("est-ce qu'il" → est, ce, qu, il).
    static func words(of folded: String) -> [[UInt8]] {
        var text = folded
        return text.withUTF8 { bytes in
            var words: [[UInt8]] = []
            var index = 0
            while index < bytes.count {
                if wordLength(in: bytes, at: index) > 0 {
                    let end = wordEnd(in: bytes, from: index)
                    words.append(Array(bytes[index..<end]))
                    index = end
                } else {
                    index += bytes[index] < 0x80 ? 1 : scalar(in: bytes, at: index).1
                }
            }
            return words
        }
    }
}
