/// Counts of reactions to an item as a source reported them at one moment.
///
/// Counts change over time; the store keeps each observation so that growth can be measured.
public struct EngagementCounts: Hashable, Sendable, Codable {
    public var likes: Int?
    public var reshares: Int?
    public var replies: Int?
    public var quotes: Int?
    /// When the source reported these counts (the fetch or export time); nil if unknown.
    public var observedAt: Timestamp?

    public init(likes: Int? = nil, reshares: Int? = nil, replies: Int? = nil, quotes: Int? = nil, observedAt: Timestamp? = nil) {
        self.likes = likes
        self.reshares = reshares
        self.replies = replies
        self.quotes = quotes
        self.observedAt = observedAt
    }

    public var isEmpty: Bool { likes == nil && reshares == nil && replies == nil && quotes == nil }
}

/// A place named by a check-in or a review.
public struct Place: Hashable, Sendable, Codable {
    public var name: String?
    public var externalID: String?
    public var latitude: Double?
    public var longitude: Double?
    public var address: String?

    public init(name: String? = nil, externalID: String? = nil, latitude: Double? = nil, longitude: Double? = nil, address: String? = nil) {
        self.name = name
        self.externalID = externalID
        self.latitude = latitude
        self.longitude = longitude
        self.address = address
    }
}
