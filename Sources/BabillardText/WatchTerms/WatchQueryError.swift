/// A watch query that cannot be read, with the character where the problem is.
public struct WatchQueryError: Error, Sendable, Equatable, CustomStringConvertible {
    public enum Problem: Sendable, Equatable {
        /// Nothing but spaces.
        case empty
        /// A `"` (or `“`, `«`) that is never closed.
        case unclosedQuote
        /// `""`: a phrase with no word in it.
        case emptyQuote
        /// A `(` that is never closed.
        case unclosedParenthesis
        /// A `)` that closes no `(`.
        case unexpectedClosingParenthesis
        /// `()`.
        case emptyParentheses
        /// An operator (`OR`, `|`, `AND`) with no term before it.
        case nothingBefore(operator: String)
        /// An operator (`OR`, `|`, `AND`, `NOT`, `-`) with no term after it.
        case nothingAfter(operator: String)
        /// A term with no letter or digit ("!!!").
        case nothingToMatch(term: String)
        /// A term that starts with `#` but is not a hashtag ("#", "#2024").
        case notAHashtag(term: String)
        /// A term that starts with `@` but is not a handle ("@", "@.").
        case notAHandle(term: String)
        /// A handle inside a phrase or glued to words ("merci @melisse" in quotes).
        case handleInPhrase(term: String)
        /// An e-mail address ("bonjour@melisse.ca"): addresses are not words of the text.
        case emailAddress(term: String)
        /// A `*`: watch terms have no prefix search.
        case wildcard(term: String)
        /// The query only excludes (`-dubois`, `NOT pain`): it would match nearly every item.
        case onlyExclusions
    }

    public var problem: Problem
    /// The 1-based character (not byte) where the problem is; nil when it is the whole query.
    public var position: Int?
    /// The query as written.
    public var query: String

    public init(_ problem: Problem, at position: Int?, in query: String) {
        self.problem = problem
        self.position = position
        self.query = query
    }

    public var description: String {
        let at = position.map { " at character \($0)" } ?? ""
        switch problem {
        case .empty:
            return "The watch query is empty: write a word, a \"phrase\", a #hashtag or an @handle to look for."
        case .unclosedQuote:
            return "Unclosed quote\(at): end the phrase with a closing quote."
        case .emptyQuote:
            return "Empty quotes\(at): put the phrase to look for between them."
        case .unclosedParenthesis:
            return "Unclosed parenthesis\(at): add the ) that ends the group."
        case .unexpectedClosingParenthesis:
            return "Unexpected )\(at): it closes no (; remove it or add the ( it belongs to."
        case .emptyParentheses:
            return "Empty parentheses\(at): put terms between them or remove them."
        case .nothingBefore(let op):
            return "\(op)\(at) has nothing before it: write a term on each side of \(op)."
        case .nothingAfter(let op):
            if op == "NOT" || op == "-" {
                return "\(op == "-" ? "'-'" : "NOT")\(at) has nothing after it: write the term to exclude right after it (-dubois, NOT dubois)."
            }
            return "\(op)\(at) has nothing after it: write a term on each side of \(op)."
        case .nothingToMatch(let term):
            return "'\(term)'\(at) has no letter or digit to match: remove it or put it in a word."
        case .notAHashtag(let term):
            return "'\(term)'\(at) is not a hashtag: write # followed by letters (digits and _ may follow), as in #Mélisse."
        case .notAHandle(let term):
            return "'\(term)'\(at) is not a handle: write @name or @name@instance, as in @melisse@mastodon.social."
        case .handleInPhrase(let term):
            return "'\(term)'\(at) puts a handle inside a phrase: write the handle as a term of its own."
        case .emailAddress(let term):
            return "'\(term)'\(at) holds an e-mail address, and watch terms do not look inside addresses (nor links): watch the name instead, as in \"Boulangerie Mélisse\" or @handle."
        case .wildcard(let term):
            return "'\(term)'\(at) uses *, but watch terms have no prefix search: list the forms you mean, as in croissant OR croissants."
        case .onlyExclusions:
            return "The watch query only excludes (NOT or -): it would match every item that mentions none of those terms. Add a term to look for, as in mélisse -dubois."
        }
    }
}
