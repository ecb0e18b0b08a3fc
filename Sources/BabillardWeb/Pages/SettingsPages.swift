import BabillardCore
import BabillardFetch
import BabillardStore
import BabillardText
import Foundation
import HTTPTypes
import Hummingbird
import Logging

/// `/w/{id}/sources` (health, last fetch, errors; add one) and `/w/{id}/settings` (response
/// target and alert thresholds, watch terms, team, API tokens, reply templates).
struct SettingsPages {
    let services: WebServices
    var store: any Store { services.store }

    func register(on group: RouterGroup<WebRequestContext>) {
        group.get("sources") { _, context in try await sources(context, error: nil) }
        group.post("sources") { request, context in
            let (workspace, _) = try context.require(.manager)
            let form = try await FormInput.read(request, context: context)
            do {
                let spec = try SourceLocator.parse(form.trimmed("locator") ?? "")
                _ = try await store.addSource(kind: spec.kind, locator: spec.locator, endpoint: spec.endpoint, label: spec.label, in: workspace, at: .now)
            } catch let error as SourceLocatorError {
                return try await sources(context, error: error.message, status: .badRequest)
            }
            return PageRenderer.redirect(to: "/w/\(workspace.id)/sources")
        }
        group.get("settings") { _, context in try await settings(context, message: nil, newToken: nil) }
        group.post("settings") { request, context in try await change(request, context) }
    }

    func sources(_ context: WebRequestContext, error: String?, status: HTTPResponse.Status = .ok) async throws -> Response {
        let (workspace, _) = try context.scope()
        let format = LocalFormatting(locale: context.locale)
        let strings = services.strings, locale = context.locale
        let list = try await store.sources(in: workspace)
        let data: [String: Any] = [
            "sources": list.map { source -> [String: Any] in
                [
                    "label": source.label, "kind": source.kind.rawValue, "endpoint": source.endpoint,
                    "lastSuccess": source.health.lastSuccessAt.map(format.dateTime) ?? "—",
                    "lastError": source.health.lastError ?? "", "failing": source.health.consecutiveFailures > 0,
                    "failures": source.health.consecutiveFailures,
                    "items": source.health.itemsLastFetch.map { format.number($0) } ?? "—",
                ]
            },
            "empty": list.isEmpty, "error": error as Any,
        ]
        return services.renderer.page("sources", title: strings["nav_sources", locale], data: data, context: context, status: status)
    }

    func settings(_ context: WebRequestContext, message: String?, newToken: String?, status: HTTPResponse.Status = .ok) async throws -> Response {
        let (workspace, _) = try context.scope()
        let strings = services.strings, locale = context.locale
        let format = LocalFormatting(locale: locale)
        let current = try await store.settings(of: workspace)
        let terms = try await store.watchTerms(in: workspace)
        let members = try await store.members(of: workspace)
        let tokens = try await store.apiTokens(in: workspace)
        let templates = try await store.replyTemplates(in: workspace)
        let data: [String: Any] = [
            "message": message as Any, "newToken": newToken as Any,
            "responseTarget": current.responseTargetMinutes, "spikeK": format.decimal(current.spikeK, digits: 1).replacingOccurrences(of: ",", with: "."),
            "cooldown": current.spikeCooldownHours, "influential": current.influentialFollowers,
            "terms": terms.map { ["name": $0.name, "kind": strings["term_\($0.kind.rawValue)", locale], "query": $0.query, "matches": format.number($0.matches)] },
            "termKinds": WatchTermRecord.Kind.allCases.map { ["value": $0.rawValue, "label": strings["term_\($0.rawValue)", locale]] },
            "members": members.map { ["id": $0.user.id, "name": $0.user.displayName, "email": $0.user.email, "role": strings["role_\($0.role.rawValue)", locale]] },
            "roles": WorkspaceRole.allCases.map { ["value": $0.rawValue, "label": strings["role_\($0.rawValue)", locale]] },
            "tokens": tokens.map {
                ["id": $0.id, "label": $0.label, "role": strings["role_\($0.role.rawValue)", locale], "created": format.dateTime($0.createdAt),
                 "lastUsed": $0.lastUsedAt.map(format.dateTime) ?? "—", "revoked": $0.revokedAt != nil]
            },
            "templates": templates.map { ["id": $0.id, "name": $0.name, "language": $0.language, "body": $0.body] },
        ]
        return services.renderer.page("settings", title: strings["nav_settings", locale], data: data, context: context, status: status)
    }

    func change(_ request: Request, _ context: WebRequestContext) async throws -> Response {
        let form = try await FormInput.read(request, context: context)
        let strings = services.strings, locale = context.locale
        let now = Timestamp.now
        switch form["action"] {
        case "settings":
            let (workspace, _) = try context.require(.owner)
            guard let target = form.trimmed("responseTarget").flatMap(Int.init), (5...10_080).contains(target),
                  let k = form.trimmed("spikeK").flatMap({ Double($0.replacingOccurrences(of: ",", with: ".")) }), (0.5...10).contains(k),
                  let cooldown = form.trimmed("cooldown").flatMap(Int.init), (0...720).contains(cooldown),
                  let influential = form.trimmed("influential").flatMap(Int64.init), influential >= 0
            else { return try await settings(context, message: strings["settings_invalid", locale], newToken: nil, status: .badRequest) }
            try await store.saveSettings(.init(responseTargetMinutes: target, spikeK: k, spikeCooldownHours: cooldown, influentialFollowers: influential), of: workspace)
        case "term-add":
            let (workspace, _) = try context.require(.manager)
            guard let name = form.trimmed("name"), let query = form.trimmed("query"),
                  let kind = form["kind"].flatMap(WatchTermRecord.Kind.init(rawValue:))
            else { return try await settings(context, message: strings["settings_invalid", locale], newToken: nil, status: .badRequest) }
            do {
                _ = try WatchQuery(parsing: query)
            } catch {
                return try await settings(context, message: "\(error)", newToken: nil, status: .badRequest)
            }
            _ = try await store.addWatchTerm(name: name, kind: kind, query: query, in: workspace, at: now)
            // Items already stored are matched again in the background; new ones are matched as they arrive.
            await services.rematcher.refresh(workspace, matching: true)
            return try await settings(context, message: strings["settings_terms_rematching", locale], newToken: nil)
        case "term-remove":
            let (workspace, _) = try context.require(.manager)
            if try await store.removeWatchTerm(named: form["name"] ?? "", in: workspace) {
                await services.rematcher.refresh(workspace, matching: false)
                return try await settings(context, message: strings["settings_terms_rematching", locale], newToken: nil)
            }
        case "member-add":
            let (workspace, _) = try context.require(.owner)
            guard let email = form.trimmed("email"), let role = form["role"].flatMap(WorkspaceRole.init(rawValue:)) else {
                return try await settings(context, message: strings["settings_invalid", locale], newToken: nil, status: .badRequest)
            }
            // Only people who already have an account (`babillard user add`) can be added here;
            // the page says so rather than inventing a password.
            guard let user = try await store.user(email: email) else {
                return try await settings(context, message: strings.format("settings_no_such_user", locale, ["email": email]), newToken: nil, status: .badRequest)
            }
            try await store.setMembership(userID: user.id, role: role, in: workspace, at: now)
        case "member-remove":
            let (workspace, _) = try context.require(.owner)
            guard let id = form["user"].flatMap(Int64.init), id != context.user?.id else {
                return try await settings(context, message: strings["settings_not_yourself", locale], newToken: nil, status: .badRequest)
            }
            _ = try await store.removeMembership(userID: id, in: workspace)
        case "token-create":
            let (workspace, _) = try context.require(.owner)
            let role = form["role"].flatMap(WorkspaceRole.init(rawValue:)) ?? .viewer
            let token = try await WebTokens.create(role: role, label: form.trimmed("label") ?? "API", in: workspace, store: store)
            return try await settings(context, message: strings["settings_token_created", locale], newToken: token)
        case "token-revoke":
            let (workspace, _) = try context.require(.owner)
            _ = try await store.revokeAPIToken(id: form["id"].flatMap(Int64.init) ?? 0, in: workspace, at: now)
        case "template-save":
            let (workspace, _) = try context.require(.manager)
            guard let name = form.trimmed("name"), let body = form.trimmed("body"), let language = form["language"], ["fr", "en"].contains(language) else {
                return try await settings(context, message: strings["settings_invalid", locale], newToken: nil, status: .badRequest)
            }
            try await store.saveReplyTemplate(ReplyTemplate(name: name, language: language, body: body), in: workspace)
        case "template-delete":
            let (workspace, _) = try context.require(.manager)
            _ = try await store.deleteReplyTemplate(id: form["id"].flatMap(Int64.init) ?? 0, in: workspace)
        default:
            throw WebError.badRequest(key: "error_bad_request")
        }
        let (workspace, _) = try context.scope()
        return PageRenderer.redirect(to: "/w/\(workspace.id)/settings")
    }
}
