import BabillardCore
import BabillardStore
import BabillardText

/// The JSON form of an item in `export` and `search --json`. Keys and their meaning are part
/// of the command-line interface: add keys, never rename them.
enum ItemJSON {
    /// `analysis`, when the item has been analysed, adds an `analysis` object; `watchTermNames`
    /// names the watch terms it matches (by id).
    static func encode(_ stored: StoredItem, analysis: StoredAnalysis? = nil, watchTermNames: [Int64: String] = [:]) -> String {
        let item = stored.item
        var object = JSONObjectWriter()
        object.add("kind", item.kind.rawValue)
        object.add("platform", item.platform.rawValue)
        object.add("external_id", item.externalID)
        object.add("parent_external_id", item.parentExternalID)
        object.add("root_external_id", item.rootExternalID)
        object.add("reshare_of_external_id", item.reshareOfExternalID)
        object.add("author", item.author.map { $0.handle ?? $0.displayName ?? $0.externalID })
        object.add("author_id", item.author?.externalID)
        object.add("author_name", item.author?.displayName)
        object.add("author_followers", item.author?.followers)
        object.add("created_at", item.createdAt?.iso8601Original)
        object.add("edited_at", item.editedAt?.iso8601UTC)
        object.add("title", item.title)
        object.add("text", item.text)
        object.add("url", item.url)
        object.add("language", item.language)
        object.add("rating", item.rating)
        object.add("rating_scale", item.ratingScale)
        if let place = item.place {
            var placeObject = JSONObjectWriter()
            placeObject.add("name", place.name)
            placeObject.add("id", place.externalID)
            placeObject.add("latitude", place.latitude)
            placeObject.add("longitude", place.longitude)
            placeObject.add("address", place.address)
            object.add("place", raw: placeObject.finish())
        }
        object.add("likes", item.engagement?.likes)
        object.add("reshares", item.engagement?.reshares)
        object.add("replies", item.engagement?.replies)
        object.add("quotes", item.engagement?.quotes)
        object.add("status", item.status.rawValue)
        object.add("tags", strings: item.tags)
        object.add("channel", item.channel)
        object.add("deleted_at", stored.deletedAt?.iso8601UTC)
        if let analysis { object.add("analysis", raw: encode(analysis, watchTermNames: watchTermNames)) }
        return object.finish()
    }

    static func watchTermNames(in workspace: Workspace, of database: SQLiteStore) async throws -> [Int64: String] {
        Dictionary(uniqueKeysWithValues: try await database.watchTermDefinitions(in: workspace).map { ($0.id, $0.name) })
    }

    /// `{"language", "language_confidence", "sentiment": {"label", "corrected", "score",
    /// "model_label", "engine"}, "intents", "intents_corrected", "watch_terms", "analyzer", "stale"}`. A person's
    /// correction wins: `label` and `intents` are what the item is taken for everywhere; `score`
    /// and `model_label` are what the engine said, so that a corrected label never sits beside a
    /// score that seems to contradict it without saying so.
    private static func encode(_ analysis: StoredAnalysis, watchTermNames: [Int64: String]) -> String {
        let record = analysis.record
        var sentiment = JSONObjectWriter()
        sentiment.add("label", analysis.effectiveSentimentLabel)
        sentiment.add("corrected", analysis.sentimentCorrected)
        sentiment.add("score", record.sentimentScore)
        sentiment.add("model_label", record.sentimentLabel)
        sentiment.add("engine", record.sentimentEngine)
        var object = JSONObjectWriter()
        object.add("language", record.language)
        object.add("language_confidence", record.languageConfidence)
        object.add("sentiment", raw: sentiment.finish())
        object.add("intents", strings: analysis.effectiveIntents)
        object.add("intents_corrected", analysis.intentsCorrected)
        object.add("watch_terms", strings: record.watchTermIDs.compactMap { watchTermNames[$0] })
        object.add("analyzer", analysis.analyzerVersion)
        // Of an older text, or by another version of the analyzer: `analyze --pending` redoes it.
        object.add("stale", analysis.textChangedSince || analysis.analyzerVersion != TextAnalyzer.version)
        return object.finish()
    }
}
