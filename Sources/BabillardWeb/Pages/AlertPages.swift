import BabillardCore
import BabillardFetch
import BabillardStore
import Foundation
import HTTPTypes
import Hummingbird
import Logging

/// `/w/{id}/alerts`: what crossed a line (negative spikes, influential authors, complaints past
/// their target), to acknowledge; and the webhooks they are sent to.
struct AlertPages {
    let services: WebServices
    var store: any Store { services.store }

    func register(on group: RouterGroup<WebRequestContext>) {
        group.get("alerts") { request, context in try await page(request, context, newSecret: nil) }
        group.post("alerts") { request, context in try await act(request, context) }
    }

    func page(_ request: Request, _ context: WebRequestContext, newSecret: String?, message: String? = nil, status: HTTPResponse.Status = .ok) async throws -> Response {
        let (workspace, _) = try context.scope()
        let all = try QueryInput(request)["all"] == "1"
        let strings = services.strings, locale = context.locale
        let format = LocalFormatting(locale: locale)
        let alerts = try await store.alerts(in: workspace, openOnly: !all, limit: 200)
        let webhooks = try await store.webhooks(in: workspace)
        let deliveries = try await store.deliveryCounts(in: workspace)
        let settings = try await store.settings(of: workspace)
        let data: [String: Any] = [
            "alerts": alerts.map { alert -> [String: Any] in
                [
                    "id": alert.id, "kind": strings["alert_\(alert.kind.rawValue)", locale], "kindKey": alert.kind.rawValue,
                    "date": format.dateTime(alert.raisedAt),
                    "detail": strings.format("alert_detail_\(alert.kind.rawValue)", locale, [
                        "value": format.number(Int(alert.value)), "threshold": format.decimal(alert.threshold, digits: 1),
                    ]),
                    "itemURL": alert.itemID.map { "/w/\(workspace.id)/items/\($0)" } as Any,
                    "open": alert.acknowledgedAt == nil,
                    "acknowledged": alert.acknowledgedAt.map(format.dateTime) as Any,
                ]
            },
            "empty": alerts.isEmpty, "all": all,
            "toggleURL": "/w/\(workspace.id)/alerts" + (all ? "" : "?all=1"),
            "webhooks": webhooks.map { ["id": $0.id, "url": $0.url, "created": format.dateTime($0.createdAt)] },
            "delivered": format.number(deliveries.delivered), "pending": format.number(deliveries.pending), "failed": format.number(deliveries.failed),
            "newSecret": newSecret as Any, "message": message as Any,
            "rules": strings.format("alerts_rules", locale, [
                "k": format.decimal(settings.spikeK, digits: 1), "cooldown": String(settings.spikeCooldownHours),
                "followers": format.number(Int(settings.influentialFollowers)), "target": format.duration(minutes: Int64(settings.responseTargetMinutes)),
            ]),
        ]
        return services.renderer.page("alerts", title: strings["nav_alerts", locale], data: data, context: context, status: status)
    }

    func act(_ request: Request, _ context: WebRequestContext) async throws -> Response {
        let form = try await FormInput.read(request, context: context)
        let now = Timestamp.now
        switch form["action"] {
        case "acknowledge":
            let (workspace, _) = try context.require(.agent)
            _ = try await store.acknowledgeAlert(id: form["id"].flatMap(Int64.init) ?? 0, by: context.user?.id, in: workspace, at: now)
        case "webhook-add":
            let (workspace, _) = try context.require(.owner)
            guard let url = form.trimmed("url"), let host = WebhookAddress.host(of: url) else {
                return try await page(request, context, newSecret: nil, message: services.strings["alerts_bad_url", context.locale], status: .badRequest)
            }
            if !services.configuration.allowPrivateWebhooks, WebhookAddress.isPrivate(host: host) {
                return try await page(request, context, newSecret: nil, message: services.strings["alerts_private_url", context.locale], status: .badRequest)
            }
            let secret = SecretTokens.random()
            _ = try await store.addWebhook(url: url, secret: secret, in: workspace, at: now)
            return try await page(request, context, newSecret: secret)
        case "webhook-remove":
            let (workspace, _) = try context.require(.owner)
            _ = try await store.removeWebhook(id: form["id"].flatMap(Int64.init) ?? 0, in: workspace)
        default:
            throw WebError.badRequest(key: "error_bad_request")
        }
        let (workspace, _) = try context.scope()
        return PageRenderer.redirect(to: "/w/\(workspace.id)/alerts")
    }
}
