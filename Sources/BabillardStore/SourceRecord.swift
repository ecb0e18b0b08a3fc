import BabillardCore

/// What kind of thing a source polls.
public enum SourceKind: String, Sendable, Codable, CaseIterable, Hashable {
    /// An RSS, Atom or JSON Feed URL (a blog, or a blog's comment feed).
    case feed
    /// A Mastodon account's public statuses.
    case mastodonAccount = "mastodon-account"
    /// A Mastodon hashtag's public timeline.
    case mastodonHashtag = "mastodon-hashtag"
    /// A Bluesky account's public author feed.
    case blueskyAuthor = "bluesky-author"
    /// A Bluesky post search.
    case blueskySearch = "bluesky-search"
}

/// A source to poll and what is known of its health.
public struct SourceRecord: Hashable, Sendable {
    public var id: Int64
    public var workspaceID: Int64
    public var kind: SourceKind
    /// What the user typed: a URL, `@user@instance`, `#tag`, a query.
    public var locator: String
    /// The URL the fetcher polls first.
    public var endpoint: String
    public var label: String
    public var createdAt: Timestamp
    /// Conditional GET validators from the last 200 response.
    public var etag: String?
    public var lastModified: String?
    /// Where to continue next time (a Mastodon `Link: rel="prev"` URL, for example).
    public var cursor: String?
    public var health: SourceHealth

    public init(
        id: Int64, workspaceID: Int64, kind: SourceKind, locator: String, endpoint: String, label: String,
        createdAt: Timestamp, etag: String? = nil, lastModified: String? = nil, cursor: String? = nil,
        health: SourceHealth = SourceHealth()
    ) {
        self.id = id
        self.workspaceID = workspaceID
        self.kind = kind
        self.locator = locator
        self.endpoint = endpoint
        self.label = label
        self.createdAt = createdAt
        self.etag = etag
        self.lastModified = lastModified
        self.cursor = cursor
        self.health = health
    }
}

/// How polling a source has gone.
public struct SourceHealth: Hashable, Sendable {
    public var lastAttemptAt: Timestamp?
    public var lastSuccessAt: Timestamp?
    public var lastError: String?
    public var lastErrorAt: Timestamp?
    public var consecutiveFailures: Int
    /// Not before this time (a `Retry-After`, or backoff after failures).
    public var nextFetchAt: Timestamp?
    /// Items read at the last successful fetch (0 for a 304 Not Modified).
    public var itemsLastFetch: Int?

    public init(
        lastAttemptAt: Timestamp? = nil, lastSuccessAt: Timestamp? = nil, lastError: String? = nil,
        lastErrorAt: Timestamp? = nil, consecutiveFailures: Int = 0, nextFetchAt: Timestamp? = nil, itemsLastFetch: Int? = nil
    ) {
        self.lastAttemptAt = lastAttemptAt
        self.lastSuccessAt = lastSuccessAt
        self.lastError = lastError
        self.lastErrorAt = lastErrorAt
        self.consecutiveFailures = consecutiveFailures
        self.nextFetchAt = nextFetchAt
        self.itemsLastFetch = itemsLastFetch
    }
}

/// The outcome of one poll, as the fetcher reports it to the store.
public struct SourceFetchOutcome: Hashable, Sendable {
    public var attemptedAt: Timestamp
    /// nil on success.
    public var error: String?
    public var etag: String?
    public var lastModified: String?
    public var cursor: String?
    public var nextFetchAt: Timestamp?
    public var itemsRead: Int?

    public init(
        attemptedAt: Timestamp, error: String? = nil, etag: String? = nil, lastModified: String? = nil,
        cursor: String? = nil, nextFetchAt: Timestamp? = nil, itemsRead: Int? = nil
    ) {
        self.attemptedAt = attemptedAt
        self.error = error
        self.etag = etag
        self.lastModified = lastModified
        self.cursor = cursor
        self.nextFetchAt = nextFetchAt
        self.itemsRead = itemsRead
    }
}
