import Foundation

/// Receives the n-grams of a scanned text, as hashed feature indices.
protocol NGramVisitor {
    mutating func visitWordNGram(index: UInt32, firstToken: Int, lastToken: Int)
    mutating func visitCharacterNGram(index: UInt32, token: Int)
}

extension ScannedText {
    /// Calls the visitor for every word n-gram and character n-gram, in text order.
    func visitNGrams<Visitor: NGramVisitor>(_ configuration: SentimentFeaturizer.Configuration, _ visitor: inout Visitor) {
        let mask = UInt32((1 << configuration.hashBits) - 1)
        let wordOrders = configuration.wordOrders
        bytes.withUnsafeBufferPointer { bytes in
            tokens.withUnsafeBufferPointer { tokens in
                for last in 0..<tokens.count {
                    for order in wordOrders where order <= last + 1 {
                        let first = last - order + 1
                        var hash = FeatureHash(namespace: FeatureHash.wordNamespace)
                        for position in first...last {
                            let token = tokens[position]
                            if position > first { hash.feed(FeatureHash.tokenSeparator) }
                            if token.negated { hash.feed(FeatureHash.negationMarker) }
                            hash.feed(bytes, from: Int(token.start), to: Int(token.end))
                        }
                        visitor.visitWordNGram(index: hash.index(mask: mask), firstToken: first, lastToken: last)
                    }
                }
                guard let characterOrders = configuration.characterOrders else { return }
                var boundaries: [Int32] = []
                for position in 0..<tokens.count where tokens[position].isWord {
                    Self.visitCharacterNGrams(
                        of: tokens[position], at: position, bytes: bytes, orders: characterOrders, mask: mask,
                        boundaries: &boundaries, visitor: &visitor)
                }
            }
        }
    }

    /// Character n-grams of one word padded with a space at each end (" nul " → " n", "nu", "ul",
    /// "l ", " nu", …), over characters, not bytes.
    @inline(__always)
    private static func visitCharacterNGrams<Visitor: NGramVisitor>(
        of token: ScannedToken, at position: Int, bytes: UnsafeBufferPointer<UInt8>, orders: ClosedRange<Int>,
        mask: UInt32, boundaries: inout [Int32], visitor: inout Visitor
    ) {
        let start = Int(token.start)
        let end = Int(token.end)
        var isASCII = true
        for offset in start..<end where bytes[offset] >= 0x80 {
            isASCII = false
            break
        }
        // Character k (0-based) of the word spans bytes boundaries[k]..<boundaries[k+1].
        let characterCount: Int
        if isASCII {
            characterCount = end - start
        } else {
            boundaries.removeAll(keepingCapacity: true)
            for offset in start..<end where bytes[offset] & 0xC0 != 0x80 { boundaries.append(Int32(offset)) }
            boundaries.append(Int32(end))
            characterCount = boundaries.count - 1
        }
        let paddedCount = characterCount + 2
        let minimum = orders.lowerBound
        let maximum = orders.upperBound
        for first in 0..<paddedCount {
            var hash = FeatureHash(namespace: FeatureHash.characterNamespace)
            var length = 0
            while length < maximum && first + length < paddedCount {
                let unit = first + length
                if unit == 0 || unit == paddedCount - 1 {
                    hash.feed(0x20)
                } else if isASCII {
                    hash.feed(bytes[start + unit - 1])
                } else {
                    hash.feed(bytes, from: Int(boundaries[unit - 1]), to: Int(boundaries[unit]))
                }
                length += 1
                if length >= minimum && !(length == 1 && (unit == 0 || unit == paddedCount - 1)) {
                    visitor.visitCharacterNGram(index: hash.index(mask: mask), token: position)
                }
            }
        }
    }
}

/// The distinct n-grams of a text with their counts, word n-grams first, each in order of first
/// occurrence; what scoring, features and explanations read.
///
/// Counted with an open-addressing table sized for the most n-grams the text can have, filled
/// while the n-grams are visited: no list of n-grams is built, nothing is sorted.
struct NGramCounts {
    /// (key + 1) << 32 | count, 0 when empty; key = index, with bit 31 set for character n-grams.
    private var slots: [UInt64] = []
    /// The slots in use, in order of first occurrence.
    private(set) var used: [Int32] = []
    /// `used[0..<wordCount]` are word n-grams, the rest character n-grams.
    private(set) var wordCount = 0
    /// Every n-gram occurrence in the order visited, when asked for (explanations read them
    /// instead of hashing every n-gram of the text a second time).
    private(set) var occurrences: [NGramOccurrence] = []
    /// Whether `occurrences` were recorded (explanations need them).
    let recordsOccurrences: Bool

    static let characterBit: UInt32 = 1 << 31

    init(_ scan: ScannedText, _ configuration: SentimentFeaturizer.Configuration, recordingOccurrences: Bool = false) {
        recordsOccurrences = recordingOccurrences
        let bound = scan.nGramBound(configuration)
        guard bound > 0 else { return }
        var capacity = 64
        while capacity < 2 * bound { capacity <<= 1 }
        slots = [UInt64](repeating: 0, count: capacity)
        used = [Int32](repeating: 0, count: bound)
        if recordingOccurrences { occurrences = [NGramOccurrence](repeating: NGramOccurrence(slot: 0, first: 0, last: 0), count: bound) }
        var usedCount = 0
        var wordCount = 0
        var occurrenceCount = 0
        slots.withUnsafeMutableBufferPointer { slots in
            used.withUnsafeMutableBufferPointer { used in
                occurrences.withUnsafeMutableBufferPointer { occurrences in
                    var visitor = CountingVisitor(
                        slots: slots, used: used, mask: capacity - 1, occurrences: recordingOccurrences ? occurrences : nil)
                    scan.visitNGrams(configuration, &visitor)
                    usedCount = visitor.usedCount
                    wordCount = visitor.wordCount
                    occurrenceCount = visitor.occurrenceCount
                }
            }
        }
        used.removeLast(used.count - usedCount)
        if recordingOccurrences { occurrences.removeLast(occurrences.count - occurrenceCount) }
        self.wordCount = wordCount
    }

    /// The n-gram index (without the block bit) held in a slot.
    func index(inSlot slot: Int) -> UInt32 {
        (UInt32(truncatingIfNeeded: slots[slot] >> 32) - 1) & ~Self.characterBit
    }

    var isEmpty: Bool { used.isEmpty }

    /// Calls `body` once per distinct n-gram with its index, its value (1 + ln count, each
    /// block scaled to length `wordWeight` or `characterWeight`) and whether it is a character
    /// n-gram.
    @inline(__always)
    func forEachFeature(
        wordWeight: Float, characterWeight: Float, _ body: (_ index: UInt32, _ value: Float, _ isCharacter: Bool) -> Void
    ) {
        slots.withUnsafeBufferPointer { slots in
            used.withUnsafeBufferPointer { used in
                var wordSquares: Float = 0
                var characterSquares: Float = 0
                for position in 0..<used.count {
                    let value = Self.sublinear(UInt32(truncatingIfNeeded: slots[Int(used[position])]))
                    if position < wordCount { wordSquares += value * value } else { characterSquares += value * value }
                }
                let wordScale = wordSquares > 0 ? wordWeight / wordSquares.squareRoot() : 0
                let characterScale = characterSquares > 0 ? characterWeight / characterSquares.squareRoot() : 0
                for position in 0..<used.count {
                    let slot = slots[Int(used[position])]
                    let key = UInt32(truncatingIfNeeded: slot >> 32) - 1
                    let value = Self.sublinear(UInt32(truncatingIfNeeded: slot))
                    if position < wordCount {
                        body(key, value * wordScale, false)
                    } else {
                        body(key & ~Self.characterBit, value * characterScale, true)
                    }
                }
            }
        }
    }

    /// The scale of each block: its weight over its length, so that the values of a block have
    /// length `wordWeight` (`characterWeight`).
    func blockScales(wordWeight: Float, characterWeight: Float) -> (word: Float, character: Float) {
        var wordSquares: Float = 0
        var characterSquares: Float = 0
        for position in 0..<used.count {
            let value = Self.sublinear(UInt32(truncatingIfNeeded: slots[Int(used[position])]))
            if position < wordCount { wordSquares += value * value } else { characterSquares += value * value }
        }
        return (
            wordSquares > 0 ? wordWeight / wordSquares.squareRoot() : 0,
            characterSquares > 0 ? characterWeight / characterSquares.squareRoot() : 0
        )
    }

    /// The number of slots of the table (slot numbers run below it).
    var slotCount: Int { slots.count }

    /// Calls `body` once per distinct n-gram with its position (the order of `forEachFeature`),
    /// slot, count and block.
    func forEachDistinct(_ body: (_ position: Int, _ slot: Int, _ count: UInt32, _ isCharacter: Bool) -> Void) {
        for position in 0..<used.count {
            let slot = Int(used[position])
            body(position, slot, UInt32(truncatingIfNeeded: slots[slot]), position >= wordCount)
        }
    }

    @inline(__always)
    static func sublinear(_ count: UInt32) -> Float {
        count == 1 ? 1 : 1 + Foundation.log(Float(count))
    }
}

/// One occurrence of an n-gram: the slot of `NGramCounts` that counts it, and the tokens it
/// spans (a character n-gram and a single word: one token).
struct NGramOccurrence {
    var slot: Int32
    var first: Int32
    var last: Int32
}

/// Counts n-grams into `NGramCounts`' table as they are visited, and records each occurrence
/// when given a buffer for them.
private struct CountingVisitor: NGramVisitor {
    let slots: UnsafeMutableBufferPointer<UInt64>
    let used: UnsafeMutableBufferPointer<Int32>
    let mask: Int
    let occurrences: UnsafeMutableBufferPointer<NGramOccurrence>?
    var usedCount = 0
    var wordCount = 0
    var occurrenceCount = 0

    init(
        slots: UnsafeMutableBufferPointer<UInt64>, used: UnsafeMutableBufferPointer<Int32>, mask: Int,
        occurrences: UnsafeMutableBufferPointer<NGramOccurrence>?
    ) {
        self.slots = slots
        self.used = used
        self.mask = mask
        self.occurrences = occurrences
    }

    @inline(__always)
    private mutating func count(_ key: UInt32) -> Int {
        // Indices are already mixed hashes: their low bits make a good slot.
        var slot = Int(key) & mask
        let tag = UInt64(key &+ 1) << 32
        while true {
            let entry = slots[slot]
            if entry & 0xFFFF_FFFF_0000_0000 == tag {
                slots[slot] = entry &+ 1
                return slot
            }
            if entry == 0 {
                slots[slot] = tag | 1
                used[usedCount] = Int32(slot)
                usedCount += 1
                return slot
            }
            slot = (slot + 1) & mask
        }
    }

    @inline(__always)
    private mutating func record(slot: Int, first: Int, last: Int) {
        guard let occurrences else { return }
        occurrences[occurrenceCount] = NGramOccurrence(slot: Int32(slot), first: Int32(first), last: Int32(last))
        occurrenceCount += 1
    }

    @inline(__always)
    mutating func visitWordNGram(index: UInt32, firstToken: Int, lastToken: Int) {
        let slot = count(index)
        wordCount = usedCount
        record(slot: slot, first: firstToken, last: lastToken)
    }

    @inline(__always)
    mutating func visitCharacterNGram(index: UInt32, token: Int) {
        let slot = count(index | NGramCounts.characterBit)
        record(slot: slot, first: token, last: token)
    }
}

extension ScannedText {
    /// The most n-grams (with repeats) `visitNGrams` can produce for this text.
    func nGramBound(_ configuration: SentimentFeaturizer.Configuration) -> Int {
        let words = tokens.count * configuration.wordOrders.count
        guard let characterOrders = configuration.characterOrders else { return words }
        var characters = 0
        for token in tokens where token.isWord { characters += Int(token.end - token.start) + 2 }
        return words + characters * characterOrders.count
    }
}
