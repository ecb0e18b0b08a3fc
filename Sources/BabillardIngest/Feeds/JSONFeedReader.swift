import BabillardCore

/// Reads JSON Feed 1.0 and 1.1 (https://jsonfeed.org/version/1.1): every item becomes a blog post.
///
/// Identity is the item's `id` (required by the spec; `url` when a feed forgets it). Text is
/// `content_text`, else `content_html` as text, else `summary`. Authors come from the item's
/// `authors` (1.1) or `author` (1.0), else the feed's. The document is parsed whole (a feed is
/// small); a rejected item is located by the line and offset where it starts.
public struct JSONFeedReader: FormatReader {
    public let format: InputFormat = .jsonFeed

    public init() {}

    public func read(_ input: ReaderInput, emit: (IngestRecord) throws -> Void) throws {
        let document: JSONValue
        do {
            document = try JSONParser.parse(input.data)
        } catch {
            throw ReadError(.malformed, at: input.location(offset: error.offset), "this is not valid JSON (\(error.reason)), so it cannot be a JSON Feed.")
        }
        guard document["version"]?.string?.contains("jsonfeed.org") == true || document["items"]?.array != nil else {
            throw ReadError(.wrongFormat, at: input.location(), "this JSON has no \"version\" naming jsonfeed.org and no \"items\": it is not a JSON Feed.")
        }
        let feedTitle = document["title"]?.nonEmptyString
        let home = document["home_page_url"]?.nonEmptyString ?? document["feed_url"]?.nonEmptyString
        let feedAuthor = author(document["authors"]?[0] ?? document["author"], scope: home)
        let feedLanguage = document["language"]?.nonEmptyString?.lowercased()
        let items = document["items"]?.array ?? []
        // Where each item starts, so that a rejected item is reported with its line and offset.
        let positions = items.isEmpty ? nil : JSONElementPositions(
            input, descend: { $0.isEmpty }, record: { $0 == [.key("items")] })
        for (index, entry) in items.enumerated() {
            let location = positions?.location([.key("items")], index) ?? input.location()
            guard entry.object != nil else {
                try emit(.rejected(RejectedRecord(location: location, reason: "items[\(index)] is not an object; it was skipped.")))
                continue
            }
            guard let id = entry["id"]?.idString ?? entry["url"]?.nonEmptyString else {
                try emit(.rejected(RejectedRecord(location: location, reason: "items[\(index)] has no \"id\" and no \"url\"; it was skipped.")))
                continue
            }
            var item = RawItem(platform: .blog, externalID: id, kind: .post)
            item.title = entry["title"]?.nonEmptyString.map { HTMLText.plainText($0) }
            if let text = entry["content_text"]?.nonEmptyString {
                item.text = text
            } else if let html = entry["content_html"]?.nonEmptyString {
                item.text = HTMLText.plainText(html)
            } else {
                item.text = entry["summary"]?.nonEmptyString ?? ""
            }
            item.url = entry["url"]?.nonEmptyString ?? entry["external_url"]?.nonEmptyString
            var badDate: (key: String, value: String)?
            for (key, target) in [("date_published", \RawItem.createdAt), ("date_modified", \RawItem.editedAt)] {
                guard let raw = entry[key]?.nonEmptyString else { continue }
                guard let stamp = Timestamp(iso8601: raw) ?? FeedDate.parse(raw) else {
                    badDate = (key, raw)
                    break
                }
                item[keyPath: target] = stamp
            }
            if let badDate {
                try emit(.rejected(RejectedRecord(location: location, reason: "items[\(index)].\(badDate.key) '\(badDate.value.prefix(40))' is not an RFC 3339 date; the item was skipped.")))
                continue
            }
            item.author = author(entry["authors"]?[0] ?? entry["author"], scope: home) ?? feedAuthor
            item.tags = entry["tags"]?.array?.compactMap(\.nonEmptyString) ?? []
            item.language = entry["language"]?.nonEmptyString?.lowercased() ?? feedLanguage
            item.channel = feedTitle ?? home
            try emit(.item(item))
        }
    }

    func author(_ value: JSONValue?, scope: String?) -> ActorIdentity? {
        guard let value, let name = value["name"]?.nonEmptyString ?? value["url"]?.nonEmptyString else { return nil }
        let url = value["url"]?.nonEmptyString
        return ActorIdentity(platform: .blog, externalID: url ?? "\(scope ?? "jsonfeed")/\(name.lowercased())", displayName: name, profileURL: url)
    }
}
