import BabillardCore
import Foundation
import GRDB

/// The embedded store: one SQLite file in WAL mode, through GRDB.
///
/// Readers never block the writer (WAL); writes are serialised by GRDB and each batch is one
/// transaction, so a crash leaves either the whole batch or none of it.
public final class SQLiteStore: Store {
    public let path: String
    let pool: DatabasePool
    let authorRankingMemo = AuthorRankingMemo()
    let actorIDCache = ActorIDCache()
    let bulkLoads = BulkLoadSlot()

    /// Opens (creating if needed) the database at `path` and brings its schema up to date.
    /// `willUpgrade` is told before an existing database is migrated, with the migrations to
    /// run, so that a command can say why it pauses (rebuilding the items of a large database
    /// takes about a minute per million items, once).
    public init(path: String, willUpgrade: ((_ migrations: [String]) -> Void)? = nil) throws(StoreError) {
        self.path = path
        var configuration = Configuration()
        configuration.busyMode = .timeout(30)
        configuration.prepareDatabase { db in
            try db.execute(sql: "PRAGMA synchronous = NORMAL")
            try db.execute(sql: "PRAGMA foreign_keys = ON")
            // A 64 MiB page cache per connection (SQLite's default is 2 MiB): imports touch five indexes
            // and the full-text index per row, and a cache that holds their hot pages halves the time.
            try db.execute(sql: "PRAGMA cache_size = -65536")
            // Checkpoint every 40 MiB of WAL rather than 4 MiB: an index page rewritten by several
            // batches between two checkpoints is copied into the database once.
            try db.execute(sql: "PRAGMA wal_autocheckpoint = 10000")
        }
        let directory = URL(fileURLWithPath: path).deletingLastPathComponent().path
        guard FileManager.default.fileExists(atPath: directory) else {
            throw StoreError(.cannotOpen, "Cannot create the database \(path): the folder \(directory) does not exist.")
        }
        do {
            pool = try DatabasePool(path: path, configuration: configuration)
        } catch {
            throw StoreError(.cannotOpen, "Cannot open the database \(path): \(Self.describe(error)). Check that it is a Babillard SQLite file and that you may write to it.")
        }
        let migrator = SQLiteSchema.migrator
        do {
            let superseded = try pool.read { try migrator.hasBeenSuperseded($0) }
            if superseded {
                throw StoreError(.newerSchema, "The database \(path) was written by a newer version of Babillard; upgrade Babillard to open it.")
            }
            if let willUpgrade {
                let completed = try pool.read { try migrator.completedMigrations($0) }
                let pending = migrator.migrations.filter { !completed.contains($0) }
                if !completed.isEmpty, !pending.isEmpty { willUpgrade(pending) }
            }
            try migrator.migrate(pool)
            // A bulk load killed before its end left the items' indexes and their full-text
            // entries out: complete it now.
            if try pool.read({ try !SQLiteSchema.missingItemIndexes($0).isEmpty }) {
                try pool.write { try SQLiteSchema.completeBulkLoad($0) }
            }
        } catch let error as StoreError {
            throw error
        } catch {
            throw StoreError(.cannotOpen, "Cannot prepare the database \(path): \(Self.describe(error)). Is it a Babillard database?")
        }
    }

    /// Translates a driver error into a sentence without SQL arguments.
    static func describe(_ error: any Error) -> String {
        if let error = error as? DatabaseError {
            return error.message ?? "SQLite error \(error.resultCode.rawValue)"
        }
        return String(describing: error)
    }

    static func translate(_ error: any Error, doing action: String) -> StoreError {
        if let error = error as? StoreError { return error }
        if let error = error as? DatabaseError {
            switch error.resultCode {
            case .SQLITE_BUSY, .SQLITE_LOCKED:
                return StoreError(.busy, "The database is busy (another Babillard is writing to it); \(action) did not happen. Try again when it is done.")
            case .SQLITE_FULL, .SQLITE_READONLY, .SQLITE_IOERR, .SQLITE_CANTOPEN:
                return StoreError(.cannotWrite, "Cannot write to the database (\(describe(error))); \(action) did not happen. Check free disk space and permissions.")
            default:
                break
            }
        }
        return StoreError(.internalFailure, "The database failed while \(action): \(describe(error)).")
    }

    func writing<T: Sendable>(_ action: String, _ body: @escaping @Sendable (Database) throws -> T) async throws(StoreError) -> T {
        do {
            return try await pool.write(body)
        } catch {
            throw Self.translate(error, doing: action)
        }
    }

    func reading<T: Sendable>(_ action: String, _ body: @escaping @Sendable (Database) throws -> T) async throws(StoreError) -> T {
        do {
            return try await pool.read(body)
        } catch {
            throw Self.translate(error, doing: action)
        }
    }

    // MARK: Workspaces

    public func workspace(named name: String) async throws -> Workspace {
        let trimmed = name.trimmingCharacters(in: .whitespaces)
        guard !trimmed.isEmpty else { throw StoreError(.notFound, "A workspace needs a name.") }
        let now = Self.nowMilliseconds()
        return try await writing("opening workspace \(trimmed)") { db in
            try db.execute(
                sql: "INSERT INTO workspaces (name, created_at) VALUES (?, ?) ON CONFLICT (name) DO NOTHING",
                arguments: [trimmed, now]
            )
            let id = try Int64.fetchOne(db, sql: "SELECT id FROM workspaces WHERE name = ?", arguments: [trimmed])!
            return Workspace(id: id, name: trimmed)
        }
    }

    public func workspaces() async throws -> [Workspace] {
        try await reading("listing workspaces") { db in
            try Row.fetchAll(db, sql: "SELECT id, name FROM workspaces ORDER BY name").map { Workspace(id: $0[0], name: $0[1]) }
        }
    }

    static func nowMilliseconds() -> Int64 {
        Int64((Date().timeIntervalSince1970 * 1000).rounded())
    }

    // MARK: Imports

    public func write(_ records: [IngestRecord], into workspace: Workspace, at time: Timestamp) async throws -> ImportCounts {
        let workspaceID = workspace.id
        let now = time.epochMilliseconds
        let cache = actorIDCache
        let learned = ActorIDCache.Learned()
        let bulk = bulkLoads.current
        let pending = BulkLoad.Pending()
        let counts = try await writing("writing a batch of \(records.count) records") { db in
            // What the batch learned is remembered once it commits, before any other write
            // begins (never after a rollback: its ids would be handed out again).
            db.afterNextTransaction(onCommit: { _ in
                cache.remember(learned)
                bulk?.remember(pending)
            })
            return try SQLiteBatchWriter(
                db: db, workspaceID: workspaceID, now: now, actorCache: cache, learned: learned,
                bulkLoad: bulk, bulkPending: pending
            ).write(records)
        }
        if let bulk, bulk.count >= bulk.capacity { try await endBulkLoad() }
        return counts
    }

    /// Starts a bulk load when the store holds no item at all: the items' indexes are dropped,
    /// so that a large first import appends rows instead of inserting each into six B-trees at
    /// random places (at a million statuses that wrote ten times the database's size to disk),
    /// and `endBulkLoad` builds them once, by sorting; the full-text index too is built at the
    /// end. Returns false, changing nothing, when items are already stored. Until it ends,
    /// searches do not find the loaded items and thread lookups in this store are slow, and a
    /// store opened meanwhile by another process completes the load's indexes first.
    public func beginBulkLoad() async throws -> Bool {
        try await beginBulkLoad(with: BulkLoad())
    }

    func beginBulkLoad(with load: BulkLoad) async throws -> Bool {
        guard bulkLoads.current == nil else { return false }
        let started = try await writing("preparing a bulk load") { db -> Bool in
            guard try Bool.fetchOne(db, sql: "SELECT NOT EXISTS (SELECT 1 FROM items)") == true else { return false }
            for index in SQLiteSchema.itemIndexes {
                try db.execute(sql: "DROP INDEX IF EXISTS \(index.name)")
            }
            return true
        }
        if started { bulkLoads.start(load) }
        return started
    }

    /// Ends a bulk load: indexes the items for full-text search and builds their indexes
    /// (about 11 s for a million statuses).
    public func endBulkLoad() async throws {
        guard bulkLoads.current != nil else { return }
        defer { bulkLoads.end() }
        try await writing("indexing the items") { db in
            try SQLiteSchema.completeBulkLoad(db)
        }
    }

    public func startImportRun(in workspace: Workspace, sourceName: String, format: String, at time: Timestamp) async throws -> Int64 {
        let workspaceID = workspace.id
        return try await writing("recording the import") { db in
            try db.execute(
                sql: "INSERT INTO import_runs (workspace_id, source_name, format, started_at, status) VALUES (?, ?, ?, ?, 'running')",
                arguments: [workspaceID, sourceName, format, time.epochMilliseconds]
            )
            return db.lastInsertedRowID
        }
    }

    public func finishImportRun(_ runID: Int64, status: ImportRun.Status, counts: ImportCounts, message: String?, at time: Timestamp) async throws {
        try await writing("recording the end of the import") { db in
            try db.execute(
                sql: """
                    UPDATE import_runs SET finished_at = ?, status = ?, read_count = ?, imported_count = ?,
                        updated_count = ?, duplicate_count = ?, rejected_count = ?, message = ?
                    WHERE id = ?
                    """,
                arguments: [
                    time.epochMilliseconds, status.rawValue, counts.read, counts.imported, counts.updated,
                    counts.duplicates, counts.rejected, message, runID,
                ]
            )
        }
    }

    public func importRuns(in workspace: Workspace, limit: Int) async throws -> [ImportRun] {
        let workspaceID = workspace.id
        return try await reading("listing imports") { db in
            try Row.fetchAll(
                db,
                sql: """
                    SELECT id, workspace_id, source_name, format, started_at, finished_at, status, read_count,
                        imported_count, updated_count, duplicate_count, rejected_count, message
                    FROM import_runs WHERE workspace_id = ? ORDER BY id DESC LIMIT ?
                    """,
                arguments: [workspaceID, limit]
            ).map { row in
                ImportRun(
                    id: row[0], workspaceID: row[1], sourceName: row[2], format: row[3],
                    startedAt: Timestamp(epochMilliseconds: row[4]),
                    finishedAt: (row[5] as Int64?).map { Timestamp(epochMilliseconds: $0) },
                    status: ImportRun.Status(rawValue: row[6]) ?? .failed,
                    counts: ImportCounts(read: row[7], imported: row[8], updated: row[9], duplicates: row[10], rejected: row[11]),
                    message: row[12]
                )
            }
        }
    }

    // MARK: Items

    static let itemColumns = """
        i.id, i.workspace_id, i.platform, i.external_id, i.kind, i.parent_external_id, i.root_external_id,
        i.reshare_of_external_id, i.created_at, i.created_offset, i.edited_at, i.title, i.body, i.url, i.language,
        i.rating, i.rating_scale, i.place_name, i.place_external_id, i.latitude, i.longitude, i.place_address,
        i.status, i.tags, i.channel, i.likes, i.reshares, i.replies, i.quotes, i.counts_observed_at,
        i.imported_at, i.updated_at, i.deleted_at,
        a.platform, a.external_id, a.handle, a.display_name, a.profile_url, a.followers, a.following, a.is_bot
        """

    static func storedItem(from row: Row) -> StoredItem {
        func timestamp(_ index: Int, offset: Int? = 0) -> Timestamp? {
            (row[index] as Int64?).map { Timestamp(epochMilliseconds: $0, utcOffsetMinutes: offset) }
        }
        var author: ActorIdentity?
        if let actorPlatform = row[33] as String?, let actorID = row[34] as String? {
            author = ActorIdentity(
                platform: Platform(actorPlatform), externalID: actorID, handle: row[35], displayName: row[36],
                profileURL: row[37], followers: row[38], following: row[39], isBot: (row[40] as Int?) == 1
            )
        }
        var place: Place?
        if row[17] != nil || row[18] != nil || row[19] != nil || row[21] != nil {
            place = Place(name: row[17], externalID: row[18], latitude: row[19], longitude: row[20], address: row[21])
        }
        var engagement: EngagementCounts?
        if row[25] != nil || row[26] != nil || row[27] != nil || row[28] != nil {
            engagement = EngagementCounts(likes: row[25], reshares: row[26], replies: row[27], quotes: row[28], observedAt: timestamp(29))
        }
        let item = RawItem(
            platform: Platform(row[2] as String), externalID: row[3], kind: ItemKind(rawValue: row[4]) ?? .mention,
            parentExternalID: row[5], rootExternalID: row[6], reshareOfExternalID: row[7], author: author,
            createdAt: timestamp(8, offset: row[9]), editedAt: timestamp(10), title: row[11], text: row[12], url: row[13],
            language: row[14], rating: row[15], ratingScale: row[16], place: place, engagement: engagement,
            status: ItemStatus(rawValue: row[22]) ?? .published, tags: TagList.decode(row[23]), channel: row[24]
        )
        return StoredItem(
            id: row[0], workspaceID: row[1], item: item, importedAt: timestamp(30)!, updatedAt: timestamp(31)!,
            deletedAt: timestamp(32)
        )
    }

    public func forEachItem(in workspace: Workspace, _ body: @Sendable (StoredItem) throws -> Void) async throws {
        try await forEachPage(
            in: workspace, columns: Self.itemColumns, joins: "LEFT JOIN actors a ON a.id = i.actor_id",
            read: { rows, _ in rows.map(Self.storedItem(from:)) }, id: \.id, body)
    }

    /// Calls `body` for every item of the workspace (deleted ones included) in storage order,
    /// with its analysis, corrections applied, streaming.
    public func forEachMention(in workspace: Workspace, _ body: @Sendable (Mention) throws -> Void) async throws {
        let workspaceID = workspace.id
        try await forEachPage(
            in: workspace, columns: Self.mentionColumns, joins: Self.mentionJoins,
            read: { rows, db in try Self.mentions(from: rows, workspaceID: workspaceID, db: db) }, id: \.stored.id, body)
    }

    /// Reads the workspace's items in pages by id, so that a large workspace never sits in memory
    /// and no read transaction stays open for the whole walk. The unary `+` keeps SQLite on the
    /// primary key rather than `items_by_time`, which would sort the whole workspace for every page.
    private func forEachPage<Element: Sendable>(
        in workspace: Workspace, columns: String, joins: String,
        read: @escaping @Sendable (_ rows: [Row], _ db: Database) throws -> [Element],
        id: (Element) -> Int64, _ body: (Element) throws -> Void
    ) async throws {
        let workspaceID = workspace.id
        let sql = "SELECT \(columns) FROM items i \(joins) WHERE +i.workspace_id = ? AND i.id > ? ORDER BY i.id LIMIT 2000"
        var lastID: Int64 = 0
        while true {
            let after = lastID
            let page = try await reading("exporting items") { db in
                try read(Row.fetchAll(db, sql: sql, arguments: [workspaceID, after]), db)
            }
            guard let last = page.last else { return }
            for element in page { try body(element) }
            lastID = id(last)
        }
    }

    public func item(platform: Platform, externalID: String, in workspace: Workspace) async throws -> StoredItem? {
        let workspaceID = workspace.id
        return try await reading("reading an item") { db in
            try Row.fetchOne(
                db,
                sql: """
                    SELECT \(Self.itemColumns) FROM items i LEFT JOIN actors a ON a.id = i.actor_id
                    WHERE i.workspace_id = ? AND i.platform = ? AND i.external_id = ?
                    """,
                arguments: [workspaceID, platform.rawValue, externalID]
            ).map(Self.storedItem(from:))
        }
    }

    public func engagementHistory(ofItem itemID: Int64, in workspace: Workspace) async throws -> [EngagementCounts] {
        let workspaceID = workspace.id
        return try await reading("reading counts") { db in
            try Row.fetchAll(
                db,
                sql: """
                    SELECT likes, reshares, replies, quotes, observed_at FROM engagement_observations
                    WHERE workspace_id = ? AND item_id = ? ORDER BY observed_at, id
                    """,
                arguments: [workspaceID, itemID]
            ).map {
                EngagementCounts(likes: $0[0], reshares: $0[1], replies: $0[2], quotes: $0[3], observedAt: Timestamp(epochMilliseconds: $0[4]))
            }
        }
    }

    public func search(_ query: SearchQuery, in workspace: Workspace) async throws -> [StoredItem] {
        try await search(query, in: workspace, columns: Self.itemColumns, joins: "LEFT JOIN actors a ON a.id = i.actor_id") { rows, _ in
            rows.map(Self.storedItem(from:))
        }
    }

    /// The items `search` finds, with their analyses, corrections applied.
    public func searchMentions(_ query: SearchQuery, in workspace: Workspace) async throws -> [Mention] {
        let workspaceID = workspace.id
        return try await search(query, in: workspace, columns: Self.mentionColumns, joins: Self.mentionJoins) { rows, db in
            try Self.mentions(from: rows, workspaceID: workspaceID, db: db)
        }
    }

    private func search<Element: Sendable>(
        _ query: SearchQuery, in workspace: Workspace, columns: String, joins: String,
        read: @escaping @Sendable (_ rows: [Row], _ db: Database) throws -> [Element]
    ) async throws -> [Element] {
        let match = try FullTextQuery.fts5Expression(for: query.text)
        let workspaceID = workspace.id
        var filters = ""
        var arguments: StatementArguments = [match, workspaceID]
        if let platform = query.platform {
            filters += " AND i.platform = ?"
            arguments += [platform.rawValue]
        }
        if let kind = query.kind {
            filters += " AND i.kind = ?"
            arguments += [kind.rawValue]
        }
        arguments += [max(1, min(query.limit, 1000)), max(0, query.offset)]
        let sql = """
            SELECT \(columns)
            FROM items_fts f JOIN items i ON i.id = f.rowid \(joins)
            WHERE items_fts MATCH ? AND i.workspace_id = ? AND i.deleted_at IS NULL\(filters)
            ORDER BY f.rank LIMIT ? OFFSET ?
            """
        let frozenArguments = arguments
        return try await reading("searching") { db in
            try read(Row.fetchAll(db, sql: sql, arguments: frozenArguments), db)
        }
    }

    public func statistics(of workspace: Workspace) async throws -> WorkspaceStatistics {
        let workspaceID = workspace.id
        return try await reading("counting items") { db in
            var byPlatform: [Platform: Int] = [:]
            var byKind: [ItemKind: Int] = [:]
            var total = 0
            for row in try Row.fetchAll(
                db,
                sql: "SELECT platform, kind, COUNT(*) FROM items WHERE workspace_id = ? AND deleted_at IS NULL GROUP BY platform, kind",
                arguments: [workspaceID]
            ) {
                let count: Int = row[2]
                byPlatform[Platform(row[0] as String), default: 0] += count
                if let kind = ItemKind(rawValue: row[1]) { byKind[kind, default: 0] += count }
                total += count
            }
            let range = try Row.fetchOne(
                db,
                sql: "SELECT MIN(created_at), MAX(created_at) FROM items WHERE workspace_id = ? AND deleted_at IS NULL",
                arguments: [workspaceID]
            )
            let actors = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM actors WHERE workspace_id = ?", arguments: [workspaceID]) ?? 0
            let reactions = try Int.fetchOne(
                db, sql: "SELECT COUNT(*) FROM reactions WHERE workspace_id = ? AND deleted_at IS NULL", arguments: [workspaceID]
            ) ?? 0
            let threads = try Int.fetchOne(
                db,
                sql: """
                    SELECT COUNT(DISTINCT COALESCE(root_external_id, parent_external_id)) FROM items
                    WHERE workspace_id = ? AND parent_external_id IS NOT NULL AND deleted_at IS NULL
                    """,
                arguments: [workspaceID]
            ) ?? 0
            let cascadeEdges = try Int.fetchOne(
                db,
                sql: "SELECT COUNT(*) FROM items WHERE workspace_id = ? AND reshare_of_external_id IS NOT NULL AND deleted_at IS NULL",
                arguments: [workspaceID]
            ) ?? 0
            return WorkspaceStatistics(
                items: total, actors: actors, reactions: reactions, byPlatform: byPlatform, byKind: byKind,
                firstItemAt: (range?[0] as Int64?).map { Timestamp(epochMilliseconds: $0) },
                lastItemAt: (range?[1] as Int64?).map { Timestamp(epochMilliseconds: $0) },
                threadsWithResponses: threads, cascadeEdges: cascadeEdges
            )
        }
    }
}
