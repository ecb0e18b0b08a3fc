import BabillardTestSupport
import Foundation
import GRDB
import Testing

/// `kill -9` in the middle of an import: the database stays consistent (whole batches only), the
/// interrupted run is visible, and running the same import again completes it without duplicates.
@Suite("Interrupted import")
struct InterruptedImportTests {
    let directory = TemporaryDirectory("kill")

    @Test func aKilledImportLeavesWholeBatchesAndRerunningCompletesIt() async throws {
        let executable = try #require(BabillardExecutable.url)
        let statuses = directory.path("statuses.jsonl")
        let database = directory.path("k.sqlite")
        let count = 100_000
        let generated = try BabillardExecutable.run(["generate", "mastodon-statuses", "--count", "\(count)", "--output", statuses])
        #expect(generated.status == 0)

        let process = Process()
        process.executableURL = executable
        // Without analysis: this test is about the import's batches (analysis has its own pages).
        process.arguments = ["import", "--no-analysis", "--db", database, "--format", "mastodon", statuses]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        // Wait until some batches are committed, then kill without warning.
        let deadline = Date().addingTimeInterval(60)
        var committed = 0
        while Date() < deadline, process.isRunning {
            // Block this thread rather than await: other tests block the cooperative pool's two
            // threads with synchronous process waits, and an awaiting poll could miss every batch.
            usleep(10_000)
            committed = (try? itemCount(database)) ?? 0
            if committed > 0 { break }
        }
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()

        let afterKill = try itemCount(database)
        try #require(afterKill < count, "the import was killed before it finished (\(afterKill) of \(count) items were in)")
        let indexesAfterKill = try await DatabaseQueue(path: database).read { db in
            try Int.fetchOne(db, sql: "SELECT count(*) FROM sqlite_master WHERE type = 'index' AND name LIKE 'items_by_%'") ?? -1
        }
        #expect(indexesAfterKill == 0, "the first run was a bulk load, killed before it built the items' indexes")
        try await DatabaseQueue(path: database).read { db in
            #expect(try String.fetchOne(db, sql: "PRAGMA integrity_check") == "ok")
            let indexed = try Int.fetchOne(db, sql: "SELECT count(*) FROM items_fts") ?? -1
            #expect(indexed == afterKill, "the full-text index holds exactly the committed items")
        }
        let status = try BabillardExecutable.run(["status", "--db", database])
        #expect(status.standardOutput.contains("interrupted or running"), "the interrupted run is visible")

        let rerun = try BabillardExecutable.run(["import", "--no-analysis", "--db", database, "--json", "--format", "mastodon", statuses])
        #expect(rerun.status == 0)
        #expect(try itemCount(database) >= count, "every status is there after the rerun")
        // The first run was a bulk load (an empty database, a large file) killed before it built
        // the items' indexes; opening the store again built them.
        let indexes = try await DatabaseQueue(path: database).read { db in
            try Int.fetchOne(db, sql: "SELECT count(*) FROM sqlite_master WHERE type = 'index' AND name LIKE 'items_by_%'") ?? 0
        }
        #expect(indexes == 6)
        let again = try BabillardExecutable.run(["import", "--no-analysis", "--db", database, "--json", "--format", "mastodon", statuses])
        let summary = try JSONSerialization.jsonObject(with: Data(again.standardOutput.utf8)) as? [String: Any]
        #expect(summary?["imported"] as? Int == 0, "a third import changes nothing")
        #expect(summary?["updated"] as? Int == 0)
    }

    func itemCount(_ path: String) throws -> Int {
        guard FileManager.default.fileExists(atPath: path) else { return 0 }
        // Read-only and patient: a writable connection would contend with the import for locks
        // and fail while it writes, so that the test would see nothing until the import ended.
        var configuration = Configuration()
        configuration.readonly = true
        configuration.busyMode = .timeout(5)
        return try DatabaseQueue(path: path, configuration: configuration).read {
            try Int.fetchOne($0, sql: "SELECT count(*) FROM items") ?? 0
        }
    }
}
