import BabillardCore
import BabillardStore
import Foundation
import HTTPTypes
import Hummingbird
import Logging

/// The JSON of the API (described in `openapi.json`): snake_case keys, ISO 8601 UTC times.
/// Add fields, never rename them.
struct APIItem: Codable, Sendable {
    struct Author: Codable, Sendable {
        var id: Int64?
        var platform: String
        var handle: String?
        var name: String?
        var followers: Int?
    }

    /// `label` is what the item is taken for (a person's correction wins); `score` and
    /// `model_label` are what the engine said.
    struct Sentiment: Codable, Sendable {
        var score: Double
        var label: String
        var corrected: Bool
        var engine: String
        var model_label: String
    }

    var id: Int64
    var platform: String
    var external_id: String
    var kind: String
    var parent_external_id: String?
    var root_external_id: String?
    var created_at: String?
    var title: String?
    var text: String
    var url: String?
    var channel: String?
    var author: Author?
    var likes: Int?
    var reshares: Int?
    var replies: Int?
    var rating: Double?
    var language: String?
    var sentiment: Sentiment?
    var intents: [String]?
    var depth: Int?

    init(_ mention: Mention, depth: Int? = nil) {
        let item = mention.stored.item
        id = mention.stored.id
        platform = item.platform.rawValue
        external_id = item.externalID
        kind = item.kind.rawValue
        parent_external_id = item.parentExternalID
        root_external_id = item.rootExternalID
        created_at = item.createdAt?.iso8601UTC
        title = item.title
        text = item.text
        url = item.url
        channel = item.channel
        author = item.author.map { Author(id: mention.actorID, platform: $0.platform.rawValue, handle: $0.handle, name: $0.displayName, followers: $0.followers) }
        likes = item.engagement?.likes
        reshares = item.engagement?.reshares
        replies = item.engagement?.replies
        rating = item.rating
        if let analysis = mention.analysis {
            language = analysis.record.language
            sentiment = Sentiment(
                score: analysis.record.sentimentScore, label: analysis.effectiveSentimentLabel, corrected: analysis.sentimentCorrected,
                engine: analysis.record.sentimentEngine, model_label: analysis.record.sentimentLabel)
            intents = analysis.effectiveIntents
        }
        self.depth = depth
    }
}

struct APIItemList: Codable, Sendable {
    var items: [APIItem]
    var has_more: Bool
}

struct APIAuthor: Codable, Sendable {
    var id: Int64
    var platform: String
    var handle: String?
    var name: String?
    var followers: Int?
    var items: Int
    var first_seen: String?
    var last_seen: String?
    var active_weeks: Int
    var positive: Int
    var neutral: Int
    var negative: Int
}

struct APIInboxEntry: Codable, Sendable {
    var item: APIItem
    var reason: String
    var state: String
    var priority: Double
    var assignee_id: Int64?
    var waiting_since: String
    var first_response_at: String?
}

struct APIInboxList: Codable, Sendable {
    var entries: [APIInboxEntry]
    var has_more: Bool
}

/// What `POST /api/v1/inbox/{id}` may change, all optional.
struct APIInboxAction: Codable, Sendable {
    var state: String?
    var assignee_id: Int64?
    var unassign: Bool?
    var note: String?
    var reply: String?
}

struct APIOverview: Codable, Sendable {
    struct Day: Codable, Sendable {
        var date: String
        var items: Int
        var positive: Int
        var neutral: Int
        var negative: Int
    }

    struct Voice: Codable, Sendable {
        var name: String
        var kind: String
        var items: Int
    }

    var from: String
    var until: String
    var items: Int
    var net_sentiment: Double?
    var share_of_voice: Double?
    var days: [Day]
    var watch_terms: [Voice]
    var inbox_open: Int
    var inbox_overdue: Int
}
