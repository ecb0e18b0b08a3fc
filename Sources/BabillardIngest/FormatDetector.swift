import BabillardCore
import Foundation

/// Recognises an input's format from its first bytes (and, for CSV, its name), so that
/// `babillard import FILE` needs no `--format` in the common case.
///
/// It looks for the markers each format always carries (an `<rss` root, a `wp:` namespace,
/// Jetstream's `time_us`, Reddit's `"kind": "Listing"`…) in the first 64 KiB only, so
/// detection costs nothing on a large file.
public enum FormatDetector {
    static let sniffLength = 65_536

    /// The detected format, or a `ReadError` that says why the input cannot be read.
    public static func detect(_ input: ReaderInput) throws(ReadError) -> InputFormat {
        let head = input.data.prefix(sniffLength)
        guard !head.isEmpty else {
            throw ReadError(.empty, at: input.location(), "the file is empty: there is nothing to import.")
        }
        if looksBinary(head) {
            throw ReadError(.binary, at: input.location(), "this is a binary file, not a feed, export or table Babillard can read (is it compressed? unzip it first).")
        }
        let text = decodeHead(head)
        let trimmed = text.drop { $0 == "\u{FEFF}" || $0.isWhitespace }
        guard let first = trimmed.first else {
            throw ReadError(.empty, at: input.location(), "the file holds only blank space: there is nothing to import.")
        }
        let lowerName = input.name.lowercased()
        if first == "<" {
            if let format = detectXML(String(trimmed.prefix(sniffLength))) { return format }
            throw ReadError(.unknownFormat, at: input.location(), "this XML is neither an RSS/Atom feed nor a WordPress export; name the format with --format if it is one.")
        }
        if trimmed.hasPrefix("window.YTD") { return .xArchive }
        if first == "{" || first == "[" {
            return detectJSON(String(trimmed), fileName: lowerName)
        }
        if lowerName.hasSuffix(".csv") || lowerName.hasSuffix(".tsv") || looksDelimited(String(trimmed)) {
            return .csv
        }
        throw ReadError(.unknownFormat, at: input.location(), "Babillard does not recognise this file's format; name it with --format (\(InputFormat.allCases.map(\.rawValue).joined(separator: ", "))).")
    }

    /// True when the head has NUL bytes (text formats never do, UTF-16 aside) or mostly control bytes.
    static func looksBinary(_ head: Data) -> Bool {
        let bytes = [UInt8](head.prefix(8192))
        if bytes.count >= 2 {
            // UTF-16 and UTF-32 text legitimately holds NULs: trust a BOM or an ASCII-in-UTF-16 pattern.
            if (bytes[0] == 0xFF && bytes[1] == 0xFE) || (bytes[0] == 0xFE && bytes[1] == 0xFF) { return false }
            if bytes.count >= 4, (bytes[0] == 0x00 && bytes[1] == 0x3C) || (bytes[0] == 0x3C && bytes[1] == 0x00) { return false }
        }
        var control = 0
        for byte in bytes {
            if byte == 0 { return true }
            if byte < 0x09 || (byte > 0x0D && byte < 0x20 && byte != 0x1B) { control += 1 }
        }
        return control * 10 > bytes.count
    }

    static func decodeHead(_ head: Data) -> String {
        let bytes = [UInt8](head)
        if bytes.count >= 2, bytes[0] == 0xFF, bytes[1] == 0xFE {
            return String(data: head, encoding: .utf16LittleEndian) ?? ""
        }
        if bytes.count >= 2, bytes[0] == 0xFE, bytes[1] == 0xFF {
            return String(data: head, encoding: .utf16BigEndian) ?? ""
        }
        if bytes.count >= 2, bytes[0] == 0x00, bytes[1] == 0x3C {
            return String(data: head, encoding: .utf16BigEndian) ?? ""
        }
        if bytes.count >= 2, bytes[0] == 0x3C, bytes[1] == 0x00 {
            return String(data: head, encoding: .utf16LittleEndian) ?? ""
        }
        // The head may end inside a multi-byte character: decoding with repair is fine for sniffing.
        return String(decoding: bytes, as: UTF8.self)
    }

    static func detectXML(_ text: String) -> InputFormat? {
        let lower = text.lowercased()
        if lower.contains("wordpress.org/export/") || lower.contains("<wp:wxr_version") { return .wxr }
        for marker in ["<rss", "<rdf:rdf", "<rdf", "<feed", "<channel", ":rss", ":feed", "<cdf", "<scriptingnews"] where lower.contains(marker) {
            return .feed
        }
        return nil
    }

    static func detectJSON(_ text: String, fileName: String) -> InputFormat {
        func has(_ fragment: String) -> Bool { text.contains(fragment) }
        func hasKey(_ key: String) -> Bool { has("\"\(key)\":") || has("\"\(key)\" :") }
        if has("jsonfeed.org/version") { return .jsonFeed }
        if hasKey("time_us") && hasKey("did") { return .blueskyJetstream }
        if has("\"OrderedCollection") || (hasKey("orderedItems") && hasKey("@context")) { return .mastodonOutbox }
        if has("\"kind\": \"Listing\"") || has("\"kind\":\"Listing\"") || (hasKey("things") && hasKey("json")) { return .reddit }
        // Pushshift-style dumps: one post or comment per line, no Listing wrapper.
        if hasKey("subreddit") && (hasKey("link_id") || hasKey("selftext")) { return .reddit }
        // tweets.json without the window.YTD prefix (exported by third-party tools).
        if hasKey("id_str") && (hasKey("full_text") || hasKey("in_reply_to_status_id_str")) { return .xArchive }
        if hasKey("favourites_count") && hasKey("reblogs_count") { return .mastodon }
        if has("app.bsky.") || (hasKey("feed") && hasKey("post") && hasKey("cid")) || (hasKey("thread") && hasKey("cid")) { return .bluesky }
        if hasKey("comments_v2") || (hasKey("timestamp") && hasKey("data") && hasKey("post")) || fileName.contains("your_posts") {
            return .facebook
        }
        if hasKey("string_map_data") || hasKey("creation_timestamp") || fileName.contains("post_comments") { return .instagram }
        if hasKey("venue") && (hasKey("createdAt") || hasKey("checkins")) { return .foursquare }
        if (hasKey("favourites_count") || hasKey("reblogs_count") || hasKey("ancestors")) || (hasKey("statuses") && hasKey("accounts")) {
            return .mastodon
        }
        return .jsonLines
    }

    /// A first line with several commas, semicolons or tabs, repeated on the second line.
    static func looksDelimited(_ text: String) -> Bool {
        let lines = text.split(separator: "\n", maxSplits: 2, omittingEmptySubsequences: true)
        guard let header = lines.first else { return false }
        for delimiter: Character in [",", ";", "\t"] {
            let fields = header.filter { $0 == delimiter }.count
            if fields >= 1, lines.count < 2 || lines[1].contains(delimiter) { return true }
        }
        return false
    }
}
