/// Whether the last 24 hours stand out from the week before (REFERENCES.md, "Spike alert"):
/// the last-24 h volume is a spike when it exceeds the mean of the seven 24-hour windows before
/// it plus k standard deviations (k = 1.5, 2 or 3).
///
/// σ is the population standard deviation of those seven windows (the week is the whole
/// baseline, not a sample of a larger one). A flat, empty week would make any single item a
/// spike, so a spike also needs at least `minimumCount` items. O(7), no allocation.
public struct SpikeDetection: Sendable, Hashable {
    public var lastDay: Int
    public var mean: Double
    public var standardDeviation: Double
    /// mean + k·σ.
    public var threshold: Double
    public var isSpike: Bool

    /// - Parameters:
    ///   - lastDay: items in the last 24 hours.
    ///   - previousDays: items in each of the seven 24-hour windows before (any count ≥ 1 works;
    ///     the reference uses seven).
    public init(lastDay: Int, previousDays: [Int], k: Double, minimumCount: Int = 3) {
        self.lastDay = lastDay
        let count = Double(max(previousDays.count, 1))
        var sum = 0.0
        for value in previousDays { sum += Double(value) }
        mean = sum / count
        var squares = 0.0
        for value in previousDays { squares += (Double(value) - mean) * (Double(value) - mean) }
        standardDeviation = (squares / count).squareRoot()
        threshold = mean + k * standardDeviation
        isSpike = Double(lastDay) > threshold && lastDay >= minimumCount
    }
}
