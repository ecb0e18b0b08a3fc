import Foundation

/// The valence of words and emoji for one language, read from the shipped lexicon files:
/// VADER's `token<TAB>mean<TAB>sd<TAB>ratings` (English), vaderSentiment-fr's `token->score`
/// (French), and each one's emoji file (`emoji<TAB>description`: an emoji is scored through the
/// words of its description, as VADER does).
public struct SentimentLexicon: Sendable {
    /// Lowercase token → valence (about -4 to 4).
    public let valences: [String: Double]
    /// Folded token (no accents) → valence, for text written without accents; only the forms
    /// that differ from their lowercase spelling, and only when the folding is unambiguous.
    public let foldedValences: [String: Double]
    /// Single-scalar emoji → its description in the lexicon's language.
    public let emojiDescriptions: [Unicode.Scalar: String]

    public init(valences: [String: Double], emojiDescriptions: [Unicode.Scalar: String]) {
        self.valences = valences
        self.emojiDescriptions = emojiDescriptions
        var folded: [String: Double] = [:]
        var ambiguous: Set<String> = []
        for (word, valence) in valences {
            let key = TextFolding.fold(word)
            guard key != word, valences[key] == nil else { continue }
            if let existing = folded[key], existing != valence { ambiguous.insert(key) }
            folded[key] = valence
        }
        for key in ambiguous { folded[key] = nil }
        self.foldedValences = folded
    }

    /// The valence of a lowercase token, trying its accent-less form second.
    @inline(__always)
    public func valence(of lowercased: String) -> Double? {
        if let valence = valences[lowercased] { return valence }
        return foldedValences.isEmpty ? nil : foldedValences[lowercased]
    }

    /// The shipped lexicon of a language (English or French), loaded once.
    public static func shipped(_ language: Language) throws(TextResourceError) -> SentimentLexicon {
        switch language {
        case .french: return try frenchCache.get()
        default: return try englishCache.get()
        }
    }

    private static let englishCache: Result<SentimentLexicon, TextResourceError> = Result {
        () throws(TextResourceError) -> SentimentLexicon in
        let words = try parseLines("lexicons/vader/vader_lexicon.txt") { line in
            let fields = line.split(separator: "\t", omittingEmptySubsequences: false)
            guard fields.count >= 2, let value = Double(fields[1]) else { return nil }
            return (String(fields[0]), value)
        }
        let emoji = try parseEmoji("lexicons/vader/emoji_utf8_lexicon.txt")
        return SentimentLexicon(valences: words, emojiDescriptions: emoji)
    }

    private static let frenchCache: Result<SentimentLexicon, TextResourceError> = Result {
        () throws(TextResourceError) -> SentimentLexicon in
        let words = try parseLines("lexicons/vader-fr/fr_lexicon.txt") { line in
            guard let arrow = line.range(of: "->", options: .backwards), let value = Double(line[arrow.upperBound...]) else {
                return nil
            }
            return (String(line[..<arrow.lowerBound]).lowercased(), value)
        }
        let emoji = try parseEmoji("lexicons/vader-fr/emojis_fr.txt")
        return SentimentLexicon(valences: words, emojiDescriptions: emoji)
    }

    private static func parseLines(
        _ name: String, _ parse: (Substring) -> (String, Double)?
    ) throws(TextResourceError) -> [String: Double] {
        let text = try TextResources.text(name)
        var result: [String: Double] = [:]
        result.reserveCapacity(10_000)
        var lineNumber = 0
        // "\r\n" is one Character: split on both (VADER's file has Windows line ends).
        for line in text.split(omittingEmptySubsequences: false, whereSeparator: { $0 == "\n" || $0 == "\r\n" }) {
            lineNumber += 1
            if line.isEmpty { continue }
            guard let (word, value) = parse(line) else {
                throw TextResourceError(file: TextResources.url(name).path, problem: .corrupt("line \(lineNumber) has no word and score"))
            }
            result[word] = value
        }
        guard !result.isEmpty else {
            throw TextResourceError(file: TextResources.url(name).path, problem: .corrupt("it holds no entries"))
        }
        return result
    }

    private static func parseEmoji(_ name: String) throws(TextResourceError) -> [Unicode.Scalar: String] {
        let text = try TextResources.text(name)
        var result: [Unicode.Scalar: String] = [:]
        for line in text.split(whereSeparator: { $0 == "\n" || $0 == "\r\n" }) {
            let fields = line.split(separator: "\t", maxSplits: 1)
            guard fields.count == 2 else { continue }
            let scalars = fields[0].unicodeScalars
            // Like VADER, which looks emoji up one code point at a time, only single-scalar
            // entries can ever match.
            guard scalars.count == 1, let scalar = scalars.first else { continue }
            result[scalar] = String(fields[1]).trimmingCharacters(in: .whitespaces)
        }
        return result
    }
}
