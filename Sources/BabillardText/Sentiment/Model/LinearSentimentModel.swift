import Foundation

/// A trained linear sentiment model: weights over a `SentimentFeaturizer`'s hashed n-grams, one
/// column per class (a single column when there are two classes).
///
/// Two classes (negative, positive): P(positive) = σ(w·x + b). Three classes: one-versus-rest,
/// P(class) = σ(w_class·x + b_class) normalised to sum to 1. The score is
/// P(positive) − P(negative), in [-1, 1]; the label is the most probable class.
///
/// Only features with a weight are kept (`WeightTable`); scoring a text is one lookup per
/// distinct n-gram.
public struct LinearSentimentModel: Sendable, Equatable {
    /// How the model was trained, as recorded in its file.
    public struct TrainingSummary: Sendable, Equatable {
        /// The number of labeled texts it was trained on.
        public var exampleCount: Int
        /// The inverse regularisation strength C used (larger fits the training data more closely).
        public var regularization: Double
        /// The cross-validated accuracy (two classes) or macro-F1 (more) that chose C, when C
        /// was chosen by cross-validation.
        public var crossValidationScore: Double?
        /// Whether features were scaled by naive Bayes log-count ratios (NB-LR).
        public var naiveBayesScaling: Bool

        public init(exampleCount: Int, regularization: Double, crossValidationScore: Double?, naiveBayesScaling: Bool) {
            self.exampleCount = exampleCount
            self.regularization = regularization
            self.crossValidationScore = crossValidationScore
            self.naiveBayesScaling = naiveBayesScaling
        }
    }

    public let featurizer: SentimentFeaturizer
    /// The classes, in the order of the weight columns. Two classes: the single column is for
    /// `classes[1]` against `classes[0]`.
    public let classes: [SentimentLabel]
    public let summary: TrainingSummary
    /// One intercept per column.
    let biases: [Float]
    /// The weights of the features the model knows.
    let table: WeightTable

    /// Builds a model from its parts: `biases` holds one intercept per column (1 column for two
    /// classes, else one per class), `table` the weights.
    init(featurizer: SentimentFeaturizer, classes: [SentimentLabel], biases: [Float], table: WeightTable, summary: TrainingSummary) {
        precondition(classes.count >= 2 && Set(classes).count == classes.count, "a model needs two or more distinct classes")
        precondition(biases.count == Self.columnCount(classes: classes.count) && table.columns == biases.count)
        self.featurizer = featurizer
        self.classes = classes
        self.biases = biases
        self.table = table
        self.summary = summary
    }

    static func columnCount(classes: Int) -> Int { classes == 2 ? 1 : classes }

    var columnCount: Int { biases.count }

    /// The number of features with a weight.
    public var nonZeroFeatureCount: Int { table.rowCount }

    // MARK: Prediction

    /// The sentiment of a text, with the n-grams that pushed it most when `explaining`.
    ///
    /// A text without a feature the model knows (empty, spaces, punctuation, emoji or words it
    /// never saw) is neutral with score 0: the model has nothing to weigh, and its intercept
    /// alone would be a guess.
    public func predict(_ text: String, explaining: Bool = true) -> SentimentResult {
        predictionIfKnown(text, explaining: explaining) ?? .neutral(engine: .model)
    }

    /// The sentiment of a text, or nil when the text holds no feature the model knows: the caller
    /// may then read it another way (a French post of emoji alone goes to the lexicon).
    public func predictionIfKnown(_ text: String, explaining: Bool = true) -> SentimentResult? {
        let configuration = featurizer.configuration
        var scan = ScannedText()
        scan.read(text, marksNegation: configuration.marksNegation, recordingOrigins: explaining)
        let counts = NGramCounts(scan, configuration, recordingOccurrences: explaining)
        // Explanations need each feature's pull toward positive: read while its weights are at hand.
        guard let decision = decisionValues(counts, recordingDirections: explaining) else { return nil }
        let probabilities = Self.probabilities(decision.values, classCount: classes.count)
        var best = 0
        for index in probabilities.indices where probabilities[index] > probabilities[best] { best = index }
        let score = max(-1, min(1, probability(of: .positive, in: probabilities) - probability(of: .negative, in: probabilities)))
        return SentimentResult(
            score: score,
            label: classes[best],
            explanation: explaining ? explain(scan, counts, text: text, limit: 5, positiveDirections: decision.positiveDirections) : [],
            engine: .model)
    }

    /// The probability of each class (in `classes` order), or nil when the text has no feature
    /// the model knows.
    public func classProbabilities(_ text: String) -> [Double]? {
        let configuration = featurizer.configuration
        var scan = ScannedText()
        scan.read(text, marksNegation: configuration.marksNegation, recordingOrigins: false)
        return decisionValues(NGramCounts(scan, configuration)).map { Self.probabilities($0.values, classCount: classes.count) }
    }

    private static func probabilities(_ decisions: [Double], classCount: Int) -> [Double] {
        if classCount == 2 {
            let positive = sigmoid(decisions[0])
            return [1 - positive, positive]
        }
        var probabilities = decisions.map(sigmoid)
        let total = probabilities.reduce(0, +)
        for index in probabilities.indices { probabilities[index] /= total }
        return probabilities
    }

    private func probability(of label: SentimentLabel, in probabilities: [Double]) -> Double {
        guard let index = classes.firstIndex(of: label) else { return 0 }
        return probabilities[index]
    }

    @inline(__always)
    static func sigmoid(_ value: Double) -> Double {
        value >= 0 ? 1 / (1 + Foundation.exp(-value)) : Foundation.exp(value) / (1 + Foundation.exp(value))
    }

    /// w·x + b for each column, or nil when the text has no feature the model knows.
    ///
    /// With `recordingDirections`, also each feature's pull toward positive (its weight toward
    /// positive: for three classes, the positive column minus the negative one; 0 for a feature
    /// the model does not know), in the order of `counts`' distinct n-grams, for the explanation:
    /// found here, where the weights are read anyway.
    func decisionValues(_ counts: NGramCounts, recordingDirections: Bool = false) -> (values: [Double], positiveDirections: [Float])? {
        let configuration = featurizer.configuration
        guard !counts.isEmpty else { return nil }
        let (positiveColumn, negativeColumn) = directionColumns
        var positiveDirections = [Float](repeating: 0, count: recordingDirections ? counts.used.count : 0)
        let columns = columnCount
        var sums = [Float](repeating: 0, count: columns)
        var known = 0
        let stride = table.stride
        let mask = table.mask
        // Two passes. The first reads each feature's home entry: these loads do not depend on one
        // another, so the processor fetches them in parallel (the table is larger than the cache);
        // most features sit at home or are absent. The second sums, probing further only when
        // the home entry held another feature. One pass waited on one cache miss after another.
        var lookups = [(offset: Int32, value: Float, index: UInt32)](repeating: (0, 0, 0), count: counts.used.count)
        table.storage.withUnsafeBufferPointer { storage in
            lookups.withUnsafeMutableBufferPointer { lookups in
                var position = 0
                counts.forEachFeature(wordWeight: configuration.wordWeight, characterWeight: configuration.characterWeight) {
                    index, value, _ in
                    let home = (Int(index) & mask) * stride
                    let key = storage[home]
                    let offset: Int32 = key == index &+ 1 ? Int32(home + 1) : (key == 0 ? -1 : -2)
                    lookups[position] = (offset, value, index)
                    position += 1
                }
                sums.withUnsafeMutableBufferPointer { sums in
                    for (position, lookup) in lookups.enumerated() {
                        var offset = Int(lookup.offset)
                        if offset == -1 { continue }
                        if offset == -2 {
                            guard let found = WeightTable.weightsOffset(of: lookup.index, in: storage, stride: stride, mask: mask)
                            else { continue }
                            offset = found
                        }
                        for column in 0..<columns { sums[column] += Float(bitPattern: storage[offset + column]) * lookup.value }
                        known += 1
                        if recordingDirections {
                            var direction: Float = 0
                            if let positiveColumn { direction += Float(bitPattern: storage[offset + positiveColumn]) }
                            if let negativeColumn { direction -= Float(bitPattern: storage[offset + negativeColumn]) }
                            positiveDirections[position] = direction
                        }
                    }
                }
            }
        }
        guard known > 0 else { return nil }
        return ((0..<columns).map { Double(sums[$0]) + Double(biases[$0]) }, positiveDirections)
    }
}
