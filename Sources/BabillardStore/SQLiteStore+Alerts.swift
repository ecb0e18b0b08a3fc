import BabillardCore
import Foundation
import GRDB

/// Alerts, their webhooks and deliveries.
extension SQLiteStore {
    static let alertColumns = "al.id, al.workspace_id, al.kind, al.item_id, al.raised_at, al.value, al.threshold, al.summary, al.acknowledged_at"

    static func alert(from row: Row, at index: Int = 0) -> AlertRecord {
        AlertRecord(
            id: row[index], workspaceID: row[index + 1], kind: AlertRecord.Kind(rawValue: row[index + 2]) ?? .negativeSpike, itemID: row[index + 3],
            raisedAt: Timestamp(epochMilliseconds: row[index + 4]), value: row[index + 5], threshold: row[index + 6], summary: row[index + 7],
            acknowledgedAt: (row[index + 8] as Int64?).map { Timestamp(epochMilliseconds: $0) })
    }

    /// Negative items (corrections applied) in the 24 hours before `now`, then in each of the
    /// `days` 24-hour windows before that, most recent first.
    public func negativeVolumes(in workspace: Workspace, now: Timestamp, days: Int = 7) async throws -> (lastDay: Int, previousDays: [Int]) {
        let workspaceID = workspace.id
        let end = now.epochMilliseconds
        return try await reading("counting negative items") { db in
            var windows = [Int](repeating: 0, count: days + 1)
            for row in try Row.fetchAll(
                db,
                sql: """
                    SELECT (? - 1 - i.created_at) / 86400000, COUNT(*) FROM items i JOIN item_analyses ia ON ia.item_id = i.id
                    WHERE i.workspace_id = ? AND i.created_at >= ? AND i.created_at < ? AND i.deleted_at IS NULL
                      AND \(Self.effectiveSentiment) = 'negative' GROUP BY 1
                    """,
                arguments: [end, workspaceID, end - Int64(days + 1) * Self.day, end])
            {
                let window: Int = row[0]
                if windows.indices.contains(window) { windows[window] = row[1] }
            }
            return (windows[0], Array(windows.dropFirst()))
        }
    }

    /// When the workspace last raised an alert of this kind.
    public func lastAlert(_ kind: AlertRecord.Kind, in workspace: Workspace) async throws -> Timestamp? {
        try await reading("reading alerts") { db in
            try Int64.fetchOne(db, sql: "SELECT MAX(raised_at) FROM alerts WHERE workspace_id = ? AND kind = ?", arguments: [workspace.id, kind.rawValue])
                .map { Timestamp(epochMilliseconds: $0) }
        }
    }

    /// Items created since `since` by authors with at least `followers` followers (the
    /// workspace's own accounts excepted) that have not raised this alert yet.
    public func influentialCandidates(in workspace: Workspace, since: Timestamp, followers: Int64) async throws -> [AlertCandidate] {
        try await reading("finding influential authors") { db in
            try Row.fetchAll(
                db,
                sql: """
                    SELECT i.id, a.followers, COALESCE(a.display_name, a.handle, a.external_id) FROM items i JOIN actors a ON a.id = i.actor_id
                    WHERE i.workspace_id = ? AND i.created_at >= ? AND i.deleted_at IS NULL AND a.followers >= ? AND i.kind <> 'reshare'
                      AND NOT EXISTS (SELECT 1 FROM own_accounts o WHERE o.workspace_id = a.workspace_id AND o.platform = a.platform AND o.external_id = a.external_id)
                      AND NOT EXISTS (SELECT 1 FROM alerts al WHERE al.workspace_id = i.workspace_id AND al.kind = 'influential_mention' AND al.item_id = i.id)
                    ORDER BY i.created_at LIMIT 100
                    """,
                arguments: [workspace.id, since.epochMilliseconds, followers]
            ).map { AlertCandidate(itemID: $0[0], value: Double($0[1] as Int64), author: $0[2]) }
        }
    }

    /// Complaints still new or assigned, never answered, waiting longer than the target, that
    /// have not raised this alert yet; `value` is the minutes waited.
    public func overdueComplaints(in workspace: Workspace, now: Timestamp, targetMinutes: Int) async throws -> [AlertCandidate] {
        try await reading("finding overdue complaints") { db in
            try Row.fetchAll(
                db,
                sql: """
                    SELECT e.item_id, (? - e.waiting_since) / 60000, COALESCE(a.display_name, a.handle, a.external_id, '')
                    FROM inbox_entries e JOIN items i ON i.id = e.item_id LEFT JOIN actors a ON a.id = i.actor_id
                    WHERE e.workspace_id = ? AND e.reason = 'complaint' AND e.state IN ('new', 'assigned') AND e.first_response_at IS NULL
                      AND e.waiting_since < ?
                      AND NOT EXISTS (SELECT 1 FROM alerts al WHERE al.workspace_id = e.workspace_id AND al.kind = 'overdue_complaint' AND al.item_id = e.item_id)
                    ORDER BY e.waiting_since LIMIT 100
                    """,
                arguments: [now.epochMilliseconds, workspace.id, now.epochMilliseconds - Int64(targetMinutes) * 60_000]
            ).map { AlertCandidate(itemID: $0[0], value: Double($0[1] as Int64), author: $0[2]) }
        }
    }

    /// Records an alert and queues it for every webhook of the workspace, in one transaction;
    /// nil when this item already raised this kind of alert.
    public func raiseAlert(
        _ kind: AlertRecord.Kind, itemID: Int64?, value: Double, threshold: Double, summary: String, in workspace: Workspace, at time: Timestamp
    ) async throws -> AlertRecord? {
        let workspaceID = workspace.id
        return try await writing("raising an alert") { db in
            try db.execute(
                sql: """
                    INSERT INTO alerts (workspace_id, kind, item_id, raised_at, value, threshold, summary) VALUES (?, ?, ?, ?, ?, ?, ?)
                    ON CONFLICT DO NOTHING
                    """,
                arguments: [workspaceID, kind.rawValue, itemID, time.epochMilliseconds, value, threshold, summary])
            guard db.changesCount > 0 else { return nil }
            let id = db.lastInsertedRowID
            try db.execute(
                sql: """
                    INSERT INTO webhook_deliveries (workspace_id, webhook_id, alert_id, next_attempt_at)
                    SELECT workspace_id, id, ?, ? FROM webhooks WHERE workspace_id = ?
                    """,
                arguments: [id, time.epochMilliseconds, workspaceID])
            return AlertRecord(
                id: id, workspaceID: workspaceID, kind: kind, itemID: itemID, raisedAt: time, value: value, threshold: threshold, summary: summary,
                acknowledgedAt: nil)
        }
    }

    /// The workspace's alerts, newest first; only those not acknowledged when `openOnly`.
    public func alerts(in workspace: Workspace, openOnly: Bool, limit: Int) async throws -> [AlertRecord] {
        try await reading("reading alerts") { db in
            try Row.fetchAll(
                db,
                sql: """
                    SELECT \(Self.alertColumns) FROM alerts al WHERE al.workspace_id = ?\(openOnly ? " AND al.acknowledged_at IS NULL" : "")
                    ORDER BY al.raised_at DESC, al.id DESC LIMIT ?
                    """,
                arguments: [workspace.id, max(1, min(limit, 1000))]
            ).map { Self.alert(from: $0) }
        }
    }

    public func openAlertCount(in workspace: Workspace) async throws -> Int {
        try await reading("counting alerts") { db in
            try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM alerts WHERE workspace_id = ? AND acknowledged_at IS NULL", arguments: [workspace.id]) ?? 0
        }
    }

    /// Marks an alert of this workspace seen; false when there is no such open alert.
    public func acknowledgeAlert(id: Int64, by userID: Int64?, in workspace: Workspace, at time: Timestamp) async throws -> Bool {
        let workspaceID = workspace.id
        return try await writing("acknowledging an alert") { db in
            try db.execute(
                sql: "UPDATE alerts SET acknowledged_at = ?, acknowledged_by = ? WHERE id = ? AND workspace_id = ? AND acknowledged_at IS NULL",
                arguments: [time.epochMilliseconds, userID, id, workspaceID])
            return db.changesCount > 0
        }
    }

    // MARK: Webhooks

    public func addWebhook(url: String, secret: String, in workspace: Workspace, at time: Timestamp) async throws -> WebhookRecord {
        let workspaceID = workspace.id
        return try await writing("adding a webhook") { db in
            try db.execute(
                sql: "INSERT INTO webhooks (workspace_id, url, secret, created_at) VALUES (?, ?, ?, ?)",
                arguments: [workspaceID, url, secret, time.epochMilliseconds])
            return WebhookRecord(id: db.lastInsertedRowID, url: url, secret: secret, createdAt: time)
        }
    }

    public func webhooks(in workspace: Workspace) async throws -> [WebhookRecord] {
        try await reading("reading webhooks") { db in
            try Row.fetchAll(db, sql: "SELECT id, url, secret, created_at FROM webhooks WHERE workspace_id = ? ORDER BY id", arguments: [workspace.id])
                .map { WebhookRecord(id: $0[0], url: $0[1], secret: $0[2], createdAt: Timestamp(epochMilliseconds: $0[3])) }
        }
    }

    /// Removes a webhook of this workspace and its pending deliveries.
    public func removeWebhook(id: Int64, in workspace: Workspace) async throws -> Bool {
        let workspaceID = workspace.id
        return try await writing("removing a webhook") { db in
            try db.execute(sql: "DELETE FROM webhook_deliveries WHERE webhook_id = ? AND workspace_id = ?", arguments: [id, workspaceID])
            try db.execute(sql: "DELETE FROM webhooks WHERE id = ? AND workspace_id = ?", arguments: [id, workspaceID])
            return db.changesCount > 0
        }
    }

    /// Deliveries due at `now`, in every workspace, oldest first.
    public func claimDueDeliveries(at now: Timestamp, limit: Int, leaseMinutes: Int64) async throws -> [WebhookDelivery] {
        try await writing("claiming webhook deliveries") { db in
            let deliveries = try Row.fetchAll(
                db,
                sql: """
                    SELECT d.id, d.attempts, w.id, w.url, w.secret, w.created_at, \(Self.alertColumns)
                    FROM webhook_deliveries d JOIN webhooks w ON w.id = d.webhook_id JOIN alerts al ON al.id = d.alert_id
                    WHERE d.next_attempt_at IS NOT NULL AND d.next_attempt_at <= ? ORDER BY d.next_attempt_at LIMIT ?
                    """,
                arguments: [now.epochMilliseconds, limit]
            ).map { row in
                WebhookDelivery(
                    id: row[0],
                    webhook: WebhookRecord(id: row[2], url: row[3], secret: row[4], createdAt: Timestamp(epochMilliseconds: row[5])),
                    alert: Self.alert(from: row, at: 6), attempts: row[1])
            }
            let claim = try db.cachedStatement(sql: "UPDATE webhook_deliveries SET next_attempt_at = ? WHERE id = ?")
            for delivery in deliveries {
                try claim.execute(arguments: [now.epochMilliseconds + leaseMinutes * 60_000, delivery.id])
            }
            return deliveries
        }
    }

    /// Records an attempt: delivered, or failed with the next attempt's time (nil: give up).
    public func recordDeliveryAttempt(id: Int64, delivered: Bool, error: String?, nextAttempt: Timestamp?, at time: Timestamp) async throws {
        try await writing("recording a webhook delivery") { db in
            try db.execute(
                sql: """
                    UPDATE webhook_deliveries SET attempts = attempts + 1, delivered_at = ?, last_error = ?, next_attempt_at = ? WHERE id = ?
                    """,
                arguments: [delivered ? time.epochMilliseconds : nil, error, delivered ? nil : nextAttempt?.epochMilliseconds, id])
        }
    }

    /// How deliveries of a workspace's alerts went: (delivered, pending, failed for good).
    public func deliveryCounts(in workspace: Workspace) async throws -> (delivered: Int, pending: Int, failed: Int) {
        try await reading("counting webhook deliveries") { db in
            let row = try Row.fetchOne(
                db,
                sql: """
                    SELECT COALESCE(SUM(delivered_at IS NOT NULL), 0), COALESCE(SUM(delivered_at IS NULL AND next_attempt_at IS NOT NULL), 0),
                           COALESCE(SUM(delivered_at IS NULL AND next_attempt_at IS NULL), 0)
                    FROM webhook_deliveries WHERE workspace_id = ?
                    """,
                arguments: [workspace.id])!
            return (row[0], row[1], row[2])
        }
    }
}
