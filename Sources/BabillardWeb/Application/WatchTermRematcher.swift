import BabillardCore
import BabillardPipeline
import BabillardStore
import BabillardText
import Logging

/// Brings a workspace's watch-term matches and share of voice up to date after someone adds or
/// removes a term on the Settings page, in the background (a million items take a while), one
/// pass at a time per workspace: a change made during a pass asks for one more, which reads the
/// terms afresh, so an older pass never has the last word. An added term needs every item matched
/// again; a removed one only the roll-ups rebuilt (its matches went with it).
///
/// An `analyze` or `fetch` already running in another process keeps the terms it started with
/// for the items it has still to analyse.
actor WatchTermRematcher {
    private let store: any Store
    private let analyzer: TextAnalyzer
    private let logger: Logger
    private var running: Set<Int64> = []
    private var pendingMatch: Set<Int64> = []
    private var pendingRollups: Set<Int64> = []

    init(store: any Store, analyzer: TextAnalyzer, logger: Logger) {
        self.store = store
        self.analyzer = analyzer
        self.logger = logger
    }

    /// Asks for a pass over the workspace (`matching`: match every item again; otherwise only
    /// rebuild the roll-ups); returns at once.
    func refresh(_ workspace: Workspace, matching: Bool) {
        if matching { pendingMatch.insert(workspace.id) } else { pendingRollups.insert(workspace.id) }
        guard !running.contains(workspace.id) else { return }
        running.insert(workspace.id)
        Task { await self.passes(over: workspace) }
    }

    private func passes(over workspace: Workspace) async {
        while pendingMatch.contains(workspace.id) || pendingRollups.contains(workspace.id) {
            let matching = pendingMatch.remove(workspace.id) != nil
            pendingRollups.remove(workspace.id)
            do {
                if matching {
                    let items = try await AnalysisPipeline(store: store, workspace: workspace, analyzer: analyzer).rematchWatchTerms()
                    logger.info("Watch terms matched again", metadata: ["workspace": "\(workspace.id)", "items": "\(items)"])
                } else {
                    try await store.refreshDailyRollups(in: workspace, days: nil)
                }
            } catch {
                logger.error("Could not bring the watch terms up to date", metadata: ["workspace": "\(workspace.id)", "error": "\(error)"])
            }
        }
        running.remove(workspace.id)
    }
}
