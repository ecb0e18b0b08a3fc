/// Where an item lives: a network, a blog, a review site.
///
/// A struct over a string rather than an enum so that a CSV import can name any platform
/// (`google`, `tripadvisor`…) without a code change; the well-known ones are constants.
public struct Platform: RawRepresentable, Hashable, Sendable, Codable, CustomStringConvertible, Comparable {
    public let rawValue: String

    public init(rawValue: String) {
        self.rawValue = rawValue.lowercased()
    }

    public init(_ rawValue: String) {
        self.init(rawValue: rawValue)
    }

    public var description: String { rawValue }

    public static func < (lhs: Platform, rhs: Platform) -> Bool { lhs.rawValue < rhs.rawValue }

    /// A blog or any site read through RSS, Atom, JSON Feed or a WordPress export.
    public static let blog = Platform("blog")
    public static let mastodon = Platform("mastodon")
    public static let bluesky = Platform("bluesky")
    public static let reddit = Platform("reddit")
    /// X, formerly Twitter.
    public static let x = Platform("x")
    public static let facebook = Platform("facebook")
    public static let instagram = Platform("instagram")
    public static let linkedin = Platform("linkedin")
    public static let foursquare = Platform("foursquare")
    /// Reviews imported from a file whose platform was not named.
    public static let reviews = Platform("reviews")
    /// Records imported from CSV or JSON lines whose platform was not named.
    public static let other = Platform("other")
}
