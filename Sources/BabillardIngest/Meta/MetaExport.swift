import BabillardCore

/// What Facebook's and Instagram's exports share: no ids, Unix-second timestamps, mis-encoded
/// text (see `MetaTextRepair`), and files that are a list of records or an object holding one
/// (`{"comments_v2": […]}`).
enum MetaExport {
    /// A stable external id for a record that has none.
    ///
    /// Meta's exports carry no post or comment ids, so the id is derived from what identifies a
    /// record across exports: its kind, its creation time (seconds) and a `StableHash` (FNV-1a)
    /// of its repaired text — `post/1700000000/9f3c…`. Importing a later export of the same
    /// account finds the same items. The price: a post whose text was edited becomes a new item,
    /// and two records of the same kind with the same second and the same text are one item
    /// (nothing in the export could tell them apart anyway).
    static func externalID(kind: String, timestamp: Int64, text: String) -> String {
        var hash = StableHash()
        hash.combine(text)
        return "\(kind)/\(timestamp)/\(hash.hexValue)"
    }

    /// A Unix time in seconds; nil for a missing, zero or absurd value.
    static func seconds(_ value: JSONValue?) -> Int64? {
        guard let seconds = value?.int64, seconds > 0, seconds < 100_000_000_000 else { return nil }
        return seconds
    }

    /// Streams the records of an export file: each element of its list (or of the lists an
    /// object holds), parsed, with its location. Unparseable elements are rejected here.
    static func forEachRecord(
        _ input: ReaderInput, recordName: String, platformName: String,
        emit: (IngestRecord) throws -> Void,
        _ body: (_ record: JSONValue, _ location: SourceLocation, _ isFirst: Bool) throws -> Void
    ) throws {
        try input.withArrayStream(recordName: recordName) { stream in
            stream.skipWhitespace()
            guard stream.current != nil else {
                throw ReadError(.empty, at: input.location(), "the file is empty: there is nothing to import.")
            }
            guard stream.current == UInt8(ascii: "[") || stream.current == UInt8(ascii: "{") else {
                throw ReadError(.wrongFormat, at: stream.location, "this is not a \(platformName) export: its JSON files start with '[' or '{'.")
            }
            var isFirst = true
            let arrays = try stream.forEachRecord(arrayKeys: nil) { _, element in
                let location = input.location(line: element.line, offset: element.offset)
                switch element.value {
                case .success(let record):
                    try body(record, location, isFirst)
                case .failure(let error):
                    try emit(.rejected(RejectedRecord(location: location, reason: JSONArrayStream.reason(for: error, recordName: recordName))))
                }
                isFirst = false
            }
            if arrays == 0 {
                throw ReadError(.wrongFormat, at: input.location(), "this \(platformName) file holds no list of \(recordName)s; Babillard reads the posts and comments files of a \(platformName) export.")
            }
            try stream.expectEnd()
        }
    }

    /// `#mots` in a caption, without the '#'.
    static func hashtags(in text: String) -> [String] {
        var tags: [String] = []
        var current: String? = nil
        for character in text {
            if character == "#" {
                if let tag = current, !tag.isEmpty { tags.append(tag) }
                current = ""
            } else if current != nil, character.isLetter || character.isNumber || character == "_" {
                current!.append(character)
            } else {
                if let tag = current, !tag.isEmpty { tags.append(tag) }
                current = nil
            }
        }
        if let tag = current, !tag.isEmpty { tags.append(tag) }
        return tags
    }
}
