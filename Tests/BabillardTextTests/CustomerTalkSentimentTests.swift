import BabillardText
import Foundation
import Testing

/// Sentiment on customer talk: 120 messages to a bakery-café, written and labelled for Babillard
/// by a reviewer who had not read the rules (Fixtures/customer-talk-sentiment.tsv). The labelled
/// sets of ../shared are film reviews and political tweets; this one is what the workbench reads.
/// Analyzer `text-5` got 97 right (80.8%), `text-6` 103 (85.8%): 7 fixed, 1 lost (a sarcastic
/// "Super, 20 min de queue pour qu'on me dise qu'il n'y a plus de pain 🙄👏"). One rule was
/// changed after seeing the set ("plus" boosted 🙄 there; it no longer does, and the message still
/// reads positive), so these floors guard against regressions more than they measure on unseen
/// data (docs/EVALUATION.md).
@Suite("Customer talk: sentiment on messages to a bakery-café")
struct CustomerTalkSentimentTests {
    struct Message {
        let language: Language
        let label: SentimentLabel
        let text: String
    }

    static func messages() throws -> [Message] {
        let url = try #require(Bundle.module.url(forResource: "customer-talk-sentiment", withExtension: "tsv", subdirectory: "Fixtures"))
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

    @Test("At least 85% right overall and 80% in each language")
    func accuracy() throws {
        let analyzer = try TextAnalyzer()
        let messages = try Self.messages()
        #expect(messages.count == 120)
        var right: [Language: Int] = [:]
        var total: [Language: Int] = [:]
        for message in messages {
            let reading = analyzer.analyze(message.text, language: message.language, kind: .social).sentiment
            total[message.language, default: 0] += 1
            if reading.label == message.label { right[message.language, default: 0] += 1 }
        }
        let all = right.values.reduce(0, +)
        print("customer talk: \(all)/\(messages.count) right; French \(right[.french] ?? 0)/\(total[.french] ?? 0), English \(right[.english] ?? 0)/\(total[.english] ?? 0)")
        #expect(Double(all) >= 0.85 * Double(messages.count))
        for language in [Language.french, .english] {
            #expect(Double(right[language] ?? 0) >= 0.80 * Double(total[language] ?? 1), "\(language)")
        }
    }
}
