import BabillardCore

/// Turns one Reddit "thing" (`{"kind": "t3", "data": {…}}`) into an item.
///
/// - A post (t3) is a `post`; a crosspost (`crosspost_parent`) is a `reshare` of its parent post.
/// - A comment (t1) is a `comment` whose parent is `parent_id` (a t3_ or t1_ fullname) and whose
///   root is `link_id` (the post).
/// - The external id is the fullname (`name`, else the kind and `id`: `t1_c364vol`).
/// - Text stays as Reddit's markdown (`selftext`, `body`): it already is plain text. Its
///   character references are decoded, as markdown renders them: Reddit's JSON without
///   `raw_json=1` writes `&`, `<`, `>` as `&amp;`, `&lt;`, `&gt;`, and people type `&#3232;`.
///   Only when the markdown is absent is the rendered HTML (`selftext_html`, `body_html`, itself
///   escaped once more without `raw_json=1`) turned into text.
/// - `[deleted]` as author means no author; `[deleted]` or `[removed]` as text means the item was
///   deleted: it keeps its place in the thread with status `deleted` and empty text.
/// - `created_utc` is epoch seconds; a missing one leaves the date unknown, one that is not a
///   number rejects the record. `edited` is `false` or the edit time.
/// - The score is the like count (nil when `score_hidden`), `num_comments` the reply count.
enum RedditThing {
    enum Outcome {
        case item(RawItem)
        /// Not an item and not an error: `more` stubs, accounts, subreddits, messages.
        case skip
        case reject(String)
    }

    static let site = "https://www.reddit.com"

    static func outcome(kind: String, data: JSONValue) -> Outcome {
        switch kind {
        case "t3": return post(data)
        case "t1": return comment(data)
        // `more` lists comments this page left out: their ids come back in `morechildren`
        // answers, which this reader also reads. Accounts (t2), messages (t4), subreddits (t5)
        // and awards (t6) are not items.
        case "more", "t2", "t4", "t5", "t6": return .skip
        default: return .reject("a Reddit thing of kind '\(kind)' is neither a post (t3) nor a comment (t1); it was skipped.")
        }
    }

    /// A thing written without its `kind` wrapper (Pushshift-style dumps): a comment has a `body`,
    /// a post a `title`.
    static func bareKind(_ data: JSONValue) -> String? {
        if data["body"] != nil, data["link_id"] != nil || data["parent_id"] != nil { return "t1" }
        if data["title"] != nil, data["id"] != nil || data["name"] != nil { return "t3" }
        return nil
    }

    static func post(_ data: JSONValue) -> Outcome {
        guard let externalID = fullname(data, prefix: "t3_") else {
            return .reject("a post (t3) has no id: neither 'name' nor 'id' is set; it was skipped.")
        }
        let created: Timestamp?
        switch timestamp(data["created_utc"]) {
        case .success(let value): created = value
        case .failure(let reason): return .reject("post \(externalID): \(reason.text)")
        }
        var text = HTMLEntities.decode(data["selftext"]?.string ?? "")
        if text.isEmpty, let html = data["selftext_html"]?.nonEmptyString {
            text = plainText(html: html)
        }
        var status = ItemStatus.published
        if isDeletedMarker(text) || data["removed_by_category"]?.nonEmptyString != nil {
            status = .deleted
            if isDeletedMarker(text) { text = "" }
        }
        var kind = ItemKind.post
        var reshareOf: String? = nil
        if let parent = data["crosspost_parent"]?.nonEmptyString {
            kind = .reshare
            reshareOf = parent
        }
        let url = absoluteURL(data["permalink"]?.nonEmptyString) ?? data["url"]?.nonEmptyString
        var tags: [String] = []
        if let flair = data["link_flair_text"]?.nonEmptyString { tags.append(flair) }
        return .item(RawItem(
            platform: .reddit, externalID: externalID, kind: kind, reshareOfExternalID: reshareOf,
            author: author(data), createdAt: created, editedAt: editedAt(data),
            title: data["title"]?.string.map(HTMLEntities.decode), text: text, url: url,
            engagement: engagement(data, replies: data["num_comments"]?.int),
            status: status, tags: tags, channel: data["subreddit"]?.nonEmptyString
        ))
    }

    static func comment(_ data: JSONValue) -> Outcome {
        guard let externalID = fullname(data, prefix: "t1_") else {
            let under = data["parent_id"]?.nonEmptyString.map { " under \($0)" } ?? ""
            return .reject("a comment (t1)\(under) has no id: neither 'name' nor 'id' is set; it was skipped.")
        }
        let created: Timestamp?
        switch timestamp(data["created_utc"]) {
        case .success(let value): created = value
        case .failure(let reason): return .reject("comment \(externalID): \(reason.text)")
        }
        var text = HTMLEntities.decode(data["body"]?.string ?? "")
        if text.isEmpty, let html = data["body_html"]?.nonEmptyString {
            text = plainText(html: html)
        }
        var status = ItemStatus.published
        if isDeletedMarker(text) {
            status = .deleted
            text = ""
        }
        let linkID = data["link_id"]?.nonEmptyString
        let parentID = data["parent_id"]?.nonEmptyString ?? linkID
        var url = absoluteURL(data["permalink"]?.nonEmptyString)
        if url == nil, let linkID, let id = data["id"]?.nonEmptyString {
            // Reddit answers /comments/{post}/_/{comment} without the subreddit or slug.
            url = "\(site)/comments/\(linkID.dropFullnamePrefix)/_/\(id)/"
        }
        return .item(RawItem(
            platform: .reddit, externalID: externalID, kind: .comment,
            parentExternalID: parentID, rootExternalID: linkID,
            author: author(data), createdAt: created, editedAt: editedAt(data),
            text: text, url: url, engagement: engagement(data, replies: nil),
            status: status, channel: data["subreddit"]?.nonEmptyString
        ))
    }

    /// Rendered HTML as text. Without `raw_json=1` Reddit escapes it (`&lt;div class="md"&gt;…`).
    static func plainText(html: String) -> String {
        html.hasPrefix("&lt;") ? HTMLText.plainText(HTMLEntities.decode(html)) : HTMLText.plainText(html)
    }

    /// `name` (the fullname) or the kind's prefix and `id`.
    static func fullname(_ data: JSONValue, prefix: String) -> String? {
        if let name = data["name"]?.nonEmptyString { return name }
        if let id = data["id"]?.idString { return id.hasPrefix(prefix) ? id : prefix + id }
        return nil
    }

    static func isDeletedMarker(_ text: String) -> Bool {
        text == "[deleted]" || text == "[removed]"
    }

    /// The author by username (Reddit's stable public name); nil for `[deleted]` or missing.
    static func author(_ data: JSONValue) -> ActorIdentity? {
        guard let name = data["author"]?.nonEmptyString, name != "[deleted]", name != "[removed]" else { return nil }
        return ActorIdentity(
            platform: .reddit, externalID: name, handle: "u/\(name)",
            profileURL: "\(site)/user/\(name)"
        )
    }

    static func engagement(_ data: JSONValue, replies: Int?) -> EngagementCounts? {
        var likes = data["score"]?.int ?? data["ups"]?.int
        if data["score_hidden"]?.bool == true { likes = nil }
        let counts = EngagementCounts(likes: likes, replies: replies)
        return counts.isEmpty ? nil : counts
    }

    /// Epoch seconds (Reddit writes floats: `1323313344.0`; dumps sometimes strings).
    static func timestamp(_ value: JSONValue?) -> Result<Timestamp?, ExportRecordProblem> {
        guard let value, !value.isNull else { return .success(nil) }
        guard let seconds = value.double, seconds.isFinite, seconds >= 0, seconds < 1e11 else {
            return .failure(ExportRecordProblem("created_utc '\(value.messageText)' is not a date (epoch seconds expected); it was skipped."))
        }
        return .success(Timestamp(epochSeconds: seconds))
    }

    static func editedAt(_ data: JSONValue) -> Timestamp? {
        guard let seconds = data["edited"]?.double, seconds > 0, seconds < 1e11 else { return nil }
        return Timestamp(epochSeconds: seconds)
    }

    static func absoluteURL(_ permalink: String?) -> String? {
        guard let permalink else { return nil }
        if permalink.hasPrefix("/") { return site + permalink }
        return permalink
    }
}

extension String {
    /// `t3_n49rw` → `n49rw`.
    fileprivate var dropFullnamePrefix: Substring {
        if count > 3, let underscore = firstIndex(of: "_"), distance(from: startIndex, to: underscore) == 2 {
            return self[index(after: underscore)...]
        }
        return self[...]
    }
}
