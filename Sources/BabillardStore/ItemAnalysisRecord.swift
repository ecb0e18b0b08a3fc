import BabillardCore

/// The text of an item to analyse, as the analysis pass reads it.
public struct AnalysisInput: Sendable {
    public var itemID: Int64
    /// The item's kind (`post`, `review`…), which chooses the sentiment model.
    public var kind: String
    public var title: String?
    public var body: String
    /// The language the platform declared, if any (a fallback when identification is unsure).
    public var declaredLanguage: String?
    public var contentHash: Int64

    /// Title and body, as one text.
    public var text: String {
        guard let title, !title.isEmpty else { return body }
        return body.isEmpty ? title : title + "\n" + body
    }
}

/// What the analysis found in one item, in plain values (the store knows no analysis types).
public struct ItemAnalysisRecord: Sendable, Hashable {
    public var itemID: Int64
    public var contentHash: Int64
    public var language: String
    public var languageConfidence: Double
    public var sentimentScore: Double
    public var sentimentLabel: String
    public var sentimentEngine: String
    /// The explanation as JSON (an array of {"text", "effect", "reason"}).
    public var sentimentExplanationJSON: String
    public var intents: [String]
    public var fingerprint: Int64
    /// The earlier item this one nearly repeats.
    public var duplicateOf: Int64?
    public var watchTermIDs: [Int64]
    /// How many of its paragraphs repeat an earlier one of the same item.
    public var repeatedParagraphs: Int

    public init(
        itemID: Int64, contentHash: Int64, language: String, languageConfidence: Double, sentimentScore: Double,
        sentimentLabel: String, sentimentEngine: String, sentimentExplanationJSON: String, intents: [String],
        fingerprint: Int64, duplicateOf: Int64?, watchTermIDs: [Int64], repeatedParagraphs: Int = 0
    ) {
        self.repeatedParagraphs = repeatedParagraphs
        self.itemID = itemID
        self.contentHash = contentHash
        self.language = language
        self.languageConfidence = languageConfidence
        self.sentimentScore = sentimentScore
        self.sentimentLabel = sentimentLabel
        self.sentimentEngine = sentimentEngine
        self.sentimentExplanationJSON = sentimentExplanationJSON
        self.intents = intents
        self.fingerprint = fingerprint
        self.duplicateOf = duplicateOf
        self.watchTermIDs = watchTermIDs
    }
}

/// An item's analysis as stored, with people's corrections applied.
public struct StoredAnalysis: Sendable, Hashable {
    public var record: ItemAnalysisRecord
    /// The label to show: the latest correction, else the analysis.
    public var effectiveSentimentLabel: String
    public var effectiveIntents: [String]
    public var sentimentCorrected: Bool
    public var intentsCorrected: Bool
    /// The version of the analyzer that made it (`TextAnalyzer.version`), when it was read.
    public var analyzerVersion: String? = nil
    /// Whether the item's text changed after it was analysed (an edit imported without analysis):
    /// the analysis is of the old text until `analyze --pending` runs.
    public var textChangedSince = false
}

/// A person's correction of an item's sentiment or intents.
public struct Correction: Sendable, Hashable {
    public enum Field: String, Sendable, CaseIterable {
        case sentiment
        case intents
    }

    public var id: Int64
    public var itemID: Int64
    public var field: Field
    /// A sentiment label, or intents joined by commas ("" for none).
    public var value: String
    public var correctedBy: String
    public var correctedAt: Timestamp
    /// The item's text, for evaluation and retraining.
    public var text: String
    /// The item's kind ("review", "post"…) and whether it has a title, so that an evaluation
    /// reads it as the analysis did.
    public var itemKind: String
    public var hasTitle: Bool
    /// The language the item's platform declared ("fr"), if any.
    public var declaredLanguage: String?
}

/// A named query for a brand, product or competitor.
public struct WatchTermRecord: Sendable, Hashable {
    public enum Kind: String, Sendable, CaseIterable {
        case brand, product, competitor, topic
    }

    public var id: Int64
    public var name: String
    public var kind: Kind
    public var query: String
    public var createdAt: Timestamp
    /// Items matching it.
    public var matches: Int
}

/// Counts of the analysis stored in a workspace.
public struct AnalysisSummary: Sendable, Hashable {
    /// Items analysed, with or without text.
    public var analyzed: Int
    /// Sentiment labels and languages count only items with text (a boost or a bare check-in
    /// says nothing).
    public var pending: Int
    public var byLabel: [String: Int]
    public var byIntent: [String: Int]
    public var byLanguage: [String: Int]
    public var nearDuplicates: Int
    public var corrections: Int
}
