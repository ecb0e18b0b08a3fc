import ArgumentParser
import BabillardText
import Foundation

struct EvaluateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "evaluate",
        abstract: "Measure the sentiment engines on a file of texts labeled by people.",
        discussion: """
            Prints accuracy, macro-F1 and the confusion matrix (or Pearson's r with the people's \
            ratings for rated data). Formats: allocine-csv (text,label with 1 positive, 0 negative), \
            labels-txt (a *_text.txt file beside its *_labels.txt: 0 negative, 1 neutral, 2 positive), \
            vader-tsv (id, mean rating -4..4, text), jsonl ({"text", "label"}).
            On two-class data a text counts as positive when its score is above zero. The kind of \
            text follows the format (allocine-csv: reviews; labels-txt and vader-tsv: posts).
            Example: babillard evaluate --dataset dev.csv --format allocine-csv
            """
    )

    @Option(help: ArgumentHelp("The labeled file.", valueName: "path"))
    var dataset: String

    @Option(help: ArgumentHelp("allocine-csv, labels-txt, vader-tsv or jsonl (default: from the file name).", valueName: "format"))
    var format: String?

    @OptionGroup var analysis: TextAnalysisOptions

    @Flag(help: "Print the figures as one JSON object.")
    var json = false

    func validate() throws {
        if let format, LabeledDataset.Format(rawValue: format) == nil {
            throw ValidationError("Unknown format '\(format)'. Use \(LabeledDataset.Format.allCases.map(\.rawValue).joined(separator: ", ")).")
        }
    }

    func run() async throws {
        let data: LabeledDataset
        do {
            data = try LabeledDataset(contentsOf: URL(fileURLWithPath: dataset), format: format.flatMap(LabeledDataset.Format.init(rawValue:)))
        } catch {
            throw CommandFailure(error.description)
        }
        let analyzer = try AnalyzeCommand.loadAnalyzer()
        let choice = analysis.engineChoice
        let forced = analysis.forcedLanguage
        let started = Date()
        var engines: [String: Int] = [:]
        // The kind of text each format holds: Allociné is reviews, the others are tweets.
        let kind: TextKind = switch data.format {
        case .allocineCSV: .review
        case .labelsText, .vaderTSV: .social
        case .jsonl: .unknown
        }
        let results = data.examples.map { example -> SentimentResult in
            let language = forced ?? analyzer.languageIdentifier.identify(example.text).language
            let result = analyzer.sentiment(of: example.text, language: language, engine: choice, kind: kind, explain: false)
            engines[result.engine.rawValue, default: 0] += 1
            return result
        }
        let scores = results.map(\.score)
        let seconds = Date().timeIntervalSince(started)
        let engineSummary = engines.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }.joined(separator: ", ")

        if data.isRated {
            let ratings = data.examples.map { $0.rating ?? 0 }
            let r = Correlation.pearson(scores, ratings)
            if json {
                var object = JSONObjectWriter()
                object.add("dataset", data.url.path)
                object.add("examples", data.examples.count)
                object.add("pearson_r", r.map { ($0 * 10_000).rounded() / 10_000 })
                object.add("engines", engineSummary)
                Terminal.print(object.finish())
            } else {
                Terminal.print("\(data.url.lastPathComponent): \(data.examples.count) rated texts, engines \(engineSummary)")
                Terminal.print("Pearson r with the people's ratings: \(r.map { String(format: "%.4f", $0) } ?? "undefined (constant scores)")")
                Terminal.printError(String(format: "%.0f texts/s", Double(data.examples.count) / max(seconds, 1e-9)))
            }
            return
        }

        let classes = data.classes
        let twoClasses = classes.count == 2 && !classes.contains(.neutral)
        // Two classes: the sign of the score. Three: the engine's own label (a model's most
        // probable class, the lexicon's ±0.05 thresholds).
        let predicted = results.map { result -> SentimentLabel in
            twoClasses ? (result.score > 0 ? .positive : .negative) : result.label
        }
        let report = ClassificationReport(classes: classes, truth: data.examples.compactMap(\.label), predicted: predicted)
        if json {
            var object = JSONObjectWriter()
            object.add("dataset", data.url.path)
            object.add("examples", report.count)
            object.add("accuracy", (report.accuracy * 10_000).rounded() / 10_000)
            object.add("macro_f1", (report.macroF1 * 10_000).rounded() / 10_000)
            object.add("classes", strings: classes.map(\.rawValue))
            object.add("confusion", raw: "[" + report.confusion.map { "[" + $0.map(String.init).joined(separator: ",") + "]" }.joined(separator: ",") + "]")
            object.add("engines", engineSummary)
            Terminal.print(object.finish())
            return
        }
        Terminal.print("\(data.url.lastPathComponent): \(report.count) texts, engines \(engineSummary)")
        Terminal.print(String(format: "accuracy %.4f   macro-F1 %.4f", report.accuracy, report.macroF1))
        for scores in report.perClass {
            Terminal.print("  " + scores.label.rawValue.padding(toLength: 9, withPad: " ", startingAt: 0)
                + String(format: " precision %.3f  recall %.3f  F1 %.3f  (%d)", scores.precision, scores.recall, scores.f1, scores.support))
        }
        Terminal.print("confusion (rows: truth, columns: predicted \(classes.map(\.rawValue).joined(separator: ", ")))")
        for (label, row) in zip(classes, report.confusion) {
            Terminal.print("  \(label.rawValue.padding(toLength: 9, withPad: " ", startingAt: 0)) " + row.map { String($0).leftPadded(6) }.joined())
        }
        Terminal.printError(String(format: "%.0f texts/s", Double(report.count) / max(seconds, 1e-9)))
    }
}

extension String {
    func leftPadded(_ width: Int) -> String {
        count >= width ? self : String(repeating: " ", count: width - count) + self
    }
}
