import ArgumentParser
import BabillardCore
import BabillardText
import Foundation

struct AnalyzeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "analyze",
        abstract: "Read a text as Babillard does: language, sentiment and why, intents, fingerprint.",
        discussion: """
            With a TEXT, analyses it. With no TEXT, reads one text per line on standard input and \
            prints one JSON object per line. With --pending, analyses the workspace's items that are \
            not analysed yet (imports do it themselves; this finishes an interrupted analysis); with \
            --all, every item again (after a model changed). Progress goes to standard error.
            Examples: babillard analyze "Le pain était rassis, très déçu"
                      babillard analyze --all --workspace melisse
            """
    )

    @OptionGroup var store: StoreOptions

    @Flag(help: "Print JSON instead of a readable summary.")
    var json = false

    @OptionGroup var analysis: TextAnalysisOptions

    @Flag(help: "Analyse every item of the workspace again instead of a text (after a model changed).")
    var all = false

    @Flag(help: "Analyse the workspace's items that are not analysed yet.")
    var pending = false

    @Argument(help: "The text to analyse (none: one text per line on standard input).")
    var text: [String] = []

    func validate() throws {
        if all && pending { throw ValidationError("Give --all or --pending, not both.") }
        if (all || pending) && !text.isEmpty { throw ValidationError("Give either --\(all ? "all" : "pending") or a text, not both.") }
        if (all || pending) && !analysis.isDefault {
            throw ValidationError("--lang and --engine apply to texts; a workspace's items are analysed with the engine chosen for each one.")
        }
    }

    func run() async throws {
        if all || pending {
            try await AnalyzeStoreRun(store: store, everything: all).run()
            return
        }
        let analyzer = try Self.loadAnalyzer()
        let forcedLanguage = analysis.forcedLanguage
        let choice = analysis.engineChoice
        if !text.isEmpty {
            let result = analyzer.analyze(text.joined(separator: " "), language: forcedLanguage, engine: choice)
            Terminal.print(json ? AnalysisJSON.encode(result) : Self.describe(result))
            return
        }
        // One text per line on standard input, one JSON object per line on standard output, in
        // order. Lines are read in blocks and each block is analysed on every core.
        let reader = LineBlockReader(handle: FileHandle.standardInput)
        while let lines = try reader.nextBlock(maximumLines: 4_096) {
            let chunks = Self.analyzeInParallel(lines, analyzer: analyzer, language: forcedLanguage, engine: choice)
            var output = Data(capacity: chunks.reduce(0) { $0 + $1.count })
            for chunk in chunks { output.append(contentsOf: chunk) }
            FileHandle.standardOutput.write(output)
        }
    }

    /// The JSON lines of the analyses, computed on every core, in the lines' order: each chunk
    /// of 64 lines is written into one buffer.
    static func analyzeInParallel(_ lines: [String], analyzer: TextAnalyzer, language: Language?, engine: SentimentEngineChoice) -> [[UInt8]] {
        let chunkSize = 64
        let chunks = ConcurrentChunks.chunkCount(count: lines.count, size: chunkSize)
        let results = UnsafeMutableBufferPointer<[UInt8]>.allocate(capacity: chunks)
        results.initialize(repeating: [])
        defer {
            results.deinitialize()
            results.deallocate()
        }
        nonisolated(unsafe) let output = results
        ConcurrentChunks.forEach(count: lines.count, size: chunkSize) { chunk, range in
            var json = JSONBytes(capacity: range.count * 600)
            for index in range {
                AnalysisJSON.write(analyzer.analyze(lines[index], language: language, engine: engine), into: &json)
                json.bytes.append(0x0A)
            }
            output[chunk] = json.bytes
        }
        return Array(results)
    }

    /// The analyzer with its shipped resources, or an error that names the missing file.
    static func loadAnalyzer(installedModels: URL? = nil) throws -> TextAnalyzer {
        do {
            return try TextAnalyzer(installedModels: installedModels)
        } catch {
            Terminal.printError("babillard: \(error.description)")
            throw ExitCode(2)
        }
    }

    static func describe(_ analysis: TextAnalysis) -> String {
        var lines: [String] = []
        lines.append("language   \(analysis.language.code) (confidence \(String(format: "%.2f", analysis.languageConfidence)))")
        let sentiment = analysis.sentiment
        lines.append("sentiment  \(sentiment.label.rawValue) \(String(format: "%+.3f", sentiment.score)) (\(sentiment.engine.rawValue))")
        for contribution in sentiment.explanation.prefix(8) {
            lines.append("           \(String(format: "%+.2f", contribution.effect))  \(contribution.text)  — \(contribution.reason)")
        }
        let intents = analysis.intents.map { "\($0.intent.rawValue) (“\($0.evidence)”)" }
        lines.append("intents    \(intents.isEmpty ? "none" : intents.joined(separator: ", "))")
        lines.append("fingerprint \(AnalysisJSON.fingerprintHex(analysis.fingerprint))")
        return lines.joined(separator: "\n")
    }
}
