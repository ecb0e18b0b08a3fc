/// A person or organisation as one platform knows them, with the profile facts a source gave.
///
/// `externalID` is the platform's stable id when there is one (a Mastodon account id, a
/// Bluesky DID, a Reddit username); the handle can change, the id cannot.
public struct ActorIdentity: Hashable, Sendable, Codable {
    public var platform: Platform
    public var externalID: String
    /// `@alice@mastodon.social`, `alice.bsky.social`, `u/alice`: how people write the name.
    public var handle: String?
    public var displayName: String?
    public var profileURL: String?
    public var followers: Int?
    public var following: Int?
    /// True for accounts that say they are automated (Mastodon `bot`).
    public var isBot: Bool

    public init(
        platform: Platform, externalID: String, handle: String? = nil, displayName: String? = nil,
        profileURL: String? = nil, followers: Int? = nil, following: Int? = nil, isBot: Bool = false
    ) {
        self.platform = platform
        self.externalID = externalID
        self.handle = handle
        self.displayName = displayName
        self.profileURL = profileURL
        self.followers = followers
        self.following = following
        self.isBot = isBot
    }

    /// The best name to show: display name, then handle, then id.
    public var shownName: String { displayName ?? handle ?? externalID }
}
