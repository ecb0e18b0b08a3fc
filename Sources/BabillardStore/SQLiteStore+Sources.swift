import BabillardCore
import GRDB

extension SQLiteStore {
    static let sourceColumns = """
        id, workspace_id, kind, locator, endpoint, label, created_at, etag, last_modified, cursor,
        last_attempt_at, last_success_at, last_error, last_error_at, consecutive_failures, next_fetch_at, items_last_fetch
        """

    static func source(from row: Row) -> SourceRecord {
        func timestamp(_ index: Int) -> Timestamp? {
            (row[index] as Int64?).map { Timestamp(epochMilliseconds: $0) }
        }
        return SourceRecord(
            id: row[0], workspaceID: row[1], kind: SourceKind(rawValue: row[2]) ?? .feed, locator: row[3], endpoint: row[4],
            label: row[5], createdAt: Timestamp(epochMilliseconds: row[6]), etag: row[7], lastModified: row[8], cursor: row[9],
            health: SourceHealth(
                lastAttemptAt: timestamp(10), lastSuccessAt: timestamp(11), lastError: row[12], lastErrorAt: timestamp(13),
                consecutiveFailures: row[14], nextFetchAt: timestamp(15), itemsLastFetch: row[16]
            )
        )
    }

    public func addSource(kind: SourceKind, locator: String, endpoint: String, label: String, in workspace: Workspace, at time: Timestamp) async throws -> SourceRecord {
        let workspaceID = workspace.id
        return try await writing("adding a source") { db in
            try db.execute(
                sql: """
                    INSERT INTO sources (workspace_id, kind, locator, endpoint, label, created_at) VALUES (?, ?, ?, ?, ?, ?)
                    ON CONFLICT (workspace_id, kind, endpoint) DO NOTHING
                    """,
                arguments: [workspaceID, kind.rawValue, locator, endpoint, label, time.epochMilliseconds]
            )
            let row = try Row.fetchOne(
                db,
                sql: "SELECT \(Self.sourceColumns) FROM sources WHERE workspace_id = ? AND kind = ? AND endpoint = ?",
                arguments: [workspaceID, kind.rawValue, endpoint]
            )!
            return Self.source(from: row)
        }
    }

    public func sources(in workspace: Workspace) async throws -> [SourceRecord] {
        let workspaceID = workspace.id
        return try await reading("listing sources") { db in
            try Row.fetchAll(db, sql: "SELECT \(Self.sourceColumns) FROM sources WHERE workspace_id = ? ORDER BY id", arguments: [workspaceID])
                .map(Self.source(from:))
        }
    }

    public func recordFetch(_ outcome: SourceFetchOutcome, forSource sourceID: Int64, in workspace: Workspace) async throws -> SourceRecord {
        let workspaceID = workspace.id
        return try await writing("recording a fetch") { db in
            let at = outcome.attemptedAt.epochMilliseconds
            if let error = outcome.error {
                try db.execute(
                    sql: """
                        UPDATE sources SET last_attempt_at = ?, last_error = ?, last_error_at = ?,
                            consecutive_failures = consecutive_failures + 1, next_fetch_at = ?
                        WHERE id = ? AND workspace_id = ?
                        """,
                    arguments: [at, error, at, outcome.nextFetchAt?.epochMilliseconds, sourceID, workspaceID]
                )
            } else {
                try db.execute(
                    sql: """
                        UPDATE sources SET last_attempt_at = ?, last_success_at = ?, consecutive_failures = 0,
                            etag = COALESCE(?, etag), last_modified = COALESCE(?, last_modified), cursor = COALESCE(?, cursor),
                            next_fetch_at = ?, items_last_fetch = ?
                        WHERE id = ? AND workspace_id = ?
                        """,
                    arguments: [
                        at, at, outcome.etag, outcome.lastModified, outcome.cursor, outcome.nextFetchAt?.epochMilliseconds,
                        outcome.itemsRead, sourceID, workspaceID,
                    ]
                )
            }
            guard let row = try Row.fetchOne(
                db, sql: "SELECT \(Self.sourceColumns) FROM sources WHERE id = ? AND workspace_id = ?", arguments: [sourceID, workspaceID]
            ) else {
                throw StoreError(.notFound, "There is no source \(sourceID) in workspace \(workspace.name).")
            }
            return Self.source(from: row)
        }
    }

    public func removeSource(_ sourceID: Int64, in workspace: Workspace) async throws -> Bool {
        let workspaceID = workspace.id
        return try await writing("removing a source") { db in
            try db.execute(sql: "DELETE FROM sources WHERE id = ? AND workspace_id = ?", arguments: [sourceID, workspaceID])
            return db.changesCount > 0
        }
    }
}
