/// Moderation state an export or API gives for an item (WordPress comments, deleted posts).
public enum ItemStatus: String, Sendable, Codable, Hashable {
    case published
    case pending
    case spam
    case trash
    case deleted
}

/// One item as a reader found it: a post, comment, reply, reshare, quote, review, check-in
/// or mention, in plain text, with its place in a thread and in a reshare cascade.
///
/// Identity is (platform, externalID): importing the same item twice updates it in place.
/// Links to other items are by external id, because a parent may arrive later than its child.
public struct RawItem: Hashable, Sendable, Codable {
    public var platform: Platform
    /// The platform's own id (a status id, an AT URI, a Reddit fullname, a feed entry's guid).
    public var externalID: String
    public var kind: ItemKind
    /// The item this one answers (nil for a thread's first item).
    public var parentExternalID: String?
    /// The first item of the thread (nil when this item is the root or the root is unknown).
    public var rootExternalID: String?
    /// For a reshare or quote: the item passed on. This is the cascade edge.
    public var reshareOfExternalID: String?
    public var author: ActorIdentity?
    public var createdAt: Timestamp?
    /// Last edit time, when the source says so.
    public var editedAt: Timestamp?
    public var title: String?
    /// The item's text as plain text (HTML removed, entities decoded, whitespace tidied).
    public var text: String
    public var url: String?
    /// Language the source declared (BCP 47, lowercase), not a guess.
    public var language: String?
    /// A review's rating, on the scale in `ratingScale` (5 when unknown).
    public var rating: Double?
    public var ratingScale: Double?
    public var place: Place?
    public var engagement: EngagementCounts?
    public var status: ItemStatus
    /// Hashtags, categories, labels (without '#').
    public var tags: [String]
    /// The feed, account or subreddit the item was read from, when the format says.
    public var channel: String?

    public init(
        platform: Platform, externalID: String, kind: ItemKind, parentExternalID: String? = nil,
        rootExternalID: String? = nil, reshareOfExternalID: String? = nil, author: ActorIdentity? = nil,
        createdAt: Timestamp? = nil, editedAt: Timestamp? = nil, title: String? = nil, text: String = "",
        url: String? = nil, language: String? = nil, rating: Double? = nil, ratingScale: Double? = nil,
        place: Place? = nil, engagement: EngagementCounts? = nil, status: ItemStatus = .published,
        tags: [String] = [], channel: String? = nil
    ) {
        self.platform = platform
        self.externalID = externalID
        self.kind = kind
        self.parentExternalID = parentExternalID
        self.rootExternalID = rootExternalID
        self.reshareOfExternalID = reshareOfExternalID
        self.author = author
        self.createdAt = createdAt
        self.editedAt = editedAt
        self.title = title
        self.text = text
        self.url = url
        self.language = language
        self.rating = rating
        self.ratingScale = ratingScale
        self.place = place
        self.engagement = engagement
        self.status = status
        self.tags = tags
        self.channel = channel
    }
}

/// A like or favourite: it counts, but it is not an item of its own.
public struct Reaction: Hashable, Sendable, Codable {
    public var platform: Platform
    /// The reaction's own id when the platform has one (a Bluesky like record), so that
    /// re-importing it and deleting it later both work.
    public var externalID: String
    public var targetExternalID: String
    public var actor: ActorIdentity?
    public var createdAt: Timestamp?

    public init(platform: Platform, externalID: String, targetExternalID: String, actor: ActorIdentity? = nil, createdAt: Timestamp? = nil) {
        self.platform = platform
        self.externalID = externalID
        self.targetExternalID = targetExternalID
        self.actor = actor
        self.createdAt = createdAt
    }
}

/// A source said an item or reaction was deleted.
public struct Deletion: Hashable, Sendable, Codable {
    public var platform: Platform
    public var externalID: String
    public var deletedAt: Timestamp?

    public init(platform: Platform, externalID: String, deletedAt: Timestamp? = nil) {
        self.platform = platform
        self.externalID = externalID
        self.deletedAt = deletedAt
    }
}
