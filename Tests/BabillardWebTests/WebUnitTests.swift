import BabillardCore
import BabillardTestSupport
import BabillardText
@testable import BabillardWeb
import Foundation
import Testing

@Suite("Pure parts of the workbench")
struct WebUnitTests {
    @Test("inbox triage: the strongest reason wins, praise is never 'negative', and the order does not change with the clock")
    func triage() {
        #expect(InboxTriage.reason(intents: ["question", "complaint"], sentimentLabel: "negative") == .complaint)
        #expect(InboxTriage.reason(intents: ["purchase_intent"], sentimentLabel: "neutral") == .purchase)
        #expect(InboxTriage.reason(intents: ["praise"], sentimentLabel: "negative") == nil)
        #expect(InboxTriage.reason(intents: [], sentimentLabel: "negative") == .negative)
        #expect(InboxTriage.reason(intents: ["idea"], sentimentLabel: "positive") == nil)
        let day: Int64 = 86_400_000
        let oldQuestion = InboxTriage.orderKey(reason: .question, sentimentScore: 0, followers: 10, createdAtMilliseconds: 100 * day)
        let freshComplaint = InboxTriage.orderKey(reason: .complaint, sentimentScore: -0.5, followers: 10, createdAtMilliseconds: 103 * day)
        #expect(freshComplaint < oldQuestion, "three days of waiting outweigh the complaint's head start")
        let now1 = Timestamp(epochMilliseconds: 104 * day), now2 = Timestamp(epochMilliseconds: 140 * day)
        #expect((InboxTriage.priority(orderKey: oldQuestion, now: now1) > InboxTriage.priority(orderKey: freshComplaint, now: now1))
            == (InboxTriage.priority(orderKey: oldQuestion, now: now2) > InboxTriage.priority(orderKey: freshComplaint, now: now2)))
        // Priority reads as weight + days waiting: a fresh neutral question of nobody is about 4.
        let fresh = InboxTriage.orderKey(reason: .question, sentimentScore: 0, followers: 0, createdAtMilliseconds: 104 * day)
        #expect(abs(InboxTriage.priority(orderKey: fresh, now: now1) - 4) < 1e-9)
        #expect(!InboxState.done.canMove(to: .new) && InboxState.done.canMove(to: .assigned))
    }

    @Test("the tone check passes courteous replies and names what is negative, aggressive or salesy")
    func toneCheck() throws {
        let check = ReplyToneCheck(analyzer: try TextAnalyzer())
        #expect(check.check("Bonjour Alice, merci pour votre message ! Nous regardons cela aujourd'hui et revenons vers vous.").isEmpty)
        #expect(check.check("Hello Sam, thank you for letting us know. We are looking into it and will get back to you today.").isEmpty)
        let angry = check.check("C'est votre faute, vous auriez dû lire la notice !!")
        #expect(angry.contains { $0.concern == .aggressive && $0.evidence.contains("vous auriez dû") })
        let pitch = check.check("Profitez de notre offre spéciale : -20 % avec le code promo MELISSE, commandez sur https://a.fr et https://b.fr")
        #expect(pitch.contains { $0.concern == .salesy })
        let negative = check.check("This is terrible and we hate complaints like yours.")
        #expect(negative.contains { $0.concern == .negative })
        #expect(check.check("Le pain est un peu salé aujourd'hui, désolés.").allSatisfy { $0.concern != .salesy }, "'salé' is not 'sale'")
    }

    @Test("after sign-in only paths of this site are followed")
    func safeNext() {
        #expect(AccountRoutes.safeNext("/w/1/inbox?state=new") == "/w/1/inbox?state=new")
        for bad in ["//evil.example", "/\t/evil.example", "/\\evil.example", "https://evil.example", "/\n/evil", "", nil] as [String?] {
            #expect(AccountRoutes.safeNext(bad) == "/", "\(String(describing: bad))")
        }
    }

    @Test("Accept-Language picks the best language the interface speaks")
    func negotiation() {
        #expect(WebLocale.negotiate(acceptLanguage: "fr-CA,fr;q=0.9,en;q=0.8") == .french)
        #expect(WebLocale.negotiate(acceptLanguage: "de-DE,de;q=0.9,en;q=0.5,fr;q=0.4") == .english)
        #expect(WebLocale.negotiate(acceptLanguage: "en;q=0.2, fr;q=0.7") == .french)
        #expect(WebLocale.negotiate(acceptLanguage: "fr;q=0, en") == .english)
        #expect(WebLocale.negotiate(acceptLanguage: "de") == nil)
        #expect(WebLocale.negotiate(acceptLanguage: nil) == nil)
    }

    @Test("charts are SVG with a title, a description and their numbers as a table")
    func charts() {
        let svg = SVGChart.stackedBars(
            id: "v", title: "Volume <per day>", description: "items", labels: ["1 Nov", "2 Nov"],
            series: [.init(name: "blog", values: [3, 0]), .init(name: "mastodon", values: [2, 7])])
        #expect(svg.contains("role=\"img\"") && svg.contains("<title id=\"v-title\">Volume &lt;per day&gt;</title>"))
        #expect(svg.components(separatedBy: "<rect").count - 1 == 3, "one bar per non-zero value")
        #expect(svg.contains("<td>7</td>"))
        #expect([12, 12.54, -3.21, 0.04, -0.04, 99.96, 0.5, .nan].map(SVGChart.format) == ["12", "12.5", "-3.2", "0", "0", "100", "0.5", "0"])
        #expect(SVGChart.niceMaximum(7) == 10 && SVGChart.niceMaximum(12) == 20 && SVGChart.niceMaximum(0) == 1 && SVGChart.niceMaximum(500) == 500)
    }

    @Test("a token's digest is the SHA-256 in lowercase hex, as sessions and tokens were always stored")
    func tokenDigest() {
        #expect(SecretTokens.digest("abc") == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
    }

    @Test("placeholders are filled once: a value that looks like a placeholder is written as it is")
    func placeholders() throws {
        let catalogue = try StringCatalogue(directory: try WebResources.directory(configured: nil))
        let values = ["likes": "{replies}", "reshares": "2", "replies": "3"]
        #expect(catalogue.format("engagement_counts", .english, values) == "Likes: {replies} · reshares: 2 · replies: 3")
        #expect(catalogue.format("engagement_counts", .english, ["likes": "1"]) == "Likes: 1 · reshares: {reshares} · replies: {replies}")
        #expect(catalogue.format("no such key {x}", .english, ["x": "y"]) == "no such key y")
    }

    @Test("the French and English catalogues hold the same keys, and every key a template uses")
    func catalogues() throws {
        let resources = try WebResources.directory(configured: nil)
        let catalogue = try StringCatalogue(directory: resources)
        let english = catalogue.table(.english), french = catalogue.table(.french)
        #expect(Set(english.keys) == Set(french.keys))
        let templates = try FileManager.default.contentsOfDirectory(atPath: resources.appendingPathComponent("templates").path)
        #expect(templates.count >= 15)
        for name in templates {
            let text = try String(contentsOf: resources.appendingPathComponent("templates/\(name)"), encoding: .utf8)
            var rest = text[...]
            while let range = rest.range(of: "{{t.") {
                let key = rest[range.upperBound...].prefix { $0.isLetter || $0.isNumber || $0 == "_" }
                #expect(english[String(key)] != nil, "\(name) uses t.\(key), which the catalogue lacks")
                rest = rest[range.upperBound...]
            }
        }
        // Strings built in code from enums.
        for intent in Intent.allCases { #expect(english["intent_\(intent.rawValue)"] != nil, "intent_\(intent.rawValue)") }
        for state in InboxState.allCases { #expect(english["inbox_state_\(state.rawValue)"] != nil && english["inbox_action_\(state.rawValue)"] != nil) }
        for reason in InboxReason.allCases { #expect(english["inbox_reason_\(reason.rawValue)"] != nil) }
        for kind in ItemKind.allCases { #expect(english["kind_\(kind.rawValue)"] != nil, "kind_\(kind.rawValue)") }
        #expect(french["nav_inbox"] == "Boîte de réception")
    }

    @Test("dates and numbers are written the way each language writes them")
    func formatting() {
        let time = Timestamp(epochMilliseconds: 1_795_000_000_000)
        #expect(LocalFormatting(locale: .english).number(12_000) == "12,000")
        #expect(LocalFormatting(locale: .french).number(12_000).filter(\.isNumber) == "12000")
        #expect(LocalFormatting(locale: .french).number(12_000) != "12,000")
        #expect(LocalFormatting(locale: .french).dateTime(time).contains("2026"))
        #expect(LocalFormatting(locale: .english).duration(minutes: 125) == "2 h 05")
        #expect(LocalFormatting(locale: .french).duration(minutes: 1_500) == "1 j 1 h")
    }

    /// Numbers are written by hand for speed; they must read exactly as Foundation writes them.
    @Test("hand-written numbers are Foundation's en_GB and fr_FR numbers", arguments: WebLocale.allCases)
    func numbersMatchFoundation(locale: WebLocale) {
        let format = LocalFormatting(locale: locale)
        let foundation = locale.foundationLocale
        let integers = [0, 7, -7, 12, 999, 1_000, -1_234, 12_000, 999_999, 1_000_000, 24_071, 123_456_789, Int(Int32.max)]
        for value in integers {
            #expect(format.number(value) == value.formatted(.number.locale(foundation)), "\(value)")
        }
        // Halves in decimal that are not halves in binary (0.545, 1.015) included.
        var decimals = [0.0, 0.5, -0.5, 0.125, 0.135, -0.004, 0.6576, 1.005, 2.5, 3.25, 1_234.5678, -98_765.4321, 4.0, 0.9999, 0.545, 1.015, -2.675]
        decimals += (0..<2_000).map { Double($0) * 0.001 }
        for value in decimals {
            for digits in 0...2 {
                if value < 0, (-value * pow(10, Double(digits))).rounded(.toNearestOrEven) == 0 {
                    // Foundation writes "-0.00" for a small negative number; a score of "-0.00" misleads.
                    #expect(!format.decimal(value, digits: digits).hasPrefix("-"))
                    continue
                }
                #expect(
                    format.decimal(value, digits: digits) == value.formatted(.number.precision(.fractionLength(digits)).locale(foundation)),
                    "\(value) with \(digits) digits")
            }
        }
        for fraction in [0.0, 0.1234, 0.5, 0.999, 1.0, -0.25, 0.4567, 0.125] {
            for digits in 0...1 {
                #expect(
                    format.percent(fraction, digits: digits) == fraction.formatted(.percent.precision(.fractionLength(digits)).locale(foundation)),
                    "\(fraction) as a percentage with \(digits) digits")
            }
        }
    }
}

@Suite("Sentiment explanations in the page's language")
struct SentimentReasonTextTests {
    @Test("each kind of reason the engines write reads in French; English pages keep it")
    func frenchReasons() {
        let cases: [(String, String)] = [
            ("lexicon 1.5; intensified by 'très'", "lexique 1,5 ; renforcé par « très »"),
            ("lexicon -2.7; negated by 'pas' after it", "lexique -2,7 ; inversé par « pas », placé après"),
            ("lexicon 2; before 'mais' ×0.5", "lexique 2 ; avant « mais » ×0,5"),
            ("lexicon 1.9; dampened by 'un peu'; in capitals", "lexique 1,9 ; atténué par « un peu » ; en capitales"),
            ("learned weight toward negative, after a negation", "poids appris vers le négatif, après une négation"),
            ("complaint cue", "indice de plainte"),
            ("punctuation emphasis", "ponctuation expressive"),
            ("lexicon 2.8; irony (🙄)", "lexique 2,8 ; ironie (🙄)"),
            ("lexicon 1.5; a request ('I'd like')", "lexique 1,5 ; une demande (« I'd like »)"),
            ("lexicon 1.6; 'jamais … aussi' ×1.25", "lexique 1,6 ; « jamais … aussi » ×1,25"),
            ("lexicon 1.9; a name ('bon cadeau')", "lexique 1,9 ; un nom (« bon cadeau »)"),
            ("lexicon 1.9; idiom ('thanks for nothing')", "lexique 1,9 ; expression (« thanks for nothing »)"),
            ("lexicon 1.2; irony (😒)", "lexique 1,2 ; ironie (😒)"),
            ("something new", "something new"),
        ]
        for (english, french) in cases {
            #expect(SentimentReasonText.text(english, in: .french) == french)
            #expect(SentimentReasonText.text(english, in: .english) == english)
        }
    }
}

/// Every reason the engines actually write, on real French and English texts, has a French form.
@Suite("Sentiment explanations on shared data", .enabled(if: SharedData.isAvailable, Comment(rawValue: SharedData.skipMessage)))
struct SentimentReasonTextSharedDataTests {
    @Test("no English is left in the French reasons of DEFT's tweets, Allociné's reviews and VADER's tweets")
    func everyReasonTranslates() throws {
        let analyzer = try TextAnalyzer()
        var texts: [(String, Language, TextKind)] = []
        func lines(_ path: String) throws -> [Substring] {
            let url = try #require(SharedData.url(path))
            return try String(contentsOf: url, encoding: .utf8).split(separator: "\n")
        }
        texts += try lines("sentiment/fr/deft2017-tweets/french_val_text.txt").map { (String($0), .french, .social) }
        texts += try lines("sentiment/fr/allocine-sample/dev.csv").prefix(200).map { (String($0), .french, .review) }
        texts += try lines("sentiment/en/vader-ground-truth/tweets_GroundTruth.txt").prefix(1_000).map {
            (String($0.split(separator: "\t").last ?? ""), .english, .social)
        }
        var reasons = Set<String>()
        for (text, language, kind) in texts {
            for engine in [SentimentEngineChoice.lexicon, .auto] {
                for part in analyzer.sentiment(of: text, language: language, engine: engine, kind: kind).explanation {
                    reasons.insert(part.reason)
                }
            }
        }
        #expect(reasons.count > 20, "the texts exercise many rules")
        let english = ["lexicon", "negat", "intensified", "dampened", "capitals", "idiom", "punctuation", "learned", "weight", "before", "after", "cue"]
        for reason in reasons.sorted() {
            let french = SentimentReasonText.text(reason, in: .french)
            #expect(!english.contains { french.contains($0) }, "\(reason) → \(french)")
        }
    }
}
