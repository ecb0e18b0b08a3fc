import BabillardCore
import BabillardStore
import Foundation
import HTTPTypes
import Hummingbird
import Logging

/// `/api/v1/…`: items, threads, authors, the inbox and its actions, the overview's metrics, for
/// the workspace of the bearer token (see `openapi.json`).
struct APIRoutes {
    let services: WebServices
    var store: any Store { services.store }
    /// The most items a thread answers with; `has_more` says when it was cut.
    static let threadLimit = 2_000

    func register(on group: RouterGroup<WebRequestContext>) {
        group.get("items") { request, context in
            let (workspace, _) = try context.scope()
            let query = try QueryInput(request)
            var mentionQuery = try MentionPages.mentionQuery(query, terms: try await store.watchTermDefinitions(in: workspace))
            mentionQuery.limit = min(max(query.int("limit") ?? 20, 1), 200)
            mentionQuery.offset = try query.offset()
            let page = try await store.mentions(mentionQuery, in: workspace)
            return try json(APIItemList(items: page.mentions.map { APIItem($0) }, has_more: page.hasMore))
        }
        group.get("items/:item") { _, context in
            let (workspace, _) = try context.scope()
            guard let id = context.parameters.get("item", as: Int64.self), let mention = try await store.mention(itemID: id, in: workspace) else {
                throw WebError.notFound
            }
            return try json(APIItem(mention))
        }
        group.get("items/:item/thread") { _, context in
            let (workspace, _) = try context.scope()
            guard let id = context.parameters.get("item", as: Int64.self) else { throw WebError.notFound }
            var entries = try await store.thread(ofItem: id, in: workspace, limit: Self.threadLimit + 1)
            guard !entries.isEmpty else { throw WebError.notFound }
            let truncated = entries.count > Self.threadLimit
            if truncated { entries.removeLast() }
            return try json(APIItemList(items: entries.map { APIItem($0.mention, depth: $0.depth) }, has_more: truncated))
        }
        group.get("authors/:actor") { _, context in
            let (workspace, _) = try context.scope()
            guard let id = context.parameters.get("actor", as: Int64.self), let profile = try await store.author(actorID: id, in: workspace) else {
                throw WebError.notFound
            }
            let iso = { (time: Timestamp?) in time?.iso8601UTC }
            return try json(APIAuthor(
                id: id, platform: profile.identity.platform.rawValue, handle: profile.identity.handle, name: profile.identity.displayName,
                followers: profile.identity.followers, items: profile.items, first_seen: iso(profile.firstSeen), last_seen: iso(profile.lastSeen),
                active_weeks: profile.activeWeeks, positive: profile.positive, neutral: profile.neutral, negative: profile.negative))
        }
        group.get("inbox") { request, context in
            let (workspace, _) = try context.scope()
            let query = try QueryInput(request)
            var states = InboxState.allCases.filter(\.isOpen)
            if let state = query["state"], state != "open" {
                guard let value = InboxState(rawValue: state) else { throw WebError.badRequest(key: "error_filter", values: ["name": "state"]) }
                states = [value]
            }
            let result = try await store.inbox(
                in: workspace, states: states, assigneeID: nil, limit: min(max(query.int("limit") ?? 50, 1), 200), offset: try query.offset())
            let now = Timestamp.now
            return try json(APIInboxList(entries: result.entries.map { Self.entry($0, now: now) }, has_more: result.hasMore))
        }
        group.post("inbox/:item") { request, context in
            let (workspace, _) = try context.require(.agent)
            guard let id = context.parameters.get("item", as: Int64.self) else { throw WebError.notFound }
            let action: APIInboxAction
            do {
                action = try await request.decode(as: APIInboxAction.self, context: context)
            } catch let error as HTTPError where error.status == .contentTooLarge {
                throw WebError.tooLarge
            } catch {
                throw WebError.badRequest(key: "error_json")
            }
            let now = Timestamp.now
            var state: InboxState?
            if let text = action.state {
                guard let value = InboxState(rawValue: text) else { throw WebError.badRequest(key: "error_filter", values: ["name": "state"]) }
                state = value
            }
            guard try await store.inboxEntry(itemID: id, in: workspace) != nil else { throw WebError.notFound }
            if action.unassign == true, action.assignee_id != nil {
                throw WebError.badRequest(key: "error_filter", values: ["name": "unassign/assignee_id"])
            }
            let assignee: Int64?? = action.unassign == true ? .some(nil) : action.assignee_id.map { .some($0) }
            if state != nil || assignee != nil {
                try await store.updateInboxEntry(itemID: id, state: state, assigneeID: assignee, by: nil, in: workspace, at: now)
            }
            if let note = action.note?.trimmingCharacters(in: .whitespacesAndNewlines), !note.isEmpty {
                try await store.addInboxNote(itemID: id, body: note, by: nil, in: workspace, at: now)
            }
            if let reply = action.reply?.trimmingCharacters(in: .whitespacesAndNewlines), !reply.isEmpty {
                try await store.recordReply(itemID: id, body: reply, by: nil, in: workspace, at: now)
            }
            guard let entry = try await store.inboxEntry(itemID: id, in: workspace) else { throw WebError.notFound }
            return try json(Self.entry(entry, now: now))
        }
        group.get("metrics/overview") { request, context in
            let (workspace, _) = try context.scope()
            let days = min(max(try QueryInput(request).int("days") ?? 30, 1), 366)
            let now = Timestamp.now
            let today = now.epochMilliseconds / 86_400_000
            let from = (today - Int64(days) + 1) * 86_400_000, until = (today + 1) * 86_400_000
            let overview = try await store.overview(of: workspace, from: from, until: until, now: now)
            let positive = overview.days.reduce(0) { $0 + $1.positive }, negative = overview.days.reduce(0) { $0 + $1.negative }
            let voices = overview.watchTerms.filter { $0.term.kind == .brand || $0.term.kind == .competitor }
            let voiceTotal = voices.reduce(0) { $0 + $1.items }
            let brand = voices.filter { $0.term.kind == .brand }.reduce(0) { $0 + $1.items }
            let day = { (number: Int64) in Date(timeIntervalSince1970: Double(number) * 86_400).formatted(.iso8601.year().month().day()) }
            return try json(APIOverview(
                from: day(from / 86_400_000), until: day(today), items: overview.days.reduce(0) { $0 + $1.total },
                net_sentiment: positive + negative == 0 ? nil : Double(positive - negative) / Double(positive + negative),
                share_of_voice: voiceTotal == 0 ? nil : Double(brand) / Double(voiceTotal),
                days: overview.days.map { .init(date: day($0.day), items: $0.total, positive: $0.positive, neutral: $0.neutral, negative: $0.negative) },
                watch_terms: overview.watchTerms.map { .init(name: $0.term.name, kind: $0.term.kind.rawValue, items: $0.items) },
                inbox_open: overview.inbox.open, inbox_overdue: overview.inbox.overdue))
        }
    }

    static func entry(_ entry: InboxEntry, now: Timestamp) -> APIInboxEntry {
        let iso = { (time: Timestamp) in time.iso8601UTC }
        return APIInboxEntry(
            item: APIItem(entry.mention), reason: entry.reason.rawValue, state: entry.state.rawValue,
            priority: (InboxTriage.priority(orderKey: entry.orderKey, now: now) * 100).rounded() / 100, assignee_id: entry.assignee?.id,
            waiting_since: iso(entry.waitingSince), first_response_at: entry.firstResponseAt.map(iso))
    }

    func json(_ value: some Encodable) throws -> Response {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.withoutEscapingSlashes]
        var headers = HTTPFields()
        headers[.contentType] = "application/json; charset=utf-8"
        headers[.cacheControl] = "no-store"
        return Response(status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: try encoder.encode(value))))
    }
}
