import Foundation

/// Turns what a user types into a search box into a safe FTS5 expression.
///
/// Words are quoted (so `AND`, `NEAR`, `*` or a stray quote typed by a user are plain text),
/// all words must match, `"…"` keeps a phrase, `OR` joins alternatives, `-word` excludes and
/// `word*` matches a prefix. Accents and case are folded by the index's tokenizer.
public enum FullTextQuery {
    public static func fts5Expression(for text: String) throws(StoreError) -> String {
        var positives: [String] = []
        var negatives: [String] = []
        var pendingOr = false
        for token in tokenize(text) {
            if token.isOperatorOr {
                pendingOr = !positives.isEmpty
                continue
            }
            let quoted = "\"" + token.text.replacingOccurrences(of: "\"", with: "\"\"") + "\"" + (token.isPrefix ? "*" : "")
            if token.isNegated {
                negatives.append(quoted)
            } else if pendingOr, let last = positives.popLast() {
                positives.append(last + " OR " + quoted)
            } else {
                positives.append(quoted)
            }
            pendingOr = false
        }
        guard !positives.isEmpty else {
            throw StoreError(.invalidQuery, negatives.isEmpty
                ? "The search is empty: type at least one word."
                : "A search cannot only exclude words: add at least one word to look for.")
        }
        var expression = positives.map { $0.contains(" OR ") ? "(\($0))" : $0 }.joined(separator: " AND ")
        for negative in negatives { expression = "(\(expression)) NOT \(negative)" }
        return expression
    }

    struct Token {
        var text: String
        var isNegated = false
        var isPrefix = false
        var isOperatorOr = false
    }

    static func tokenize(_ text: String) -> [Token] {
        var tokens: [Token] = []
        var index = text.startIndex
        while index < text.endIndex {
            let character = text[index]
            if character.isWhitespace {
                index = text.index(after: index)
                continue
            }
            var negated = false
            if character == "-" {
                negated = true
                index = text.index(after: index)
                guard index < text.endIndex else { break }
            }
            if text[index] == "\"" {
                let start = text.index(after: index)
                let end = text[start...].firstIndex(of: "\"") ?? text.endIndex
                let phrase = text[start..<end].trimmingCharacters(in: .whitespaces)
                if !phrase.isEmpty { tokens.append(Token(text: phrase, isNegated: negated)) }
                index = end < text.endIndex ? text.index(after: end) : end
                continue
            }
            let end = text[index...].firstIndex(where: \.isWhitespace) ?? text.endIndex
            var word = String(text[index..<end])
            index = end
            if word == "OR" && !negated {
                tokens.append(Token(text: word, isOperatorOr: true))
                continue
            }
            var prefix = false
            if word.hasSuffix("*") {
                prefix = true
                while word.hasSuffix("*") { word.removeLast() }
            }
            if !word.isEmpty { tokens.append(Token(text: word, isNegated: negated, isPrefix: prefix)) }
        }
        return tokens
    }
}
