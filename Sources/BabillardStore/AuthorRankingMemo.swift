import Foundation

/// The overview's most active and most influential authors of a period, remembered per workspace,
/// period and roll-up version.
///
/// Ranking authors means summing every author's roll-up rows of the period (about 100,000 rows for
/// 30 days of a 1M-item workspace: a quarter of a second), while everything else on the overview
/// sums a few hundred. The rankings only change when the roll-ups do, and every rebuild bumps the
/// workspace's row in `rollup_versions` (whichever process rebuilds), so a remembered ranking is
/// used only while that version is unchanged. Followers counts refreshed by an import without
/// analysis show at the next rebuild.
final class AuthorRankingMemo: @unchecked Sendable {
    struct Key: Hashable {
        var workspaceID: Int64
        var firstDay: Int64
        var endDay: Int64
    }

    struct Rankings {
        var version: Int64
        var mostActive: [AuthorActivity]
        var mostInfluential: [AuthorActivity]
    }

    /// Periods are a few per workspace (7, 30, 90 days, moving daily); this bounds a long-running
    /// server (some 80 workspaces in use at once before the memo starts over).
    private let capacity = 256
    private let lock = NSLock()
    private var entries: [Key: Rankings] = [:]

    func rankings(for key: Key, version: Int64) -> Rankings? {
        lock.withLock {
            guard let entry = entries[key], entry.version == version else { return nil }
            return entry
        }
    }

    func remember(_ rankings: Rankings, for key: Key) {
        lock.withLock {
            if entries.count >= capacity { entries.removeAll(keepingCapacity: true) }
            entries[key] = rankings
        }
    }
}
