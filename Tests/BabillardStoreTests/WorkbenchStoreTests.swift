import BabillardCore
@testable import BabillardStore
import BabillardTestSupport
import Foundation
import Testing

@Suite("SQLite store: the workbench's reads, the inbox and the daily roll-ups")
struct WorkbenchStoreTests {
    let directory = TemporaryDirectory("workbench-store")
    static let day: Int64 = 86_400_000

    /// `count` items over `days` days ending today, on two platforms, by a few authors, with
    /// analyses whose labels and intents follow the item's number (so the expected sums are known).
    private func filled(_ name: String, count: Int = 600, days: Int64 = 40) async throws -> (SQLiteStore, Workspace, now: Timestamp) {
        let store = try SQLiteStore(path: directory.path("\(name).sqlite"))
        let workspace = try await store.workspace(named: "w")
        let now = Timestamp(epochMilliseconds: (Int64(Date().timeIntervalSince1970 * 1000) / Self.day) * Self.day + Self.day / 2)
        var records: [IngestRecord] = []
        for index in 0..<count {
            let author = ActorIdentity(platform: index % 3 == 0 ? .bluesky : .mastodon, externalID: "a\(index % 7)", displayName: "Author \(index % 7)", followers: (index % 7) * 1000)
            records.append(.item(RawItem(
                platform: author.platform, externalID: "i\(index)", kind: .post, author: author,
                createdAt: Timestamp(epochMilliseconds: now.epochMilliseconds - Int64(index) * days * Self.day / Int64(count)),
                text: "message \(index) croissant", channel: index % 2 == 0 ? "chan-a" : nil)))
        }
        _ = try await store.write(records, into: workspace, at: now)
        let term = try await store.addWatchTerm(name: "croissant", kind: .brand, query: "croissant", in: workspace, at: now)
        let inputs = try await store.analysisInputs(in: workspace, analyzerVersion: "v", everything: true, afterID: 0, limit: 10_000)
        let labels = ["positive", "neutral", "negative"]
        let analyses = inputs.enumerated().map { offset, input in
            ItemAnalysisRecord(
                itemID: input.itemID, contentHash: input.contentHash, language: "fr", languageConfidence: 1,
                sentimentScore: offset % 3 == 2 ? -0.8 : 0.3, sentimentLabel: labels[offset % 3], sentimentEngine: "lexicon",
                sentimentExplanationJSON: "[]", intents: offset % 5 == 0 ? ["question"] : [], fingerprint: Int64(offset + 1), duplicateOf: nil,
                watchTermIDs: offset % 4 == 0 ? [term.id] : [])
        }
        try await store.saveAnalyses(analyses, in: workspace, analyzerVersion: "v", at: now)
        try await store.refreshDailyRollups(in: workspace, days: nil)
        return (store, workspace, now)
    }

    @Test("the overview summed from roll-ups equals the same sums over the items")
    func rollupsMatchItems() async throws {
        let (store, workspace, now) = try await filled("rollups")
        let today = now.epochMilliseconds / Self.day
        let from = (today - 29) * Self.day, until = (today + 1) * Self.day
        let overview = try await store.overview(of: workspace, from: from, until: until, now: now)
        // Brute force over every item.
        var total = 0, positive = 0, negative = 0, matches = 0
        var byAuthor: [String: Int] = [:]
        var page = MentionQuery()
        page.limit = 500
        page.from = from
        page.until = until
        var offset = 0
        while true {
            page.offset = offset
            let result = try await store.mentions(page, in: workspace)
            for mention in result.mentions {
                total += 1
                if mention.analysis?.effectiveSentimentLabel == "positive" { positive += 1 }
                if mention.analysis?.effectiveSentimentLabel == "negative" { negative += 1 }
                if !(mention.analysis?.record.watchTermIDs.isEmpty ?? true) { matches += 1 }
                byAuthor[mention.stored.item.author!.platform.rawValue + "/" + mention.stored.item.author!.externalID, default: 0] += 1
            }
            offset += result.mentions.count
            if !result.hasMore { break }
        }
        #expect(total > 300)
        #expect(overview.days.reduce(0) { $0 + $1.total } == total)
        #expect(overview.days.reduce(0) { $0 + $1.positive } == positive)
        #expect(overview.days.reduce(0) { $0 + $1.negative } == negative)
        #expect(overview.watchTerms.first?.items == matches)
        #expect(overview.topSources.reduce(0) { $0 + $1.items } == total)
        #expect(overview.mostActiveAuthors.first?.items == byAuthor.values.max())
        #expect(overview.mostInfluentialAuthors.first?.identity.followers == 6000)

        // A correction counts once its day is refreshed, and only for that day.
        let item = try #require(try await store.mentions(page, in: workspace).mentions.first { $0.analysis?.effectiveSentimentLabel == "positive" })
        try await store.correct(itemID: item.stored.id, field: .sentiment, value: "negative", by: "test", in: workspace, at: now)
        try await store.refreshDailyRollups(in: workspace, days: try await store.days(ofItems: [item.stored.id], in: workspace))
        let corrected = try await store.overview(of: workspace, from: from, until: until, now: now)
        #expect(corrected.days.reduce(0) { $0 + $1.positive } == positive - 1)
        #expect(corrected.days.reduce(0) { $0 + $1.negative } == negative + 1)
        #expect(corrected.days.reduce(0) { $0 + $1.total } == total)
    }

    @Test("the overview's author rankings follow a roll-up rebuild, even one made through another connection")
    func authorRankingsFollowRebuilds() async throws {
        let (store, workspace, now) = try await filled("rankings", count: 200)
        let today = now.epochMilliseconds / Self.day
        let from = (today - 29) * Self.day, until = (today + 1) * Self.day
        let before = try await store.overview(of: workspace, from: from, until: until, now: now)
        #expect(before.mostActiveAuthors.first?.identity.externalID != "newcomer")
        // A loud, well-followed newcomer arrives; another process (here, another store on the same file) rebuilds the day.
        let newcomer = ActorIdentity(platform: .mastodon, externalID: "newcomer", displayName: "Newcomer", followers: 1_000_000)
        let records: [IngestRecord] = (0..<300).map { index in
            .item(RawItem(platform: .mastodon, externalID: "n\(index)", kind: .post, author: newcomer,
                          createdAt: Timestamp(epochMilliseconds: now.epochMilliseconds - Int64(index) * 1_000), text: "encore \(index)"))
        }
        let other = try SQLiteStore(path: store.path)
        _ = try await other.write(records, into: workspace, at: now)
        #expect(try await store.overview(of: workspace, from: from, until: until, now: now).mostActiveAuthors == before.mostActiveAuthors)
        try await other.refreshDailyRollups(in: workspace, days: [today])
        let after = try await store.overview(of: workspace, from: from, until: until, now: now)
        #expect(after.mostActiveAuthors.first?.identity.externalID == "newcomer")
        #expect(after.mostActiveAuthors.first?.items == 300)
        #expect(after.mostInfluentialAuthors.first?.identity.externalID == "newcomer")
    }

    @Test("a search with thousands of matches lists them newest first through the time index, like the same list without search")
    func searchNewestFirstWithManyMatches() async throws {
        let (store, workspace, _) = try await filled("search", count: SQLiteStore.timeWalkThreshold + 300, days: 20)
        #expect(try await store.fullTextMatchesMore(than: SQLiteStore.timeWalkThreshold, match: "\"croissant\""))
        #expect(try await !store.fullTextMatchesMore(than: SQLiteStore.timeWalkThreshold, match: "\"message\" AND \"7\""))
        var searched = MentionQuery()
        searched.text = "croissant"
        searched.limit = 40
        searched.offset = 1_000
        var everything = MentionQuery()
        everything.limit = 40
        everything.offset = 1_000
        let found = try await store.mentions(searched, in: workspace)
        let listed = try await store.mentions(everything, in: workspace)
        #expect(found.mentions.count == 40 && found.hasMore)
        #expect(found.mentions.map(\.stored.id) == listed.mentions.map(\.stored.id))
        let dates = found.mentions.map { $0.stored.item.createdAt!.epochMilliseconds }
        #expect(dates == dates.sorted(by: >))
        // With a filter and a word found a few times, the other path gives the same order as a filter without search.
        searched.text = "message 7"
        searched.offset = 0
        searched.platform = .mastodon
        let few = try await store.mentions(searched, in: workspace).mentions
        #expect(!few.isEmpty && few.allSatisfy { $0.stored.item.platform == .mastodon && $0.stored.item.text.contains("message 7") })
        let fewDates = few.map { $0.stored.item.createdAt!.epochMilliseconds }
        #expect(fewDates == fewDates.sorted(by: >))
    }

    @Test("the inbox takes recent items that deserve an answer, leaves the brand's own posts out and ranks by priority")
    func inbox() async throws {
        let (store, workspace, now) = try await filled("inbox", count: 300, days: 60)
        try await store.addOwnAccount(platform: .bluesky, externalID: "a0", in: workspace)
        let added = try await store.refreshInbox(in: workspace, now: now)
        let (entries, _) = try await store.inbox(in: workspace, states: [], assigneeID: nil, limit: 500, offset: 0)
        #expect(entries.count == added && added > 0)
        for entry in entries {
            let created = entry.mention.stored.item.createdAt!.epochMilliseconds
            #expect(created >= now.epochMilliseconds - InboxTriage.windowMilliseconds, "older than 30 days")
            #expect(!(entry.mention.stored.item.author?.platform == .bluesky && entry.mention.stored.item.author?.externalID == "a0"), "an own post")
        }
        #expect(entries.map(\.orderKey) == entries.map(\.orderKey).sorted(by: >))
        #expect(Set(entries.map(\.reason)).isSubset(of: [.question, .negative]))
        // Running it again adds nothing.
        #expect(try await store.refreshInbox(in: workspace, now: now) == 0)
        let backlog = try await store.inboxBacklog(of: workspace, now: now)
        #expect(backlog.open == entries.count && backlog.byState[.new] == entries.count)

        // The per-state counts (kept by triggers) follow every move, and match the entries listed per state.
        try #require(entries.count >= 4)
        try await store.updateInboxEntry(itemID: entries[0].mention.stored.id, state: .waiting, assigneeID: nil, by: nil, in: workspace, at: now)
        try await store.updateInboxEntry(itemID: entries[1].mention.stored.id, state: .done, assigneeID: nil, by: nil, in: workspace, at: now)
        try await store.updateInboxEntry(itemID: entries[2].mention.stored.id, state: .ignored, assigneeID: nil, by: nil, in: workspace, at: now)
        try await store.updateInboxEntry(itemID: entries[3].mention.stored.id, state: .done, assigneeID: nil, by: nil, in: workspace, at: now)
        let outside = try #require(try await store.mentions(MentionQuery(), in: workspace).mentions.first { mention in
            !entries.contains { $0.mention.stored.id == mention.stored.id }
        })
        #expect(try await store.addToInbox(itemID: outside.stored.id, in: workspace, at: now))
        let moved = try await store.inboxBacklog(of: workspace, now: now)
        for state in InboxState.allCases {
            let listed = try await store.inbox(in: workspace, states: [state], assigneeID: nil, limit: 500, offset: 0).entries.count
            #expect((moved.byState[state] ?? 0) == listed, "\(state)")
        }
        #expect(moved.byState[.new] == entries.count - 3 && moved.byState[.done] == 2 && moved.byState[.ignored] == 1 && moved.byState[.waiting] == 1)
    }

    @Test("a thread comes back whole, depth-first, siblings in time order, from any of its items")
    func thread() async throws {
        let store = try SQLiteStore(path: directory.path("thread.sqlite"))
        let workspace = try await store.workspace(named: "w")
        func item(_ id: String, parent: String?, hour: Double, root: String? = "p") -> IngestRecord {
            .item(RawItem(platform: .reddit, externalID: id, kind: parent == nil ? .post : .comment, parentExternalID: parent, rootExternalID: parent == nil ? nil : root,
                          author: ActorIdentity(platform: .reddit, externalID: "u-\(id)", handle: "u/\(id)"), createdAt: Timestamp(epochSeconds: 1_750_000_000 + hour * 3600), text: id))
        }
        _ = try await store.write([
            item("p", parent: nil, hour: 0), item("b", parent: "p", hour: 2), item("a", parent: "p", hour: 1), item("a1", parent: "a", hour: 3),
            item("a1x", parent: "a1", hour: 4), item("orphan", parent: "missing", hour: 5), item("other", parent: nil, hour: 1, root: nil),
        ], into: workspace, at: Timestamp(epochSeconds: 1_750_100_000))
        let deep = try #require(try await store.item(platform: .reddit, externalID: "a1x", in: workspace))
        let thread = try await store.thread(ofItem: deep.id, in: workspace, limit: 100)
        #expect(thread.map(\.mention.stored.item.externalID) == ["p", "a", "a1", "a1x", "b", "orphan"])
        #expect(thread.map(\.depth) == [0, 1, 2, 3, 1, 1])
        #expect(thread[3].inReplyTo?.handle == "u/a1")
        let other = try await store.workspace(named: "other")
        #expect(try await store.thread(ofItem: deep.id, in: other, limit: 100).isEmpty)
    }
}
