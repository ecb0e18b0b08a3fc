/// Everything Babillard reads in one text.
public struct TextAnalysis: Sendable {
    public var language: Language
    public var languageConfidence: Double
    public var sentiment: SentimentResult
    public var intents: [IntentMatch]
    /// 64-bit SimHash of the text's word shingles: near-duplicates differ in few bits.
    public var fingerprint: UInt64
}

/// Which sentiment engine to use.
public enum SentimentEngineChoice: String, Sendable, CaseIterable {
    /// The best engine for the language and the kind of text (see docs/EVALUATION.md).
    case auto
    case lexicon
    case model
}
