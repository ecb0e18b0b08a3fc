/// How an item feels: negative, neutral or positive.
public enum SentimentLabel: String, Sendable, CaseIterable, Codable, Hashable {
    case negative
    case neutral
    case positive

    /// The label of a score in [-1, 1], with VADER's thresholds (±0.05).
    public init(score: Double, threshold: Double = 0.05) {
        if score >= threshold {
            self = .positive
        } else if score <= -threshold {
            self = .negative
        } else {
            self = .neutral
        }
    }
}

/// One reason a score moved: a word, an emoji, a rule ("negated by 'pas'", "but: halved").
public struct SentimentContribution: Sendable, Hashable, Codable {
    /// The words or signs concerned, as written.
    public var text: String
    /// How much it moved the score before normalisation (lexicon engine: valence units, where
    /// VADER's words run from -4 to 4; model engine: the feature's weight times its value).
    public var effect: Double
    /// Why, in a short phrase a user can read ("lexicon", "negated by 'not'", "intensified by 'very'").
    public var reason: String

    public init(text: String, effect: Double, reason: String) {
        self.text = text
        self.effect = effect
        self.reason = reason
    }
}

/// Which engine produced a score.
public enum SentimentEngineKind: String, Sendable, CaseIterable, Codable {
    /// Lexicon and rules, in the spirit of VADER: explainable word by word.
    case lexicon
    /// A trained linear model over word and character n-grams.
    case model
}

/// The sentiment of one text: a score in [-1, 1], its label and why.
public struct SentimentResult: Sendable, Hashable, Codable {
    public var score: Double
    public var label: SentimentLabel
    /// The contributions, largest effect first.
    public var explanation: [SentimentContribution]
    public var engine: SentimentEngineKind

    public init(score: Double, label: SentimentLabel, explanation: [SentimentContribution], engine: SentimentEngineKind) {
        self.score = score
        self.label = label
        self.explanation = explanation
        self.engine = engine
    }

    public static func neutral(engine: SentimentEngineKind) -> SentimentResult {
        SentimentResult(score: 0, label: .neutral, explanation: [], engine: engine)
    }
}
