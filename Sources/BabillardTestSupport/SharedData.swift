import Foundation

/// Finds `../shared/data` (or `$BABILLARD_SHARED_DATA`), the real third-party data that tests
/// and benchmarks read. A user's clone has none of it, so tests that need it are skipped with
/// `SharedData.skipMessage` rather than failing.
public enum SharedData {
    /// The data folder, or nil when it is absent.
    public static let root: URL? = {
        let fileManager = FileManager.default
        if let configured = ProcessInfo.processInfo.environment["BABILLARD_SHARED_DATA"], !configured.isEmpty {
            let url = URL(fileURLWithPath: configured)
            return fileManager.fileExists(atPath: url.path) ? url : nil
        }
        // Walk up from this source file to the package root, then to its sibling `shared/`.
        var directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        for _ in 0..<6 {
            let candidate = directory.appendingPathComponent("../shared/data").standardizedFileURL
            if fileManager.fileExists(atPath: candidate.path) { return candidate }
            directory.deleteLastPathComponent()
        }
        return nil
    }()

    public static var isAvailable: Bool { root != nil }

    public static let skipMessage =
        "../shared/data is absent (set BABILLARD_SHARED_DATA to run these tests); skipped."

    /// The URL of a file or folder under the data folder; nil when the data folder is absent.
    public static func url(_ relativePath: String) -> URL? {
        root?.appendingPathComponent(relativePath)
    }

    /// The shared corpus of French blog posts (`../shared/corpus`), or nil when absent.
    public static let corpusRoot: URL? = root.map { $0.deletingLastPathComponent().appendingPathComponent("corpus") }

    /// Every regular file below a folder of the data, sorted by path.
    public static func files(under relativePath: String, withExtension pathExtension: String? = nil) -> [URL] {
        guard let folder = url(relativePath),
              let enumerator = FileManager.default.enumerator(at: folder, includingPropertiesForKeys: [.isRegularFileKey])
        else { return [] }
        var found: [URL] = []
        for case let file as URL in enumerator {
            guard (try? file.resourceValues(forKeys: [.isRegularFileKey]).isRegularFile) == true else { continue }
            if let pathExtension, file.pathExtension != pathExtension { continue }
            found.append(file)
        }
        return found.sorted { $0.path < $1.path }
    }
}
