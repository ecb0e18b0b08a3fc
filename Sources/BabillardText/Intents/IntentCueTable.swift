/// One cue of `IntentCueLists`, folded and cut into words (while the table is built).
struct CompiledIntentCue: Sendable {
    /// The intent's position in `Intent.allCases`, where the scanner files what it finds, or
    /// `blockerSlot` / `rhetoricalSlot`.
    var slot: Int
    /// Hashes of words that must not come just before the cue (one or two words back).
    var notAfter: [UInt64]
    var words: [[UInt8]]
    var lastWordIsPrefix: Bool
    var sentenceStartOnly: Bool
    var needsLink: Bool
}

/// A cue as the scanner reads it: plain values only (its words live in the table's byte pool),
/// so that reading one costs no reference counting.
struct PackedIntentCue: Sendable {
    var slot: Int
    /// Index of the first word in `IntentCueTable.wordBounds`.
    var firstWord: Int
    var wordCount: Int
    var lastWordIsPrefix: Bool
    var sentenceStartOnly: Bool
    var needsLink: Bool
    /// The words that must not come just before the cue: `notAfterHashes[notAfter]`.
    var notAfter: Range<Int>
}

/// A map from a word's hash to the cues that start with that word, with open addressing over
/// flat arrays: a lookup per word costs a multiply and a probe or two, and allocates nothing.
struct IntentWordIndex: Sendable {
    private var keys: [UInt64]
    private var firsts: [Int32]
    private var counts: [Int32]
    private(set) var cueIDs: [Int32]
    private var mask: Int

    /// `groups` pairs a word hash with the ids of the cues it starts, in the order to try them.
    init(groups: [(UInt64, [Int32])]) {
        var capacity = 16
        while capacity < groups.count * 2 { capacity *= 2 }
        keys = Array(repeating: 0, count: capacity)
        firsts = Array(repeating: 0, count: capacity)
        counts = Array(repeating: 0, count: capacity)
        cueIDs = []
        mask = capacity - 1
        for (key, ids) in groups {
            var slot = Int(truncatingIfNeeded: key >> 7) & mask
            while counts[slot] != 0 { slot = (slot + 1) & mask }
            keys[slot] = key
            firsts[slot] = Int32(cueIDs.count)
            counts[slot] = Int32(ids.count)
            cueIDs.append(contentsOf: ids)
        }
    }

    @inline(__always)
    func contains(_ key: UInt64) -> Bool { !lookup(key).isEmpty }

    /// The positions in `cueIDs` of the cues filed under `key` (empty when none).
    @inline(__always)
    func lookup(_ key: UInt64) -> Range<Int> {
        var slot = Int(truncatingIfNeeded: key >> 7) & mask
        while counts[slot] != 0 {
            if keys[slot] == key { return Int(firsts[slot])..<Int(firsts[slot] + counts[slot]) }
            slot = (slot + 1) & mask
        }
        return 0..<0
    }
}

/// The cues of one language (or of both), compiled once for the scanner, plus the small word
/// sets that negation and headline detection use. A class: every text is scanned with one of
/// three shared tables, and copying a struct of a dozen arrays per text cost as many retains.
final class IntentCueTable: Sendable {
    let cues: [PackedIntentCue]
    /// The words of all cues, back to back; word w is `wordBytes[wordBounds[w]..<wordBounds[w + 1]]`.
    let wordBytes: [UInt8]
    let wordBounds: [Int]
    let notAfterHashes: [UInt64]
    let httpHash = IntentTextBytes.hash(Array("http".utf8))
    let httpsHash = IntentTextBytes.hash(Array("https".utf8))
    /// Cues by the hash of their first word (longest cue first, so that evidence is the longest
    /// phrase found at a place).
    let byFirstWord: IntentWordIndex
    /// One-word cues ending in `*`, by the hash of that prefix.
    let byPrefix: IntentWordIndex
    /// `prefixLengths[n]` is true when some prefix cue is n bytes long.
    let prefixLengths: [Bool]
    /// Words that, opening the sentence after a "?", answer it: the question was rhetorical
    /// ("Why, you may ask? Because…", "…downtime? No? It's because…").
    let answerWords: IntentWordIndex
    /// Words that negate the praise or complaint cue they precede: "pas", "not", "n't".
    let negators: IntentWordIndex
    /// Words that may stand between a negation and its cue: "pas très intéressant", "not a good".
    let bridges: IntentWordIndex
    /// Words that address or involve people: a "?" sentence without them, in an item with a
    /// link, reads as a headline ("Une invasion en France ? http://…"), not as a question.
    let personWords: IntentWordIndex

    static let french = IntentCueTable(languages: [IntentCueLists.french])
    static let english = IntentCueTable(languages: [IntentCueLists.english])
    /// Both languages: for text whose language is unknown or neither.
    static let both = IntentCueTable(languages: [IntentCueLists.french, IntentCueLists.english])

    static func table(for language: Language) -> IntentCueTable {
        switch language {
        case .french: return french
        case .english: return english
        default: return both
        }
    }

    /// A cue that finds nothing but stops shorter cues at its place ("you should have" is
    /// hindsight, not the idea "you should").
    static let blockerSlot = -1
    /// A cue that makes its sentence rhetorical: its "?" does not ask ("who cares?").
    static let rhetoricalSlot = -2

    private init(languages: [IntentCueLists.CueLanguage]) {
        var cues: [CompiledIntentCue] = []
        for language in languages {
            var groups = language.cues.map { (IntentScan.slot(of: $0.0), $0.1) }
            groups.append((Self.blockerSlot, language.blockers))
            groups.append((Self.rhetoricalSlot, language.rhetorical))
            for (slot, phrases) in groups {
                for phrase in phrases {
                    if let cue = Self.compile(phrase, slot: slot) { cues.append(cue) }
                }
            }
        }
        var packed: [PackedIntentCue] = []
        var wordBytes: [UInt8] = []
        var wordBounds: [Int] = [0]
        var notAfterHashes: [UInt64] = []
        for cue in cues {
            packed.append(PackedIntentCue(
                slot: cue.slot, firstWord: wordBounds.count - 1, wordCount: cue.words.count,
                lastWordIsPrefix: cue.lastWordIsPrefix, sentenceStartOnly: cue.sentenceStartOnly,
                needsLink: cue.needsLink,
                notAfter: notAfterHashes.count..<(notAfterHashes.count + cue.notAfter.count)))
            notAfterHashes.append(contentsOf: cue.notAfter)
            for word in cue.words {
                wordBytes.append(contentsOf: word)
                wordBounds.append(wordBytes.count)
            }
        }
        self.cues = packed
        self.wordBytes = wordBytes
        self.wordBounds = wordBounds
        self.notAfterHashes = notAfterHashes

        var exactGroups: [UInt64: [Int32]] = [:]
        var prefixGroups: [UInt64: [Int32]] = [:]
        var prefixLengths = Array(repeating: false, count: 1)
        for (id, cue) in cues.enumerated() {
            let key = IntentTextBytes.hash(cue.words[0])
            if cue.words.count == 1 && cue.lastWordIsPrefix {
                prefixGroups[key, default: []].append(Int32(id))
                let length = cue.words[0].count
                if prefixLengths.count <= length {
                    prefixLengths += Array(repeating: false, count: length + 1 - prefixLengths.count)
                }
                prefixLengths[length] = true
            } else {
                exactGroups[key, default: []].append(Int32(id))
            }
        }
        // Blockers and rhetorical cues first (they stop the others at their place), then the
        // longest cue first.
        let longestFirst: ([Int32]) -> [Int32] = { ids in
            ids.sorted { left, right in
                let (a, b) = (cues[Int(left)], cues[Int(right)])
                if (a.slot < 0) != (b.slot < 0) { return a.slot < 0 }
                return a.words.count > b.words.count
            }
        }
        byFirstWord = IntentWordIndex(groups: exactGroups.map { ($0.key, longestFirst($0.value)) })
        byPrefix = IntentWordIndex(groups: prefixGroups.map { ($0.key, longestFirst($0.value)) })
        self.prefixLengths = prefixLengths

        let wordSet: ([String]) -> IntentWordIndex = { words in
            IntentWordIndex(groups: Set(words).map { (IntentTextBytes.hash(Array($0.utf8)), [0]) })
        }
        negators = wordSet([
            "pas", "not", "t", "no", "isnt", "dont", "doesnt", "didnt", "wasnt", "arent", "aint",
        ])
        bridges = wordSet([
            "tres", "trop", "si", "vraiment", "tellement", "assez", "super", "du", "tout", "un", "une",
            "le", "la", "les", "very", "really", "so", "that", "too", "all", "quite", "a", "an", "the",
            "exactly", "particularly",
        ])
        answerWords = wordSet([
            "because", "cause", "parce", "car", "no", "nope", "non", "aucun", "aucune", "none", "nothing", "rien",
        ])
        personWords = wordSet([
            "you", "your", "youre", "u", "ur", "yall", "anyone", "anybody", "someone", "somebody", "i",
            "im", "ive", "me", "my", "we", "us", "our", "vous", "votre", "vos", "tu", "te", "toi", "ton",
            "ta", "tes", "je", "j", "m", "moi", "nous", "notre", "nos", "on", "quelqu",
        ])
    }

    /// Reads the markers of a cue (see `IntentCueLists`) and cuts it into folded words.
    private static func compile(_ phrase: String, slot: Int) -> CompiledIntentCue? {
        var text = Substring(phrase)
        var sentenceStartOnly = false
        var needsLink = false
        var notAfter: [UInt64] = []
        while let marker = text.first, marker == "^" || marker == "+" || marker == "!" {
            text = text.dropFirst()
            switch marker {
            case "^": sentenceStartOnly = true
            case "+": needsLink = true
            default:
                let word = text.prefix { $0 != " " }
                notAfter.append(IntentTextBytes.hash(Array(TextFolding.fold(word).utf8)))
                text = text.dropFirst(word.count).drop { $0 == " " }
            }
        }
        let lastWordIsPrefix = text.hasSuffix("*")
        if lastWordIsPrefix { text = text.dropLast() }
        let words = IntentTextBytes.words(of: TextFolding.fold(text))
        guard !words.isEmpty else { return nil }
        return CompiledIntentCue(
            slot: slot, notAfter: notAfter, words: words, lastWordIsPrefix: lastWordIsPrefix,
            sentenceStartOnly: sentenceStartOnly, needsLink: needsLink)
    }
}
