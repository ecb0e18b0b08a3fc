import BabillardCore
import Foundation
import Testing

@Suite("JSON string quoting")
struct JSONQuotingTests {
    private func quoted(_ string: String) -> String {
        var output = "x="
        JSONQuoting.appendQuoted(string, to: &output)
        return String(output.dropFirst(2))
    }

    /// What a JSON reader makes of the literal.
    private func read(_ literal: String) throws -> String {
        let array = try JSONSerialization.jsonObject(with: Data("[\(literal)]".utf8)) as? [String]
        return try #require(array?.first)
    }

    @Test("Escapes exactly what JSON and JavaScript readers need, and nothing else")
    func escapes() {
        #expect(quoted("plain café 😀") == "\"plain café 😀\"")
        #expect(quoted("") == "\"\"")
        #expect(quoted("say \"hi\"\\") == #""say \"hi\"\\""#)
        #expect(quoted("a\nb\rc\td") == #""a\nb\rc\td""#)
        #expect(quoted("\u{0}\u{1F}") == #""\u0000\u001f""#)
        #expect(quoted("line\u{2028}para\u{2029}") == #""line\u2028para\u2029""#)
        #expect(quoted("\u{2027}\u{202A}") == "\"\u{2027}\u{202A}\"", "neighbours of U+2028/2029 stay as they are")
    }

    @Test(
        "Every string reads back as itself",
        arguments: [
            "", "\"", "\"\u{301}combining mark after a quote", "é\"é", "\\\\", "\n\n", "fin\"", "\"début",
            "mixte: \"guillemets\", \\barre\\, \u{7F} DEL, \u{2028}, emoji 👩‍👩‍👧 et e\u{301}",
            String(repeating: "long run without escapes ", count: 200) + "\"" + String(repeating: "é", count: 300),
        ])
    func roundTrip(_ string: String) throws {
        #expect(Array(try read(quoted(string)).utf8) == Array(string.utf8))
    }

    @Test("Random strings of quotes, controls, accents and emoji read back as themselves")
    func randomRoundTrip() throws {
        let pieces = ["a", "é", "\"", "\\", "\n", "\u{1}", "\u{2028}", "😀", "e\u{301}", " ", "\u{301}", "👩‍👧"]
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<500 {
            let string = (0..<Int.random(in: 0...40, using: &generator)).map { _ in pieces.randomElement(using: &generator)! }.joined()
            #expect(Array(try read(quoted(string)).utf8) == Array(string.utf8), "\(string.debugDescription)")
            var bytes: [UInt8] = []
            JSONQuoting.appendQuoted(string, to: &bytes)
            #expect(bytes == Array(quoted(string).utf8), "the byte writer and the string writer agree on \(string.debugDescription)")
        }
    }

    @Test("Numbers: whole ones without a decimal point, NaN and infinities as null")
    func numbers() {
        var json = JSONBytes()
        for value in [0, -3, 2.5, 0.8316, 1e20, -.infinity, .nan] {
            json.number(value)
            json.raw(",")
        }
        #expect(json.text == "0,-3,2.5,0.8316,1e+20,null,null,")
    }
}
