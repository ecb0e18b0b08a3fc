import BabillardCore
import BabillardMetrics
import BabillardStore
import Foundation

/// Raises a workspace's alerts: a negative spike (the last 24 h of negative items above the week's
/// mean + k·σ, then quiet for the cool-down), a mention by an influential author (in the last
/// 24 h), a complaint past its response target. Each item raises each kind once; the store queues
/// every alert for the workspace's webhooks in the same transaction.
public struct AlertEvaluator: Sendable {
    let store: any Store
    let workspace: Workspace

    public init(store: any Store, workspace: Workspace) {
        self.store = store
        self.workspace = workspace
    }

    /// The alerts raised now (none when nothing crossed a line).
    public func evaluate(now: Timestamp) async throws -> [AlertRecord] {
        let settings = try await store.settings(of: workspace)
        var raised: [AlertRecord] = []
        let volumes = try await store.negativeVolumes(in: workspace, now: now, days: 7)
        let spike = SpikeDetection(lastDay: volumes.lastDay, previousDays: volumes.previousDays, k: settings.spikeK)
        if spike.isSpike {
            let cooledDown = Int64(settings.spikeCooldownHours) * 3_600_000
            let last = try await store.lastAlert(.negativeSpike, in: workspace)?.epochMilliseconds ?? Int64.min / 2
            if last <= now.epochMilliseconds - cooledDown {
                let summary = String(
                    format: "%d negative items in the last 24 h, above the 7-day mean %.1f + %.1f·σ = %.1f.", spike.lastDay, spike.mean, settings.spikeK,
                    spike.threshold)
                if let alert = try await store.raiseAlert(
                    .negativeSpike, itemID: nil, value: Double(spike.lastDay), threshold: spike.threshold, summary: summary, in: workspace, at: now)
                {
                    raised.append(alert)
                }
            }
        }
        // Per-item rules: each item raises each kind once (the store ignores a repeat).
        let since = Timestamp(epochMilliseconds: now.epochMilliseconds - 86_400_000)
        let perItem: [(AlertRecord.Kind, Double, [AlertCandidate], (AlertCandidate) -> String)] = [
            (.influentialMention, Double(settings.influentialFollowers),
             try await store.influentialCandidates(in: workspace, since: since, followers: settings.influentialFollowers),
             { "\($0.author) (\(Int($0.value)) followers) mentioned the workspace." }),
            (.overdueComplaint, Double(settings.responseTargetMinutes),
             try await store.overdueComplaints(in: workspace, now: now, targetMinutes: settings.responseTargetMinutes),
             { "A complaint by \($0.author) has waited \(Int($0.value)) minutes; the target is \(settings.responseTargetMinutes)." }),
        ]
        for (kind, threshold, candidates, summary) in perItem {
            for candidate in candidates {
                if let alert = try await store.raiseAlert(
                    kind, itemID: candidate.itemID, value: candidate.value, threshold: threshold, summary: summary(candidate), in: workspace, at: now)
                {
                    raised.append(alert)
                }
            }
        }
        return raised
    }
}
