import BabillardCore
import BabillardStore
import Foundation
import HTTPTypes
import Hummingbird
import Logging

/// Counts failed sign-ins per key and refuses more than a key's limit within `window` seconds,
/// so that guessing a password takes years. The sign-in form counts per e-mail address (the
/// configured limit) and per client (ten times that: an office behind one address must not be
/// locked out by one forgetful colleague).
/// Kept in memory: a restart forgets it, which costs an attacker a restart they cannot cause.
actor LoginThrottle {
    private let limit: Int
    private let window: Int64
    private var failures: [String: [Int64]] = [:]

    init(limit: Int, windowSeconds: Int64) {
        self.limit = limit
        self.window = windowSeconds * 1000
    }

    /// Seconds to wait before the next attempt, or nil when one is allowed now. Keys starting
    /// with `client:` allow ten times the limit.
    func retryAfter(keys: [String], now: Int64) -> Int64? {
        var wait: Int64?
        for key in keys {
            let recent = (failures[key] ?? []).filter { $0 > now - window }
            failures[key] = recent.isEmpty ? nil : recent
            let allowed = key.hasPrefix("client:") ? limit * 10 : limit
            if recent.count >= allowed, let oldest = recent.first {
                wait = max(wait ?? 0, (oldest + window - now + 999) / 1000)
            }
        }
        return wait
    }

    /// Checks and counts an attempt in one step (an actor call): nil when it may go ahead, and
    /// then it already counts as a failure, so that parallel attempts cannot all pass the check
    /// while the password is being verified. `recordSuccess` takes it back.
    func reserve(keys: [String], now: Int64) -> Int64? {
        if let wait = retryAfter(keys: keys, now: now) { return wait }
        for key in keys { failures[key, default: []].append(now) }
        if failures.count > 100_000 { failures = failures.filter { $0.value.last ?? 0 > now - window } }
        return nil
    }

    /// A successful attempt does not count: its reservation is removed.
    func recordSuccess(keys: [String]) {
        for key in keys {
            guard var times = failures[key], !times.isEmpty else { continue }
            times.removeLast()
            failures[key] = times.isEmpty ? nil : times
        }
    }
}
