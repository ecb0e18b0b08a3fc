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
    /// The reader for `format`; throws a `ReadError` when the options do not fit (a `--map` that
    /// cannot be parsed; the error names the option).
    public static func reader(for format: InputFormat, options: ReaderOptions = ReaderOptions()) throws -> any FormatReader {
        switch format {
        case .feed: return FeedReader()
        case .jsonFeed: return JSONFeedReader()
        case .wxr: return WXRReader()
        case .mastodon: return MastodonReader()
        case .mastodonOutbox: return MastodonOutboxReader()
        case .blueskyJetstream: return BlueskyJetstreamReader()
        case .bluesky: return BlueskyAppViewReader()
        case .reddit: return RedditReader()
        case .xArchive: return XArchiveReader()
        case .facebook: return FacebookReader()
        case .instagram: return InstagramReader()
        case .foursquare: return FoursquareReader()
        case .csv: return CSVReader(mapping: try mapping(options), platform: options.platform)
        case .jsonLines: return JSONLinesReader(mapping: try mapping(options), platform: options.platform)
        }
    }

    static func mapping(_ options: ReaderOptions) throws -> FieldMapping? {
        try options.mapping.map { try FieldMapping.parse($0) }
    }
}
