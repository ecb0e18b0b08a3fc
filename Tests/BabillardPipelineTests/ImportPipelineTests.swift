import BabillardCore
import BabillardIngest
import BabillardPipeline
import BabillardStore
import BabillardTestSupport
import Foundation
import Testing

/// A reader of a trivial format made for these tests: one item per line, `id<TAB>text`;
/// a line without a tab is a bad record; a line `FAIL` makes the input unreadable from there.
struct TabSeparatedTestReader: FormatReader {
    var format: InputFormat { .jsonLines }

    func read(_ input: ReaderInput, emit: (IngestRecord) throws -> Void) throws {
        try LineScanner.forEachLine(in: input.data) { line, number, offset in
            let text = String(decoding: line, as: UTF8.self)
            if text == "FAIL" { throw ReadError(.truncated, at: input.location(line: number), "the file stops making sense here.") }
            let parts = text.split(separator: "\t", maxSplits: 1)
            if parts.count == 2 {
                try emit(.item(RawItem(platform: .other, externalID: String(parts[0]), kind: .mention, text: String(parts[1]))))
            } else {
                try emit(.rejected(RejectedRecord(location: input.location(line: number, offset: offset), reason: "no tab on this line")))
            }
            return true
        }
    }
}

@Suite("Import pipeline")
struct ImportPipelineTests {
    let directory = TemporaryDirectory("pipeline")

    func input(_ lines: [String]) -> ReaderInput {
        ReaderInput(data: Data(lines.joined(separator: "\n").utf8), name: "test.tsv")
    }

    /// 1,000 good lines with one that makes the test reader fail at line 651.
    let linesFailingAtLine651: [String] = {
        var lines = (1...1_000).map { "id\($0)\ttexte \($0)" }
        lines.insert("FAIL", at: 650)
        return lines
    }()

    @Test func writesEveryBatchAndKeepsTheRejections() async throws {
        let store = try SQLiteStore(path: directory.path("p.sqlite"))
        let workspace = try await store.workspace(named: "w")
        var lines = (1...2_500).map { "id\($0)\tbonjour numéro \($0)" }
        lines.insert("broken line", at: 1000)
        let pipeline = ImportPipeline(store: store, workspace: workspace, batchSize: 300)
        let report = try await pipeline.run(TabSeparatedTestReader(), on: input(lines))
        #expect(report.counts == ImportCounts(read: 2_501, imported: 2_500, rejected: 1))
        #expect(report.rejections == [RejectedRecord(location: SourceLocation(file: "test.tsv", line: 1001, offset: report.rejections.first?.location.offset), reason: "no tab on this line")])
        #expect(try await store.statistics(of: workspace).items == 2_500)

        let again = try await pipeline.run(TabSeparatedTestReader(), on: input(lines))
        #expect(again.counts == ImportCounts(read: 2_501, duplicates: 2_500, rejected: 1))
        let runs = try await store.importRuns(in: workspace, limit: 5)
        #expect(runs.map(\.status) == [.completed, .completed])
        #expect(runs.first?.counts == again.counts)
    }

    @Test func keepsWholeBatchesWrittenBeforeAReaderFailsAndRecordsTheFailure() async throws {
        let store = try SQLiteStore(path: directory.path("p.sqlite"))
        let workspace = try await store.workspace(named: "w")
        let lines = linesFailingAtLine651
        let pipeline = ImportPipeline(store: store, workspace: workspace, batchSize: 200)
        await #expect(throws: ReadError.self) {
            _ = try await pipeline.run(TabSeparatedTestReader(), on: input(lines))
        }
        #expect(try await store.statistics(of: workspace).items == 600, "three whole batches of 200, none of the fourth")
        let run = try #require(try await store.importRuns(in: workspace, limit: 1).first)
        #expect(run.status == .failed)
        #expect(run.message?.contains("test.tsv:651") == true)
    }

    /// A first import of a large input is a bulk load (indexes built at the end) and ends the
    /// same as an ordinary one, repeats and edits across batches included.
    @Test func aBulkLoadEndsAsAnOrdinaryImportDoes() async throws {
        var lines = (1...2_000).map { "id\($0)\tbonjour numéro \($0)" }
        lines += (1...300).map { "id\($0 * 5)\tbonjour numéro \($0 * 5)" }
        lines += (1...100).map { "id\($0 * 7)\tnuméro \($0 * 7) corrigé" }
        var outcomes: [ImportCounts] = []
        var texts: [[String]] = []
        for bulk in [false, true] {
            let store = try SQLiteStore(path: directory.path("bulk-\(bulk).sqlite"))
            let workspace = try await store.workspace(named: "w")
            var pipeline = ImportPipeline(store: store, workspace: workspace, batchSize: 250)
            pipeline.bulkLoadMinimumBytes = bulk ? 0 : nil
            outcomes.append(try await pipeline.run(TabSeparatedTestReader(), on: input(lines)).counts)
            let stored = LockedList<String>()
            try await store.forEachItem(in: workspace) { stored.append("\($0.item.externalID) \($0.item.text)") }
            texts.append(stored.values)
            #expect(try await store.search(SearchQuery(text: "corrigé", limit: 500), in: workspace).count == 100)
            #expect(try await pipeline.run(TabSeparatedTestReader(), on: input(lines)).counts.imported == 0)
        }
        #expect(outcomes[0] == ImportCounts(read: 2_400, imported: 2_000, updated: 100, duplicates: 300))
        #expect(outcomes[1] == outcomes[0])
        #expect(texts[1] == texts[0])
    }

    @Test func aFailedBulkLoadStillBuildsItsIndexes() async throws {
        let store = try SQLiteStore(path: directory.path("p.sqlite"))
        let workspace = try await store.workspace(named: "w")
        let lines = linesFailingAtLine651
        var pipeline = ImportPipeline(store: store, workspace: workspace, batchSize: 200)
        pipeline.bulkLoadMinimumBytes = 0
        await #expect(throws: ReadError.self) {
            _ = try await pipeline.run(TabSeparatedTestReader(), on: input(lines))
        }
        pipeline.bulkLoadMinimumBytes = nil
        let again = try await pipeline.run(TabSeparatedTestReader(), on: input(lines.filter { $0 != "FAIL" }))
        #expect(again.counts == ImportCounts(read: 1_000, imported: 400, duplicates: 600), "the unique key refuses the 600 already in")
    }

    @Test func reportsProgressAfterEachBatch() async throws {
        let store = try SQLiteStore(path: directory.path("p.sqlite"))
        let workspace = try await store.workspace(named: "w")
        let seen = LockedList<Int>()
        let pipeline = ImportPipeline(store: store, workspace: workspace, batchSize: 100, progress: { seen.append($0.read) })
        _ = try await pipeline.run(TabSeparatedTestReader(), on: input((1...350).map { "id\($0)\tx" }))
        #expect(seen.values == [100, 200, 300, 350])
    }
}

/// Values appended from callbacks that may run on another thread.
final class LockedList<Element>: @unchecked Sendable {
    private let lock = NSLock()
    private var storage: [Element] = []
    func append(_ value: Element) { lock.lock(); storage.append(value); lock.unlock() }
    var values: [Element] { lock.lock(); defer { lock.unlock() }; return storage }
}
