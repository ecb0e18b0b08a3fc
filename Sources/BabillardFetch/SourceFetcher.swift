import BabillardCore
import BabillardIngest
import BabillardPipeline
import BabillardStore
import Foundation

/// How patiently a fetcher retries.
public struct RetryPolicy: Sendable, Hashable {
    /// Attempts per poll for transport errors and 5xx answers.
    public var attempts: Int
    /// First wait between attempts, doubled each time.
    public var initialBackoff: Duration
    /// A `Retry-After` longer than this is not waited for now: the source is postponed instead.
    public var longestInlineWait: Duration
    /// Longest postponement after repeated failures.
    public var longestPostponement: Duration

    public init(attempts: Int = 3, initialBackoff: Duration = .seconds(1), longestInlineWait: Duration = .seconds(30), longestPostponement: Duration = .seconds(6 * 3600)) {
        self.attempts = max(1, attempts)
        self.initialBackoff = initialBackoff
        self.longestInlineWait = longestInlineWait
        self.longestPostponement = longestPostponement
    }
}

/// What one poll of one source did.
public struct SourceFetchReport: Sendable {
    public var source: SourceRecord
    /// nil when nothing was imported (304 Not Modified, an error, or postponed).
    public var imports: [ImportReport]
    public var notModified: Bool
    public var skippedUntil: Timestamp?
    public var error: String?
}

/// Polls sources and imports what they return.
///
/// Feeds use conditional GET (`If-None-Match`, `If-Modified-Since`); Mastodon timelines
/// continue from the `Link: rel="prev"` URL of the last page, which asks only for newer
/// statuses; Bluesky feeds are read from their first page (items already stored are counted
/// as duplicates). 429 and 503 answers are retried after their `Retry-After` when it is
/// short, and the source is postponed when it is long; other 5xx answers and transport errors
/// are retried with exponential backoff, then recorded in the source's health.
public struct SourceFetcher: Sendable {
    public var store: any Store
    public var workspace: Workspace
    public var http: any HTTPFetching
    public var retry: RetryPolicy
    /// Statuses per page of a Mastodon account (40 is the API's maximum); nil leaves the server's default.
    public var mastodonPageSize: Int? = 40
    public var now: @Sendable () -> Timestamp
    public var sleep: @Sendable (Duration) async throws -> Void

    public init(
        store: any Store, workspace: Workspace, http: any HTTPFetching = LiveHTTPFetcher(), retry: RetryPolicy = RetryPolicy(),
        now: @escaping @Sendable () -> Timestamp = { Timestamp(epochSeconds: Date().timeIntervalSince1970) },
        sleep: @escaping @Sendable (Duration) async throws -> Void = { try await Task.sleep(for: $0) }
    ) {
        self.store = store
        self.workspace = workspace
        self.http = http
        self.retry = retry
        self.now = now
        self.sleep = sleep
    }

    /// Polls every source of the workspace that is due (or all of them with `force`).
    public func fetchAll(force: Bool = false, progress: (@Sendable (SourceFetchReport) -> Void)? = nil) async throws -> [SourceFetchReport] {
        var reports: [SourceFetchReport] = []
        for source in try await store.sources(in: workspace) {
            let report = try await fetch(source, force: force)
            progress?(report)
            reports.append(report)
        }
        return reports
    }

    /// Polls one source and records how it went.
    public func fetch(_ source: SourceRecord, force: Bool = false) async throws -> SourceFetchReport {
        let started = now()
        if !force, let next = source.health.nextFetchAt, next > started {
            return SourceFetchReport(source: source, imports: [], notModified: false, skippedUntil: next, error: nil)
        }
        do {
            let result = try await poll(source)
            let updated = try await store.recordFetch(
                SourceFetchOutcome(
                    attemptedAt: started, etag: result.etag, lastModified: result.lastModified, cursor: result.cursor,
                    itemsRead: result.imports.reduce(0) { $0 + $1.counts.read }
                ),
                forSource: source.id, in: workspace
            )
            return SourceFetchReport(source: updated, imports: result.imports, notModified: result.notModified, skippedUntil: nil, error: nil)
        } catch let failure as FetchFailure {
            let failures = source.health.consecutiveFailures + 1
            let backoff = failure.retryAfter ?? postponement(afterFailures: failures)
            let next = Timestamp(epochMilliseconds: started.epochMilliseconds + Int64(backoff.components.seconds * 1000))
            let updated = try await store.recordFetch(
                SourceFetchOutcome(attemptedAt: started, error: failure.message, nextFetchAt: next), forSource: source.id, in: workspace
            )
            return SourceFetchReport(source: updated, imports: [], notModified: false, skippedUntil: next, error: failure.message)
        }
    }

    /// 1, 2, 4… minutes after consecutive failures, up to the policy's longest postponement.
    func postponement(afterFailures failures: Int) -> Duration {
        let minutes = 1 << min(max(failures - 1, 0), 20)
        return min(.seconds(60 * minutes), retry.longestPostponement)
    }

    struct FetchFailure: Error {
        var message: String
        var retryAfter: Duration?
    }

    struct PollResult {
        var imports: [ImportReport] = []
        var notModified = false
        var etag: String?
        var lastModified: String?
        var cursor: String?
    }

    private func poll(_ source: SourceRecord) async throws -> PollResult {
        var result = PollResult()
        switch source.kind {
        case .feed:
            var headers: [String: String] = [:]
            if let etag = source.etag { headers["If-None-Match"] = etag }
            if let lastModified = source.lastModified { headers["If-Modified-Since"] = lastModified }
            let response = try await get(source.endpoint, headers: headers)
            if response.status == 304 {
                result.notModified = true
                return result
            }
            result.etag = response.headers["etag"]
            result.lastModified = response.headers["last-modified"]
            result.imports.append(try await importBody(response, format: nil, source: source))
        case .mastodonAccount:
            var url = source.cursor
            if url == nil {
                let lookup = try await get(source.endpoint, headers: [:])
                guard let id = (try? JSONParser.parse(lookup.body))?["id"]?.idString else {
                    throw FetchFailure(message: "\(source.endpoint) did not return a Mastodon account (no id in the answer).")
                }
                let base = source.endpoint.components(separatedBy: "/api/v1/")[0]
                url = "\(base)/api/v1/accounts/\(id)/statuses" + (mastodonPageSize.map { "?limit=\($0)" } ?? "")
            }
            try await pollMastodonTimeline(url!, source: source, into: &result)
        case .mastodonHashtag:
            try await pollMastodonTimeline(source.cursor ?? source.endpoint, source: source, into: &result)
        case .blueskyAuthor, .blueskySearch:
            let response = try await get(source.endpoint, headers: [:])
            result.imports.append(try await importBody(response, format: .bluesky, source: source))
        }
        return result
    }

    /// Reads one page; the `rel="prev"` link (newer statuses) becomes the next poll's URL.
    /// An empty page has no Link header: the cursor stays where it was.
    private func pollMastodonTimeline(_ url: String, source: SourceRecord, into result: inout PollResult) async throws {
        let response = try await get(url, headers: [:])
        result.imports.append(try await importBody(response, format: .mastodon, source: source))
        let links = HTTPLinkHeader.relations(response.headers["link"] ?? "")
        result.cursor = links["prev"] ?? (source.cursor == nil ? url : nil)
    }

    private func importBody(_ response: FetchedResponse, format: InputFormat?, source: SourceRecord) async throws -> ImportReport {
        let input = ReaderInput(data: response.body, name: response.url, contentType: response.headers["content-type"], baseURL: response.url)
        do {
            let chosen = try format ?? FormatDetector.detect(input)
            let reader = try ReaderCatalog.reader(for: chosen)
            return try await ImportPipeline(store: store, workspace: workspace, now: now).run(reader, on: input)
        } catch let error as ReadError {
            throw FetchFailure(message: error.message)
        }
    }

    /// A GET with the retry policy applied; returns 2xx and 304 answers, throws `FetchFailure` otherwise.
    private func get(_ url: String, headers: [String: String]) async throws -> FetchedResponse {
        var backoff = retry.initialBackoff
        var lastProblem = ""
        for attempt in 1...retry.attempts {
            let response: FetchedResponse
            do {
                response = try await http.get(url, headers: headers)
            } catch let error as TransportError {
                lastProblem = error.reason
                if attempt < retry.attempts {
                    try await sleep(backoff)
                    backoff *= 2
                }
                continue
            }
            switch response.status {
            case 200..<300, 304:
                return response
            case 429, 503:
                let wait = RetryAfter.parse(response.headers["retry-after"], now: now()) ?? backoff
                if wait > retry.longestInlineWait || attempt == retry.attempts {
                    throw FetchFailure(
                        message: "\(url) asked to wait (HTTP \(response.status)); trying again after \(RetryAfter.describe(wait)).",
                        retryAfter: wait
                    )
                }
                try await sleep(wait)
                backoff *= 2
                lastProblem = "HTTP \(response.status)"
            case 500..<600:
                lastProblem = "the server failed (HTTP \(response.status))"
                if attempt < retry.attempts {
                    try await sleep(backoff)
                    backoff *= 2
                }
            case 401, 403:
                throw FetchFailure(message: "\(url) refused access (HTTP \(response.status)): this source needs an account or is private.")
            case 404, 410:
                throw FetchFailure(message: "\(url) does not exist (HTTP \(response.status)); check the address or remove the source.")
            default:
                throw FetchFailure(message: "\(url) answered HTTP \(response.status).")
            }
        }
        throw FetchFailure(message: "\(url): \(lastProblem) after \(retry.attempts) attempts.")
    }
}

/// `Retry-After` is either seconds or an HTTP date (RFC 9110 §10.2.3).
enum RetryAfter {
    static func parse(_ value: String?, now: Timestamp) -> Duration? {
        guard let value = value?.trimmingCharacters(in: .whitespaces), !value.isEmpty else { return nil }
        if let seconds = Int(value) { return .seconds(max(0, seconds)) }
        guard let date = HTTPDate.parse(value) else { return nil }
        let milliseconds = max(0, date.epochMilliseconds - now.epochMilliseconds)
        return .milliseconds(milliseconds)
    }

    static func describe(_ duration: Duration) -> String {
        let seconds = duration.components.seconds
        if seconds < 120 { return "\(seconds) s" }
        if seconds < 7200 { return "\(seconds / 60) min" }
        return "\(seconds / 3600) h"
    }
}

/// IMF-fixdate, the only HTTP date form servers send today: `Sun, 06 Nov 1994 08:49:37 GMT`.
enum HTTPDate {
    static let months = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"]

    static func parse(_ text: String) -> Timestamp? {
        let parts = text.split(separator: " ")
        guard parts.count == 6, let day = Int(parts[1]), let month = months.firstIndex(of: parts[2].lowercased()),
              let year = Int(parts[3]), parts[5] == "GMT"
        else { return nil }
        let clock = parts[4].split(separator: ":").compactMap { Int($0) }
        guard clock.count == 3 else { return nil }
        return Timestamp(year: year, month: month + 1, day: day, hour: clock[0], minute: clock[1], second: clock[2])
    }
}
