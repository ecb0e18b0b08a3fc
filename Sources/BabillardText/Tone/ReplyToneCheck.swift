import Foundation

/// Reads a reply draft before it is sent and warns when it sounds negative, aggressive or
/// salesy: courtesy and diplomacy are the job, and a reply is public.
///
/// Negative uses the sentiment engines (the draft's own language); aggressive looks for
/// shouting (capitals, "!!"), blame and orders ("vous auriez dû", "you should have",
/// "calm down"); salesy for hard-sell words, prices and discount codes, several links.
public struct ReplyToneCheck: Sendable {
    public enum Concern: String, Sendable, CaseIterable {
        case negative, aggressive, salesy
    }

    public struct Warning: Sendable, Hashable {
        public var concern: Concern
        /// The words or signs that raised it, as written in the draft.
        public var evidence: [String]
    }

    private let analyzer: TextAnalyzer

    public init(analyzer: TextAnalyzer) {
        self.analyzer = analyzer
    }

    static let aggressiveCues = [
        "vous auriez dû", "vous auriez du", "vous devez", "c'est votre faute", "n'importe quoi", "calmez-vous", "mensonge", "ridicule",
        "you should have", "you must", "your fault", "calm down", "ridiculous", "nonsense", "obviously you", "as i already said",
        "comme je l'ai déjà dit", "lisez", "read the",
    ]
    static let salesCues = [
        "achetez", "profitez", "promo", "promotion", "offre spéciale", "réduction", "code promo", "soldes", "dernière chance", "commandez",
        "buy now", "limited offer", "discount", "special offer", "order now", "last chance", "deal", "sale", "coupon", "% off",
    ]

    public func check(_ draft: String) -> [Warning] {
        var warnings: [Warning] = []
        let analysis = analyzer.analyze(draft, kind: .social)
        if analysis.sentiment.label == .negative {
            let cues = analysis.sentiment.explanation.filter { $0.effect < 0 }.prefix(5).map(\.text)
            warnings.append(Warning(concern: .negative, evidence: Array(cues)))
        }
        let lowered = draft.lowercased()
        var aggressive = Self.aggressiveCues.filter { lowered.contains($0) }
        let letters = draft.unicodeScalars.filter { $0.properties.isAlphabetic }
        let capitals = letters.filter { $0.properties.isUppercase }.count
        if letters.count >= 12, Double(capitals) / Double(letters.count) > 0.6 { aggressive.append("CAPITALES / CAPS") }
        if draft.contains("!!") || draft.contains("?!") { aggressive.append("!!") }
        if !aggressive.isEmpty { warnings.append(Warning(concern: .aggressive, evidence: aggressive)) }
        var sales = Self.salesCues.filter { Self.containsWord($0, in: lowered) }
        let links = lowered.components(separatedBy: "http").count - 1
        if links >= 2 { sales.append("\(links) liens / links") }
        if lowered.range(of: #"\d+ ?(€|\$|eur|euros)|(€|\$) ?\d+"#, options: .regularExpression) != nil { sales.append("€/$") }
        if !sales.isEmpty { warnings.append(Warning(concern: .salesy, evidence: sales)) }
        return warnings
    }

    /// A cue as a whole word or phrase ("sale" is not in "salé").
    static func containsWord(_ cue: String, in text: String) -> Bool {
        var searchStart = text.startIndex
        while let range = text.range(of: cue, range: searchStart..<text.endIndex) {
            let before = range.lowerBound == text.startIndex ? nil : text[text.index(before: range.lowerBound)]
            let after = range.upperBound == text.endIndex ? nil : text[range.upperBound]
            if !(before?.isLetter ?? false), !(after?.isLetter ?? false) { return true }
            searchStart = range.upperBound
        }
        return false
    }
}
