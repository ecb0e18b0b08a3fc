import BabillardCore
import BabillardIngest

/// Choices a user can make about how an input is read.
public struct ReaderOptions: Sendable {
    /// `--map text=body,rating=stars,…` for CSV and JSON lines.
    public var mapping: String?
    /// `--platform` for CSV and JSON lines: where those records come from.
    public var platform: Platform?

    public init(mapping: String? = nil, platform: Platform? = nil) {
        self.mapping = mapping
        self.platform = platform
    }
}

/// The reader for each input format.
public enum ReaderCatalog {
    public static func reader(for format: InputFormat, options: ReaderOptions = ReaderOptions(), input: String) throws -> any FormatReader {
        switch format {
        default:
            throw ReadError(.unknownFormat, at: SourceLocation(file: input), "the \(format.rawValue) reader is not part of this build.")
        }
    }
}
