import Foundation

/// Trains a `LinearSentimentModel` from labeled texts: hashed word and character n-grams
/// (`SentimentFeaturizer`), optionally scaled by naive Bayes log-count ratios (NB-LR, after
/// Wang & Manning 2012), then L2-regularised logistic regression, one-versus-rest for three
/// classes. C is fixed or chosen by stratified k-fold cross-validation on the training texts
/// only.
///
/// Deterministic: the same examples, configuration and seed give the same model, bit for bit.
/// It is what `babillard train` runs, on a labeled file or on a workspace's corrected items.
public enum SentimentModelTrainer {
    public struct Configuration: Sendable, Hashable {
        public var features: SentimentFeaturizer.Configuration
        /// C, the inverse regularisation strength (as scikit-learn's `LogisticRegression(C:)`),
        /// used when `regularizationCandidates` is empty or cross-validation is impossible.
        public var regularization: Double
        /// When not empty, C is chosen among these by cross-validation (accuracy for two classes,
        /// macro-F1 for more); ties go to the smaller C.
        public var regularizationCandidates: [Double]
        public var crossValidationFolds: Int
        /// Scale each feature by its naive Bayes log-count ratio before the regression.
        public var naiveBayesScaling: Bool
        /// The pseudo-count of those ratios.
        public var naiveBayesSmoothing: Double
        /// Weigh examples so that every class counts as much in total (for skewed corrections).
        public var balancesClasses: Bool
        public var maximumIterations: Int
        /// The solver stops when every component of the gradient of the mean loss is below this.
        public var tolerance: Double
        /// Seeds the shuffling of cross-validation folds.
        public var seed: UInt64

        public init(
            features: SentimentFeaturizer.Configuration = .standard,
            regularization: Double = 10,
            regularizationCandidates: [Double] = [],
            crossValidationFolds: Int = 5,
            naiveBayesScaling: Bool = true,
            naiveBayesSmoothing: Double = 1,
            balancesClasses: Bool = true,
            maximumIterations: Int = 300,
            tolerance: Double = 1e-4,
            seed: UInt64 = 1
        ) {
            self.features = features
            self.regularization = regularization
            self.regularizationCandidates = regularizationCandidates
            self.crossValidationFolds = crossValidationFolds
            self.naiveBayesScaling = naiveBayesScaling
            self.naiveBayesSmoothing = naiveBayesSmoothing
            self.balancesClasses = balancesClasses
            self.maximumIterations = maximumIterations
            self.tolerance = tolerance
            self.seed = seed
        }

        /// The shipped models' recipe: C chosen among 1, 3, 10, 30, 100 by 5-fold cross-validation.
        public static let standard = Configuration(regularizationCandidates: [1, 3, 10, 30, 100])
    }

    /// Where training is, for a progress display.
    public struct Progress: Sendable {
        public enum Phase: Sendable, Equatable {
            /// Fitting fold `fold` (1-based) of `folds` with a candidate C.
            case crossValidation(fold: Int, folds: Int, regularization: Double)
            /// Fitting the final model on every example.
            case final
        }

        public var phase: Phase
        /// The class fitted against the others (one-versus-rest), or the positive class.
        public var label: SentimentLabel
        /// The solver's iteration (an "epoch": one pass over every example).
        public var epoch: Int
        /// The regularised mean log-loss.
        public var loss: Double
    }

    /// Trains a model. Throws when there are fewer than two classes or the configuration is invalid.
    public static func train(
        examples: [(text: String, label: SentimentLabel)],
        configuration: Configuration = .standard,
        progress: ((Progress) -> Void)? = nil
    ) throws(SentimentTrainingError) -> LinearSentimentModel {
        if let problem = configuration.features.problem { throw SentimentTrainingError(problem) }
        guard configuration.regularization > 0, configuration.regularizationCandidates.allSatisfy({ $0 > 0 }) else {
            throw SentimentTrainingError("C must be positive")
        }
        let classes = SentimentLabel.allCases.filter { label in examples.contains { $0.label == label } }
        guard classes.count >= 2 else {
            throw SentimentTrainingError(
                "training needs examples of at least two labels (got \(examples.count) example(s), all \(classes.first?.rawValue ?? "unlabeled"))")
        }
        let featurizer = SentimentFeaturizer(configuration: configuration.features)
        let data = TrainingData(examples: examples, classes: classes, featurizer: featurizer)
        let sampleWeights = data.sampleWeights(balanced: configuration.balancesClasses)

        var chosen = configuration.regularization
        var crossValidationScore: Double?
        if configuration.regularizationCandidates.count == 1 {
            chosen = configuration.regularizationCandidates[0]
        } else if configuration.regularizationCandidates.count > 1 {
            let folds = min(configuration.crossValidationFolds, data.smallestClassCount)
            if folds >= 2 {
                (chosen, crossValidationScore) = crossValidate(
                    data: data, sampleWeights: sampleWeights, folds: folds, configuration: configuration, progress: progress)
            }
        }

        let all = Array(0..<data.rows.rowCount)
        let fits = data.fitColumns(
            selected: all, sampleWeights: sampleWeights, regularization: chosen, configuration: configuration,
            starts: nil
        ) { label, epoch, loss in
            progress?(Progress(phase: .final, label: label, epoch: epoch, loss: loss))
        }

        // Back to the hashed feature space: weight of index = ratio × fitted weight. Rows go in
        // in increasing index, so the table's layout depends only on the weights.
        var table = WeightTable(columns: fits.count, capacity: data.indices.count)
        var rowWeights = [Float](repeating: 0, count: fits.count)
        for compact in data.indices.indices.sorted(by: { data.indices[$0] < data.indices[$1] }) {
            for (column, fit) in fits.enumerated() { rowWeights[column] = Float(fit.scaledWeights[compact]) }
            if rowWeights.contains(where: { $0 != 0 }) { table.insert(index: data.indices[compact], weights: rowWeights) }
        }
        return LinearSentimentModel(
            featurizer: featurizer,
            classes: classes,
            biases: fits.map { Float($0.solution.bias) },
            table: table,
            summary: .init(
                exampleCount: examples.count, regularization: chosen, crossValidationScore: crossValidationScore,
                naiveBayesScaling: configuration.naiveBayesScaling))
    }

    /// Chooses C by stratified k-fold cross-validation; returns it with its mean score.
    private static func crossValidate(
        data: TrainingData, sampleWeights: [Double], folds: Int, configuration: Configuration,
        progress: ((Progress) -> Void)?
    ) -> (Double, Double) {
        let foldOfRow = data.stratifiedFolds(count: folds, seed: configuration.seed)
        var best: (regularization: Double, score: Double)?
        var warmStarts: [[LogisticRegressionSolver.Solution]?] = Array(repeating: nil, count: folds)
        for regularization in configuration.regularizationCandidates.sorted() {
            var predicted = [Int](repeating: 0, count: data.rows.rowCount)
            for fold in 0..<folds {
                let training = (0..<data.rows.rowCount).filter { foldOfRow[$0] != fold }
                let held = (0..<data.rows.rowCount).filter { foldOfRow[$0] == fold }
                let fits = data.fitColumns(
                    selected: training, sampleWeights: training.map { sampleWeights[$0] }, regularization: regularization,
                    configuration: configuration, starts: warmStarts[fold]
                ) { label, epoch, loss in
                    progress?(Progress(
                        phase: .crossValidation(fold: fold + 1, folds: folds, regularization: regularization),
                        label: label, epoch: epoch, loss: loss))
                }
                warmStarts[fold] = fits.map(\.solution)
                for row in held { predicted[row] = data.predictClass(row: row, fits: fits) }
            }
            let score = data.classes.count == 2
                ? Double(zip(predicted, data.labels).filter { $0 == $1 }.count) / Double(predicted.count)
                : macroF1(predicted: predicted, actual: data.labels, classCount: data.classes.count)
            if best == nil || score > best!.score { best = (regularization, score) }
        }
        return (best!.regularization, best!.score)
    }

    static func macroF1(predicted: [Int], actual: [Int], classCount: Int) -> Double {
        var total = 0.0
        for label in 0..<classCount {
            var truePositives = 0, falsePositives = 0, falseNegatives = 0
            for (guess, truth) in zip(predicted, actual) {
                if guess == label && truth == label { truePositives += 1 }
                if guess == label && truth != label { falsePositives += 1 }
                if guess != label && truth == label { falseNegatives += 1 }
            }
            let denominator = Double(2 * truePositives + falsePositives + falseNegatives)
            total += denominator == 0 ? 0 : Double(2 * truePositives) / denominator
        }
        return total / Double(classCount)
    }
}

/// Why a model cannot be trained, in a sentence a user can act on.
public struct SentimentTrainingError: Error, CustomStringConvertible, Sendable, Equatable {
    public var reason: String

    public init(_ reason: String) { self.reason = reason }

    public var description: String { "Cannot train a sentiment model: \(reason)." }
}

/// The featurised examples, numbered compactly (only features that occur), with their labels.
private struct TrainingData {
    let classes: [SentimentLabel]
    /// Class number (index in `classes`) of each row.
    let labels: [Int]
    let rows: SparseRows
    /// Hashed index of each compact feature number.
    let indices: [UInt32]

    init(examples: [(text: String, label: SentimentLabel)], classes: [SentimentLabel], featurizer: SentimentFeaturizer) {
        self.classes = classes
        labels = examples.map { example in classes.firstIndex(of: example.label)! }
        var compactOf = [Int32](repeating: -1, count: featurizer.dimension)
        var indices: [UInt32] = []
        var rows = SparseRows()
        for example in examples {
            for feature in featurizer.features(example.text) {
                var compact = compactOf[Int(feature.index)]
                if compact < 0 {
                    compact = Int32(indices.count)
                    compactOf[Int(feature.index)] = compact
                    indices.append(feature.index)
                }
                rows.columns.append(compact)
                rows.values.append(feature.value)
            }
            rows.rowStarts.append(rows.columns.count)
        }
        rows.columnCount = indices.count
        self.rows = rows
        self.indices = indices
    }

    var smallestClassCount: Int {
        (0..<classes.count).map { label in labels.filter { $0 == label }.count }.min() ?? 0
    }

    func sampleWeights(balanced: Bool) -> [Double] {
        guard balanced else { return [Double](repeating: 1, count: labels.count) }
        var counts = [Int](repeating: 0, count: classes.count)
        for label in labels { counts[label] += 1 }
        return labels.map { Double(labels.count) / (Double(classes.count) * Double(counts[$0])) }
    }

    /// Fold number of each row: each class's rows shuffled (seeded), then dealt round-robin.
    func stratifiedFolds(count: Int, seed: UInt64) -> [Int] {
        var generator = SplitMix64(seed: seed)
        var folds = [Int](repeating: 0, count: labels.count)
        for label in 0..<classes.count {
            var members = labels.indices.filter { labels[$0] == label }
            if members.count > 1 {
                for index in stride(from: members.count - 1, to: 0, by: -1) {
                    let other = Int(generator.next() % UInt64(index + 1))
                    members.swapAt(index, other)
                }
            }
            for (position, row) in members.enumerated() { folds[row] = position % count }
        }
        return folds
    }

    struct ColumnFit {
        var solution: LogisticRegressionSolver.Solution
        /// Fitted weights times the naive Bayes ratios: the weights of the raw features.
        var scaledWeights: [Double]
    }

    /// Fits one column (two classes: the second class against the first) or one per class
    /// (one-versus-rest).
    func fitColumns(
        selected: [Int], sampleWeights: [Double], regularization: Double,
        configuration: SentimentModelTrainer.Configuration, starts: [LogisticRegressionSolver.Solution]?,
        progress: (SentimentLabel, Int, Double) -> Void
    ) -> [ColumnFit] {
        let columnTargets = classes.count == 2 ? [1] : Array(0..<classes.count)
        return columnTargets.enumerated().map { column, target in
            let targets = selected.map { labels[$0] == target ? 1.0 : -1.0 }
            let ratios = configuration.naiveBayesScaling
                ? naiveBayesRatios(selected: selected, targets: targets, smoothing: configuration.naiveBayesSmoothing)
                : [Double](repeating: 1, count: rows.columnCount)
            var scaled = rows
            for entry in scaled.values.indices {
                scaled.values[entry] = Float(Double(scaled.values[entry]) * ratios[Int(scaled.columns[entry])])
            }
            var solver = LogisticRegressionSolver(
                rows: scaled, selected: selected, targets: targets, sampleWeights: sampleWeights,
                regularization: regularization)
            solver.maximumIterations = configuration.maximumIterations
            solver.tolerance = configuration.tolerance
            let solution = solver.solve(from: starts?[column]) { progress(classes[target], $0, $1) }
            let scaledWeights = zip(solution.weights, ratios).map { $0 * $1 }
            return ColumnFit(solution: solution, scaledWeights: scaledWeights)
        }
    }

    /// log( P(feature | target) / P(feature | other) ) with presence counts and a pseudo-count.
    private func naiveBayesRatios(selected: [Int], targets: [Double], smoothing: Double) -> [Double] {
        var inTarget = [Double](repeating: smoothing, count: rows.columnCount)
        var inOther = [Double](repeating: smoothing, count: rows.columnCount)
        for (position, row) in selected.enumerated() {
            for entry in rows.rowStarts[row]..<rows.rowStarts[row + 1] where rows.values[entry] > 0 {
                let column = Int(rows.columns[entry])
                if targets[position] > 0 { inTarget[column] += 1 } else { inOther[column] += 1 }
            }
        }
        let targetTotal = inTarget.reduce(0, +)
        let otherTotal = inOther.reduce(0, +)
        return zip(inTarget, inOther).map { Foundation.log(($0 / targetTotal) / ($1 / otherTotal)) }
    }

    /// The most probable class of a row under fitted columns.
    func predictClass(row: Int, fits: [ColumnFit]) -> Int {
        var decisions: [Double] = []
        for fit in fits {
            var sum = fit.solution.bias
            for entry in rows.rowStarts[row]..<rows.rowStarts[row + 1] {
                sum += Double(rows.values[entry]) * fit.scaledWeights[Int(rows.columns[entry])]
            }
            decisions.append(sum)
        }
        if fits.count == 1 { return decisions[0] >= 0 ? 1 : 0 }
        var best = 0
        for index in decisions.indices where decisions[index] > decisions[best] { best = index }
        return best
    }
}

/// A small seeded generator (SplitMix64): the same seed gives the same folds everywhere.
private struct SplitMix64 {
    var state: UInt64

    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var value = state
        value = (value ^ (value >> 30)) &* 0xBF58_476D_1CE4_E5B9
        value = (value ^ (value >> 27)) &* 0x94D0_49BB_1331_11EB
        return value ^ (value >> 31)
    }
}
