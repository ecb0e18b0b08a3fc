import Foundation

/// Texts as sparse rows over a compact feature numbering (0..<columnCount): compressed rows.
struct SparseRows {
    var rowStarts: [Int] = [0]
    var columns: [Int32] = []
    var values: [Float] = []
    var columnCount = 0

    var rowCount: Int { rowStarts.count - 1 }
}

/// L2-regularised binary logistic regression fitted with L-BFGS, on a subset of rows.
///
/// Minimises (1/S) Σ sᵢ log(1 + exp(−yᵢ (w·xᵢ + b))) + ‖w‖² / (2 C S), where S = Σ sᵢ: the
/// mean loss scikit-learn's `LogisticRegression(C=…)` minimises, so C means the same in both.
/// The intercept is not penalised. Deterministic: no randomness, a fixed order of sums.
struct LogisticRegressionSolver {
    var rows: SparseRows
    /// The rows fitted on.
    var selected: [Int]
    /// +1 or −1 for each selected row.
    var targets: [Double]
    /// The weight of each selected row (class balancing).
    var sampleWeights: [Double]
    var regularization: Double
    var maximumIterations = 300
    /// Stop when every gradient component is below this.
    var tolerance = 1e-4
    var memory = 10

    struct Solution {
        var weights: [Double]
        var bias: Double
        var loss: Double
        var iterations: Int
    }

    /// Fits the model, starting from `start` when given (a neighbouring C's solution, say).
    /// `progress` receives (iteration, objective) after each iteration.
    func solve(from start: Solution? = nil, progress: (Int, Double) -> Void = { _, _ in }) -> Solution {
        let dimension = rows.columnCount
        var weights = start?.weights ?? [Double](repeating: 0, count: dimension)
        var bias = start?.bias ?? 0
        let totalWeight = sampleWeights.reduce(0, +)
        let lossScale = 1 / totalWeight
        let penaltyScale = 1 / (regularization * totalWeight)

        var margins = decisionValues(weights: weights, bias: bias)  // w·x + b per selected row
        var (objective, gradient, gradientBias) = objectiveAndGradient(
            margins: margins, weights: weights, lossScale: lossScale, penaltyScale: penaltyScale)

        var historyS: [[Double]] = []  // steps (weights then bias last)
        var historyY: [[Double]] = []  // gradient changes
        var historyRho: [Double] = []
        var iteration = 0
        while iteration < maximumIterations {
            let gradientNorm = max(gradient.reduce(0) { max($0, abs($1)) }, abs(gradientBias))
            if gradientNorm <= tolerance { break }

            // Two-loop recursion: direction = −H·gradient.
            var direction = gradient
            direction.append(gradientBias)
            var alphas = [Double](repeating: 0, count: historyS.count)
            for index in stride(from: historyS.count - 1, through: 0, by: -1) {
                alphas[index] = historyRho[index] * Self.dot(historyS[index], direction)
                Self.addScaled(&direction, historyY[index], -alphas[index])
            }
            if let lastS = historyS.last, let lastY = historyY.last {
                let scale = Self.dot(lastS, lastY) / Self.dot(lastY, lastY)
                for index in direction.indices { direction[index] *= scale }
            } else {
                let norm = Self.dot(direction, direction).squareRoot()
                let scale = min(1, 1 / max(norm, 1e-12))
                for index in direction.indices { direction[index] *= scale }
            }
            for index in historyS.indices {
                let beta = historyRho[index] * Self.dot(historyY[index], direction)
                Self.addScaled(&direction, historyS[index], alphas[index] - beta)
            }
            for index in direction.indices { direction[index] = -direction[index] }
            let directionBias = direction.removeLast()

            let slope = Self.dot(gradient, direction) + gradientBias * directionBias
            if slope >= 0 {
                // Not a descent direction (numerical trouble): forget the curvature pairs, so the
                // next direction is steepest descent.
                if historyS.isEmpty { break }
                historyS.removeAll()
                historyY.removeAll()
                historyRho.removeAll()
                continue
            }

            // Backtracking line search along the direction; margins move linearly, so each trial
            // costs one pass over the rows, not over the features.
            let marginSteps = decisionValues(weights: direction, bias: directionBias)
            let weightsDotDirection = Self.dot(weights, direction)
            let directionSquared = Self.dot(direction, direction)
            let weightsSquared = Self.dot(weights, weights)
            var step = 1.0
            var trialObjective = objective
            var accepted = false
            for _ in 0..<40 {
                var loss = 0.0
                for row in margins.indices {
                    loss += sampleWeights[row] * Self.logLoss(targets[row] * (margins[row] + step * marginSteps[row]))
                }
                let penalty = weightsSquared + 2 * step * weightsDotDirection + step * step * directionSquared
                trialObjective = loss * lossScale + 0.5 * penaltyScale * penalty
                if trialObjective <= objective + 1e-4 * step * slope {
                    accepted = true
                    break
                }
                step *= 0.5
            }
            if !accepted { break }

            var stepVector = [Double](repeating: 0, count: dimension + 1)
            for index in 0..<dimension {
                stepVector[index] = step * direction[index]
                weights[index] += stepVector[index]
            }
            stepVector[dimension] = step * directionBias
            bias += stepVector[dimension]
            for row in margins.indices { margins[row] += step * marginSteps[row] }

            let previousObjective = objective
            let previousGradient = gradient
            let previousGradientBias = gradientBias
            (objective, gradient, gradientBias) = objectiveAndGradient(
                margins: margins, weights: weights, lossScale: lossScale, penaltyScale: penaltyScale)
            iteration += 1
            progress(iteration, objective)

            var change = [Double](repeating: 0, count: dimension + 1)
            for index in 0..<dimension { change[index] = gradient[index] - previousGradient[index] }
            change[dimension] = gradientBias - previousGradientBias
            let curvature = Self.dot(stepVector, change)
            if curvature > 1e-12 {
                if historyS.count == memory {
                    historyS.removeFirst()
                    historyY.removeFirst()
                    historyRho.removeFirst()
                }
                historyS.append(stepVector)
                historyY.append(change)
                historyRho.append(1 / curvature)
            }
            if previousObjective - objective <= 1e-12 * max(1, abs(objective)) { break }
        }
        return Solution(weights: weights, bias: bias, loss: objective, iterations: iteration)
    }

    /// w·x + b for each selected row.
    func decisionValues(weights: [Double], bias: Double) -> [Double] {
        var result = [Double](repeating: bias, count: selected.count)
        rows.rowStarts.withUnsafeBufferPointer { starts in
            rows.columns.withUnsafeBufferPointer { columns in
                rows.values.withUnsafeBufferPointer { values in
                    weights.withUnsafeBufferPointer { weights in
                        for (position, row) in selected.enumerated() {
                            var sum = 0.0
                            for entry in starts[row]..<starts[row + 1] {
                                sum += Double(values[entry]) * weights[Int(columns[entry])]
                            }
                            result[position] += sum
                        }
                    }
                }
            }
        }
        return result
    }

    private func objectiveAndGradient(
        margins: [Double], weights: [Double], lossScale: Double, penaltyScale: Double
    ) -> (Double, [Double], Double) {
        var loss = 0.0
        var gradient = [Double](repeating: 0, count: weights.count)
        var gradientBias = 0.0
        rows.rowStarts.withUnsafeBufferPointer { starts in
            rows.columns.withUnsafeBufferPointer { columns in
                rows.values.withUnsafeBufferPointer { values in
                    gradient.withUnsafeMutableBufferPointer { gradient in
                        for (position, row) in selected.enumerated() {
                            let target = targets[position]
                            let margin = target * margins[position]
                            loss += sampleWeights[position] * Self.logLoss(margin)
                            // d loss / d z = −y σ(−y z)
                            let derivative = -target * LinearSentimentModel.sigmoid(-margin) * sampleWeights[position] * lossScale
                            gradientBias += derivative
                            for entry in starts[row]..<starts[row + 1] {
                                gradient[Int(columns[entry])] += derivative * Double(values[entry])
                            }
                        }
                    }
                }
            }
        }
        var squares = 0.0
        for index in weights.indices {
            gradient[index] += penaltyScale * weights[index]
            squares += weights[index] * weights[index]
        }
        return (loss * lossScale + 0.5 * penaltyScale * squares, gradient, gradientBias)
    }

    /// log(1 + exp(−m)), stable for large |m|.
    @inline(__always)
    static func logLoss(_ margin: Double) -> Double {
        margin > 0 ? Foundation.log1p(Foundation.exp(-margin)) : -margin + Foundation.log1p(Foundation.exp(margin))
    }

    @inline(__always)
    static func dot(_ left: [Double], _ right: [Double]) -> Double {
        var sum = 0.0
        let count = min(left.count, right.count)
        left.withUnsafeBufferPointer { left in
            right.withUnsafeBufferPointer { right in
                for index in 0..<count { sum += left[index] * right[index] }
            }
        }
        return sum
    }

    @inline(__always)
    static func addScaled(_ target: inout [Double], _ source: [Double], _ scale: Double) {
        target.withUnsafeMutableBufferPointer { target in
            source.withUnsafeBufferPointer { source in
                for index in 0..<target.count { target[index] += scale * source[index] }
            }
        }
    }
}
