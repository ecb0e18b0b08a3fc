import BabillardCore
import BabillardStore
import BabillardTestSupport
import Foundation
import Testing

@Suite("SQLite store: analysis, corrections, watch terms")
struct AnalysisStoreTests {
    let directory = TemporaryDirectory("analysis-store")

    private func record(_ input: AnalysisInput, label: String, intents: [String], terms: [Int64] = []) -> ItemAnalysisRecord {
        ItemAnalysisRecord(
            itemID: input.itemID, contentHash: input.contentHash, language: "fr", languageConfidence: 0.99, sentimentScore: label == "positive" ? 0.6 : -0.4,
            sentimentLabel: label, sentimentEngine: "lexicon", sentimentExplanationJSON: "[]", intents: intents,
            fingerprint: Int64(input.itemID) * 7, duplicateOf: nil, watchTermIDs: terms)
    }

    @Test("Pending items, stored analyses, and nothing pending after")
    func pendingThenStored() async throws {
        let store = try SQLiteStore(path: directory.path("a.sqlite"))
        let workspace = try await store.workspace(named: "w")
        _ = try await store.write(StoreFixtures.all, into: workspace, at: StoreFixtures.date(5))
        #expect(try await store.pendingAnalysisCount(in: workspace, analyzerVersion: "v1", everything: false) == 4)
        let inputs = try await store.analysisInputs(in: workspace, analyzerVersion: "v1", everything: false, afterID: 0, limit: 10)
        #expect(inputs.count == 4)
        #expect(inputs[0].text.hasPrefix("Les médias sociaux, une perte de temps ?\nMythe"))
        try await store.saveAnalyses(inputs.map { record($0, label: "positive", intents: ["praise"]) }, in: workspace, analyzerVersion: "v1", at: StoreFixtures.date(6))
        #expect(try await store.pendingAnalysisCount(in: workspace, analyzerVersion: "v1", everything: false) == 0)
        // A new analyzer version makes every item pending again.
        #expect(try await store.pendingAnalysisCount(in: workspace, analyzerVersion: "v2", everything: false) == 4)
        let summary = try await store.analysisSummary(of: workspace, analyzerVersion: "v1")
        #expect(summary.analyzed == 4)
        #expect(summary.byIntent["praise"] == 4)
        #expect(try await store.analyzedFingerprints(in: workspace, analyzerVersion: "v1").map(\.fingerprint) == inputs.map { $0.itemID * 7 })
    }

    @Test("An edited item is pending again")
    func editedItemIsPending() async throws {
        let store = try SQLiteStore(path: directory.path("b.sqlite"))
        let workspace = try await store.workspace(named: "w")
        _ = try await store.write(StoreFixtures.all, into: workspace, at: StoreFixtures.date(5))
        let inputs = try await store.analysisInputs(in: workspace, analyzerVersion: "v1", everything: false, afterID: 0, limit: 10)
        try await store.saveAnalyses(inputs.map { record($0, label: "neutral", intents: []) }, in: workspace, analyzerVersion: "v1", at: StoreFixtures.date(6))
        var edited = StoreFixtures.comment
        edited.text = "Très juste, mais la livraison n'arrive jamais."
        _ = try await store.write([.item(edited)], into: workspace, at: StoreFixtures.date(7))
        let pending = try await store.analysisInputs(in: workspace, analyzerVersion: "v1", everything: false, afterID: 0, limit: 10)
        #expect(pending.map(\.body) == [edited.text])
    }

    @Test("A correction overrides the analysis, is kept with who and when, and survives re-analysis")
    func corrections() async throws {
        let store = try SQLiteStore(path: directory.path("c.sqlite"))
        let workspace = try await store.workspace(named: "w")
        _ = try await store.write(StoreFixtures.all, into: workspace, at: StoreFixtures.date(5))
        let inputs = try await store.analysisInputs(in: workspace, analyzerVersion: "v1", everything: true, afterID: 0, limit: 10)
        try await store.saveAnalyses(inputs.map { record($0, label: "positive", intents: ["praise"]) }, in: workspace, analyzerVersion: "v1", at: StoreFixtures.date(6))
        let item = inputs[1].itemID
        try await store.correct(itemID: item, field: .sentiment, value: "negative", by: "lea", in: workspace, at: StoreFixtures.date(8))
        try await store.correct(itemID: item, field: .intents, value: "complaint,question", by: "lea", in: workspace, at: StoreFixtures.date(8))
        // Re-analysis writes the model's view again; the corrections still win.
        try await store.saveAnalyses([record(inputs[1], label: "positive", intents: ["praise"])], in: workspace, analyzerVersion: "v2", at: StoreFixtures.date(9))
        let analysis = try #require(try await store.analysis(ofItem: item, in: workspace))
        #expect(analysis.record.sentimentLabel == "positive")
        #expect(analysis.effectiveSentimentLabel == "negative")
        #expect(analysis.sentimentCorrected && analysis.intentsCorrected)
        #expect(analysis.effectiveIntents == ["complaint", "question"])
        let summary = try await store.analysisSummary(of: workspace, analyzerVersion: "v2")
        #expect(summary.byLabel["negative"] == 1)
        #expect(summary.byIntent["complaint"] == 1 && summary.byIntent["praise"] == 3)
        let corrections = try await store.corrections(in: workspace)
        #expect(corrections.count == 2)
        #expect(corrections.allSatisfy { $0.correctedBy == "lea" && $0.correctedAt == StoreFixtures.date(8) })
        #expect(corrections[0].text == StoreFixtures.comment.text)
        // Another workspace sees none of it.
        let other = try await store.workspace(named: "other")
        #expect(try await store.analysis(ofItem: item, in: other) == nil)
        await #expect(throws: StoreError.self) {
            try await store.correct(itemID: item, field: .sentiment, value: "neutral", by: "x", in: other, at: StoreFixtures.date(9))
        }
    }

    /// The store skips deleting intents and matches for items that have none (it asks once per
    /// page, by a range of ids); a second analysis must still replace what the first stored, on
    /// a page of close ids and on one whose ids are too far apart for that range.
    @Test("A second analysis replaces intents and watch-term matches, on dense and sparse pages")
    func reanalysisReplacesIntentsAndMatches() async throws {
        let store = try SQLiteStore(path: directory.path("f.sqlite"))
        let workspace = try await store.workspace(named: "w")
        let posts = (1...120).map { n in
            IngestRecord.item(RawItem(
                platform: .mastodon, externalID: "https://m.example/statuses/\(n)", kind: .post,
                author: StoreFixtures.bob, createdAt: StoreFixtures.date(n % 20 + 1), text: "Billet \(n)"))
        }
        _ = try await store.write(posts, into: workspace, at: StoreFixtures.date(25))
        let inputs = try await store.analysisInputs(in: workspace, analyzerVersion: "v1", everything: true, afterID: 0, limit: 200)
        #expect(inputs.count == 120)
        let pain = try await store.addWatchTerm(name: "pain", kind: .product, query: "pain", in: workspace, at: StoreFixtures.date(25))
        let cafe = try await store.addWatchTerm(name: "café", kind: .product, query: "café", in: workspace, at: StoreFixtures.date(25))
        // First analysis: every item praised, and matching "pain"; one page of 120 close ids.
        try await store.saveAnalyses(inputs.map { record($0, label: "positive", intents: ["praise", "question"], terms: [pain.id]) }, in: workspace, analyzerVersion: "v1", at: StoreFixtures.date(26))
        #expect(try await store.analysisSummary(of: workspace, analyzerVersion: "v1").byIntent == ["praise": 120, "question": 120])
        // Dense page: the first 60 items now complain and match "café".
        try await store.saveAnalyses(inputs[0..<60].map { record($0, label: "negative", intents: ["complaint"], terms: [cafe.id]) }, in: workspace, analyzerVersion: "v2", at: StoreFixtures.date(27))
        // Sparse page: the second and last items (ids 118 apart for 2 items) lose everything.
        try await store.saveAnalyses([inputs[1], inputs[119]].map { record($0, label: "neutral", intents: [], terms: []) }, in: workspace, analyzerVersion: "v3", at: StoreFixtures.date(28))
        #expect(try await store.analysisSummary(of: workspace, analyzerVersion: "v3").byIntent == ["complaint": 59, "praise": 59, "question": 59])
        #expect(try await store.watchTerms(in: workspace).map(\.matches).sorted() == [59, 59])
        for (index, expected) in [(0, [cafe.id]), (1, [Int64]()), (2, [cafe.id]), (59, [cafe.id]), (60, [pain.id]), (118, [pain.id]), (119, [])] {
            let analysis = try #require(try await store.analysis(ofItem: inputs[index].itemID, in: workspace))
            #expect(analysis.record.watchTermIDs == expected, "item \(index)")
        }
        // Watch terms matched again alone (after they change) follow the same rule.
        try await store.saveWatchMatches(inputs[100..<110].map { (itemID: $0.itemID, termIDs: [cafe.id]) }, in: workspace)
        for index in [99, 100, 105, 109, 110] {
            let expected = (100..<110).contains(index) ? [cafe.id] : [pain.id]
            #expect(try await store.analysis(ofItem: inputs[index].itemID, in: workspace)?.record.watchTermIDs == expected, "item \(index)")
        }
        // One call that names twice an item that had no intents or matches (item 1, emptied above):
        // the last record stands, as one by one.
        try await store.saveAnalyses(
            [record(inputs[1], label: "positive", intents: ["praise"], terms: [pain.id]), record(inputs[1], label: "negative", intents: ["question"], terms: [cafe.id])],
            in: workspace, analyzerVersion: "v4", at: StoreFixtures.date(29))
        let twice = try #require(try await store.analysis(ofItem: inputs[1].itemID, in: workspace))
        #expect(twice.record.watchTermIDs == [cafe.id])
        #expect(twice.effectiveIntents == ["question"])
        #expect(try await store.analysisSummary(of: workspace, analyzerVersion: "v4").byIntent["praise"] == 59)
    }

    @Test("Watch terms are stored per workspace, replaced by name, and count their matches")
    func watchTerms() async throws {
        let store = try SQLiteStore(path: directory.path("d.sqlite"))
        let workspace = try await store.workspace(named: "w")
        _ = try await store.write(StoreFixtures.all, into: workspace, at: StoreFixtures.date(5))
        let brand = try await store.addWatchTerm(name: "Lumière", kind: .brand, query: "lumière", in: workspace, at: StoreFixtures.date(5))
        let again = try await store.addWatchTerm(name: "Lumière", kind: .brand, query: "\"boulangerie lumière\"", in: workspace, at: StoreFixtures.date(6))
        #expect(again.id == brand.id && again.query == "\"boulangerie lumière\"")
        let inputs = try await store.analysisInputs(in: workspace, analyzerVersion: "v1", everything: true, afterID: 0, limit: 10)
        try await store.saveWatchMatches(inputs.map { (itemID: $0.itemID, termIDs: $0.body.contains("Lumière") ? [brand.id] : []) }, in: workspace)
        #expect(try await store.watchTerms(in: workspace).map(\.matches) == [1])
        #expect(try await store.watchTerms(in: try await store.workspace(named: "other")).isEmpty)
        #expect(try await store.removeWatchTerm(named: "Lumière", in: workspace))
        #expect(try await store.watchTerms(in: workspace).isEmpty)
    }

    @Test("Another workspace can neither overwrite an item's analysis nor its watch-term matches")
    func workspaceIsolation() async throws {
        let store = try SQLiteStore(path: directory.path("e.sqlite"))
        let mine = try await store.workspace(named: "mine")
        let other = try await store.workspace(named: "other")
        _ = try await store.write(StoreFixtures.all, into: mine, at: StoreFixtures.date(5))
        let inputs = try await store.analysisInputs(in: mine, analyzerVersion: "v1", everything: true, afterID: 0, limit: 10)
        let term = try await store.addWatchTerm(name: "pain", kind: .product, query: "pain", in: mine, at: StoreFixtures.date(5))
        try await store.saveAnalyses(inputs.map { record($0, label: "positive", intents: ["praise"], terms: [term.id]) }, in: mine, analyzerVersion: "v1", at: StoreFixtures.date(6))
        #expect(try await store.analysisInputs(in: other, analyzerVersion: "v1", everything: true, afterID: 0, limit: 10).isEmpty)
        await #expect(throws: StoreError.self) {
            try await store.saveAnalyses([self.record(inputs[0], label: "negative", intents: [])], in: other, analyzerVersion: "v1", at: StoreFixtures.date(7))
        }
        await #expect(throws: StoreError.self) {
            try await store.saveWatchMatches([(itemID: inputs[0].itemID, termIDs: [])], in: other)
        }
        // A term of another workspace is never recorded as a match.
        let foreign = try await store.addWatchTerm(name: "x", kind: .brand, query: "x", in: other, at: StoreFixtures.date(7))
        try await store.saveWatchMatches([(itemID: inputs[0].itemID, termIDs: [term.id, foreign.id])], in: mine)
        let analysis = try #require(try await store.analysis(ofItem: inputs[0].itemID, in: mine))
        #expect(analysis.record.sentimentLabel == "positive")
        #expect(analysis.record.watchTermIDs == [term.id])
        #expect(analysis.effectiveIntents == ["praise"])
        #expect(try await store.watchTerms(in: other).map(\.matches) == [0])
        #expect(try await store.watchTerms(in: mine).map(\.matches) == [4])
    }
}
