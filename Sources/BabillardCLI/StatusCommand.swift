import ArgumentParser
import BabillardCore
import BabillardStore
import BabillardText

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
        let analysis = WorkspaceSummary.describe(
            try await database.analysisSummary(of: workspace, analyzerVersion: TextAnalyzer.version), terms: try await database.watchTerms(in: workspace))
        if !analysis.isEmpty { Terminal.print(analysis) }
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

    /// What the analysis found: sentiment, intents, languages, near-duplicates, watch terms.
    static func describe(_ summary: AnalysisSummary, terms: [WatchTermRecord]) -> String {
        var lines: [String] = []
        guard summary.analyzed > 0 else {
            return summary.pending > 0 ? "  \(Terminal.grouped(summary.pending)) items not analysed yet: run babillard analyze --pending" : ""
        }
        let labels = ["negative", "neutral", "positive"].map { "\($0) \(Terminal.grouped(summary.byLabel[$0] ?? 0))" }
        lines.append("  sentiment: " + labels.joined(separator: ", ") + (summary.corrections > 0 ? " (\(summary.corrections) corrections)" : ""))
        let intents = summary.byIntent.sorted { $0.value > $1.value }.map { "\($0.key) \(Terminal.grouped($0.value))" }
        if !intents.isEmpty { lines.append("  intents: " + intents.joined(separator: ", ")) }
        let languages = summary.byLanguage.sorted { $0.value > $1.value }.map { "\($0.key) \(Terminal.grouped($0.value))" }
        lines.append("  languages: " + languages.joined(separator: ", ") + "; \(Terminal.grouped(summary.nearDuplicates)) near-duplicates")
        if !terms.isEmpty {
            lines.append("  watch terms: " + terms.map { "\($0.name) (\($0.kind.rawValue)) \(Terminal.grouped($0.matches))" }.joined(separator: ", "))
        }
        if summary.pending > 0 { lines.append("  \(Terminal.grouped(summary.pending)) items not analysed yet: run babillard analyze --pending") }
        return lines.joined(separator: "\n")
    }
}
