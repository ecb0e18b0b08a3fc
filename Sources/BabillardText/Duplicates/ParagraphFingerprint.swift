/// The fingerprint of one paragraph of a text.
public struct ParagraphFingerprint: Sendable, Hashable {
    /// Where the paragraph is in the text (line breaks excluded).
    public var range: Range<String.Index>
    /// Its SimHash, as `NearDuplicateFingerprint.simHash` gives for the paragraph alone.
    public var fingerprint: UInt64
    /// Its number of words (hashtags count, handles and links do not).
    public var wordCount: Int

    public init(range: Range<String.Index>, fingerprint: UInt64, wordCount: Int) {
        self.range = range
        self.fingerprint = fingerprint
        self.wordCount = wordCount
    }
}

/// A paragraph that repeats an earlier one of the same text.
public struct RepeatedParagraph: Sendable, Hashable {
    /// The first occurrence.
    public var original: Range<String.Index>
    /// The later, near-identical one.
    public var repetition: Range<String.Index>
    /// Bits that differ between their fingerprints (0: the same words).
    public var distance: Int

    public init(original: Range<String.Index>, repetition: Range<String.Index>, distance: Int) {
        self.original = original
        self.repetition = repetition
        self.distance = distance
    }
}

extension NearDuplicateFingerprint {
    /// Whether the text holds a line break as `paragraphs` counts them (`\n`, `\r`, U+0085,
    /// U+2028, U+2029), read from its UTF-8 bytes without decoding.
    static func hasLineBreak(_ text: String) -> Bool {
        var previous: (UInt8, UInt8) = (0, 0)
        for byte in text.utf8 {
            switch byte {
            case 0x0A, 0x0D: return true
            case 0x85 where previous.1 == 0xC2: return true
            // U+2028 and U+2029 (E2 80 A8, E2 80 A9); a lone A8 is the end of "è" (C3 A8).
            case 0xA8 where previous == (0xE2, 0x80), 0xA9 where previous == (0xE2, 0x80): return true
            default: previous = (previous.1, byte)
            }
        }
        return false
    }

    /// Paragraphs shorter than this are not fingerprinted by default: a short line ("Laisser
    /// un commentaire", "- La participation :") is boilerplate or a heading, and repeating it
    /// says nothing.
    public static let defaultMinimumParagraphWords = 8

    /// The fingerprints of a text's paragraphs, in order. A paragraph is a line: text between
    /// line breaks (`\n`, `\r`, U+2028, U+2029, U+0085), which is how the readers' plain text
    /// separates paragraphs. Lines with fewer than `minimumWords` words are left out.
    public static func paragraphs(_ text: String, minimumWords: Int = defaultMinimumParagraphWords) -> [ParagraphFingerprint] {
        var found: [ParagraphFingerprint] = []
        var shingles: [UInt64] = []
        FoldedTokenScanner.withUTF8(text) { bytes in
            var lineStart = 0
            var index = 0
            func finishLine(at end: Int) {
                defer { lineStart = index }
                guard end > lineStart else { return }
                let line = UnsafeBufferPointer(rebasing: bytes[lineStart..<end])
                let (fingerprint, wordCount) = simHash(utf8: line, shingles: &shingles)
                guard fingerprint != 0, wordCount >= max(minimumWords, 1) else { return }
                let utf8 = text.utf8
                let lower = utf8.index(utf8.startIndex, offsetBy: lineStart)
                let upper = utf8.index(lower, offsetBy: end - lineStart)
                found.append(ParagraphFingerprint(range: lower..<upper, fingerprint: fingerprint, wordCount: wordCount))
            }
            while index < bytes.count {
                let (value, length) = FoldedTokenScanner.decode(bytes, at: index)
                index += length
                switch value {
                case 0x0A, 0x0D, 0x85, 0x2028, 0x2029: finishLine(at: index - length)
                default: break
                }
            }
            finishLine(at: bytes.count)
        }
        return found
    }

    /// Paragraphs of a text that repeat an earlier paragraph of it (a copy-paste slip, a
    /// quoted passage, a signature pasted twice), at most `maximumDistance` bits apart.
    public static func repeatedParagraphs(
        in text: String, minimumWords: Int = defaultMinimumParagraphWords,
        maximumDistance: Int = NearDuplicateGrouper.defaultMaximumDistance
    ) -> [RepeatedParagraph] {
        // One line is one paragraph: nothing to compare (most posts; the analysis asks for every text).
        guard hasLineBreak(text) else { return [] }
        let paragraphs = paragraphs(text, minimumWords: minimumWords)
        var repeated: [RepeatedParagraph] = []
        if paragraphs.count > 64 {
            // A very long text: the grouper's tables instead of comparing every pair.
            var grouper = NearDuplicateGrouper(maximumDistance: maximumDistance)
            for (ordinal, paragraph) in paragraphs.enumerated() {
                guard let original = grouper.add(id: Int64(ordinal), fingerprint: paragraph.fingerprint) else { continue }
                let first = paragraphs[Int(original)]
                repeated.append(RepeatedParagraph(
                    original: first.range, repetition: paragraph.range,
                    distance: distance(first.fingerprint, paragraph.fingerprint)))
            }
            return repeated
        }
        // A text has few paragraphs: comparing each with the earlier groups' first paragraphs
        // is cheaper than a `NearDuplicateGrouper`'s tables, and groups the same way.
        var representatives: [Int] = []
        for (ordinal, paragraph) in paragraphs.enumerated() {
            var closest: (ordinal: Int, distance: Int)? = nil
            for candidate in representatives {
                let bits = distance(paragraphs[candidate].fingerprint, paragraph.fingerprint)
                if bits <= maximumDistance, bits < closest?.distance ?? Int.max { closest = (candidate, bits) }
            }
            guard let closest else {
                representatives.append(ordinal)
                continue
            }
            repeated.append(RepeatedParagraph(
                original: paragraphs[closest.ordinal].range, repetition: paragraph.range, distance: closest.distance))
        }
        return repeated
    }
}
