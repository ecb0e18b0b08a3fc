/// Reads a watch query: a lexer that cuts it into terms and operators, then a recursive
/// descent parser (`or := and (OR and)*`, `and := unary (AND? unary)*`,
/// `unary := (NOT | -) unary | primary`, `primary := ( or ) | "phrase" | term`).
struct WatchQueryParser {
    private enum Lexeme: Equatable {
        case open
        case close
        case or(String)
        case and
        case not(String)
        case phrase(String)
        case term(String)
    }

    private let query: String
    private let characters: [Character]
    private var lexemes: [(lexeme: Lexeme, position: Int)] = []
    private var next = 0
    private var terms: [WatchQueryTerm] = []
    private var termIndexes: [WatchQueryTerm: Int] = [:]

    init(_ query: String) {
        self.query = query
        self.characters = Array(query)
    }

    mutating func parse() throws(WatchQueryError) -> (WatchQueryNode, [WatchQueryTerm]) {
        try lex()
        guard !lexemes.isEmpty else { throw error(.empty, at: nil) }
        let root = try parseOr()
        if next < lexemes.count {
            // parseOr stops only at the end or at a `)` it did not open.
            throw error(.unexpectedClosingParenthesis, at: lexemes[next].position)
        }
        if root.evaluate({ _ in false }) { throw error(.onlyExclusions, at: nil) }
        return (root, terms)
    }

    private func error(_ problem: WatchQueryError.Problem, at position: Int?) -> WatchQueryError {
        WatchQueryError(problem, at: position, in: query)
    }

    // MARK: - Lexer

    private static let closingQuote: [Character: Set<Character>] = [
        "\"": ["\"", "”"], "“": ["”", "\""], "«": ["»"], "”": ["”", "\""],
    ]

    private static func endsTerm(_ character: Character) -> Bool {
        character.isWhitespace || "()|\"“”«»".contains(character)
    }

    private mutating func lex() throws(WatchQueryError) {
        var index = 0
        while index < characters.count {
            let character = characters[index]
            let position = index + 1
            if character.isWhitespace {
                index += 1
                continue
            }
            switch character {
            case "(":
                lexemes.append((.open, position))
                index += 1
            case ")":
                lexemes.append((.close, position))
                index += 1
            case "|":
                lexemes.append((.or("|"), position))
                index += 1
            case "\"", "“", "”", "«":
                let closing = Self.closingQuote[character]!
                var end = index + 1
                while end < characters.count, !closing.contains(characters[end]) { end += 1 }
                guard end < characters.count else { throw error(.unclosedQuote, at: position) }
                lexemes.append((.phrase(String(characters[(index + 1)..<end])), position))
                index = end + 1
            case "-":
                // A leading hyphen excludes what follows it (a hyphen inside a word is part of it).
                let following = index + 1 < characters.count ? characters[index + 1] : nil
                guard let following, !following.isWhitespace, following != ")", following != "|" else {
                    throw error(.nothingAfter(operator: "-"), at: position)
                }
                lexemes.append((.not("-"), position))
                index += 1
            default:
                // A stray closing quote (») is a term of its own, which has nothing to match.
                var end = index + 1
                while end < characters.count, !Self.endsTerm(characters[end]) { end += 1 }
                let word = String(characters[index..<end])
                switch word {
                case "OR": lexemes.append((.or("OR"), position))
                case "AND": lexemes.append((.and, position))
                case "NOT": lexemes.append((.not("NOT"), position))
                default: lexemes.append((.term(word), position))
                }
                index = end
            }
        }
    }

    // MARK: - Parser

    private var current: (lexeme: Lexeme, position: Int)? { next < lexemes.count ? lexemes[next] : nil }

    /// Whether the next lexeme can start a term (and so an operand).
    private var atOperand: Bool {
        guard let current else { return false }
        switch current.lexeme {
        case .open, .not, .phrase, .term: return true
        case .close, .or, .and: return false
        }
    }

    private mutating func parseOr() throws(WatchQueryError) -> WatchQueryNode {
        var alternatives = [try parseAnd()]
        while let current, case .or(let name) = current.lexeme {
            next += 1
            guard atOperand else { throw error(.nothingAfter(operator: name), at: current.position) }
            alternatives.append(try parseAnd())
        }
        return alternatives.count == 1 ? alternatives[0] : .any(alternatives)
    }

    private mutating func parseAnd() throws(WatchQueryError) -> WatchQueryNode {
        var required = [try parseUnary()]
        while let current {
            switch current.lexeme {
            case .and:
                next += 1
                guard atOperand else { throw error(.nothingAfter(operator: "AND"), at: current.position) }
                required.append(try parseUnary())
            case .open, .not, .phrase, .term:
                required.append(try parseUnary())
            case .close, .or:
                return required.count == 1 ? required[0] : .all(required)
            }
        }
        return required.count == 1 ? required[0] : .all(required)
    }

    private mutating func parseUnary() throws(WatchQueryError) -> WatchQueryNode {
        guard let current else {
            // Only reached at the very start of an empty group or query; callers check the rest.
            throw error(.empty, at: nil)
        }
        switch current.lexeme {
        case .not(let name):
            next += 1
            guard atOperand else { throw error(.nothingAfter(operator: name), at: current.position) }
            return .not(try parseUnary())
        case .open:
            next += 1
            if let inside = self.current, inside.lexeme == .close {
                throw error(.emptyParentheses, at: current.position)
            }
            guard atOperand else {
                if let inside = self.current, case .or(let name) = inside.lexeme {
                    throw error(.nothingBefore(operator: name), at: inside.position)
                }
                if let inside = self.current, inside.lexeme == .and {
                    throw error(.nothingBefore(operator: "AND"), at: inside.position)
                }
                throw error(.unclosedParenthesis, at: current.position)
            }
            let group = try parseOr()
            guard let closing = self.current, closing.lexeme == .close else {
                throw error(.unclosedParenthesis, at: current.position)
            }
            next += 1
            return group
        case .close:
            throw error(.unexpectedClosingParenthesis, at: current.position)
        case .or(let name):
            throw error(.nothingBefore(operator: name), at: current.position)
        case .and:
            throw error(.nothingBefore(operator: "AND"), at: current.position)
        case .phrase(let text):
            next += 1
            return .term(try termIndex(phrase: text, at: current.position))
        case .term(let text):
            next += 1
            return .term(try termIndex(term: text, at: current.position))
        }
    }

    // MARK: - Terms

    private mutating func index(of term: WatchQueryTerm) -> Int {
        if let existing = termIndexes[term] { return existing }
        terms.append(term)
        termIndexes[term] = terms.count - 1
        return terms.count - 1
    }

    private mutating func termIndex(phrase text: String, at position: Int) throws(WatchQueryError) -> Int {
        let tokens = Self.tokens(text)
        if tokens.contains(where: { $0.kind == .handle }) { throw error(.handleInPhrase(term: text), at: position) }
        if Self.containsEmailAddress(text) { throw error(.emailAddress(term: text), at: position) }
        guard !tokens.isEmpty else { throw error(.emptyQuote, at: position) }
        return index(of: .phrase(words: tokens.map(\.hash), joined: FoldedTokenScanner.joinedHash(of: text)))
    }

    private mutating func termIndex(term text: String, at position: Int) throws(WatchQueryError) -> Int {
        if text.contains("*") { throw error(.wildcard(term: text), at: position) }
        let tokens = Self.tokens(text)
        if text.first == "#" || text.first == "＃" {
            guard tokens.count == 1, tokens[0].kind == .hashtag else { throw error(.notAHashtag(term: text), at: position) }
            return index(of: .hashtag(tokens[0].hash))
        }
        if text.first == "@" || text.first == "＠" {
            guard tokens.count == 1, tokens[0].kind == .handle else { throw error(.notAHandle(term: text), at: position) }
            return index(of: .handle(user: tokens[0].hash, instance: tokens[0].instanceHash))
        }
        if tokens.contains(where: { $0.kind == .handle }) { throw error(.handleInPhrase(term: text), at: position) }
        if Self.containsEmailAddress(text) { throw error(.emailAddress(term: text), at: position) }
        guard !tokens.isEmpty else { throw error(.nothingToMatch(term: text), at: position) }
        return index(of: .phrase(words: tokens.map(\.hash), joined: FoldedTokenScanner.joinedHash(of: text)))
    }

    /// Whether the scanner would skip an e-mail address in the text (a word start not glued to
    /// an `@`, where an address begins).
    private static func containsEmailAddress(_ text: String) -> Bool {
        guard text.contains("@") else { return false }
        return FoldedTokenScanner.withUTF8(text) { bytes in
            var noAddressBefore = 0
            for index in bytes.indices where index == 0 || (bytes[index - 1] != 0x40 && !FoldedTokenScanner.isAddressByte(bytes[index - 1])) {
                if FoldedTokenScanner.endOfEmailAddress(bytes, at: index, noAddressBefore: &noAddressBefore) != nil { return true }
            }
            return false
        }
    }

    private static func tokens(_ text: String) -> [FoldedToken] {
        var tokens: [FoldedToken] = []
        FoldedTokenScanner.scan(text) { tokens.append($0) }
        return tokens
    }
}
