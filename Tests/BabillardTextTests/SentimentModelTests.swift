import BabillardTestSupport
import BabillardText
import Foundation
import Testing

/// Twelve sentences written for these tests (not from any dataset).
private let modelTestSentences: [(text: String, label: SentimentLabel)] = [
    ("Un film magnifique, je l'ai adoré", .positive),
    ("Excellent, vraiment génial et émouvant", .positive),
    ("Superbe spectacle, bravo aux acteurs", .positive),
    ("J'ai adoré cette histoire magnifique", .positive),
    ("Génial ! Un chef-d'œuvre émouvant", .positive),
    ("Bravo, une réussite superbe", .positive),
    ("Un navet ennuyeux, quelle perte de temps", .negative),
    ("Nul, vraiment nul et décevant", .negative),
    ("Je me suis ennuyé, c'est raté", .negative),
    ("Décevant et ennuyeux, à fuir", .negative),
    ("Une catastrophe, scénario raté", .negative),
    ("Horrible film, une perte de temps", .negative),
]

private func trainModelTestSentences() throws -> LinearSentimentModel {
    try SentimentModelTrainer.train(examples: modelTestSentences)
}

@Suite("Linear sentiment model")
struct SentimentModelTests {
    @Test("A model trained on a dozen sentences separates them and scores new ones")
    func separates() throws {
        let model = try trainModelTestSentences()
        #expect(model.classes == [.negative, .positive])
        #expect(model.summary.exampleCount == 12)
        // Six per class: five folds; C chosen among the standard candidates.
        #expect(model.summary.crossValidationScore != nil)
        #expect([1, 3, 10, 30, 100].contains(model.summary.regularization))
        for example in modelTestSentences {
            let result = model.predict(example.text)
            #expect(result.label == example.label, "\(example.text)")
            #expect(result.engine == .model)
            #expect(example.label == .positive ? result.score > 0.3 : result.score < -0.3, "\(example.text): \(result.score)")
        }
        // Unseen combinations, case and accents differing from the training sentences.
        #expect(model.predict("Magnifique et génial").label == .positive)
        #expect(model.predict("Ennuyeux et raté").label == .negative)
        #expect(model.predict("MAGNIFIQUE").score == model.predict("magnifique").score)
        #expect(model.predict("GENIAL").score == model.predict("génial").score)
    }

    @Test("The explanation names the words as written, strongest first")
    func explanation() throws {
        let model = try trainModelTestSentences()
        let result = model.predict("Quel spectacle : MAGNIFIQUE et émouvant.")
        #expect(result.label == .positive)
        let first = try #require(result.explanation.first)
        #expect(first.text == "MAGNIFIQUE")
        #expect(first.effect > 0)
        #expect(first.reason == "learned weight toward positive")
        #expect(result.explanation.contains { $0.text == "émouvant" && $0.effect > 0 })
        #expect(result.explanation.count <= 5)
        let effects = result.explanation.map { abs($0.effect) }
        #expect(effects == effects.sorted(by: >))
        // Scoring without the explanation gives the same score.
        let quiet = model.predict("Quel spectacle : MAGNIFIQUE et émouvant.", explaining: false)
        #expect(quiet.score == result.score && quiet.explanation.isEmpty)

        let negative = model.predict("Ennuyeux et raté")
        #expect(negative.explanation.first?.text == "Ennuyeux")
        #expect(negative.explanation.first?.reason == "learned weight toward negative")
    }

    @Test("Training is deterministic, reports progress, and refuses a single label")
    func training() throws {
        var configuration = SentimentModelTrainer.Configuration.standard
        configuration.regularizationCandidates = [1, 10]
        configuration.crossValidationFolds = 2
        var phases: [SentimentModelTrainer.Progress.Phase] = []
        let first = try SentimentModelTrainer.train(examples: modelTestSentences, configuration: configuration) { step in
            #expect(step.epoch >= 1 && step.loss.isFinite && step.label == .positive)
            if phases.last != step.phase { phases.append(step.phase) }
        }
        #expect(phases == [
            .crossValidation(fold: 1, folds: 2, regularization: 1), .crossValidation(fold: 2, folds: 2, regularization: 1),
            .crossValidation(fold: 1, folds: 2, regularization: 10), .crossValidation(fold: 2, folds: 2, regularization: 10),
            .final,
        ])
        let second = try SentimentModelTrainer.train(examples: modelTestSentences, configuration: configuration)
        #expect(first == second)
        #expect(first.serialized() == second.serialized())

        let error = try #require(throws: SentimentTrainingError.self) {
            try SentimentModelTrainer.train(examples: [("bien", .positive), ("super", .positive)])
        }
        #expect(error.description.contains("at least two labels"))
    }

    @Test("Three classes: one column per class, probabilities summing to 1")
    func threeClasses() throws {
        let examples = modelTestSentences + [
            ("Le film sort mercredi en salle", .neutral),
            ("La séance commence à vingt heures", .neutral),
            ("Le réalisateur présente son film à Lyon", .neutral),
            ("Sortie prévue au mois de mars", .neutral),
            ("La bande-annonce est en ligne", .neutral),
            ("Le tournage a eu lieu à Marseille", .neutral),
        ]
        let model = try SentimentModelTrainer.train(examples: examples)
        #expect(model.classes == [.negative, .neutral, .positive])
        let probabilities = try #require(model.classProbabilities("La séance commence mercredi"))
        #expect(abs(probabilities.reduce(0, +) - 1) < 1e-9)
        #expect(model.predict("La séance commence mercredi").label == .neutral)
        #expect(model.predict("Magnifique, bravo").label == .positive)
        #expect(model.predict("Un navet ennuyeux").label == .negative)
    }

    @Test("Features: stable FNV-1a indices, sorted, each block of unit length times its weight")
    func features() {
        // Index of the word "bon" and of "pas ¬bon", computed independently (Python):
        // FNV-1a 32 over "W" + bytes (0x01 before a negated word), MurmurHash3 fmix32, low 20 bits.
        let words = SentimentFeaturizer(configuration: .init(wordOrders: 1...2, characterOrders: nil, hashBits: 20))
        #expect(words.features("bon").map(\.index) == [278_797])
        #expect(words.features("Bon !").count == 3)  // bon, !, "bon !"
        let negated = words.features("pas bon")
        // pas 405359, "pas ¬bon" 481594, ¬bon 565594: three features of value 1/√3.
        #expect(negated.map(\.index) == [405_359, 481_594, 565_594])
        #expect(negated.allSatisfy { abs($0.value - 1 / Float(3).squareRoot()) < 1e-6 })
        let plain = SentimentFeaturizer(configuration: .init(wordOrders: 1...1, characterOrders: nil, hashBits: 20, marksNegation: false))
        #expect(plain.features("pas bon").map(\.index).contains(278_797))

        let standard = SentimentFeaturizer()
        let features = standard.features("Un bon bon film, pas mauvais !")
        #expect(zip(features, features.dropFirst()).allSatisfy { $0.index < $1.index })
        // Word block of length 1, character block of length 2: squared length 1 + 4.
        #expect(abs(features.reduce(0) { $0 + $1.value * $1.value } - 5) < 1e-4)
        #expect(standard.features("Élève") == standard.features("eleve"))
        #expect(standard.features("L’été") == standard.features("l'ete"))
        #expect(standard.features("").isEmpty)
    }

    @Test("Empty, blank and punctuation-only texts are neutral; a 10 MB text is scored")
    func badInput() throws {
        let model = try trainModelTestSentences()
        for text in ["", "   ", "... ,,, ;", "\n\n"] {
            let result = model.predict(text)
            #expect(result.label == .neutral && result.score == 0 && result.explanation.isEmpty, "\(text.debugDescription)")
            #expect(model.classProbabilities(text) == nil)
        }
        let long = String(repeating: "Un film magnifique mais un peu long. ", count: 10_000_000 / 37 + 1)
        #expect(long.utf8.count > 10_000_000)
        let result = model.predict(long)
        #expect(result.label == .positive)
        #expect(result.score > 0 && result.score <= 1)
        #expect(!result.explanation.isEmpty)
        // Nothing the model knows (emoji, other scripts, unseen words): neutral, not its intercept.
        for text in ["😀😀😀", "Ελληνικά и русский 中文", "xyzzy plugh"] {
            let other = model.predict(text)
            #expect(other.label == .neutral && other.score == 0, "\(text)")
        }
        // A URL: a defined answer in range.
        let link = model.predict("https://exemple.fr/a?b=c")
        #expect(link.score >= -1 && link.score <= 1)
    }

    @Test("A model file round-trips; a missing, truncated or damaged one is an error naming it")
    func files() throws {
        let model = try trainModelTestSentences()
        let directory = TemporaryDirectory("sentiment-model")
        let url = directory.url.appendingPathComponent("model.bsm")
        try model.write(to: url)
        let read = try LinearSentimentModel(contentsOf: url)
        #expect(read == model)
        #expect(read.serialized() == model.serialized())
        #expect(read.predict("magnifique") == model.predict("magnifique"))

        let bytes = try Data(contentsOf: url)
        func expectCorrupt(_ data: Data, named name: String, saying reason: String) throws {
            let damaged = directory.url.appendingPathComponent(name)
            try data.write(to: damaged)
            let error = try #require(throws: TextResourceError.self) { try LinearSentimentModel(contentsOf: damaged) }
            #expect(error.file == damaged.path)
            #expect(error.description.contains(name))
            guard case .corrupt(let message) = error.problem else {
                Issue.record("expected a corrupt file, got \(error.problem)")
                return
            }
            #expect(message.contains(reason), "\(message)")
        }
        try expectCorrupt(bytes.prefix(bytes.count / 2), named: "truncated.bsm", saying: "truncated or damaged")
        var flipped = bytes
        flipped[flipped.count / 2] ^= 0x40
        try expectCorrupt(flipped, named: "garbled.bsm", saying: "truncated or damaged")
        try expectCorrupt(Data("text,label\n".utf8), named: "notamodel.bsm", saying: "not a Babillard sentiment model")
        try expectCorrupt(Data(), named: "empty.bsm", saying: "not a Babillard sentiment model")

        let missing = directory.url.appendingPathComponent("absent.bsm")
        let error = try #require(throws: TextResourceError.self) { try LinearSentimentModel(contentsOf: missing) }
        #expect(error.problem == .missing)
        #expect(error.description.contains("absent.bsm"))
        #expect(throws: TextResourceError.self) { try LinearSentimentModel.shipped("no-such-model") }
    }

    @Test("The shipped models load, with their recorded training")
    func shipped() throws {
        let reviews = try LinearSentimentModel.shipped("fr-reviews")
        #expect(reviews.classes == [.negative, .positive])
        #expect(reviews.featurizer.configuration == .standard)
        #expect(reviews.summary.exampleCount == 2_000)
        #expect(reviews.summary.regularization == 10)
        let social = try LinearSentimentModel.shipped("fr-social")
        #expect(social.classes == [.negative, .neutral, .positive])
        #expect(social.summary.exampleCount == 1_839)
        #expect(social.summary.regularization == 3)
        let verdict = reviews.predict("Un navet. Scénario nul, je me suis ennuyé à mourir.")
        #expect(verdict.label == .negative && verdict.score < -0.9)
        #expect(verdict.explanation.first?.text == "navet")
        #expect(verdict.explanation.contains { $0.text == "ennuyé" && $0.effect < 0 })
    }

    /// `predict` takes each feature's pull toward positive from the weights it read for the score;
    /// `explain` alone looks them up again. Both must say the same, for two and three classes.
    @Test("An explanation is the same from predict and from explain alone")
    func explanationFromPredictMatchesExplain() throws {
        let texts = [
            "Un navet. Scénario nul, je me suis ennuyé à mourir.",
            "Pas mal du tout, les acteurs sont excellents et la fin m'a ému, même si c'est un peu long.",
            "@marie franchement c'est pas terrible #déçu, je ne reviendrai jamais",
            "Trop bien ce week-end !!! Merci à toute l'équipe 😍",
            "", "!!!", "zzzz qqqq",
        ]
        for name in ["fr-reviews", "fr-social"] {
            let model = try LinearSentimentModel.shipped(name)
            for text in texts {
                let predicted = model.predict(text).explanation
                #expect(predicted == model.explain(text, limit: 5), "\(name): \(text)")
                if !text.isEmpty, text != "!!!", text != "zzzz qqqq" { #expect(!predicted.isEmpty, "\(name): \(text)") }
            }
        }
    }
}

@Suite("Linear sentiment model on shared data", .enabled(if: SharedData.isAvailable, Comment(rawValue: SharedData.skipMessage)))
struct SentimentModelSharedDataTests {
    private func modelTestDataset(_ path: String) throws -> LabeledDataset {
        let url = try #require(SharedData.url(path))
        return try LabeledDataset(contentsOf: url)
    }

    private func modelTestReport(_ model: LinearSentimentModel, on data: LabeledDataset) -> ClassificationReport {
        let truth = data.examples.compactMap(\.label)
        let predicted = data.examples.map { model.predict($0.text, explaining: false).label }
        return ClassificationReport(classes: data.classes, truth: truth, predicted: predicted)
    }

    // Measured with the release build: accuracy 0.8900 (356/400) on Allociné dev; macro-F1 0.6470
    // (accuracy 0.6481) on DEFT val. Targets: 0.88 and 0.60.
    @Test("fr-reviews reaches accuracy 0.88 on the Allociné dev split")
    func reviews() throws {
        let dev = try modelTestDataset("sentiment/fr/allocine-sample/dev.csv")
        #expect(dev.examples.count == 400)
        let report = modelTestReport(try LinearSentimentModel.shipped("fr-reviews"), on: dev)
        #expect(report.accuracy >= 0.885, "accuracy \(report.accuracy)")
    }

    @Test("fr-social reaches macro-F1 0.60 on the DEFT 2017 val split")
    func social() throws {
        let val = try modelTestDataset("sentiment/fr/deft2017-tweets/french_val_text.txt")
        #expect(val.examples.count == 324)
        let report = modelTestReport(try LinearSentimentModel.shipped("fr-social"), on: val)
        #expect(report.macroF1 >= 0.64, "macro-F1 \(report.macroF1)")
    }

    /// Retrains with the shipped model's C (cross-validation already chose it) and compares.
    private func expectRetrainingReproduces(_ name: String, train: String, evaluate: String) throws {
        let shipped = try LinearSentimentModel.shipped(name)
        let training = try modelTestDataset(train)
        var configuration = SentimentModelTrainer.Configuration.standard
        configuration.regularizationCandidates = []
        configuration.regularization = shipped.summary.regularization
        let examples: [(text: String, label: SentimentLabel)] = training.examples.compactMap { example in
            example.label.map { (example.text, $0) }
        }
        let retrained = try SentimentModelTrainer.train(examples: examples, configuration: configuration)
        #expect(retrained.nonZeroFeatureCount == shipped.nonZeroFeatureCount)
        let evaluation = try modelTestDataset(evaluate)
        var largest = 0.0
        for example in evaluation.examples {
            let before = try #require(shipped.classProbabilities(example.text))
            let after = try #require(retrained.classProbabilities(example.text))
            for (old, new) in zip(before, after) { largest = max(largest, abs(old - new)) }
        }
        // Bit for bit on the machine that trained the shipped model; another libm may round a
        // logarithm differently, hence the tolerance.
        #expect(largest < 1e-3, "largest probability difference \(largest)")
        let shippedReport = modelTestReport(shipped, on: evaluation)
        let retrainedReport = modelTestReport(retrained, on: evaluation)
        #expect(abs(shippedReport.accuracy - retrainedReport.accuracy) <= 0.005)
        #expect(abs(shippedReport.macroF1 - retrainedReport.macroF1) <= 0.005)
    }

    @Test("Retraining fr-social on the DEFT train split reproduces the shipped model")
    func retrainSocial() throws {
        try expectRetrainingReproduces(
            "fr-social", train: "sentiment/fr/deft2017-tweets/french_train_text.txt",
            evaluate: "sentiment/fr/deft2017-tweets/french_val_text.txt")
    }

    @Test("Retraining fr-reviews on the Allociné train split reproduces the shipped model")
    func retrainReviews() throws {
        try expectRetrainingReproduces(
            "fr-reviews", train: "sentiment/fr/allocine-sample/train.csv", evaluate: "sentiment/fr/allocine-sample/dev.csv")
    }
}
