import ArgumentParser
import BabillardCore
import BabillardStore
import BabillardText
import Foundation

struct CorrectCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "correct",
        abstract: "Set the sentiment or the intents of an item by hand; it overrides the analysis everywhere.",
        discussion: """
            The item is named by its platform and external id (as `babillard export` prints them). \
            Corrections are kept with who made them and when; `babillard train --from-corrections` \
            learns from them.
            Example: babillard correct --platform mastodon --id https://… --sentiment negative --intents complaint,question
            """
    )

    @OptionGroup var store: StoreOptions

    @Option(help: ArgumentHelp("The item's platform.", valueName: "name"))
    var platform: String

    @Option(name: .customLong("id"), help: ArgumentHelp("The item's external id.", valueName: "external-id"))
    var externalID: String

    @Option(help: ArgumentHelp("negative, neutral or positive.", valueName: "label"))
    var sentiment: String?

    @Option(help: ArgumentHelp("Intents, comma-separated (\(Intent.allCases.map(\.rawValue).joined(separator: ", "))), or none.", valueName: "list"))
    var intents: String?

    @Option(help: ArgumentHelp("Who corrects (default: $USER).", valueName: "name"))
    var by: String?

    func validate() throws {
        if sentiment == nil && intents == nil { throw ValidationError("Give --sentiment, --intents or both.") }
        if let sentiment, SentimentLabel(rawValue: sentiment) == nil {
            throw ValidationError("--sentiment must be negative, neutral or positive, not '\(sentiment)'.")
        }
        if let names = intentNames {
            if names.contains("") {
                throw ValidationError("--intents '\(intents ?? "")' has an empty name; list intents separated by commas, or say none to clear them.")
            }
            for name in names where Intent(rawValue: name) == nil {
                throw ValidationError("Unknown intent '\(name)'. Intents: \(Intent.allCases.map(\.rawValue).joined(separator: ", ")).")
            }
        }
    }

    /// The names in `--intents`, trimmed, in order (empty ones kept, for `validate` to refuse);
    /// none for `none`.
    private var intentNames: [String]? {
        guard let intents else { return nil }
        if intents == "none" { return [] }
        return intents.split(separator: ",", omittingEmptySubsequences: false).map { $0.trimmingCharacters(in: .whitespaces) }
    }

    /// The intents to store, each once, in the order given ("" for none).
    private var intentList: String? {
        intentNames.map { names in names.reduce(into: [String]()) { if !$0.contains($1) { $0.append($1) } }.joined(separator: ",") }
    }

    func run() async throws {
        let database = try store.openStore()
        let workspace = try await database.workspace(named: store.workspace)
        guard let item = try await database.item(platform: Platform(platform), externalID: externalID, in: workspace) else {
            throw CommandFailure("There is no \(platform) item '\(externalID)' in workspace \(workspace.name).")
        }
        let person = by ?? ProcessInfo.processInfo.environment["USER"] ?? "unknown"
        let now = Timestamp(epochSeconds: Date().timeIntervalSince1970)
        if let sentiment {
            try await database.correct(itemID: item.id, field: .sentiment, value: sentiment, by: person, in: workspace, at: now)
        }
        if let value = intentList {
            try await database.correct(itemID: item.id, field: .intents, value: value, by: person, in: workspace, at: now)
        }
        // The inbox and the overview's daily sums follow the correction.
        try await database.refreshInbox(in: workspace, now: now)
        try await database.refreshDailyRollups(in: workspace, days: try await database.days(ofItems: [item.id], in: workspace))
        if let analysis = try await database.analysis(ofItem: item.id, in: workspace) {
            Terminal.print("Now: sentiment \(analysis.effectiveSentimentLabel)\(analysis.sentimentCorrected ? " (corrected)" : ""), intents \(analysis.effectiveIntents.isEmpty ? "none" : analysis.effectiveIntents.joined(separator: ", "))\(analysis.intentsCorrected ? " (corrected)" : "").")
        } else {
            Terminal.print("Correction recorded.")
        }
    }
}
