import BabillardTestSupport
import BabillardText
import Foundation
import Testing

@Suite("Lexicon sentiment engine")
struct LexiconSentimentTests {
    /// VADER's published examples (../shared/REFERENCES.md; vaderSentiment 3.3.2's README).
    @Test("English reproduces VADER's example scores", arguments: [
        ("VADER is smart, handsome, and funny.", 0.8316),
        ("VADER is not smart, handsome, nor funny.", -0.7424),
        ("The book was good.", 0.4404),
        ("Today SUX!", -0.5461),
        ("Not bad at all", 0.431),
        ("", 0.0),
        ("VADER is VERY SMART, handsome, and FUNNY!!!", 0.9342),
        ("The book was kind of good.", 0.3832),
        ("The plot was good, but the characters are uncompelling and the dialog is not great.", -0.7042),
        ("At least it isn't a horrible book.", 0.431),
        ("Make sure you :) or :D today!", 0.8633),
        ("Catch utf-8 emoji such as 💘 and 💋 and 😁", 0.875),
    ])
    func vaderExamples(text: String, expected: Double) throws {
        let engine = try LexiconSentimentEngine.shipped(.english)
        let compound = engine.polarityScores(text).compound
        #expect(abs(compound - expected) < 0.0001, "\(text): \(compound) instead of \(expected)")
    }

    @Test("The explanation names the words, the negation and the contrast")
    func explanation() throws {
        let result = try LexiconSentimentEngine.shipped(.english).sentiment(of: "The food was good, but the service was not great.")
        #expect(result.label == .negative)
        let great = try #require(result.explanation.first { $0.text == "great" })
        #expect(great.effect < 0)
        #expect(great.reason.contains("negated by 'not'"))
        #expect(great.reason.contains("after 'but'"))
        let good = try #require(result.explanation.first { $0.text == "good," || $0.text == "good" })
        #expect(good.reason.contains("before 'but'"))
    }

    @Test("French: negation after the verb, pas mal, intensifiers, contrast, missing accents")
    func french() throws {
        let engine = try LexiconSentimentEngine.shipped(.french)
        #expect(engine.sentiment(of: "C'est pas mal du tout").label == .positive)
        #expect(engine.sentiment(of: "Je n'aime pas ce pain").label == .negative)
        #expect(engine.sentiment(of: "j'aime pas").label == .negative)
        #expect(engine.sentiment(of: "J'aime beaucoup").label == .positive)
        #expect(engine.sentiment(of: "Le film est pas terrible").label == .negative)
        // Idioms count wherever they stand, not only in the first words.
        #expect(engine.sentiment(of: "Le pain de ce matin était pas terrible").label == .negative)
        #expect(engine.sentiment(of: "Le nouveau pain au levain : pas mal du tout").label == .positive)
        let accented = engine.polarityScores("très bon").compound
        let plain = engine.polarityScores("tres bon").compound
        #expect(accented == plain)
        #expect(accented > engine.polarityScores("bon").compound)
        // "mais": what follows weighs more.
        #expect(engine.sentiment(of: "Bon accueil mais pain rassis et service horrible").label == .negative)
        // Object pronouns between the subject (or "ne") and the verb that "pas" negates after it.
        for praise in ["On ne s'en lasse pas", "Je ne me lasse pas du kouign-amann", "Je ne le regrette pas", "Ils ne se plaignent pas"] {
            let reading = engine.sentiment(of: praise)
            #expect(reading.label == .positive && reading.explanation.first?.reason.hasSuffix("after it") == true, "\(praise)")
        }
        #expect(engine.sentiment(of: "Je ne l'aime pas").label == .negative)
        #expect(engine.sentiment(of: "Je ne vous le recommande pas").label == .negative)
        // "plus que" after a verb compares.
        #expect(engine.sentiment(of: "On vous aime plus que jamais").label == .positive)
        #expect(engine.sentiment(of: "On aime plus que jamais ce café").label == .positive)
        #expect(engine.sentiment(of: "Je n'aime plus que vous changiez la recette tous les mois").label == .negative, "with 'ne' it negates")
        // Without "ne", a pronoun before the verb makes no negation of what follows it.
        for praise in ["Je l'aime plus que jamais", "Je les adore plus que tout", "C'est vous la meilleure, point final",
                       "Je le recommande, rien à redire"] {
            #expect(engine.sentiment(of: praise).label == .positive, "\(praise)")
        }
        #expect(engine.sentiment(of: "La tarte la plus triste").label == .negative, "an article is no negation")
        // "De rien" answers a thanks and negates nothing; "rien" alone still does.
        #expect(engine.sentiment(of: "De rien 😂").label == .positive)
        #expect(engine.sentiment(of: "Rien de bon").label == .negative)
        // Words of the bakery that vaderSentiment-fr read from another sense (lexicons/babillard-fr).
        for plain in ["Combien de couches de beurre ?", "Il y avait la queue", "10 % de réduction", "Brr 🥶"] {
            #expect(engine.sentiment(of: plain).score == 0, "\(plain)")
        }
        #expect(engine.sentiment(of: "Un croissant bien gourmand").label == .positive)
    }

    /// An emoji is read through its description's words, but a negation before it does not turn
    /// it around ("Pas de réponse 😡" is angry), and the pieces of an emoji sequence stay with it.
    @Test("Emoji: no negation turns them around; selectors, skin tones and joined sequences belong to them")
    func emojiAreTheirOwn() throws {
        let french = try LexiconSentimentEngine.shipped(.french)
        let english = try LexiconSentimentEngine.shipped(.english)
        for complaint in ["Pas de réponse 😡", "Commande jamais arrivée, aucune réponse 😡😡", "Toujours rien 😡", "Rien reçu 🤮"] {
            #expect(french.sentiment(of: complaint).label == .negative, "\(complaint)")
        }
        for complaint in ["Still not delivered 😡", "Never arrived 😡", "Order never came 🤬", "Not worth it 💩"] {
            #expect(english.sentiment(of: complaint).label == .negative, "\(complaint)")
        }
        // Nor does a booster: in "il n'y a plus de pain 🙄", "plus" is the negation, not "more".
        #expect(french.polarityScores("Il n'y a plus de pain 🙄").compound == french.polarityScores("Il n'y a de pain 🙄").compound)
        // The sign in "🤦‍♀️" does not glue to the description; a skin tone changes nothing.
        #expect(french.polarityScores("Encore oubliée 🤦‍♀️").compound == french.polarityScores("Encore oubliée 🤦").compound)
        #expect(french.polarityScores("Top 👍🏽").compound == french.polarityScores("Top 👍").compound)
        #expect(english.sentiment(of: "❤️‍🩹").explanation.map(\.text) == ["heart"])
        // An emoji's description never glues to what follows it ("ok." or ";)." match nothing).
        #expect(french.sentiment(of: "Merci 😉.").explanation.contains { $0.text == ";)" })
        #expect(french.polarityScores("Commande reçue 👍.").compound == french.polarityScores("Commande reçue 👍").compound)
        #expect(french.polarityScores("😍Trop bon ce flan").compound == french.polarityScores("😍 Trop bon ce flan").compound)
        // Punctuation glued to a longer description stays glued: a lone "!" would be a word in
        // lowercase and make the capitals emphatic.
        #expect(english.polarityScores("TERRIBLE SERVICE 😡!").compound < 0)
        #expect(french.polarityScores("SERVICE HORRIBLE 😡!").compound == french.polarityScores("SERVICE HORRIBLE 😡").compound
            || abs(french.polarityScores("SERVICE HORRIBLE 😡!").compound) > abs(french.polarityScores("SERVICE HORRIBLE 😡").compound))
        #expect(!english.sentiment(of: "TERRIBLE SERVICE 😡!").explanation.contains { $0.reason.contains("in capitals") })
        // Punctuation set apart from a short description, or not ASCII, is the emoji's too.
        for text in ["TRES BON 👍!", "TRES BON 😉.", "C'ETAIT NUL 😡…"] {
            #expect(!french.sentiment(of: text).explanation.contains { $0.reason.contains("in capitals") }, "\(text)")
        }
        // An emoji's words are not the author's: they negate nothing and are no capitals.
        #expect(french.sentiment(of: "J'aime 😶").label == .positive, "😶 is 'pas de bouche'")
        #expect(english.sentiment(of: "🚭 Lovely terrace").label == .positive, "🚭 is 'no smoking'")
        #expect(english.sentiment(of: "Top 😜").explanation.first { $0.text == ":P" }?.effect == 1.0, "':P' is no capitals (1.733 with them)")
        #expect(english.polarityScores("GREAT COFFEE 👍").compound == english.polarityScores("GREAT COFFEE good").compound
            || english.polarityScores("GREAT COFFEE 👍").compound < english.polarityScores("GREAT COFFEE good").compound,
            "a lowercase description does not make the author's capitals emphatic")
        // Only the emoji Babillard describes count as a sign of feeling for the engine choice.
        #expect(french.holdsEmojiOfFeeling("Toujours rien 😡"))
        #expect(!french.holdsEmojiOfFeeling("Réservez votre bûche ici 👇") && !french.holdsEmojiOfFeeling("C'est fait ✅"))
    }

    @Test("Accented words are found whatever their case and accents; capitals written with accents count as emphasis")
    func accentedWordsAndCase() throws {
        let french = try LexiconSentimentEngine.shipped(.french)
        for word in ["génial", "déçu", "décevant", "dégoûtant", "détestable", "agréable", "délicieux", "écœurant"] {
            let lower = french.polarityScores("Le pain est \(word)").compound
            #expect(lower != 0, "\(word) is in the French lexicon")
            #expect(french.polarityScores("Le pain est \(word.prefix(1).uppercased() + word.dropFirst())").compound == lower, "\(word) capitalised")
            #expect(french.polarityScores("Le pain est \(TextFolding.fold(word))").compound == lower, "\(word) without accents")
            // One word in capitals among others is emphasis (VADER's rule), accents or not.
            let shouted = french.polarityScores("Le pain est \(word.uppercased())").compound
            #expect(abs(shouted) > abs(lower), "\(word.uppercased()) is emphasised")
        }
        // Beyond Latin (a typographic apostrophe, Greek) the general path gives the same reading.
        #expect(french.polarityScores("Aujourd’hui c'est génial").compound == french.polarityScores("Aujourd'hui c'est génial").compound)
        #expect(french.sentiment(of: "ΑΒΓ génial").label == .positive)
        let english = try LexiconSentimentEngine.shipped(.english)
        #expect(english.polarityScores("The café was GREAT").compound > english.polarityScores("The café was great").compound)
        // English keys are lowercased, not folded (as VADER reads them): "Naïve" is "naïve", not "naive".
        #expect(english.polarityScores("NAÏVE and lovely").compound == english.polarityScores("naïve and lovely").compound)
        #expect(english.polarityScores("Naïve and lovely").compound != english.polarityScores("Naive and lovely").compound)
    }

    @Test("Bad input gets a defined answer")
    func badInput() throws {
        let engine = try LexiconSentimentEngine.shipped(.english)
        #expect(engine.polarityScores("").compound == 0)
        #expect(engine.polarityScores("😀😀😀").compound > 0)
        #expect(engine.polarityScores("https://example.com/x").compound == 0)
        #expect(engine.polarityScores("Привет мир 你好").compound == 0)
        let huge = String(repeating: "good bad ", count: 600_000)  // about 5 MB
        let score = engine.polarityScores(huge).compound
        #expect(score >= -1 && score <= 1)
        #expect(engine.sentiment(of: String(repeating: "good bad nice awful ", count: 1_000)).explanation.count == LexiconSentimentEngine.explanationLimit)
        let invalid = String(decoding: [0x61, 0xFF, 0xFE, 0x62], as: UTF8.self)
        #expect(engine.polarityScores(invalid).compound == 0)
    }

    @Test("A missing lexicon is an error naming the file")
    func missingResource() {
        let error = TextResourceError(file: "/nowhere/vader_lexicon.txt", problem: .missing)
        #expect(error.description.contains("/nowhere/vader_lexicon.txt"))
        #expect(throws: TextResourceError.self) { _ = try TextResources.data("lexicons/no-such-file.txt") }
    }
}

@Suite("Lexicon sentiment on shared data", .enabled(if: SharedData.isAvailable, Comment(rawValue: SharedData.skipMessage)))
struct LexiconSentimentSharedDataTests {
    @Test("English tweets: Pearson r with VADER's human ratings is at least 0.87 (VADER: 0.872)")
    func vaderTweets() throws {
        let url = try #require(SharedData.url("sentiment/en/vader-ground-truth/tweets_GroundTruth.txt"))
        let data = try LabeledDataset(contentsOf: url, format: .vaderTSV)
        #expect(data.examples.count == 4200)
        let engine = try LexiconSentimentEngine.shipped(.english)
        let r = try #require(Correlation.pearson(data.examples.map { engine.polarityScores($0.text).compound }, data.examples.map { $0.rating! }))
        #expect(r >= 0.87 && r < 0.875, "r = \(r)")
    }
}
