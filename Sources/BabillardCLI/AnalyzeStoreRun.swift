import BabillardPipeline
import BabillardStore
import BabillardText
import Foundation

/// Analyses a workspace's pending items (or all of them) with a progress line, and says what it did.
struct AnalyzeStoreRun {
    var store: StoreOptions
    var everything: Bool

    func run() async throws {
        let database = try store.openStore()
        let workspace = try await database.workspace(named: store.workspace)
        let analyzer = try AnalyzeCommand.loadAnalyzer(
            installedModels: TrainCommand.installedModelsDirectory(databasePath: database.path, workspace: workspace))
        let report = try await Self.analyze(database: database, workspace: workspace, analyzer: analyzer, everything: everything)
        Terminal.printError(Self.summary(report))
    }

    static func analyze(database: SQLiteStore, workspace: Workspace, analyzer: TextAnalyzer, everything: Bool) async throws
        -> AnalysisPipeline.Report
    {
        let progress = ProgressLine()
        let started = Date()
        let report = try await AnalysisPipeline(store: database, workspace: workspace, analyzer: analyzer).run(everything: everything) { done, total in
            let rate = Double(done) / max(Date().timeIntervalSince(started), 0.001)
            progress.update("Analysing: \(Terminal.grouped(done)) of \(Terminal.grouped(total)) items (\(Terminal.grouped(Int(rate))) a second)")
        }
        progress.clear()
        return report
    }

    /// After an import or a fetch: analyses what is new. A failure here does not undo the
    /// import; it is reported, and `babillard analyze --pending` finishes the work later.
    static func analyzeAfterImport(database: SQLiteStore, workspace: Workspace) async {
        do {
            let analyzer = try TextAnalyzer(
                installedModels: TrainCommand.installedModelsDirectory(databasePath: database.path, workspace: workspace))
            let report = try await analyze(database: database, workspace: workspace, analyzer: analyzer, everything: false)
            Terminal.printError(summary(report))
        } catch {
            let reason = String(describing: error)
            let sentence = reason.hasSuffix(".") ? reason : reason + "."
            Terminal.printError("babillard: the items are imported but not analysed: \(sentence) Run `babillard analyze --pending` to finish.")
        }
    }

    static func summary(_ report: AnalysisPipeline.Report) -> String {
        let inbox = report.inboxAdded == 0 ? "" : " \(Terminal.grouped(report.inboxAdded)) entered the inbox."
        if report.analyzed == 0 { return "Analysis: nothing new to analyse." + inbox }
        let items = report.analyzed == 1 ? "item" : "items"
        let repeating = report.repeatingAParagraph == 0 ? ""
            : ", \(Terminal.grouped(report.repeatingAParagraph)) repeating a paragraph of their own"
        return "Analysis: \(Terminal.grouped(report.analyzed)) \(items) read for language, sentiment and intents "
            + "(\(Terminal.grouped(report.nearDuplicates)) near-duplicates\(repeating)) in \(String(format: "%.1f", report.seconds)) s." + inbox
    }
}
