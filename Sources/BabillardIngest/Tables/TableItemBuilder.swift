import BabillardCore
import Foundation

/// Why one row (or JSON lines object) became no item: a sentence for `RejectedRecord`.
struct TableRowProblem: Error {
    var reason: String
}

/// Turns the values a mapping picked from one row into a `RawItem`, with the defaults shared
/// by the CSV and JSON lines readers:
///
/// - **platform**: the `--platform` option, else `Platform.reviews` when a rating is mapped, else
///   `Platform.other` (decided once per file, so that every row has the same identity space);
/// - **kind**: the mapped `kind` value (`post`, `comment`, `reply`, `reshare`, `quote`, `review`,
///   `checkin`, `mention`, and a few French and platform words), else `review` when a rating is
///   mapped, else `comment` when the row has a parent id, else `post`;
/// - **external id**: the mapped id, else `content:` and a `StableHash` of the row's text, title,
///   author, author id, date, rating, url, thread links, channel and place (not its counts, tags or
///   language, which change between two exports of the same review), so that importing the
///   same file again finds the same items; two rows alike in all of these are one item;
/// - **rating scale**: the scale written in the rating (`4/5`), else the mapped `rating_scale`,
///   else 5; a rating above its scale is rejected;
/// - **author**: `ActorIdentity` whose id is the mapped `author_id`, else the author's name; the
///   name is a handle when it starts with '@', else a display name;
/// - **dates**: see `TableValues.date`; an unreadable date rejects the row, an empty one leaves
///   `createdAt` nil;
/// - a row with neither text nor rating is rejected ("the row has no text").
struct TableItemBuilder {
    let platform: Platform
    let ratingMapped: Bool
    /// The column (CSV) or key (JSON) each field comes from, indexed by `Field.index`, for messages.
    let sources: [String?]
    /// "column" or "key".
    let sourceNoun: String

    init(mapping: FieldMapping, platform: Platform?, sourceNoun: String) {
        var sources = [String?](repeating: nil, count: FieldMapping.Field.count)
        for entry in mapping.entries { sources[entry.field.index] = entry.column }
        self.sources = sources
        self.sourceNoun = sourceNoun
        self.ratingMapped = mapping[.rating] != nil
        self.platform = platform ?? (ratingMapped ? .reviews : .other)
    }

    private static let kindWords: [String: ItemKind] = [
        "check-in": .checkin, "check_in": .checkin, "visit": .checkin, "visite": .checkin,
        "avis": .review, "commentaire": .comment, "réponse": .reply, "reponse": .reply, "response": .reply,
        "publication": .post, "status": .post, "statut": .post, "tweet": .post, "toot": .post,
        "retweet": .reshare, "boost": .reshare, "repost": .reshare, "partage": .reshare, "share": .reshare,
        "citation": .quote, "mention": .mention,
    ]

    private func named(_ field: FieldMapping.Field) -> String {
        if let source = sources[field.index] { return "\(field.rawValue) (\(sourceNoun) '\(source)')" }
        return field.rawValue
    }

    /// `values` holds one trimmed, non-empty value or nil per field (`Field.index`); `tagList` is
    /// a list of tags the input gave as a list (a JSON array), which wins over a tags value.
    func item(_ values: [String?], tagList: [String]? = nil) throws(TableRowProblem) -> RawItem {
        func value(_ field: FieldMapping.Field) -> String? { values[field.index] }

        var text = value(.text) ?? ""
        let hasCarriageReturn = text.withUTF8 { buffer in
            buffer.count > 0 && memchr(buffer.baseAddress!, 0x0D, buffer.count) != nil
        }
        if hasCarriageReturn {
            text = text.replacingOccurrences(of: "\r\n", with: "\n").replacingOccurrences(of: "\r", with: "\n")
        }

        var rating: Double? = nil
        var scale: Double? = nil
        if let written = value(.rating) {
            guard let parsed = TableValues.rating(written) else {
                throw TableRowProblem(reason: "\(named(.rating)) '\(written)' is not a rating: write 4, 4,5, 4/5 or 8/10.")
            }
            rating = parsed.value
            scale = parsed.scale
            if scale == nil, let writtenScale = value(.ratingScale) {
                guard let parsedScale = TableValues.decimal(writtenScale) else {
                    throw TableRowProblem(reason: "\(named(.ratingScale)) '\(writtenScale)' is not a number.")
                }
                scale = parsedScale
            }
            let finalScale = scale ?? 5
            guard finalScale > 0 else {
                throw TableRowProblem(reason: "\(named(.rating)) '\(written)' has a scale of \(Self.format(finalScale)); a scale must be above 0.")
            }
            guard parsed.value >= 0, parsed.value <= finalScale else {
                throw TableRowProblem(reason: "\(named(.rating)) '\(written)' is not between 0 and its scale \(Self.format(finalScale)): map rating_scale, or write it like 8/10.")
            }
            scale = finalScale
        }

        if text.isEmpty && rating == nil {
            var reason = "the row has no text"
            if let source = sources[FieldMapping.Field.text.index] {
                reason += " (\(sourceNoun) '\(source)' is empty" + (ratingMapped ? " and so is the rating)" : ")")
            }
            throw TableRowProblem(reason: reason + ".")
        }

        var createdAt: Timestamp? = nil
        if let written = value(.createdAt) {
            guard let stamp = TableValues.date(written) else {
                throw TableRowProblem(reason: "\(named(.createdAt)) '\(written)' is not a date: write 2024-03-01, 01/03/2024 14:30 or epoch seconds.")
            }
            createdAt = stamp
        }

        let parent = value(.parentExternalID)
        let kind: ItemKind
        if let written = value(.kind) {
            let key = written.lowercased()
            guard let known = ItemKind(rawValue: key) ?? Self.kindWords[key] else {
                throw TableRowProblem(reason: "\(named(.kind)) '\(written)' is not a kind Babillard knows: \(ItemKind.allCases.map(\.rawValue).joined(separator: ", ")).")
            }
            kind = known
        } else if ratingMapped {
            kind = .review
        } else if parent != nil {
            kind = .comment
        } else {
            kind = .post
        }

        var author: ActorIdentity? = nil
        let authorName = value(.author)
        let authorID = value(.authorID)
        if let identity = authorID ?? authorName {
            let isHandle = authorName?.hasPrefix("@") ?? false
            author = ActorIdentity(
                platform: platform, externalID: identity,
                handle: isHandle ? authorName : nil, displayName: isHandle ? nil : authorName
            )
        }

        func count(_ field: FieldMapping.Field) throws(TableRowProblem) -> Int? {
            guard let written = value(field) else { return nil }
            guard let number = TableValues.count(written) else {
                throw TableRowProblem(reason: "\(named(field)) '\(written)' is not a whole number.")
            }
            return number
        }
        let engagement = EngagementCounts(likes: try count(.likes), reshares: try count(.reshares), replies: try count(.replies))

        func coordinate(_ field: FieldMapping.Field, limit: Double) throws(TableRowProblem) -> Double? {
            guard let written = value(field) else { return nil }
            guard let number = TableValues.decimal(written), abs(number) <= limit else {
                throw TableRowProblem(reason: "\(named(field)) '\(written)' is not a \(field.rawValue) (a number between -\(Int(limit)) and \(Int(limit))).")
            }
            return number
        }
        let latitude = try coordinate(.latitude, limit: 90)
        let longitude = try coordinate(.longitude, limit: 180)
        let placeName = value(.place)
        let place = placeName == nil && latitude == nil && longitude == nil
            ? nil : Place(name: placeName, latitude: latitude, longitude: longitude)

        var tags = tagList ?? []
        if tagList == nil, let written = value(.tags) {
            tags = written.split { $0 == "," || $0 == ";" }.compactMap { piece in
                var tag = piece.tableTrimmed
                if tag.hasPrefix("#") { tag.removeFirst() }
                return tag.isEmpty ? nil : tag
            }
        }

        let title = value(.title)
        let url = value(.url)
        let root = value(.rootExternalID)
        let reshareOf = value(.reshareOfExternalID)
        let channel = value(.channel)
        let externalID: String
        if let mapped = value(.externalID) {
            externalID = mapped
        } else {
            var hash = StableHash()
            hash.combine(text)
            hash.combine(title)
            hash.combine(authorName)
            hash.combine(authorID)
            hash.combine(createdAt?.epochMilliseconds)
            hash.combine(rating)
            hash.combine(scale)
            hash.combine(url)
            hash.combine(parent)
            hash.combine(root)
            hash.combine(reshareOf)
            hash.combine(channel)
            hash.combine(placeName)
            externalID = "content:" + hash.hexValue
        }

        return RawItem(
            platform: platform, externalID: externalID, kind: kind, parentExternalID: parent,
            rootExternalID: root, reshareOfExternalID: reshareOf, author: author, createdAt: createdAt,
            title: title, text: text, url: url, language: value(.language)?.lowercased(),
            rating: rating, ratingScale: scale, place: place,
            engagement: engagement.isEmpty ? nil : engagement, tags: tags, channel: channel
        )
    }

    /// `5`, not `5.0`, in messages.
    static func format(_ number: Double) -> String {
        number.rounded() == number && abs(number) < 1e15 ? String(Int(number)) : String(number)
    }
}
