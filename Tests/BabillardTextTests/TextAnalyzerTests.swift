import BabillardText
import Testing

@Suite("The analyzer's choice of sentiment engine")
struct TextAnalyzerTests {
    @Test("French posts: the lexicon when it is sure or when the intent cues confirm it, the model otherwise")
    func frenchPosts() throws {
        let analyzer = try TextAnalyzer()
        func reading(_ text: String) -> (SentimentLabel, SentimentEngineKind) {
            let sentiment = analyzer.analyze(text, kind: .social).sentiment
            return (sentiment.label, sentiment.engine)
        }
        // Strong lexicon reading (|score| >= 0.5).
        #expect(reading("Service horrible, livraison ratée, je suis furieux") == (.negative, .lexicon))
        // Milder readings that a complaint or praise cue confirms (the README's example).
        #expect(reading("Livraison en retard, très déçue") == (.negative, .lexicon))
        #expect(reading("La réunion était intéressante") == (.positive, .lexicon))
        // A mild lexicon reading without a confirming cue: the model decides.
        #expect(reading("Le projet avance doucement").1 == .model)
        #expect(reading("Le débat sur l'énergie continue ce soir").1 == .model)
        // A short post where a negation or an idiom turns a word around keeps the lexicon's
        // reading (the model reads "pas mal" as negative and "jamais bon" as neutral).
        #expect(reading("C'est pas mal") == (.positive, .lexicon))
        #expect(reading("Ce n'est pas mauvais du tout") == (.positive, .lexicon))
        #expect(reading("Ce n'est jamais bon") == (.negative, .lexicon))
        #expect(analyzer.sentiment(of: "C'est pas mal", language: .french, engine: .model).label == .negative,
                "what the rule corrects")
        // Customer talk. A question, an order or a call for help with no word of feeling is
        // neutral (`fr-social` read the first one as negative from "quelle" and "?").
        #expect(reading("À quelle heure fermez-vous ?") == (.neutral, .lexicon))
        #expect(reading("Avez-vous encore des croissants ?") == (.neutral, .lexicon))
        #expect(reading("Quel est le prix du gâteau au chocolat ?") == (.neutral, .lexicon), "'prix' is a price, not a prize")
        #expect(analyzer.sentiment(of: "À quelle heure fermez-vous ?", language: .french, engine: .model).label == .negative,
                "what the rule corrects")
        // A complaint with no word of feeling is negative, through its cue (the model read it +0.37).
        let lost = analyzer.analyze("Ma commande n'est jamais arrivée, j'ai besoin d'aide.", kind: .social).sentiment
        #expect(lost.label == .negative && lost.explanation.first?.text == "jamais arrivée")
        #expect(analyzer.sentiment(of: "Ma commande n'est jamais arrivée, j'ai besoin d'aide.", language: .french, engine: .model)
            .label == .positive, "what the rule corrects")
        // Words of customer talk that vaderSentiment-fr lacks or misreads (lexicons/babillard-fr).
        #expect(reading("Le pain était rassis.") == (.negative, .lexicon))
        #expect(reading("Je suis furieux.") == (.negative, .lexicon))
        #expect(reading("Ce n'est pas cher du tout, je recommande.") == (.positive, .lexicon))
        #expect(analyzer.sentiment(of: "Chère équipe", language: .french, engine: .lexicon).label == .neutral)
        #expect(analyzer.sentiment(of: "Miam 😋", language: .french, engine: .lexicon).label == .positive)
        // Babillard's descriptions of the emoji customers use (lexicons/babillard-fr/emoji.txt), with
        // or without the presentation selector; untranslated ones ("✔️") stay without valence.
        let heart = analyzer.sentiment(of: "Livrée à l'heure ❤️", language: .french, engine: .lexicon)
        #expect(heart.label == .positive && heart.explanation.contains { $0.text == "amour" })
        #expect(analyzer.sentiment(of: "Ces croissants 🔥🔥🔥", language: .french, engine: .lexicon).label == .positive)
        #expect(analyzer.sentiment(of: "Livraison ✔️ Qualité ✔️", language: .french, engine: .lexicon).score == 0)
        // "sans" governs the words right after it, not an adjective further on.
        #expect(analyzer.sentiment(of: "Le gâteau sans gluten est bon", language: .french, engine: .lexicon).label == .positive)
        #expect(analyzer.sentiment(of: "Un film sans intérêt", language: .french, engine: .lexicon).label == .negative)
        #expect(analyzer.sentiment(of: "Réponse par message privé", language: .french, engine: .lexicon).score == 0)
        // A model torn between positive and negative (−0.07) leaves the reading to the lexicon.
        #expect(analyzer.sentiment(of: "@patelhugo Trop beau ✨", language: .french, engine: .model).score > -TextAnalyzer.undecidedModelScore)
        #expect(reading("@patelhugo Trop beau ✨") == (.positive, .lexicon))
        #expect(reading("Les prix ont encore augmenté. 3,95 $ pour une tarte, ça commence à faire beaucoup.").0 == .negative)
        // Complaints phrased as polite questions stay with the model, which reads them negative.
        #expect(reading("Il manque un croissant dans ma commande, vous pouvez vérifier svp ?").0 == .negative)
        // Forced engines are obeyed; there is no English model, so English keeps the lexicon.
        #expect(analyzer.sentiment(of: "Livraison en retard, très déçue", language: .french, engine: .model).engine == .model)
        #expect(analyzer.sentiment(of: "I love it", language: .english, engine: .model).engine == .lexicon)
    }

    /// What customers mean by the emoji they use most, alone and after a few words, in both
    /// languages: Babillard's descriptions (lexicons/babillard-fr and babillard-en) where
    /// vaderSentiment-fr's or VADER's read nothing or the wrong way ("👍" is "thumbs up" for VADER,
    /// "✅" "coche blanche" −1.8 for vaderSentiment-fr), as a platform declares the language.
    @Test("Emoji read as customers mean them, in French and English")
    func emojiAsCustomersMeanThem() throws {
        let analyzer = try TextAnalyzer()
        let positive = ["❤️", "❤", "💙", "👍", "👍🏽", "🙏", "😂", "🤣", "🔥", "💯", "👏", "🙌", "😋", "🎉", "😉", "💪", "🤞", "🥰", "😍"]
        let negative = ["😡", "🤬", "👎", "💩", "🤮", "🙄", "😒", "😤", "😢", "😔", "🤦", "😞", "😭"]
        let neutral = ["✅", "🙈", "🤔", "👀", "🤷", "🍞"]
        for (language, lead) in [(Language.french, "Votre commande"), (.english, "Your order")] {
            for (emoji, expected) in positive.map({ ($0, SentimentLabel.positive) }) + negative.map({ ($0, .negative) }) {
                let alone = analyzer.analyze(emoji, kind: .social, declaredLanguage: language).sentiment
                #expect(alone.label == expected, "\(emoji) alone, \(language): \(alone.score)")
                // After words of no feeling, which `fr-social` reads negative on its own.
                let after = analyzer.analyze("\(lead) \(emoji)", language: language, kind: .social).sentiment
                #expect(after.label == expected, "'\(lead) \(emoji)': \(after.score), \(after.engine)")
            }
            let leadAlone = analyzer.sentiment(of: lead, language: language, engine: .lexicon).score
            for emoji in neutral {
                let alone = analyzer.analyze(emoji, kind: .social, declaredLanguage: language).sentiment
                #expect(alone.label == .neutral, "\(emoji) alone, \(language): \(alone.score)")
                let after = analyzer.sentiment(of: "\(lead) \(emoji)", language: language, engine: .lexicon)
                #expect(after.score == leadAlone, "'\(lead) \(emoji)' moves the lexicon: \(after.score)")
            }
        }
        #expect(analyzer.analyze("Votre commande", language: .french, kind: .social).sentiment.label == .negative,
            "what the emoji rule corrects")
        // The selector and the joiner that follow an emoji belong to it: "❤️‍🔥" is two known emoji.
        let burning = analyzer.sentiment(of: "❤️‍🔥", language: .english, engine: .lexicon)
        #expect(burning.explanation.map(\.text) == ["heart"], "a joined sequence reads as its first emoji")
        // English words keep VADER's readings; only the emoji's descriptions are Babillard's.
        #expect(analyzer.sentiment(of: "Catch utf-8 emoji such as 💘 and 💋 and 😁", language: .english).score == 0.875)
    }

    /// Politeness in a request is not a feeling about the brand: VADER reads "please" +1.3 and
    /// "help" +1.7, and 🙏 is "thanks" or "merci".
    @Test("A polite request with no other word of feeling is neutral, in French and English")
    func politeRequests() throws {
        let analyzer = try TextAnalyzer()
        for (text, language) in [
            ("Do you have oat milk? 🙏", Language.english), ("Can you help me with my order?", .english),
            ("Could you please check my order?", .english), ("What time do you open on Thursday? Please", .english),
            ("Vous avez du lait d'avoine ? 🙏", .french), ("Vous livrez le dimanche ? svp", .french),
            ("Est-ce que le lapin en chocolat est végane ? 🙏", .french),
            // "svp" is politeness wherever no praise stands beside it, negated or not.
            ("Est-ce que vous faites des gâteaux sans gluten svp ?", .french), ("Do you have cakes without sugar please?", .english),
        ] {
            let reading = analyzer.analyze(text, language: language, kind: .social).sentiment
            #expect(reading.label == .neutral && reading.score == 0, "\(text): \(reading.score)")
            #expect(!reading.explanation.isEmpty && reading.explanation.allSatisfy { $0.reason == "politeness in a request" })
        }
        // Another word of feeling, a complaint or praise: the reading stands.
        for (text, language, label) in [
            ("Can you help me? My order arrived cold and stale", Language.english, SentimentLabel.negative),
            ("Thanks so much, the croissants were amazing! Do you deliver?", .english, .positive),
            ("Vous avez encore ces délicieux croissants ? 🙏", .french, .positive),
            ("Il manque un croissant dans ma commande, vous pouvez vérifier svp ?", .french, .negative),
            ("This really helps, thanks!", .english, .positive),
            ("Merci pour votre aide, vous pouvez livrer samedi ? svp", .french, .positive),
            // Politeness taken out, the emphasis of "!" follows what is left.
            ("Please help me!!!! I was charged twice", .english, .negative),
            ("Please explain the delay!!!", .english, .negative),
            // A thanks typed by the author is praise: the post is read as VADER reads it, unless
            // it closes a question (text-7: "Is it vegan? Thanks in advance!" is neutral, below).
            ("Is it vegan? Thanks! Love your cakes", .english, .positive),
            ("Thank you so much for the refund, that was quick", .english, .positive),
            ("Merci d'avoir réagi aussi vite. Le remboursement est arrivé ce matin.", .french, .positive),
            // A polite order that still says how it feels keeps the lexicon's reading.
            ("Mettez-m'en deux de côté svp lol", .french, .positive),
            // The politeness is out of the lexicon's reading, and the other rules still run.
            ("Mon café était froid, vous pourriez faire attention svp", .french, .negative),
            ("Commande bien reçue mais il manque le pain, vous pouvez vérifier svp ?", .french, .negative),
        ] {
            let reading = analyzer.analyze(text, language: language, kind: .social).sentiment
            #expect(reading.label == label, "\(text): \(reading.score)")
        }
        // Without its politeness, a text is read as if the author had not written it: capitals too.
        let english = analyzer.englishLexicon
        #expect(analyzer.analyze("MY CAKE WAS AWFUL please", language: .english, kind: .social).sentiment.score
            == english.polarityScores("MY CAKE WAS AWFUL").compound)
        // "plaît" is a feeling too ("ça me plaît"): it keeps its valence, even beside "s'il vous plaît".
        #expect(!analyzer.analyze("Ça me plaît beaucoup, vous le refaites quand s'il vous plaît ?", language: .french, kind: .social)
            .sentiment.explanation.contains { $0.reason == "politeness in a request" && $0.text.hasPrefix("pla") })
        // "please" negated is a feeling; a negated "thanks" keeps 🙏 from counting as thanks.
        #expect(analyzer.analyze("The new recipe does not please me at all", language: .english, kind: .social).sentiment.label == .negative)
        #expect(analyzer.analyze("No thanks, I just want a refund 🙏", language: .english, kind: .social).sentiment.label != .positive)
        // A forced engine is obeyed as VADER would read it.
        #expect(analyzer.sentiment(of: "Can you help me with my order?", language: .english, engine: .lexicon).label == .positive)
    }

    @Test("Irony, requests, 'jamais … aussi', names of things and a closing thanks read as customers mean them (text-7)")
    func customerTalkSevenRules() throws {
        let analyzer = try TextAnalyzer()
        func reading(_ text: String, _ language: Language) -> SentimentResult {
            analyzer.analyze(text, language: language, kind: .social).sentiment
        }
        // Praise beside 🙄, 😒 or 🙃 is irony; without the emoji the same words praise.
        for (text, language) in [
            ("Ah bravo, encore en rupture de croissants à 8h30... génial 🙄", Language.french),
            ("Oh great, sold out of croissants at 8am AGAIN 🙄", .english),
            ("Super l'accueil, merci du cadeau 🙃", .french),
        ] {
            let ironic = reading(text, language)
            #expect(ironic.label == .negative, "\(text): \(ironic.score)")
            #expect(ironic.explanation.contains { $0.reason.contains("irony") }, "\(text)")
        }
        #expect(reading("Ah bravo, encore des croissants à 8h30... génial", .french).label == .positive)
        // Praise after the eye-roll, or beside laughter or affection, is not irony.
        for text in [
            "Told myself I'd only get one macaron. Left with twelve 🙄 love this place",
            "My kids love your cookies so much they ate the whole box before dinner 🙄❤️",
            "Mdr je suis faible, encore 3 croissants 🙃 trop bons",
        ] {
            #expect(reading(text, text.hasPrefix("Mdr") ? .french : .english).label == .positive, "\(text)")
        }
        // "I'd like" and "would like" ask; "I like" is a feeling.
        let order = reading("I'd like to order 2 dozen croissants for Saturday pickup at 9am", .english)
        #expect(order.label == .neutral && order.explanation.allSatisfy { $0.effect == 0 }, "\(order)")
        #expect(reading("We would like to book a table for four", .english).label == .neutral)
        #expect(reading("I like your croissants", .english).label == .positive)
        #expect(reading("I think you'd like this place, the pasta is incredible", .english).label == .positive, "a recommendation")
        // "Jamais … aussi bon" praises, "jamais … aussi déçu" blames, both more than without "jamais".
        let praise = reading("Je n'ai jamais mangé un aussi bon éclair", .french)
        #expect(praise.label == .positive && praise.explanation.contains { $0.reason.contains("'jamais … aussi' ×1.25") }, "\(praise)")
        #expect(reading("Je n'ai jamais été aussi déçu", .french).label == .negative)
        #expect(reading("Ce n'est jamais bon", .french).label == .negative, "a plain 'jamais' still negates")
        #expect(reading("Jamais déçue mais là pas si bon", .french).label == .negative, "another negation between")
        #expect(reading("Rien ne sera jamais aussi bon que les crêpes de ma grand-mère", .french).label != .positive, "'aussi … que' compares")
        // Names of things carry no feeling; "pas normal" complains.
        for (text, language) in [
            ("Do you sell gift cards?", Language.english), ("Do you have any gluten free options?", .english),
            ("Do you take credit cards?", .english), ("C'est combien la part de fraisier ?", .french),
            ("On m'a offert un bon cadeau chez vous, il est valable combien de temps ?", .french),
            ("Ouverture exceptionnelle ce dimanche ?", .french),
        ] {
            #expect(reading(text, language).label == .neutral, "\(text): \(reading(text, language).score)")
        }
        // A name is only its own words, wherever it stands, and a booster before it makes it a feeling again.
        #expect(reading("We also sell gift cards, perfect for christmas", .english).label == .positive)
        #expect(reading("We take credit cards", .english).label == .neutral)
        #expect(reading("C'est un très bon cadeau", .french).label == .positive)
        #expect(reading("Thanks for nothing", .english).label == .negative)
        let notNormal = reading("C'est pas normal de payer 4€ un croissant aussi petit", .french)
        #expect(notNormal.label == .negative, "\(notNormal)")
        #expect(!notNormal.explanation.contains { $0.reason.contains("idiom; idiom") }, "an idiom named once")
        #expect(reading("Plumber came, charged 90 and left it dripping. Thanks for nothing.", .english).label == .negative)
        // A thanks that closes a question is politeness; one that opens the text, or is for something, is praise.
        #expect(reading("Bonjour, vous êtes ouverts le lundi de Pâques ? merci", .french).label == .neutral)
        #expect(reading("Can you deliver to the chapel on Thursday? Thanks!", .english).label == .neutral)
        #expect(reading("Is it vegan? Thanks in advance!", .english).label == .neutral)
        #expect(reading("Thanks! When are you open again?", .english).label == .positive)
        #expect(reading("Merci pour la réponse rapide, vous livrez samedi ?", .french).label == .positive)
        #expect(reading("Comment vous dire merci ?", .french).label == .positive, "the thanks is what is said")
        #expect(reading("Can I just say a massive thank you", .english).label == .positive)
    }

    @Test("A platform's declared language wins over a guess that is a coin flip")
    func weakLanguageGuessGivesWay() throws {
        let analyzer = try TextAnalyzer()
        let guess = analyzer.languageIdentifier.identify("Bravo l'equipe.")
        #expect(guess.language == .italian && guess.confidence < TextAnalyzer.weakLanguageGuess, "what the rule corrects")
        let declared = analyzer.analyze("Bravo l'equipe.", kind: .social, declaredLanguage: .french)
        #expect(declared.language == .french && declared.sentiment.label == .positive)
        // A confident guess stands against the declaration, and no declaration keeps the guess.
        #expect(analyzer.analyze("Thanks a lot, the bread was lovely", kind: .social, declaredLanguage: .french).language == .english)
        #expect(analyzer.analyze("Bravo l'equipe.", kind: .social, declaredLanguage: nil).language == .italian)
    }

    @Test("Reviews go to the reviews model; English to the lexicon")
    func reviewsAndEnglish() throws {
        let analyzer = try TextAnalyzer()
        let review = String(repeating: "Un film long mais très beau, les acteurs sont justes et la musique émouvante. ", count: 8)
        #expect(analyzer.analyze(review).sentiment.engine == .model, "a French text over 500 bytes of unknown kind is a review")
        #expect(analyzer.analyze("Livraison en retard, très déçue", kind: .review).sentiment.engine == .model)
        let english = analyzer.analyze("The delivery was late and I am very disappointed")
        #expect(english.language == .english && english.sentiment.engine == .lexicon && english.sentiment.label == .negative)
    }
}
