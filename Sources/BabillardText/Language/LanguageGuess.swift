/// What `LanguageIdentifier` says about a text.
public struct LanguageGuess: Sendable, Hashable {
    /// The language, or `.unknown` when the text is too short, mixes two languages too evenly
    /// to tell, is in another language, or is not written in the Latin script.
    public var language: Language
    /// The probability that the text is in `language`, in [0, 1] (the naive Bayes posterior,
    /// tempered so that short texts are not reported as certain). Always 0 for `.unknown`.
    public var confidence: Double

    public init(language: Language, confidence: Double) {
        self.language = language
        self.confidence = confidence
    }

    /// The answer for a text that gives no usable evidence.
    public static let unknown = LanguageGuess(language: .unknown, confidence: 0)
}
