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
        // Forced engines are obeyed.
        #expect(analyzer.sentiment(of: "Livraison en retard, très déçue", language: .french, engine: .model).engine == .model)
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
