import BabillardCore
import BabillardPipeline
import BabillardStore
import BabillardText
import Logging

/// Matches a workspace's items against its watch terms again after someone adds or removes one on
/// the Settings page, in the background (a million items take a while), one pass at a time per
/// workspace: a change made during a pass asks for one more pass, which reads the terms afresh, so
/// an older pass never has the last word.
actor WatchTermRematcher {
    private let store: any Store
    private let analyzer: TextAnalyzer
    private let logger: Logger
    private var running: Set<Int64> = []
    private var pending: Set<Int64> = []
    private var passes: [Int64: Int] = [:]

    init(store: any Store, analyzer: TextAnalyzer, logger: Logger) {
        self.store = store
        self.analyzer = analyzer
        self.logger = logger
    }

    /// Asks for a pass over the workspace; returns at once.
    func rematch(_ workspace: Workspace) {
        guard !running.contains(workspace.id) else {
            pending.insert(workspace.id)
            return
        }
        running.insert(workspace.id)
        Task { await self.passes(over: workspace) }
    }

    /// Whether a pass is running or asked for (the Settings page says so).
    func isBusy(_ workspace: Workspace) -> Bool { running.contains(workspace.id) }

    /// How many passes have finished for the workspace since the server started (for tests).
    func finishedPasses(_ workspace: Workspace) -> Int { passes[workspace.id] ?? 0 }

    private func passes(over workspace: Workspace) async {
        repeat {
            pending.remove(workspace.id)
            do {
                let items = try await AnalysisPipeline(store: store, workspace: workspace, analyzer: analyzer).rematchWatchTerms()
                logger.info("Watch terms matched again", metadata: ["workspace": "\(workspace.id)", "items": "\(items)"])
            } catch {
                logger.error("Could not match the watch terms again", metadata: ["workspace": "\(workspace.id)", "error": "\(error)"])
            }
            passes[workspace.id, default: 0] += 1
        } while pending.contains(workspace.id)
        running.remove(workspace.id)
    }
}
