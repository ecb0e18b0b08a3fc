import BabillardCore

/// A workspace: one brand or client, whose data no other workspace ever sees.
public struct Workspace: Hashable, Sendable, Codable {
    public var id: Int64
    public var name: String

    public init(id: Int64, name: String) {
        self.id = id
        self.name = name
    }
}

/// An item as stored: what a reader found plus the store's own bookkeeping.
public struct StoredItem: Hashable, Sendable {
    public var id: Int64
    public var workspaceID: Int64
    public var item: RawItem
    public var importedAt: Timestamp
    public var updatedAt: Timestamp
    public var deletedAt: Timestamp?

    public init(id: Int64, workspaceID: Int64, item: RawItem, importedAt: Timestamp, updatedAt: Timestamp, deletedAt: Timestamp?) {
        self.id = id
        self.workspaceID = workspaceID
        self.item = item
        self.importedAt = importedAt
        self.updatedAt = updatedAt
        self.deletedAt = deletedAt
    }
}

/// What writing one batch changed. `read == imported + updated + duplicates + rejected`.
public struct ImportCounts: Hashable, Sendable, Codable {
    /// Records found in the input, rejected ones included.
    public var read = 0
    /// Records that were new to the store.
    public var imported = 0
    /// Records already stored whose content or counts changed.
    public var updated = 0
    /// Records already stored unchanged, or repeated within the input.
    public var duplicates = 0
    /// Records that could not be read (see the rejections).
    public var rejected = 0

    public init(read: Int = 0, imported: Int = 0, updated: Int = 0, duplicates: Int = 0, rejected: Int = 0) {
        self.read = read
        self.imported = imported
        self.updated = updated
        self.duplicates = duplicates
        self.rejected = rejected
    }

    public static func += (lhs: inout ImportCounts, rhs: ImportCounts) {
        lhs.read += rhs.read
        lhs.imported += rhs.imported
        lhs.updated += rhs.updated
        lhs.duplicates += rhs.duplicates
        lhs.rejected += rhs.rejected
    }
}

/// One run of an import, kept so that `babillard` can say what was imported when, and which
/// runs were interrupted.
public struct ImportRun: Hashable, Sendable {
    public enum Status: String, Sendable, Codable {
        case running, completed, failed
    }

    public var id: Int64
    public var workspaceID: Int64
    public var sourceName: String
    public var format: String
    public var startedAt: Timestamp
    public var finishedAt: Timestamp?
    public var status: Status
    public var counts: ImportCounts
    public var message: String?
}

/// A full-text search over a workspace's items.
public struct SearchQuery: Hashable, Sendable {
    /// Words the items must all contain, `"exact phrases"`, `OR` between alternatives and
    /// `-word` to exclude; accents and case do not matter.
    public var text: String
    public var limit: Int
    public var offset: Int
    public var platform: Platform?
    public var kind: ItemKind?

    public init(text: String, limit: Int = 20, offset: Int = 0, platform: Platform? = nil, kind: ItemKind? = nil) {
        self.text = text
        self.limit = limit
        self.offset = offset
        self.platform = platform
        self.kind = kind
    }
}

/// How many items a workspace holds, by platform and kind, for summaries.
public struct WorkspaceStatistics: Hashable, Sendable {
    public var items: Int
    public var actors: Int
    public var reactions: Int
    public var byPlatform: [Platform: Int]
    public var byKind: [ItemKind: Int]
    public var firstItemAt: Timestamp?
    public var lastItemAt: Timestamp?
    /// Threads (root items) holding at least one response.
    public var threadsWithResponses: Int
    /// Items that reshare or quote another one: the edges of reshare cascades.
    public var cascadeEdges: Int
}

/// The one place that knows how data is stored. Everything above it (pipeline, web, CLI)
/// speaks in domain types; implementations translate driver errors into `StoreError`.
///
/// All methods are `async` so that a server never blocks its threads on the database.
public protocol Store: AccountStore, WorkbenchStore, AlertStore {
    /// The workspace with that name, created on first use.
    func workspace(named name: String) async throws -> Workspace
    func workspaces() async throws -> [Workspace]

    /// Writes a batch of records in one transaction: either all of it is stored or none.
    /// Idempotent: writing the same batch again changes nothing and counts duplicates.
    func write(_ records: [IngestRecord], into workspace: Workspace, at time: Timestamp) async throws -> ImportCounts

    /// Prepares the store for a large first import, if it can and it pays (see
    /// `SQLiteStore.beginBulkLoad`); true when it did, and `endBulkLoad` must then follow.
    func beginBulkLoad() async throws -> Bool
    func endBulkLoad() async throws

    func startImportRun(in workspace: Workspace, sourceName: String, format: String, at time: Timestamp) async throws -> Int64
    func finishImportRun(_ runID: Int64, status: ImportRun.Status, counts: ImportCounts, message: String?, at time: Timestamp) async throws
    func importRuns(in workspace: Workspace, limit: Int) async throws -> [ImportRun]

    /// Calls `body` for every item of the workspace in storage order, streaming.
    func forEachItem(in workspace: Workspace, _ body: @Sendable (StoredItem) throws -> Void) async throws
    func item(platform: Platform, externalID: String, in workspace: Workspace) async throws -> StoredItem?
    /// Count observations of an item, oldest first.
    func engagementHistory(ofItem itemID: Int64, in workspace: Workspace) async throws -> [EngagementCounts]
    func search(_ query: SearchQuery, in workspace: Workspace) async throws -> [StoredItem]
    func statistics(of workspace: Workspace) async throws -> WorkspaceStatistics

    /// Adds a source to poll; adding the same endpoint again returns the existing source.
    func addSource(kind: SourceKind, locator: String, endpoint: String, label: String, in workspace: Workspace, at time: Timestamp) async throws -> SourceRecord
    func sources(in workspace: Workspace) async throws -> [SourceRecord]
    /// Records how a poll went: validators and cursor on success, the error and failure count otherwise.
    func recordFetch(_ outcome: SourceFetchOutcome, forSource sourceID: Int64, in workspace: Workspace) async throws -> SourceRecord
    func removeSource(_ sourceID: Int64, in workspace: Workspace) async throws -> Bool

    // MARK: Analysis (see `ItemAnalysisRecord`)

    /// Items whose analysis is missing or stale (another analyzer version, or edited text), by id
    /// after `afterID`; every item when `everything`.
    func analysisInputs(in workspace: Workspace, analyzerVersion: String, everything: Bool, afterID: Int64, limit: Int) async throws -> [AnalysisInput]
    func pendingAnalysisCount(in workspace: Workspace, analyzerVersion: String, everything: Bool) async throws -> Int
    /// Fingerprints of current analyses (this analyzer, unchanged text, item not deleted), by item id.
    func analyzedFingerprints(in workspace: Workspace, analyzerVersion: String) async throws -> [(itemID: Int64, fingerprint: Int64)]
    /// Stores analyses in one transaction; intents a person corrected are kept.
    func saveAnalyses(_ records: [ItemAnalysisRecord], in workspace: Workspace, analyzerVersion: String, at time: Timestamp) async throws
    func saveWatchMatches(_ matches: [(itemID: Int64, termIDs: [Int64])], in workspace: Workspace) async throws
    /// An item's analysis with people's corrections applied.
    func analysis(ofItem itemID: Int64, in workspace: Workspace) async throws -> StoredAnalysis?
    func analysisSummary(of workspace: Workspace, analyzerVersion: String) async throws -> AnalysisSummary

    /// Records who corrected what and when; the latest correction overrides the analysis everywhere.
    func correct(itemID: Int64, field: Correction.Field, value: String, by person: String, in workspace: Workspace, at time: Timestamp) async throws
    func corrections(in workspace: Workspace) async throws -> [Correction]

    func addWatchTerm(name: String, kind: WatchTermRecord.Kind, query: String, in workspace: Workspace, at time: Timestamp) async throws -> WatchTermRecord
    func watchTerms(in workspace: Workspace) async throws -> [WatchTermRecord]
    /// The terms without counting their matches (`matches` is 0).
    func watchTermDefinitions(in workspace: Workspace) async throws -> [WatchTermRecord]
    func removeWatchTerm(named name: String, in workspace: Workspace) async throws -> Bool
}
