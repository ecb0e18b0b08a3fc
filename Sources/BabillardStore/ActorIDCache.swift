import Foundation

/// The ids of actors this process has already resolved, with the profile fingerprint it last
/// wrote, so that an import does not look up the same author batch after batch (a third of the
/// writer's time before it existed).
///
/// Entries are added only after the batch that learned them commits (a rolled-back batch's ids
/// would be wrong). Actor rows are never deleted or renumbered, so an id stays true; the
/// fingerprint can be stale if another process rewrote the profile since, which at worst skips
/// rewriting a profile with the values it already had here. Bounded: when full it starts over.
final class ActorIDCache: @unchecked Sendable {
    struct Entry: Sendable {
        var id: Int64
        var profileHash: Int64
    }

    fileprivate struct Key: Hashable {
        var workspaceID: Int64
        var platform: String
        var externalID: String
    }

    /// What one batch resolved; handed to `remember` once the batch has committed.
    final class Learned: @unchecked Sendable {
        fileprivate var entries: [(Key, Entry)] = []

        init() {}

        func append(workspaceID: Int64, platform: String, externalID: String, entry: Entry) {
            entries.append((Key(workspaceID: workspaceID, platform: platform, externalID: externalID), entry))
        }
    }

    private let lock = NSLock()
    private var entries: [Key: Entry] = [:]
    let capacity: Int

    init(capacity: Int = 200_000) {
        self.capacity = capacity
    }

    func entry(workspaceID: Int64, platform: String, externalID: String) -> Entry? {
        let key = Key(workspaceID: workspaceID, platform: platform, externalID: externalID)
        lock.lock()
        defer { lock.unlock() }
        return entries[key]
    }

    func remember(_ learned: Learned) {
        guard !learned.entries.isEmpty else { return }
        lock.lock()
        defer { lock.unlock() }
        if entries.count + learned.entries.count > capacity { entries.removeAll(keepingCapacity: true) }
        for (key, entry) in learned.entries { entries[key] = entry }
    }
}
