import Foundation
import BabillardCore

/// Facts about a Mastodon status that several parts of the reader need.
enum MastodonStatusFields {
    /// A value that looks like a status: it has an id, an account, and content, text, uri or a
    /// reblog. (A deleted status's answer has `text` instead of `content`; an edit in a status's
    /// history has content and an account but no id, and is not a status.)
    static func isStatus(_ value: JSONValue) -> Bool {
        guard case .object(let object) = value, object["id"] != nil, object["account"]?.object != nil else { return false }
        return object["uri"] != nil || object["content"] != nil || object["text"] != nil || object["reblog"] != nil
    }

    /// The status's text as plain text. Mastodon 4.4+ starts a quote's HTML with
    /// `<p class="quote-inline">RE: link</p>` for clients that cannot show quotes and hides it
    /// itself; it is dropped here too when the status carries a quote.
    static func plainText(of status: MastodonStatusView) -> String {
        if let content = status.content?.string {
            if content.isEmpty { return "" }
            if status.quote != nil {
                return HTMLText.plainText(droppingQuoteInline(content))
            }
            return HTMLText.plainText(content)
        }
        // A deleted status's answer gives the source text (for "delete and redraft") instead.
        return status.text?.string ?? ""
    }

    static func droppingQuoteInline(_ content: String) -> String {
        let marker = "<p class=\"quote-inline\">"
        guard content.hasPrefix(marker), let end = content.range(of: "</p>") else { return content }
        return String(content[end.upperBound...])
    }
}

/// The members of a status the reader uses, picked in one pass over its keys.
///
/// `JSONObject` looks keys up by a linear scan; a status has about thirty members and the
/// reader needs twenty of them, so one pass that sorts keys by length first is several times
/// cheaper than twenty lookups (this is most of the reader's own cost on JSON lines).
struct MastodonStatusView {
    var value: JSONValue
    var id: JSONValue?
    var uri: String?
    var url: String?
    var createdAt: JSONValue?
    var editedAt: JSONValue?
    var inReplyToID: String?
    var inReplyToAccountID: String?
    var spoilerText: String?
    var language: String?
    var content: JSONValue?
    var text: JSONValue?
    /// The account's members, picked once for the directory and the author.
    var account: MastodonAccountView?
    var reblog: JSONValue?
    var quote: JSONValue?
    var tags: JSONValue?
    var favourites: Int?
    var reblogs: Int?
    var replies: Int?
    var quotes: Int?

    /// Nil when the value is not an object.
    init?(_ value: JSONValue) {
        guard case .object(let object) = value else { return nil }
        self.value = value
        let keys = object.keys
        let values = object.values
        for index in keys.indices {
            let key = keys[index]
            let member = values[index]
            switch key.utf8.count {
            case 2: if key == "id" { id = member }
            case 3:
                if key == "uri" { uri = member.nonEmptyString } else if key == "url" { url = member.nonEmptyString }
            case 4:
                if key == "tags" { tags = member } else if key == "text" { text = member }
            case 5: if key == "quote" { quote = member.isNull ? nil : member }
            case 6: if key == "reblog" { reblog = member.isNull ? nil : member }
            case 7:
                if key == "content" { content = member } else if key == "account" { account = MastodonAccountView(member) }
            case 8: if key == "language" { language = member.nonEmptyString }
            case 9: if key == "edited_at" { editedAt = member }
            case 10: if key == "created_at" { createdAt = member }
            case 12:
                if key == "spoiler_text" { spoilerText = member.nonEmptyString } else if key == "quotes_count" { quotes = member.int }
            case 13:
                if key == "replies_count" { replies = member.int } else if key == "reblogs_count" { reblogs = member.int }
            case 14: if key == "in_reply_to_id" { inReplyToID = member.idString }
            case 16: if key == "favourites_count" { favourites = member.int }
            case 22: if key == "in_reply_to_account_id" { inReplyToAccountID = member.idString }
            default: break
            }
        }
    }

    /// The status a Mastodon 4.4+ quote shows in full, when it does.
    var quotedStatus: JSONValue? {
        guard let quoted = quote?["quoted_status"], MastodonStatusFields.isStatus(quoted) else { return nil }
        return quoted
    }
}

/// How a Mastodon API account becomes an `ActorIdentity`, from its members picked in one pass
/// (see `MastodonStatusView`):
///
/// - the id is the account's ActivityPub id (`uri`, Mastodon 4.2+), else its profile `url`: the
///   uri is the same whichever instance is asked, and matches the `actor` of an archive's outbox;
/// - a local account's `acct` is its bare username, a remote one's is `name@domain`;
/// - the handle is `@name@domain` for every account: a local account's domain is the host (with
///   its port, as a development instance's `LOCAL_DOMAIN` has one) of its profile URL.
struct MastodonAccountView {
    var id: String?
    var uri: String?
    var url: String?
    var acct: String?
    var username: String?
    var displayName: String?
    var followers: Int?
    var following: Int?
    var bot = false

    init?(_ value: JSONValue) {
        guard case .object(let object) = value else { return nil }
        let keys = object.keys
        let values = object.values
        for index in keys.indices {
            let key = keys[index]
            let member = values[index]
            switch key.utf8.count {
            case 2: if key == "id" { id = member.idString }
            case 3:
                if key == "uri" { uri = member.nonEmptyString } else if key == "url" { url = member.nonEmptyString } else if key == "bot" { bot = member.bool ?? false }
            case 4: if key == "acct" { acct = member.nonEmptyString }
            case 8: if key == "username" { username = member.nonEmptyString }
            case 12: if key == "display_name" { displayName = member.nonEmptyString }
            case 15:
                if key == "followers_count" { followers = member.int } else if key == "following_count" { following = member.int }
            default: break
            }
        }
    }

    var externalID: String? { uri ?? url }

    var isLocal: Bool {
        guard let acct else { return false }
        return !acct.utf8.contains(UInt8(ascii: "@"))
    }

    var handle: String? {
        guard let name = acct ?? username else { return nil }
        if name.utf8.contains(UInt8(ascii: "@")) { return "@" + name }
        if let link = url ?? uri, let domain = SocialJSONInput.authority(of: link) {
            return "@\(name)@\(domain)"
        }
        return "@" + name
    }

    var identity: ActorIdentity? {
        guard let externalID else { return nil }
        return ActorIdentity(
            platform: .mastodon, externalID: externalID, handle: handle, displayName: displayName,
            profileURL: url, followers: followers, following: following, isBot: bot
        )
    }
}
