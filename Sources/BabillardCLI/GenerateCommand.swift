import ArgumentParser
import BabillardCore
import BabillardDemo
import Foundation

/// `babillard generate`: writes synthetic inputs for benchmarks and trials, from the same seeded
/// generator as the demo, without touching a database.
struct GenerateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "generate",
        abstract: "Write synthetic input files (for benchmarks and trials), deterministic for a seed.",
        discussion: """
            Kinds:
              mastodon-statuses   Mastodon REST API statuses, one JSON object per line
            Example: babillard generate mastodon-statuses --count 1000000 > statuses.jsonl
            """
    )

    @Argument(help: ArgumentHelp("What to generate.", valueName: "kind"))
    var kind: String

    @Option(help: ArgumentHelp("How many records.", valueName: "count"))
    var count: Int = 10_000

    @Option(help: ArgumentHelp("The seed: the same seed gives the same file.", valueName: "number"))
    var seed: UInt64 = 7

    @Option(help: ArgumentHelp("The file to write (default: standard output).", valueName: "path"))
    var output: String?

    func validate() throws {
        guard kind == "mastodon-statuses" else {
            throw ValidationError("Unknown kind '\(kind)'. Known kinds: mastodon-statuses.")
        }
        guard count > 0 else { throw ValidationError("--count must be at least 1.") }
    }

    func run() throws {
        // Dates end at a fixed instant so that the same seed gives the same bytes on every day.
        let lines = MastodonStatusLines(seed: seed, count: count, now: Timestamp(epochMilliseconds: 1_790_000_000_000))
        let handle: FileHandle
        if let output {
            guard FileManager.default.createFile(atPath: output, contents: nil), let opened = FileHandle(forWritingAtPath: output) else {
                Terminal.printError("babillard: cannot write \(output): check that its folder exists and that you may write there.")
                throw ExitCode(1)
            }
            handle = opened
        } else {
            handle = FileHandle.standardOutput
        }
        try lines.write(to: handle)
        if output != nil { try handle.close() }
    }
}
