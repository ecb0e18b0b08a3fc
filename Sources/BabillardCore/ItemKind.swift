/// What an item is in its conversation.
///
/// A response on a blog or Reddit is a `comment`; a response in a social thread
/// (Mastodon, Bluesky, X, Facebook…) is a `reply`.
public enum ItemKind: String, Sendable, Codable, CaseIterable, Hashable {
    case post
    case comment
    case reply
    /// A boost, repost or retweet: the same content passed on (see `RawItem.reshareOf`).
    case reshare
    /// A reshare with the resharer's own words added.
    case quote
    /// A review, usually with a rating.
    case review
    /// A visit declared at a place (Foursquare/Swarm, Facebook check-ins).
    case checkin
    /// An item that names the brand without being in one of its threads.
    case mention
}
