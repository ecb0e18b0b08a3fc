import ArgumentParser
import BabillardCore
import BabillardStore

struct StatusCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "status",
        abstract: "Show what a workspace holds and its last imports."
    )

    @OptionGroup var store: StoreOptions

    func run() async throws {
        let database = try store.openStore()
        let workspace = try await database.workspace(named: store.workspace)
        let statistics = try await database.statistics(of: workspace)
        Terminal.print(WorkspaceSummary.describe(statistics, workspace: workspace, databasePath: database.path))
        let runs = try await database.importRuns(in: workspace, limit: 10)
        if !runs.isEmpty {
            Terminal.print("\nLast imports:")
            for run in runs {
                let state = run.status == .running ? "interrupted or running" : run.status.rawValue
                Terminal.print("  \(run.startedAt.iso8601UTC.prefix(19))  \(run.format)  \(run.sourceName)  \(state): \(Terminal.grouped(run.counts.read)) read, \(Terminal.grouped(run.counts.imported)) new, \(Terminal.grouped(run.counts.rejected)) rejected")
            }
        }
    }
}

/// A few lines that say what a workspace holds.
enum WorkspaceSummary {
    static func describe(_ statistics: WorkspaceStatistics, workspace: Workspace, databasePath: String) -> String {
        var lines: [String] = []
        lines.append("Workspace \(workspace.name) in \(databasePath)")
        // Likes known one by one (Bluesky like records); counts reported by a platform are on the items.
        let likes = statistics.reactions > 0 ? ", \(Terminal.grouped(statistics.reactions)) likes recorded one by one" : ""
        lines.append("  \(Terminal.grouped(statistics.items)) items by \(Terminal.grouped(statistics.actors)) authors\(likes)")
        if let first = statistics.firstItemAt, let last = statistics.lastItemAt {
            lines.append("  from \(first.iso8601UTC.prefix(10)) to \(last.iso8601UTC.prefix(10))")
        }
        if !statistics.byPlatform.isEmpty {
            let platforms = statistics.byPlatform.sorted { $0.value > $1.value }
                .map { "\($0.key.rawValue) \(Terminal.grouped($0.value))" }
            lines.append("  by platform: " + platforms.joined(separator: ", "))
        }
        if !statistics.byKind.isEmpty {
            let kinds = ItemKind.allCases.compactMap { kind in statistics.byKind[kind].map { "\(kind.rawValue) \(Terminal.grouped($0))" } }
            lines.append("  by kind: " + kinds.joined(separator: ", "))
        }
        lines.append("  \(Terminal.grouped(statistics.threadsWithResponses)) conversations with answers, \(Terminal.grouped(statistics.cascadeEdges)) reshares and quotes")
        return lines.joined(separator: "\n")
    }
}
