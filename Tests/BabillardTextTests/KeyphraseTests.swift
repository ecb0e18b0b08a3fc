import BabillardTestSupport
import BabillardText
import Foundation
import Testing

/// An extractor fed with items of both periods.
private func keyphraseExtractor(
    current: [String], baseline: [String], language: Language = .french, minimumCurrentCount: Int = 2
) throws -> KeyphraseExtractor {
    var extractor = try KeyphraseExtractor(minimumCurrentCount: minimumCurrentCount)
    for text in current { extractor.add(text, language: language, period: .current) }
    for text in baseline { extractor.add(text, language: language, period: .baseline) }
    return extractor
}

@Suite("Keyphrases")
struct KeyphraseTests {
    private let bakeryBaseline = [
        "Le pain est bon", "Le pain au chocolat est bon", "La baguette est croustillante",
        "Mélisse ouvre tôt le dimanche", "Le pain de Mélisse", "Un croissant au beurre, simple et bon",
    ]

    @Test("A phrase said this week and not before comes first, with its sub-phrases folded into it")
    func frenchPhrase() throws {
        let extractor = try keyphraseExtractor(
            current: [
                "J'adore le croissant aux amandes de Mélisse",
                "Encore un croissant aux amandes ce matin !",
                "Le croissant aux amandes est incroyable, vraiment.",
                "Le pain est bon chez Mélisse",
            ],
            baseline: bakeryBaseline)
        #expect(extractor.currentItemCount == 4)
        #expect(extractor.baselineItemCount == 6)
        let top = extractor.top(5)
        let first = try #require(top.first)
        #expect(first.phrase == "croissant aux amandes")
        #expect(first.currentCount == 3)
        #expect(first.baselineCount == 0)
        #expect(first.wordCount == 3)
        #expect(first.score > 1)
        // "croissant" (in a baseline item too) and "amandes" are not reported beside it.
        #expect(!top.contains { $0.phrase == "croissant" || $0.phrase == "amandes" })
        // "pain": one item of four now, three of six before.
        #expect(!top.contains { $0.phrase.lowercased() == "pain" })
        // "Mélisse": two of four now, two of six before: a little more, far less than the first.
        let melisse = try #require(top.first { $0.phrase == "Mélisse" })
        #expect(melisse.currentCount == 2)
        #expect(melisse.baselineCount == 2)
        #expect(melisse.score < first.score / 2)
    }

    @Test("Phrases never start or end with a stop word, elided forms included")
    func stopWordsAtTheEdges() throws {
        let extractor = try keyphraseExtractor(
            current: [
                "L'amande grillée de Mélisse", "l’amande grillée, encore", "Une amande grillée ? Oui, d'amande grillée",
                "le goût de l'amande grillée", "C'est l'amande grillée qu'on aime",
                "Quelqu'un a goûté ?", "quelqu'un sait ?",
            ],
            baseline: bakeryBaseline, minimumCurrentCount: 1)
        let phrases = extractor.top(20).map(\.phrase)
        #expect(phrases.first == "amande grillée")
        #expect(!phrases.contains { $0.lowercased().hasPrefix("quelqu") }, "quelqu'un's elided half is a stop word")
        let stopWords = try StopWords.bundled()
        for phrase in phrases {
            let words = phrase.split { !$0.isLetter && !$0.isNumber }
            let first = String(try #require(words.first))
            let last = String(try #require(words.last))
            #expect(!stopWords.contains(first, language: .french), "\(phrase) starts with a stop word")
            #expect(!stopWords.contains(last, language: .french), "\(phrase) ends with a stop word")
        }
    }

    @Test("Phrases do not cross punctuation")
    func punctuationBreaks() throws {
        let extractor = try keyphraseExtractor(
            current: ["Un croissant. Aux amandes, des tartes", "Croissant ! Aux amandes : la suite", "croissant; aux amandes"],
            baseline: bakeryBaseline)
        #expect(!extractor.top(10).contains { $0.wordCount > 1 && $0.phrase.lowercased().contains("croissant") })
    }

    @Test("Links and e-mail addresses are addresses, not words")
    func addressesAreNotWords() throws {
        let extractor = try keyphraseExtractor(
            current: [
                "Commandes à bonjour@boulangerie-melisse.ca ou sur https://boulangerie-melisse.ca/commande",
                "Écrivez à jean.dupont+pain@boulangerie-melisse.ca. Tartes aux fraises !",
                "BONJOUR@BOULANGERIE-MELISSE.CA, tartes aux fraises",
            ],
            baseline: bakeryBaseline)
        let words = Set(extractor.top(20).flatMap { $0.phrase.lowercased().split(separator: " ") })
        #expect(words.isDisjoint(with: ["bonjour", "boulangerie", "melisse", "ca", "jean", "dupont", "pain", "commande"]), "\(words)")
        #expect(extractor.top(1).first?.phrase == "tartes aux fraises")
        // A long run of address characters ("a-a-a-…", each hyphen starting a word) is read once,
        // not once per word (it took seconds for 200 KB before).
        let run = String(repeating: "a-", count: 100_000) + "b bonjour@boulangerie-melisse.ca"
        let long = try keyphraseExtractor(current: [run, "tartes aux fraises", "tartes aux fraises"], baseline: bakeryBaseline)
        #expect(long.top(1).first?.phrase == "tartes aux fraises")
    }

    @Test("An item counts once, however often it repeats a phrase")
    func itemsNotOccurrences() throws {
        let extractor = try keyphraseExtractor(
            current: ["Promo promo promo promo promo promo promo promo", "Les tartes aux fraises", "tartes aux fraises !"],
            baseline: bakeryBaseline)
        let top = extractor.top(10)
        #expect(!top.contains { $0.phrase.lowercased().contains("promo") })
        #expect(top.first?.phrase == "tartes aux fraises")
        #expect(top.first?.currentCount == 2)
    }

    @Test("English: contractions are stop words, the phrase keeps its inner stop word")
    func english() throws {
        let extractor = try keyphraseExtractor(
            current: [
                "Word of mouth is the best marketing.", "We don't pay for ads: word of mouth does it.",
                "Customers' word of mouth beats ads", "I don't know, the new oat latte is great", "oat latte again today!",
            ],
            baseline: ["Ads work for us", "We pay for ads every week", "The latte is fine", "Great coffee, great people", "It's the best coffee"],
            language: .english)
        let top = extractor.top(5)
        #expect(top.map(\.phrase) == ["word of mouth", "oat latte"])
        #expect(top[0].currentCount == 3)
        #expect(top[1].currentCount == 2)
    }

    @Test("A hashtag is a phrase of its own, without its #")
    func hashtags() throws {
        let extractor = try keyphraseExtractor(
            current: ["on adore #mélisse", "Vive #Mélisse et ses tartes", "#Mélisse #promo", "merci #Mélisse"],
            baseline: bakeryBaseline.filter { !$0.contains("Mélisse") })
        let top = extractor.top(3)
        #expect(top.first?.phrase == "Mélisse")
        #expect(top.first?.currentCount == 4)
        #expect(!top.contains { $0.phrase.contains("#") })
    }

    @Test("The most frequent written form is shown, capitals after a full stop count less")
    func writtenForm() throws {
        let extractor = try keyphraseExtractor(
            current: ["Les Réseaux Sociaux, encore", "Parlons de réseaux sociaux", "on vit sur les réseaux sociaux", "Réseaux sociaux partout"],
            baseline: bakeryBaseline)
        let first = try #require(extractor.top(1).first)
        #expect(first.phrase == "réseaux sociaux")
        #expect(first.currentCount == 4)
    }

    @Test("With no baseline, phrases are ranked by the items that hold them")
    func noBaseline() throws {
        let extractor = try keyphraseExtractor(
            current: ["Le croissant aux amandes", "un croissant aux amandes", "Un pain", "#Mélisse c'est top", "vive #mélisse", "croissant aux amandes !"],
            baseline: [])
        let top = extractor.top(5)
        #expect(top.map(\.phrase) == ["croissant aux amandes", "mélisse"])
        #expect(top.map(\.score) == [3, 2])
        #expect(extractor.top(0).isEmpty)
    }

    @Test("Stop word lists: shipped and custom")
    func stopWordLists() throws {
        let shipped = try StopWords.bundled()
        #expect(shipped.contains("Les", language: .french))
        #expect(shipped.contains("à", language: .french))
        #expect(shipped.contains("qu", language: .french))
        #expect(!shipped.contains("the", language: .french))
        #expect(shipped.contains("the", language: .english))
        #expect(shipped.contains("the", language: .german))  // French and English together
        #expect(!shipped.contains("croissant", language: .french))
        #expect(shipped.contains("x", language: .english))  // one letter
        #expect(shipped.contains("2024", language: .english))  // a number
        let custom = StopWords(french: ["Boulangerie"], english: [])
        #expect(custom.contains("boulangerie", language: .french))
        #expect(!custom.contains("le", language: .french))
    }
}

@Suite("Keyphrases on shared data", .enabled(if: SharedData.isAvailable, Comment(rawValue: SharedData.skipMessage)))
struct KeyphraseSharedDataTests {
    @Test("The seed posts against film reviews: social media and marketing come out")
    func seedPostsAgainstReviews() throws {
        var extractor = try KeyphraseExtractor()
        // Each paragraph of the five posts is an item, as comments and posts are.
        let root = try #require(SharedData.corpusRoot)
        let names = try FileManager.default.contentsOfDirectory(atPath: root.appendingPathComponent("seed-posts").path).sorted()
        #expect(names.count == 5)
        for name in names {
            let text = try String(contentsOf: root.appendingPathComponent("seed-posts/\(name)"), encoding: .utf8)
            for line in text.split(whereSeparator: \.isNewline) where !line.allSatisfy(\.isWhitespace) {
                extractor.add(String(line), language: .french, period: .current)
            }
        }
        let reviewsURL = try #require(SharedData.url("sentiment/fr/allocine-sample/train.csv"))
        for review in try LabeledDataset(contentsOf: reviewsURL, format: .allocineCSV).examples {
            extractor.add(review.text, language: .french, period: .baseline)
        }
        #expect(extractor.currentItemCount == 109)
        #expect(extractor.baselineItemCount == 2000)

        let top = extractor.top(20)
        try #require(top.count == 20)
        // Counted with Python (folded text, word boundaries): "médias sociaux" is in 20 of the 109
        // paragraphs and in none of the 2,000 reviews; "marketing" 8 and 2; "clients" 7 and 2.
        #expect(top[0].phrase == "médias sociaux")
        #expect(top[0].currentCount == 20)
        #expect(top[0].baselineCount == 0)
        let marketing = try #require(top.prefix(5).first { $0.phrase == "marketing" })
        #expect(marketing.currentCount == 8)
        #expect(marketing.baselineCount == 2)
        let clients = try #require(top.prefix(5).first { $0.phrase == "clients" })
        #expect(clients.currentCount == 7)
        #expect(clients.baselineCount == 2)
        // "médias" and "sociaux" are folded into "médias sociaux".
        #expect(!top.contains { $0.phrase == "médias" || $0.phrase == "sociaux" })
        // Nothing from the films.
        let filmWords: Set<String> = ["film", "films", "acteur", "acteurs", "scénario", "cinéma", "histoire"]
        #expect(!top.contains { phrase in phrase.phrase.lowercased().split(separator: " ").contains { filmWords.contains(String($0)) } })
        #expect(zip(top, top.dropFirst()).allSatisfy { $0.score >= $1.score })
    }
}
