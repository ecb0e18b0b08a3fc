import ArgumentParser
import BabillardStore
import BabillardText
import Foundation

struct TrainCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "train",
        abstract: "Train a sentiment model from labeled texts and a workspace's corrections.",
        discussion: """
            Learns a linear model over word and character n-grams (logistic regression with the \
            regularisation chosen by cross-validation). Examples come from --dataset (formats as for \
            `babillard evaluate`), from the sentiment corrections of a workspace (--from-corrections), \
            or both. --output writes the model to a file; --install NAME keeps it beside the database \
            for this workspace only, where imports and `babillard analyze` use it in place of the \
            shipped model of that name (fr-reviews: French reviews, and French texts of unknown kind \
            over 500 bytes; fr-social: French posts, comments and replies).
            Examples: babillard train --dataset train.csv --output reviews.bsm
                      babillard train --dataset french_train_text.txt --from-corrections --install fr-social
            """
    )

    @OptionGroup var store: StoreOptions

    @Option(help: ArgumentHelp("A labeled file.", valueName: "path"))
    var dataset: String?

    @Option(help: ArgumentHelp("allocine-csv, labels-txt, vader-tsv or jsonl (default: from the file name).", valueName: "format"))
    var format: String?

    @Flag(name: .customLong("from-corrections"), help: "Also learn from the sentiment corrections of the workspace.")
    var fromCorrections = false

    @Option(help: ArgumentHelp("Write the model to this file.", valueName: "path"))
    var output: String?

    @Option(help: ArgumentHelp("Install the model beside the database under this name (fr-reviews or fr-social).", valueName: "name"))
    var install: String?

    func validate() throws {
        if dataset == nil && !fromCorrections { throw ValidationError("Give --dataset, --from-corrections, or both.") }
        if output == nil && install == nil { throw ValidationError("Say where the model goes: --output FILE or --install NAME.") }
        if let install, !LinearSentimentModel.shippedNames.contains(install) {
            throw ValidationError("--install takes one of \(LinearSentimentModel.shippedNames.joined(separator: ", ")).")
        }
        if let format, LabeledDataset.Format(rawValue: format) == nil {
            throw ValidationError("Unknown format '\(format)'. Use \(LabeledDataset.Format.allCases.map(\.rawValue).joined(separator: ", ")).")
        }
    }

    func run() async throws {
        var examples: [(text: String, label: SentimentLabel)] = []
        if let dataset {
            let data = try LabeledDataset.reading(dataset, format: format)
            guard !data.isRated else {
                throw CommandFailure("\(dataset) holds ratings, not labels; a model learns from negative/neutral/positive labels.")
            }
            examples += data.examples.compactMap { example in example.label.map { (example.text, $0) } }
        }
        if fromCorrections {
            let database = try store.openStore()
            let workspace = try await database.workspace(named: store.workspace)
            let corrections = try await database.corrections(in: workspace).filter { $0.field == .sentiment }
            let labeled = corrections.compactMap { correction in SentimentLabel(rawValue: correction.value).map { (correction.text, $0) } }
            Terminal.printError("\(labeled.count) corrected items from workspace \(workspace.name).")
            examples += labeled
        }
        let counts = Dictionary(grouping: examples, by: \.label).mapValues(\.count)
        Terminal.printError("Training on \(Terminal.grouped(examples.count)) texts (" + SentimentLabel.allCases.compactMap { label in
            counts[label].map { "\(label.rawValue) \($0)" }
        }.joined(separator: ", ") + ").")

        let progress = ProgressLine()
        let started = Date()
        let model: LinearSentimentModel
        do {
            model = try SentimentModelTrainer.train(examples: examples) { step in
                let phase: String
                switch step.phase {
                case .crossValidation(let fold, let folds, let c): phase = "cross-validation fold \(fold)/\(folds), C = \(c)"
                case .final: phase = "final model"
                }
                progress.update("Training: \(phase), \(step.label.rawValue), pass \(step.epoch), loss \(String(format: "%.4f", step.loss))")
            }
        } catch {
            progress.clear()
            throw CommandFailure(error.description)
        }
        progress.clear()
        let summary = model.summary
        Terminal.printError(
            "Trained in \(String(format: "%.1f", Date().timeIntervalSince(started))) s: C = \(summary.regularization)"
                + (summary.crossValidationScore.map { String(format: ", cross-validated score %.4f", $0) } ?? "")
                + ", \(Terminal.grouped(model.nonZeroFeatureCount)) weights.")
        var destinations: [URL] = []
        if let output { destinations.append(URL(fileURLWithPath: output)) }
        if let install {
            let database = try store.openStore()
            let workspace = try await database.workspace(named: store.workspace)
            destinations.append(Self.installedModelsDirectory(databasePath: database.path, workspace: workspace).appendingPathComponent("\(install).bsm"))
        }
        for destination in destinations {
            try FileManager.default.createDirectory(at: destination.deletingLastPathComponent(), withIntermediateDirectories: true)
            try model.write(to: destination)
            Terminal.print("Model written to \(destination.path).")
        }
        if install != nil {
            Terminal.printError("Run `babillard analyze --all --workspace \(store.workspace)` to score the workspace's items with it.")
        }
    }

    /// Models trained for a workspace live beside its database, one folder per workspace (by id,
    /// which never changes): `babillard.sqlite` → `babillard.sqlite.models/3/fr-social.bsm`. A
    /// model learned from one workspace's corrections never scores another workspace's items.
    static func installedModelsDirectory(databasePath: String, workspace: Workspace) -> URL {
        URL(fileURLWithPath: databasePath + ".models", isDirectory: true).appendingPathComponent("\(workspace.id)", isDirectory: true)
    }
}
