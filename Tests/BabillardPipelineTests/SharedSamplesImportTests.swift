import BabillardCore
import BabillardIngest
import BabillardPipeline
import BabillardStore
import BabillardTestSupport
import Foundation
import Testing

/// Every real sample of ../shared/data for the listening sources goes through the whole path a
/// user takes (format detection, reader, pipeline, SQLite) and lands as the items a careful reader
/// of the files counts; importing it all a second time changes nothing.
@Suite("Importing the shared samples end to end", .enabled(if: SharedData.isAvailable, Comment(rawValue: SharedData.skipMessage)))
struct SharedSamplesImportTests {
    let directory = TemporaryDirectory("samples")

    /// Imports each file with its detected format; returns the summed counts and the files that could not be read.
    func importAll(_ files: [URL], into store: SQLiteStore, _ workspace: Workspace) async throws -> (ImportCounts, [String]) {
        var total = ImportCounts()
        var unreadable: [String] = []
        for file in files {
            do {
                let input = try ReaderInput.file(file.path)
                let reader = try ReaderCatalog.reader(for: try FormatDetector.detect(input))
                total += try await ImportPipeline(store: store, workspace: workspace).run(reader, on: input).counts
            } catch let error as ReadError {
                unreadable.append("\(error)")
            }
        }
        return (total, unreadable)
    }

    @Test func wordPressExportsRedditAndBlueskyLandAsCounted() async throws {
        let store = try SQLiteStore(path: directory.path("s.sqlite"))
        let workspace = try await store.workspace(named: "samples")
        let files = ["wordpress-wxr/small-export.xml", "wordpress-wxr/theme-unit-test-data.xml", "reddit/comments-n49rw.json", "bluesky/expected_v1.jsonl"]
            .compactMap { SharedData.url($0) }
        let (counts, unreadable) = try await importAll(files, into: store, workspace)
        #expect(unreadable.isEmpty, "\(unreadable)")
        #expect(counts.rejected == 0)
        let statistics = try await store.statistics(of: workspace)
        // WXR: 11 posts and pages + 1 comment; 79 + 33. Reddit: 1 post + 485 comments. Jetstream: 9 posts,
        // 8 replies and 15 reposts as items (likes are reactions; one delete applies to what it names).
        #expect(statistics.byPlatform[.blog] == 12 + 112)
        #expect(statistics.byPlatform[.reddit] == 486)
        #expect((statistics.byPlatform[.bluesky] ?? 0) >= 31 && (statistics.byPlatform[.bluesky] ?? 0) <= 32)
        #expect(statistics.reactions > 0, "Bluesky likes are kept as reactions")
        #expect(statistics.threadsWithResponses >= 1 + 1 + 1)

        let (again, _) = try await importAll(files, into: store, workspace)
        #expect(again.imported == 0 && again.updated == 0, "a second import changes nothing")
        #expect(try await store.statistics(of: workspace).items == statistics.items)
    }

    @Test func everyWellFormedFeedOfFeedparsersSuiteImports() async throws {
        let store = try SQLiteStore(path: directory.path("f.sqlite"))
        let workspace = try await store.workspace(named: "feeds")
        let files = SharedData.files(under: "feeds/feedparser-tests/wellformed", withExtension: "xml")
        #expect(files.count > 1_500)
        let (counts, unreadable) = try await importAll(files, into: store, workspace)
        #expect(unreadable.isEmpty, "\(unreadable.prefix(5))")
        #expect(counts.rejected == 0)
        #expect(counts.read >= 1_100, "the suite's documents hold over a thousand entries")
        // Many test documents reuse the same entry ids: they land once.
        #expect(counts.imported + counts.updated + counts.duplicates == counts.read)
    }
}
