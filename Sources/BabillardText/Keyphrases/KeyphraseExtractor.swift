/// What is said this week that was not said as much before: phrases of one to three words
/// over-represented in the current period's items compared with a baseline period's.
///
/// ```swift
/// var extractor = try KeyphraseExtractor()
/// for item in thisWeek { extractor.add(item.text, language: item.language, period: .current) }
/// for item in weeksBefore { extractor.add(item.text, language: item.language, period: .baseline) }
/// extractor.top(10)  // [Keyphrase(phrase: "croissant aux amandes", score: 6.1, currentCount: 41, …), …]
/// ```
///
/// **Phrases.** Word 1- to 3-grams of folded words (case and accents ignored; the phrase is
/// shown as most often written) that do not cross punctuation, a line break, a link or a handle,
/// and never start or end with a stop word (`StopWords`; a stop word may sit inside:
/// "bouche à oreille"). A hashtag is a phrase of its own ("#Mélisse" counts as "Mélisse").
///
/// **Counting items, not occurrences.** A phrase is counted once per item, however often the
/// item repeats it: keyphrases say what many people say, and one long post that repeats a
/// phrase twenty times is one voice. It also makes each count a share of items, which the
/// score needs.
///
/// **Score.** `KeyphraseScoring`: a z-score of the log-odds ratio of the phrase's share of
/// items now and before, with an informative Dirichlet prior (Monroe et al. 2008). Only phrases
/// held by at least `minimumCurrentCount` current items are reported. With no baseline item
/// there is nothing to compare with, and the score is the current count.
///
/// **Sub-phrases.** A shorter phrase is not reported beside a longer one that contains it and
/// scores higher ("médias" beside "médias sociaux"), and a phrase whose current items are
/// mostly (three quarters or more) those of a longer phrase is replaced by that phrase, which
/// inherits its score if higher: "sociaux" alone is rarely what was said.
///
/// **Memory.** One 16-byte slot per distinct n-gram of both periods (hash → two counts), plus,
/// for the phrases held by `minimumCurrentCount` current items or more, their words and how
/// they were written. No `String` is made per word.
public struct KeyphraseExtractor: Sendable {
    /// Longest phrase, in words.
    public static let maximumWords = 3
    /// Share of a phrase's current items that a longer phrase must hold to replace it.
    static let absorption = 0.75

    public let stopWords: StopWords
    /// Phrases held by fewer current items are not reported.
    public let minimumCurrentCount: Int
    /// Weight of the prior, as a share of all items (see `KeyphraseScoring`).
    public let priorStrength: Double
    public private(set) var currentItemCount = 0
    public private(set) var baselineItemCount = 0

    /// N-gram hash → current item count (low 32 bits) and baseline item count (high 32 bits).
    private var counts = NGramCountTable()
    /// Words and written forms of the phrases that reached `minimumCurrentCount` current items.
    private var details: [UInt64: PhraseDetails] = [:]
    // Scratch space reused from item to item.
    private var itemGrams: [UInt64] = []
    private var occurrences: [Occurrence] = []

    private struct PhraseDetails: Sendable {
        var words: [UInt64]
        var forms: [WrittenForm]
    }

    private struct WrittenForm: Sendable {
        var hash: UInt64
        /// Occurrences, counting 2 in the middle of a sentence and 1 after punctuation or at
        /// the start, where a capital says nothing about the phrase.
        var weight: Int
        var text: String
    }

    private struct Occurrence {
        var gram: UInt64
        var words: (UInt64, UInt64, UInt64)
        var length: Int
        var start: Int
        var end: Int
        var followsBreak: Bool
    }

    private struct WindowWord {
        var hash: UInt64 = 0
        var isStop = false
        var start = 0
        var end = 0
        var followsBreak = false
    }

    public init(stopWords: StopWords, minimumCurrentCount: Int = 2, priorStrength: Double = 0.1) {
        self.stopWords = stopWords
        self.minimumCurrentCount = max(1, minimumCurrentCount)
        self.priorStrength = priorStrength
    }

    /// An extractor with the shipped French and English stop words.
    public init(minimumCurrentCount: Int = 2, priorStrength: Double = 0.1) throws(TextResourceError) {
        self.init(stopWords: try StopWords.bundled(), minimumCurrentCount: minimumCurrentCount, priorStrength: priorStrength)
    }

    /// Counts the phrases of one item.
    public mutating func add(_ text: String, language: Language, period: KeyphrasePeriod) {
        switch period {
        case .current: currentItemCount += 1
        case .baseline: baselineItemCount += 1
        }
        itemGrams.removeAll(keepingCapacity: true)
        occurrences.removeAll(keepingCapacity: true)
        let isCurrent = period == .current
        FoldedTokenScanner.withUTF8(text) { bytes in
            collectGrams(bytes, language: language, recordsOccurrences: isCurrent)
            itemGrams.sort()
            var distinct = 0
            for gram in itemGrams where distinct == 0 || gram != itemGrams[distinct - 1] {
                itemGrams[distinct] = gram
                distinct += 1
            }
            itemGrams.removeLast(itemGrams.count - distinct)
            guard isCurrent else {
                for gram in itemGrams { counts.add(gram, 1 << 32) }
                return
            }
            // Which of the item's phrases have reached `minimumCurrentCount` items, found by
            // binary search in the item's own sorted grams rather than in the large table.
            var reached: [Bool] = []
            reached.reserveCapacity(itemGrams.count)
            for gram in itemGrams {
                reached.append(Int(counts.add(gram, 1) & 0xFFFF_FFFF) >= minimumCurrentCount)
            }
            for occurrence in occurrences {
                var low = 0
                var high = itemGrams.count
                while low < high {
                    let middle = (low + high) >> 1
                    if itemGrams[middle] < occurrence.gram { low = middle + 1 } else { high = middle }
                }
                if reached[low] { recordForm(of: occurrence, in: bytes) }
            }
        }
    }

    /// The `count` phrases most over-represented in the current period, strongest first.
    public func top(_ count: Int) -> [Keyphrase] {
        guard count > 0 else { return [] }
        struct Candidate {
            var gram: UInt64
            var words: [UInt64]
            var current: Int
            var baseline: Int
            var score: Double
        }
        var candidates: [Candidate] = []
        for (gram, detail) in details {
            let packed = counts.value(gram)
            let current = Int(packed & 0xFFFF_FFFF)
            let baseline = Int(packed >> 32)
            guard current >= minimumCurrentCount else { continue }
            let score = baselineItemCount == 0
                ? Double(current)
                : KeyphraseScoring.zScore(
                    current: current, currentItems: currentItemCount, baseline: baseline,
                    baselineItems: baselineItemCount, priorStrength: priorStrength)
            guard score > 0 else { continue }
            candidates.append(Candidate(gram: gram, words: detail.words, current: current, baseline: baseline, score: score))
        }
        candidates.sort {
            if $0.score != $1.score { return $0.score > $1.score }
            if $0.current != $1.current { return $0.current > $1.current }
            if $0.words.count != $1.words.count { return $0.words.count > $1.words.count }
            return $0.gram < $1.gram
        }
        // Longer candidates by each of their sub-phrases.
        var longerContaining: [UInt64: [Int]] = [:]
        for (index, candidate) in candidates.enumerated() where candidate.words.count > 1 {
            for sub in Self.subGrams(of: candidate.words) where sub != candidate.gram {
                longerContaining[sub, default: []].append(index)
            }
        }
        var chosen: [Keyphrase] = []
        var covered = Set<UInt64>()
        for candidate in candidates {
            var phrase = candidate
            // A phrase mostly said as part of a longer one is replaced by the longer one.
            while let longer = longerContaining[phrase.gram] {
                let threshold = Self.absorption * Double(phrase.current)
                let best = longer.map { candidates[$0] }.filter { Double($0.current) >= threshold }.max {
                    ($0.current, $0.words.count, $0.score) < ($1.current, $1.words.count, $1.score)
                }
                guard let best else { break }
                phrase = best
            }
            guard !covered.contains(phrase.gram) else { continue }
            covered.formUnion(Self.subGrams(of: phrase.words))
            chosen.append(Keyphrase(
                phrase: writtenForm(of: phrase.gram), score: max(phrase.score, candidate.score),
                currentCount: phrase.current, baselineCount: phrase.baseline, wordCount: phrase.words.count))
            if chosen.count == count { break }
        }
        return chosen
    }

    // MARK: - Counting

    /// Finds the item's n-grams: hashes into `itemGrams`, and (current period) positions into
    /// `occurrences`.
    private mutating func collectGrams(_ bytes: UnsafeBufferPointer<UInt8>, language: Language, recordsOccurrences: Bool) {
        var window = (WindowWord(), WindowWord(), WindowWord())
        var windowCount = 0
        FoldedTokenScanner.scan(utf8: bytes) { token in
            switch token.kind {
            case .handle:
                windowCount = 0
            case .hashtag:
                // A hashtag is a phrase of its own, without its #.
                windowCount = 0
                guard token.foldedLength > 1, !stopWords.contains(hash: token.hash, language: language) else { return }
                let start = token.start + FoldedTokenScanner.decode(bytes, at: token.start).length
                let gram = Self.gramHash([token.hash])
                itemGrams.append(gram)
                if recordsOccurrences {
                    occurrences.append(Occurrence(
                        gram: gram, words: (token.hash, 0, 0), length: 1, start: start, end: token.end, followsBreak: false))
                }
            case .word:
                if token.followsBreak { windowCount = 0 }
                let word = WindowWord(
                    hash: token.hash,
                    isStop: token.foldedLength == 1 || token.isNumber || stopWords.contains(hash: token.hash, language: language),
                    start: token.start, end: token.end, followsBreak: token.followsBreak)
                switch windowCount {
                case 0: window.0 = word; windowCount = 1
                case 1: window.1 = word; windowCount = 2
                case 2: window.2 = word; windowCount = 3
                default: window = (window.1, window.2, word)
                }
                guard !word.isStop else { return }
                let last = windowCount - 1
                for length in 1...windowCount {
                    let first = Self.word(at: last - length + 1, of: window)
                    guard !first.isStop else { continue }
                    var words: (UInt64, UInt64, UInt64) = (0, 0, 0)
                    var gram = UInt64(length)
                    for offset in 0..<length {
                        let hash = Self.word(at: last - length + 1 + offset, of: window).hash
                        gram = StableTextHash.combine(gram, hash)
                        switch offset {
                        case 0: words.0 = hash
                        case 1: words.1 = hash
                        default: words.2 = hash
                        }
                    }
                    itemGrams.append(gram)
                    if recordsOccurrences {
                        occurrences.append(Occurrence(
                            gram: gram, words: words, length: length, start: first.start, end: word.end,
                            followsBreak: first.followsBreak))
                    }
                }
            }
        }
    }

    @inline(__always)
    private static func word(at index: Int, of window: (WindowWord, WindowWord, WindowWord)) -> WindowWord {
        switch index {
        case 0: return window.0
        case 1: return window.1
        default: return window.2
        }
    }

    /// The hash of an n-gram from its words' hashes (the same as the counting loop's).
    static func gramHash(_ words: some Collection<UInt64>) -> UInt64 {
        var gram = UInt64(words.count)
        for word in words { gram = StableTextHash.combine(gram, word) }
        return gram
    }

    /// Hashes of every contiguous sub-phrase of a phrase, itself included.
    static func subGrams(of words: [UInt64]) -> [UInt64] {
        var result: [UInt64] = []
        for length in 1...words.count {
            for start in 0...(words.count - length) { result.append(gramHash(words[start..<(start + length)])) }
        }
        return result
    }

    // MARK: - Written forms

    /// Counts how an occurrence was written: its bytes with runs of spaces made one space.
    /// Forms are kept from the occurrence that brings a phrase to `minimumCurrentCount` items
    /// on (earlier ones are not kept, to hold no text for the many phrases said once).
    private mutating func recordForm(of occurrence: Occurrence, in bytes: UnsafeBufferPointer<UInt8>) {
        let weight = occurrence.followsBreak ? 1 : 2
        var hash = StableTextHash.fnvOffset
        Self.forEachWrittenByte(bytes, occurrence.start, occurrence.end) { hash = StableTextHash.fnv(hash, $0) }
        if details[occurrence.gram] != nil {
            if let index = details[occurrence.gram]!.forms.firstIndex(where: { $0.hash == hash }) {
                details[occurrence.gram]!.forms[index].weight += weight
            } else {
                details[occurrence.gram]!.forms.append(WrittenForm(
                    hash: hash, weight: weight, text: Self.writtenText(bytes, occurrence.start, occurrence.end)))
            }
        } else {
            let all = [occurrence.words.0, occurrence.words.1, occurrence.words.2]
            details[occurrence.gram] = PhraseDetails(
                words: Array(all.prefix(occurrence.length)),
                forms: [WrittenForm(hash: hash, weight: weight, text: Self.writtenText(bytes, occurrence.start, occurrence.end))])
        }
    }

    /// The most frequent form; between equals, the one with fewer capitals, then the first.
    private func writtenForm(of gram: UInt64) -> String {
        guard let forms = details[gram]?.forms, var best = forms.first else { return "" }
        func capitals(_ text: String) -> Int { text.unicodeScalars.filter(\.properties.isUppercase).count }
        for form in forms.dropFirst()
        where form.weight > best.weight || (form.weight == best.weight && capitals(form.text) < capitals(best.text)) {
            best = form
        }
        return best.text
    }

    private static func writtenText(_ bytes: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int) -> String {
        var written: [UInt8] = []
        written.reserveCapacity(end - start)
        forEachWrittenByte(bytes, start, end) { written.append($0) }
        return String(decoding: written, as: UTF8.self)
    }

    /// The bytes of a phrase as written, a run of spaces (no-break and thin spaces included)
    /// given as one space.
    private static func forEachWrittenByte(_ bytes: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int, _ body: (UInt8) -> Void) {
        var index = start
        var inSpace = false
        while index < end {
            let (value, length) = FoldedTokenScanner.decode(bytes, at: index)
            if case .space = FoldedTokenScanner.classify(value) {
                if !inSpace { body(0x20) }
                inSpace = true
            } else {
                inSpace = false
                for offset in 0..<length { body(bytes[index + offset]) }
            }
            index += length
        }
    }
}
