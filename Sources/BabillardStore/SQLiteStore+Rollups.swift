import BabillardCore
import Foundation
import GRDB

/// Daily roll-ups: items per UTC day by platform, source, sentiment, watch term and author, so
/// that the overview sums a few hundred rows instead of scanning a month of items.
///
/// They are recomputed, never incremented: `refreshDailyRollups` deletes and rebuilds the rows of
/// the days it is given from the items, their analyses, corrections and watch-term matches. The
/// analysis pipeline calls it for the days of the items it analysed; corrections and watch-term
/// changes call it for what they touch. A day is therefore exact after any of those, whatever
/// happened before.
extension SQLiteStore {
    static let day: Int64 = 86_400_000

    /// The UTC days (days since 1970-01-01) on which these items of the workspace were created.
    public func days(ofItems itemIDs: [Int64], in workspace: Workspace) async throws -> Set<Int64> {
        guard !itemIDs.isEmpty else { return [] }
        let workspaceID = workspace.id
        return try await reading("finding the days of items") { db in
            var days: Set<Int64> = []
            for chunk in stride(from: 0, to: itemIDs.count, by: 500).map({ Array(itemIDs[$0..<min($0 + 500, itemIDs.count)]) }) {
                for day in try Int64.fetchAll(
                    db,
                    sql: "SELECT DISTINCT created_at / 86400000 FROM items WHERE id IN (\(databaseQuestionMarks(count: chunk.count))) AND +workspace_id = ? AND created_at IS NOT NULL",
                    arguments: StatementArguments(chunk) + [workspaceID])
                {
                    days.insert(day)
                }
            }
            return days
        }
    }

    /// Whether the workspace has items but no roll-ups yet (a database from before roll-ups).
    public func rollupsMissing(in workspace: Workspace) async throws -> Bool {
        try await reading("checking roll-ups") { db in
            try Bool.fetchOne(
                db,
                sql: """
                    SELECT EXISTS (SELECT 1 FROM items WHERE workspace_id = ? AND created_at IS NOT NULL)
                       AND NOT EXISTS (SELECT 1 FROM daily_rollups WHERE workspace_id = ?)
                    """,
                arguments: [workspace.id, workspace.id]) ?? false
        }
    }

    /// Rebuilds the roll-ups of the given days (every day when nil), one transaction per run of
    /// consecutive days.
    public func refreshDailyRollups(in workspace: Workspace, days: Set<Int64>?) async throws {
        let workspaceID = workspace.id
        let ranges: [(Int64, Int64)]
        if let days {
            ranges = Self.consecutiveRuns(days.sorted())
        } else {
            ranges = [(Int64.min / Self.day / 2, Int64.max / Self.day / 2)]
        }
        for (first, last) in ranges {
            try await writing("summing items per day") { db in
                try Self.rebuildRollups(db, workspaceID: workspaceID, firstDay: first, lastDay: last)
            }
        }
    }

    /// Rebuilds the roll-ups of the days marked in `rollup_dirty_days` (by analyses, watch-term
    /// matches and deletions since their last rebuild); returns how many days were rebuilt.
    @discardableResult
    public func refreshDirtyRollups(in workspace: Workspace) async throws -> Int {
        let workspaceID = workspace.id
        let days = try await reading("finding days to sum again") { db in
            try Int64.fetchAll(db, sql: "SELECT day FROM rollup_dirty_days WHERE workspace_id = ? ORDER BY day", arguments: [workspaceID])
        }
        try await refreshDailyRollups(in: workspace, days: Set(days))
        return days.count
    }

    /// [3, 4, 5, 9] → [(3, 5), (9, 9)].
    static func consecutiveRuns(_ sorted: [Int64]) -> [(Int64, Int64)] {
        var runs: [(Int64, Int64)] = []
        for day in sorted {
            if let last = runs.last, last.1 + 1 == day { runs[runs.count - 1].1 = day } else { runs.append((day, day)) }
        }
        return runs
    }

    static func rebuildRollups(_ db: Database, workspaceID: Int64, firstDay: Int64, lastDay: Int64) throws {
        let start = firstDay == Int64.min / day / 2 ? Int64.min : firstDay * day
        let end = lastDay == Int64.max / day / 2 ? Int64.max : (lastDay + 1) * day
        try db.execute(
            sql: "DELETE FROM daily_rollups WHERE workspace_id = ? AND day >= ? AND day <= ?",
            arguments: [workspaceID, firstDay, lastDay])
        let period: StatementArguments = [workspaceID, start, end]
        let items = "items i WHERE i.workspace_id = ? AND i.created_at >= ? AND i.created_at < ? AND i.deleted_at IS NULL"
        try db.execute(
            sql: """
                INSERT INTO daily_rollups (workspace_id, dimension, day, key, items)
                SELECT i.workspace_id, 'platform', i.created_at / 86400000, i.platform, COUNT(*) FROM \(items) GROUP BY 3, 4
                """,
            arguments: period)
        try db.execute(
            sql: """
                INSERT INTO daily_rollups (workspace_id, dimension, day, key, items)
                SELECT i.workspace_id, 'source', i.created_at / 86400000, i.platform || char(9) || COALESCE(i.channel, ''), COUNT(*)
                FROM \(items) GROUP BY 3, 4
                """,
            arguments: period)
        // Opinions only: items without text (boosts, bare check-ins) say nothing.
        try db.execute(
            sql: """
                INSERT INTO daily_rollups (workspace_id, dimension, day, key, items)
                SELECT i.workspace_id, 'sentiment', i.created_at / 86400000, \(effectiveSentiment), COUNT(*)
                FROM items i JOIN item_analyses ia ON ia.item_id = i.id
                WHERE i.workspace_id = ? AND i.created_at >= ? AND i.created_at < ? AND i.deleted_at IS NULL
                  AND (i.body <> '' OR COALESCE(i.title, '') <> '') GROUP BY 3, 4
                """,
            arguments: period)
        try db.execute(
            sql: """
                INSERT INTO daily_rollups (workspace_id, dimension, day, key, items)
                SELECT i.workspace_id, 'term', i.created_at / 86400000, CAST(m.watch_term_id AS TEXT), COUNT(*)
                FROM items i JOIN item_watch_matches m ON m.item_id = i.id
                WHERE i.workspace_id = ? AND i.created_at >= ? AND i.created_at < ? AND i.deleted_at IS NULL GROUP BY 3, 4
                """,
            arguments: period)
        // The community's authors: the workspace's own accounts are left out.
        try db.execute(
            sql: """
                INSERT INTO daily_rollups (workspace_id, dimension, day, key, items)
                SELECT i.workspace_id, 'author', i.created_at / 86400000, CAST(i.actor_id AS TEXT), COUNT(*)
                FROM items i JOIN actors a ON a.id = i.actor_id
                WHERE i.workspace_id = ? AND i.created_at >= ? AND i.created_at < ? AND i.deleted_at IS NULL
                  AND NOT EXISTS (SELECT 1 FROM own_accounts o WHERE o.workspace_id = a.workspace_id AND o.platform = a.platform
                                  AND o.external_id = a.external_id)
                GROUP BY 3, 4
                """,
            arguments: period)
        try db.execute(
            sql: "DELETE FROM rollup_dirty_days WHERE workspace_id = ? AND day >= ? AND day <= ?", arguments: [workspaceID, firstDay, lastDay])
        try db.execute(
            sql: "INSERT INTO rollup_versions (workspace_id, version) VALUES (?, 1) ON CONFLICT (workspace_id) DO UPDATE SET version = version + 1",
            arguments: [workspaceID])
    }
}
