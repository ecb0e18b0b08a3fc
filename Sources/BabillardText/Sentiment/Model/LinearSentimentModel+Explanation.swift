import Foundation

extension LinearSentimentModel {
    /// The words and word groups that moved a text's score most, largest effect first.
    ///
    /// Each n-gram's effect is its weight toward positive (for three classes, the positive
    /// column minus the negative one) times its value. Character n-grams are not shown alone
    /// ("cel", "llen"): each gives its effect to the words it occurs in, so "excellent" carries
    /// its own weight plus that of its pieces. Word pairs ("pas mal") stay as they are. A word
    /// or pair that occurs several times is listed once, with its whole effect.
    ///
    /// This re-scans the text and builds strings; scoring alone never does.
    public func explain(_ text: String, limit: Int = 5) -> [SentimentContribution] {
        let configuration = featurizer.configuration
        var scan = ScannedText()
        scan.read(text, marksNegation: configuration.marksNegation, recordingOrigins: true)
        let counts = NGramCounts(scan, configuration, recordingOccurrences: true)
        guard let decision = decisionValues(counts, recordingDirections: true) else { return [] }
        return explain(scan, counts, text: text, limit: limit, positiveDirections: decision.positiveDirections)
    }

    /// The explanation of a text already scanned (with origins) and counted with its occurrences
    /// (`NGramCounts(_:_:recordingOccurrences: true)`), with each distinct n-gram's pull toward
    /// positive as `decisionValues(_:recordingDirections: true)` gives them.
    func explain(
        _ scan: ScannedText, _ counts: NGramCounts, text: String, limit: Int, positiveDirections: [Float]
    ) -> [SentimentContribution] {
        let configuration = featurizer.configuration
        precondition(counts.recordsOccurrences, "explanations need the n-gram occurrences: count with recordingOccurrences")
        guard !scan.tokens.isEmpty, limit > 0 else { return [] }
        let scales = counts.blockScales(wordWeight: configuration.wordWeight, characterWeight: configuration.characterWeight)

        // The effect of one occurrence of each distinct n-gram, by slot of `counts`: the
        // feature's effect shared among its occurrences.
        var occurrenceEffects = [Double](repeating: 0, count: counts.slotCount)
        counts.forEachDistinct { position, slot, count, isCharacter in
            let value = NGramCounts.sublinear(count) * (isCharacter ? scales.character : scales.word)
            occurrenceEffects[slot] = Double(value) * Double(positiveDirections[position]) / Double(count)
        }

        // Single words (their unigram plus their character n-grams), by token, then n-grams of
        // several words, by occurrence, in the order the n-grams were counted.
        var tokenEffects = [Double](repeating: 0, count: scan.tokens.count)
        var phrases: [(index: UInt32, first: Int, last: Int, effect: Double)] = []
        for occurrence in counts.occurrences {
            let effect = occurrenceEffects[Int(occurrence.slot)]
            if occurrence.first == occurrence.last {
                tokenEffects[Int(occurrence.first)] += effect
            } else if effect != 0 {
                phrases.append((counts.index(inSlot: Int(occurrence.slot)), Int(occurrence.first), Int(occurrence.last), effect))
            }
        }

        // Merge repeats, found through a small hash table (sorting by key cost more than the rest
        // of the explanation): the same word (folded bytes and negation) or the same phrase
        // index. Words come in text order, so a repeated word sums its effects in text order, as
        // the sort did; the occurrences of one phrase index share one slot of `counts`, so they
        // add equal effects and their order does not matter.
        var merged: [ExplanationCandidate] = []
        merged.reserveCapacity(scan.tokens.count + phrases.count)
        var table = RepeatTable(capacity: scan.tokens.count + phrases.count)
        func add(_ candidate: ExplanationCandidate) {
            if let existing = table.existingPosition(of: candidate.key, orInsert: merged.count) {
                merged[existing].effect += candidate.effect
                // Phrases come by their last word: a shorter one whose feature index collides
                // with a longer one can come first. The earliest occurrence represents them.
                if candidate.first < merged[existing].first {
                    merged[existing].first = candidate.first
                    merged[existing].last = candidate.last
                }
            } else {
                merged.append(candidate)
            }
        }
        for position in scan.tokens.indices where tokenEffects[position] != 0 {
            add(ExplanationCandidate(key: scan.tokenKey(position), first: position, last: position, effect: tokenEffects[position]))
        }
        for phrase in phrases {
            add(ExplanationCandidate(key: 1 << 40 | UInt64(phrase.index), first: phrase.first, last: phrase.last, effect: phrase.effect))
        }
        let strongest = Self.strongest(merged, limit: limit)

        // The original bytes up to the last analysed character (a long text is analysed in part).
        let analysed = (scan.origins.last.map { Int($0) } ?? 0) + 4
        let original = Array(text.utf8.prefix(analysed))
        return strongest.map { candidate in
            let negated = scan.tokens[candidate.first...candidate.last].contains { $0.negated }
            var reason = candidate.effect > 0 ? "learned weight toward positive" : "learned weight toward negative"
            if negated { reason += ", after a negation" }
            return SentimentContribution(
                text: scan.originalText(first: candidate.first, last: candidate.last, in: original),
                effect: candidate.effect,
                reason: reason)
        }
    }

    /// The `limit` candidates of largest absolute effect (above 1e-6), largest first; ties go to the
    /// earlier words. One pass keeping the best few: there are a handful to show among hundreds.
    static func strongest(_ candidates: [ExplanationCandidate], limit: Int) -> [ExplanationCandidate] {
        @inline(__always) func isStronger(_ a: ExplanationCandidate, _ b: ExplanationCandidate) -> Bool {
            abs(a.effect) != abs(b.effect) ? abs(a.effect) > abs(b.effect) : (a.first, a.last) < (b.first, b.last)
        }
        var best: [ExplanationCandidate] = []
        best.reserveCapacity(limit + 1)
        for candidate in candidates where abs(candidate.effect) > 1e-6 {
            if best.count == limit, let weakest = best.last, !isStronger(candidate, weakest) { continue }
            var position = best.count
            while position > 0, isStronger(candidate, best[position - 1]) { position -= 1 }
            best.insert(candidate, at: position)
            if best.count > limit { best.removeLast() }
        }
        return best
    }

    /// The weight columns whose difference is a feature's pull toward positive: for two classes,
    /// the one column, added when it points at positive and subtracted when at negative; for
    /// three, the positive column minus the negative one.
    var directionColumns: (positive: Int?, negative: Int?) {
        if classes.count == 2 {
            return classes[1] == .positive || classes[0] == .negative ? (0, nil) : (nil, 0)
        }
        return (classes.firstIndex(of: .positive), classes.firstIndex(of: .negative))
    }
}

/// A word or phrase that moved the score, while explanations are built.
struct ExplanationCandidate {
    /// Equal for repeats of the same word (folded bytes and negation) or phrase.
    var key: UInt64
    var first: Int
    var last: Int
    var effect: Double
}

/// Positions of the candidates already merged, by key: open addressing over a power-of-two
/// table at most half full.
private struct RepeatTable {
    private var keys: [UInt64]
    private var positions: [Int32]
    private let mask: Int

    init(capacity: Int) {
        var size = 16
        while size < capacity * 2 { size <<= 1 }
        keys = [UInt64](repeating: 0, count: size)
        positions = [Int32](repeating: -1, count: size)
        mask = size - 1
    }

    /// The position stored for `key`, or nil after storing `position` for it.
    mutating func existingPosition(of key: UInt64, orInsert position: Int) -> Int? {
        var slot = Int(truncatingIfNeeded: (key &* 0x9E37_79B9_7F4A_7C15) >> 32) & mask
        while positions[slot] >= 0 {
            if keys[slot] == key { return Int(positions[slot]) }
            slot = (slot + 1) & mask
        }
        keys[slot] = key
        positions[slot] = Int32(position)
        return nil
    }
}

extension ScannedText {
    /// A key equal for two tokens with the same folded bytes and negation mark.
    fileprivate func tokenKey(_ position: Int) -> UInt64 {
        let token = tokens[position]
        var hash = FeatureHash(namespace: token.negated ? 1 : 0)
        bytes.withUnsafeBufferPointer { hash.feed($0, from: Int(token.start), to: Int(token.end)) }
        // Full 32-bit state and the length: two different words sharing a key is vanishingly rare.
        return UInt64(hash.state) | UInt64(token.end - token.start) << 32
    }

    /// The original text from the start of token `first` to the end of token `last`, as written.
    fileprivate func originalText(first: Int, last: Int, in original: [UInt8]) -> String {
        let start = Int(origins[Int(tokens[first].start)])
        let lastByte = Int(origins[Int(tokens[last].end) - 1])
        let lead = original[lastByte]
        let length = lead < 0x80 ? 1 : (lead >= 0xF0 ? 4 : (lead >= 0xE0 ? 3 : 2))
        let end = min(original.count, lastByte + length)
        return String(decoding: original[start..<end], as: UTF8.self)
    }
}
