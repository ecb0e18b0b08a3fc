import BabillardCore

/// Something the team should look at now.
public struct AlertRecord: Sendable, Hashable {
    public enum Kind: String, Sendable, CaseIterable, Codable {
        /// More negative items in the last 24 h than the week before explains (mean + k·σ).
        case negativeSpike = "negative_spike"
        /// An item by an author with at least the workspace's influential-followers threshold.
        case influentialMention = "influential_mention"
        /// A complaint still unanswered past the workspace's response target.
        case overdueComplaint = "overdue_complaint"
    }

    public var id: Int64
    public var workspaceID: Int64
    public var kind: Kind
    public var itemID: Int64?
    public var raisedAt: Timestamp
    /// What was measured (negative items in 24 h, followers, minutes waiting)…
    public var value: Double
    /// …and the line it crossed.
    public var threshold: Double
    /// One sentence, in English, for webhooks and logs (pages write their own in the reader's language).
    public var summary: String
    public var acknowledgedAt: Timestamp?
}

/// An outgoing webhook of a workspace.
public struct WebhookRecord: Sendable, Hashable {
    public var id: Int64
    public var url: String
    /// The key of the HMAC-SHA256 signature of every delivery.
    public var secret: String
    public var createdAt: Timestamp
}

/// One alert to send to one webhook, with how the attempts went.
public struct WebhookDelivery: Sendable, Hashable {
    public var id: Int64
    public var webhook: WebhookRecord
    public var alert: AlertRecord
    public var attempts: Int
}

/// An item that may raise an alert, with what is measured about it.
public struct AlertCandidate: Sendable, Hashable {
    public var itemID: Int64
    public var value: Double
    public var author: String
}
