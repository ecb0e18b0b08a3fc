import Foundation

/// One feature of a text: a hashed n-gram's index and its value.
public struct SentimentFeature: Sendable, Hashable {
    public var index: UInt32
    public var value: Float

    public init(index: UInt32, value: Float) {
        self.index = index
        self.value = value
    }
}

/// Turns a text into the sparse vector a `LinearSentimentModel` weighs: hashed word n-grams
/// (words inside a negation's scope marked, "pas … bon" ≠ "bon") and hashed character n-grams
/// within words (which catch "excellentissime", "nul", misspellings and missing accents).
///
/// The text is folded first (lowercase, accents removed, elisions split: "L'Été" → "l", "ete").
/// Each block (words, characters) gets sublinear counts, 1 + ln(count), normalised to unit
/// length and scaled by the block's weight, so a long review and a tweet are on the same scale.
///
/// The configuration is stored in the model file: a model always featurises as it was trained.
public struct SentimentFeaturizer: Sendable, Hashable {
    public struct Configuration: Sendable, Hashable {
        /// Lengths of the word n-grams, in tokens (1...2: words and pairs of words).
        public var wordOrders: ClosedRange<Int>
        /// Lengths of the character n-grams, in characters, with a space marking each word's
        /// start and end (3...5); nil for none.
        public var characterOrders: ClosedRange<Int>?
        /// The feature space has `1 << hashBits` indices.
        public var hashBits: Int
        /// Whether words after a negation ("pas", "ne", "jamais", "not", …) up to the next
        /// punctuation get their own features.
        public var marksNegation: Bool
        /// Scale of the word block and the character block (each is first normalised to length 1).
        public var wordWeight: Float
        public var characterWeight: Float

        public init(
            wordOrders: ClosedRange<Int> = 1...2,
            characterOrders: ClosedRange<Int>? = 3...5,
            hashBits: Int = 20,
            marksNegation: Bool = true,
            wordWeight: Float = 1,
            characterWeight: Float = 2
        ) {
            self.wordOrders = wordOrders
            self.characterOrders = characterOrders
            self.hashBits = hashBits
            self.marksNegation = marksNegation
            self.wordWeight = wordWeight
            self.characterWeight = characterWeight
        }

        /// What the shipped models use: words and pairs of words with negation marked, character
        /// 3- to 5-grams weighing twice the words, 2^20 indices. Chosen by cross-validation on
        /// the training sets only (docs/EVALUATION.md); 3...5 rather than 2...5 or 1...6, which
        /// scored the same within noise, because scoring cost grows with the number of n-grams.
        public static let standard = Configuration()

        /// Why a configuration cannot be used, or nil when it can.
        public var problem: String? {
            if wordOrders.lowerBound < 1 || wordOrders.upperBound > 4 {
                return "word n-gram lengths must lie within 1...4 (got \(wordOrders))"
            }
            if let characterOrders, characterOrders.lowerBound < 1 || characterOrders.upperBound > 8 {
                return "character n-gram lengths must lie within 1...8 (got \(characterOrders))"
            }
            if hashBits < 8 || hashBits > 26 {
                return "the hash size must lie within 8...26 bits (got \(hashBits))"
            }
            if !(wordWeight >= 0) || !(characterWeight >= 0) {
                return "block weights must be positive"
            }
            return nil
        }
    }

    public let configuration: Configuration

    /// Version of the scanning rules (folding, tokens, negation words, hash). A model file records
    /// it; a file written with other rules is refused rather than silently misread.
    public static let scannerVersion: UInt16 = 1

    /// Texts longer than this many bytes (after folding) are featurised on their first part only:
    /// enough for any review or post, and a 10 MB paste costs what 64 KB costs.
    public static let maximumAnalysedBytes = 1 << 16

    public init(configuration: Configuration = .standard) {
        precondition(configuration.problem == nil, configuration.problem ?? "")
        self.configuration = configuration
    }

    /// The number of feature indices, `1 << hashBits`.
    public var dimension: Int { 1 << configuration.hashBits }

    /// The features of a text, sorted by index, each index once.
    public func features(_ text: String) -> [SentimentFeature] {
        var scan = ScannedText()
        scan.read(text, marksNegation: configuration.marksNegation, recordingOrigins: false)
        let counts = NGramCounts(scan, configuration)
        var features: [SentimentFeature] = []
        features.reserveCapacity(counts.used.count)
        counts.forEachFeature(wordWeight: configuration.wordWeight, characterWeight: configuration.characterWeight) {
            index, value, _ in features.append(SentimentFeature(index: index, value: value))
        }
        // Sort, summing the rare index both blocks hash to.
        features.sort { $0.index < $1.index }
        var merged: [SentimentFeature] = []
        merged.reserveCapacity(features.count)
        for feature in features {
            if let last = merged.last, last.index == feature.index {
                merged[merged.count - 1].value += feature.value
            } else {
                merged.append(feature)
            }
        }
        return merged
    }
}
