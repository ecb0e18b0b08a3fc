import BabillardCore
import GRDB

extension SQLiteStore {
    // MARK: Analysis

    /// Pages walk the primary key (`i.id > ?`, `ORDER BY i.id`). The unary `+` on the workspace
    /// test keeps SQLite from choosing `items_by_time (workspace_id, …)` instead, which would read
    /// and sort the whole workspace for every page (quadratic: minutes for 100,000 items).
    public func analysisInputs(
        in workspace: Workspace, analyzerVersion: String, everything: Bool, afterID: Int64, limit: Int
    ) async throws -> [AnalysisInput] {
        let workspaceID = workspace.id
        return try await reading("reading items to analyse") { db in
            let pendingCondition = everything ? "" : """
                AND (a.item_id IS NULL OR a.analyzer_version <> ? OR a.content_hash <> i.content_hash)
                """
            var arguments: StatementArguments = [workspaceID, afterID]
            if !everything { arguments += [analyzerVersion] }
            arguments += [limit]
            return try Row.fetchAll(
                db,
                sql: """
                    SELECT i.id, i.kind, i.title, i.body, i.language, i.content_hash FROM items i
                    LEFT JOIN item_analyses a ON a.item_id = i.id
                    WHERE +i.workspace_id = ? AND i.id > ? AND i.deleted_at IS NULL \(pendingCondition)
                    ORDER BY i.id LIMIT ?
                    """,
                arguments: arguments
            ).map { AnalysisInput(itemID: $0[0], kind: $0[1], title: $0[2], body: $0[3], declaredLanguage: $0[4], contentHash: $0[5]) }
        }
    }

    public func pendingAnalysisCount(in workspace: Workspace, analyzerVersion: String, everything: Bool) async throws -> Int {
        let workspaceID = workspace.id
        return try await reading("counting items to analyse") { db in
            if everything {
                return try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM items WHERE workspace_id = ? AND deleted_at IS NULL", arguments: [workspaceID]) ?? 0
            }
            return try Int.fetchOne(
                db,
                sql: """
                    SELECT COUNT(*) FROM items i LEFT JOIN item_analyses a ON a.item_id = i.id
                    WHERE i.workspace_id = ? AND i.deleted_at IS NULL
                      AND (a.item_id IS NULL OR a.analyzer_version <> ? OR a.content_hash <> i.content_hash)
                    """,
                arguments: [workspaceID, analyzerVersion]
            ) ?? 0
        }
    }

    /// Fingerprints of the items already analysed, by item id, to seed near-duplicate grouping.
    public func analyzedFingerprints(in workspace: Workspace, analyzerVersion: String) async throws -> [(itemID: Int64, fingerprint: Int64)] {
        let workspaceID = workspace.id
        return try await reading("reading fingerprints") { db in
            var result: [(itemID: Int64, fingerprint: Int64)] = []
            // Only analyses that are current: same analyzer, unchanged text, item not deleted.
            let cursor = try Row.fetchCursor(
                db,
                sql: """
                    SELECT a.item_id, a.fingerprint FROM item_analyses a JOIN items i ON i.id = a.item_id
                    WHERE a.workspace_id = ? AND a.analyzer_version = ? AND a.content_hash = i.content_hash AND i.deleted_at IS NULL
                    ORDER BY a.item_id
                    """,
                arguments: [workspaceID, analyzerVersion])
            while let row = try cursor.next() { result.append((row[0], row[1])) }
            return result
        }
    }

    /// Stores analyses in one transaction. Intents that a person corrected are kept.
    ///
    /// Statements by item write `item_id = ? AND +workspace_id = ?`: the `+` keeps SQLite on the
    /// primary key (item_id, …) instead of the `(workspace_id, intent|term)` index, which would
    /// read every row of the workspace per item (quadratic).
    public func saveAnalyses(_ records: [ItemAnalysisRecord], in workspace: Workspace, analyzerVersion: String, at time: Timestamp) async throws {
        let workspaceID = workspace.id
        let now = time.epochMilliseconds
        try await writing("storing the analysis of \(records.count) items") { db in
            // The hot loop of every analysis run: statements bound through SQLite's C API.
            let upsert = try RawStatement(db, sql: """
                INSERT INTO item_analyses (item_id, workspace_id, analyzer_version, content_hash, language, language_confidence,
                    sentiment_score, sentiment_label, sentiment_engine, sentiment_explanation, intents, fingerprint, duplicate_of, analyzed_at,
                    repeated_paragraphs)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT (item_id) DO UPDATE SET analyzer_version = excluded.analyzer_version, content_hash = excluded.content_hash,
                    language = excluded.language, language_confidence = excluded.language_confidence,
                    sentiment_score = excluded.sentiment_score, sentiment_label = excluded.sentiment_label,
                    sentiment_engine = excluded.sentiment_engine, sentiment_explanation = excluded.sentiment_explanation,
                    intents = excluded.intents, fingerprint = excluded.fingerprint, duplicate_of = excluded.duplicate_of,
                    analyzed_at = excluded.analyzed_at, repeated_paragraphs = excluded.repeated_paragraphs
                """)
            let matches = try WatchMatchWriter(db: db, workspaceID: workspaceID)
            // Most workspaces have no corrected intents: one query says so for the whole page.
            let anyCorrectedIntents = try Bool.fetchOne(
                db, sql: "SELECT EXISTS (SELECT 1 FROM corrections WHERE workspace_id = ? AND field = 'intents')", arguments: [workspaceID]
            ) ?? true
            let correctedIntents = try RawStatement(
                db, sql: "SELECT 1 FROM corrections WHERE workspace_id = ? AND item_id = ? AND field = 'intents' LIMIT 1")
            // Only items that have intents or matches stored need them deleted first; a first
            // analysis (every item of an import) has none. One range scan per page says which.
            // An item written earlier in this call joins them (a call may name an item twice).
            let itemIDs = records.map(\.itemID)
            var itemsWithIntents = try Self.itemsWithRows(in: .intents, among: itemIDs, db: db)
            var itemsWithMatches = try Self.itemsWithRows(in: .watchMatches, among: itemIDs, db: db)
            let deleteIntents = try RawStatement(db, sql: "DELETE FROM item_intents WHERE item_id = ? AND +workspace_id = ?")
            let insertIntent = try RawStatement(db, sql: "INSERT OR IGNORE INTO item_intents (workspace_id, item_id, intent) VALUES (?, ?, ?)")
            for record in records {
                try matches.checkOwned(record.itemID, storing: "its analysis")
                upsert.bind(record.itemID)
                upsert.bind(workspaceID)
                upsert.bind(analyzerVersion)
                upsert.bind(record.contentHash)
                upsert.bind(record.language)
                upsert.bind(record.languageConfidence)
                upsert.bind(record.sentimentScore)
                upsert.bind(record.sentimentLabel)
                upsert.bind(record.sentimentEngine)
                upsert.bind(record.sentimentExplanationJSON)
                upsert.bind(record.intents.joined(separator: ","))
                upsert.bind(record.fingerprint)
                upsert.bind(record.duplicateOf)
                upsert.bind(now)
                upsert.bind(Int64(record.repeatedParagraphs))
                try upsert.run()
                var corrected = false
                if anyCorrectedIntents {
                    correctedIntents.bind(workspaceID)
                    correctedIntents.bind(record.itemID)
                    corrected = try correctedIntents.first { _ in true } ?? false
                }
                if !corrected {
                    if itemsWithIntents?.contains(record.itemID) ?? true {
                        deleteIntents.bind(record.itemID)
                        deleteIntents.bind(workspaceID)
                        try deleteIntents.run()
                    }
                    for intent in record.intents {
                        insertIntent.bind(workspaceID)
                        insertIntent.bind(record.itemID)
                        insertIntent.bind(intent)
                        try insertIntent.run()
                    }
                    itemsWithIntents?.insert(record.itemID)
                }
                try matches.replace(itemID: record.itemID, termIDs: record.watchTermIDs, hasMatches: itemsWithMatches?.contains(record.itemID) ?? true)
                itemsWithMatches?.insert(record.itemID)
            }
            try matches.markDaysForRollups()
        }
    }

    /// Per-item tables whose primary key starts with `item_id`.
    enum ItemRowTable: String {
        case intents = "item_intents"
        case watchMatches = "item_watch_matches"
    }

    /// The items with rows in `table` among the id range of `itemIDs` (a superset of those of
    /// `itemIDs` that have rows: other ids in the range and other workspaces may be in it), found
    /// by one range scan of the primary key when the ids are dense, as a page of an analysis run
    /// is; nil when they are too sparse for a scan to pay, and the caller treats every item as
    /// having rows.
    static func itemsWithRows(in table: ItemRowTable, among itemIDs: [Int64], db: Database) throws -> Set<Int64>? {
        guard let low = itemIDs.min(), let high = itemIDs.max() else { return nil }
        let (span, overflow) = high.subtractingReportingOverflow(low)
        guard !overflow, span <= 4 * Int64(itemIDs.count) + 64 else { return nil }
        return Set(try Int64.fetchAll(db, sql: "SELECT DISTINCT item_id FROM \(table.rawValue) WHERE item_id BETWEEN ? AND ?", arguments: [low, high]))
    }

    /// Replaces the watch-term matches of items (after the watch terms changed).
    public func saveWatchMatches(_ matches: [(itemID: Int64, termIDs: [Int64])], in workspace: Workspace) async throws {
        let workspaceID = workspace.id
        try await writing("storing watch-term matches") { db in
            let writer = try WatchMatchWriter(db: db, workspaceID: workspaceID)
            var itemsWithMatches = try Self.itemsWithRows(in: .watchMatches, among: matches.map(\.itemID), db: db)
            for match in matches {
                try writer.checkOwned(match.itemID, storing: "its watch-term matches")
                try writer.replace(itemID: match.itemID, termIDs: match.termIDs, hasMatches: itemsWithMatches?.contains(match.itemID) ?? true)
                itemsWithMatches?.insert(match.itemID)
            }
            try writer.markDaysForRollups()
        }
    }

    public func analysis(ofItem itemID: Int64, in workspace: Workspace) async throws -> StoredAnalysis? {
        let workspaceID = workspace.id
        return try await reading("reading an item's analysis") { db in
            guard let row = try Row.fetchOne(
                db,
                sql: """
                    SELECT \(StoredAnalysisColumns.list)
                    FROM item_analyses ia JOIN items i ON i.id = ia.item_id WHERE ia.item_id = ? AND ia.workspace_id = ?
                    """,
                arguments: [itemID, workspaceID])
            else { return nil }
            let terms = try Int64.fetchAll(
                db, sql: "SELECT watch_term_id FROM item_watch_matches WHERE item_id = ? AND +workspace_id = ? ORDER BY watch_term_id",
                arguments: [itemID, workspaceID])
            let latest = { (field: String) throws -> String? in
                try String.fetchOne(
                    db, sql: "SELECT value FROM corrections WHERE workspace_id = ? AND item_id = ? AND field = ? ORDER BY id DESC LIMIT 1",
                    arguments: [workspaceID, itemID, field])
            }
            return StoredAnalysisColumns.analysis(
                from: row, at: 0, watchTermIDs: terms,
                sentimentCorrection: try latest("sentiment"), intentsCorrection: try latest("intents"))
        }
    }

    // MARK: Corrections

    /// Records a person's correction; for intents, the item's intents become the corrected set.
    public func correct(itemID: Int64, field: Correction.Field, value: String, by person: String, in workspace: Workspace, at time: Timestamp) async throws {
        let workspaceID = workspace.id
        try await writing("recording a correction") { db in
            guard try Int.fetchOne(db, sql: "SELECT 1 FROM items WHERE id = ? AND workspace_id = ?", arguments: [itemID, workspaceID]) != nil else {
                throw StoreError(.notFound, "There is no item \(itemID) in this workspace.")
            }
            try db.execute(
                sql: "INSERT INTO corrections (workspace_id, item_id, field, value, corrected_by, corrected_at) VALUES (?, ?, ?, ?, ?, ?)",
                arguments: [workspaceID, itemID, field.rawValue, value, person, time.epochMilliseconds])
            if field == .intents {
                try db.execute(sql: "DELETE FROM item_intents WHERE item_id = ? AND +workspace_id = ?", arguments: [itemID, workspaceID])
                for intent in value.split(separator: ",") {
                    try db.execute(
                        sql: "INSERT OR IGNORE INTO item_intents (workspace_id, item_id, intent) VALUES (?, ?, ?)",
                        arguments: [workspaceID, itemID, String(intent)])
                }
            }
        }
    }

    /// The latest correction of each item and field, with the item's text, oldest first.
    public func corrections(in workspace: Workspace) async throws -> [Correction] {
        let workspaceID = workspace.id
        return try await reading("reading corrections") { db in
            try Row.fetchAll(
                db,
                sql: """
                    SELECT c.id, c.item_id, c.field, c.value, c.corrected_by, c.corrected_at, i.title, i.body, i.kind, i.language
                    FROM corrections c JOIN items i ON i.id = c.item_id AND i.deleted_at IS NULL
                    WHERE c.workspace_id = ? AND c.id = (
                        SELECT MAX(id) FROM corrections l WHERE l.workspace_id = c.workspace_id AND l.item_id = c.item_id AND l.field = c.field)
                    ORDER BY c.id
                    """,
                arguments: [workspaceID]
            ).compactMap { row -> Correction? in
                guard let field = Correction.Field(rawValue: row[2]) else { return nil }
                let title: String? = row[6]
                let body: String = row[7]
                let text = [title, body].compactMap { $0 }.filter { !$0.isEmpty }.joined(separator: "\n")
                return Correction(
                    id: row[0], itemID: row[1], field: field, value: row[3], correctedBy: row[4],
                    correctedAt: Timestamp(epochMilliseconds: row[5]), text: text, itemKind: row[8], hasTitle: title?.isEmpty == false,
                    declaredLanguage: row[9])
            }
        }
    }

    // MARK: Watch terms

    public func addWatchTerm(name: String, kind: WatchTermRecord.Kind, query: String, in workspace: Workspace, at time: Timestamp) async throws -> WatchTermRecord {
        let workspaceID = workspace.id
        return try await writing("adding a watch term") { db in
            try db.execute(
                sql: """
                    INSERT INTO watch_terms (workspace_id, name, kind, query, created_at) VALUES (?, ?, ?, ?, ?)
                    ON CONFLICT (workspace_id, name) DO UPDATE SET kind = excluded.kind, query = excluded.query
                    """,
                arguments: [workspaceID, name, kind.rawValue, query, time.epochMilliseconds])
            let row = try Row.fetchOne(
                db, sql: "SELECT id, name, kind, query, created_at FROM watch_terms WHERE workspace_id = ? AND name = ?",
                arguments: [workspaceID, name])!
            return WatchTermRecord(
                id: row[0], name: row[1], kind: WatchTermRecord.Kind(rawValue: row[2]) ?? .topic, query: row[3],
                createdAt: Timestamp(epochMilliseconds: row[4]), matches: 0)
        }
    }

    public func watchTerms(in workspace: Workspace) async throws -> [WatchTermRecord] {
        try await watchTerms(in: workspace, countingMatches: true)
    }

    /// The terms without their match counts (`matches` is 0): what pages and the analysis need,
    /// without counting every matching item of the workspace on each request.
    public func watchTermDefinitions(in workspace: Workspace) async throws -> [WatchTermRecord] {
        try await watchTerms(in: workspace, countingMatches: false)
    }

    private func watchTerms(in workspace: Workspace, countingMatches: Bool) async throws -> [WatchTermRecord] {
        let workspaceID = workspace.id
        let matches = countingMatches ? """
            (SELECT COUNT(*) FROM item_watch_matches m JOIN items i ON i.id = m.item_id AND i.deleted_at IS NULL
             WHERE m.workspace_id = t.workspace_id AND m.watch_term_id = t.id)
            """ : "0"
        return try await reading("listing watch terms") { db in
            try Row.fetchAll(
                db,
                sql: """
                    SELECT t.id, t.name, t.kind, t.query, t.created_at, \(matches)
                    FROM watch_terms t WHERE t.workspace_id = ? ORDER BY t.id
                    """,
                arguments: [workspaceID]
            ).map {
                WatchTermRecord(
                    id: $0[0], name: $0[1], kind: WatchTermRecord.Kind(rawValue: $0[2]) ?? .topic, query: $0[3],
                    createdAt: Timestamp(epochMilliseconds: $0[4]), matches: $0[5])
            }
        }
    }

    public func removeWatchTerm(named name: String, in workspace: Workspace) async throws -> Bool {
        let workspaceID = workspace.id
        return try await writing("removing a watch term") { db in
            guard let id = try Int64.fetchOne(db, sql: "SELECT id FROM watch_terms WHERE workspace_id = ? AND name = ?", arguments: [workspaceID, name])
            else { return false }
            try db.execute(sql: "DELETE FROM item_watch_matches WHERE workspace_id = ? AND watch_term_id = ?", arguments: [workspaceID, id])
            try db.execute(sql: "DELETE FROM watch_terms WHERE id = ?", arguments: [id])
            return true
        }
    }

    // MARK: Summary

    public func analysisSummary(of workspace: Workspace, analyzerVersion: String) async throws -> AnalysisSummary {
        let workspaceID = workspace.id
        let pending = try await pendingAnalysisCount(in: workspace, analyzerVersion: analyzerVersion, everything: false)
        return try await reading("summarising the analysis") { db in
            func counts(_ sql: String) throws -> [String: Int] {
                var result: [String: Int] = [:]
                for row in try Row.fetchAll(db, sql: sql, arguments: [workspaceID]) { result[row[0]] = row[1] }
                return result
            }
            // Corrected labels count as corrected; items without text (boosts, bare check-ins) are
            // not opinions, and count in `analyzed` only.
            let byLabel = try counts("""
                SELECT COALESCE((SELECT value FROM corrections c
                                 WHERE c.workspace_id = a.workspace_id AND c.item_id = a.item_id AND c.field = 'sentiment'
                                 ORDER BY c.id DESC LIMIT 1), a.sentiment_label), COUNT(*)
                FROM item_analyses a JOIN items i ON i.id = a.item_id AND i.deleted_at IS NULL
                WHERE a.workspace_id = ? AND (i.body <> '' OR COALESCE(i.title, '') <> '') GROUP BY 1
                """)
            return AnalysisSummary(
                analyzed: try Int.fetchOne(
                    db,
                    sql: "SELECT COUNT(*) FROM item_analyses a JOIN items i ON i.id = a.item_id AND i.deleted_at IS NULL WHERE a.workspace_id = ?",
                    arguments: [workspaceID]) ?? 0,
                pending: pending, byLabel: byLabel,
                byIntent: try counts("""
                    SELECT n.intent, COUNT(*) FROM item_intents n JOIN items i ON i.id = n.item_id AND i.deleted_at IS NULL
                    WHERE n.workspace_id = ? GROUP BY n.intent
                    """),
                byLanguage: try counts("""
                    SELECT a.language, COUNT(*) FROM item_analyses a JOIN items i ON i.id = a.item_id AND i.deleted_at IS NULL
                    WHERE a.workspace_id = ? AND (i.body <> '' OR COALESCE(i.title, '') <> '') GROUP BY a.language
                    """),
                nearDuplicates: try Int.fetchOne(
                    db,
                    sql: """
                        SELECT COUNT(*) FROM item_analyses a JOIN items i ON i.id = a.item_id AND i.deleted_at IS NULL
                        WHERE a.workspace_id = ? AND a.duplicate_of IS NOT NULL
                        """,
                    arguments: [workspaceID]) ?? 0,
                corrections: try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM corrections WHERE workspace_id = ?", arguments: [workspaceID]) ?? 0)
        }
    }
}

/// Replaces an item's watch-term matches inside a write transaction, for the workspace's own
/// items and terms only: a term removed while an analysis ran is dropped, never written, and
/// another workspace's item or term is refused or ignored.
/// Writes watch-term matches, checking that each item is the workspace's, and notes the days of
/// the items it touched as roll-up days to rebuild (`rollup_dirty_days`) in the same transaction:
/// an analysis interrupted before its roll-ups were rebuilt leaves them marked, not wrong forever.
private final class WatchMatchWriter {
    let db: Database
    let workspaceID: Int64
    let ownItem: RawStatement
    private var days: Set<Int64> = []
    let ownTerms: Set<Int64>
    let deleteMatches: RawStatement
    let insertMatch: RawStatement

    init(db: Database, workspaceID: Int64) throws {
        self.db = db
        self.workspaceID = workspaceID
        ownItem = try RawStatement(db, sql: "SELECT created_at FROM items WHERE id = ? AND workspace_id = ?")
        ownTerms = Set(try Int64.fetchAll(db, sql: "SELECT id FROM watch_terms WHERE workspace_id = ?", arguments: [workspaceID]))
        deleteMatches = try RawStatement(db, sql: "DELETE FROM item_watch_matches WHERE item_id = ? AND +workspace_id = ?")
        insertMatch = try RawStatement(db, sql: "INSERT OR IGNORE INTO item_watch_matches (workspace_id, item_id, watch_term_id) VALUES (?, ?, ?)")
    }

    func checkOwned(_ itemID: Int64, storing what: String) throws {
        ownItem.bind(itemID)
        ownItem.bind(workspaceID)
        guard let created = try ownItem.first({ $0.int64(0) }) else {
            throw StoreError(.notFound, "There is no item \(itemID) in this workspace; \(what) was not stored.")
        }
        if let created { days.insert(created / SQLiteStore.day) }
    }

    /// Marks the days of the items checked so far for `refreshDirtyRollups`.
    func markDaysForRollups() throws {
        let mark = try db.cachedStatement(sql: "INSERT INTO rollup_dirty_days (workspace_id, day) VALUES (?, ?) ON CONFLICT DO NOTHING")
        for day in days { try mark.execute(arguments: [workspaceID, day]) }
    }

    /// Replaces an item's matches; `hasMatches` false skips the delete (the item has none stored).
    func replace(itemID: Int64, termIDs: [Int64], hasMatches: Bool = true) throws {
        if hasMatches {
            deleteMatches.bind(itemID)
            deleteMatches.bind(workspaceID)
            try deleteMatches.run()
        }
        for termID in termIDs where ownTerms.contains(termID) {
            insertMatch.bind(workspaceID)
            insertMatch.bind(itemID)
            insertMatch.bind(termID)
            try insertMatch.run()
        }
    }
}
