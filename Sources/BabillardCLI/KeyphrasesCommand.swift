import ArgumentParser
import BabillardCore
import BabillardStore
import BabillardText
import Foundation

struct KeyphrasesCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "keyphrases",
        abstract: "What is said this week that was not said before: phrases ranked against the weeks before.",
        discussion: """
            Counts phrases of one to three words (French and English stop words aside) in the items \
            of the last --days days and in the --baseline-weeks weeks before, and ranks them by how \
            much more often they come up now (log-odds with an informative prior, Monroe et al. 2008). \
            The period ends with the newest item of the workspace (or --until).
            Example: babillard keyphrases --days 7 --baseline-weeks 8
            """
    )

    @OptionGroup var store: StoreOptions

    @Option(help: "Length of the current period, in days.")
    var days: Int = 7

    @Option(name: .customLong("baseline-weeks"), help: "Length of the period it is compared with, in weeks.")
    var baselineWeeks: Int = 8

    @Option(help: ArgumentHelp("The end of the current period (YYYY-MM-DD, UTC); default: the newest item.", valueName: "date"))
    var until: String?

    @Option(help: "How many phrases to show.")
    var limit: Int = 20

    @Flag(help: "Print {\"from\", \"until\", \"phrases\": [{\"phrase\", \"score\", \"current\", \"baseline\"}]} as JSON.")
    var json = false

    func validate() throws {
        if days < 1 || days > 366 { throw ValidationError("--days must be between 1 and 366.") }
        if baselineWeeks < 1 || baselineWeeks > 520 { throw ValidationError("--baseline-weeks must be between 1 and 520.") }
        if limit < 1 || limit > 1000 { throw ValidationError("--limit must be between 1 and 1000.") }
        if let until, Timestamp(iso8601: until) == nil { throw ValidationError("--until '\(until)' is not a date like 2026-11-23.") }
    }

    func run() async throws {
        let database = try store.openStore()
        let workspace = try await database.workspace(named: store.workspace)
        let statistics = try await database.statistics(of: workspace)
        guard let last = until.flatMap({ Timestamp(iso8601: $0) }).map({ Timestamp(epochMilliseconds: $0.epochMilliseconds + 86_400_000) })
            ?? statistics.lastItemAt.map({ Timestamp(epochMilliseconds: $0.epochMilliseconds + 1) })
        else {
            Terminal.printError("Workspace \(workspace.name) has no dated items yet.")
            return
        }
        let end = last.epochMilliseconds
        let currentStart = end - Int64(days) * 86_400_000
        let baselineStart = currentStart - Int64(baselineWeeks) * 7 * 86_400_000
        let extractor = try Self.makeExtractor()
        let box = ExtractorBox(extractor)
        try await database.forEachItem(in: workspace) { stored in
            guard let created = stored.item.createdAt?.epochMilliseconds, created >= baselineStart, created < end, stored.deletedAt == nil,
                  stored.item.kind != .reshare
            else { return }
            let language = stored.item.language.flatMap(Language.init(code:)) ?? .unknown
            let text = [stored.item.title, stored.item.text].compactMap { $0 }.joined(separator: "\n")
            box.add(text, language: language, period: created >= currentStart ? .current : .baseline)
        }
        let phrases = box.top(limit)
        let from = Timestamp(epochMilliseconds: currentStart).iso8601UTC.prefix(10)
        let to = Timestamp(epochMilliseconds: end - 1).iso8601UTC.prefix(10)
        if json {
            var object = JSONObjectWriter()
            object.add("from", String(from))
            object.add("until", String(to))
            object.add("phrases", raw: JSONText.array(phrases.map { phrase in
                var entry = JSONObjectWriter()
                entry.add("phrase", phrase.phrase)
                entry.add("score", (phrase.score * 100).rounded() / 100)
                entry.add("current", phrase.currentCount)
                entry.add("baseline", phrase.baselineCount)
                return entry.finish()
            }))
            Terminal.print(object.finish())
            return
        }
        Terminal.print("From \(from) to \(to) (\(box.counts.current) items), against the \(baselineWeeks) weeks before (\(box.counts.baseline) items):")
        if phrases.isEmpty { Terminal.print("  nothing stands out.") }
        for phrase in phrases {
            Terminal.print("  " + phrase.phrase.padding(toLength: 32, withPad: " ", startingAt: 0)
                + String(format: "%6.2f   now %d, before %d", phrase.score, phrase.currentCount, phrase.baselineCount))
        }
    }

    static func makeExtractor() throws -> KeyphraseExtractor {
        do {
            return try KeyphraseExtractor()
        } catch {
            Terminal.printError("babillard: \(error.description)")
            throw ExitCode(2)
        }
    }
}

/// The extractor, filled from the store's streaming callback (called on one thread at a time).
private final class ExtractorBox: @unchecked Sendable {
    private var extractor: KeyphraseExtractor
    private let lock = NSLock()

    init(_ extractor: KeyphraseExtractor) {
        self.extractor = extractor
    }

    func add(_ text: String, language: Language, period: KeyphrasePeriod) {
        lock.lock()
        defer { lock.unlock() }
        extractor.add(text, language: language, period: period)
    }

    func top(_ count: Int) -> [Keyphrase] { extractor.top(count) }
    var counts: (current: Int, baseline: Int) { (extractor.currentItemCount, extractor.baselineItemCount) }
}
