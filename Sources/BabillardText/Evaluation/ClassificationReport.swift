/// Accuracy, per-class precision, recall and F1, macro-F1 and the confusion matrix of predicted
/// labels against true ones.
public struct ClassificationReport: Sendable, Codable {
    public struct ClassScores: Sendable, Codable {
        public var label: SentimentLabel
        public var precision: Double
        public var recall: Double
        public var f1: Double
        public var support: Int
    }

    public var classes: [SentimentLabel]
    /// `confusion[i][j]`: examples of class `classes[i]` predicted as `classes[j]`.
    public var confusion: [[Int]]
    public var accuracy: Double
    public var macroF1: Double
    public var perClass: [ClassScores]
    public var count: Int

    public init(classes: [SentimentLabel], truth: [SentimentLabel], predicted: [SentimentLabel]) {
        precondition(truth.count == predicted.count)
        self.classes = classes
        var confusion = Array(repeating: Array(repeating: 0, count: classes.count), count: classes.count)
        var correct = 0
        for (actual, guess) in zip(truth, predicted) {
            if actual == guess { correct += 1 }
            guard let row = classes.firstIndex(of: actual), let column = classes.firstIndex(of: guess) else { continue }
            confusion[row][column] += 1
        }
        self.confusion = confusion
        count = truth.count
        accuracy = truth.isEmpty ? 0 : Double(correct) / Double(truth.count)
        var perClass: [ClassScores] = []
        for (index, label) in classes.enumerated() {
            let truePositives = confusion[index][index]
            let predictedCount = confusion.reduce(0) { $0 + $1[index] }
            let support = confusion[index].reduce(0, +)
            let precision = predictedCount == 0 ? 0 : Double(truePositives) / Double(predictedCount)
            let recall = support == 0 ? 0 : Double(truePositives) / Double(support)
            let f1 = precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall)
            perClass.append(ClassScores(label: label, precision: precision, recall: recall, f1: f1, support: support))
        }
        self.perClass = perClass
        macroF1 = perClass.isEmpty ? 0 : perClass.reduce(0) { $0 + $1.f1 } / Double(perClass.count)
    }
}

public enum Correlation {
    /// Pearson's r; nil when either series is constant or they are shorter than two.
    public static func pearson(_ x: [Double], _ y: [Double]) -> Double? {
        guard x.count == y.count, x.count >= 2 else { return nil }
        let n = Double(x.count)
        let meanX = x.reduce(0, +) / n
        let meanY = y.reduce(0, +) / n
        var covariance = 0.0
        var varianceX = 0.0
        var varianceY = 0.0
        for (a, b) in zip(x, y) {
            covariance += (a - meanX) * (b - meanY)
            varianceX += (a - meanX) * (a - meanX)
            varianceY += (b - meanY) * (b - meanY)
        }
        guard varianceX > 0, varianceY > 0 else { return nil }
        return covariance / (varianceX * varianceY).squareRoot()
    }
}
