import BabillardCore
import Foundation
import GRDB

/// The inbox: what deserves an answer, who has it, what was said and answered.
extension SQLiteStore {
    /// Adds to the inbox the analysed items of the last `InboxTriage.windowMilliseconds` before
    /// `now` that deserve an answer and are not in it yet (people's corrections applied). Returns
    /// how many entered. Runs after every analysis and correction; items already there stay as they are.
    @discardableResult
    public func refreshInbox(in workspace: Workspace, now: Timestamp) async throws -> Int {
        let workspaceID = workspace.id
        let since = now.epochMilliseconds - InboxTriage.windowMilliseconds
        return try await writing("filling the inbox") { db in
            let rows = try Row.fetchAll(
                db,
                sql: """
                    SELECT i.id, i.created_at, a.followers,
                           CASE WHEN EXISTS (SELECT 1 FROM corrections c WHERE c.workspace_id = i.workspace_id AND c.item_id = i.id AND c.field = 'sentiment')
                                THEN (CASE \(Self.effectiveSentiment) WHEN 'negative' THEN -1.0 WHEN 'positive' THEN 1.0 ELSE 0.0 END)
                                ELSE ia.sentiment_score END,
                           \(Self.effectiveSentiment),
                           (SELECT group_concat(n.intent) FROM item_intents n WHERE n.item_id = i.id),
                           EXISTS (SELECT 1 FROM items p JOIN actors pa ON pa.id = p.actor_id
                                   JOIN own_accounts o ON o.workspace_id = p.workspace_id AND o.platform = pa.platform AND o.external_id = pa.external_id
                                   WHERE p.workspace_id = i.workspace_id AND p.platform = i.platform AND p.external_id = i.parent_external_id)
                    FROM items i JOIN item_analyses ia ON ia.item_id = i.id LEFT JOIN actors a ON a.id = i.actor_id
                    WHERE i.workspace_id = ? AND i.created_at >= ? AND i.created_at <= ? AND i.deleted_at IS NULL
                      AND i.kind <> 'reshare' AND NOT EXISTS (SELECT 1 FROM inbox_entries e WHERE e.item_id = i.id)
                      AND NOT EXISTS (SELECT 1 FROM own_accounts o WHERE o.workspace_id = i.workspace_id AND o.platform = a.platform
                                      AND o.external_id = a.external_id)
                    """,
                arguments: [workspaceID, since, now.epochMilliseconds])
            let insert = try db.cachedStatement(sql: """
                INSERT INTO inbox_entries (item_id, workspace_id, reason, order_key, state, waiting_since, updated_at)
                VALUES (?, ?, ?, ?, 'new', ?, ?)
                """)
            var added = 0
            for row in rows {
                let intents = (row[5] as String?).map(StoredAnalysisColumns.intents) ?? []
                guard let reason = InboxTriage.reason(
                    intents: intents, sentimentLabel: row[4], sentimentScore: row[3], repliesToBrand: (row[6] as Int) == 1)
                else { continue }
                let created: Int64 = row[1]
                let key = InboxTriage.orderKey(reason: reason, sentimentScore: row[3], followers: row[2], createdAtMilliseconds: created)
                // Waiting starts when the item could be seen: an old complaint imported today is not late already.
                try insert.execute(arguments: [row[0], workspaceID, reason.rawValue, key, max(created, now.epochMilliseconds - InboxTriage.importGraceMilliseconds), now.epochMilliseconds])
                added += 1
            }
            return added
        }
    }

    static func backlog(db: Database, workspaceID: Int64, settings: WorkspaceSettings, now: Timestamp) throws -> InboxBacklog {
        var byState: [InboxState: Int] = [:]
        for row in try Row.fetchAll(db, sql: "SELECT state, entries FROM inbox_state_counts WHERE workspace_id = ?", arguments: [workspaceID]) {
            if let state = InboxState(rawValue: row[0]) { byState[state] = row[1] }
        }
        let deadline = now.epochMilliseconds - Int64(settings.responseTargetMinutes) * 60_000
        let overdue = try Int.fetchOne(
            db,
            sql: "SELECT COUNT(*) FROM inbox_entries WHERE workspace_id = ? AND \(unansweredInboxStates) AND waiting_since < ?",
            arguments: [workspaceID, deadline]) ?? 0
        return InboxBacklog(byState: byState, overdue: overdue)
    }

    public func inboxBacklog(of workspace: Workspace, now: Timestamp) async throws -> InboxBacklog {
        let settings = try await settings(of: workspace)
        let workspaceID = workspace.id
        return try await reading("counting the inbox") { db in try Self.backlog(db: db, workspaceID: workspaceID, settings: settings, now: now) }
    }

    /// The WHERE clauses of the partial indexes of migration 0007, word for word: SQLite uses a
    /// partial index only when the query repeats its condition, and bound parameters do not count.
    static let openInboxStates = "state IN ('new', 'assigned', 'waiting')"
    static let unansweredInboxStates = "state IN ('new', 'assigned') AND first_response_at IS NULL"

    static let entryColumns = "e.reason, e.order_key, e.state, e.waiting_since, e.first_response_at, \(userColumns)"

    static func entries(from rows: [Row], workspaceID: Int64, db: Database) throws -> [InboxEntry] {
        let mentions = try mentions(from: rows, workspaceID: workspaceID, db: db)
        return zip(rows, mentions).map { row, mention in
            let base = SQLiteStore.mentionColumnCount
            return InboxEntry(
                mention: mention, reason: InboxReason(rawValue: row[base]) ?? .question, orderKey: row[base + 1],
                state: InboxState(rawValue: row[base + 2]) ?? .new, assignee: row[base + 5] == nil ? nil : user(from: row, at: base + 5),
                waitingSince: Timestamp(epochMilliseconds: row[base + 3]),
                firstResponseAt: (row[base + 4] as Int64?).map { Timestamp(epochMilliseconds: $0) })
        }
    }

    /// Entries in the given states, highest priority first; only one person's when `assigneeID` is set.
    public func inbox(
        in workspace: Workspace, states: [InboxState], assigneeID: Int64? = nil, limit: Int = 50, offset: Int = 0
    ) async throws -> (entries: [InboxEntry], hasMore: Bool) {
        let workspaceID = workspace.id
        let states = states.isEmpty ? InboxState.allCases.filter(\.isOpen) : states
        var arguments: StatementArguments = [workspaceID]
        let stateCondition: String
        if Set(states) == Set(InboxState.allCases.filter(\.isOpen)) {
            stateCondition = "e.\(Self.openInboxStates)"
        } else {
            stateCondition = "e.state IN (\(databaseQuestionMarks(count: states.count)))"
            arguments += StatementArguments(states.map(\.rawValue))
        }
        var condition = ""
        if let assigneeID {
            condition = " AND e.assignee_id = ?"
            arguments += [assigneeID]
        }
        let limit = max(1, min(limit, 500))
        arguments += [limit + 1, max(0, offset)]
        let sql = """
            SELECT \(Self.mentionColumns), \(Self.entryColumns) FROM inbox_entries e JOIN items i ON i.id = e.item_id \(Self.mentionJoins)
            LEFT JOIN users u ON u.id = e.assignee_id
            WHERE e.workspace_id = ? AND \(stateCondition)\(condition) AND i.deleted_at IS NULL
            ORDER BY e.order_key DESC LIMIT ? OFFSET ?
            """
        let frozen = arguments
        return try await reading("reading the inbox") { db in
            var rows = try Row.fetchAll(db.cachedStatement(sql: sql), arguments: frozen)
            let hasMore = rows.count > limit
            if hasMore { rows.removeLast() }
            return (try Self.entries(from: rows, workspaceID: workspaceID, db: db), hasMore)
        }
    }

    /// The inbox entry of an item of this workspace, or nil.
    public func inboxEntry(itemID: Int64, in workspace: Workspace) async throws -> InboxEntry? {
        let workspaceID = workspace.id
        return try await reading("reading an inbox entry") { db in
            let rows = try Row.fetchAll(
                db,
                sql: """
                    SELECT \(Self.mentionColumns), \(Self.entryColumns) FROM inbox_entries e JOIN items i ON i.id = e.item_id \(Self.mentionJoins)
                    LEFT JOIN users u ON u.id = e.assignee_id WHERE e.item_id = ? AND e.workspace_id = ?
                    """,
                arguments: [itemID, workspaceID])
            return try Self.entries(from: rows, workspaceID: workspaceID, db: db).first
        }
    }

    /// Puts an item in the inbox by hand (any item of the workspace); false when it already is.
    public func addToInbox(itemID: Int64, in workspace: Workspace, at time: Timestamp) async throws -> Bool {
        let workspaceID = workspace.id
        return try await writing("adding an item to the inbox") { db in
            guard let row = try Row.fetchOne(
                db,
                sql: """
                    SELECT i.created_at, a.followers, COALESCE(ia.sentiment_score, 0) FROM items i LEFT JOIN actors a ON a.id = i.actor_id
                    LEFT JOIN item_analyses ia ON ia.item_id = i.id WHERE i.id = ? AND i.workspace_id = ?
                    """,
                arguments: [itemID, workspaceID])
            else { throw StoreError(.notFound, "There is no item \(itemID) in this workspace.") }
            let created = (row[0] as Int64?) ?? time.epochMilliseconds
            let key = InboxTriage.orderKey(reason: .question, sentimentScore: row[2], followers: row[1], createdAtMilliseconds: created)
            try db.execute(
                sql: """
                    INSERT INTO inbox_entries (item_id, workspace_id, reason, order_key, state, waiting_since, updated_at)
                    VALUES (?, ?, 'question', ?, 'new', ?, ?) ON CONFLICT (item_id) DO NOTHING
                    """,
                arguments: [itemID, workspaceID, key, created, time.epochMilliseconds])
            return db.changesCount > 0
        }
    }

    /// Moves an entry to another state and/or assignee, recording who did it. The assignee must be
    /// a member of the workspace. Assigning a new entry makes it `assigned`.
    public func updateInboxEntry(
        itemID: Int64, state: InboxState?, assigneeID: Int64??, by userID: Int64?, in workspace: Workspace, at time: Timestamp
    ) async throws {
        let workspaceID = workspace.id
        try await writing("updating an inbox entry") { db in
            guard let current = try Row.fetchOne(
                db, sql: "SELECT state, assignee_id FROM inbox_entries WHERE item_id = ? AND workspace_id = ?", arguments: [itemID, workspaceID])
            else { throw StoreError(.notFound, "Item \(itemID) is not in this workspace's inbox.") }
            var newState = InboxState(rawValue: current[0]) ?? .new
            if let assigneeID {
                if let assigneeID, try Int.fetchOne(
                    db, sql: "SELECT 1 FROM workspace_members WHERE workspace_id = ? AND user_id = ?", arguments: [workspaceID, assigneeID]) == nil
                {
                    throw StoreError(.conflict, "That person is not a member of this workspace; add them to the team first.")
                }
                if (current[1] as Int64?) != assigneeID {
                    try db.execute(sql: "UPDATE inbox_entries SET assignee_id = ?, updated_at = ? WHERE item_id = ?", arguments: [assigneeID, time.epochMilliseconds, itemID])
                    let name = try assigneeID.flatMap { try String.fetchOne(db, sql: "SELECT display_name FROM users WHERE id = ?", arguments: [$0]) } ?? ""
                    try Self.recordEvent(db, workspaceID: workspaceID, itemID: itemID, userID: userID, kind: .assign, body: name, at: time)
                    if assigneeID != nil, newState == .new, state == nil { newState = .assigned }
                    // Nobody has it any more: it is new again for the team.
                    if assigneeID == nil, newState == .assigned, state == nil { newState = .new }
                }
            }
            if let state { newState = state }
            let before = InboxState(rawValue: current[0]) ?? .new
            if newState != before {
                guard before.canMove(to: newState) || (newState == .new && before == .assigned && assigneeID == .some(nil)) else {
                    throw StoreError(.conflict, "An inbox entry cannot go from \(before.rawValue) back to \(newState.rawValue).")
                }
                try db.execute(
                    sql: "UPDATE inbox_entries SET state = ?, closed_at = ?, updated_at = ? WHERE item_id = ?",
                    arguments: [newState.rawValue, newState.isOpen ? nil : time.epochMilliseconds, time.epochMilliseconds, itemID])
                try Self.recordEvent(db, workspaceID: workspaceID, itemID: itemID, userID: userID, kind: .state, body: newState.rawValue, at: time)
            }
        }
    }

    /// Records an internal note on an entry.
    public func addInboxNote(itemID: Int64, body: String, by userID: Int64?, in workspace: Workspace, at time: Timestamp) async throws {
        let workspaceID = workspace.id
        try await writing("adding a note") { db in
            try Self.requireEntry(db, itemID: itemID, workspaceID: workspaceID)
            try Self.recordEvent(db, workspaceID: workspaceID, itemID: itemID, userID: userID, kind: .note, body: body, at: time)
        }
    }

    /// Records a reply sent to the item's author: the first one sets the first-response time, and
    /// an entry that was new or assigned now waits for the author.
    public func recordReply(itemID: Int64, body: String, by userID: Int64?, in workspace: Workspace, at time: Timestamp) async throws {
        let workspaceID = workspace.id
        try await writing("recording a reply") { db in
            let state = try Self.requireEntry(db, itemID: itemID, workspaceID: workspaceID)
            try Self.recordEvent(db, workspaceID: workspaceID, itemID: itemID, userID: userID, kind: .reply, body: body, at: time)
            try db.execute(
                sql: "UPDATE inbox_entries SET first_response_at = COALESCE(first_response_at, ?), updated_at = ? WHERE item_id = ?",
                arguments: [time.epochMilliseconds, time.epochMilliseconds, itemID])
            if state == .new || state == .assigned {
                try db.execute(sql: "UPDATE inbox_entries SET state = 'waiting' WHERE item_id = ?", arguments: [itemID])
                try Self.recordEvent(db, workspaceID: workspaceID, itemID: itemID, userID: userID, kind: .state, body: InboxState.waiting.rawValue, at: time)
            }
        }
    }

    @discardableResult
    static func requireEntry(_ db: Database, itemID: Int64, workspaceID: Int64) throws -> InboxState {
        guard let state = try String.fetchOne(
            db, sql: "SELECT state FROM inbox_entries WHERE item_id = ? AND workspace_id = ?", arguments: [itemID, workspaceID])
        else { throw StoreError(.notFound, "Item \(itemID) is not in this workspace's inbox.") }
        return InboxState(rawValue: state) ?? .new
    }

    static func recordEvent(_ db: Database, workspaceID: Int64, itemID: Int64, userID: Int64?, kind: InboxEvent.Kind, body: String, at time: Timestamp) throws {
        try db.execute(
            sql: "INSERT INTO inbox_events (workspace_id, item_id, user_id, kind, body, created_at) VALUES (?, ?, ?, ?, ?, ?)",
            arguments: [workspaceID, itemID, userID, kind.rawValue, body, time.epochMilliseconds])
    }

    /// What happened to an entry, oldest first.
    public func inboxEvents(itemID: Int64, in workspace: Workspace) async throws -> [InboxEvent] {
        try await reading("reading an entry's history") { db in
            try Row.fetchAll(
                db,
                sql: """
                    SELECT v.id, v.kind, v.body, u.display_name, v.created_at FROM inbox_events v LEFT JOIN users u ON u.id = v.user_id
                    WHERE v.workspace_id = ? AND v.item_id = ? ORDER BY v.id
                    """,
                arguments: [workspace.id, itemID]
            ).map { row in
                InboxEvent(
                    id: row[0], kind: InboxEvent.Kind(rawValue: row[1]) ?? .note, body: row[2], author: row[3],
                    createdAt: Timestamp(epochMilliseconds: row[4]))
            }
        }
    }

    // MARK: Own accounts

    /// Marks an account as the workspace's own (idempotent).
    public func addOwnAccount(platform: Platform, externalID: String, in workspace: Workspace) async throws {
        let workspaceID = workspace.id
        try await writing("recording an own account") { db in
            try db.execute(
                sql: "INSERT INTO own_accounts (workspace_id, platform, external_id) VALUES (?, ?, ?) ON CONFLICT DO NOTHING",
                arguments: [workspaceID, platform.rawValue, externalID])
        }
    }

    /// The workspace's own accounts, with what is known of their profiles.
    public func ownAccounts(in workspace: Workspace) async throws -> [ActorIdentity] {
        try await reading("reading own accounts") { db in
            try Row.fetchAll(
                db,
                sql: """
                    SELECT o.platform, o.external_id, a.handle, a.display_name, a.profile_url, a.followers, a.following, a.is_bot
                    FROM own_accounts o LEFT JOIN actors a ON a.workspace_id = o.workspace_id AND a.platform = o.platform AND a.external_id = o.external_id
                    WHERE o.workspace_id = ? ORDER BY o.platform, o.external_id
                    """,
                arguments: [workspace.id]
            ).map { Self.identity(from: $0, at: 0) }
        }
    }

    // MARK: Reply templates

    public func replyTemplates(in workspace: Workspace) async throws -> [ReplyTemplate] {
        try await reading("reading reply templates") { db in
            try Row.fetchAll(
                db, sql: "SELECT id, name, language, body FROM reply_templates WHERE workspace_id = ? ORDER BY language, name",
                arguments: [workspace.id]
            ).map { ReplyTemplate(id: $0[0], name: $0[1], language: $0[2], body: $0[3]) }
        }
    }

    /// Saves a template (replacing the one with the same name and language).
    public func saveReplyTemplate(_ template: ReplyTemplate, in workspace: Workspace) async throws {
        let workspaceID = workspace.id
        try await writing("saving a reply template") { db in
            try db.execute(
                sql: """
                    INSERT INTO reply_templates (workspace_id, name, language, body) VALUES (?, ?, ?, ?)
                    ON CONFLICT (workspace_id, name, language) DO UPDATE SET body = excluded.body
                    """,
                arguments: [workspaceID, template.name, template.language, template.body])
        }
    }

    public func deleteReplyTemplate(id: Int64, in workspace: Workspace) async throws -> Bool {
        let workspaceID = workspace.id
        return try await writing("deleting a reply template") { db in
            try db.execute(sql: "DELETE FROM reply_templates WHERE id = ? AND workspace_id = ?", arguments: [id, workspaceID])
            return db.changesCount > 0
        }
    }
}
