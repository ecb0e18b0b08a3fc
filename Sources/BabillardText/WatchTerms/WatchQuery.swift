/// A watch term: what a workspace looks for in every item — its brand, its products, its
/// competitors — written as a small query.
///
/// ```swift
/// let brand = try WatchQuery(parsing: #"Mélisse OR "Boulangerie Mélisse" OR @melisse@mastodon.social -"rue Mélisse""#)
/// brand.matches("Les croissants de #Mélisse ❤️")  // true
/// ```
///
/// **Syntax.** Words (`mélisse`), phrases in quotes (`"croissant aux amandes"`, also `“…”` and
/// `«…»`), `#hashtags` and `@handles`; terms side by side must all be present (implicit AND, or
/// `AND`); `OR` or `|` between alternatives; `NOT` or a leading `-` to exclude; parentheses to
/// group. AND binds tighter than OR: `a b OR c` is `(a b) OR c`. Operators are recognised in
/// capitals only, because "or" is a French word ("l'or", "or donc").
///
/// **Matching.** Case and accents do not matter ("Mélisse", "MELISSE" and "melisse" are one
/// word) and words match whole: "pain" does not match "painting" or "pains" (there is no
/// stemming; write `pain OR pains`). Apostrophes and hyphens separate words, so `mélisse`
/// matches "l'équipe de Mélisse" and "Mélisse-Dubois", and `"fournil dubois"` matches
/// "Fournil-Dubois". A phrase's words must follow each other without punctuation between them
/// (a comma, a full stop or a line break ends a phrase), so "…au fournil. Dubois dit…" is not
/// `"fournil dubois"`.
///
/// Decisions, and why:
/// - A word or phrase also matches a hashtag with the same letters (`mélisse` matches
///   "#Mélisse", `"boulangerie mélisse"` matches "#BoulangerieMelisse" and
///   "#boulangerie_melisse"): people tag the brand they talk about, and a share of voice that
///   missed tagged mentions would be wrong. A `#hashtag` term matches only the hashtag, for
///   those who want tagged mentions alone.
/// - A word does not match a handle: `@melisse` names an account, and a handle such as
///   "@jean_dubois" is a person, not the competitor. Write the handle as a term of its own.
/// - `@melisse@mastodon.social` matches "@melisse@mastodon.social" and "@melisse" (the way a
///   Mastodon server shows a local mention), not "@melisse@other.social". `@melisse` matches
///   the name on any instance.
/// - A query that only excludes (`-dubois`) is refused: it would match almost every item.
/// - Links are not searched (`melisse.fr` in "https://melisse.fr/…" is an address, not a
///   mention); a domain written without `http` or `www.` is words and matches.
public struct WatchQuery: Sendable, Hashable, CustomStringConvertible {
    /// The query as written.
    public let text: String
    let root: WatchQueryNode
    /// The query's distinct terms; `WatchQueryNode.term` holds an index into them.
    let terms: [WatchQueryTerm]

    /// Parses a query; the error names the character where the problem is.
    public init(parsing text: String) throws(WatchQueryError) {
        var parser = WatchQueryParser(text)
        let (root, terms) = try parser.parse()
        self.text = text
        self.root = root
        self.terms = terms
    }

    /// Whether a text matches the query. To run many queries over many texts, use
    /// `WatchTermMatcher`, which reads each text once for all of them.
    public func matches(_ text: String) -> Bool {
        let words = WatchText(text)
        return root.evaluate { words.contains(terms[$0]) }
    }

    public var description: String { text }
}

/// One thing a query looks for.
enum WatchQueryTerm: Sendable, Hashable {
    /// One word or consecutive words (folded hashes), and the hash of the words written
    /// together, which a hashtag may carry (#BoulangerieMelisse).
    case phrase(words: [UInt64], joined: UInt64)
    /// A hashtag's folded text without `#` and `_`.
    case hashtag(UInt64)
    /// A handle's folded user name, and its instance (0: any).
    case handle(user: UInt64, instance: UInt64)
}

/// A query's boolean structure.
indirect enum WatchQueryNode: Sendable, Hashable {
    case term(Int)
    case all([WatchQueryNode])
    case any([WatchQueryNode])
    case not(WatchQueryNode)

    /// Evaluates the query, asking for the presence of terms only as needed.
    func evaluate(_ isPresent: (Int) -> Bool) -> Bool {
        switch self {
        case .term(let index): return isPresent(index)
        case .all(let nodes): return nodes.allSatisfy { $0.evaluate(isPresent) }
        case .any(let nodes): return nodes.contains { $0.evaluate(isPresent) }
        case .not(let node): return !node.evaluate(isPresent)
        }
    }
}
