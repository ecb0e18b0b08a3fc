/// A language Babillard recognises, by its ISO 639-1 code. French and English are analysed in
/// depth (sentiment, intents, keyphrases); the others are identified so that they are not
/// mistaken for French or English and scored wrongly.
public enum Language: String, Sendable, CaseIterable, Codable, Hashable {
    case french = "fr"
    case english = "en"
    case spanish = "es"
    case german = "de"
    case italian = "it"
    case portuguese = "pt"
    case dutch = "nl"
    /// Too short, mixed, or a language Babillard does not know.
    case unknown = "und"

    public var code: String { rawValue }

    /// Parses a code such as `fr`, `fr-CA`, `EN_us`; nil when it names no known language.
    public init?(code: String) {
        let primary = code.split(whereSeparator: { $0 == "-" || $0 == "_" }).first.map { $0.lowercased() } ?? ""
        guard let language = Language(rawValue: primary) else { return nil }
        self = language
    }
}
