/// The generator's only source of randomness: xoshiro256** seeded through SplitMix64.
///
/// The demo must be the same for a seed on every machine, so nothing here touches
/// `SystemRandomNumberGenerator`, the clock or the platform's libm: the few transcendental
/// functions the distributions need are in `DemoMath`, written with `+ - * /` only, which
/// IEEE 754 rounds identically everywhere.
struct DemoRandom: RandomNumberGenerator {
    private var s0: UInt64
    private var s1: UInt64
    private var s2: UInt64
    private var s3: UInt64

    init(seed: UInt64) {
        var state = seed
        s0 = SplitMix64.next(&state)
        s1 = SplitMix64.next(&state)
        s2 = SplitMix64.next(&state)
        s3 = SplitMix64.next(&state)
    }

    mutating func next() -> UInt64 {
        let result = ((s1 &* 5) << 7 | (s1 &* 5) >> 57) &* 9
        let t = s1 << 17
        s2 ^= s0
        s3 ^= s1
        s1 ^= s2
        s0 ^= s3
        s2 ^= t
        s3 = s3 << 45 | s3 >> 19
        return result
    }

    /// A double in [0, 1) with 53 random bits.
    @inline(__always)
    mutating func unit() -> Double {
        Double(next() >> 11) * 0x1p-53
    }

    /// A double in (0, 1]: safe to take the logarithm of.
    @inline(__always)
    mutating func openUnit() -> Double {
        Double((next() >> 11) + 1) * 0x1p-53
    }

    /// An integer in 0..<bound (Lemire's multiply-shift; the tiny bias is irrelevant here and
    /// keeps the number of draws per call fixed, which keeps sequences easy to reason about).
    @inline(__always)
    mutating func below(_ bound: Int) -> Int {
        precondition(bound > 0)
        return Int(next().multipliedFullWidth(by: UInt64(bound)).high)
    }

    @inline(__always)
    mutating func chance(_ probability: Double) -> Bool {
        unit() < probability
    }

    /// One element of a non-empty array.
    @inline(__always)
    mutating func pick<T>(_ elements: [T]) -> T {
        elements[below(elements.count)]
    }

    /// An exponential variate with the given mean.
    mutating func exponential(mean: Double) -> Double {
        -DemoMath.log(openUnit()) * mean
    }

    /// A standard normal variate (Marsaglia's polar method: no sine or cosine needed).
    mutating func normal() -> Double {
        while true {
            let u = 2 * unit() - 1
            let v = 2 * unit() - 1
            let s = u * u + v * v
            if s > 0 && s < 1 {
                return u * (-2 * DemoMath.log(s) / s).squareRoot()
            }
        }
    }

    /// A log-normal variate: `median × e^(sigma·Z)`.
    mutating func logNormal(median: Double, sigma: Double) -> Double {
        median * DemoMath.exp(sigma * normal())
    }

    /// A Pareto variate `minimum × U^(-1/alpha)`: the heavy tail of cascades, followers and activity.
    mutating func pareto(minimum: Double, alpha: Double) -> Double {
        minimum * DemoMath.pow(openUnit(), -1 / alpha)
    }

    /// The index drawn from cumulative weights (the last one must be the total).
    mutating func index(cumulative: [Double]) -> Int {
        let target = unit() * cumulative[cumulative.count - 1]
        var index = 0
        while index < cumulative.count - 1 && cumulative[index] <= target { index += 1 }
        return index
    }
}

/// SplitMix64: seeds xoshiro and hashes indices into independent streams.
enum SplitMix64 {
    @inline(__always)
    static func next(_ state: inout UInt64) -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        return mix(state)
    }

    /// The SplitMix64 finaliser: a good 64-bit mixer, used to derive an actor's traits from its index
    /// without storing them.
    @inline(__always)
    static func mix(_ value: UInt64) -> UInt64 {
        var z = value
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// A hash of several values, order-sensitive.
    @inline(__always)
    static func hash(_ a: UInt64, _ b: UInt64, _ c: UInt64 = 0) -> UInt64 {
        mix(mix(mix(a &+ 0x632B_E59B_D9B4_E019) ^ b) &+ c)
    }
}

/// `log`, `exp` and `pow` from basic arithmetic only, so that results are bit-identical on
/// every platform (libm implementations differ in their last bits, and a different last bit
/// can flip a rounded count and change every draw that follows).
enum DemoMath {
    private static let ln2Hi = 6.93147180369123816490e-01
    private static let ln2Lo = 1.90821492927058770002e-10
    private static let ln2 = 0.693147180559945309417232121458

    /// Natural logarithm of a positive finite number.
    static func log(_ x: Double) -> Double {
        precondition(x > 0 && x.isFinite)
        // x = m · 2^e with m in [√½, √2).
        var exponent = Double(x.exponent)
        var m = x.significand  // [1, 2)
        if m > 1.4142135623730951 {
            m *= 0.5
            exponent += 1
        }
        // log m = 2·atanh(s), s = (m−1)/(m+1), |s| ≤ 0.1716.
        let s = (m - 1) / (m + 1)
        let s2 = s * s
        var term = s
        var sum = s
        var k = 3.0
        while k < 26 {
            term *= s2
            sum += term / k
            k += 2
        }
        return 2 * sum + exponent * ln2
    }

    /// e^x, with underflow to 0 and overflow to infinity.
    static func exp(_ x: Double) -> Double {
        if x > 709 { return .infinity }
        if x < -745 { return 0 }
        let q = x / ln2
        let k = Double(Int64(q >= 0 ? q + 0.5 : q - 0.5))
        let r = (x - k * ln2Hi) - k * ln2Lo  // |r| ≤ ln2/2
        // Taylor series of e^r to r^14/14!: error below 1e-17 for |r| ≤ 0.35.
        var term = 1.0
        var sum = 1.0
        var n = 1.0
        while n <= 14 {
            term *= r / n
            sum += term
            n += 1
        }
        return scale(sum, by: Int(k))
    }

    /// x^y for x > 0.
    static func pow(_ x: Double, _ y: Double) -> Double {
        if y == 0 || x == 1 { return 1 }
        return exp(y * log(x))
    }

    /// x · 2^n in two steps so that neither factor overflows on the way.
    private static func scale(_ x: Double, by n: Int) -> Double {
        if n > 1000 { return x * Double(sign: .plus, exponent: 1000, significand: 1) * Double(sign: .plus, exponent: n - 1000, significand: 1) }
        if n < -1000 { return x * Double(sign: .plus, exponent: -1000, significand: 1) * Double(sign: .plus, exponent: n + 1000, significand: 1) }
        return x * Double(sign: .plus, exponent: n, significand: 1)
    }
}
