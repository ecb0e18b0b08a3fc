/// Every input format Babillard reads, by the name `--format` takes.
public enum InputFormat: String, Sendable, CaseIterable, Hashable, Codable {
    /// RSS 0.9x/1.0/2.0 and Atom 0.3/1.0, including comment feeds.
    case feed
    /// JSON Feed 1.0 and 1.1.
    case jsonFeed = "jsonfeed"
    /// WordPress export (WXR 1.0–1.2).
    case wxr
    /// Mastodon REST API JSON: a status, a list of statuses, a thread's context, search results.
    case mastodon
    /// A Mastodon account archive's ActivityPub `outbox.json`.
    case mastodonOutbox = "mastodon-outbox"
    /// Bluesky Jetstream events, one JSON object per line.
    case blueskyJetstream = "bluesky-jetstream"
    /// Bluesky AppView JSON: `app.bsky.feed.getAuthorFeed`, `getPostThread`.
    case bluesky
    /// Reddit listing and comment-tree JSON.
    case reddit
    /// X/Twitter account archive `tweets.js` (with its `window.YTD…` prefix).
    case xArchive = "x-archive"
    /// Facebook "Download your information" JSON (posts and comments).
    case facebook
    /// Instagram "Download your information" JSON (posts and comments).
    case instagram
    /// Foursquare/Swarm check-in export.
    case foursquare
    /// CSV with a header row and a field mapping.
    case csv
    /// JSON lines with a field mapping.
    case jsonLines = "jsonl"

    /// One line per format for help texts.
    public var summary: String {
        switch self {
        case .feed: "RSS 0.9x/1.0/2.0 or Atom 0.3/1.0 feed, with comment feeds"
        case .jsonFeed: "JSON Feed 1.x"
        case .wxr: "WordPress export (WXR 1.0–1.2)"
        case .mastodon: "Mastodon REST API JSON (statuses, timelines, context, search)"
        case .mastodonOutbox: "Mastodon account archive outbox.json (ActivityPub)"
        case .blueskyJetstream: "Bluesky Jetstream events (JSON lines)"
        case .bluesky: "Bluesky AppView JSON (author feed, post thread)"
        case .reddit: "Reddit listing or comment-tree JSON"
        case .xArchive: "X/Twitter archive tweets.js"
        case .facebook: "Facebook 'Download your information' JSON"
        case .instagram: "Instagram 'Download your information' JSON"
        case .foursquare: "Foursquare/Swarm check-in export"
        case .csv: "CSV with a header row (use --map and --platform)"
        case .jsonLines: "JSON lines (use --map and --platform)"
        }
    }
}
