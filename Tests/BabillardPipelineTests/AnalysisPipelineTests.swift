import BabillardCore
import BabillardPipeline
import BabillardStore
import BabillardTestSupport
import BabillardText
import Foundation
import Testing

@Suite("Analysis pipeline")
struct AnalysisPipelineTests {
    let directory = TemporaryDirectory("analysis-pipeline")

    private func item(_ id: Int, _ text: String, language: String? = nil) -> IngestRecord {
        .item(RawItem(
            platform: .mastodon, externalID: "https://m.example/s/\(id)", kind: .post,
            author: ActorIdentity(platform: .mastodon, externalID: "https://m.example/u/\(id % 7)"),
            createdAt: Timestamp(epochMilliseconds: 1_790_000_000_000 + Int64(id) * 60_000), text: text, language: language))
    }

    @Test("Analyses pending items page by page, groups near-duplicates across pages, then has nothing left")
    func pagesAndDuplicates() async throws {
        let store = try SQLiteStore(path: directory.path("p.sqlite"))
        let workspace = try await store.workspace(named: "w")
        let campaign = "Gagnez un panier de viennoiseries chez Boulangerie Mélisse : partagez ce message et abonnez-vous avant dimanche soir !"
        let others = [
            "Le pain au levain était encore tiède ce matin, la croûte craque comme il faut.",
            "Livraison arrivée avec deux heures de retard et les croissants écrasés dans la boîte.",
            "Quelqu'un sait si la boutique ouvre le lundi de Pâques ?",
            "J'ai testé la tarte au citron meringuée : trop sucrée à mon goût mais belle présentation.",
            "Great sourdough and friendly staff, we will come back next weekend with the kids.",
            "La file d'attente déborde sur le trottoir tous les samedis, prévoyez un café.",
            "Merci pour l'atelier pain du dimanche, mon fils a adoré pétrir la pâte.",
            "Prices went up again, a baguette now costs more than at the supermarket.",
        ]
        var records: [IngestRecord] = []
        var nextOther = others.makeIterator()
        for id in 1...14 {
            // Items 5, 7, 9, 11, 13 and 14 repeat the campaign text, each tagging a friend.
            if [5, 7, 9, 11, 13, 14].contains(id) {
                records.append(item(id, campaign + " @ami\(id)"))
            } else {
                records.append(item(id, nextOther.next()!))
            }
        }
        _ = try await store.write(records, into: workspace, at: Timestamp(epochMilliseconds: 1_790_000_000_000))
        let analyzer = try TextAnalyzer()
        var pipeline = AnalysisPipeline(store: store, workspace: workspace, analyzer: analyzer)
        pipeline.pageSize = 4
        let report = try await pipeline.run()
        #expect(report.analyzed == 14)
        #expect(report.nearDuplicates == 5, "the six campaign copies: the first stands, five repeat it")
        let summary = try await store.analysisSummary(of: workspace, analyzerVersion: TextAnalyzer.version)
        #expect(summary.analyzed == 14 && summary.pending == 0)
        #expect(summary.byLanguage == ["fr": 12, "en": 2])
        #expect(summary.nearDuplicates == 5)
        let again = try await pipeline.run()
        #expect(again.analyzed == 0)

        // A new item repeating the campaign is grouped with the stored ones.
        _ = try await store.write([item(31, "@ami31 " + campaign.uppercased())], into: workspace, at: Timestamp(epochMilliseconds: 1_790_000_100_000))
        let more = try await pipeline.run()
        #expect(more.analyzed == 1 && more.nearDuplicates == 1)
        let stored = try #require(try await store.item(platform: .mastodon, externalID: "https://m.example/s/31", in: workspace))
        let analysis = try #require(try await store.analysis(ofItem: stored.id, in: workspace))
        let first = try #require(try await store.item(platform: .mastodon, externalID: "https://m.example/s/5", in: workspace))
        #expect(analysis.record.duplicateOf == first.id)
        #expect(more.repeatingAParagraph == 0)

        // An item that repeats one of its own paragraphs: counted, and stored with its analysis.
        let paragraph = "Nous cuisons le pain chaque matin avec une farine bio du moulin voisin, sans additif."
        let repeating = [paragraph, "Venez goûter la nouvelle brioche aux pralines roses ce week-end.", paragraph.uppercased()].joined(separator: "\n")
        _ = try await store.write([item(40, repeating)], into: workspace, at: Timestamp(epochMilliseconds: 1_790_000_200_000))
        let last = try await pipeline.run()
        #expect(last.analyzed == 1 && last.repeatingAParagraph == 1)
        let repeated = try #require(try await store.item(platform: .mastodon, externalID: "https://m.example/s/40", in: workspace))
        #expect(try await store.analysis(ofItem: repeated.id, in: workspace)?.record.repeatedParagraphs == 1)
        #expect(analysis.record.repeatedParagraphs == 0)
    }

    @Test("The overview's daily sums heal after an interrupted analysis and follow deletions")
    func rollupsHeal() async throws {
        let store = try SQLiteStore(path: directory.path("heal.sqlite"))
        let workspace = try await store.workspace(named: "w")
        let start: Int64 = 1_790_000_000_000
        let day = start / 86_400_000
        func total() async throws -> Int {
            let overview = try await store.overview(
                of: workspace, from: day * 86_400_000, until: (day + 1) * 86_400_000, now: Timestamp(epochMilliseconds: start))
            return overview.days.reduce(0) { $0 + $1.total }
        }
        _ = try await store.write((1...20).map { item($0, "Message numéro \($0) sur la boulangerie") }, into: workspace, at: Timestamp(epochMilliseconds: start))
        let pipeline = AnalysisPipeline(store: store, workspace: workspace, analyzer: try TextAnalyzer())
        _ = try await pipeline.run()
        #expect(try await total() == 20)

        // Five more items are analysed and stored, and the run stops before rebuilding the roll-ups.
        _ = try await store.write((21...25).map { item($0, "Encore un message, le numéro \($0)") }, into: workspace, at: Timestamp(epochMilliseconds: start))
        let inputs = try await store.analysisInputs(in: workspace, analyzerVersion: TextAnalyzer.version, everything: false, afterID: 0, limit: 100)
        #expect(inputs.count == 5)
        try await store.saveAnalyses(inputs.map { input in
            ItemAnalysisRecord(
                itemID: input.itemID, contentHash: input.contentHash, language: "fr", languageConfidence: 1, sentimentScore: 0,
                sentimentLabel: "neutral", sentimentEngine: "lexicon", sentimentExplanationJSON: "[]", intents: [], fingerprint: 0,
                duplicateOf: nil, watchTermIDs: [])
        }, in: workspace, analyzerVersion: TextAnalyzer.version, at: Timestamp(epochMilliseconds: start))
        #expect(try await total() == 20, "stale until a rebuild")
        // The next run has nothing to analyse and rebuilds the day the interrupted one left.
        #expect(try await pipeline.run().analyzed == 0)
        #expect(try await total() == 25)

        // A deletion takes the item out of its day's sums at the next run.
        _ = try await store.write([.deletion(Deletion(platform: .mastodon, externalID: "https://m.example/s/3"))], into: workspace, at: Timestamp(epochMilliseconds: start))
        _ = try await pipeline.run()
        #expect(try await total() == 24)
        #expect(try await store.refreshDirtyRollups(in: workspace) == 0, "nothing left to rebuild")
    }

    @Test("The platform's declared language stands in when the text is too short to tell")
    func declaredLanguageFallback() async throws {
        let store = try SQLiteStore(path: directory.path("l.sqlite"))
        let workspace = try await store.workspace(named: "w")
        _ = try await store.write([item(1, "Top 👍", language: "fr")], into: workspace, at: Timestamp(epochMilliseconds: 1_790_000_000_000))
        _ = try await AnalysisPipeline(store: store, workspace: workspace, analyzer: try TextAnalyzer()).run()
        let stored = try #require(try await store.item(platform: .mastodon, externalID: "https://m.example/s/1", in: workspace))
        #expect(try await store.analysis(ofItem: stored.id, in: workspace)?.record.language == "fr")
    }
}
