/// 64-bit SimHash fingerprints (Charikar 2002): texts that say the same thing get fingerprints
/// a few bits apart, so reposts, copy-paste campaigns and repeated paragraphs are found by
/// comparing 8 bytes per item instead of the texts (see `NearDuplicateGrouper`).
///
/// What is compared is the *set* of 3-word shingles of the folded words (case, accents and
/// punctuation ignored, links and @handles left out, hashtags kept as words): "UGH! I HATE
/// getting blood drawn!!!" and "Ugh. I hate getting blood drawn." have the same fingerprint,
/// and so do a repost with another short link or an "RT @someone:" in front. Each distinct shingle
/// votes once (a word repeated ten times does not outweigh the rest of the text).
///
/// Fallbacks for very short texts: with one or two words, the words and the pair are the
/// features; with no word at all (only emoji or emoticons), 3-scalar shingles of the
/// non-space characters. Empty or whitespace-only text has fingerprint 0, which means
/// "nothing to compare": `NearDuplicateGrouper` never groups it. A real fingerprint that comes
/// out as 0 is reported as 1, so 0 keeps that meaning.
///
/// The hashes are FNV-1a over UTF-8 with a MurmurHash3 finaliser, never Swift's `Hasher`:
/// fingerprints are stored and compared across runs and machines.
public enum NearDuplicateFingerprint {
    /// The fingerprint of a text; 0 when the text has nothing to fingerprint (empty, spaces).
    public static func simHash(_ text: String) -> UInt64 {
        var shingles: [UInt64] = []
        return FoldedTokenScanner.withUTF8(text) { simHash(utf8: $0, shingles: &shingles).fingerprint }
    }

    /// The number of bits that differ between two fingerprints (their Hamming distance).
    @inlinable
    public static func distance(_ first: UInt64, _ second: UInt64) -> Int {
        (first ^ second).nonzeroBitCount
    }

    /// The folded hash of "rt", the retweet marker.
    static let retweetMarker = StableTextHash.fnv(bytes: "rt".utf8)

    /// The fingerprint and word count of UTF-8 bytes; `shingles` is scratch space reused by
    /// callers that fingerprint many texts.
    static func simHash(utf8 bytes: UnsafeBufferPointer<UInt8>, shingles: inout [UInt64]) -> (
        fingerprint: UInt64, wordCount: Int
    ) {
        shingles.removeAll(keepingCapacity: true)
        var wordCount = 0
        var firstWord: UInt64 = 0
        var secondWord: UInt64 = 0
        var previous: UInt64 = 0
        var beforePrevious: UInt64 = 0
        FoldedTokenScanner.scan(utf8: bytes) { token in
            guard token.kind != .handle else { return }
            // "RT @someone: …" is the same text as "…".
            if wordCount == 0, token.kind == .word, token.hash == retweetMarker { return }
            wordCount += 1
            let word = token.hash
            if wordCount == 1 { firstWord = word } else if wordCount == 2 { secondWord = word }
            if wordCount >= 3 {
                shingles.append(
                    StableTextHash.combine(StableTextHash.combine(StableTextHash.combine(3, beforePrevious), previous), word))
            }
            beforePrevious = previous
            previous = word
        }
        switch wordCount {
        case 0:
            appendCharacterShingles(of: bytes, to: &shingles)
        case 1:
            shingles.append(StableTextHash.combine(1, firstWord))
        case 2:
            shingles.append(StableTextHash.combine(1, firstWord))
            shingles.append(StableTextHash.combine(1, secondWord))
            shingles.append(StableTextHash.combine(StableTextHash.combine(2, firstWord), secondWord))
        default:
            break
        }
        return (fingerprint(ofShingles: &shingles), wordCount)
    }

    /// SimHash of a set of shingle hashes: bit i is set when more than half of the distinct
    /// shingles have bit i set. A tie takes the bit of a hash of the whole set: ties are
    /// frequent in short texts (two shingles disagree on half their bits), and settling them
    /// all one way, or by one of the shingles, would give "I love that song" and "freaking
    /// love that song" the same fingerprint.
    static func fingerprint(ofShingles shingles: inout [UInt64]) -> UInt64 {
        guard !shingles.isEmpty else { return 0 }
        shingles.sort()
        return withUnsafeTemporaryAllocation(of: UInt64.self, capacity: 8 + 64) { space in
            // Counting set bits 8 at a time: byte i of lanes[j] counts bit 8j+i, so a shingle
            // costs 8 additions instead of 64; lanes are emptied into `totals` before a byte
            // can overflow.
            let lanes = UnsafeMutableBufferPointer(rebasing: space[0..<8])
            let totals = UnsafeMutableBufferPointer(rebasing: space[8..<72])
            space.initialize(repeating: 0)
            var distinct: UInt64 = 0
            var inLanes = 0
            var previous: UInt64? = nil
            var setHash: UInt64 = 0
            func emptyLanes() {
                for lane in 0..<8 {
                    var packed = lanes[lane]
                    for bit in 0..<8 {
                        totals[lane * 8 + bit] &+= packed & 0xFF
                        packed >>= 8
                    }
                    lanes[lane] = 0
                }
                inLanes = 0
            }
            for shingle in shingles where shingle != previous {
                previous = shingle
                distinct += 1
                setHash ^= shingle
                var bits = shingle
                for lane in 0..<8 {
                    lanes[lane] &+= byteSpread[Int(bits & 0xFF)]
                    bits >>= 8
                }
                inLanes += 1
                if inLanes == 255 { emptyLanes() }
            }
            emptyLanes()
            let tieBreaker = StableTextHash.mix(setHash)
            var result: UInt64 = 0
            for bit in 0..<64 {
                let twice = totals[bit] &* 2
                if twice > distinct || (twice == distinct && (tieBreaker >> UInt64(bit)) & 1 == 1) {
                    result |= 1 << UInt64(bit)
                }
            }
            return result == 0 ? 1 : result
        }
    }

    /// For each byte value, a word whose byte i is bit i of that value.
    static let byteSpread: [UInt64] = (0..<256).map { value in
        var spread: UInt64 = 0
        for bit in 0..<8 where (value >> bit) & 1 == 1 { spread |= 1 << UInt64(bit * 8) }
        return spread
    }

    /// 3-scalar shingles of the folded non-space scalars, for texts without a word (emoji,
    /// emoticons): one shingle of them all when there are fewer than three.
    static func appendCharacterShingles(of bytes: UnsafeBufferPointer<UInt8>, to shingles: inout [UInt64]) {
        var scratch = String.UnicodeScalarView()
        var window: (UInt64, UInt64) = (0, 0)
        var seen = 0
        var index = 0
        while index < bytes.count {
            let (value, length) = FoldedTokenScanner.decode(bytes, at: index)
            index += length
            guard let scalar = Unicode.Scalar(value), !scalar.properties.isWhitespace else { continue }
            scratch.removeAll(keepingCapacity: true)
            TextFolding.append(scalar, to: &scratch)
            for folded in scratch {
                let hash = UInt64(folded.value)
                seen += 1
                if seen >= 3 {
                    shingles.append(
                        StableTextHash.combine(StableTextHash.combine(StableTextHash.combine(4, window.0), window.1), hash))
                }
                window = (window.1, hash)
            }
        }
        if seen == 1 {
            shingles.append(StableTextHash.combine(4, window.1))
        } else if seen == 2 {
            shingles.append(StableTextHash.combine(StableTextHash.combine(4, window.0), window.1))
        }
    }
}
