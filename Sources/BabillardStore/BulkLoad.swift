import BabillardCore
import Foundation

/// The bookkeeping of a bulk load: a first import into a store that holds no items yet, with
/// the items' indexes dropped and built once at the end (`SQLiteStore.beginBulkLoad`).
///
/// Without the unique index the writer needs another way to know whether an item is already
/// stored: every item of the store was written by this load, so a map from the hash of its key
/// to its row id says it. A hash that two keys share is told apart by reading the row, and the
/// second key goes to a small map of full keys. Entries are added only once their batch has
/// committed, like the actor cache's. Memory: about 40 bytes per item; past `capacity` items the
/// store ends the load (builds the indexes) and goes on as an ordinary import, so that memory
/// stays bounded whatever the size of the input.
final class BulkLoad: @unchecked Sendable {
    let capacity: Int

    private let lock = NSLock()
    private var rowIDs: [Int64: Int64] = [:]
    private var collided: [String: Int64] = [:]
    /// The key's hash; tests give one that makes every key collide.
    let hash: @Sendable (_ workspaceID: Int64, _ platform: String, _ externalID: String) -> Int64

    init(
        capacity: Int = 2_000_000,
        hash: @escaping @Sendable (_ workspaceID: Int64, _ platform: String, _ externalID: String) -> Int64 = BulkLoad.keyHash
    ) {
        self.capacity = capacity
        self.hash = hash
    }

    /// What one batch inserted, handed to `remember` once the batch has committed.
    final class Pending: @unchecked Sendable {
        fileprivate var rowIDs: [Int64: Int64] = [:]
        fileprivate var collided: [String: Int64] = [:]

        init() {}
    }

    static func keyHash(_ workspaceID: Int64, _ platform: String, _ externalID: String) -> Int64 {
        var hash = StableHash()
        hash.combine(workspaceID)
        hash.combine(platform)
        hash.combine(externalID)
        return hash.signedValue
    }

    static func fullKey(workspaceID: Int64, platform: String, externalID: String) -> String {
        "\(workspaceID)\u{1F}\(platform)\u{1F}\(externalID)"
    }

    /// The row id this load gave the key's hash (in this batch or a committed one), if any.
    func candidate(_ hash: Int64, pending: Pending) -> Int64? {
        if let id = pending.rowIDs[hash] { return id }
        lock.lock()
        defer { lock.unlock() }
        return rowIDs[hash]
    }

    /// The row id of a key whose hash belongs to another key, if it was stored.
    func collidedRow(_ key: String, pending: Pending) -> Int64? {
        if let id = pending.collided[key] { return id }
        lock.lock()
        defer { lock.unlock() }
        return collided[key]
    }

    /// Notes a row this batch inserted; `hashTaken` when its hash already names another key.
    func note(_ id: Int64, hash: Int64, key: @autoclosure () -> String, hashTaken: Bool, in pending: Pending) {
        if hashTaken {
            pending.collided[key()] = id
        } else {
            pending.rowIDs[hash] = id
        }
    }

    var count: Int {
        lock.lock()
        defer { lock.unlock() }
        return rowIDs.count + collided.count
    }

    func remember(_ pending: Pending) {
        lock.lock()
        defer { lock.unlock() }
        rowIDs.merge(pending.rowIDs) { _, new in new }
        collided.merge(pending.collided) { _, new in new }
    }
}

/// The bulk load a store is in, if any (one at a time).
final class BulkLoadSlot: @unchecked Sendable {
    private let lock = NSLock()
    private var load: BulkLoad?

    var current: BulkLoad? {
        lock.lock()
        defer { lock.unlock() }
        return load
    }

    func start(_ load: BulkLoad) {
        lock.lock()
        self.load = load
        lock.unlock()
    }

    func end() {
        lock.lock()
        load = nil
        lock.unlock()
    }
}
