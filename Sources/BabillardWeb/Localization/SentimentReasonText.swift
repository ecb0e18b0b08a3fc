import Foundation

/// The reasons of a sentiment explanation in the page's language. The analysis writes them in
/// English ("lexicon 1.5; intensified by 'très'", "learned weight toward negative"), as stored
/// and printed by `analyze`; a French page shows them in French. A reason this does not know is
/// shown as written.
enum SentimentReasonText {
    static func text(_ reason: String, in locale: WebLocale) -> String {
        guard locale == .french else { return reason }
        return reason.components(separatedBy: "; ").map(french).joined(separator: " ; ")
    }

    private static let fixed: [String: String] = [
        "negates the next word instead": "inverse plutôt le mot suivant",
        "negated": "inversé",
        "in capitals": "en capitales",
        "idiom": "expression",
        "punctuation emphasis": "ponctuation expressive",
        "complaint cue": "indice de plainte",
        "politeness in a request": "politesse d'une demande",
        "learned weight toward positive": "poids appris vers le positif",
        "learned weight toward negative": "poids appris vers le négatif",
        "learned weight toward positive, after a negation": "poids appris vers le positif, après une négation",
        "learned weight toward negative, after a negation": "poids appris vers le négatif, après une négation",
    ]

    /// "word" → « word », in the reasons' `'word'` quotes.
    private static let quotedPrefixes: [(english: String, french: String)] = [
        ("negated by ", "inversé par "), ("intensified by ", "renforcé par "), ("dampened by ", "atténué par "),
        ("before ", "avant "), ("after ", "après "), ("a request (", "une demande ("), ("a name (", "un nom ("),
        ("idiom (", "expression ("),
    ]

    private static func french(_ part: String) -> String {
        if let known = fixed[part] { return known }
        if part.hasPrefix("lexicon ") { return "lexique " + decimalComma(String(part.dropFirst("lexicon ".count))) }
        if part.hasPrefix("'never so' ") { return "« never so » " + decimalComma(String(part.dropFirst("'never so' ".count))) }
        if part.hasPrefix("irony (") { return "ironie (" + part.dropFirst("irony (".count) }
        if part.hasPrefix("'jamais … "), let close = part.dropFirst().firstIndex(of: "'") {
            // "'jamais … aussi' ×1.25"
            return "« " + part[part.index(after: part.startIndex)..<close] + " »" + decimalComma(String(part[part.index(after: close)...]))
        }
        for (english, french) in quotedPrefixes where part.hasPrefix(english + "'") {
            // "negated by 'pas'", "negated by 'pas' after it", "before 'mais' ×0.5"
            let rest = part.dropFirst(english.count + 1)
            guard let close = rest.lastIndex(of: "'") else { break }
            let word = rest[..<close]
            var tail = String(rest[rest.index(after: close)...])
            if tail == " after it" { tail = ", placé après" } else { tail = decimalComma(tail) }
            return french + "« " + word + " »" + tail
        }
        return part
    }

    /// "×1.5" → "×1,5", "-0.73" → "-0,73": a full stop between two digits becomes a comma.
    private static func decimalComma(_ text: String) -> String {
        var characters = Array(text)
        for index in characters.indices.dropFirst().dropLast()
        where characters[index] == "." && characters[index - 1].isNumber && characters[index + 1].isNumber {
            characters[index] = ","
        }
        return String(characters)
    }
}
