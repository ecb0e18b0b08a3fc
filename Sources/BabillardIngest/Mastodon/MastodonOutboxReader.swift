import BabillardCore
import Foundation

/// Reads the `outbox.json` of a Mastodon account archive ("Request your archive"): an
/// ActivityStreams `OrderedCollection` whose `orderedItems` are the account's activities.
///
/// - `Create` of a `Note` (or `Question`, a poll, or `Article`, `Page`) → a post, or a reply
///   when `inReplyTo` names another status (by its ActivityPub id, which is the Mastodon API's
///   `uri`, so these items and the API's are the same items);
/// - `Announce` → a reshare of `object` (a URI, or an embedded object with an `id`); its id is
///   the activity's id, `…/statuses/<id>/activity`, which is also the API's reblog `uri`;
/// - other activities (`Delete`, `Update`, `Like`…) are skipped silently: an archive's outbox
///   has none, and a live outbox page's are not posts.
///
/// The item's author is the activity's `actor` (or the note's `attributedTo`), identified by its
/// URI as the Mastodon reader does; the handle `@name@host` is derived when the URI has the
/// usual `https://host/users/name` form. Text is the note's `content` (HTML) as plain text, the
/// content warning (`summary`) is the title, the language is the first key of `contentMap`.
/// A reply's root is found when its thread goes up through the account's own statuses to one
/// that answers nothing (a thread the account wrote); the archive has no counts. A `published` date that is not a date rejects the
/// activity. Everything an archive holds was published by the account (including followers-only
/// and direct statuses, which are kept: the archive belongs to whoever imports it).
/// The outbox is parsed whole (roots are found across it); a rejected activity is located by
/// the line and offset where it starts.
public struct MastodonOutboxReader: FormatReader {
    public let format: InputFormat = .mastodonOutbox

    public init() {}

    public func read(_ input: ReaderInput, emit: (IngestRecord) throws -> Void) throws {
        let first = try SocialJSONInput.requireContent(input, what: "activity")
        guard first == UInt8(ascii: "{") else {
            throw ReadError(.wrongFormat, at: input.location(), "this is not an ActivityPub outbox: outbox.json is a JSON object (an OrderedCollection).")
        }
        let document = try SocialJSONInput.parseDocument(input)
        let type = document["type"]?.string
        guard type == "OrderedCollection" || type == "OrderedCollectionPage" || document["orderedItems"] != nil else {
            throw ReadError(.wrongFormat, at: input.location(), "this JSON is not an ActivityPub outbox (it is \(SocialJSONInput.describeKeys(document))); a Mastodon archive's outbox.json is an OrderedCollection with orderedItems.")
        }
        let activitiesPath: [JSONElementPositions.Component] =
            document["orderedItems"]?.array != nil ? [.key("orderedItems")] : [.key("first"), .key("orderedItems")]
        guard let activities = document["orderedItems"]?.array ?? document["first"]?["orderedItems"]?.array else {
            if let first = document["first"]?.string {
                throw ReadError(.wrongFormat, at: input.location(), "this outbox lists no activities, only a link to its first page (\(first)): read that page, or the outbox.json of an account archive, which holds them all.")
            }
            throw ReadError(.malformed, at: input.location(), "the outbox has no orderedItems list.")
        }
        // The account's own statuses and what each answers, to find the roots of its threads.
        var parents: [String: String?] = [:]
        for activity in activities where activity["type"]?.string == "Create" {
            if let note = activity["object"], let id = note["id"]?.nonEmptyString {
                parents[id] = Self.parentURI(of: note)
            }
        }
        // Where each activity starts, so that a rejected one is reported with its line and offset.
        let positions = activities.isEmpty ? nil : JSONElementPositions(
            input, descend: { $0.isEmpty || $0 == [.key("first")] }, record: { $0 == activitiesPath })
        for (index, activity) in activities.enumerated() {
            let subject = "activity \(index + 1) of \(activities.count)"
            switch Self.item(activity) {
            case .success(var item?):
                if let parent = item.parentExternalID { item.rootExternalID = Self.root(above: parent, parents) }
                try emit(.item(item))
            case .success(nil): continue
            case .failure(let problem):
                try emit(.rejected(RejectedRecord(location: positions?.location(activitiesPath, index) ?? input.location(), reason: "\(subject) \(problem.reason)")))
            }
        }
    }

    static func parentURI(of note: JSONValue) -> String? {
        note["inReplyTo"]?.nonEmptyString ?? note["inReplyTo"]?["id"]?.nonEmptyString
    }

    /// The first status of the thread above `parent`, when the chain stays in the outbox.
    static func root(above parent: String, _ parents: [String: String?]) -> String? {
        var current = parent
        for _ in 0..<100_000 {
            guard let entry = parents[current] else { return nil }
            guard let next = entry else { return current }
            current = next
        }
        return nil
    }

    static func item(_ activity: JSONValue) -> Result<RawItem?, MastodonStatusConverter.Problem> {
        typealias Problem = MastodonStatusConverter.Problem
        guard case .object = activity else { return .failure(Problem(reason: "is not a JSON object.")) }
        let actor = activity["actor"]?.nonEmptyString ?? activity["actor"]?["id"]?.nonEmptyString
        switch activity["type"]?.string {
        case "Create":
            guard let note = activity["object"], note.object != nil else {
                return .failure(Problem(reason: "creates nothing readable: its object is not embedded."))
            }
            switch note["type"]?.string {
            case "Note", "Question", "Article", "Page": break
            default: return .success(nil)
            }
            guard let id = note["id"]?.nonEmptyString else {
                return .failure(Problem(reason: "creates a note without an id."))
            }
            var createdAt: Timestamp?
            if let text = note["published"]?.string ?? activity["published"]?.string {
                guard let stamp = Timestamp(iso8601: text) else {
                    return .failure(Problem(reason: "(\(id)): published '\(text)' is not a date."))
                }
                createdAt = stamp
            }
            let parent = parentURI(of: note)
            let quoted = note["quote"]?.nonEmptyString ?? note["quoteUri"]?.nonEmptyString ?? note["_misskey_quote"]?.nonEmptyString
            let authorURI = note["attributedTo"]?.nonEmptyString ?? actor
            var tags: [String] = []
            for tag in note["tag"]?.array ?? [] where tag["type"]?.string == "Hashtag" {
                guard var name = tag["name"]?.nonEmptyString else { continue }
                if name.hasPrefix("#") { name.removeFirst() }
                if !name.isEmpty { tags.append(name) }
            }
            let language = note["contentMap"]?.object?.keys.first?.lowercased()
            let content = note["content"]?.string ?? note["contentMap"]?.object?.values.first?.string ?? ""
            return .success(RawItem(
                platform: .mastodon, externalID: id,
                kind: parent != nil ? .reply : (quoted != nil ? .quote : .post),
                parentExternalID: parent, reshareOfExternalID: quoted,
                author: authorURI.map(identity(ofActor:)),
                createdAt: createdAt,
                editedAt: note["updated"]?.string.flatMap { Timestamp(iso8601: $0) },
                title: note["summary"]?.nonEmptyString.map(HTMLText.plainText),
                text: HTMLText.plainText(content),
                url: note["url"]?.nonEmptyString ?? note["url"]?["href"]?.nonEmptyString,
                language: language,
                status: .published,
                tags: tags
            ))
        case "Announce":
            guard let id = activity["id"]?.nonEmptyString else {
                return .failure(Problem(reason: "is an Announce without an id."))
            }
            guard let object = activity["object"]?.nonEmptyString ?? activity["object"]?["id"]?.nonEmptyString else {
                return .failure(Problem(reason: "(\(id)) announces nothing: its object has no URI."))
            }
            var createdAt: Timestamp?
            if let text = activity["published"]?.string {
                guard let stamp = Timestamp(iso8601: text) else {
                    return .failure(Problem(reason: "(\(id)): published '\(text)' is not a date."))
                }
                createdAt = stamp
            }
            return .success(RawItem(
                platform: .mastodon, externalID: id, kind: .reshare, reshareOfExternalID: object,
                author: actor.map(identity(ofActor:)), createdAt: createdAt, status: .published
            ))
        default:
            return .success(nil)
        }
    }

    /// An actor known only by its URI: `https://host/users/name` (and `https://host/@name`)
    /// give the handle `@name@host`; the newer `https://host/ap/users/<id>` gives none.
    static func identity(ofActor uri: String) -> ActorIdentity {
        var handle: String?
        if let authority = SocialJSONInput.authority(of: uri), let origin = SocialJSONInput.origin(of: uri) {
            let path = uri.dropFirst(origin.count)
            let parts = path.split(separator: "/", omittingEmptySubsequences: true)
            if parts.count == 2, parts[0] == "users" {
                handle = "@\(parts[1])@\(authority)"
            } else if parts.count == 1, parts[0].hasPrefix("@"), parts[0].count > 1 {
                handle = "\(parts[0])@\(authority)"
            }
        }
        return ActorIdentity(platform: .mastodon, externalID: uri, handle: handle)
    }
}
