import Foundation
import Testing

@testable import BabillardText

/// The fast paths of the analysis against the general code they stand in for: their answers must
/// be the same, not just close (stored analyses are compared across versions).
@Suite("Analysis shortcuts give the general answers")
struct AnalysisShortcutTests {
    @Test("A Latin word's key and case from byte tables equal TextFolding.fold, lowercased() and the Unicode case properties")
    func latinWordKeys() throws {
        var checked = 0
        for value in 0..<0x250 {
            guard let scalar = Unicode.Scalar(value), value >= 0x20 else { continue }
            for word in ["x\(Character(scalar))Y", String(Character(scalar)), "\(Character(scalar))\(Character(scalar))é"] {
                var copy = word
                for folding in [true, false] {
                    var key: [UInt8] = []
                    let flags = copy.withUTF8 { TextFolding.appendLatinWordKey($0, from: 0, to: $0.count, folding: folding, into: &key) }
                    let found = try #require(flags, "U+\(String(value, radix: 16)) in \(word.debugDescription) took the general path")
                    let expected = folding ? TextFolding.fold(word) : word.lowercased()
                    #expect(key == Array(expected.utf8), "U+\(String(value, radix: 16)) in \(word.debugDescription), folding \(folding)")
                    var hasCased = false
                    var allUpper = true
                    for scalar in word.unicodeScalars {
                        if scalar.properties.isUppercase {
                            hasCased = true
                        } else if scalar.properties.isLowercase {
                            hasCased = true
                            allUpper = false
                        }
                    }
                    #expect(found.hasCased == hasCased && found.allUpper == allUpper, "case of \(word.debugDescription)")
                    checked += 1
                }
            }
        }
        #expect(checked > 3_000)
        // Beyond U+024F (a typographic apostrophe, Greek, emoji): the general path.
        for word in ["aujourd’hui", "αβγ", "👍"] {
            var copy = word
            var key: [UInt8] = []
            #expect(copy.withUTF8 { TextFolding.appendLatinWordKey($0, from: 0, to: $0.count, folding: true, into: &key) } == nil)
        }
    }

    @Test("The strongest few candidates, found in one pass, are those a full sort puts first")
    func strongestCandidates() {
        var generator = SystemRandomNumberGenerator()
        let effects: [Double] = [0, 1e-7, -1e-7, 0.5, -0.5, 0.25, -0.25, 1, -1, 2, 0.125]
        for _ in 0..<2_000 {
            var candidates: [ExplanationCandidate] = []
            var spans = Set<[Int]>()
            for _ in 0..<Int.random(in: 0...30, using: &generator) {
                let first = Int.random(in: 0..<20, using: &generator)
                let last = first + (Bool.random(using: &generator) ? 0 : Int.random(in: 1...3, using: &generator))
                guard spans.insert([first, last]).inserted else { continue }  // merged candidates have distinct spans
                let effect = Bool.random(using: &generator)
                    ? effects.randomElement(using: &generator)! : Double.random(in: -3...3, using: &generator)
                candidates.append(ExplanationCandidate(key: UInt64(candidates.count), first: first, last: last, effect: effect))
            }
            for limit in [1, 5, 40] {
                let expected = candidates
                    .filter { abs($0.effect) > 1e-6 }
                    .sorted { abs($0.effect) != abs($1.effect) ? abs($0.effect) > abs($1.effect) : ($0.first, $0.last) < ($1.first, $1.last) }
                    .prefix(limit)
                let found = LinearSentimentModel.strongest(candidates, limit: limit)
                #expect(found.map(\.key) == expected.map(\.key), "limit \(limit) of \(candidates.map { ($0.first, $0.last, $0.effect) })")
            }
        }
    }
}
