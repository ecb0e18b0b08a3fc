import ArgumentParser
import BabillardCore
import BabillardDemo
import BabillardPipeline
import BabillardStore
import BabillardText
import BabillardWeb
import Foundation

/// `babillard demo`: builds a realistic bilingual demo workspace and shows what is in it.
///
/// The workspace is generated from a seed, with dates anchored at the start of the current day
/// (UTC, so "the same day" ends at 19:00 or 20:00 in Montréal), so running the command again the same day changes nothing (every item is already known)
/// and a newcomer always sees data that looks recent.
struct DemoCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "demo",
        abstract: "Build a demo workspace (a bakery-café's blog, Mastodon, Bluesky, reviews, check-ins) and show it.",
        discussion: """
            The data is invented but shaped like the real thing: threads of comments and replies, \
            reshare cascades, reviews skewed positive, a bad week of complaints, French and English. \
            The same seed gives the same workspace.
            """
    )

    @OptionGroup var store: StoreOptions

    @Option(help: ArgumentHelp("How many items to generate (1,000 to 10,000,000).", valueName: "count"))
    var items: Int = 5_000

    @Option(help: ArgumentHelp("The seed of the generator: the same seed gives the same data.", valueName: "number"))
    var seed: UInt64 = 42

    @Flag(help: ArgumentHelp("Build the workspace and stop, without serving the workbench."))
    var noServe = false

    @Option(help: ArgumentHelp("The address the workbench listens on.", valueName: "host"))
    var host: String = "127.0.0.1"

    @Option(help: ArgumentHelp("The port the workbench listens on.", valueName: "port"))
    var port: Int = 8080

    /// The demo's account, created when the database has none (the server listens on 127.0.0.1 by default).
    static let demoEmail = "demo@babillard.local"
    static let demoPassword = "babillard-demo"

    func validate() throws {
        guard (1...65_535).contains(port) else { throw ValidationError("--port must be between 1 and 65535 (got \(port)).") }
        guard (1_000...10_000_000).contains(items) else {
            throw ValidationError("--items must be between 1000 and 10000000 (got \(items)).")
        }
    }

    func run() async throws {
        let database = try store.openStore()
        let workspace = try await database.workspace(named: store.workspace)
        let now = Timestamp(epochSeconds: Date().timeIntervalSince1970)
        let startOfDay = Timestamp(epochMilliseconds: now.epochMilliseconds - now.epochMilliseconds % 86_400_000)
        let generator = DemoGenerator(DemoConfiguration(seed: seed, itemCount: items, now: startOfDay))
        let progress = ProgressLine()
        let pipeline = ImportPipeline(store: database, workspace: workspace, batchSize: 10_000) { counts in
            // Records are items and the profiles of their authors, so there is no total to show.
            progress.update("Generating the demo workspace: \(Terminal.grouped(counts.read)) records written")
        }
        let report: ImportReport
        do {
            report = try await pipeline.run(sourceName: "demo (seed \(seed))", formatName: "demo") { emit in
                try generator.generate(emit)
            }
        } catch let error as StoreError {
            progress.clear()
            Terminal.printError("babillard: \(error.message)")
            throw ExitCode(2)
        }
        progress.clear()
        // The brand and its competitors as watch terms (share of voice), then the analysis.
        let termsAddedAt = Timestamp(epochSeconds: Date().timeIntervalSince1970)
        if try await database.watchTerms(in: workspace).isEmpty {
            _ = try await database.addWatchTerm(
                name: generator.businessName, kind: .brand, query: generator.brandWatchQuery, in: workspace, at: termsAddedAt)
            for competitor in generator.competitorNames {
                _ = try await database.addWatchTerm(name: competitor, kind: .competitor, query: "\"\(competitor)\"", in: workspace, at: termsAddedAt)
            }
        }
        // The bakery's own accounts: their posts never enter the inbox, answers to them do.
        for account in generator.brandAccounts {
            try await database.addOwnAccount(platform: account.platform, externalID: account.externalID, in: workspace)
        }
        await AnalyzeStoreRun.analyzeAfterImport(database: database, workspace: workspace)
        let statistics = try await database.statistics(of: workspace)
        Terminal.print("Demo: \(generator.businessName), \(generator.city) — \(Terminal.grouped(report.counts.imported)) new records (items and their authors), \(Terminal.grouped(report.counts.duplicates)) already there.")
        Terminal.print(WorkspaceSummary.describe(statistics, workspace: workspace, databasePath: database.path))
        let analysis = WorkspaceSummary.describe(
            try await database.analysisSummary(of: workspace, analyzerVersion: TextAnalyzer.version), terms: try await database.watchTerms(in: workspace))
        if !analysis.isEmpty { Terminal.print(analysis) }
        // Hints a user can paste: the database and workspace they just filled, quoted for the shell.
        var place = "--db '\(database.path.replacingOccurrences(of: "'", with: "'\\''"))'"
        if store.workspace != "default" { place += " --workspace '\(store.workspace.replacingOccurrences(of: "'", with: "'\\''"))'" }
        Terminal.print("""

            Try (with swift run, write: swift run babillard …):
              babillard search \(place) 'livraison'            what people say about delivery
              babillard search \(place) '"pain au chocolat"'   a phrase
              babillard export \(place) | head                 every item as JSON lines
              babillard status \(place)                        what the workspace holds
              babillard analyze "Livraison en retard, très déçue"  how Babillard reads a text, and why
            """)
        try await prepareWorkbench(database, workspace: workspace)
        guard !noServe else { return }
        Terminal.print("""

            The workbench: http://\(host == "0.0.0.0" ? "127.0.0.1" : host):\(port)  (sign in as \(Self.demoEmail), password \(Self.demoPassword))
            """)
        try await ServerOptions.serve(database, host: host, port: port, insecureCookies: false)
    }

    /// The demo's account (when the database has none) and reply templates in French and English.
    func prepareWorkbench(_ database: SQLiteStore, workspace: Workspace) async throws {
        let now = Timestamp(epochSeconds: Date().timeIntervalSince1970)
        if try await database.userCount() == 0 {
            let hash = await PasswordHashing.hash(Self.demoPassword, cost: 10)
            let user = try await database.createUser(email: Self.demoEmail, displayName: "Démo", passwordHash: hash, locale: nil, at: now)
            try await database.setMembership(userID: user.id, role: .owner, in: workspace, at: now)
        }
        if try await database.replyTemplates(in: workspace).isEmpty {
            for template in DemoReplyTemplates.all { try await database.saveReplyTemplate(template, in: workspace) }
        }
    }
}
