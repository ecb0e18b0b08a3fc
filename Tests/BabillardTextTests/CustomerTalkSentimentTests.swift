import BabillardText
import Foundation
import Testing

/// Sentiment on customer talk, what the workbench reads (the labelled sets of ../shared are film
/// reviews and political tweets): two sets of 120 messages written and labelled for Babillard by
/// reviewers who had not read the rules.
/// - Fixtures/customer-talk-sentiment.tsv, to a bakery-café. `text-5` got 80.8% right, `text-6`
///   85.8%, `text-7` 94.2%; both later versions were shaped on its misses, so its floor guards
///   against regressions more than it measures on unseen data.
/// - Fixtures/customer-talk-blind-sentiment.tsv, to twenty other kinds of business, with hard
///   cases asked for: `text-6` 64.2%. Its odd lines shaped `text-7`; its even lines, kept unseen
///   until the rules were written, went from 60.0% to 68.3%. docs/EVALUATION.md.
@Suite("Customer talk: sentiment on messages to small businesses")
struct CustomerTalkSentimentTests {
    struct Message {
        let language: Language
        let label: SentimentLabel
        let text: String
    }

    static func messages(_ fixture: String) throws -> [Message] {
        let url = try #require(Bundle.module.url(forResource: fixture, withExtension: "tsv", subdirectory: "Fixtures"))
        return try String(contentsOf: url, encoding: .utf8).split(separator: "\n").compactMap { line in
            guard !line.hasPrefix("#") else { return nil }
            let columns = line.split(separator: "\t", maxSplits: 2).map(String.init)
            guard columns.count == 3, let label = SentimentLabel(rawValue: columns[1]) else {
                Issue.record("bad line: \(line)")
                return nil
            }
            return Message(language: columns[0] == "fr" ? .french : .english, label: label, text: columns[2])
        }
    }

    /// How many messages the analyzer reads right, overall and per language, printed.
    static func accuracy(_ fixture: String) throws -> (all: Double, french: Double, english: Double) {
        let analyzer = try TextAnalyzer()
        let messages = try Self.messages(fixture)
        #expect(messages.count == 120)
        var right: [Language: Int] = [:]
        var total: [Language: Int] = [:]
        for message in messages {
            let reading = analyzer.analyze(message.text, language: message.language, kind: .social).sentiment
            total[message.language, default: 0] += 1
            if reading.label == message.label { right[message.language, default: 0] += 1 }
        }
        let all = right.values.reduce(0, +)
        print("\(fixture): \(all)/\(messages.count) right; French \(right[.french] ?? 0)/\(total[.french] ?? 0), English \(right[.english] ?? 0)/\(total[.english] ?? 0)")
        func share(_ language: Language) -> Double { Double(right[language] ?? 0) / Double(max(1, total[language] ?? 0)) }
        return (Double(all) / Double(max(1, messages.count)), share(.french), share(.english))
    }

    /// The first set (a bakery-café) shaped `text-6` and `text-7`: a guard against regressions
    /// (`text-5` 80.8%, `text-6` 85.8%, `text-7` 94.2%).
    @Test("First set: at least 90% right overall and 85% in each language")
    func firstSet() throws {
        let result = try Self.accuracy("customer-talk-sentiment")
        #expect(result.all >= 0.90)
        #expect(result.french >= 0.85)
        #expect(result.english >= 0.85)
    }

    /// The second set was written blind, half of it kept unseen until `text-7`'s rules were
    /// written (`text-6` 64.2%, `text-7` 72.5%).
    @Test("Second set, written blind: at least 70% right overall and 65% in each language")
    func blindSet() throws {
        let result = try Self.accuracy("customer-talk-blind-sentiment")
        #expect(result.all >= 0.70)
        #expect(result.french >= 0.65)
        #expect(result.english >= 0.65)
    }
}
