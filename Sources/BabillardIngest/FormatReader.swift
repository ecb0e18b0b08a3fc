import BabillardCore
import Foundation

/// The bytes of one input and what is known about where they came from.
public struct ReaderInput: Sendable {
    /// The whole input. Files are memory-mapped, so a large file costs address space, not memory.
    public var data: Data
    /// The name used in every message about this input (a path or a URL).
    public var name: String
    /// The HTTP `Content-Type` header when the input was fetched (its charset wins over the
    /// document's own declaration, as RFC 3023 says for feeds served as text/xml).
    public var contentType: String?
    /// The URL the input was fetched from, used to resolve relative links.
    public var baseURL: String?
    /// True when `data` is a memory-mapped file, whose scanned pages readers may release.
    public var isMemoryMapped = false

    public init(data: Data, name: String, contentType: String? = nil, baseURL: String? = nil) {
        self.data = data
        self.name = name
        self.contentType = contentType
        self.baseURL = baseURL
    }

    /// Memory-maps a file.
    public static func file(_ path: String) throws(ReadError) -> ReaderInput {
        let url = URL(fileURLWithPath: path)
        do {
            let data = try Data(contentsOf: url, options: [.alwaysMapped])
            var input = ReaderInput(data: data, name: path)
            input.isMemoryMapped = true
            return input
        } catch {
            throw ReadError(.unreadable, at: SourceLocation(file: path), "cannot open the file (\(error.localizedDescription)).")
        }
    }

    public func location(line: Int? = nil, offset: Int? = nil) -> SourceLocation {
        SourceLocation(file: name, line: line, offset: offset)
    }
}

/// Reads one format: bytes in, records out.
///
/// A reader hands records to `emit` one at a time, in input order, so that memory stays flat
/// whatever the input size. A bad record is emitted as `.rejected` with its location and the
/// reading goes on; an input that cannot be read at all throws a `ReadError`.
public protocol FormatReader: Sendable {
    /// The format this reader knows.
    var format: InputFormat { get }
    func read(_ input: ReaderInput, emit: (IngestRecord) throws -> Void) throws
}
