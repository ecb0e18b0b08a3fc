import BabillardMetrics
import Testing

@Suite("Spike detection (REFERENCES.md: last 24 h above the 7-day mean + k·σ)")
struct SpikeDetectionTests {
    @Test("mean and population σ of the week, and the threshold for each k")
    func thresholds() {
        // Week 2, 4, 4, 4, 5, 5, 7, 9 is the textbook population σ = 2 example; here seven days:
        // 2, 4, 4, 4, 5, 5, 7 → mean 31/7, σ = sqrt(Σ(x−μ)²/7).
        let week = [2, 4, 4, 4, 5, 5, 7]
        let mean = 31.0 / 7
        let sigma = (week.map { (Double($0) - mean) * (Double($0) - mean) }.reduce(0, +) / 7).squareRoot()
        for k in [1.5, 2, 3] {
            let detection = SpikeDetection(lastDay: 9, previousDays: week, k: k)
            #expect(abs(detection.mean - mean) < 1e-12)
            #expect(abs(detection.standardDeviation - sigma) < 1e-12)
            #expect(abs(detection.threshold - (mean + k * sigma)) < 1e-12)
        }
        // 9 > 4.43 + 1.5·1.40 = 6.53 and > 2σ (7.23), and > 3σ (8.63): a spike for each k.
        #expect(SpikeDetection(lastDay: 9, previousDays: week, k: 3).isSpike)
        #expect(!SpikeDetection(lastDay: 8, previousDays: week, k: 3).isSpike)
        #expect(SpikeDetection(lastDay: 8, previousDays: week, k: 2).isSpike)
        #expect(!SpikeDetection(lastDay: 6, previousDays: week, k: 1.5).isSpike)
    }

    @Test("exactly at the threshold is not a spike; a quiet week needs a minimum count")
    func edges() {
        #expect(!SpikeDetection(lastDay: 5, previousDays: [5, 5, 5, 5, 5, 5, 5], k: 2).isSpike)
        #expect(SpikeDetection(lastDay: 6, previousDays: [5, 5, 5, 5, 5, 5, 5], k: 2).isSpike)
        #expect(!SpikeDetection(lastDay: 2, previousDays: [0, 0, 0, 0, 0, 0, 0], k: 2).isSpike)
        #expect(SpikeDetection(lastDay: 3, previousDays: [0, 0, 0, 0, 0, 0, 0], k: 2).isSpike)
        #expect(!SpikeDetection(lastDay: 0, previousDays: [], k: 2).isSpike)
    }
}
