import BabillardCore
import BabillardStore
import BabillardText
import Foundation

/// Analyses a workspace's items: those not analysed yet (after an import or a fetch), or all of
/// them (`everything`, after a model changed). Reads items in pages by id, analyses a page on
/// every core, and stores each page in one transaction, so an interrupted run resumes where it
/// stopped. Near-duplicates are grouped in id order with the fingerprints already stored, and
/// items are matched against the workspace's watch terms.
public struct AnalysisPipeline: Sendable {
    public let store: any Store
    public let workspace: Workspace
    public let analyzer: TextAnalyzer
    public var pageSize = 4_000

    public struct Report: Sendable {
        public var analyzed = 0
        public var nearDuplicates = 0
        /// Items of which a paragraph repeats an earlier one of the same item.
        public var repeatingAParagraph = 0
        /// Items that entered the inbox (they deserve an answer; see `InboxTriage`).
        public var inboxAdded = 0
        public var seconds = 0.0
    }

    public init(store: any Store, workspace: Workspace, analyzer: TextAnalyzer) {
        self.store = store
        self.workspace = workspace
        self.analyzer = analyzer
    }

    /// - Parameter progress: called after each page with (analysed so far, total to analyse).
    public func run(everything: Bool = false, progress: @Sendable (Int, Int) -> Void = { _, _ in }) async throws -> Report {
        let started = Date()
        let version = TextAnalyzer.version
        let total = try await store.pendingAnalysisCount(in: workspace, analyzerVersion: version, everything: everything)
        var report = Report()
        guard total > 0 else {
            // Nothing to analyse, but a database from before the inbox and the roll-ups needs them.
            report.inboxAdded = try await store.refreshInbox(in: workspace, now: Timestamp(epochSeconds: Date().timeIntervalSince1970))
            if try await store.rollupsMissing(in: workspace) {
                try await store.refreshDailyRollups(in: workspace, days: nil)
            } else {
                // Days left stale by an interrupted run or by deletions since.
                try await store.refreshDirtyRollups(in: workspace)
            }
            return report
        }

        let terms = try await store.watchTermDefinitions(in: workspace)
        let matcher = try Self.matcher(for: terms)

        // Seed near-duplicate grouping with what is already analysed (all of it is redone otherwise).
        var grouper = NearDuplicateGrouper()
        if !everything {
            for (itemID, fingerprint) in try await store.analyzedFingerprints(in: workspace, analyzerVersion: version) where fingerprint != 0 {
                _ = grouper.add(id: itemID, fingerprint: UInt64(bitPattern: fingerprint))
            }
        }

        var lastID: Int64 = 0
        // A page is stored while the next one is read and analysed: the store's transaction and
        // the analysis overlap instead of taking turns.
        var storing: Task<Void, any Error>?
        do {
            while true {
                let page = try await store.analysisInputs(
                    in: workspace, analyzerVersion: version, everything: everything, afterID: lastID, limit: pageSize)
                guard let last = page.last else { break }
                lastID = last.itemID
                var records = analyze(page, matcher: matcher)
                for index in records.indices {
                    // A text with nothing to fingerprint (a boost, a check-in without words) repeats nothing.
                    guard records[index].fingerprint != 0 else { continue }
                    let duplicateOf = grouper.add(id: records[index].itemID, fingerprint: UInt64(bitPattern: records[index].fingerprint))
                    records[index].duplicateOf = duplicateOf == records[index].itemID ? nil : duplicateOf
                    if records[index].duplicateOf != nil { report.nearDuplicates += 1 }
                }
                report.repeatingAParagraph += records.count { $0.repeatedParagraphs > 0 }
                try await storing?.value
                let (store, workspace, finished) = (self.store, self.workspace, records)
                storing = Task {
                    try await store.saveAnalyses(finished, in: workspace, analyzerVersion: version, at: Timestamp(epochSeconds: Date().timeIntervalSince1970))
                }
                report.analyzed += records.count
                progress(report.analyzed, total)
            }
            try await storing?.value
        } catch {
            // Pages already handed to the store are stored (or not) whole; wait for the last one.
            _ = try? await storing?.value
            throw error
        }
        report.inboxAdded = try await store.refreshInbox(in: workspace, now: Timestamp(epochSeconds: Date().timeIntervalSince1970))
        // The overview's daily sums, for the days whose items were analysed (saveAnalyses marks them,
        // so an interrupted run leaves them for the next one), or every day after --all or when the
        // database predates roll-ups.
        var rebuildAll = everything
        if !rebuildAll { rebuildAll = try await store.rollupsMissing(in: workspace) }
        if rebuildAll {
            try await store.refreshDailyRollups(in: workspace, days: nil)
        } else {
            try await store.refreshDirtyRollups(in: workspace)
        }
        report.seconds = Date().timeIntervalSince(started)
        return report
    }

    /// Matches every item against the watch terms again (after they changed), without
    /// re-analysing: much faster than `run(everything:)`.
    public func rematchWatchTerms(progress: @Sendable (Int, Int) -> Void = { _, _ in }) async throws -> Int {
        let terms = try await store.watchTermDefinitions(in: workspace)
        let matcher = try Self.matcher(for: terms)
        let total = try await store.pendingAnalysisCount(in: workspace, analyzerVersion: TextAnalyzer.version, everything: true)
        var done = 0
        var lastID: Int64 = 0
        while true {
            let page = try await store.analysisInputs(
                in: workspace, analyzerVersion: TextAnalyzer.version, everything: true, afterID: lastID, limit: pageSize)
            guard let last = page.last else { break }
            lastID = last.itemID
            let matches = page.map { (itemID: $0.itemID, termIDs: matcher?.matches(in: $0.text) ?? []) }
            try await store.saveWatchMatches(matches, in: workspace)
            done += page.count
            progress(done, total)
        }
        // Share of voice is summed per day: every day may have changed.
        try await store.refreshDailyRollups(in: workspace, days: nil)
        return done
    }

    static func matcher(for terms: [WatchTermRecord]) throws -> WatchTermMatcher? {
        guard !terms.isEmpty else { return nil }
        var queries: [(id: Int64, query: WatchQuery)] = []
        for term in terms {
            do {
                queries.append((term.id, try WatchQuery(parsing: term.query)))
            } catch {
                throw StoreError(.invalidQuery, "The watch term '\(term.name)' has an invalid query (\(term.query)): \(error)")
            }
        }
        return WatchTermMatcher(queries)
    }

    /// Analyses a page on every core, in chunks of 64 items (`ConcurrentChunks`; a core may also
    /// be storing the previous page).
    private func analyze(_ page: [AnalysisInput], matcher: WatchTermMatcher?) -> [ItemAnalysisRecord] {
        let analyzer = self.analyzer
        let results = UnsafeMutableBufferPointer<ItemAnalysisRecord?>.allocate(capacity: page.count)
        results.initialize(repeating: nil)
        defer {
            results.deinitialize()
            results.deallocate()
        }
        nonisolated(unsafe) let output = results
        ConcurrentChunks.forEach(count: page.count, size: 64) { _, range in
            for index in range {
                let input = page[index]
                let text = input.text
                // Reviews and posts are scored by different models; a blog post (with a title) by its length.
                let kind = TextKind(itemKind: input.kind, hasTitle: input.title?.isEmpty == false)
                let analysis = analyzer.analyze(text, kind: kind, declaredLanguage: input.declaredLanguage.flatMap(Language.init(code:)))
                output[index] = ItemAnalysisRecord(
                    itemID: input.itemID, contentHash: input.contentHash, language: analysis.language.code,
                    languageConfidence: analysis.languageConfidence, sentimentScore: analysis.sentiment.score,
                    sentimentLabel: analysis.sentiment.label.rawValue, sentimentEngine: analysis.sentiment.engine.rawValue,
                    sentimentExplanationJSON: ExplanationJSON.encode(analysis.sentiment.explanation),
                    intents: analysis.intents.map(\.intent.rawValue), fingerprint: Int64(bitPattern: analysis.fingerprint),
                    duplicateOf: nil, watchTermIDs: matcher?.matches(in: text) ?? [], repeatedParagraphs: analysis.repeatedParagraphs)
            }
        }
        return results.compactMap { $0 }
    }
}

/// The explanation of a score as compact JSON: `[{"text", "effect", "reason"}]`, as stored with
/// each analysis and printed by `babillard analyze`.
public enum ExplanationJSON {
    /// - Parameter decimals: how many decimals of `effect` to keep.
    public static func encode(_ contributions: [SentimentContribution], decimals: Int = 3) -> String {
        var json = JSONBytes(capacity: 64 + contributions.count * 80)
        write(contributions, decimals: decimals, into: &json)
        return json.text
    }

    /// The same array, written into bytes (`babillard analyze` writes a whole line at once).
    public static func write(_ contributions: [SentimentContribution], decimals: Int = 3, into json: inout JSONBytes) {
        let scale = (0..<decimals).reduce(1.0) { value, _ in value * 10 }
        json.raw("[")
        for (index, contribution) in contributions.enumerated() {
            json.raw(index == 0 ? "{\"text\":" : ",{\"text\":")
            json.string(contribution.text)
            json.raw(",\"effect\":")
            json.number((contribution.effect * scale).rounded() / scale)
            json.raw(",\"reason\":")
            json.string(contribution.reason)
            json.raw("}")
        }
        json.raw("]")
    }
}
