import Foundation

/// What a run of the `babillard` executable printed and returned.
public struct CommandResult: Sendable {
    public var status: Int32
    public var standardOutput: String
    public var standardError: String
}

/// Runs the `babillard` executable built beside the tests, as a user would.
public enum BabillardExecutable {
    /// The built executable: next to the test bundle (`.build/<config>/babillard`).
    public static let url: URL? = {
        let fileManager = FileManager.default
        var candidates: [URL] = []
        let runner = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath()
        var directory = runner.deletingLastPathComponent()
        for _ in 0..<4 {
            candidates.append(directory.appendingPathComponent("babillard"))
            directory.deleteLastPathComponent()
        }
        let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        candidates.append(packageRoot.appendingPathComponent(".build/debug/babillard"))
        return candidates.first { fileManager.isExecutableFile(atPath: $0.path) }
    }()

    /// Runs `babillard` with arguments, an environment added to this process's, and standard input.
    public static func run(_ arguments: [String], environment: [String: String] = [:], input: Data? = nil, in directory: URL? = nil) throws -> CommandResult {
        guard let url else {
            throw CocoaError(.fileNoSuchFile, userInfo: [NSLocalizedDescriptionKey: "the babillard executable is not built; run swift build first"])
        }
        let process = Process()
        process.executableURL = url
        process.arguments = arguments
        var merged = ProcessInfo.processInfo.environment
        merged.removeValue(forKey: "BABILLARD_DB")
        for (key, value) in environment { merged[key] = value }
        process.environment = merged
        if let directory { process.currentDirectoryURL = directory }
        let output = Pipe(), error = Pipe(), standardInput = Pipe()
        process.standardOutput = output
        process.standardError = error
        process.standardInput = standardInput
        try process.run()
        // Read both pipes while the process runs so that neither fills up and blocks it.
        let outputData = ReadAll(output.fileHandleForReading)
        let errorData = ReadAll(error.fileHandleForReading)
        if let input { standardInput.fileHandleForWriting.write(input) }
        try? standardInput.fileHandleForWriting.close()
        process.waitUntilExit()
        return CommandResult(
            status: process.terminationStatus,
            standardOutput: String(decoding: outputData.wait(), as: UTF8.self),
            standardError: String(decoding: errorData.wait(), as: UTF8.self)
        )
    }
}

/// Reads a file handle to its end on a thread of its own.
final class ReadAll: @unchecked Sendable {
    private var data = Data()
    private let done = DispatchSemaphore(value: 0)

    init(_ handle: FileHandle) {
        Thread.detachNewThread { [self] in
            data = handle.readDataToEndOfFile()
            done.signal()
        }
    }

    func wait() -> Data {
        done.wait()
        return data
    }
}
