import BabillardPipeline
import BabillardText

/// The JSON of one analysis, as `babillard analyze` prints it:
/// `{"lang", "language_confidence", "sentiment": {"score", "label", "engine", "explanation": [{"text", "effect", "reason"}]},
///   "intents": [...], "intent_cues": {...}, "fingerprint"}`. The fingerprint is 16 hex digits
/// (a 64-bit number does not survive JSON readers that use doubles).
enum AnalysisJSON {
    static func encode(_ analysis: TextAnalysis) -> String {
        var object = JSONObjectWriter()
        object.add("lang", analysis.language.code)
        object.add("language_confidence", rounded(analysis.languageConfidence))
        object.add("sentiment", raw: sentiment(analysis.sentiment))
        object.add("intents", strings: analysis.intents.map(\.intent.rawValue))
        var cues = JSONObjectWriter()
        for match in analysis.intents { cues.add(match.intent.rawValue, match.evidence) }
        object.add("intent_cues", raw: cues.finish())
        object.add("fingerprint", fingerprintHex(analysis.fingerprint))
        return object.finish()
    }

    static func sentiment(_ result: SentimentResult) -> String {
        var object = JSONObjectWriter()
        object.add("score", rounded(result.score))
        object.add("label", result.label.rawValue)
        object.add("engine", result.engine.rawValue)
        object.add("explanation", raw: ExplanationJSON.encode(result.explanation, decimals: 4))
        return object.finish()
    }

    static func fingerprintHex(_ value: UInt64) -> String {
        let digits = String(value, radix: 16)
        return String(repeating: "0", count: 16 - digits.count) + digits
    }

    static func rounded(_ value: Double) -> Double {
        (value * 10_000).rounded() / 10_000
    }
}
