import Foundation

/// Sentiment from a lexicon and rules, in the spirit of VADER (Hutto & Gilbert, ICWSM 2014):
/// every word's valence, shifted by the boosters and negations before it, capitals, a contrast
/// ("but", "mais"), idioms and exclamation marks, summed and normalised to [-1, 1] by
/// x / √(x² + 15). Every step is recorded, so the score explains itself word by word.
///
/// On English it follows vaderSentiment 3.3.2 rule for rule: on the 14,805 texts of VADER's
/// ground truth, all but 15 get its compound score to 0.0001. The 15 are VADER quirks we do not
/// copy: its contrast rule finds each valence with `list.index`, so a value repeated on both sides
/// of "but" is scaled at its first position.
///
/// Words are looked up in a `WordTable` straight from the text's UTF-8 bytes (lowercased, and
/// folded for French), so scoring allocates only the word array.
public struct LexiconSentimentEngine: Sendable {
    public let language: Language
    public let rules: LexiconRules
    private let foldKeys: Bool

    private let table: WordTable
    /// Per word id: valence (NaN when the word is not a sentiment word), booster, flags.
    private let valences: [Double]
    private let boosters: [Double]
    private let flags: [WordFlags]
    /// Idioms and multi-word boosters, keyed by their packed word ids.
    private let specialCases: [UInt64: Double]
    /// Babillard's phrases (`LexiconRules.phrases`), keyed by their packed word ids.
    private let phrases: [UInt64: Double]
    private let ngramBoosters: [UInt64: Double]
    private let keys: KeyWords
    /// Single-scalar emoji → description (VADER scores an emoji through its description's words).
    private let emojiDescriptions: [Unicode.Scalar: String]
    /// Whether a scalar below `emojiTableLimit` has a description: accented letters, the most
    /// frequent non-ASCII scalars, are told apart without hashing.
    private let hasEmojiDescription: [Bool]
    private static let emojiTableLimit: UInt32 = 0x3000
    /// The emoji Babillard describes whose description holds a word of feeling ("❤" amour, "😡"
    /// colère; not "✅" vérifié, nor "👇" whose Unicode name "bas" has a valence by accident).
    private let emojiOfFeeling: Set<Unicode.Scalar>

    private struct WordFlags: OptionSet, Sendable {
        let rawValue: UInt8
        static let negates = WordFlags(rawValue: 1)
        static let contrast = WordFlags(rawValue: 2)
        static let standsAlone = WordFlags(rawValue: 4)
        static let negatesAfterVerb = WordFlags(rawValue: 8)
        static let subjectOfNegatedVerb = WordFlags(rawValue: 16)
        static let objectPronoun = WordFlags(rawValue: 32)
        /// A word of one of `LexiconRules.phrases`.
        static let inPhrase = WordFlags(rawValue: 64)
        /// "lol", "mdr": an eye-roll beside them teases.
        static let laughter = WordFlags(rawValue: 128)
    }

    /// Ids of the words the rules name one by one.
    private struct KeyWords: Sendable {
        var no, kind, of, never, so, this, without, doubt, least, at, very, or, nor, ne, nApostrophe, plus, sans, rien, de, que, quApostrophe: Int32
        var like, would, wd, nothing, i, we, iD, weD, iDCurly, weDCurly, jamais, aussi, si, autant: Int32
    }

    /// Emoji that say the author means the opposite of the praise before them: 🙄 (face with
    /// rolling eyes), 😒 (unamused face) and 🙃 (upside-down face) after "génial", "great" ("Ah
    /// bravo… génial 🙄", "Great, sold out AGAIN 🙄", "ok i guess if you like sleeping next to a
    /// generator all night 🙃"). The author's positive words before the marker are read as irony;
    /// those after it are not ("Left with twelve 🙄 love this place"). 🙃 is also playful ("Love
    /// you guys 🙃", read wrong); with laughter or affection beside it, no irony is read.
    static let ironyMarkers: Set<Unicode.Scalar> = ["\u{1F644}", "\u{1F612}", "\u{1F643}"]
    /// Emoji of affection or laughter: beside them an eye-roll teases ("My kids ate the whole box
    /// 🙄❤️", "trop bons 🙄😂"), and no irony is read.
    static let teasingEmoji: Set<Unicode.Scalar> = [
        "\u{2764}", "\u{1F60D}", "\u{1F970}", "\u{1F618}", "\u{1F495}", "\u{1F496}", "\u{1F497}", "\u{1F49E}", "\u{1F602}",
        "\u{1F923}", "\u{1F604}", "\u{1F601}", "\u{1F606}", "\u{1F389}", "\u{1F60A}", "\u{1F917}",
    ]
    /// Words of laughter, which make an eye-roll a tease as the emoji above do (lexicon key form).
    static let laughterWords = ["lol", "mdr", "mdrr", "ptdr", "haha", "hahaha", "lmao", "xd"]

    static let capsIncrement = 0.733
    static let negationScalar = -0.74
    /// An emoji of `ironyMarkers` and where its description starts in the text the rules read.
    private struct IronyMarker {
        var scalar: Unicode.Scalar
        var offset: Int
    }

    /// VADER's "never so": the valence after "never so" grows by a quarter.
    static let neverSoScalar = 1.25

    public init(language: Language, lexicon: SentimentLexicon, rules: LexiconRules) {
        self.language = language
        self.rules = rules
        let fold = language == .french
        self.foldKeys = fold
        func key(_ word: String) -> String { fold ? TextFolding.fold(word) : word.lowercased() }

        var table = WordTable(minimumCapacity: lexicon.valences.count + 512)
        var valences: [Double] = []
        var boosters: [Double] = []
        var flags: [WordFlags] = []
        func id(_ word: String) -> Int32 {
            let id = table.insert(key(word))
            while valences.count < table.count {
                valences.append(.nan)
                boosters.append(0)
                flags.append([])
            }
            return id
        }
        // Entries already in their key form first, so that they win when two spellings fold
        // alike ("pate" before "pâte"); then the others, in a fixed order.
        var folding: [(word: String, valence: Double)] = []
        for (word, valence) in lexicon.valences {
            if key(word) == word {
                let wordID = id(word)
                valences[Int(wordID)] = valence
            } else {
                folding.append((word, valence))
            }
        }
        folding.sort { $0.word < $1.word }
        for (word, valence) in folding {
            let wordID = id(word)
            if valences[Int(wordID)].isNaN { valences[Int(wordID)] = valence }
        }
        var ngramBoosters: [UInt64: Double] = [:]
        var specialCases: [UInt64: Double] = [:]
        func pack(_ phrase: String) -> UInt64 {
            var packed: UInt64 = 0
            for (position, word) in phrase.split(separator: " ").prefix(3).enumerated() {
                packed |= UInt64(id(String(word)) + 1) << (21 * UInt64(position))
            }
            return packed
        }
        for (word, value) in rules.boosters {
            if word.contains(" ") {
                ngramBoosters[pack(word)] = value
            } else {
                boosters[Int(id(word))] = value
            }
        }
        for (phrase, value) in rules.specialCases {
            let packed = pack(phrase)
            if specialCases[packed] == nil { specialCases[packed] = value }
        }
        for word in rules.negations { flags[Int(id(word))].insert(.negates) }
        for word in rules.contrasts { flags[Int(id(word))].insert(.contrast) }
        for word in rules.boostersThatStandAlone { flags[Int(id(word))].insert(.standsAlone) }
        for word in rules.negationsAfterVerb { flags[Int(id(word))].insert(.negatesAfterVerb) }
        for word in rules.negationAfterVerbSubjects { flags[Int(id(word))].insert(.subjectOfNegatedVerb) }
        for word in rules.objectPronouns { flags[Int(id(word))].insert(.objectPronoun) }
        keys = KeyWords(
            no: id("no"), kind: id("kind"), of: id("of"), never: id("never"), so: id("so"), this: id("this"),
            without: id("without"), doubt: id("doubt"), least: id("least"), at: id("at"), very: id("very"), or: id("or"),
            nor: id("nor"), ne: id("ne"), nApostrophe: id("n'"), plus: id("plus"), sans: id("sans"), rien: id("rien"), de: id("de"),
            que: id("que"), quApostrophe: id("qu'"), like: id("like"), would: id("would"), wd: id("wd"), nothing: id("nothing"),
            i: id("i"), we: id("we"), iD: id("i'd"), weD: id("we'd"), iDCurly: id("i\u{2019}d"), weDCurly: id("we\u{2019}d"),
            jamais: id("jamais"), aussi: id("aussi"), si: id("si"), autant: id("autant"))
        var phrases: [UInt64: Double] = [:]
        for (phrase, value) in rules.phrases {
            phrases[pack(phrase)] = value
            for word in phrase.split(separator: " ") { flags[Int(id(String(word)))].insert(.inPhrase) }
        }
        for word in Self.laughterWords { flags[Int(id(word))].insert(.laughter) }
        self.table = table
        self.valences = valences
        self.boosters = boosters
        self.flags = flags
        self.specialCases = specialCases
        self.phrases = phrases
        self.ngramBoosters = ngramBoosters
        self.emojiDescriptions = lexicon.emojiDescriptions
        var hasEmojiDescription = [Bool](repeating: false, count: Int(Self.emojiTableLimit))
        for scalar in lexicon.emojiDescriptions.keys where scalar.value < Self.emojiTableLimit {
            hasEmojiDescription[Int(scalar.value)] = true
        }
        self.hasEmojiDescription = hasEmojiDescription
        self.emojiOfFeeling = Set(
            lexicon.emojiDescriptions.compactMap { scalar, description in
                guard lexicon.describedByBabillard.contains(scalar) else { return nil }
                let feels = description.split(separator: " ").contains { word in
                    table.id(of: key(String(word))).map { !valences[Int($0)].isNaN && valences[Int($0)] != 0 } ?? false
                }
                return feels ? scalar : nil
            })
    }

    /// Whether the text holds an emoji that Babillard describes by a word of feeling: a sign of
    /// how its author feels that the trained models, taught on words, barely weigh.
    public func holdsEmojiOfFeeling(_ text: String) -> Bool {
        if text.utf8.allSatisfy({ $0 < 0x80 }) { return false }
        return text.unicodeScalars.contains { mayBeEmoji($0) && emojiOfFeeling.contains($0) }
    }

    /// False when the scalar surely has no emoji description (ASCII, or below the table's limit
    /// and not in it); true when it has one or must be looked up.
    @inline(__always)
    private func mayBeEmoji(_ scalar: Unicode.Scalar) -> Bool {
        scalar.value >= 0x80 && (scalar.value >= Self.emojiTableLimit || hasEmojiDescription[Int(scalar.value)])
    }

    /// The shipped engine of a language (French, else English), loaded once.
    public static func shipped(_ language: Language) throws(TextResourceError) -> LexiconSentimentEngine {
        switch language {
        case .french: return try frenchCache.get()
        default: return try englishCache.get()
        }
    }

    private static let englishCache = Result { () throws(TextResourceError) -> LexiconSentimentEngine in
        LexiconSentimentEngine(language: .english, lexicon: try SentimentLexicon.shipped(.english), rules: .english)
    }
    private static let frenchCache = Result { () throws(TextResourceError) -> LexiconSentimentEngine in
        LexiconSentimentEngine(language: .french, lexicon: try SentimentLexicon.shipped(.french), rules: .french)
    }

    /// VADER's four scores.
    public struct Scores: Sendable, Hashable {
        public var negative: Double
        public var neutral: Double
        public var positive: Double
        /// The normalised sum in [-1, 1].
        public var compound: Double
        /// How many sentiment words a negation or an idiom turned the other way ("pas mal",
        /// "jamais bon", "not bad").
        public var reversedWords = 0
    }

    /// Contributions kept in an explanation: the largest ones say why; a long text would
    /// otherwise store one per sentiment word.
    public static let explanationLimit = 10

    /// The sentiment of a text with its explanation (the `explanationLimit` largest contributions).
    public func sentiment(of text: String) -> SentimentResult {
        reading(of: text, explaining: true).result
    }

    /// The sentiment of a text, explained when `explain` (otherwise as `score`), and whether a
    /// negation or an idiom turned a sentiment word the other way.
    public func reading(of text: String, explaining explain: Bool) -> (result: SentimentResult, reversesAWord: Bool) {
        reading(of: text, explaining: explain, ignoring: [])
    }

    /// The reading of a text as if the author's words of `ignored`, and the words of emoji
    /// descriptions in `ignoredEmojiWords`, were not in it (both in the lexicon's key form:
    /// lowercase, and without accents for French): the analyzer reads a request without its
    /// politeness ("please", "svp", 🙏's "thanks"), with every rule (capitals, negation distances,
    /// emphasis) as if the author had not written them.
    public func reading(
        of text: String, explaining explain: Bool, ignoring ignored: Set<String>, ignoringEmojiWords ignoredEmojiWords: Set<String> = []
    ) -> (result: SentimentResult, reversesAWord: Bool) {
        var explanation: [SentimentContribution] = []
        let ignoredIDs = Set(ignored.compactMap { table.id(of: $0) })
        let ignoredEmojiIDs = Set(ignoredEmojiWords.compactMap { table.id(of: $0) })
        let scores = analyze(text, explanation: &explanation, explain: explain, ignoring: ignoredIDs, ignoringEmoji: ignoredEmojiIDs)
        explanation.sort { abs($0.effect) > abs($1.effect) }
        if explanation.count > Self.explanationLimit { explanation.removeSubrange(Self.explanationLimit...) }
        let result = SentimentResult(
            score: scores.compound, label: SentimentLabel(score: scores.compound), explanation: explanation, engine: .lexicon)
        return (result, scores.reversedWords > 0)
    }

    /// The sentiment of a text without its explanation (faster).
    public func score(_ text: String) -> SentimentResult {
        let compound = polarityScores(text).compound
        return SentimentResult(score: compound, label: SentimentLabel(score: compound), explanation: [], engine: .lexicon)
    }

    /// VADER's `polarity_scores`, without building an explanation.
    public func polarityScores(_ text: String) -> Scores {
        var explanation: [SentimentContribution] = []
        return analyze(text, explanation: &explanation, explain: false)
    }

    // MARK: - The algorithm

    /// A whitespace-separated word, its punctuation stripped as VADER does.
    private struct Word {
        var start: Int32
        var end: Int32
        /// The id of its lowercase (English) or folded (French) form, or -1.
        var id: Int32
        var isUpper: Bool
        var negates: Bool
        /// A word of an emoji's description, which no negation turns around.
        var isEmoji = false
    }

    private func analyze(
        _ rawText: String, explanation: inout [SentimentContribution], explain: Bool, ignoring ignored: Set<Int32> = [],
        ignoringEmoji ignoredEmoji: Set<Int32> = []
    ) -> Scores {
        var (text, emojiDescriptions, irony) = replacingEmoji(rawText)
        return text.withUTF8 { bytes in
            analyze(
                bytes: bytes, emojiDescriptions: emojiDescriptions, irony: irony, explanation: &explanation, explain: explain,
                ignoring: ignored, ignoringEmoji: ignoredEmoji)
        }
    }

    /// `emojiDescriptions`: where the words of emoji stand (UTF-8 offsets, in order). A negation
    /// does not turn an emoji around: "Pas de réponse 😡" is angry, not the opposite.
    /// `irony`: the last of `ironyMarkers` in the text and where its description starts (UTF-8
    /// offset), when no emoji of `teasingEmoji` is beside it.
    private func analyze(
        bytes: UnsafeBufferPointer<UInt8>, emojiDescriptions: [Range<Int>], irony: IronyMarker?, explanation: inout [SentimentContribution],
        explain: Bool,
        ignoring ignored: Set<Int32> = [], ignoringEmoji ignoredEmoji: Set<Int32> = []
    ) -> Scores {
        var words = splitWords(bytes)
        if !emojiDescriptions.isEmpty {
            var range = 0
            for index in words.indices {
                let start = Int(words[index].start)
                while range < emojiDescriptions.count, emojiDescriptions[range].upperBound <= start { range += 1 }
                guard range < emojiDescriptions.count else { break }
                if emojiDescriptions[range].contains(start) {
                    // An emoji's words are not the author's: no capitals, no negation of what follows.
                    words[index].isEmoji = true
                    words[index].isUpper = false
                    words[index].negates = false
                }
            }
        }
        if !ignored.isEmpty || !ignoredEmoji.isEmpty {
            words.removeAll { $0.isEmoji ? ignoredEmoji.contains($0.id) : ignored.contains($0.id) }
        }
        guard !words.isEmpty else { return Scores(negative: 0, neutral: 0, positive: 0, compound: 0) }
        func wordText(_ word: Word) -> String {
            String(decoding: UnsafeBufferPointer(rebasing: bytes[Int(word.start)..<Int(word.end)]), as: UTF8.self)
        }
        @inline(__always) func valence(_ word: Word) -> Double? {
            guard word.id >= 0 else { return nil }
            let value = valences[Int(word.id)]
            return value.isNaN ? nil : value
        }
        let quirks = rules.englishQuirks

        // Whether some words are in capitals and others are not (capitals then emphasise).
        let upperCount = words.reduce(0) { $0 + ($1.isUpper ? 1 : 0) }
        let authorWords = emojiDescriptions.isEmpty ? words.count : words.reduce(0) { $0 + ($1.isEmoji ? 0 : 1) }
        let isCapDifferential = upperCount > 0 && upperCount < authorWords

        var sentiments = [Double](repeating: 0, count: words.count)
        var reasons: [[String]] = explain ? Array(repeating: [], count: words.count) : []
        var reversedWords = 0

        for i in words.indices {
            let word = words[i]
            if word.id >= 0 && boosters[Int(word.id)] != 0 {
                // A booster is a modifier, not a sentiment word, unless it stands alone ("c'est super !").
                if has(word, .standsAlone), !(i + 1 < words.count && valence(words[i + 1]) != nil), let own = valence(word) {
                    sentiments[i] = own
                    if explain { reasons[i].append("lexicon \(format(own))") }
                }
                continue
            }
            if quirks, i + 1 < words.count, word.id == keys.kind, words[i + 1].id == keys.of { continue }
            guard let base = valence(word) else { continue }
            var value = base
            if explain { reasons[i].append("lexicon \(format(base))") }

            if quirks, !word.isEmoji {
                // "no" before a lexicon word negates it instead of counting itself.
                if word.id == keys.no, i != words.count - 1, valence(words[i + 1]) != nil {
                    value = 0
                    if explain { reasons[i].append("negates the next word instead") }
                }
                if (i > 0 && isNo(words[i - 1])) || (i > 1 && isNo(words[i - 2]))
                    || (i > 2 && isNo(words[i - 3]) && (words[i - 1].id == keys.or || words[i - 1].id == keys.nor))
                {
                    value = base * Self.negationScalar
                    if explain { reasons[i].append("negated by 'no'") }
                }
            }

            // Babillard's phrases, wherever they stand: a name ("gift card") carries no feeling,
            // an idiom ("thanks for nothing") its own.
            if !word.isEmoji, has(word, .inPhrase), let phrase = phrase(around: i, in: words) {
                let carries = !words[phrase.range.lowerBound..<i].contains { valence($0) != nil }
                sentiments[i] = carries ? phrase.value : 0
                if explain {
                    let text = words[phrase.range].map(wordText).joined(separator: " ")
                    reasons[i].append(phrase.value == 0 ? "a name ('\(text)')" : "idiom ('\(text)')")
                }
                continue
            }

            // "I'd like to order…", "we would like a table": a request, not a liking.
            if quirks, word.id == keys.like, isFirstPersonWould(words, before: i),
                !(i + 1 < words.count && words[i + 1].id == keys.nothing)
            {
                if explain { reasons[i].append("a request ('\(wordText(words[i - 1])) like')") }
                sentiments[i] = 0
                continue
            }

            if word.isUpper && isCapDifferential {
                value += value > 0 ? Self.capsIncrement : -Self.capsIncrement
                if explain { reasons[i].append("in capitals") }
            }
            // French "jamais … aussi bon", "jamais vu un si beau": the negation compares, and
            // praises (or blames) all the more, like VADER's "never so".
            let comparesAfterJamais = !quirks && !word.isEmoji && base != 0 && isComparisonAfterJamais(words, at: i)

            // An emoji's feeling is its own: no booster nor negation of the author's moves it
            // ("il n'y a plus de pain 🙄": "plus" is the negation, not "more").
            for distance in 0..<3 where i > distance && !word.isEmoji {
                let previous = words[i - (distance + 1)]
                guard valence(previous) == nil else { continue }
                var scalar = previous.isEmoji ? 0 : boosterScalar(previous, valence: value, isCapDifferential: isCapDifferential)
                if distance == 1 && scalar != 0 { scalar *= 0.95 }
                if distance == 2 && scalar != 0 { scalar *= 0.9 }
                if scalar != 0 {
                    value += scalar
                    if explain {
                        reasons[i].append("\(abs(value) > abs(value - scalar) ? "intensified" : "dampened") by '\(wordText(previous))'")
                    }
                }
                if !comparesAfterJamais {
                    value = negationCheck(value, words, distance: distance, at: i) {
                        explain ? reasons[i].append($0 == "negated" ? "negated by '\(wordText(previous))'" : $0) : ()
                    }
                }
                if distance == 2 {
                    value = specialCasesCheck(
                        value, words, at: i, phrase: explain ? { range in words[range].map(wordText).joined(separator: " ") } : nil
                    ) { explain ? reasons[i].append($0) : () }
                }
            }
            if word.isEmoji {
                // An emoji's feeling is its own (above).
            } else if quirks {
                if i > 1 && valence(words[i - 1]) == nil && words[i - 1].id == keys.least {
                    if words[i - 2].id != keys.at && words[i - 2].id != keys.very {
                        value *= Self.negationScalar
                        if explain { reasons[i].append("negated by 'least'") }
                    }
                } else if i > 0 && valence(words[i - 1]) == nil && words[i - 1].id == keys.least {
                    value *= Self.negationScalar
                    if explain { reasons[i].append("negated by 'least'") }
                }
            } else {
                if comparesAfterJamais {
                    value *= Self.neverSoScalar
                    if explain { reasons[i].append("'jamais … \(wordText(words[i - 1]))' ×\(format(Self.neverSoScalar))") }
                }
                // French puts the negation after the verb: "j'aime pas", "je n'aime pas", "ça vaut rien",
                // with object pronouns between the subject and the verb: "on ne s'en lasse pas".
                if !comparesAfterJamais, i > 0, i + 1 < words.count, has(words[i + 1], .negatesAfterVerb), !words[i + 1].isEmoji,
                    !isComparison(words, at: i + 1), hasSubjectOfNegatedVerb(words, before: i)
                {
                    value *= Self.negationScalar
                    if explain { reasons[i].append("negated by '\(wordText(words[i + 1]))' after it") }
                }
                // Idioms around the word ("pas mal", "pas terrible"), wherever it stands: VADER's
                // own check runs only three words in, and only after a word without valence.
                value = forwardSpecialCases(value, words, at: i, includingPrevious: i >= 1) {
                    explain ? reasons[i].append($0) : ()
                }
            }
            sentiments[i] = value
            if value * base < 0 || comparesAfterJamais { reversedWords += 1 }
        }

        // Irony: before 🙄 or 😒, the author's praise means its opposite ("Super, 20 min de queue
        // 🙄👏"), unless the author laughs ("lol", "mdr").
        if let irony, !words.contains(where: { has($0, .laughter) }) {
            for index in sentiments.indices where sentiments[index] > 0 && !words[index].isEmoji && Int(words[index].start) < irony.offset {
                sentiments[index] *= Self.negationScalar
                if explain { reasons[index].append("irony (\(Character(irony.scalar)))") }
                reversedWords += 1
            }
        }

        // Contrast: the first "but" halves what precedes it and multiplies what follows by 1.5.
        if let contrastIndex = words.firstIndex(where: { has($0, .contrast) }) {
            for index in sentiments.indices where sentiments[index] != 0 && index != contrastIndex {
                let factor = index < contrastIndex ? 0.5 : 1.5
                sentiments[index] *= factor
                if explain {
                    reasons[index].append("\(index < contrastIndex ? "before" : "after") '\(wordText(words[contrastIndex]))' ×\(format(factor))")
                }
            }
        }

        var sum = 0.0
        for sentiment in sentiments { sum += sentiment }
        let emphasis = Self.punctuationEmphasis(bytes)
        if sum > 0 { sum += emphasis } else if sum < 0 { sum -= emphasis }
        let compound = Self.normalize(sum)

        var positiveSum = 0.0
        var negativeSum = 0.0
        var neutralCount = 0.0
        for sentiment in sentiments {
            if sentiment > 0 { positiveSum += sentiment + 1 }
            if sentiment < 0 { negativeSum += sentiment - 1 }
            if sentiment == 0 { neutralCount += 1 }
        }
        if positiveSum > abs(negativeSum) {
            positiveSum += emphasis
        } else if positiveSum < abs(negativeSum) {
            negativeSum -= emphasis
        }
        let total = positiveSum + abs(negativeSum) + neutralCount

        if explain {
            for index in sentiments.indices where sentiments[index] != 0 {
                explanation.append(SentimentContribution(
                    text: wordText(words[index]), effect: sentiments[index], reason: Self.joined(reasons[index])))
            }
            if emphasis != 0 && sum != 0 {
                explanation.append(SentimentContribution(text: "!/?", effect: sum > 0 ? emphasis : -emphasis, reason: "punctuation emphasis"))
            }
        }
        return Scores(
            negative: total > 0 ? abs(negativeSum / total) : 0,
            neutral: total > 0 ? abs(neutralCount / total) : 0,
            positive: total > 0 ? abs(positiveSum / total) : 0,
            compound: compound, reversedWords: reversedWords)
    }

    /// A word's reasons, in order, a repeated one once (an idiom is found both by VADER's check
    /// and by the French one around the word: "c'est pas normal").
    private static func joined(_ reasons: [String]) -> String {
        var kept: [String] = []
        for reason in reasons where kept.last != reason { kept.append(reason) }
        return kept.joined(separator: "; ")
    }

    public static func normalize(_ score: Double, alpha: Double = 15) -> Double {
        let normalized = score / (score * score + alpha).squareRoot()
        return min(1, max(-1, normalized))
    }

    @inline(__always)
    private func boosterScalar(_ word: Word, valence: Double, isCapDifferential: Bool) -> Double {
        guard word.id >= 0 else { return 0 }
        var scalar = boosters[Int(word.id)]
        guard scalar != 0 else { return 0 }
        if valence < 0 { scalar *= -1 }
        if word.isUpper && isCapDifferential {
            scalar += valence > 0 ? Self.capsIncrement : -Self.capsIncrement
        }
        return scalar
    }

    /// "plus que" after a verb without "ne" compares ("j'aime plus que jamais ce pain"); it
    /// negates nothing. With "ne" it still negates ("je n'aime plus que vous changiez la recette").
    private func isComparison(_ words: [Word], at index: Int) -> Bool {
        guard words[index].id == keys.plus, index + 1 < words.count,
            words[index + 1].id == keys.que || words[index + 1].id == keys.quApostrophe
        else { return false }
        return !words[max(0, index - 4)..<(index - 1)].contains(where: isNe)
    }

    /// Whether the word has the flag (a rule's role: negation, subject…).
    @inline(__always)
    private func has(_ word: Word, _ flag: WordFlags) -> Bool {
        word.id >= 0 && flags[Int(word.id)].contains(flag)
    }

    /// French "ne" or "n'".
    @inline(__always)
    private func isNe(_ word: Word) -> Bool {
        word.id == keys.ne || word.id == keys.nApostrophe
    }

    /// The author's English "no" (an emoji's "no", as in 🚭 "no smoking", negates nothing).
    @inline(__always)
    private func isNo(_ word: Word) -> Bool {
        word.id == keys.no && !word.isEmoji
    }

    /// Whether the verb at `i` has its subject or "ne" right before it ("j'aime pas", "je n'aime
    /// pas"), or "ne" before one or two object pronouns ("je ne me lasse pas", "on ne s'en lasse
    /// pas"). Without "ne", a pronoun before the verb does not make what follows a negation: "je
    /// l'aime plus que jamais", "je le recommande, rien à redire", "vous la meilleure, point final".
    private func hasSubjectOfNegatedVerb(_ words: [Word], before i: Int) -> Bool {
        if has(words[i - 1], .subjectOfNegatedVerb) { return true }
        var index = i - 1
        while index >= 0, i - index <= 2, has(words[index], .objectPronoun) { index -= 1 }
        guard index >= 0, index < i - 1 else { return false }
        return isNe(words[index])
    }

    /// Whether the author asks for something before "like" at `i`: "I'd", "we'd" (either
    /// apostrophe), or "would"/"wd" after "I" or "we" or opening the text. "You'd like this
    /// place" recommends, and stays a liking.
    private func isFirstPersonWould(_ words: [Word], before i: Int) -> Bool {
        guard i > 0 else { return false }
        let previous = words[i - 1].id
        if previous == keys.would || previous == keys.wd {
            return i == 1 || words[i - 2].id == keys.i || words[i - 2].id == keys.we
        }
        return previous == keys.iD || previous == keys.weD || previous == keys.iDCurly || previous == keys.weDCurly
    }

    /// The phrase of `LexiconRules.phrases` that holds the word at `i` (two or three words), if
    /// any, unless a booster stands just before it ("un très bon cadeau" praises a present).
    private func phrase(around i: Int, in words: [Word]) -> (range: ClosedRange<Int>, value: Double)? {
        for length in [3, 2] {
            for start in max(0, i - length + 1)...i where start + length <= words.count {
                let packed = length == 3
                    ? Self.pack(words[start].id, words[start + 1].id, words[start + 2].id) : Self.pack(words[start].id, words[start + 1].id)
                guard packed != 0, let value = phrases[packed] else { continue }
                if start > 0, words[start - 1].id >= 0, boosters[Int(words[start - 1].id)] != 0 { return nil }
                return (start...(start + length - 1), value)
            }
        }
        return nil
    }

    /// Whether the word at `i` follows "aussi", "si" or "autant" with "jamais" at most four words
    /// before them ("je n'ai jamais mangé un aussi bon éclair"), no other negation between ("jamais
    /// déçue mais là pas si bon" still negates), and no "que" within three words after it ("jamais
    /// aussi bon qu'à la maison" compares with something else).
    private func isComparisonAfterJamais(_ words: [Word], at i: Int) -> Bool {
        guard i >= 2 else { return false }
        let before = words[i - 1].id
        guard before == keys.aussi || before == keys.si || before == keys.autant else { return false }
        guard let jamais = words[max(0, i - 6)..<(i - 1)].lastIndex(where: { $0.id == keys.jamais }) else { return false }
        if words[(jamais + 1)..<(i - 1)].contains(where: { ($0.negates && $0.id != keys.jamais) || $0.id == keys.plus }) { return false }
        let after = words[(i + 1)..<min(words.count, i + 4)]
        return !after.contains { $0.id == keys.que || $0.id == keys.quApostrophe }
    }

    private func negationCheck(_ value: Double, _ words: [Word], distance: Int, at i: Int, note: (String) -> Void) -> Double {
        let previousIndex = i - (distance + 1)
        let previous = words[previousIndex]
        var result = value
        let quirks = rules.englishQuirks
        // French "ne … plus": "plus" negates only after "ne"/"n'".
        let frenchNePlus = !quirks && previous.id == keys.plus
            && ((previousIndex > 0 && isNe(words[previousIndex - 1])) || (previousIndex > 1 && isNe(words[previousIndex - 2])))
        // French "sans" governs the noun right after it: "sans intérêt", "sans vraiment convaincre",
        // but not "le gâteau sans gluten est bon".
        let sansTooFar = !quirks && distance >= 2 && previous.id == keys.sans
        // "De rien" answers a thanks ("De rien 😂", "de rien, avec plaisir"): no negation.
        let deRien = !quirks && previous.id == keys.rien && previousIndex > 0 && words[previousIndex - 1].id == keys.de
        let negates = (previous.negates && !sansTooFar && !deRien) || frenchNePlus
        switch distance {
        case 0:
            if negates {
                result *= Self.negationScalar
                note("negated")
            }
        case 1:
            if quirks && words[i - 2].id == keys.never && (words[i - 1].id == keys.so || words[i - 1].id == keys.this) {
                result *= 1.25
                note("'never so' ×1.25")
            } else if quirks && words[i - 2].id == keys.without && words[i - 1].id == keys.doubt {
                // "without doubt" affirms.
            } else if negates {
                result *= Self.negationScalar
                note("negated")
            }
        default:
            if quirks
                && ((words[i - 3].id == keys.never && (words[i - 2].id == keys.so || words[i - 2].id == keys.this))
                    || (words[i - 1].id == keys.so || words[i - 1].id == keys.this))
            {
                result *= 1.25
                note("'never so' ×1.25")
            } else if quirks && words[i - 3].id == keys.without && (words[i - 2].id == keys.doubt || words[i - 1].id == keys.doubt) {
                // "without a doubt" affirms.
            } else if negates {
                result *= Self.negationScalar
                note("negated")
            }
        }
        return result
    }

    @inline(__always)
    private static func pack(_ ids: Int32...) -> UInt64 {
        var packed: UInt64 = 0
        for (position, id) in ids.enumerated() {
            guard id >= 0 else { return 0 }
            packed |= UInt64(id + 1) << (21 * UInt64(position))
        }
        return packed
    }

    /// `phrase`: the words of a range as written, when the reasons are wanted (else nil).
    private func specialCasesCheck(
        _ value: Double, _ words: [Word], at i: Int, phrase: ((ClosedRange<Int>) -> String)?, note: (String) -> Void
    ) -> Double {
        var result = value
        let w0 = words[i].id, w1 = words[i - 1].id, w2 = words[i - 2].id, w3 = words[i - 3].id
        let oneZero = Self.pack(w1, w0)
        let twoOneZero = Self.pack(w2, w1, w0)
        let twoOne = Self.pack(w2, w1)
        let threeTwoOne = Self.pack(w3, w2, w1)
        let threeTwo = Self.pack(w3, w2)
        if !specialCases.isEmpty {
            for sequence in [oneZero, twoOneZero, twoOne, threeTwoOne, threeTwo] where sequence != 0 {
                if let special = specialCases[sequence] {
                    result = special
                    note("idiom")
                    break
                }
            }
        }
        result = forwardSpecialCases(result, words, at: i, includingPrevious: false, note: note)
        // A booster of several words ("un peu", "kind of"), named in the note like a one-word one.
        for (ngram, first, last) in [(threeTwoOne, i - 3, i - 1), (threeTwo, i - 3, i - 2), (twoOne, i - 2, i - 1)] where ngram != 0 {
            if let boost = ngramBoosters[ngram] {
                result += boost
                if let phrase { note("\(boost > 0 ? "intensified" : "dampened") by '\(phrase(first...last))'") }
            }
        }
        return result
    }

    private func forwardSpecialCases(_ value: Double, _ words: [Word], at i: Int, includingPrevious: Bool, note: (String) -> Void) -> Double {
        var result = value
        if includingPrevious, let special = specialCases[Self.pack(words[i - 1].id, words[i].id)] {
            result = special
            note("idiom")
        }
        if words.count - 1 > i, let special = specialCases[Self.pack(words[i].id, words[i + 1].id)] {
            result = special
            note("idiom")
        }
        if words.count - 1 > i + 1, let special = specialCases[Self.pack(words[i].id, words[i + 1].id, words[i + 2].id)] {
            result = special
            note("idiom")
        }
        return result
    }

    // MARK: - Text preparation

    /// Replaces each emoji the lexicon knows by its description, as VADER does, and returns where
    /// the descriptions stand (UTF-8 offsets in the result), so that the rules know an emoji's
    /// words from the author's. Where Babillard departs from VADER:
    /// - VADER leaves the emoji presentation selector (U+FE0F) that often follows glued to the
    ///   description's last word ("heart\u{FE0F}"), which then matches nothing, so that "❤️" (as
    ///   customers type it) counted for nothing where "❤" counts; the selectors (U+FE0F, U+FE0E)
    ///   and skin tones after an emoji Babillard knows belong to it and are dropped;
    /// - a sequence joined by U+200D is read by its first emoji ("❤️‍🔥" is "❤", "🤦‍♀️" is "🤦");
    /// - a description is separated from a word that follows it ("😍Trop bon"), and a short one
    ///   from punctuation too ("👍." where "ok." matched nothing), as from punctuation that is not
    ///   ASCII ("😡…"); a longer one keeps ASCII punctuation glued ("😡!"). Punctuation set apart
    ///   is marked as the emoji's, so that a lone "!" does not count as a lowercase word of the
    ///   author's and make the capitals emphatic.
    /// No labeled English text here holds an emoji, so VADER's measured agreement is unchanged.
    private func replacingEmoji(_ text: String) -> (text: String, descriptions: [Range<Int>], irony: IronyMarker?) {
        // Fast path: ASCII text has no emoji.
        if text.utf8.allSatisfy({ $0 < 0x80 }) { return (text, [], nil) }
        // Accented text without emoji (most French): look the scalars up before rebuilding anything.
        guard text.unicodeScalars.contains(where: { mayBeEmoji($0) && emojiDescriptions[$0] != nil }) else { return (text, [], nil) }
        var irony: IronyMarker?
        var teases = false
        var output = String.UnicodeScalarView()
        var outputBytes = 0
        var descriptions: [Range<Int>] = []
        var previousIsSpace = true
        var afterEmoji = false
        var joined = false
        // After a description: whether what follows needs a space (a word always; punctuation
        // after a description of two characters or fewer, which would keep it).
        var spaceBeforeWord = false
        var spaceBeforePunctuation = false
        for scalar in text.unicodeScalars {
            if afterEmoji {
                // Selectors and skin tones belong to the emoji before them; so does what a joiner adds.
                if scalar.value == 0xFE0F || scalar.value == 0xFE0E || (0x1F3FB...0x1F3FF).contains(scalar.value) { continue }
                if scalar.value == 0x200D {
                    joined = true
                    continue
                }
                if joined {
                    joined = false
                    continue
                }
            }
            if mayBeEmoji(scalar), let description = emojiDescriptions[scalar] {
                if Self.teasingEmoji.contains(scalar) { teases = true }
                if !previousIsSpace {
                    output.append(" ")
                    outputBytes += 1
                }
                if Self.ironyMarkers.contains(scalar) { irony = IronyMarker(scalar: scalar, offset: outputBytes) }
                output.append(contentsOf: description.unicodeScalars)
                descriptions.append(outputBytes..<(outputBytes + description.utf8.count))
                outputBytes += description.utf8.count
                previousIsSpace = false
                afterEmoji = true
                spaceBeforeWord = true
                spaceBeforePunctuation = description.unicodeScalars.count <= 2
            } else {
                if spaceBeforeWord, scalar != " " {
                    let asciiPunctuation = scalar.isASCII && Self.isASCIIPunctuation(UInt8(scalar.value))
                    if !asciiPunctuation || spaceBeforePunctuation {
                        output.append(" ")
                        outputBytes += 1
                        // Punctuation set apart from the emoji ("👍 !", "😡 …") is the emoji's, not a
                        // word of the author's: marked like a description, it makes no capitals emphatic.
                        if !scalar.properties.isAlphabetic, scalar.properties.numericType == nil {
                            descriptions.append(outputBytes..<(outputBytes + 1))
                        }
                    }
                }
                spaceBeforeWord = false
                output.append(scalar)
                outputBytes += scalar.utf8.count
                previousIsSpace = scalar == " "
                afterEmoji = false
            }
        }
        return descriptions.isEmpty ? (text, [], nil) : (String(output), descriptions, teases ? nil : irony)
    }

    /// Whitespace-separated words (Python's `str.split()`, as in VADER) with their surrounding
    /// ASCII punctuation stripped when at least three characters remain (so that ":)" survives);
    /// French elisions are split off ("l'accueil" → "l'", "accueil").
    private func splitWords(_ bytes: UnsafeBufferPointer<UInt8>) -> [Word] {
        var words: [Word] = []
        words.reserveCapacity(bytes.count / 5 + 1)
        var scratch: [UInt8] = []
        scratch.reserveCapacity(64)
        var index = 0
        let count = bytes.count
        while index < count {
            var width = 1
            while index < count, Self.isWhitespace(bytes, at: index, width: &width) { index += width }
            guard index < count else { break }
            let start = index
            while index < count, !Self.isWhitespace(bytes, at: index, width: &width) { index += width }
            appendWords(bytes, start: start, end: index, to: &words, scratch: &scratch)
        }
        return words
    }

    private func appendWords(_ bytes: UnsafeBufferPointer<UInt8>, start: Int, end: Int, to words: inout [Word], scratch: inout [UInt8]) {
        var strippedStart = start
        var strippedEnd = end
        while strippedStart < strippedEnd, Self.isASCIIPunctuation(bytes[strippedStart]) { strippedStart += 1 }
        while strippedEnd > strippedStart, Self.isASCIIPunctuation(bytes[strippedEnd - 1]) { strippedEnd -= 1 }
        // Keep the punctuation when two characters or fewer would remain (emoticons).
        var characters = 0
        var position = strippedStart
        while position < strippedEnd && characters <= 2 {
            if bytes[position] & 0xC0 != 0x80 { characters += 1 }
            position += 1
        }
        if characters <= 2 {
            strippedStart = start
            strippedEnd = end
        }
        if foldKeys, let split = Self.elisionEnd(bytes, start: strippedStart, end: strippedEnd) {
            words.append(makeWord(bytes, start: strippedStart, end: split, scratch: &scratch))
            words.append(makeWord(bytes, start: split, end: strippedEnd, scratch: &scratch))
        } else {
            words.append(makeWord(bytes, start: strippedStart, end: strippedEnd, scratch: &scratch))
        }
    }

    private func makeWord(_ bytes: UnsafeBufferPointer<UInt8>, start: Int, end: Int, scratch: inout [UInt8]) -> Word {
        var isASCII = true
        var hasCased = false
        var allUpper = true
        scratch.removeAll(keepingCapacity: true)
        for position in start..<end {
            let byte = bytes[position]
            if byte >= 0x80 {
                isASCII = false
                break
            }
            if byte >= 0x41 && byte <= 0x5A {
                hasCased = true
                scratch.append(byte + 0x20)
            } else {
                if byte >= 0x61 && byte <= 0x7A {
                    hasCased = true
                    allUpper = false
                }
                scratch.append(byte)
            }
        }
        if !isASCII {
            scratch.removeAll(keepingCapacity: true)
            if let latin = TextFolding.appendLatinWordKey(bytes, from: start, to: end, folding: foldKeys, into: &scratch) {
                hasCased = latin.hasCased
                allUpper = latin.allUpper
            } else {
                nonLatinWordKey(bytes, start: start, end: end, hasCased: &hasCased, allUpper: &allUpper, scratch: &scratch)
            }
        }
        let id = scratch.withUnsafeBufferPointer { table.id(of: $0) } ?? -1
        var negates = id >= 0 && flags[Int(id)].contains(.negates)
        if !negates && rules.negatesContractions {
            // Any word containing "n't" ("shouldn't've").
            var previous: (UInt8, UInt8) = (0, 0)
            for byte in scratch {
                if previous == (UInt8(ascii: "n"), UInt8(ascii: "'")) && byte == UInt8(ascii: "t") {
                    negates = true
                    break
                }
                previous = (previous.1, byte)
            }
        }
        return Word(start: Int32(start), end: Int32(end), id: id, isUpper: hasCased && allUpper, negates: negates)
    }

    /// The key and case of a word holding scalars beyond Latin (typographic apostrophes, other
    /// scripts, emoji), through `String`.
    private func nonLatinWordKey(
        _ bytes: UnsafeBufferPointer<UInt8>, start: Int, end: Int, hasCased: inout Bool, allUpper: inout Bool, scratch: inout [UInt8]
    ) {
        let original = String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<end]), as: UTF8.self)
        hasCased = false
        allUpper = true
        for scalar in original.unicodeScalars {
            let properties = scalar.properties
            if properties.isUppercase {
                hasCased = true
            } else if properties.isLowercase {
                hasCased = true
                allUpper = false
            }
        }
        let key = foldKeys ? TextFolding.fold(original) : original.lowercased()
        scratch.removeAll(keepingCapacity: true)
        scratch.append(contentsOf: key.utf8)
    }

    /// Where the word after a French elided article starts ("l'" in "l'accueil", "qu'" in "qu'il").
    private static func elisionEnd(_ bytes: UnsafeBufferPointer<UInt8>, start: Int, end: Int) -> Int? {
        var position = start
        while position < end && position - start <= 6 {
            let byte = bytes[position]
            var after: Int?
            if byte == UInt8(ascii: "'") {
                after = position + 1
            } else if byte == 0xE2, position + 2 < end, bytes[position + 1] == 0x80, bytes[position + 2] == 0x99 {
                after = position + 3  // ’
            }
            if let after {
                guard after < end, position > start else { return nil }
                var prefix = ""
                for index in start..<position { prefix.unicodeScalars.append(Unicode.Scalar(bytes[index] | 0x20)) }
                switch prefix {
                case "l", "d", "j", "m", "n", "s", "t", "c", "qu", "jusqu", "lorsqu", "puisqu": return after
                default: return nil
                }
            }
            guard byte < 0x80, (byte | 0x20) >= 0x61, (byte | 0x20) <= 0x7A else { return nil }
            position += 1
        }
        return nil
    }

    /// Python's `str.isspace()` code points; `width` is the encoded length of the scalar read.
    @inline(__always)
    private static func isWhitespace(_ bytes: UnsafeBufferPointer<UInt8>, at index: Int, width: inout Int) -> Bool {
        let byte = bytes[index]
        if byte < 0x80 {
            width = 1
            return byte == 0x20 || (byte >= 0x09 && byte <= 0x0D) || (byte >= 0x1C && byte <= 0x1F)
        }
        width = byte >= 0xF0 ? 4 : byte >= 0xE0 ? 3 : byte >= 0xC0 ? 2 : 1
        if index + width > bytes.count { width = 1 }
        switch width {
        case 2:
            // U+0085, U+00A0
            return byte == 0xC2 && (bytes[index + 1] == 0x85 || bytes[index + 1] == 0xA0)
        case 3:
            let value = (UInt32(byte & 0x0F) << 12) | (UInt32(bytes[index + 1] & 0x3F) << 6) | UInt32(bytes[index + 2] & 0x3F)
            switch value {
            case 0x1680, 0x2000...0x200A, 0x2028, 0x2029, 0x202F, 0x205F, 0x3000: return true
            default: return false
            }
        default:
            return false
        }
    }

    @inline(__always)
    private static func isASCIIPunctuation(_ byte: UInt8) -> Bool {
        switch byte {
        case 0x21...0x2F, 0x3A...0x40, 0x5B...0x60, 0x7B...0x7E: return true
        default: return false
        }
    }

    private static func punctuationEmphasis(_ bytes: UnsafeBufferPointer<UInt8>) -> Double {
        var exclamations = 0
        var questions = 0
        for byte in bytes {
            if byte == UInt8(ascii: "!") { exclamations += 1 } else if byte == UInt8(ascii: "?") { questions += 1 }
        }
        let exclamationEmphasis = Double(min(exclamations, 4)) * 0.292
        var questionEmphasis = 0.0
        if questions > 1 { questionEmphasis = questions <= 3 ? Double(questions) * 0.18 : 0.96 }
        return exclamationEmphasis + questionEmphasis
    }

    /// A valence as people read it ("2.2", "-0.74"): two decimals at most, without Foundation's
    /// `String(format:)`, which costs more than scoring the word.
    private func format(_ value: Double) -> String {
        let hundredths = Int((value * 100).rounded())
        let sign = hundredths < 0 ? "-" : ""
        let whole = abs(hundredths) / 100
        let fraction = abs(hundredths) % 100
        if fraction == 0 { return "\(sign)\(whole)" }
        return fraction % 10 == 0 ? "\(sign)\(whole).\(fraction / 10)" : "\(sign)\(whole).\(fraction < 10 ? "0" : "")\(fraction)"
    }
}
