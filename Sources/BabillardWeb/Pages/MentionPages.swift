import BabillardCore
import BabillardStore
import BabillardText
import Foundation
import HTTPTypes
import Hummingbird
import Logging

/// `/w/{id}/mentions` (search and filters), `/w/{id}/items/{item}` (the whole thread, the
/// analysis and its correction) and `/w/{id}/authors/{actor}`.
struct MentionPages {
    let services: WebServices
    static let pageSize = 25

    func register(on group: RouterGroup<WebRequestContext>) {
        group.get("mentions") { request, context in try await mentions(request, context) }
        group.get("items/:item") { request, context in try await thread(request, context) }
        group.post("items/:item/correct") { request, context in try await correct(request, context) }
        group.post("items/:item/inbox") { request, context in
            let (workspace, _) = try context.require(.agent)
            _ = try await FormInput.read(request, context: context)
            let itemID = try itemID(context)
            _ = try await services.store.addToInbox(itemID: itemID, in: workspace, at: .now)
            return PageRenderer.redirect(to: "/w/\(workspace.id)/inbox/\(itemID)")
        }
        group.get("authors/:actor") { request, context in try await author(request, context) }
    }

    func itemID(_ context: WebRequestContext) throws -> Int64 {
        guard let id = context.parameters.get("item", as: Int64.self) else { throw WebError.notFound }
        return id
    }

    /// The filters of the Mentions page and the API, from the query string.
    static func mentionQuery(_ query: QueryInput, terms: [WatchTermRecord]) throws -> MentionQuery {
        var mentionQuery = MentionQuery()
        mentionQuery.text = query["q"] ?? ""
        mentionQuery.platform = query["platform"].map { Platform($0) }
        mentionQuery.channel = query["channel"]
        mentionQuery.language = query["language"]
        if let sentiment = query["sentiment"] {
            guard ["positive", "neutral", "negative"].contains(sentiment) else { throw WebError.badRequest(key: "error_filter", values: ["name": "sentiment"]) }
            mentionQuery.sentiment = sentiment
        }
        if let intent = query["intent"] {
            guard Intent(rawValue: intent) != nil else { throw WebError.badRequest(key: "error_filter", values: ["name": "intent"]) }
            mentionQuery.intent = intent
        }
        if let term = query["term"] {
            guard let id = Int64(term), terms.contains(where: { $0.id == id }) else { throw WebError.badRequest(key: "error_filter", values: ["name": "term"]) }
            mentionQuery.watchTermID = id
        }
        if let author = query["author"] {
            guard let id = Int64(author) else { throw WebError.badRequest(key: "error_filter", values: ["name": "author"]) }
            mentionQuery.actorID = id
        }
        func day(_ name: String) throws -> Int64? {
            guard let text = query[name] else { return nil }
            guard let date = try? Date(text + "T00:00:00Z", strategy: .iso8601) else { throw WebError.badRequest(key: "error_filter", values: ["name": name]) }
            return Int64(date.timeIntervalSince1970 * 1000)
        }
        mentionQuery.from = try day("from")
        mentionQuery.until = try day("until").map { $0 + 86_400_000 }
        if let sort = query["sort"] {
            guard let value = MentionQuery.Sort(rawValue: sort) else { throw WebError.badRequest(key: "error_filter", values: ["name": "sort"]) }
            mentionQuery.sort = value
        }
        // With search text too, newest first by default: listening means seeing what is said now.
        // Relevance (bm25) ranks every match, which costs 40 ms for a word found in 24,000 items.
        return mentionQuery
    }

    func mentions(_ request: Request, _ context: WebRequestContext) async throws -> Response {
        let (workspace, _) = try context.scope()
        let query = try QueryInput(request)
        let terms = try await services.store.watchTermDefinitions(in: workspace)
        var mentionQuery = try Self.mentionQuery(query, terms: terms)
        let (page, offset) = try query.pageOffset(pageSize: Self.pageSize)
        mentionQuery.limit = Self.pageSize
        mentionQuery.offset = offset
        let result = try await services.store.mentions(mentionQuery, in: workspace)
        let strings = services.strings, locale = context.locale
        let views = MentionViews(strings: strings, locale: locale, workspaceID: workspace.id)
        let termNames = Dictionary(uniqueKeysWithValues: terms.map { ($0.id, $0.name) })
        // The page links keep every filter but the page number.
        var kept = URLComponents()
        kept.queryItems = ["q", "platform", "channel", "language", "sentiment", "intent", "term", "author", "from", "until", "sort"]
            .compactMap { name in query[name].map { URLQueryItem(name: name, value: $0) } }
        let base = "/w/\(workspace.id)/mentions?" + (kept.percentEncodedQuery.map { $0 + "&" } ?? "")
        func options(_ values: [String], selected: String?, label: (String) -> String) -> [[String: Any]] {
            values.map { ["value": $0, "label": label($0), "selected": $0 == selected] }
        }
        let data: [String: Any] = [
            "q": query["q"] ?? "", "from": query["from"] ?? "", "until": query["until"] ?? "",
            "mentions": result.mentions.map { views.mention($0, terms: termNames) },
            "empty": result.mentions.isEmpty,
            "platforms": options(["blog", "mastodon", "bluesky", "reddit", "facebook", "instagram", "x", "linkedin", "foursquare", "reviews"], selected: query["platform"]) { $0 },
            "languages": options(["fr", "en", "es", "de", "it", "pt", "nl", "und"], selected: query["language"]) { strings["language_\($0)", locale] },
            "sentiments": options(["positive", "neutral", "negative"], selected: query["sentiment"]) { strings["sentiment_\($0)", locale] },
            "intents": options(Intent.allCases.map(\.rawValue), selected: query["intent"]) { strings["intent_\($0)", locale] },
            "terms": terms.map { ["value": $0.id, "label": $0.name, "selected": String($0.id) == query["term"]] },
            "sorts": options(MentionQuery.Sort.allCases.map(\.rawValue), selected: query["sort"] ?? mentionQuery.sort.rawValue) { strings["sort_\($0)", locale] },
            "page": page,
            "previous": page > 1 ? base + "page=\(page - 1)" : "",
            "next": result.hasMore && page * Self.pageSize <= QueryInput.maximumOffset ? base + "page=\(page + 1)" : "",
        ]
        return services.renderer.page("mentions", title: strings["nav_mentions", locale], data: data, context: context)
    }

    func thread(_ request: Request, _ context: WebRequestContext) async throws -> Response {
        let (workspace, _) = try context.scope()
        let itemID = try itemID(context)
        guard let focus = try await services.store.mention(itemID: itemID, in: workspace) else { throw WebError.notFound }
        let entries = try await services.store.thread(ofItem: itemID, in: workspace, limit: 2_000)
        let terms = try await services.store.watchTermDefinitions(in: workspace)
        let termNames = Dictionary(uniqueKeysWithValues: terms.map { ($0.id, $0.name) })
        let strings = services.strings, locale = context.locale
        let views = MentionViews(strings: strings, locale: locale, workspaceID: workspace.id)
        let inbox = try await services.store.inboxEntry(itemID: itemID, in: workspace)
        var focusView = views.mention(focus, terms: termNames)
        let label = focus.analysis?.effectiveSentimentLabel
        // The labels are typed: compared with the optional `label`, an untyped literal became
        // [String?] and "sentiment_\($0)" read "sentiment_Optional(...)", a key with no text.
        let sentimentLabels: [String] = ["positive", "neutral", "negative"]
        focusView["sentimentOptions"] = sentimentLabels.map { ["value": $0, "label": strings["sentiment_\($0)", locale], "selected": $0 == label] }
        let intents = Set(focus.analysis?.effectiveIntents ?? [])
        focusView["intentOptions"] = Intent.allCases.map(\.rawValue).map {
            ["value": $0, "label": strings["intent_\($0)", locale], "checked": intents.contains($0)]
        }
        let data: [String: Any] = [
            "focus": focusView,
            "thread": entries.map { entry -> [String: Any] in
                var view = views.mention(entry.mention, terms: termNames)
                view["depth"] = min(entry.depth, 8)
                view["indent"] = "depth-\(min(entry.depth, 8))"
                view["isFocus"] = entry.mention.stored.id == itemID
                view["inReplyTo"] = entry.inReplyTo.map(views.authorName) as Any
                return view
            },
            "threadSize": entries.count,
            "inInbox": inbox != nil,
            "inboxURL": "/w/\(workspace.id)/inbox/\(itemID)",
        ]
        return services.renderer.page("thread", title: strings["thread_title", locale], data: data, context: context)
    }

    func correct(_ request: Request, _ context: WebRequestContext) async throws -> Response {
        let (workspace, _) = try context.require(.agent)
        let form = try await FormInput.read(request, context: context)
        let itemID = try itemID(context)
        guard let user = context.user else { throw WebError.notSignedIn }
        let now = Timestamp.now
        switch form["field"] {
        case "sentiment":
            guard let value = form["value"], ["positive", "neutral", "negative"].contains(value) else {
                throw WebError.badRequest(key: "error_filter", values: ["name": "value"])
            }
            try await services.store.correct(itemID: itemID, field: .sentiment, value: value, by: user.email, in: workspace, at: now)
        case "intents":
            let known = Set(Intent.allCases.map(\.rawValue))
            let chosen = form.all("intent").filter(known.contains).sorted()
            try await services.store.correct(itemID: itemID, field: .intents, value: chosen.joined(separator: ","), by: user.email, in: workspace, at: now)
        default:
            throw WebError.badRequest(key: "error_filter", values: ["name": "field"])
        }
        // A correction can make an item deserve an answer (a complaint the analysis missed), and
        // changes its day's sentiment in the overview.
        try await services.store.refreshInbox(in: workspace, now: now)
        try await services.store.refreshDailyRollups(in: workspace, days: try await services.store.days(ofItems: [itemID], in: workspace))
        let back = AccountRoutes.safeNext(form["back"])
        return PageRenderer.redirect(to: back == "/" ? "/w/\(workspace.id)/items/\(itemID)" : back)
    }

    func author(_ request: Request, _ context: WebRequestContext) async throws -> Response {
        let (workspace, _) = try context.scope()
        guard let actorID = context.parameters.get("actor", as: Int64.self),
              let profile = try await services.store.author(actorID: actorID, in: workspace)
        else { throw WebError.notFound }
        var query = MentionQuery()
        query.actorID = actorID
        query.limit = 50
        let recent = try await services.store.mentions(query, in: workspace)
        let strings = services.strings, locale = context.locale
        let views = MentionViews(strings: strings, locale: locale, workspaceID: workspace.id)
        let format = LocalFormatting(locale: locale)
        let opinions = profile.positive + profile.neutral + profile.negative
        let data: [String: Any] = [
            "name": views.authorName(profile.identity),
            "handle": profile.identity.handle as Any,
            "platform": profile.identity.platform.rawValue,
            "profileURL": profile.identity.profileURL.flatMap { $0.hasPrefix("https://") || $0.hasPrefix("http://") ? $0 : nil } as Any,
            "followers": profile.identity.followers.map { format.number($0) } ?? "—",
            "items": format.number(profile.items),
            "firstSeen": profile.firstSeen.map(format.dateTime) ?? "—",
            "lastSeen": profile.lastSeen.map(format.dateTime) ?? "—",
            "activeWeeks": format.number(profile.activeWeeks),
            "positive": opinions == 0 ? "—" : format.percent(Double(profile.positive) / Double(opinions)),
            "negative": opinions == 0 ? "—" : format.percent(Double(profile.negative) / Double(opinions)),
            "neutral": opinions == 0 ? "—" : format.percent(Double(profile.neutral) / Double(opinions)),
            "others": profile.otherIdentities.map {
                ["name": views.authorName($0.identity), "platform": $0.identity.platform.rawValue, "url": "/w/\(workspace.id)/authors/\($0.actorID)", "items": format.number($0.items)]
            },
            "hasOthers": !profile.otherIdentities.isEmpty,
            "mentions": recent.mentions.map { views.mention($0) },
            "allURL": "/w/\(workspace.id)/mentions?author=\(actorID)",
        ]
        return services.renderer.page("author", title: views.authorName(profile.identity), data: data, context: context)
    }
}
