/// Everything Babillard reads in one text.
public struct TextAnalysis: Sendable {
    public var language: Language
    public var languageConfidence: Double
    public var sentiment: SentimentResult
    public var intents: [IntentMatch]
    /// 64-bit SimHash of the text's word shingles: near-duplicates differ in few bits.
    public var fingerprint: UInt64
    /// How many of its paragraphs repeat an earlier paragraph of the same text (a copy-paste slip,
    /// a passage quoted twice): `NearDuplicateFingerprint.repeatedParagraphs`.
    public var repeatedParagraphs = 0
}

/// Which sentiment engine to use.
public enum SentimentEngineChoice: String, Sendable, CaseIterable {
    /// The best engine for the language and the kind of text (see docs/EVALUATION.md).
    case auto
    case lexicon
    case model
}

/// What kind of text it is, for choosing the sentiment model: reviews and social posts are
/// written differently (a review argues over paragraphs; a post is a line, often ironic).
public enum TextKind: String, Sendable, CaseIterable {
    /// A review of a product, place or film.
    case review
    /// A post, comment or reply on a social network or a blog.
    case social
    /// Not known: decided by length (`TextAnalyzer.longTextThreshold`).
    case unknown

    /// The kind of a stored item's text: a review is one; an item with a title (a blog post)
    /// is decided by its length; anything else is a post.
    public init(itemKind: String, hasTitle: Bool) {
        self = itemKind == "review" ? .review : (hasTitle ? .unknown : .social)
    }
}
