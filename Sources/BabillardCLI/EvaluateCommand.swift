import ArgumentParser
import BabillardStore
import BabillardText
import Foundation

struct EvaluateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "evaluate",
        abstract: "Measure the sentiment engines on texts labeled by people: a file, or a workspace's corrections.",
        discussion: """
            Prints accuracy, macro-F1 and the confusion matrix (or Pearson's r with the people's \
            ratings for rated data). Formats: allocine-csv (text,label with 1 positive, 0 negative), \
            labels-txt (a *_text.txt file beside its *_labels.txt: 0 negative, 1 neutral, 2 positive), \
            vader-tsv (id, mean rating -4..4, text), jsonl ({"text", "label"}).
            On two-class data a text counts as positive when its score is above zero. The kind of \
            text follows the format (allocine-csv: reviews; labels-txt and vader-tsv: posts).
            --from-corrections evaluates on the sentiment a workspace's people set by hand (`babillard \
            correct`), each item read as its analysis reads it (its kind, the language its platform \
            declared when the text is too short to tell, the models installed for the workspace), \
            always on the three classes. --workspace-models scores a --dataset with the models \
            installed for the workspace (`babillard train --install`). A model trained on the \
            corrections has seen them: its figure on them is not a measure of new items.
            Examples: babillard evaluate --dataset dev.csv --format allocine-csv
                      babillard evaluate --from-corrections --workspace-models --workspace boulangerie
            """
    )

    @Option(help: ArgumentHelp("The labeled file.", valueName: "path"))
    var dataset: String?

    @Option(help: ArgumentHelp("allocine-csv, labels-txt, vader-tsv or jsonl (default: from the file name).", valueName: "format"))
    var format: String?

    @Flag(name: .customLong("from-corrections"), help: "Evaluate on the workspace's sentiment corrections instead of a file.")
    var fromCorrections = false

    @Flag(name: .customLong("workspace-models"), help: "Score a --dataset with the models installed for the workspace (babillard train --install); --from-corrections always does.")
    var workspaceModels = false

    @OptionGroup var store: StoreOptions

    @OptionGroup var analysis: TextAnalysisOptions

    @Flag(help: "Print the figures as one JSON object.")
    var json = false

    func validate() throws {
        if dataset == nil && !fromCorrections {
            throw ValidationError("Say what to evaluate on: --dataset FILE, or --from-corrections (the workspace's corrected items).")
        }
        if dataset != nil && fromCorrections {
            throw ValidationError("--dataset and --from-corrections cannot be used together: evaluate on one at a time.")
        }
        if let format, LabeledDataset.Format(rawValue: format) == nil {
            throw ValidationError("Unknown format '\(format)'. Use \(LabeledDataset.Format.allCases.map(\.rawValue).joined(separator: ", ")).")
        }
    }

    /// The texts to score, with what people said of them.
    private struct Evaluation {
        var name: String
        var path: String
        var examples: [LabeledDataset.Example]
        var kinds: [TextKind]
        /// Per example, the language its platform declared (corrections only).
        var declaredLanguages: [Language?]
        var isRated: Bool
        var isCorrections: Bool
    }

    /// `workspace`: the store and workspace of --from-corrections (and --workspace-models).
    private func evaluation(in workspace: (SQLiteStore, Workspace)?) async throws -> Evaluation {
        if let dataset {
            let data = try LabeledDataset.reading(dataset, format: format)
            // The kind of text each format holds: Allociné is reviews, the others are tweets.
            let kind: TextKind = switch data.format {
            case .allocineCSV: .review
            case .labelsText, .vaderTSV: .social
            case .jsonl: .unknown
            }
            return Evaluation(
                name: data.url.lastPathComponent, path: data.url.path, examples: data.examples,
                kinds: Array(repeating: kind, count: data.examples.count),
                declaredLanguages: Array(repeating: nil, count: data.examples.count), isRated: data.isRated, isCorrections: false)
        }
        guard let (database, workspace) = workspace else { preconditionFailure("validate() requires --dataset or --from-corrections") }
        let corrected = try await database.corrections(in: workspace).compactMap { correction in
            correction.field == .sentiment ? SentimentLabel(rawValue: correction.value).map { (correction, $0) } : nil
        }
        guard !corrected.isEmpty else {
            throw CommandFailure(
                "Workspace \(workspace.name) has no sentiment corrections to evaluate on: set some with `babillard correct` or on the Mentions page.")
        }
        return Evaluation(
            name: "corrections of workspace \(workspace.name)", path: database.path,
            examples: corrected.map { LabeledDataset.Example(text: $0.0.text, label: $0.1, rating: nil, line: 0) },
            kinds: corrected.map { TextKind(itemKind: $0.0.itemKind, hasTitle: $0.0.hasTitle) },
            declaredLanguages: corrected.map { $0.0.declaredLanguage.flatMap(Language.init(code:)) }, isRated: false, isCorrections: true)
    }

    func run() async throws {
        let opened = workspaceModels || fromCorrections ? try await store.openExisting() : nil
        let data = try await evaluation(in: opened)
        var installedModels: URL?
        if let (database, workspace) = opened {
            let directory = TrainCommand.installedModelsDirectory(databasePath: database.path, workspace: workspace)
            // The workspace's analysis uses its installed models when it has some, the shipped ones
            // otherwise; asked for explicitly, they must exist.
            guard FileManager.default.fileExists(atPath: directory.path) || !workspaceModels else {
                throw CommandFailure(
                    "Workspace \(workspace.name) has no installed model (\(directory.path) does not exist): install one with `babillard train --install NAME`.")
            }
            installedModels = directory
        }
        let analyzer = try AnalyzeCommand.loadAnalyzer(installedModels: installedModels)
        let choice = analysis.engineChoice
        let forced = analysis.forcedLanguage
        let started = Date()
        var engines: [String: Int] = [:]
        let results = data.examples.indices.map { index -> SentimentResult in
            let text = data.examples[index].text, kind = data.kinds[index]
            let result: SentimentResult
            if data.isCorrections && forced == nil && choice == .auto {
                result = analyzer.sentiment(of: text, kind: kind, declaredLanguage: data.declaredLanguages[index], explain: false)
            } else {
                let language = forced ?? analyzer.languageIdentifier.identify(text).language
                result = analyzer.sentiment(of: text, language: language, engine: choice, kind: kind, explain: false)
            }
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
                object.add("dataset", data.path)
                object.add("examples", data.examples.count)
                object.add("pearson_r", r.map { ($0 * 10_000).rounded() / 10_000 })
                object.add("engines", engineSummary)
                Terminal.print(object.finish())
            } else {
                Terminal.print("\(data.name): \(data.examples.count) rated texts, engines \(engineSummary)")
                Terminal.print("Pearson r with the people's ratings: \(r.map { String(format: "%.4f", $0) } ?? "undefined (constant scores)")")
                Terminal.printError(String(format: "%.0f texts/s", Double(data.examples.count) / max(seconds, 1e-9)))
            }
            return
        }

        // A workspace's corrections are read on the three classes whatever labels people happened
        // to set (a file's classes are those it holds: Allociné has no neutral).
        let present = Set(data.examples.compactMap(\.label))
        let classes = data.isCorrections ? SentimentLabel.allCases : SentimentLabel.allCases.filter { present.contains($0) }
        let twoClasses = classes.count == 2 && !classes.contains(.neutral)
        // Two classes: the sign of the score. Three: the engine's own label (a model's most
        // probable class, the lexicon's ±0.05 thresholds).
        let predicted = results.map { result -> SentimentLabel in
            twoClasses ? (result.score > 0 ? .positive : .negative) : result.label
        }
        let report = ClassificationReport(classes: classes, truth: data.examples.compactMap(\.label), predicted: predicted)
        if json {
            var object = JSONObjectWriter()
            object.add("dataset", data.path)
            object.add("examples", report.count)
            object.add("accuracy", (report.accuracy * 10_000).rounded() / 10_000)
            object.add("macro_f1", (report.macroF1 * 10_000).rounded() / 10_000)
            object.add("classes", strings: classes.map(\.rawValue))
            object.add("confusion", raw: "[" + report.confusion.map { "[" + $0.map(String.init).joined(separator: ",") + "]" }.joined(separator: ",") + "]")
            object.add("engines", engineSummary)
            Terminal.print(object.finish())
            return
        }
        Terminal.print("\(data.name): \(report.count) texts, engines \(engineSummary)")
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

extension LabeledDataset {
    /// The labeled file at `path`, in `format` (a `Format` name) or the one its name suggests; a
    /// file that cannot be read fails the command with the reason.
    static func reading(_ path: String, format: String?) throws -> LabeledDataset {
        do {
            return try LabeledDataset(contentsOf: URL(fileURLWithPath: path), format: format.flatMap(Format.init(rawValue:)))
        } catch {
            throw CommandFailure(error.description)
        }
    }
}
