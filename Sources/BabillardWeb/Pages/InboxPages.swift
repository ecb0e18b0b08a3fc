import BabillardCore
import BabillardStore
import BabillardText
import Foundation
import HTTPTypes
import Hummingbird
import Logging

/// `/w/{id}/inbox`: everything that deserves an answer, by priority; `/w/{id}/inbox/{item}`:
/// one entry with its state, assignee, notes and the reply being drafted (with its tone check).
struct InboxPages {
    let services: WebServices
    static let pageSize = 30

    func register(on group: RouterGroup<WebRequestContext>) {
        group.get("inbox") { request, context in try await list(request, context) }
        group.get("inbox/:item") { request, context in
            let query = try QueryInput(request)
            var draft = ""
            if let templateID = query.int("template") {
                let (workspace, _) = try context.scope()
                draft = try await services.store.replyTemplates(in: workspace).first { $0.id == Int64(templateID) }?.body ?? ""
            }
            return try await entry(context, draft: draft, warnings: nil)
        }
        group.post("inbox/:item") { request, context in try await act(request, context) }
    }

    func itemID(_ context: WebRequestContext) throws -> Int64 {
        guard let id = context.parameters.get("item", as: Int64.self) else { throw WebError.notFound }
        return id
    }

    func list(_ request: Request, _ context: WebRequestContext) async throws -> Response {
        let (workspace, _) = try context.scope()
        let query = try QueryInput(request)
        let filter = query["state"] ?? "open"
        let states: [InboxState]
        if filter == "open" {
            states = InboxState.allCases.filter(\.isOpen)
        } else if let state = InboxState(rawValue: filter) {
            states = [state]
        } else {
            throw WebError.badRequest(key: "error_filter", values: ["name": "state"])
        }
        let mine = query["mine"] == "1"
        let (page, offset) = try query.pageOffset(pageSize: Self.pageSize)
        let now = Timestamp.now
        let result = try await services.store.inbox(
            in: workspace, states: states, assigneeID: mine ? context.user?.id : nil, limit: Self.pageSize, offset: offset)
        let settings = try await services.store.settings(of: workspace)
        let backlog = try await services.store.inboxBacklog(of: workspace, now: now)
        let strings = services.strings, locale = context.locale
        let views = MentionViews(strings: strings, locale: locale, workspaceID: workspace.id)
        let format = LocalFormatting(locale: locale)
        let base = "/w/\(workspace.id)/inbox?state=\(filter)" + (mine ? "&mine=1" : "")
        let data: [String: Any] = [
            "entries": result.entries.map { entryView($0, views: views, settings: settings, now: now, inList: true) },
            "empty": result.entries.isEmpty,
            "filters": (["open"] + InboxState.allCases.map(\.rawValue)).map { state -> [String: Any] in
                let count = state == "open" ? backlog.open : backlog.byState[InboxState(rawValue: state)!] ?? 0
                return ["state": state, "label": strings["inbox_state_\(state)", locale], "count": format.number(count), "current": state == filter,
                        "url": "/w/\(workspace.id)/inbox?state=\(state)" + (mine ? "&mine=1" : "")]
            },
            "mine": mine,
            "mineURL": "/w/\(workspace.id)/inbox?state=\(filter)" + (mine ? "" : "&mine=1"),
            "overdue": format.number(backlog.overdue),
            "target": format.duration(minutes: Int64(settings.responseTargetMinutes)),
            "previous": page > 1 ? base + "&page=\(page - 1)" : "",
            "next": result.hasMore && page * Self.pageSize <= QueryInput.maximumOffset ? base + "&page=\(page + 1)" : "",
        ]
        return services.renderer.page("inbox", title: strings["nav_inbox", context.locale], data: data, context: context)
    }

    /// An entry's view; `inList` for a row of the inbox, which shows the item's summary only.
    func entryView(_ entry: InboxEntry, views: MentionViews, settings: WorkspaceSettings, now: Timestamp, inList: Bool = false) -> [String: Any] {
        let strings = services.strings, locale = views.locale
        var view = inList ? views.summary(entry.mention) : views.mention(entry.mention)
        view["entryURL"] = "/w/\(views.workspaceID)/inbox/\(entry.mention.stored.id)"
        view["reason"] = strings["inbox_reason_\(entry.reason.rawValue)", locale]
        view["reasonKey"] = entry.reason.rawValue
        view["state"] = strings["inbox_state_\(entry.state.rawValue)", locale]
        view["stateKey"] = entry.state.rawValue
        view["priority"] = views.format.decimal(InboxTriage.priority(orderKey: entry.orderKey, now: now), digits: 1)
        view["assignee"] = entry.assignee?.displayName as Any
        view["waiting"] = views.format.duration(minutes: (now.epochMilliseconds - entry.waitingSince.epochMilliseconds) / 60_000)
        if entry.state.isOpen, entry.firstResponseAt == nil {
            let left = Int64(settings.responseTargetMinutes) - (now.epochMilliseconds - entry.waitingSince.epochMilliseconds) / 60_000
            view["timeLeft"] = left >= 0
                ? strings.format("inbox_time_left", locale, ["time": views.format.duration(minutes: left)])
                : strings.format("inbox_overdue_by", locale, ["time": views.format.duration(minutes: -left)])
            view["late"] = left < 0
        }
        if let first = entry.firstResponseAt {
            view["firstResponse"] = views.format.duration(minutes: (first.epochMilliseconds - entry.waitingSince.epochMilliseconds) / 60_000)
        }
        return view
    }

    func entry(_ context: WebRequestContext, draft: String, warnings: [ReplyToneCheck.Warning]?, status: HTTPResponse.Status = .ok) async throws -> Response {
        let (workspace, role) = try context.scope()
        let itemID = try itemID(context)
        guard let entry = try await services.store.inboxEntry(itemID: itemID, in: workspace) else { throw WebError.notFound }
        let now = Timestamp.now
        let settings = try await services.store.settings(of: workspace)
        let strings = services.strings, locale = context.locale
        let views = MentionViews(strings: strings, locale: locale, workspaceID: workspace.id)
        let format = LocalFormatting(locale: locale)
        let members = try await services.store.members(of: workspace).filter { $0.role >= .agent }
        let templates = try await services.store.replyTemplates(in: workspace)
        let events = try await services.store.inboxEvents(itemID: itemID, in: workspace)
        var data = entryView(entry, views: views, settings: settings, now: now)
        data["members"] = members.map { ["id": $0.user.id, "name": $0.user.displayName, "selected": $0.user.id == entry.assignee?.id] }
        data["states"] = InboxState.allCases.filter { entry.state.canMove(to: $0) }.map { ["value": $0.rawValue, "label": strings["inbox_action_\($0.rawValue)", locale]] }
        data["templates"] = templates.map { ["url": "/w/\(workspace.id)/inbox/\(itemID)?template=\($0.id)", "name": $0.name, "language": $0.language] }
        data["events"] = events.map { event -> [String: Any] in
            let body: String = switch event.kind {
            case .state: strings["inbox_state_\(event.body)", locale]
            default: event.body
            }
            return ["kind": strings["inbox_event_\(event.kind.rawValue)", locale], "kindKey": event.kind.rawValue, "body": body,
                    "author": event.author ?? "—", "date": format.dateTime(event.createdAt)]
        }
        data["draft"] = draft
        data["canWork"] = role >= .agent
        if let warnings {
            data["checked"] = true
            data["toneOK"] = warnings.isEmpty
            data["warnings"] = warnings.map {
                ["concern": strings["tone_\($0.concern.rawValue)", locale], "evidence": $0.evidence.joined(separator: ", ")]
            }
        }
        return services.renderer.page("inbox-entry", title: strings["nav_inbox", locale], data: data, context: context, status: status)
    }

    func act(_ request: Request, _ context: WebRequestContext) async throws -> Response {
        let (workspace, _) = try context.require(.agent)
        let form = try await FormInput.read(request, context: context)
        let itemID = try itemID(context)
        guard let user = context.user else { throw WebError.notSignedIn }
        let now = Timestamp.now
        let here = "/w/\(workspace.id)/inbox/\(itemID)"
        switch form["action"] {
        case "assign":
            let assignee: Int64?? = form.trimmed("assignee") == "me" ? .some(user.id) : .some(form.trimmed("assignee").flatMap { Int64($0) })
            try await services.store.updateInboxEntry(itemID: itemID, state: nil, assigneeID: assignee, by: user.id, in: workspace, at: now)
        case "state":
            guard let state = form["state"].flatMap(InboxState.init(rawValue:)) else { throw WebError.badRequest(key: "error_filter", values: ["name": "state"]) }
            try await services.store.updateInboxEntry(itemID: itemID, state: state, assigneeID: nil, by: user.id, in: workspace, at: now)
            if form["next"] == "1" { return PageRenderer.redirect(to: "/w/\(workspace.id)/inbox") }
        case "note":
            guard let body = form.trimmed("body") else { throw WebError.badRequest(key: "error_empty", values: ["name": "note"]) }
            try await services.store.addInboxNote(itemID: itemID, body: String(body.prefix(10_000)), by: user.id, in: workspace, at: now)
        case "check", "send":
            let draft = form.trimmed("body") ?? ""
            guard !draft.isEmpty else { return try await entry(context, draft: "", warnings: nil, status: .badRequest) }
            let warnings = ReplyToneCheck(analyzer: services.analyzer).check(draft)
            // Sending a draft that raised warnings needs a second, deliberate click.
            if form["action"] == "check" || (!warnings.isEmpty && form["confirm"] != "1") {
                return try await entry(context, draft: draft, warnings: warnings)
            }
            try await services.store.recordReply(itemID: itemID, body: String(draft.prefix(10_000)), by: user.id, in: workspace, at: now)
        default:
            throw WebError.badRequest(key: "error_bad_request")
        }
        return PageRenderer.redirect(to: here)
    }
}
