import ArgumentParser
import BabillardStore
import Foundation

struct ExportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Write every item of a workspace as JSON lines on standard output."
    )

    @OptionGroup var store: StoreOptions

    @Option(help: ArgumentHelp("The output format; only jsonl for now.", valueName: "name"))
    var format: String = "jsonl"

    func validate() throws {
        guard format == "jsonl" else { throw ValidationError("Unknown export format '\(format)': use --format jsonl.") }
    }

    func run() async throws {
        let database = try store.openStore()
        let workspace = try await database.workspace(named: store.workspace)
        let output = BufferedOutput()
        let watchTermNames = try await ItemJSON.watchTermNames(in: workspace, of: database)
        try await database.forEachMention(in: workspace) { mention in
            output.write(ItemJSON.encode(mention.stored, analysis: mention.analysis, watchTermNames: watchTermNames))
        }
        output.flush()
    }
}

/// Collects lines and writes them to standard output in large chunks.
final class BufferedOutput: @unchecked Sendable {
    private var buffer = Data()
    private let lock = NSLock()

    func write(_ line: String) {
        lock.lock()
        defer { lock.unlock() }
        buffer.append(contentsOf: line.utf8)
        buffer.append(0x0A)
        if buffer.count >= 1 << 20 {
            FileHandle.standardOutput.write(buffer)
            buffer.removeAll(keepingCapacity: true)
        }
    }

    func flush() {
        lock.lock()
        defer { lock.unlock() }
        FileHandle.standardOutput.write(buffer)
        buffer.removeAll()
    }
}
