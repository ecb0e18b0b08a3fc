/// Finds what an item does — asks, complains, praises, wants to buy, needs help, suggests,
/// advertises — with rules over French and English cues (see `IntentCueLists`).
///
/// The text is folded once into UTF-8 bytes (case and accents dropped as `TextFolding` drops
/// them, so "ou acheter" finds "Où acheter"), then read in one pass over those bytes: words are
/// matched against tables compiled once per process; links and @mentions are skipped. A "?"
/// asks unless it exclaims ("?!", "???"), its sentence opens rhetorically ("who cares", "c'est
/// quoi ce") or is answered at once ("Why? Because…"), or it closes a sentence with no person
/// word ("you", "je", "anyone"…) that a link follows (a headline) or that sits in a long text
/// (60+ words: reviews ask rhetorically). Praise and complaint cues see a negation just before
/// them ("pas intéressant" complains, "pas mauvais" does not).
///
/// French text uses the French cues, English text the English ones, any other language (or
/// `.unknown`) both. Each intent is reported once, with its first evidence, in `Intent.allCases`
/// order. Sarcasm ("Merci les écologistes", "Bravo !! MINABLE") is read literally: measured
/// precision and recall are in docs/EVALUATION.md.
public struct IntentDetector: Sendable {
    public init() {}

    public func intents(in text: String, language: Language) -> [IntentMatch] {
        guard !text.isEmpty else { return [] }
        let table = IntentCueTable.table(for: language)
        var original = text
        return original.withUTF8 { originalBytes in
            let folded = IntentFoldedText(originalBytes)
            let spans = folded.bytes.withUnsafeBufferPointer { bytes in
                var scan = IntentScan(bytes: bytes, table: table)
                scan.run()
                return scan.found
            }
            return IntentEvidence.matches(spans, folded: folded, original: originalBytes)
        }
    }
}
