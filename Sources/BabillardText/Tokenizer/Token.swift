/// One unit of social text: a word, a hashtag, an emoji, a URL…
public struct Token: Sendable, Hashable {
    public enum Kind: String, Sendable, Hashable, CaseIterable {
        /// Letters (and digits) with their inner apostrophes and hyphens: "peut-être", "don't".
        case word
        /// A French elided article or pronoun split from its word: "l'", "qu'", "j'".
        case elision
        case number
        /// `#Mélisse`; `normalized` holds the folded text without `#`.
        case hashtag
        /// `@melisse` or `@melisse@mastodon.social`; `normalized` is folded, without the first `@`.
        case mention
        case url
        /// One emoji, with its modifiers and joiners (👍🏽, 👨‍🍳).
        case emoji
        /// A text emoticon: ":)", ":-(", "<3", "xD".
        case emoticon
        /// A run of punctuation: "!!!", "?", "...".
        case punctuation
    }

    public var kind: Kind
    /// The token as written.
    public var text: Substring
    /// Folded (lowercase, no accents) with letters repeated three times or more squeezed to two
    /// ("trooop" → "troop"): the form lexicons and models look up.
    public var normalized: String
    /// Written in capitals ("NUL", "LOVE"), with at least two letters.
    public var isAllCaps: Bool
    /// A letter was repeated three times or more ("trooop", "sooo").
    public var isElongated: Bool

    public init(kind: Kind, text: Substring, normalized: String, isAllCaps: Bool = false, isElongated: Bool = false) {
        self.kind = kind
        self.text = text
        self.normalized = normalized
        self.isAllCaps = isAllCaps
        self.isElongated = isElongated
    }

    /// The normalized form with every repeated letter squeezed to one ("troop" → "trop"), the
    /// second guess for an elongated word.
    public var squeezed: String {
        var output = String.UnicodeScalarView()
        var previous: Unicode.Scalar?
        for scalar in normalized.unicodeScalars where scalar != previous {
            output.append(scalar)
            previous = scalar
        }
        return String(output)
    }
}
