import GRDB

/// How a stored analysis is read back: the columns every read selects and the one place that
/// turns them, with the item's corrections, into a `StoredAnalysis` (the workbench's pages and an
/// item's own analysis read it the same way).
enum StoredAnalysisColumns {
    /// The analysis (`ia`) and the item's current content hash (`i`): `count` columns, read by
    /// `analysis(from:at:…)` in this order.
    static let list = """
        ia.item_id, ia.content_hash, ia.language, ia.language_confidence, ia.sentiment_score, ia.sentiment_label,
        ia.sentiment_engine, ia.sentiment_explanation, ia.intents, ia.fingerprint, ia.duplicate_of, ia.repeated_paragraphs,
        ia.analyzer_version, i.content_hash
        """
    static let count = 14

    /// Intents as stored, in `item_analyses.intents` and in a correction: joined by commas.
    static func intents(_ text: String) -> [String] {
        text.isEmpty ? [] : text.split(separator: ",").map(String.init)
    }

    /// The analysis in the columns of `list` starting at `first`, or nil when the item has none
    /// (a left join found no row); the latest corrections, if any, override what it says.
    static func analysis(
        from row: Row, at first: Int, watchTermIDs: [Int64], sentimentCorrection: String?, intentsCorrection: String?
    ) -> StoredAnalysis? {
        guard let itemID = row[first] as Int64? else { return nil }
        let intents = intents(row[first + 8])
        let record = ItemAnalysisRecord(
            itemID: itemID, contentHash: row[first + 1], language: row[first + 2], languageConfidence: row[first + 3],
            sentimentScore: row[first + 4], sentimentLabel: row[first + 5], sentimentEngine: row[first + 6],
            sentimentExplanationJSON: row[first + 7], intents: intents, fingerprint: row[first + 9],
            duplicateOf: row[first + 10], watchTermIDs: watchTermIDs, repeatedParagraphs: row[first + 11])
        return StoredAnalysis(
            record: record, effectiveSentimentLabel: sentimentCorrection ?? record.sentimentLabel,
            effectiveIntents: intentsCorrection.map(Self.intents) ?? intents,
            sentimentCorrected: sentimentCorrection != nil, intentsCorrected: intentsCorrection != nil,
            analyzerVersion: row[first + 12], textChangedSince: (row[first + 13] as Int64?) != record.contentHash)
    }
}
