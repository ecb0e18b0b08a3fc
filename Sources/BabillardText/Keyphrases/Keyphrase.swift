/// Which period a text belongs to when comparing what is said now with what was said before.
public enum KeyphrasePeriod: Sendable, Hashable {
    /// The period under study (this week).
    case current
    /// The period it is compared with (the weeks before).
    case baseline
}

/// A phrase said more in the current period than in the baseline.
public struct Keyphrase: Sendable, Hashable {
    /// The phrase as most often written in the current period, accents and case included
    /// ("réseaux sociaux", "Community Manager").
    public var phrase: String
    /// How strongly the phrase is over-represented: a z-score of its log-odds ratio (see
    /// `KeyphraseExtractor`); above 2 is unlikely to be chance, above 3 is clear.
    public var score: Double
    /// Current items that hold the phrase (an item that repeats it counts once).
    public var currentCount: Int
    /// Baseline items that hold it.
    public var baselineCount: Int
    /// Words in the phrase (1 to 3).
    public var wordCount: Int

    public init(phrase: String, score: Double, currentCount: Int, baselineCount: Int, wordCount: Int) {
        self.phrase = phrase
        self.score = score
        self.currentCount = currentCount
        self.baselineCount = baselineCount
        self.wordCount = wordCount
    }
}
