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
    /// The emoji whose description Babillard wrote (lexicons/babillard-*/emoji.txt), read as
    /// customers mean them; the others keep their Unicode names, often object names ("👇" "bas").
    public let describedByBabillard: Set<Unicode.Scalar>

    public init(
        valences: [String: Double], emojiDescriptions: [Unicode.Scalar: String], describedByBabillard: Set<Unicode.Scalar> = []
    ) {
        self.valences = valences
        self.emojiDescriptions = emojiDescriptions
        self.describedByBabillard = describedByBabillard
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
        // token<TAB>mean<TAB>sd<TAB>ratings
        let words = try parseLines("lexicons/vader/vader_lexicon.txt") { line in
            guard let tab = line.firstIndex(of: UInt8(ascii: "\t")) else { return nil }
            let rest = line[(tab + 1)...]
            let end = rest.firstIndex(of: UInt8(ascii: "\t")) ?? rest.endIndex
            guard let value = parseDouble(rest[..<end]) else { return nil }
            return (String(decoding: line[..<tab], as: UTF8.self), value)
        }
        // Babillard's own descriptions of emoji whose Unicode name holds no word of feeling
        // ("thumbs up", "pouting face") or one of the wrong sign ("fire"); docs/DATA.md.
        return try withBabillardEmoji(
            valences: words, base: "lexicons/vader/emoji_utf8_lexicon.txt", ours: "lexicons/babillard-en/emoji.txt")
    }

    private static let frenchCache: Result<SentimentLexicon, TextResourceError> = Result {
        () throws(TextResourceError) -> SentimentLexicon in
        var words = try parseLines("lexicons/vader-fr/fr_lexicon.txt", parseArrowLine)
        // Babillard's own corrections for customer talk replace or add words (docs/DATA.md).
        let corrections = try parseLines("lexicons/babillard-fr/customer-talk.txt", skippingComments: true, parseArrowLine)
        words.merge(corrections) { _, correction in correction }
        // Babillard's own descriptions of the emoji customers use most replace vaderSentiment-fr's
        // ("❤" had "coeur rouge", a word without valence; "🔥" "feu", −1.4).
        return try withBabillardEmoji(valences: words, base: "lexicons/vader-fr/emojis_fr.txt", ours: "lexicons/babillard-fr/emoji.txt")
    }

    /// A lexicon whose emoji are those of `base`, with Babillard's descriptions (`ours`) in place
    /// of theirs.
    private static func withBabillardEmoji(
        valences: [String: Double], base: String, ours: String
    ) throws(TextResourceError) -> SentimentLexicon {
        var emoji = try parseEmoji(base)
        let babillard = try parseEmoji(ours, skippingComments: true)
        emoji.merge(babillard) { _, ours in ours }
        return SentimentLexicon(valences: valences, emojiDescriptions: emoji, describedByBabillard: Set(babillard.keys))
    }

    /// `token->score`, the token possibly holding "->" itself (the last one separates).
    private static func parseArrowLine(_ line: ArraySlice<UInt8>) -> (String, Double)? {
        var arrow = line.endIndex - 2
        while arrow >= line.startIndex, !(line[arrow] == UInt8(ascii: "-") && line[arrow + 1] == UInt8(ascii: ">")) {
            arrow -= 1
        }
        guard arrow >= line.startIndex, let value = parseDouble(line[(arrow + 2)...]) else { return nil }
        return (String(decoding: line[..<arrow], as: UTF8.self).lowercased(), value)
    }

    /// A decimal number written in ASCII, or nil.
    private static func parseDouble(_ bytes: ArraySlice<UInt8>) -> Double? {
        Double(String(decoding: bytes, as: UTF8.self))
    }

    /// The file's lines (without "\n" or "\r\n") as byte slices, with their 1-based numbers.
    /// Lexicons are read as bytes rather than as `String` lines: splitting a 10,000-line String
    /// by `Character` was two thirds of the analyzer's start-up (about 0.1 s of every command).
    private static func forEachLine(
        of name: String, _ body: (_ number: Int, _ line: ArraySlice<UInt8>) throws(TextResourceError) -> Void
    ) throws(TextResourceError) {
        let bytes = try TextResources.utf8Bytes(name)
        var lineStart = 0
        var number = 0
        while lineStart < bytes.count {
            number += 1
            let newline = bytes[lineStart...].firstIndex(of: UInt8(ascii: "\n")) ?? bytes.count
            var lineEnd = newline
            if lineEnd > lineStart, bytes[lineEnd - 1] == UInt8(ascii: "\r") { lineEnd -= 1 }
            try body(number, bytes[lineStart..<lineEnd])
            lineStart = newline + 1
        }
    }

    /// `skippingComments`: lines starting with "#" are comments (Babillard's own files; the
    /// lexicons copied from elsewhere have none).
    private static func parseLines(
        _ name: String, skippingComments: Bool = false, _ parse: (ArraySlice<UInt8>) -> (String, Double)?
    ) throws(TextResourceError) -> [String: Double] {
        var result: [String: Double] = [:]
        result.reserveCapacity(10_000)
        try forEachLine(of: name) { (lineNumber, line) throws(TextResourceError) in
            if line.isEmpty || (skippingComments && line.first == UInt8(ascii: "#")) { return }
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

    /// `emoji<TAB>description` lines. Like VADER, which looks emoji up one code point at a time,
    /// only single-scalar entries are kept (others could never match). Lines without both parts
    /// are skipped; the description is trimmed of spaces.
    private static func parseEmoji(_ name: String, skippingComments: Bool = false) throws(TextResourceError) -> [Unicode.Scalar: String] {
        var result: [Unicode.Scalar: String] = [:]
        try forEachLine(of: name) { (_, line) throws(TextResourceError) in
            if skippingComments, line.first == UInt8(ascii: "#") { return }
            guard let tab = line.firstIndex(of: UInt8(ascii: "\t")), tab + 1 < line.endIndex else { return }
            let emoji = String(decoding: line[..<tab], as: UTF8.self).unicodeScalars
            guard emoji.count == 1, let scalar = emoji.first else { return }
            let description = line[(tab + 1)...]
            let text = String(decoding: description, as: UTF8.self)
            // Foundation's trimming only when an end may be a space (it is most of the start-up otherwise).
            let first = description[description.startIndex], last = description[description.endIndex - 1]
            let plainEnds = first > 0x20 && first < 0x80 && last > 0x20 && last < 0x80
            result[scalar] = plainEnds ? text : text.trimmingCharacters(in: .whitespaces)
        }
        return result
    }
}
