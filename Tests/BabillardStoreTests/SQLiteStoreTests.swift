import BabillardCore
@testable import BabillardStore
import BabillardTestSupport
import Foundation
import GRDB
import Testing

/// Items of a small French blog thread and a Mastodon reshare cascade, written by hand.
enum StoreFixtures {
    static let alice = ActorIdentity(platform: .blog, externalID: "alice@example.org", handle: "alice", displayName: "Alice Tremblay")
    static let bob = ActorIdentity(platform: .mastodon, externalID: "https://m.example/users/bob", handle: "@bob@m.example", displayName: "Bob", followers: 1200)
    static let carla = ActorIdentity(platform: .mastodon, externalID: "https://m.example/users/carla", handle: "@carla@m.example", followers: 15)

    static func date(_ day: Int, _ hour: Int = 12) -> Timestamp {
        Timestamp(year: 2026, month: 10, day: day, hour: hour, utcOffsetMinutes: -240)!
    }

    static let post = RawItem(
        platform: .blog, externalID: "https://blog.example/?p=1", kind: .post, author: alice, createdAt: date(1),
        title: "Les médias sociaux, une perte de temps ?", text: "Mythe numéro 4 : je n'ai pas le temps. Pourtant le café du coin répond à ses clients.",
        url: "https://blog.example/mythes", language: "fr", engagement: EngagementCounts(replies: 2), tags: ["médias sociaux"]
    )
    static let comment = RawItem(
        platform: .blog, externalID: "https://blog.example/?p=1#comment-7", kind: .comment,
        parentExternalID: "https://blog.example/?p=1", rootExternalID: "https://blog.example/?p=1",
        author: ActorIdentity(platform: .blog, externalID: "marc@example.org", displayName: "Marc"), createdAt: date(1, 15),
        text: "Très juste ! Les clients font le marketing à notre place.", language: "fr"
    )
    static let toot = RawItem(
        platform: .mastodon, externalID: "https://m.example/users/bob/statuses/1", kind: .post, author: bob, createdAt: date(2),
        text: "Nouveau croissant aux amandes chez Boulangerie Lumière #croissant", language: "fr",
        engagement: EngagementCounts(likes: 10, reshares: 1, replies: 0, observedAt: date(3)), tags: ["croissant"]
    )
    static let boost = RawItem(
        platform: .mastodon, externalID: "https://m.example/users/carla/statuses/2", kind: .reshare,
        reshareOfExternalID: toot.externalID, author: carla, createdAt: date(2, 13)
    )
    static var all: [IngestRecord] { [.item(post), .item(comment), .item(toot), .item(boost)] }
}

@Suite("SQLite store")
struct SQLiteStoreTests {
    let directory = TemporaryDirectory("store")
    var path: String { directory.path("test.sqlite") }

    @Test func importsThenCountsTheSameBatchAsDuplicates() async throws {
        let store = try SQLiteStore(path: path)
        let workspace = try await store.workspace(named: "boulangerie")
        let first = try await store.write(StoreFixtures.all, into: workspace, at: StoreFixtures.date(5))
        #expect(first == ImportCounts(read: 4, imported: 4))
        let again = try await store.write(StoreFixtures.all, into: workspace, at: StoreFixtures.date(6))
        #expect(again == ImportCounts(read: 4, duplicates: 4))

        let statistics = try await store.statistics(of: workspace)
        #expect(statistics.items == 4)
        #expect(statistics.byPlatform == [.blog: 2, .mastodon: 2])
        #expect(statistics.threadsWithResponses == 1)
        #expect(statistics.cascadeEdges == 1)
        #expect(statistics.actors == 4)
    }

    @Test func keepsItemsExactlyAsRead() async throws {
        let store = try SQLiteStore(path: path)
        let workspace = try await store.workspace(named: "w")
        _ = try await store.write(StoreFixtures.all, into: workspace, at: StoreFixtures.date(5))
        let stored = try #require(try await store.item(platform: .mastodon, externalID: StoreFixtures.toot.externalID, in: workspace))
        #expect(stored.item == StoreFixtures.toot)
        let post = try #require(try await store.item(platform: .blog, externalID: StoreFixtures.post.externalID, in: workspace))
        var expected = StoreFixtures.post
        expected.engagement?.observedAt = StoreFixtures.date(5)
        #expect(post.item == expected)
        #expect(post.item.createdAt?.utcOffsetMinutes == -240)
        #expect(post.item.createdAt?.iso8601Original == "2026-10-01T12:00:00-04:00")
    }

    @Test func updatesAnEditedItemInPlaceAndReindexesIt() async throws {
        let store = try SQLiteStore(path: path)
        let workspace = try await store.workspace(named: "w")
        _ = try await store.write(StoreFixtures.all, into: workspace, at: StoreFixtures.date(5))
        var edited = StoreFixtures.comment
        edited.text = "Tout à fait : les clients deviennent ambassadeurs."
        let counts = try await store.write([.item(edited)], into: workspace, at: StoreFixtures.date(6))
        #expect(counts == ImportCounts(read: 1, updated: 1))
        #expect(try await store.search(SearchQuery(text: "ambassadeurs"), in: workspace).map(\.item.externalID) == [edited.externalID])
        #expect(try await store.search(SearchQuery(text: "marketing"), in: workspace).isEmpty)
        #expect(try await store.statistics(of: workspace).items == 4)
    }

    /// Two versions of one item in one batch: the second is an edit of a row the full-text
    /// index has not seen yet (it used to fail the batch as a "malformed" database).
    @Test func anItemEditedWithinOneBatchIsIndexedOnceWithItsLastText() async throws {
        let store = try SQLiteStore(path: path)
        let workspace = try await store.workspace(named: "w")
        var edited = StoreFixtures.comment
        edited.text = "Tout à fait : les clients deviennent ambassadeurs."
        let counts = try await store.write([.item(StoreFixtures.comment), .item(edited)], into: workspace, at: StoreFixtures.date(5))
        #expect(counts == ImportCounts(read: 2, imported: 1, updated: 1))
        #expect(try await store.search(SearchQuery(text: "ambassadeurs"), in: workspace).map(\.item.externalID) == [edited.externalID])
        #expect(try await store.search(SearchQuery(text: "marketing"), in: workspace).isEmpty)
        let indexed = try await DatabaseQueue(path: path).read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM items_fts") }
        #expect(indexed == 1)
    }

    /// A writer outside a bulk load finds the items' indexes missing (another process's bulk
    /// load, or one that was killed) and builds them before writing, so that no copy slips in.
    @Test func aWriterBuildsMissingItemIndexesBeforeWriting() async throws {
        let store = try SQLiteStore(path: path)
        let workspace = try await store.workspace(named: "w")
        _ = try await store.write(StoreFixtures.all, into: workspace, at: StoreFixtures.date(5))
        try await DatabaseQueue(path: path).write { db in
            for index in ["items_by_key", "items_by_time", "items_by_parent"] { try db.execute(sql: "DROP INDEX \(index)") }
        }
        #expect(try await store.search(SearchQuery(text: "croissant"), in: workspace).count == 1)
        #expect(try await store.write(StoreFixtures.all, into: workspace, at: StoreFixtures.date(6)) == ImportCounts(read: 4, duplicates: 4))
        #expect(try await store.statistics(of: workspace).items == 4)
    }

    @Test func keepsTheHistoryOfCounts() async throws {
        let store = try SQLiteStore(path: path)
        let workspace = try await store.workspace(named: "w")
        _ = try await store.write([.item(StoreFixtures.toot)], into: workspace, at: StoreFixtures.date(5))
        var later = StoreFixtures.toot
        later.engagement = EngagementCounts(likes: 25, reshares: 4, observedAt: StoreFixtures.date(8))
        #expect(try await store.write([.item(later)], into: workspace, at: StoreFixtures.date(8)) == ImportCounts(read: 1, updated: 1))
        #expect(try await store.write([.item(later)], into: workspace, at: StoreFixtures.date(9)) == ImportCounts(read: 1, duplicates: 1))

        let stored = try #require(try await store.item(platform: .mastodon, externalID: later.externalID, in: workspace))
        #expect(stored.item.engagement?.likes == 25)
        #expect(stored.item.engagement?.replies == 0, "a count the new observation does not give is kept")
        let history = try await store.engagementHistory(ofItem: stored.id, in: workspace)
        #expect(history.map(\.likes) == [10, 25])
        #expect(history.map(\.observedAt) == [StoreFixtures.date(3), StoreFixtures.date(8)])
    }

    @Test func searchFoldsAccentsAndCaseAndUnderstandsOperators() async throws {
        let store = try SQLiteStore(path: path)
        let workspace = try await store.workspace(named: "w")
        _ = try await store.write(StoreFixtures.all, into: workspace, at: StoreFixtures.date(5))
        func ids(_ text: String) async throws -> Set<String> {
            Set(try await store.search(SearchQuery(text: text), in: workspace).map(\.item.externalID))
        }
        let post = StoreFixtures.post.externalID, comment = StoreFixtures.comment.externalID, toot = StoreFixtures.toot.externalID
        #expect(try await ids("cafe") == [post])
        #expect(try await ids("CAFÉ") == [post])
        #expect(try await ids("medias sociaux") == [post])
        #expect(try await ids("tres juste") == [comment])
        #expect(try await ids("\"clients font\"") == [comment])
        #expect(try await ids("\"font clients\"") == [])
        #expect(try await ids("croissant OR juste") == [comment, toot])
        #expect(try await ids("clients -marketing") == [post])
        #expect(try await ids("amand*") == [toot])
        #expect(try await ids("NEAR AND \"\" ) ( *") == [])
        await #expect(throws: StoreError.self) { try await store.search(SearchQuery(text: "-croissant"), in: workspace) }
        await #expect(throws: StoreError.self) { try await store.search(SearchQuery(text: "   "), in: workspace) }
    }

    @Test func neverShowsOneWorkspaceTheItemsOfAnother() async throws {
        let store = try SQLiteStore(path: path)
        let mine = try await store.workspace(named: "mine")
        let theirs = try await store.workspace(named: "theirs")
        _ = try await store.write(StoreFixtures.all, into: theirs, at: StoreFixtures.date(5))
        #expect(try await store.search(SearchQuery(text: "croissant"), in: mine).isEmpty)
        #expect(try await store.item(platform: .mastodon, externalID: StoreFixtures.toot.externalID, in: mine) == nil)
        #expect(try await store.statistics(of: mine).items == 0)
        // The same item in two workspaces is two items.
        #expect(try await store.write(StoreFixtures.all, into: mine, at: StoreFixtures.date(5)).imported == 4)
    }

    @Test func deletionsApplyToItemsAndReactionsAndMayArriveFirst() async throws {
        let store = try SQLiteStore(path: path)
        let workspace = try await store.workspace(named: "w")
        let like = Reaction(platform: .mastodon, externalID: "like-1", targetExternalID: StoreFixtures.toot.externalID, actor: StoreFixtures.carla)
        let early = Deletion(platform: .mastodon, externalID: StoreFixtures.boost.externalID, deletedAt: StoreFixtures.date(4))
        #expect(try await store.write([.deletion(early)], into: workspace, at: StoreFixtures.date(5)) == ImportCounts(read: 1, imported: 1))
        let counts = try await store.write(
            StoreFixtures.all + [.reaction(like), .reaction(like), .deletion(Deletion(platform: .mastodon, externalID: StoreFixtures.toot.externalID))],
            into: workspace, at: StoreFixtures.date(5)
        )
        #expect(counts == ImportCounts(read: 7, imported: 5, updated: 1, duplicates: 1))
        let boost = try #require(try await store.item(platform: .mastodon, externalID: StoreFixtures.boost.externalID, in: workspace))
        #expect(boost.item.status == .deleted)
        #expect(boost.deletedAt == StoreFixtures.date(4))
        #expect(try await store.search(SearchQuery(text: "croissant"), in: workspace).isEmpty, "deleted items are not found")
        #expect(try await store.statistics(of: workspace).items == 2)
        #expect(try await store.statistics(of: workspace).reactions == 1)
        let deleteLike = Deletion(platform: .mastodon, externalID: "like-1")
        #expect(try await store.write([.deletion(deleteLike)], into: workspace, at: StoreFixtures.date(6)).updated == 1)
        #expect(try await store.statistics(of: workspace).reactions == 0)
        #expect(try await store.write([.deletion(deleteLike)], into: workspace, at: StoreFixtures.date(6)).duplicates == 1)
    }

    @Test func aReactionDeletedBeforeItArrivesStaysDeleted() async throws {
        let store = try SQLiteStore(path: path)
        let workspace = try await store.workspace(named: "w")
        func like(_ id: String) -> Reaction {
            Reaction(platform: .bluesky, externalID: id, targetExternalID: "at://post/1", actor: StoreFixtures.carla)
        }
        // A batch with no deletion and a workspace with none: the reaction is simply stored.
        _ = try await store.write([.reaction(like("like-1"))], into: workspace, at: StoreFixtures.date(5))
        #expect(try await store.statistics(of: workspace).reactions == 1)
        // Deleted in an earlier batch, then in the same batch just before it arrives.
        _ = try await store.write([.deletion(Deletion(platform: .bluesky, externalID: "like-2"))], into: workspace, at: StoreFixtures.date(5))
        _ = try await store.write([.reaction(like("like-2"))], into: workspace, at: StoreFixtures.date(6))
        _ = try await store.write(
            [.deletion(Deletion(platform: .bluesky, externalID: "like-3")), .reaction(like("like-3"))], into: workspace, at: StoreFixtures.date(6))
        #expect(try await store.statistics(of: workspace).reactions == 1, "like-2 and like-3 were deleted before they arrived")
    }

    @Test func aBareIdentityDoesNotEraseKnownProfileFacts() async throws {
        let store = try SQLiteStore(path: path)
        let workspace = try await store.workspace(named: "w")
        _ = try await store.write([.item(StoreFixtures.toot)], into: workspace, at: StoreFixtures.date(5))
        let bare = ActorIdentity(platform: .mastodon, externalID: StoreFixtures.bob.externalID)
        var reply = StoreFixtures.boost
        reply.externalID = "https://m.example/users/bob/statuses/9"
        reply.author = bare
        #expect(try await store.write([.item(reply), .actor(bare)], into: workspace, at: StoreFixtures.date(6)) == ImportCounts(read: 2, imported: 1, duplicates: 1))
        let stored = try #require(try await store.item(platform: .mastodon, externalID: reply.externalID, in: workspace))
        #expect(stored.item.author?.followers == 1200)
        #expect(stored.item.author?.displayName == "Bob")
        var grown = StoreFixtures.bob
        grown.followers = 1300
        #expect(try await store.write([.actor(grown)], into: workspace, at: StoreFixtures.date(7)) == ImportCounts(read: 1, updated: 1))
    }

    @Test func aFailingBatchLeavesNothingBehind() async throws {
        let store = try SQLiteStore(path: path)
        let workspace = try await store.workspace(named: "w")
        // A trigger makes the third insert fail, as a full disk or a crash would.
        let failure = try ReshareInsertFailure(path: path)
        await #expect(throws: StoreError.self) {
            try await store.write(StoreFixtures.all, into: workspace, at: StoreFixtures.date(5))
        }
        #expect(try await store.statistics(of: workspace).items == 0)
        #expect(try await store.statistics(of: workspace).actors == 0)
        try await failure.remove()
        #expect(try await store.write(StoreFixtures.all, into: workspace, at: StoreFixtures.date(5)).imported == 4)
    }

    /// The writer remembers the actors it resolved, but only once their batch has committed:
    /// an id handed out by a rolled-back batch is handed out again to someone else.
    @Test func anActorOfARolledBackBatchIsNotRemembered() async throws {
        let store = try SQLiteStore(path: path)
        let workspace = try await store.workspace(named: "w")
        let failure = try ReshareInsertFailure(path: path)
        await #expect(throws: StoreError.self) {
            try await store.write([.item(StoreFixtures.toot), .item(StoreFixtures.boost)], into: workspace, at: StoreFixtures.date(5))
        }
        try await failure.remove()
        // Alice now gets the id Bob had in the rolled-back batch.
        #expect(try await store.write([.item(StoreFixtures.post)], into: workspace, at: StoreFixtures.date(5)).imported == 1)
        #expect(try await store.write([.item(StoreFixtures.toot)], into: workspace, at: StoreFixtures.date(5)).imported == 1)
        let toot = try #require(try await store.item(platform: .mastodon, externalID: StoreFixtures.toot.externalID, in: workspace))
        #expect(toot.item.author?.handle == StoreFixtures.bob.handle)
        #expect(try await store.statistics(of: workspace).actors == 2)
    }

    @Test func refusesADatabaseFromANewerBabillard() async throws {
        _ = try SQLiteStore(path: path)
        let queue = try DatabaseQueue(path: path)
        try await queue.write { db in try db.execute(sql: "INSERT INTO grdb_migrations (identifier) VALUES ('9999 from the future')") }
        #expect {
            _ = try SQLiteStore(path: path)
        } throws: { error in
            (error as? StoreError)?.kind == .newerSchema && (error as? StoreError)?.message.contains("newer version") == true
        }
    }

    @Test func saysWhyItCannotOpenADatabase() throws {
        #expect {
            _ = try SQLiteStore(path: directory.path("missing-folder/x.sqlite"))
        } throws: { error in
            (error as? StoreError)?.message.contains("does not exist") == true
        }
        let notADatabase = directory.path("notes.sqlite")
        try Data("these are my notes, not a database".utf8).write(to: URL(fileURLWithPath: notADatabase))
        #expect {
            _ = try SQLiteStore(path: notADatabase)
        } throws: { error in
            (error as? StoreError)?.kind == .cannotOpen
        }
    }

    @Test func exportsEveryItemInStorageOrder() async throws {
        let store = try SQLiteStore(path: path)
        let workspace = try await store.workspace(named: "w")
        _ = try await store.write(StoreFixtures.all, into: workspace, at: StoreFixtures.date(5))
        let collected = Collected()
        try await store.forEachItem(in: workspace) { collected.append($0.item.externalID) }
        #expect(collected.values == StoreFixtures.all.compactMap { if case .item(let item) = $0 { item.externalID } else { nil } })
    }
}

final class Collected: @unchecked Sendable {
    private let lock = NSLock()
    private var storage: [String] = []
    func append(_ value: String) { lock.lock(); storage.append(value); lock.unlock() }
    func append(contentsOf values: [String]) { lock.lock(); storage += values; lock.unlock() }
    var values: [String] { lock.lock(); defer { lock.unlock() }; return storage }
}

/// A trigger that makes inserting a reshare fail, as a full disk or a crash would, so that a
/// batch is rolled back part-way.
struct ReshareInsertFailure {
    let queue: DatabaseQueue

    init(path: String) throws {
        queue = try DatabaseQueue(path: path)
        try queue.write { db in
            try db.execute(sql: """
                CREATE TRIGGER fail_on_boost BEFORE INSERT ON items WHEN NEW.kind = 'reshare'
                BEGIN SELECT RAISE(ABORT, 'simulated failure'); END
                """)
        }
    }

    func remove() async throws {
        try await queue.write { db in try db.execute(sql: "DROP TRIGGER fail_on_boost") }
    }
}

/// A first import into an empty store drops the items' indexes and builds them at the end
/// (`SQLiteStore.beginBulkLoad`); meanwhile the load's own map tells stored keys apart.
@Suite("SQLite store: bulk load")
struct BulkLoadTests {
    let directory = TemporaryDirectory("bulk")
    var path: String { directory.path("bulk.sqlite") }

    func itemIndexes(_ path: String) throws -> Set<String> {
        try DatabaseQueue(path: path).read { db in
            Set(try String.fetchAll(db, sql: "SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'items'"))
        }
    }

    static let allItemIndexes: Set<String> = ["items_by_key", "items_by_parent", "items_by_root", "items_by_reshare", "items_by_time", "items_by_actor"]

    /// FTS5's own check that the full-text index holds exactly the items' current texts
    /// (it throws when an entry is missing, stale or extra).
    func checkFullTextIndex(_ path: String) throws {
        try DatabaseQueue(path: path).write { db in
            try db.execute(sql: "INSERT INTO items_fts (items_fts, rank) VALUES ('integrity-check', 1)")
        }
    }

    func searchedIDs(_ store: SQLiteStore, _ text: String, _ workspace: Workspace) async throws -> [String] {
        try await store.search(SearchQuery(text: text), in: workspace).map(\.item.externalID).sorted()
    }

    /// Every key hashes alike here, so that each lookup goes through the collided keys' map.
    @Test(arguments: [false, true])
    func editsDuplicatesAndDeletionsCountAsWithoutIt(everyKeyCollides: Bool) async throws {
        let store = try SQLiteStore(path: path)
        let workspace = try await store.workspace(named: "w")
        let load = everyKeyCollides ? BulkLoad(hash: { _, _, _ in 42 }) : BulkLoad()
        #expect(try await store.beginBulkLoad(with: load))
        #expect(try itemIndexes(path).isEmpty, "the items' indexes are dropped")

        let first = try await store.write(StoreFixtures.all, into: workspace, at: StoreFixtures.date(5))
        #expect(first == ImportCounts(read: 4, imported: 4))
        #expect(try await searchedIDs(store, "clients", workspace).isEmpty, "the full-text index is built at the end")
        var edited = StoreFixtures.comment
        edited.text = "Tout à fait : les clients deviennent ambassadeurs."
        let fresh = RawItem(platform: .blog, externalID: "https://blog.example/?p=2", kind: .post, text: "Deuxième billet")
        let second = try await store.write(
            [.item(edited), .item(StoreFixtures.post), .deletion(Deletion(platform: .mastodon, externalID: StoreFixtures.boost.externalID)), .item(fresh), .item(fresh)],
            into: workspace, at: StoreFixtures.date(6)
        )
        #expect(second == ImportCounts(read: 5, imported: 1, updated: 2, duplicates: 2))
        try await store.endBulkLoad()

        #expect(try itemIndexes(path) == Self.allItemIndexes, "built again, the unique key without a duplicate to refuse")
        #expect(try await store.statistics(of: workspace).items == 4, "five stored, one of them deleted")
        #expect(try await store.search(SearchQuery(text: "ambassadeurs"), in: workspace).map(\.item.externalID) == [edited.externalID])
        #expect(try await searchedIDs(store, "marketing", workspace).isEmpty, "the comment's text before its edit is not indexed")
        #expect(try await searchedIDs(store, "deuxieme", workspace) == [fresh.externalID])
        try checkFullTextIndex(path)
        let boost = try #require(try await store.item(platform: .mastodon, externalID: StoreFixtures.boost.externalID, in: workspace))
        #expect(boost.item.status == .deleted)
        let again = try await store.write(StoreFixtures.all + [.item(fresh)], into: workspace, at: StoreFixtures.date(7))
        #expect(again.imported == 0)
    }

    @Test func endsByItselfPastItsCapacitySoThatMemoryStaysBounded() async throws {
        let store = try SQLiteStore(path: path)
        let workspace = try await store.workspace(named: "w")
        #expect(try await store.beginBulkLoad(with: BulkLoad(capacity: 3)))
        _ = try await store.write(Array(StoreFixtures.all.prefix(2)), into: workspace, at: StoreFixtures.date(5))
        #expect(try itemIndexes(path).isEmpty)
        _ = try await store.write(StoreFixtures.all, into: workspace, at: StoreFixtures.date(5))
        #expect(try itemIndexes(path) == Self.allItemIndexes, "four items: the load ended and built its indexes")
        #expect(try await store.write(StoreFixtures.all, into: workspace, at: StoreFixtures.date(6)) == ImportCounts(read: 4, duplicates: 4))
        try await store.endBulkLoad()
        let later = RawItem(platform: .blog, externalID: "https://blog.example/?p=3", kind: .post, text: "Troisième billet, écrit après la fin du chargement")
        _ = try await store.write([.item(later)], into: workspace, at: StoreFixtures.date(7))
        #expect(try await searchedIDs(store, "clients", workspace) == [StoreFixtures.post.externalID, StoreFixtures.comment.externalID].sorted(),
                "the items loaded before the end are found")
        #expect(try await searchedIDs(store, "troisieme", workspace) == [later.externalID], "and an item written after it")
        try checkFullTextIndex(path)
    }

    /// Migration 0009 rebuilds the items table of an existing database (its unique key becomes
    /// a named index) and keeps every row and every reference to them.
    @Test func anOlderDatabaseIsUpgradedAndSaysSo() async throws {
        let queue = try DatabaseQueue(path: path)
        try SQLiteSchema.migrator.migrate(queue, upTo: "0008 roll-up days to rebuild")
        try await queue.write { db in
            try db.execute(sql: """
                INSERT INTO workspaces (id, name, created_at) VALUES (1, 'w', 0);
                INSERT INTO items (id, workspace_id, platform, external_id, kind, body, status, content_hash, imported_at, updated_at)
                    VALUES (7, 1, 'blog', 'https://blog.example/?p=1', 'post', 'Bonjour', 'published', 1, 0, 0);
                INSERT INTO engagement_observations (workspace_id, item_id, observed_at, likes) VALUES (1, 7, 0, 3);
                INSERT INTO items_fts (rowid, title, body) VALUES (7, NULL, 'Bonjour');
                """)
        }
        try queue.close()
        let told = Collected()
        let store = try SQLiteStore(path: path) { told.append(contentsOf: $0) }
        #expect(told.values == ["0009 items keyed by a named unique index", "0010 repeated paragraphs"])
        #expect(try itemIndexes(path) == Self.allItemIndexes)
        let workspace = try await store.workspace(named: "w")
        let item = try #require(try await store.item(platform: .blog, externalID: "https://blog.example/?p=1", in: workspace))
        #expect(try await store.engagementHistory(ofItem: item.id, in: workspace).map(\.likes) == [3])
        #expect(try await store.search(SearchQuery(text: "bonjour"), in: workspace).map(\.id) == [7])
        let dangling = try await DatabaseQueue(path: path).read { db in try Row.fetchAll(db, sql: "PRAGMA foreign_key_check") }
        #expect(dangling.isEmpty)
        _ = try SQLiteStore(path: path) { told.append(contentsOf: $0) }
        #expect(told.values.count == 2, "an up-to-date database is not upgraded again")
    }

    @Test func isRefusedWhenItemsAreStored() async throws {
        let store = try SQLiteStore(path: path)
        let workspace = try await store.workspace(named: "w")
        _ = try await store.write([.item(StoreFixtures.post)], into: workspace, at: StoreFixtures.date(5))
        #expect(try await store.beginBulkLoad() == false)
        #expect(try itemIndexes(path) == Self.allItemIndexes)
    }

    @Test func aStoreOpenedAfterAKilledBulkLoadBuildsTheIndexes() async throws {
        do {
            let store = try SQLiteStore(path: path)
            let workspace = try await store.workspace(named: "w")
            #expect(try await store.beginBulkLoad())
            _ = try await store.write(StoreFixtures.all, into: workspace, at: StoreFixtures.date(5))
            // No endBulkLoad: the process dies here.
        }
        #expect(try itemIndexes(path).isEmpty)
        let reopened = try SQLiteStore(path: path)
        #expect(try itemIndexes(path) == Self.allItemIndexes)
        let workspace = try await reopened.workspace(named: "w")
        #expect(try await searchedIDs(reopened, "clients", workspace) == [StoreFixtures.post.externalID, StoreFixtures.comment.externalID].sorted(),
                "the items the killed load wrote are indexed for search")
        try checkFullTextIndex(path)
        #expect(try await reopened.write(StoreFixtures.all, into: workspace, at: StoreFixtures.date(6)) == ImportCounts(read: 4, duplicates: 4))
    }
}
