import BabillardCore
import Foundation

/// Reads RSS 0.9x/1.0/2.0 and Atom 0.3/1.0 feeds, including blog comment feeds, into blog items.
///
/// Threads: an Atom entry with `thr:in-reply-to` is a comment on what it names; an RSS item whose
/// guid (or link) ends in WordPress's `#comment-N` is a comment on the item whose guid (or link) is
/// the same without the fragment, which is how WordPress names comments in its comment feeds and in
/// its exports, so a post read from its feed and its comments read from the comment feed (or a WXR
/// export) make one thread. `slash:comments` and `thr:total` give a post's comment count.
///
/// Identity: the entry's Atom `id` or RSS `guid`; a guid that is not a URI (`42`) is prefixed with
/// the feed's link so that two blogs' "42" stay two items; without either, the link; without a link,
/// a hash of the title, date and text. An entry whose date cannot be read is rejected with the date
/// named, since a dateless post would sit at the wrong place in every chart.
public struct FeedReader: FormatReader {
    public let format: InputFormat = .feed

    public init() {}

    public func read(_ input: ReaderInput, emit: (IngestRecord) throws -> Void) throws {
        let decoded = TextDecoding.decode(input.data, contentType: input.contentType)
        var parser = XMLStreamingParser(canonicalPrefixes: FeedNamespaces.canonicalPrefixes)
        parser.entityExpansionLimit = max(1 << 20, input.data.count)
        var sawRecord = false
        var channel: FeedChannel?
        let lines = decoded.withUTF8 { LineIndex($0) }
        try XMLDocumentChecks.requireXML(decoded, of: input, expected: "an RSS or Atom feed")
        // Entries are turned into items (HTML to text, dates, links) on the other core while the
        // parser reads on: the two halves cost about the same.
        let entries = PipelinedMap<FeedEntry, IngestRecord> { $0.record() }
        var document: XMLStreamingParser.Document?
        var fault: XMLReadError?
        do {
            document = try decoded.withUTF8 { buffer in
                try parser.parse(buffer, baseURL: input.baseURL, isRecord: { element, parent in
                    (element.name == "item" || element.name == "entry" || element.name == "ITEM") && parent != nil
                }, onRecord: { element, ancestors, end in
                    sawRecord = true
                    let location = input.location(line: lines.line(at: element.offset))
                    switch end {
                    case .complete:
                        break
                    case .truncated:
                        try entries.add(.unreadable(RejectedRecord(location: location, reason: "the file ends inside this <\(element.name)>: it is truncated; the entries before it were read.")), deliver: emit)
                        return
                    case .leftOpen(let name, let offset):
                        try entries.add(.unreadable(RejectedRecord(location: location, reason: XMLDocumentChecks.leftOpen(name, line: lines.line(at: offset), in: element.name))), deliver: emit)
                        return
                    }
                    // What the feed says about itself comes before its entries: read it once.
                    if channel == nil { channel = FeedChannel(ancestors: ancestors, feedURL: input.baseURL) }
                    try entries.add(.entry(element, FeedEntryMapper(channel: channel!), location), deliver: emit)
                })
            }
        } catch let error as XMLReadError {
            fault = error
        }
        // The entries read before a fault go in, as they would have one by one.
        try entries.finish(deliver: emit)
        if let fault {
            throw ReadError(.malformed, at: input.location(line: lines.line(at: fault.offset)), fault.reason)
        }
        guard let document, let root = document.root else {
            throw ReadError(.wrongFormat, at: input.location(), "there is no XML element in this file: it is not a feed.")
        }
        let rootName = root.name
        guard sawRecord || ["rss", "rdf:RDF", "feed", "channel", "RDF", "rdf", "CHANNEL"].contains(rootName) || rootName.hasSuffix(":rss") || rootName.hasSuffix(":feed") else {
            throw ReadError(.wrongFormat, at: input.location(), "the document's root is <\(rootName)>, not <rss>, <rdf:RDF> or <feed>: it is not an RSS or Atom feed.")
        }
        try XMLDocumentChecks.reportLeftOpenAtEnd(of: document, lines: lines, input: input, sawRecord: sawRecord, record: "entry", records: "entries", emit: emit)
    }
}

/// Byte offset → 1-based line number, for messages.
struct LineIndex {
    private var starts: [Int] = [0]

    init(_ buffer: UnsafeBufferPointer<UInt8>) {
        guard let base = buffer.baseAddress else { return }
        var position = 0
        while position < buffer.count, let found = memchr(base + position, 0x0A, buffer.count - position) {
            let index = base.distance(to: found.assumingMemoryBound(to: UInt8.self))
            starts.append(index + 1)
            position = index + 1
        }
    }

    /// The number of the last line (the line of the end of the text).
    var lineCount: Int { starts.count }

    func line(at offset: Int) -> Int {
        var low = 0, high = starts.count - 1
        while low < high {
            let middle = (low + high + 1) / 2
            if starts[middle] <= offset { low = middle } else { high = middle - 1 }
        }
        return low + 1
    }
}

struct FeedEntryProblem: Error { var reason: String }

/// A feed entry on its way to becoming a record: read by the parser, mapped on another core.
/// The element is handed over whole (the parser keeps no reference to a record once it closed).
enum FeedEntry {
    case entry(XMLElement, FeedEntryMapper, SourceLocation)
    /// Truncated, or not well-formed.
    case unreadable(RejectedRecord)

    func record() -> IngestRecord {
        switch self {
        case .unreadable(let rejection):
            return .rejected(rejection)
        case .entry(let element, let mapper, let location):
            do {
                return .item(try mapper.item(from: element))
            } catch {
                return .rejected(RejectedRecord(location: location, reason: error.reason))
            }
        }
    }
}

/// What a feed says about itself that its entries inherit: title, link, language, authors.
struct FeedChannel {
    var title: String?
    var link: String?
    var language: String?
    var author: String?
    var base: String?
    /// The host of the feed's link: the scope of author names, which blogs do not make unique.
    var host: String?

    init(ancestors: [XMLElement], feedURL: String?) {
        // RSS: <rss><channel>…; RSS 1.0: <rdf:RDF><channel/>…<item/>; Atom: <feed>.
        let root = ancestors.first
        let channel = ancestors.last(where: { $0.name == "channel" || $0.name == "feed" }) ?? root?.child("channel") ?? root
        base = channel?.base ?? feedURL
        title = channel?.child(anyOf: "title", "TITLE").flatMap { FeedText.plain($0) }
        if let channel {
            for link in channel.children("link") {
                if let href = link[attribute: "href"] {
                    let rel = link[attribute: "rel"] ?? "alternate"
                    if rel == "alternate" { self.link = FeedText.resolve(href, base: link.base ?? base); break }
                } else if let text = link.trimmedText {
                    self.link = FeedText.resolve(text, base: link.base ?? base)
                    break
                }
            }
            language = channel.child("language")?.trimmedText ?? channel.child("dc:language")?.trimmedText ?? channel.language ?? root?.language
            author = channel.child("author")?.child("name")?.trimmedText ?? channel.child("dc:creator")?.trimmedText ?? channel.child("managingEditor")?.trimmedText
        }
        if link == nil { link = feedURL }
        host = link.flatMap { URL(string: $0)?.host }
    }
}

/// Text constructs of feeds: RSS's escaped HTML, Atom's `type` text/html/xhtml.
enum FeedText {
    /// The element's content as plain text, following Atom's `type` and RSS's habit of HTML.
    static func plain(_ element: XMLElement, rssIsHTML: Bool = true) -> String? {
        let type = (element[attribute: "type"] ?? "").lowercased()
        let mode = element[attribute: "mode"]?.lowercased()
        let value: String
        if type == "xhtml" || type == "application/xhtml+xml" || element.hasChildElements {
            value = HTMLText.plainText(element.innerMarkup)
        } else if type == "text" || type == "text/plain" {
            value = element.text.trimmingXMLWhitespace()
        } else if mode == "base64" || isBinaryMediaType(type), let data = Data(base64Encoded: element.text.trimmingXMLWhitespace(), options: .ignoreUnknownCharacters) {
            value = HTMLText.plainText(String(decoding: data, as: UTF8.self))
        } else if type.isEmpty && !rssIsHTML {
            value = element.text.trimmingXMLWhitespace()
        } else {
            value = HTMLText.plainText(element.text)
        }
        return value.isEmpty ? nil : value
    }

    /// Atom 1.0: content of a media type that is neither text nor XML is base64.
    static func isBinaryMediaType(_ type: String) -> Bool {
        type.contains("/") && !type.hasPrefix("text/") && !type.contains("xml") && type != "html"
    }

    static func resolve(_ reference: String, base: String?) -> String {
        let trimmed = reference.trimmingXMLWhitespace()
        if trimmed.hasPrefix("http://") || trimmed.hasPrefix("https://") { return trimmed }
        guard let base, !trimmed.isEmpty, let baseURL = URL(string: base) else { return trimmed }
        return URL(string: trimmed, relativeTo: baseURL)?.absoluteString ?? trimmed
    }
}

/// Turns one `<item>` or `<entry>` into a blog item.
struct FeedEntryMapper {
    var channel: FeedChannel

    func item(from entry: XMLElement) throws(FeedEntryProblem) -> RawItem {
        let base = entry.base ?? channel.base
        let title = entry.child(anyOf: "title", "dc:title", "media:title", "TITLE").flatMap { FeedText.plain($0) }
            ?? entry.child("media:group")?.child("media:title").flatMap { FeedText.plain($0) }
        let text = body(of: entry)
        let url = link(of: entry, base: base) ?? entry[attribute: "HREF"].map { FeedText.resolve($0, base: base) }

        var externalID: String?
        var guidIsURL = false
        if let idElement = entry.child("id"), let id = idElement.trimmedText {
            // feedparser resolves a relative id against the base, and so do we: "/2024/post" alone names nothing.
            externalID = id.hasPrefix("/") ? FeedText.resolve(id, base: idElement.base ?? base) : id
        } else if let guidElement = entry.child("guid"), let guid = guidElement.trimmedText {
            if guid.contains(":") {
                externalID = guid
                guidIsURL = guidElement[attribute: "isPermaLink"]?.lowercased() != "false" && guid.hasPrefix("http")
            } else {
                externalID = (channel.link ?? "") + "#" + guid
            }
        } else if let url {
            externalID = url
        } else if let about = entry[attribute: "rdf:about"] {
            externalID = about
        }
        let dateElement = entry.child(anyOf: "published", "pubDate", "dc:date", "issued", "created", "dcterms:created", "dcterms:issued", "updated", "modified", "dcterms:modified")
        var createdAt: Timestamp?
        if dateElement == nil, let lastModified = entry[attribute: "LASTMOD"] {
            createdAt = FeedDate.parse(lastModified)
        }
        if let dateElement, let raw = dateElement.trimmedText, !FeedDate.isWordPressZeroDate(raw) {
            guard let parsed = FeedDate.parse(raw) else {
                throw FeedEntryProblem(reason: "<\(dateElement.name)> '\(raw.prefix(60))' is not a date Babillard can read; the \(entry.name) was skipped.")
            }
            createdAt = parsed
        }
        var editedAt: Timestamp?
        if let updated = entry.child(anyOf: "updated", "modified")?.trimmedText.flatMap(FeedDate.parse), updated != createdAt {
            editedAt = updated
        }
        if externalID == nil {
            let fingerprint = [title ?? "", createdAt?.iso8601UTC ?? "", text, entry.innerMarkup].joined(separator: "\u{1F}")
            guard !entry.children.isEmpty || !entry.attributes.isEmpty else {
                throw FeedEntryProblem(reason: "this \(entry.name) is empty: there is nothing to keep.")
            }
            externalID = (channel.link ?? "feed") + "#" + StableHash.hex(fingerprint)
        }
        guard let externalID else { throw FeedEntryProblem(reason: "this \(entry.name) has no id.") }

        var item = RawItem(platform: .blog, externalID: externalID, kind: .post, title: title, text: text, url: url ?? (guidIsURL ? externalID : nil))
        item.createdAt = createdAt
        item.editedAt = editedAt
        item.language = (entry.child("dc:language")?.trimmedText ?? entry.language ?? channel.language)?.lowercased()
        item.author = author(of: entry)
        item.channel = channel.title ?? channel.link
        item.tags = tags(of: entry)
        threading(entry, into: &item)
        if let count = (entry.child("slash:comments") ?? entry.child("thr:total"))?.trimmedText.flatMap({ Int($0) }) {
            item.engagement = EngagementCounts(replies: count)
        }
        return item
    }

    func body(of entry: XMLElement) -> String {
        for name in ["content", "content:encoded", "xhtml:body", "body", "fullitem", "description", "summary", "dc:description", "itunes:summary", "media:description", "tagline", "ABSTRACT"] {
            guard let element = entry.child(name) else { continue }
            if element[attribute: "src"] != nil, element.text.isEmpty { continue }
            if let text = FeedText.plain(element) { return text }
        }
        if let description = entry.child("media:group")?.child("media:description"), let text = FeedText.plain(description) { return text }
        return ""
    }

    func link(of entry: XMLElement, base: String?) -> String? {
        var fallback: String?
        for link in entry.children("link") {
            if let href = link[attribute: "href"] {
                let rel = link[attribute: "rel"] ?? "alternate"
                let resolved = FeedText.resolve(href, base: link.base ?? base)
                if rel == "alternate" { return resolved }
                if fallback == nil, rel != "replies", rel != "edit", rel != "self" { fallback = resolved }
            } else if let text = link.trimmedText {
                return FeedText.resolve(text, base: link.base ?? base)
            }
        }
        if let guid = entry.child("guid"), guid[attribute: "isPermaLink"]?.lowercased() != "false", let text = guid.trimmedText, text.hasPrefix("http") {
            return text
        }
        return fallback ?? entry[attribute: "rdf:about"]
    }

    func author(of entry: XMLElement) -> ActorIdentity? {
        var name: String?
        var email: String?
        var uri: String?
        if let person = entry.child("author") ?? entry.child("contributor") {
            if person.hasChildElements {
                name = person.child("name")?.trimmedText
                email = person.child("email")?.trimmedText
                uri = person.child("uri")?.trimmedText ?? person.child("url")?.trimmedText
            } else if let text = person.trimmedText {
                // RSS: "jean@example.com (Jean Dupont)" or a bare name.
                if let open = text.firstIndex(of: "("), let close = text.lastIndex(of: ")"), open < close {
                    name = String(text[text.index(after: open)..<close]).trimmingXMLWhitespace()
                    email = String(text[..<open]).trimmingXMLWhitespace()
                } else if text.contains("@"), !text.contains(" ") {
                    email = text
                } else {
                    name = text
                }
            }
        }
        if name == nil { name = entry.child("dc:creator")?.trimmedText.map { HTMLEntities.decode($0) } }
        if name == nil, email == nil, uri == nil { name = channel.author }
        guard let shown = name ?? email ?? uri else { return nil }
        // Blog authors have no platform id: a name is only unique within its blog.
        let scope = channel.host ?? "blog"
        let identity = uri ?? email.map { "mailto:\($0.lowercased())" } ?? "\(scope)/\(shown.lowercased())"
        return ActorIdentity(platform: .blog, externalID: identity, displayName: name ?? shown, profileURL: uri)
    }

    func tags(of entry: XMLElement) -> [String] {
        var tags: [String] = []
        for category in entry.children("category") {
            if let term = category[attribute: "term"] ?? category.trimmedText { tags.append(term) }
        }
        for subject in entry.children("dc:subject") { if let text = subject.trimmedText { tags.append(text) } }
        var seen = Set<String>()
        return tags.map { HTMLEntities.decode($0) }.filter { seen.insert($0.lowercased()).inserted }
    }

    /// `https://blog/?p=42#comment-7` → `https://blog/?p=42`; nil when the id is not a WordPress comment's.
    static func commentParent(of id: String) -> String? {
        let marker = Array("#comment-".utf8)
        let bytes = Array(id.utf8)
        var end = bytes.count
        while end > 0, bytes[end - 1] >= 0x30, bytes[end - 1] <= 0x39 { end -= 1 }
        guard end < bytes.count, end >= marker.count, Array(bytes[(end - marker.count)..<end]) == marker else { return nil }
        return String(decoding: bytes[..<(end - marker.count)], as: UTF8.self)
    }

    /// Comments: Atom threading, or WordPress's `#comment-N` naming in RSS comment feeds.
    func threading(_ entry: XMLElement, into item: inout RawItem) {
        if let reply = entry.child("thr:in-reply-to"), let ref = reply[attribute: "ref"] ?? reply[attribute: "href"] {
            item.kind = .comment
            item.parentExternalID = ref
            return
        }
        let candidates = [entry.child("guid")?.trimmedText, item.externalID, item.url].compactMap { $0 }
        for candidate in candidates {
            if let parent = Self.commentParent(of: candidate) {
                item.kind = .comment
                item.parentExternalID = parent
                item.rootExternalID = parent
                return
            }
        }
    }
}
