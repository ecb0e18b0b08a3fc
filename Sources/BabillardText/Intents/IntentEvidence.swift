/// Turns the places found in the folded text back into the words as the author wrote them.
enum IntentEvidence {
    static func matches(
        _ spans: [IntentSpan?], folded: IntentFoldedText, original: UnsafeBufferPointer<UInt8>
    ) -> [IntentMatch] {
        let intents = Intent.allCases
        var matches: [IntentMatch] = []
        for (slot, span) in spans.enumerated() {
            guard let span else { continue }
            let start = min(folded.originalOffset(of: span.start), original.count)
            let end = max(start, min(folded.originalOffset(of: span.end), original.count))
            let evidence = String(decoding: UnsafeBufferPointer(rebasing: original[start..<end]), as: UTF8.self)
            matches.append(IntentMatch(intent: intents[slot], evidence: evidence))
        }
        return matches
    }
}
