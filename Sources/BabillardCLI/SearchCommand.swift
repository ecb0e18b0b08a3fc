import ArgumentParser
import BabillardCore
import BabillardStore
import Foundation

struct SearchCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "search",
        abstract: "Find items by their words, accents and case aside.",
        discussion: """
            All words must appear; "quotes" keep a phrase; OR joins alternatives; -word excludes; \
            word* matches the beginning of words. Example: babillard search 'livraison -retard'
            """
    )

    @OptionGroup var store: StoreOptions

    @Option(help: "How many items to show, best first.")
    var limit: Int = 20

    @Option(help: ArgumentHelp("Only items of this platform.", valueName: "name"))
    var platform: String?

    @Option(help: ArgumentHelp("Only items of this kind (\(ItemKind.allCases.map(\.rawValue).joined(separator: ", "))).", valueName: "kind"))
    var kind: String?

    @Flag(help: "Print {\"items\": [...]} as JSON on standard output.")
    var json = false

    @Argument(parsing: .allUnrecognized, help: "What to look for.")
    var query: [String] = []

    func validate() throws {
        if query.joined().trimmingCharacters(in: .whitespaces).isEmpty { throw ValidationError("Say what to look for, for example: babillard search croissant") }
        if limit < 1 || limit > 1000 { throw ValidationError("--limit must be between 1 and 1000.") }
        if let kind, ItemKind(rawValue: kind) == nil {
            throw ValidationError("Unknown kind '\(kind)'. Kinds: \(ItemKind.allCases.map(\.rawValue).joined(separator: ", ")).")
        }
    }

    func run() async throws {
        let database = try store.openStore()
        let workspace = try await database.workspace(named: store.workspace)
        let search = SearchQuery(
            text: query.joined(separator: " "), limit: limit, platform: platform.map { Platform($0) },
            kind: kind.flatMap { ItemKind(rawValue: $0) }
        )
        do {
            if json {
                // The analyses only for JSON: the lines for people show the items alone.
                let found = try await database.searchMentions(search, in: workspace)
                let watchTermNames = try await ItemJSON.watchTermNames(in: workspace, of: database)
                let items = found.map { ItemJSON.encode($0.stored, analysis: $0.analysis, watchTermNames: watchTermNames) }
                Terminal.print("{\"items\":" + JSONText.array(items) + "}")
                return
            }
            let found = try await database.search(search, in: workspace)
            if found.isEmpty {
                Terminal.printError("Nothing found for \(search.text) in workspace \(workspace.name).")
                return
            }
            for stored in found { Terminal.print(ItemLine.format(stored)) }
        } catch let error as StoreError where error.kind == .invalidQuery {
            throw CommandFailure(error.message)
        }
    }
}

/// One line per item for people: date, where, who, what.
enum ItemLine {
    static func format(_ stored: StoredItem, width: Int = 110) -> String {
        let item = stored.item
        let date = item.createdAt.map { String($0.iso8601Original.prefix(16)).replacingOccurrences(of: "T", with: " ") } ?? "date unknown    "
        let who = item.author.map { $0.handle ?? $0.displayName ?? $0.externalID } ?? "unknown author"
        var text = [item.title, item.text].compactMap { $0 }.filter { !$0.isEmpty }.joined(separator: " — ")
        text = text.replacingOccurrences(of: "\n", with: " ")
        let head = "\(date)  \(item.platform.rawValue)/\(item.kind.rawValue)  \(who): "
        let room = max(20, width - head.count)
        if text.count > room { text = String(text.prefix(room - 1)) + "…" }
        return head + text
    }
}
