import BabillardCore
import BabillardPipeline
import BabillardText

/// The JSON of one analysis, as `babillard analyze` prints it:
/// `{"lang", "language_confidence", "sentiment": {"score", "label", "engine", "explanation": [{"text", "effect", "reason"}]},
///   "intents": [...], "intent_cues": {...}, "fingerprint", "repeated_paragraphs"}`. The fingerprint
/// is 16 hex digits (a 64-bit number does not survive JSON readers that use doubles);
/// `repeated_paragraphs` (how many paragraphs repeat an earlier one of the text) only when some do.
enum AnalysisJSON {
    static func encode(_ analysis: TextAnalysis) -> String {
        var json = JSONBytes(capacity: 512)
        write(analysis, into: &json)
        return json.text
    }

    /// Writes the object (no line break) into bytes: `analyze` writes a block of lines at once.
    static func write(_ analysis: TextAnalysis, into json: inout JSONBytes) {
        json.raw("{\"lang\":")
        json.string(analysis.language.code)
        json.raw(",\"language_confidence\":")
        json.number(rounded(analysis.languageConfidence))
        let sentiment = analysis.sentiment
        json.raw(",\"sentiment\":{\"score\":")
        json.number(rounded(sentiment.score))
        json.raw(",\"label\":")
        json.string(sentiment.label.rawValue)
        json.raw(",\"engine\":")
        json.string(sentiment.engine.rawValue)
        json.raw(",\"explanation\":")
        ExplanationJSON.write(sentiment.explanation, decimals: 4, into: &json)
        json.raw("},\"intents\":[")
        for (index, match) in analysis.intents.enumerated() {
            if index > 0 { json.raw(",") }
            json.string(match.intent.rawValue)
        }
        json.raw("],\"intent_cues\":{")
        for (index, match) in analysis.intents.enumerated() {
            if index > 0 { json.raw(",") }
            json.string(match.intent.rawValue)
            json.raw(":")
            json.string(match.evidence)
        }
        json.raw("},\"fingerprint\":\"")
        json.bytes.append(contentsOf: fingerprintHex(analysis.fingerprint).utf8)
        json.raw("\"")
        if analysis.repeatedParagraphs > 0 {
            json.raw(",\"repeated_paragraphs\":")
            json.bytes.append(contentsOf: String(analysis.repeatedParagraphs).utf8)
        }
        json.raw("}")
    }

    static func fingerprintHex(_ value: UInt64) -> String {
        let digits = String(value, radix: 16)
        return String(repeating: "0", count: 16 - digits.count) + digits
    }

    static func rounded(_ value: Double) -> Double {
        (value * 10_000).rounded() / 10_000
    }
}
