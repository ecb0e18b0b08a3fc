import BabillardCore
import BabillardStore
import Foundation
import HTTPTypes
import Hummingbird
import Logging

/// `/w/{id}/overview`: volume by source, sentiment trend, net sentiment, share of voice, top
/// sources and authors, inbox backlog — over the last 7, 30 or 90 days.
struct OverviewPage {
    let services: WebServices

    func register(on group: RouterGroup<WebRequestContext>) {
        group.get("overview") { request, context in try await render(request, context) }
    }

    func render(_ request: Request, _ context: WebRequestContext) async throws -> Response {
        let (workspace, _) = try context.scope()
        let query = try QueryInput(request)
        let days = [7, 30, 90].contains(query.int("days") ?? 30) ? query.int("days") ?? 30 : 30
        let now = Timestamp.now
        let today = now.epochMilliseconds / 86_400_000
        let from = (today - Int64(days) + 1) * 86_400_000, until = (today + 1) * 86_400_000
        let overview = try await services.store.overview(of: workspace, from: from, until: until, now: now)
        let openAlerts = try await services.store.openAlertCount(in: workspace)
        let strings = services.strings, locale = context.locale
        let format = LocalFormatting(locale: locale)
        let views = MentionViews(strings: strings, locale: locale, workspaceID: workspace.id)

        // Every day of the period, empty ones included, so that the charts' time axis is even.
        var byDay: [Int64: DailyVolume] = [:]
        for day in overview.days { byDay[day.day] = day }
        let dayNumbers = Array((today - Int64(days) + 1)...today)
        let labels = dayNumbers.map { format.day($0) }
        let platforms = Set(overview.days.flatMap { $0.byPlatform.keys }).sorted { $0.rawValue < $1.rawValue }
        let volumeChart = SVGChart.stackedBars(
            id: "volume", title: strings["overview_volume", locale], description: strings["overview_volume_desc", locale], labels: labels,
            series: platforms.map { platform in
                SVGChart.Series(name: platform.rawValue, values: dayNumbers.map { Double(byDay[$0]?.byPlatform[platform] ?? 0) })
            })
        let sentimentChart = SVGChart.lines(
            id: "sentiment", title: strings["overview_sentiment", locale], description: strings["overview_sentiment_desc", locale], labels: labels,
            series: [
                .init(name: strings["sentiment_positive", locale], values: dayNumbers.map { Double(byDay[$0]?.positive ?? 0) }, cssClass: "positive"),
                .init(name: strings["sentiment_negative", locale], values: dayNumbers.map { Double(byDay[$0]?.negative ?? 0) }, cssClass: "negative"),
            ])
        let positive = overview.days.reduce(0) { $0 + $1.positive }, negative = overview.days.reduce(0) { $0 + $1.negative }
        let total = overview.days.reduce(0) { $0 + $1.total }
        // Net sentiment = (pos − neg) / (pos + neg) (REFERENCES.md).
        let net = positive + negative == 0 ? nil : Double(positive - negative) / Double(positive + negative)
        // Share of voice = brand / (brand + competitors).
        let brand = overview.watchTerms.filter { $0.term.kind == .brand }.reduce(0) { $0 + $1.items }
        let voices = overview.watchTerms.filter { $0.term.kind == .brand || $0.term.kind == .competitor }
        let voiceTotal = voices.reduce(0) { $0 + $1.items }
        let shareChart = voices.isEmpty ? "" : SVGChart.horizontalBars(
            id: "share", title: strings["overview_share", locale], description: strings["overview_share_desc", locale],
            entries: voices.map { ($0.term.name, Double($0.items), voiceTotal == 0 ? "0" : format.percent(Double($0.items) / Double(voiceTotal))) })
        func authorRows(_ authors: [AuthorActivity]) -> [[String: Any]] {
            authors.map {
                [
                    "name": views.authorName($0.identity), "url": "/w/\(workspace.id)/authors/\($0.actorID)", "platform": $0.identity.platform.rawValue,
                    "items": format.number($0.items), "followers": $0.identity.followers.map { format.number($0) } ?? "—",
                ]
            }
        }
        let data: [String: Any] = [
            "periods": [7, 30, 90].map { ["days": $0, "current": $0 == days, "label": strings.format("overview_days", locale, ["days": String($0)])] },
            "days": days,
            "total": format.number(total),
            "net": net.map { format.percent($0, digits: 0) } ?? "—",
            "netNegative": (net ?? 0) < 0,
            "share": voiceTotal == 0 ? "—" : format.percent(Double(brand) / Double(voiceTotal)),
            "volumeChart": volumeChart, "sentimentChart": sentimentChart, "shareChart": shareChart,
            "sources": overview.topSources.map { ["platform": $0.platform.rawValue, "channel": $0.channel ?? "", "items": format.number($0.items)] },
            "active": authorRows(overview.mostActiveAuthors),
            "influential": authorRows(overview.mostInfluentialAuthors),
            "inboxOpen": format.number(overview.inbox.open),
            "inboxNew": format.number(overview.inbox.byState[.new] ?? 0),
            "inboxOverdue": format.number(overview.inbox.overdue),
            "hasOverdue": overview.inbox.overdue > 0,
            "openAlerts": format.number(openAlerts), "hasAlerts": openAlerts > 0,
        ]
        return services.renderer.page("overview", title: strings["nav_overview", locale], data: data, context: context)
    }
}
