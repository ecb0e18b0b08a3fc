import BabillardCore
import BabillardStore
import Foundation
import HTTPTypes
import Hummingbird
import Logging

/// How items, authors and analyses look in templates: dictionaries of display-ready strings.
struct MentionViews {
    let strings: StringCatalogue
    let locale: WebLocale
    let workspaceID: Int64
    var format: LocalFormatting { LocalFormatting(locale: locale) }

    func mention(_ mention: Mention, terms: [Int64: String] = [:]) -> [String: Any] {
        let item = mention.stored.item
        // Every key a mention template reads is set (false when absent), so that Mustache never
        // finds it in the enclosing page instead.
        var view: [String: Any] = [
            "author": false, "authorURL": false, "followers": false, "date": false, "iso": false, "rating": false, "engagement": false,
            "sentiment": false, "language": false, "intents": [Any](), "explanation": [Any](), "hasExplanation": false, "terms": [Any](),
            "duplicate": false,
            "id": mention.stored.id,
            "kind": strings["kind_\(item.kind.rawValue)", locale],
            "platform": item.platform.rawValue,
            "title": item.title as Any,
            "text": item.text.count > 600 ? String(item.text.prefix(600)) + "…" : item.text,
            "url": item.url.flatMap { $0.hasPrefix("http://") || $0.hasPrefix("https://") ? $0 : nil } as Any,
            "channel": item.channel as Any,
            "threadURL": "/w/\(workspaceID)/items/\(mention.stored.id)",
        ]
        if let created = item.createdAt {
            view["date"] = format.dateTime(created)
            view["iso"] = format.iso(created)
        }
        if let author = item.author {
            view["author"] = authorName(author)
            if let actorID = mention.actorID { view["authorURL"] = "/w/\(workspaceID)/authors/\(actorID)" }
            if let followers = author.followers { view["followers"] = format.number(followers) }
        }
        if let rating = item.rating { view["rating"] = format.decimal(rating, digits: 1) + (item.ratingScale.map { " / " + format.decimal($0, digits: 0) } ?? "") }
        let likes = item.engagement?.likes ?? 0, reshares = item.engagement?.reshares ?? 0, replies = item.engagement?.replies ?? 0
        if likes + reshares + replies > 0 {
            view["engagement"] = strings.format(
                "engagement_counts", locale, ["likes": format.number(likes), "reshares": format.number(reshares), "replies": format.number(replies)])
        }
        if let analysis = mention.analysis {
            let label = analysis.effectiveSentimentLabel
            view["sentiment"] = [
                "label": strings["sentiment_\(label)", locale], "key": label, "score": format.decimal(analysis.record.sentimentScore),
                "corrected": analysis.sentimentCorrected, "engine": analysis.record.sentimentEngine,
            ]
            view["language"] = analysis.record.language
            view["intents"] = analysis.effectiveIntents.map { ["key": $0, "label": strings["intent_\($0)", locale]] }
            let rows = explanation(analysis.record.sentimentExplanationJSON)
            view["explanation"] = rows
            view["hasExplanation"] = !rows.isEmpty
            view["terms"] = analysis.record.watchTermIDs.compactMap { terms[$0] }
            view["duplicate"] = analysis.record.duplicateOf.map { "/w/\(workspaceID)/items/\($0)" } as Any
            view["repeatsAParagraph"] = analysis.record.repeatedParagraphs > 0
        }
        return view
    }

    /// What a row of a list of entries shows (the inbox): who, where, when and the text, without
    /// the analysis that `mention` unpacks for a full view.
    func summary(_ mention: Mention) -> [String: Any] {
        let item = mention.stored.item
        var view: [String: Any] = [
            "id": mention.stored.id, "platform": item.platform.rawValue, "author": false, "date": false, "iso": false,
            "text": item.text.count > 600 ? String(item.text.prefix(600)) + "…" : item.text,
            "threadURL": "/w/\(workspaceID)/items/\(mention.stored.id)",
        ]
        if let created = item.createdAt {
            view["date"] = format.dateTime(created)
            view["iso"] = format.iso(created)
        }
        if let author = item.author { view["author"] = authorName(author) }
        return view
    }

    func authorName(_ author: ActorIdentity) -> String {
        author.displayName ?? author.handle ?? author.externalID
    }

    /// The explanation JSON stored with the analysis (`[{"text", "effect", "reason"}]`), as rows.
    func explanation(_ json: String) -> [[String: Any]] {
        guard let data = json.data(using: .utf8),
              let entries = try? JSONSerialization.jsonObject(with: data) as? [[String: Any]]
        else { return [] }
        return entries.prefix(10).map { entry in
            let weight = (entry["effect"] as? NSNumber)?.doubleValue ?? 0
            return [
                "cue": (entry["text"] as? String) ?? "", "reason": SentimentReasonText.text((entry["reason"] as? String) ?? "", in: locale),
                "weight": (weight >= 0 ? "+" : "") + format.decimal(weight), "positive": weight >= 0,
            ]
        }
    }
}
