import BabillardCore
import BabillardFetch
import BabillardPipeline
import BabillardStore
import BabillardTestSupport
import Foundation
import Testing

/// Fetchers against a server on 127.0.0.1 replaying real recorded responses: Mastodon 4.x
/// exchanges recorded by Mastodon.py's test suite, and a real Atom feed from feedparser's tests.
@Suite("Source fetcher", .enabled(if: SharedData.isAvailable, Comment(rawValue: SharedData.skipMessage)))
struct SourceFetcherTests {
    let directory = TemporaryDirectory("fetch")

    func cassette(_ name: String) throws -> [RecordedExchange] {
        try Cassette.load(try #require(SharedData.url("mastodon/mastodon-py-cassettes/\(name).yaml")))
    }

    /// No waiting in tests: retries happen at once, and waits are recorded.
    static let noWait = RetryPolicy(attempts: 3, initialBackoff: .milliseconds(1), longestInlineWait: .seconds(5))

    func fetcher(_ store: SQLiteStore, _ workspace: Workspace, waits: WaitLog = WaitLog(), now: Timestamp? = nil) -> SourceFetcher {
        var fetcher = SourceFetcher(store: store, workspace: workspace, retry: Self.noWait, sleep: { waits.append($0) })
        if let now { fetcher.now = { now } }
        return fetcher
    }

    @Test func pollsAFeedThenAsksOnlyForChangesWithConditionalGET() async throws {
        let server = try await ReplayServer()
        defer { Task { try? await server.shutdown() } }
        let feed = try Data(contentsOf: try #require(SharedData.url("feeds/feedparser-tests/wellformed/sanitize/large_atom_feed_that_needs_css_sanitisation.xml")))
        server.route("/atom.xml", [ReplayResponse(
            headers: ["content-type": "application/atom+xml", "etag": "\"v1\"", "last-modified": "Wed, 08 Apr 2009 14:25:12 GMT"], body: feed
        )])
        let store = try SQLiteStore(path: directory.path("f.sqlite"))
        let workspace = try await store.workspace(named: "w")
        let spec = try SourceLocator.parse("\(server.baseURL)/atom.xml")
        #expect(spec.kind == .feed)
        let source = try await store.addSource(kind: spec.kind, locator: spec.locator, endpoint: spec.endpoint, label: spec.label, in: workspace, at: Timestamp(epochMilliseconds: 0))

        let first = try await fetcher(store, workspace).fetch(source)
        #expect(first.error == nil)
        #expect(first.imports.first?.counts.imported == 15, "the feed holds 15 entries")
        #expect(first.source.etag == "\"v1\"")
        #expect(first.source.health.lastSuccessAt != nil)
        #expect(first.source.health.itemsLastFetch == 15)

        let second = try await fetcher(store, workspace).fetch(first.source)
        #expect(second.notModified)
        #expect(second.imports.isEmpty)
        let conditional = try #require(server.received.last)
        #expect(conditional.headers["if-none-match"] == "\"v1\"")
        #expect(conditional.headers["if-modified-since"] == "Wed, 08 Apr 2009 14:25:12 GMT")
        #expect(try await store.statistics(of: workspace).items == 15)
    }

    @Test func followsAMastodonAccountAndContinuesFromItsNewestStatus() async throws {
        let server = try await ReplayServer()
        defer { Task { try? await server.shutdown() } }
        server.route(try cassette("test_account_lookup"))
        server.route(try cassette("test_fetch_next_previous"))
        let store = try SQLiteStore(path: directory.path("m.sqlite"))
        let workspace = try await store.workspace(named: "w")
        let spec = try SourceLocator.parse("@mastodonpy_test@localhost.test", endpoints: FetchEndpoints(mastodonBaseOverride: server.baseURL))
        #expect(spec.kind == .mastodonAccount)
        let source = try await store.addSource(kind: spec.kind, locator: spec.locator, endpoint: spec.endpoint, label: spec.label, in: workspace, at: Timestamp(epochMilliseconds: 0))
        var fetcher = fetcher(store, workspace)
        fetcher.mastodonPageSize = 5

        let first = try await fetcher.fetch(source)
        #expect(first.error == nil)
        #expect(first.imports.first?.counts.imported ?? 0 >= 5, "a page of five statuses, and what they reshare")
        let prev = "\(server.baseURL)/api/v1/accounts/117020565966271181/statuses?limit=5&min_id=117020580518794573"
        #expect(first.source.cursor == prev, "the next poll asks for statuses newer than the newest one")
        #expect(server.received.map(\.uri) == [
            "/api/v1/accounts/lookup?acct=mastodonpy_test",
            "/api/v1/accounts/117020565966271181/statuses?limit=5",
        ])

        // Nothing new since: Mastodon answers an empty page without a Link header.
        server.route("/api/v1/accounts/117020565966271181/statuses?limit=5&min_id=117020580518794573", [
            ReplayResponse(headers: ["content-type": "application/json"], body: Data("[]".utf8)),
        ])
        let second = try await fetcher.fetch(first.source)
        #expect(second.error == nil)
        #expect(second.imports.first?.counts.read == 0)
        #expect(second.source.cursor == prev, "an empty page keeps the cursor")
    }

    @Test func readsAMastodonHashtagTimeline() async throws {
        let server = try await ReplayServer()
        defer { Task { try? await server.shutdown() } }
        server.route(try cassette("test_hashtag_tl"))
        let store = try SQLiteStore(path: directory.path("h.sqlite"))
        let workspace = try await store.workspace(named: "w")
        let spec = try SourceLocator.parse("#hoot@localhost.test", endpoints: FetchEndpoints(mastodonBaseOverride: server.baseURL, mastodonPageSize: nil))
        #expect(spec.endpoint == "\(server.baseURL)/api/v1/timelines/tag/hoot")
        let source = try await store.addSource(kind: spec.kind, locator: spec.locator, endpoint: spec.endpoint, label: spec.label, in: workspace, at: Timestamp(epochMilliseconds: 0))
        let report = try await fetcher(store, workspace).fetch(source)
        #expect(report.error == nil)
        let found = try await store.search(SearchQuery(text: "hoot"), in: workspace)
        #expect(found.contains { $0.item.text.contains("hashtag toot") })
    }

    @Test func waitsForAShortRetryAfterAndPostponesALongOne() async throws {
        let server = try await ReplayServer()
        defer { Task { try? await server.shutdown() } }
        let feed = try Data(contentsOf: try #require(SharedData.url("feeds/feedparser-tests/wellformed/sanitize/large_atom_feed_that_needs_css_sanitisation.xml")))
        server.route("/short.xml", [
            ReplayResponse(status: 429, headers: ["retry-after": "2"]),
            ReplayResponse(headers: ["content-type": "application/atom+xml"], body: feed),
        ])
        server.route("/long.xml", [ReplayResponse(status: 503, headers: ["retry-after": "3600"])])
        let store = try SQLiteStore(path: directory.path("r.sqlite"))
        let workspace = try await store.workspace(named: "w")
        let now = Timestamp(epochMilliseconds: 1_800_000_000_000)
        let waits = WaitLog()
        let fetcher = fetcher(store, workspace, waits: waits, now: now)

        let short = try await store.addSource(kind: .feed, locator: "short", endpoint: "\(server.baseURL)/short.xml", label: "short", in: workspace, at: now)
        let shortReport = try await fetcher.fetch(short)
        #expect(shortReport.error == nil)
        #expect(waits.values == [.seconds(2)])

        let long = try await store.addSource(kind: .feed, locator: "long", endpoint: "\(server.baseURL)/long.xml", label: "long", in: workspace, at: now)
        let longReport = try await fetcher.fetch(long)
        #expect(longReport.error?.contains("asked to wait (HTTP 503)") == true)
        #expect(longReport.source.health.nextFetchAt == Timestamp(epochMilliseconds: now.epochMilliseconds + 3_600_000))
        #expect(longReport.source.health.consecutiveFailures == 1)
        #expect(waits.values == [.seconds(2)], "an hour is not waited for inline")

        // Until then, polling everything skips it without asking the server.
        let asked = server.received.count
        let all = try await fetcher.fetchAll()
        #expect(all.first { $0.source.id == long.id }?.skippedUntil != nil)
        #expect(server.received.count == asked + 1, "only the feed that is due was asked again")
    }

    @Test func retriesServerErrorsWithBackoffThenRecordsTheFailure() async throws {
        let server = try await ReplayServer()
        defer { Task { try? await server.shutdown() } }
        server.route("/broken.xml", [ReplayResponse(status: 502)])
        server.route("/gone.xml", [ReplayResponse(status: 404)])
        let store = try SQLiteStore(path: directory.path("e.sqlite"))
        let workspace = try await store.workspace(named: "w")
        let waits = WaitLog()
        let fetcher = fetcher(store, workspace, waits: waits)
        let broken = try await store.addSource(kind: .feed, locator: "b", endpoint: "\(server.baseURL)/broken.xml", label: "b", in: workspace, at: Timestamp(epochMilliseconds: 0))

        let report = try await fetcher.fetch(broken)
        #expect(report.error?.contains("HTTP 502") == true)
        #expect(report.error?.contains("after 3 attempts") == true)
        #expect(waits.values == [.milliseconds(1), .milliseconds(2)], "exponential backoff between attempts")
        #expect(server.received.count == 3)
        let again = try await fetcher.fetch(report.source, force: true)
        #expect(again.source.health.consecutiveFailures == 2)
        #expect(again.source.health.lastSuccessAt == nil)

        let gone = try await store.addSource(kind: .feed, locator: "g", endpoint: "\(server.baseURL)/gone.xml", label: "g", in: workspace, at: Timestamp(epochMilliseconds: 0))
        let goneReport = try await fetcher.fetch(gone)
        #expect(goneReport.error?.contains("does not exist (HTTP 404)") == true)
    }

    @Test func saysWhenNobodyAnswers() async throws {
        let server = try await ReplayServer()
        let deadURL = "\(server.baseURL)/feed.xml"
        try await server.shutdown()
        let store = try SQLiteStore(path: directory.path("d.sqlite"))
        let workspace = try await store.workspace(named: "w")
        let source = try await store.addSource(kind: .feed, locator: "d", endpoint: deadURL, label: "d", in: workspace, at: Timestamp(epochMilliseconds: 0))
        let report = try await fetcher(store, workspace).fetch(source)
        #expect(report.error?.contains("refused") == true, "\(report.error ?? "no error")")
        #expect(report.source.health.lastError == report.error)
    }
}

@Suite("Source locator")
struct SourceLocatorTests {
    @Test func understandsWhatPeopleType() throws {
        #expect(try SourceLocator.parse("https://blog.example/feed/").kind == .feed)
        let account = try SourceLocator.parse("@Alice@Mastodon.Social")
        #expect(account.kind == .mastodonAccount)
        #expect(account.endpoint == "https://mastodon.social/api/v1/accounts/lookup?acct=Alice")
        let bluesky = try SourceLocator.parse("@boulangerie.bsky.social")
        #expect(bluesky.kind == .blueskyAuthor)
        #expect(bluesky.endpoint == "https://public.api.bsky.app/xrpc/app.bsky.feed.getAuthorFeed?actor=boulangerie.bsky.social&limit=50")
        let tag = try SourceLocator.parse("#croissant")
        #expect(tag.endpoint == "https://mastodon.social/api/v1/timelines/tag/croissant?limit=40")
        #expect(try SourceLocator.parse("#croissant@piaille.fr").endpoint == "https://piaille.fr/api/v1/timelines/tag/croissant?limit=40")
        let search = try SourceLocator.parse("boulangerie lumière")
        #expect(search.kind == .blueskySearch)
        #expect(search.endpoint.hasSuffix("searchPosts?q=boulangerie%20lumi%C3%A8re&limit=50"))
    }

    @Test(arguments: ["", "@", "@alice", "@a@b@c", "#", "#tag@not a host", "https://"])
    func explainsWhatItCannotFollow(text: String) {
        #expect(throws: SourceLocatorError.self) { try SourceLocator.parse(text) }
    }

    @Test func parsesMastodonLinkHeaders() {
        let header = "<https://m.example/api/v1/timelines/home?max_id=1>; rel=\"next\", <https://m.example/api/v1/timelines/home?min_id=9>; rel=\"prev\""
        #expect(HTTPLinkHeader.relations(header) == [
            "next": "https://m.example/api/v1/timelines/home?max_id=1",
            "prev": "https://m.example/api/v1/timelines/home?min_id=9",
        ])
        #expect(HTTPLinkHeader.relations("").isEmpty)
    }
}

final class WaitLog: @unchecked Sendable {
    private let lock = NSLock()
    private var storage: [Duration] = []
    func append(_ value: Duration) { lock.lock(); storage.append(value); lock.unlock() }
    var values: [Duration] { lock.lock(); defer { lock.unlock() }; return storage }
}
