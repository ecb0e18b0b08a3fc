import Foundation

extension LinearSentimentModel {
    /// The words and word groups that moved a text's score most, largest effect first.
    ///
    /// Each n-gram's effect is its weight toward positive (for three classes, the positive
    /// column minus the negative one) times its value. Character n-grams are not shown alone
    /// ("cel", "llen"): each gives its effect to the words it occurs in, so "excellent" carries
    /// its own weight plus that of its pieces. Word pairs ("pas mal") stay as they are.
    ///
    /// This re-scans the text and builds strings; scoring alone never does.
    public func explain(_ text: String, limit: Int = 5) -> [SentimentContribution] {
        let configuration = featurizer.configuration
        var scan = ScannedText()
        scan.read(text, marksNegation: configuration.marksNegation, recordingOrigins: true)
        guard !scan.tokens.isEmpty, limit > 0 else { return [] }
        var recorder = NGramRecorder()
        scan.visitNGrams(configuration, &recorder)

        var wordValues: [UInt32: Float] = [:]
        var characterValues: [UInt32: Float] = [:]
        NGramCounts(scan, configuration).forEachFeature(
            wordWeight: configuration.wordWeight, characterWeight: configuration.characterWeight
        ) { index, value, isCharacter in
            if isCharacter { characterValues[index] = value } else { wordValues[index] = value }
        }

        // Groups: a word n-gram's tokens (first, last); a character n-gram joins its word's unigram.
        struct Group {
            var first: Int
            var last: Int
            var effect: Double
        }
        var groups: [[Int]: Group] = [:]
        var seen = Set<UInt32>()
        for gram in recorder.wordNGrams where seen.insert(gram.index).inserted {
            let effect = Double(wordValues[gram.index] ?? 0) * Double(positiveDirection(of: gram.index))
            let key = scan.groupKey(first: gram.firstToken, last: gram.lastToken)
            groups[key, default: Group(first: gram.firstToken, last: gram.lastToken, effect: 0)].effect += effect
        }
        var occurrences: [UInt32: Int] = [:]
        for gram in recorder.characterNGrams { occurrences[gram.index, default: 0] += 1 }
        for gram in recorder.characterNGrams {
            let share = Double(characterValues[gram.index] ?? 0) * Double(positiveDirection(of: gram.index))
                / Double(occurrences[gram.index] ?? 1)
            let key = scan.groupKey(first: gram.token, last: gram.token)
            groups[key, default: Group(first: gram.token, last: gram.token, effect: 0)].effect += share
        }

        // The original bytes up to the last analysed character (a long text is analysed in part).
        let analysed = (scan.origins.last.map { Int($0) } ?? 0) + 4
        let original = Array(text.utf8.prefix(analysed))
        let strongest = groups.values
            .filter { abs($0.effect) > 1e-6 }
            .sorted { abs($0.effect) != abs($1.effect) ? abs($0.effect) > abs($1.effect) : $0.first < $1.first }
            .prefix(limit)
        return strongest.map { group in
            let negated = scan.tokens[group.first...group.last].contains { $0.negated }
            var reason = group.effect > 0 ? "learned weight toward positive" : "learned weight toward negative"
            if negated { reason += ", after a negation" }
            return SentimentContribution(
                text: scan.originalText(first: group.first, last: group.last, in: original),
                effect: group.effect,
                reason: reason)
        }
    }

    /// How much a feature's weight pushes toward positive rather than negative.
    func positiveDirection(of index: UInt32) -> Float {
        if classes.count == 2 {
            let weight = table.weight(index: index, column: 0)
            return classes[1] == .positive || classes[0] == .negative ? weight : -weight
        }
        var direction: Float = 0
        if let positive = classes.firstIndex(of: .positive) { direction += table.weight(index: index, column: positive) }
        if let negative = classes.firstIndex(of: .negative) { direction -= table.weight(index: index, column: negative) }
        return direction
    }
}

/// Records every n-gram with where it occurs (explanations only).
private struct NGramRecorder: NGramVisitor {
    var wordNGrams: [(index: UInt32, firstToken: Int, lastToken: Int)] = []
    var characterNGrams: [(index: UInt32, token: Int)] = []

    mutating func visitWordNGram(index: UInt32, firstToken: Int, lastToken: Int) {
        wordNGrams.append((index, firstToken, lastToken))
    }

    mutating func visitCharacterNGram(index: UInt32, token: Int) {
        characterNGrams.append((index, token))
    }
}

extension ScannedText {
    /// The folded bytes of tokens first...last with their negation marks, as a dictionary key.
    fileprivate func groupKey(first: Int, last: Int) -> [Int] {
        var key: [Int] = []
        for position in first...last {
            let token = tokens[position]
            key.append(token.negated ? -1 : -2)
            for offset in Int(token.start)..<Int(token.end) { key.append(Int(bytes[offset])) }
        }
        return key
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
