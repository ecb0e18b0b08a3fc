import BabillardCore

/// A filtered, sorted page of a workspace's items: what the Mentions page and the JSON API ask.
public struct MentionQuery: Sendable, Hashable {
    public enum Sort: String, Sendable, CaseIterable {
        /// Newest first is the default, with search text too; `relevance` orders matches by bm25.
        case newest, oldest, engagement, negative, positive, relevance
    }

    /// Full-text search (the syntax of `SearchQuery.text`); empty for everything.
    public var text: String = ""
    public var platform: Platform?
    public var channel: String?
    public var language: String?
    /// `positive`, `neutral` or `negative`, people's corrections applied.
    public var sentiment: String?
    public var intent: String?
    public var watchTermID: Int64?
    public var actorID: Int64?
    /// Created at or after, and before (UTC milliseconds).
    public var from: Int64?
    public var until: Int64?
    public var sort: Sort = .newest
    public var limit: Int = 25
    public var offset: Int = 0

    public init() {}
}

/// An item with what the analysis said of it (corrections applied) and its author's id.
public struct Mention: Sendable, Hashable {
    public var stored: StoredItem
    public var actorID: Int64?
    public var analysis: StoredAnalysis?
}

/// A page of mentions, with the number of items that match when it is cheap to know.
public struct MentionPage: Sendable, Hashable {
    public var mentions: [Mention]
    /// Whether another page follows.
    public var hasMore: Bool
}

/// Counts of one day (UTC), for the overview's charts.
public struct DailyVolume: Sendable, Hashable {
    /// Days since 1970-01-01 (UTC).
    public var day: Int64
    public var byPlatform: [Platform: Int]
    public var positive: Int
    public var neutral: Int
    public var negative: Int

    public var total: Int { byPlatform.values.reduce(0, +) }
}

/// Items per watch term over a period: the ground of share of voice.
public struct WatchTermVolume: Sendable, Hashable {
    public var term: WatchTermRecord
    public var items: Int
}

/// An author with how much they said over a period.
public struct AuthorActivity: Sendable, Hashable {
    public var actorID: Int64
    public var identity: ActorIdentity
    public var items: Int
}

/// A source of items (a platform and, where known, its channel: a blog, an account, a subreddit).
public struct SourceVolume: Sendable, Hashable {
    public var platform: Platform
    public var channel: String?
    public var items: Int
}

/// What the overview shows for a period.
public struct WorkspaceOverview: Sendable, Hashable {
    public var from: Int64
    public var until: Int64
    public var days: [DailyVolume]
    public var watchTerms: [WatchTermVolume]
    public var topSources: [SourceVolume]
    public var mostActiveAuthors: [AuthorActivity]
    public var mostInfluentialAuthors: [AuthorActivity]
    public var inbox: InboxBacklog
}

/// The open entries of an inbox, by state, and how many are past the response target.
public struct InboxBacklog: Sendable, Hashable {
    public var byState: [InboxState: Int]
    public var overdue: Int

    public var open: Int { InboxState.allCases.filter(\.isOpen).reduce(0) { $0 + (byState[$1] ?? 0) } }
}

/// One item of a thread and how deep it sits under the root.
public struct ThreadEntry: Sendable, Hashable {
    public var mention: Mention
    public var depth: Int
    /// The author of the item it answers, for "who answered whom".
    public var inReplyTo: ActorIdentity?
}

/// One person across the workspace's sources.
public struct AuthorProfile: Sendable, Hashable {
    public var actorID: Int64
    public var identity: ActorIdentity
    /// The same person's other identities (same handle or display name on other platforms).
    public var otherIdentities: [AuthorActivity]
    public var items: Int
    public var firstSeen: Timestamp?
    public var lastSeen: Timestamp?
    /// Distinct weeks in which they said something: how often they come back.
    public var activeWeeks: Int
    public var positive: Int
    public var neutral: Int
    public var negative: Int
}

/// An item waiting for (or having had) an answer.
public struct InboxEntry: Sendable, Hashable {
    public var mention: Mention
    public var reason: InboxReason
    public var orderKey: Double
    public var state: InboxState
    public var assignee: UserRecord?
    public var waitingSince: Timestamp
    public var firstResponseAt: Timestamp?
}

/// Something that happened to an inbox entry: a note, a reply, a change of state or assignee.
public struct InboxEvent: Sendable, Hashable {
    public enum Kind: String, Sendable, CaseIterable { case note, reply, state, assign }
    public var id: Int64
    public var kind: Kind
    public var body: String
    public var author: String?
    public var createdAt: Timestamp
}

/// A saved answer, in one language, that a reply starts from.
public struct ReplyTemplate: Sendable, Hashable {
    public var id: Int64
    public var name: String
    public var language: String
    public var body: String

    public init(id: Int64 = 0, name: String, language: String, body: String) {
        self.id = id
        self.name = name
        self.language = language
        self.body = body
    }
}
