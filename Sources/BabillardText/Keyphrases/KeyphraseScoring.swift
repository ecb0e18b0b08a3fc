import Foundation

/// How much more often a phrase is said now than before: the log-odds ratio with an
/// informative Dirichlet prior of Monroe, Colaresi and Quinn ("Fightin' Words", Political
/// Analysis 2008), divided by its standard deviation (a z-score).
///
/// Counts are items: `current` of `currentItems` hold the phrase now, `baseline` of
/// `baselineItems` before. The prior is the phrase's rate over both periods, weighing as much
/// as `priorStrength` × all items, and never less than Jeffreys' ½ item on either side: it
/// pulls rare phrases towards "no difference", so a phrase seen twice this week and never
/// before does not outrank one seen in twenty items this week and two before.
enum KeyphraseScoring {
    static func zScore(
        current: Int, currentItems: Int, baseline: Int, baselineItems: Int, priorStrength: Double
    ) -> Double {
        let yi = Double(current)
        let ni = Double(max(currentItems, current))
        let yj = Double(baseline)
        let nj = Double(max(baselineItems, baseline))
        let total = ni + nj
        guard total > 0 else { return 0 }
        let rate = (yi + yj) / total
        let priorMass = priorStrength * total
        let priorWith = max(0.5, priorMass * rate)
        let priorWithout = max(0.5, priorMass * (1 - rate))
        let logOddsNow = log((yi + priorWith) / (ni - yi + priorWithout))
        let logOddsBefore = log((yj + priorWith) / (nj - yj + priorWithout))
        let variance = 1 / (yi + priorWith) + 1 / (ni - yi + priorWithout)
            + 1 / (yj + priorWith) + 1 / (nj - yj + priorWithout)
        return (logOddsNow - logOddsBefore) / variance.squareRoot()
    }
}
