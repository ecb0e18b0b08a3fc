import BabillardCore

/// Turns one tweet of an X/Twitter archive into an item.
///
/// - The external id is `id_str` (then `id`, which archives also write as a string).
/// - Text is `full_text` (older archives: `text`) with Twitter's `&amp;`, `&lt;`, `&gt;` decoded
///   and every t.co link replaced by the address it stands for (`entities.urls[].expanded_url`,
///   and the photo page for `entities.media`).
/// - A tweet with `in_reply_to_status_id_str` is a `reply` whose parent is that id (the
///   thread's root is not in the archive, so it stays unknown). `in_reply_to_screen_name` adds
///   nothing the parent's id does not say (and the parent's author is not an actor we can
///   identify by id), so it is not kept; the `@name` stays at the start of the text.
/// - A retweet is a `reshare`. Archives mark `retweeted` false even on retweets and do not
///   keep the original tweet: a retweet is recognised by its text, `RT @user: …`, and its
///   `reshareOfExternalID` stays nil because the original's id is not in the file (an
///   invented id would create a phantom tweet). When a `retweeted_status` object is present
///   (API-shaped data, old Grailbird archives), its id is used. Counts on an archive's
///   retweet are the original's, so a retweet carries none.
/// - `quoted_status_id_str`, when present, makes the tweet a `quote` of that id.
/// - Counts (`favorite_count`, `retweet_count`) are strings in archives; both forms are read.
/// - `lang` is kept unless it is `und`, `zxx` or one of Twitter's private `q…` codes.
/// - A tweet in `deleted-tweets.js` (it has `deleted_at`) keeps its content with status `deleted`.
/// - `created_at` that is not a valid date rejects the tweet; a missing one leaves the date unknown.
enum XTweet {
    static func item(_ tweet: JSONValue, account: ActorIdentity?) -> Result<RawItem, ExportRecordProblem> {
        guard let id = tweet["id_str"]?.idString ?? tweet["id"]?.idString else {
            return .failure(ExportRecordProblem("the tweet has no id_str; it was skipped."))
        }
        var createdAt: Timestamp? = nil
        if let raw = tweet["created_at"], !raw.isNull {
            guard let text = raw.string, let date = TwitterDate.parse(text) ?? Timestamp(iso8601: text) else {
                return .failure(ExportRecordProblem("tweet \(id): created_at '\(raw.messageText)' is not a date (expected like 'Wed Oct 10 20:19:24 +0000 2018'); it was skipped."))
            }
            createdAt = date
        }
        let rawText = tweet["full_text"]?.string ?? tweet["text"]?.string ?? ""
        let text = expandLinks(in: HTMLEntities.decode(rawText), tweet: tweet)

        var kind = ItemKind.post
        var parent: String? = nil
        var reshareOf: String? = nil
        if let original = tweet["retweeted_status"], original.object != nil {
            kind = .reshare
            reshareOf = original["id_str"]?.idString ?? original["id"]?.idString
        } else if rawText.hasPrefix("RT @") || tweet["retweeted"]?.bool == true {
            kind = .reshare
        } else if let replyTo = tweet["in_reply_to_status_id_str"]?.idString ?? tweet["in_reply_to_status_id"]?.idString {
            // A reply that also quotes stays a reply in its thread, with the quote as its cascade link
            // (as the Mastodon and Bluesky readers do).
            kind = .reply
            parent = replyTo
            reshareOf = tweet["quoted_status_id_str"]?.idString
        } else if let quoted = tweet["quoted_status_id_str"]?.idString {
            kind = .quote
            reshareOf = quoted
        }

        let author = account ?? user(tweet["user"])
        var engagement: EngagementCounts? = nil
        if kind != .reshare {
            let counts = EngagementCounts(likes: tweet["favorite_count"]?.int, reshares: tweet["retweet_count"]?.int)
            engagement = counts.isEmpty ? nil : counts
        }
        let tags = tweet.at("entities", "hashtags")?.array?.compactMap { $0["text"]?.nonEmptyString } ?? []
        let status: ItemStatus = tweet["deleted_at"]?.nonEmptyString != nil ? .deleted : .published
        return .success(RawItem(
            platform: .x, externalID: id, kind: kind, parentExternalID: parent,
            reshareOfExternalID: reshareOf, author: author, createdAt: createdAt,
            text: text, url: url(id: id, author: author), language: language(tweet["lang"]?.string),
            engagement: engagement, status: status, tags: tags
        ))
    }

    /// The tweet's address: with the author's name when known, else Twitter's name-less form.
    static func url(id: String, author: ActorIdentity?) -> String {
        if let handle = author?.handle, handle.hasPrefix("@"), handle.count > 1 {
            return "https://x.com/\(handle.dropFirst())/status/\(id)"
        }
        return "https://x.com/i/web/status/\(id)"
    }

    static func language(_ code: String?) -> String? {
        guard let code = code?.lowercased(), !code.isEmpty, code != "und", code != "zxx" else { return nil }
        // Twitter's private codes (qam, qct, qht, qme, qst…) say "no language", not a language.
        if code.utf8.count == 3, code.hasPrefix("q") { return nil }
        return code
    }

    /// A Grailbird/API `user` object.
    static func user(_ value: JSONValue?) -> ActorIdentity? {
        guard let value, let id = value["id_str"]?.idString ?? value["id"]?.idString else { return nil }
        let screenName = value["screen_name"]?.nonEmptyString
        return ActorIdentity(
            platform: .x, externalID: id, handle: screenName.map { "@\($0)" },
            displayName: value["name"]?.nonEmptyString,
            profileURL: screenName.map { "https://x.com/\($0)" })
    }

    /// Replaces each t.co link with its expanded address.
    static func expandLinks(in text: String, tweet: JSONValue) -> String {
        var replacements: [(short: String, long: String)] = []
        for path in [["entities", "urls"], ["entities", "media"], ["extended_entities", "media"]] {
            guard let entities = tweet.at(path[0], path[1])?.array else { continue }
            for entity in entities {
                guard let short = entity["url"]?.nonEmptyString, let long = entity["expanded_url"]?.nonEmptyString,
                      short != long, !replacements.contains(where: { $0.short == short })
                else { continue }
                replacements.append((short, long))
            }
        }
        guard !replacements.isEmpty else { return text }
        var bytes = Array(text.utf8)
        for (short, long) in replacements {
            bytes = replacingLink(Array(short.utf8), with: Array(long.utf8), in: bytes)
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Replaces whole-token occurrences: `https://t.co/abc` must not match inside `https://t.co/abcd`.
    static func replacingLink(_ short: [UInt8], with long: [UInt8], in bytes: [UInt8]) -> [UInt8] {
        guard !short.isEmpty, bytes.count >= short.count else { return bytes }
        var output: [UInt8] = []
        output.reserveCapacity(bytes.count + long.count)
        var i = 0
        let last = bytes.count - short.count
        while i < bytes.count {
            if i <= last, bytes[i] == short[0], bytes[i..<(i + short.count)].elementsEqual(short) {
                let end = i + short.count
                let next = end < bytes.count ? bytes[end] : 0x20
                let isTokenEnd = !((next >= 0x30 && next <= 0x39) || (next | 0x20 >= 0x61 && next | 0x20 <= 0x7A))
                if isTokenEnd {
                    output.append(contentsOf: long)
                    i = end
                    continue
                }
            }
            output.append(bytes[i])
            i += 1
        }
        return output
    }
}
