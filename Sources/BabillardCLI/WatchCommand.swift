import ArgumentParser
import BabillardCore
import BabillardPipeline
import BabillardStore
import BabillardText
import Foundation

struct WatchCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "watch",
        abstract: "Name the brand, products and competitors to follow; every item records what it matches.",
        subcommands: [Add.self, List.self, Remove.self]
    )

    struct Add: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "add",
            abstract: "Add (or change) a watch term and match every item against it.",
            discussion: """
                The query: words (all must appear), "phrases", OR, NOT or -word, parentheses, #hashtags and \
                @handles; accents and case do not matter.
                Example: babillard watch add Mélisse --kind brand --query '"boulangerie mélisse" OR @melisse OR #melisse'
                """
        )
        @OptionGroup var store: StoreOptions
        @Argument(help: "A short name for it.") var name: String
        @Option(help: ArgumentHelp("brand, product, competitor or topic.", valueName: "kind")) var kind: String = "brand"
        @Option(help: ArgumentHelp("What to look for (default: the name).", valueName: "query")) var query: String?

        func validate() throws {
            if WatchTermRecord.Kind(rawValue: kind) == nil {
                throw ValidationError("--kind must be \(WatchTermRecord.Kind.allCases.map(\.rawValue).joined(separator: ", ")).")
            }
            do { _ = try WatchQuery(parsing: query ?? name) } catch { throw ValidationError("The query is not valid: \(error)") }
        }

        func run() async throws {
            let database = try store.openStore()
            let workspace = try await database.workspace(named: store.workspace)
            let term = try await database.addWatchTerm(
                name: name, kind: WatchTermRecord.Kind(rawValue: kind) ?? .brand, query: query ?? name, in: workspace,
                at: Timestamp(epochSeconds: Date().timeIntervalSince1970))
            let analyzer = try AnalyzeCommand.loadAnalyzer()
            let progress = ProgressLine()
            _ = try await AnalysisPipeline(store: database, workspace: workspace, analyzer: analyzer).rematchWatchTerms { done, total in
                progress.update("Matching: \(Terminal.grouped(done)) of \(Terminal.grouped(total)) items")
            }
            progress.clear()
            let matches = try await database.watchTerms(in: workspace).first { $0.id == term.id }?.matches ?? 0
            Terminal.print("\(term.name) (\(term.kind.rawValue)): \(term.query) — \(Terminal.grouped(matches)) \(matches == 1 ? "item matches" : "items match").")
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "list", abstract: "List the watch terms and how many items match each.")
        @OptionGroup var store: StoreOptions

        func run() async throws {
            let database = try store.openStore()
            let workspace = try await database.workspace(named: store.workspace)
            let terms = try await database.watchTerms(in: workspace)
            if terms.isEmpty {
                Terminal.printError("No watch terms in workspace \(workspace.name). Add one: babillard watch add NAME --query QUERY")
            }
            for term in terms {
                Terminal.print("\(term.name)\t\(term.kind.rawValue)\t\(term.matches)\t\(term.query)")
            }
        }
    }

    struct Remove: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "remove", abstract: "Remove a watch term and its matches.")
        @OptionGroup var store: StoreOptions
        @Argument(help: "Its name.") var name: String

        func run() async throws {
            let database = try store.openStore()
            let workspace = try await database.workspace(named: store.workspace)
            guard try await database.removeWatchTerm(named: name, in: workspace) else {
                throw CommandFailure("There is no watch term '\(name)' in workspace \(workspace.name).")
            }
            Terminal.print("Removed \(name).")
        }
    }
}
