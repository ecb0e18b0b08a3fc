import BabillardCore

/// What the Mastodon reader remembers about the statuses and accounts of one input, so that a
/// reply's parent can be named by its `uri`.
///
/// Babillard identifies a status by its `uri` (its ActivityPub id): the same status read from
/// two instances, or from an account archive's outbox, is then the same item. But Mastodon
/// names a reply's parent only by `in_reply_to_id`, the *local database id* on the instance
/// that answered. The parent's `uri` is found, in this order:
///
/// 1. the parent was seen in the same input (a thread's `context`, a timeline page, an earlier
///    line): its own `uri`. Whole documents are scanned before anything is emitted, so a
///    timeline that lists replies before their parents resolves too;
/// 2. the parent's author (`in_reply_to_account_id`) was seen and is local to the instance
///    (`acct` without a domain): Mastodon writes a local status's uri as its account's uri
///    followed by `/statuses/<id>`, with both the `/users/<name>` and the `/ap/users/<id>`
///    schemes, so the uri is derived exactly;
/// 3. otherwise the parent is named `<instance>/api/v1/statuses/<id>`, the API address of the
///    parent on the instance that answered (known from a local account's URL, or from the
///    address the input was fetched from), or `urn:mastodon:status:<id>` when not even the
///    instance is known. Such a link resolves only if the parent is imported under the same
///    fallback name; importing the reply again with its parent (its thread's `context`)
///    replaces it with the real uri.
///
/// Roots are found by walking parent links through the statuses seen.
///
/// For JSON lines the directory is bounded (two generations of `capacity` entries; the older
/// is dropped when the newer fills), so that memory stays flat on millions of statuses while a
/// reply still finds a parent seen in the last hundred thousand lines or so. Ids are kept as
/// 64-bit keys (Mastodon's ids are decimal numbers; any other id is hashed), which halves the
/// memory and the hashing of string keys.
struct MastodonStatusDirectory {
    struct Status {
        var uri: String
        var parentKey: UInt64?

        init(uri: String, parentID: String?) {
            self.uri = uri
            self.parentKey = parentID.map(MastodonStatusDirectory.key)
        }
    }

    static func key(_ id: String) -> UInt64 {
        if let number = UInt64(id) { return number }
        var hash = StableHash()
        hash.combine(id)
        return hash.value
    }

    struct Account {
        var uri: String
        var isLocal: Bool
    }

    private let capacity: Int
    private var statuses: [UInt64: Status] = [:]
    private var olderStatuses: [UInt64: Status] = [:]
    private var accounts: [UInt64: Account] = [:]
    private var olderAccounts: [UInt64: Account] = [:]
    /// `scheme://host` of the instance that answered.
    private(set) var instanceOrigin: String?
    private let fetchedOrigin: String?

    init(capacity: Int = .max, baseURL: String?) {
        self.capacity = capacity
        self.fetchedOrigin = baseURL.flatMap(SocialJSONInput.origin(of:))
    }

    func status(_ id: String) -> Status? {
        status(key: Self.key(id))
    }

    private func status(key: UInt64) -> Status? {
        statuses[key] ?? olderStatuses[key]
    }

    func account(_ id: String) -> Account? {
        let key = Self.key(id)
        return accounts[key] ?? olderAccounts[key]
    }

    /// Remembers a status (and its account, and what it reblogs or quotes).
    mutating func register(_ status: JSONValue) {
        if let view = MastodonStatusView(status) { register(view) }
    }

    mutating func register(_ status: MastodonStatusView) {
        if let account = status.account { registerAccount(account) }
        if let id = status.id?.idString, let uri = status.uri {
            insert(id, Status(uri: uri, parentID: status.inReplyToID))
        }
        if let reblog = status.reblog { register(reblog) }
        if let quoted = status.quotedStatus { register(quoted) }
    }

    /// Adds a status that the input does not show but whose place is known: a thread's focal
    /// status, between its ancestors and its descendants.
    mutating func insert(_ id: String, _ entry: Status) {
        if statuses.count >= capacity {
            olderStatuses = statuses
            statuses = [:]
        }
        statuses[Self.key(id)] = entry
    }

    mutating func registerAccount(_ account: JSONValue) {
        if let view = MastodonAccountView(account) { registerAccount(view) }
    }

    mutating func registerAccount(_ view: MastodonAccountView) {
        guard let id = view.id, let uri = view.externalID else { return }
        let isLocal = view.isLocal
        if isLocal, instanceOrigin == nil, let url = view.url ?? view.uri {
            instanceOrigin = SocialJSONInput.origin(of: url)
        }
        if let known = self.account(id), known.uri == uri { return }
        if accounts.count >= capacity {
            olderAccounts = accounts
            accounts = [:]
        }
        accounts[Self.key(id)] = Account(uri: uri, isLocal: isLocal)
    }

    /// The `uri` of the status with this local id (see the type's documentation for the order).
    func uri(ofStatus id: String, accountID: String?) -> String {
        if let known = status(id) { return known.uri }
        if let accountID, let account = account(accountID), account.isLocal {
            return account.uri + "/statuses/" + id
        }
        if let origin = instanceOrigin ?? fetchedOrigin {
            return origin + "/api/v1/statuses/" + id
        }
        return "urn:mastodon:status:" + id
    }

    /// The uri of the first status of the thread above `parentID`, or nil when the chain of
    /// parents leaves the statuses seen before reaching a status that answers nothing.
    func rootURI(above parentID: String) -> String? {
        var key = Self.key(parentID)
        var steps = 0
        while steps < 100_000, let entry = status(key: key) {
            guard let next = entry.parentKey else { return entry.uri }
            key = next
            steps += 1
        }
        return nil
    }
}
