import ArgumentParser
import BabillardCore
import BabillardIngest
import BabillardPipeline
import BabillardStore
import BabillardText
import Foundation

struct ImportCommand: AsyncParsableCommand {
    /// From 16 MB a first import into an empty database builds its indexes once at the end
    /// (below that the difference does not show).
    static let bulkLoadMinimumBytes = 16 << 20

    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Import feeds, exports and files into a workspace.",
        discussion: """
            The format is recognised from the content; name it with --format when it is not. \
            Re-importing a file changes nothing; an edited item is updated in place and keeps the \
            history of its counts. Bad records are reported with their file and line and skipped.

            Formats:
            \(InputFormat.allCases.map { "  \($0.rawValue.padding(toLength: 18, withPad: " ", startingAt: 0))\($0.summary)" }.joined(separator: "\n"))
            """
    )

    @OptionGroup var store: StoreOptions

    @Option(help: ArgumentHelp("The input format (default: detected).", valueName: "name"))
    var format: String?

    @Option(help: ArgumentHelp("For csv and jsonl: which column holds which field, e.g. text=review,rating=stars,created_at=date.", valueName: "field=column,…"))
    var map: String?

    @Option(help: ArgumentHelp("For csv and jsonl: the platform the records come from (google, tripadvisor…).", valueName: "name"))
    var platform: String?

    @Flag(help: "Print one JSON object with the counts and the errors on standard output.")
    var json = false

    @Flag(name: .customLong("dry-run"), help: "Read the files and report what they hold and what is wrong, without writing anything.")
    var dryRun = false

    @Flag(name: .customLong("no-analysis"), help: "Do not analyse the new items now (run babillard analyze --pending later).")
    var noAnalysis = false

    @Argument(help: ArgumentHelp("The files to import.", valueName: "file"))
    var files: [String] = []

    func validate() throws {
        if files.isEmpty { throw ValidationError("Name at least one file to import, for example: babillard import feed.xml") }
        if let format, InputFormat(rawValue: format) == nil {
            throw ValidationError("Unknown format '\(format)'. Known formats: \(InputFormat.allCases.map(\.rawValue).joined(separator: ", ")).")
        }
    }

    func run() async throws {
        // A dry run opens no database: it must not even create one.
        let database = dryRun ? nil : try store.openStore()
        let workspace = if let database { try await database.workspace(named: store.workspace) } else { Workspace?.none }
        let progress = ProgressLine()
        let options = ReaderOptions(mapping: map, platform: platform.map { Platform($0) })
        var total = ImportCounts()
        var errors: [RejectedRecord] = []
        var failedFiles = 0

        for file in files {
            do {
                let input = try ReaderInput.file(file)
                let chosen = try format.flatMap { InputFormat(rawValue: $0) } ?? FormatDetector.detect(input)
                let reader = try ReaderCatalog.reader(for: chosen, options: options)
                guard let database, let workspace else {
                    let report = try DryRun.read(reader, input)
                    total += report.counts
                    errors += report.rejections
                    if !json {
                        Terminal.printError("\(file) (\(chosen.rawValue)): \(Terminal.grouped(report.counts.read)) records read, \(Terminal.grouped(report.counts.rejected)) rejected (nothing written).")
                        for rejection in report.rejections.prefix(20) { Terminal.printError("  would skip \(rejection)") }
                        if report.counts.rejected > 20 { Terminal.printError("  … and \(report.counts.rejected - 20) more records to skip") }
                    }
                    continue
                }
                var pipeline = ImportPipeline(store: database, workspace: workspace, batchSize: 10_000) { counts in
                    progress.update("\(file): \(Terminal.grouped(counts.read)) records read, \(Terminal.grouped(counts.imported)) new")
                }
                // A first import of a large file into an empty database is a bulk load.
                pipeline.bulkLoadMinimumBytes = Self.bulkLoadMinimumBytes
                let report = try await pipeline.run(reader, on: input)
                progress.clear()
                total += report.counts
                errors += report.rejections
                if !json {
                    Terminal.printError(summary(of: report))
                    for rejection in report.rejections.prefix(20) { Terminal.printError("  skipped \(rejection)") }
                    if report.counts.rejected > 20 { Terminal.printError("  … and \(report.counts.rejected - 20) more skipped records") }
                }
            } catch let error as ReadError {
                progress.clear()
                failedFiles += 1
                errors.append(RejectedRecord(location: error.location, reason: error.reason))
                Terminal.printError("babillard: \(error.message)")
            } catch let error as StoreError {
                progress.clear()
                Terminal.printError("babillard: \(error.message)")
                throw ExitCode(2)
            }
        }

        // New and edited items are analysed as they arrive (language, sentiment, intents, duplicates).
        if let database, let workspace, !noAnalysis, total.imported + total.updated > 0 {
            await AnalyzeStoreRun.analyzeAfterImport(database: database, workspace: workspace)
        }

        if json {
            var object = JSONObjectWriter()
            object.add("read", total.read)
            object.add("imported", total.imported)
            object.add("updated", total.updated)
            object.add("duplicates", total.duplicates)
            object.add("rejected", total.rejected)
            object.add("errors", raw: JSONText.array(errors.map { rejection in
                var entry = JSONObjectWriter()
                entry.add("file", rejection.location.file)
                if let line = rejection.location.line { entry.add("line", line) }
                if let offset = rejection.location.offset { entry.add("offset", offset) }
                entry.add("reason", rejection.reason)
                return entry.finish()
            }))
            Terminal.print(object.finish())
        } else if files.count > 1 {
            Terminal.printError(dryRun ? "Total: \(Terminal.grouped(total.read)) records read, \(Terminal.grouped(total.rejected)) rejected (nothing written)." : "Total: \(describe(total)).")
        }
        // Non-zero only when nothing at all could be read.
        let accepted = dryRun ? total.read - total.rejected : total.imported + total.updated + total.duplicates
        if accepted == 0 && (failedFiles > 0 || total.rejected > 0) {
            throw ExitCode(1)
        }
    }

    func summary(of report: ImportReport) -> String {
        "\(report.input) (\(report.format)): \(describe(report.counts))."
    }

    func describe(_ counts: ImportCounts) -> String {
        "\(Terminal.grouped(counts.read)) read, \(Terminal.grouped(counts.imported)) new, "
            + "\(Terminal.grouped(counts.updated)) updated, \(Terminal.grouped(counts.duplicates)) already known, "
            + "\(Terminal.grouped(counts.rejected)) rejected"
    }
}

/// Reads an input without a store: what `import --dry-run` reports, and what the parsing benchmark times.
enum DryRun {
    static func read(_ reader: any FormatReader, _ input: ReaderInput) throws -> (counts: ImportCounts, rejections: [RejectedRecord]) {
        var counts = ImportCounts()
        var rejections: [RejectedRecord] = []
        try reader.read(input) { record in
            counts.read += 1
            if case .rejected(let rejection) = record {
                counts.rejected += 1
                if rejections.count < ImportPipeline.rejectionsKept { rejections.append(rejection) }
            }
        }
        return (counts, rejections)
    }
}
