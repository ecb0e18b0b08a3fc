import Foundation

/// Tells which of Babillard's languages a text is in: French, English, Spanish, German,
/// Italian, Portuguese or Dutch, or `.unknown`.
///
/// How: a naive Bayes classifier over two kinds of evidence, both derived from wordfreq's
/// word-frequency lists (subtitles, Wikipedia, news, web, Twitter, Reddit; see docs/DATA.md):
/// the character 1-, 2- and 3-grams of each word padded with boundaries (" le", "le ", ...),
/// and the frequent words themselves, which decide short social posts ("the", "und", "una").
/// An eighth class, the average of 20 other Latin-script languages, catches Catalan, Czech,
/// Turkish and the like, which are answered `.unknown` instead of being forced into one of
/// the seven. Unlike langdetect it draws no random samples: the same text always gets the
/// same answer.
///
/// What is ignored: URLs (`http…`, `www.…`, and the bare "http" that truncated tweets end
/// with), @mentions, the `#` of hashtags (their words count), digits, emoji and punctuation;
/// case is folded and accents are kept (they are strong evidence). Only the first
/// `maxLetters` letters are read, so a 10 MB text costs no more than a tweet.
///
/// `.unknown` when: fewer than `minLetters` letters; more letters of other scripts (Cyrillic,
/// Arabic, CJK, ...) than Latin ones; the "other" class wins; the two best languages are less
/// than `minMargin` nats apart (an ambiguous text); or the text is mixed: among the words that
/// on their own clearly belong to one language, a second language holds at least
/// `minRivalWords` and `mixedShare` of them.
public struct LanguageIdentifier: Sendable {
    /// Texts with fewer Latin letters than this are `.unknown` ("ok", "lol", "haha").
    public static let minLetters = 5
    /// The best language must be at least e¹ ≈ 2.7 times likelier than the runner-up.
    public static let minMargin: Float = 1
    /// The log-likelihoods are divided by this before the posterior is computed: naive Bayes
    /// counts every n-gram as independent evidence and so is overconfident; 8 minimised the
    /// log-loss on the evaluation sentences (docs/EVALUATION.md).
    public static let temperature: Float = 8
    /// A text is mixed (`.unknown`) when a language other than the best one gets at least this
    /// many of the words that clearly belong to one language...
    public static let minRivalWords = 3
    /// ... and at least this share of them ("Super soirée hier soir, what a night, see you
    /// next week"). English hashtags in a French tweet are too few to trip it.
    public static let mixedShare: Float = 0.4
    /// Letters read at most; a few hundred already decide any real text.
    public static let maxLetters = 1000
    /// Bytes read at most (for texts that are mostly emoji, symbols or links).
    public static let maxBytes = 100_000
    /// Scalars composed at most when a text holds decomposed accents (rare: macOS file names,
    /// some keyboards), so that composing a 10 MB text costs no more than a page.
    static let maxComposedScalars = 20_000

    /// The shipped profile's file, relative to the resources folder.
    public static let profileFile = "language/profiles.txt"

    let profiles: LanguageProfiles

    /// Loads the shipped profile (`language/profiles.txt` in the resources).
    public init() throws(TextResourceError) {
        let text = try TextResources.text(Self.profileFile)
        profiles = try LanguageProfiles(parsing: text, file: TextResources.url(Self.profileFile).path)
    }

    /// Reads a profile in the shipped format from text; `file` names it in errors.
    public init(profileText: String, file: String) throws(TextResourceError) {
        profiles = try LanguageProfiles(parsing: profileText, file: file)
    }

    /// The shipped identifier, loaded once per process.
    public static func shipped() throws(TextResourceError) -> LanguageIdentifier {
        try shippedResult.get()
    }

    private static let shippedResult: Result<LanguageIdentifier, TextResourceError> = {
        do throws(TextResourceError) {
            return .success(try LanguageIdentifier())
        } catch {
            return .failure(error)
        }
    }()

    /// The language of a text, with the probability that it is right.
    public func identify(_ text: String) -> LanguageGuess {
        var scan = scanUTF8(of: text, stopAtCombiningMark: true)
        if scan.needsComposition {
            // Decomposed accents ("e" + U+0301): compose a bounded prefix and read it again.
            let prefix = String(String.UnicodeScalarView(text.unicodeScalars.prefix(Self.maxComposedScalars)))
            scan = scanUTF8(of: prefix.precomposedStringWithCanonicalMapping, stopAtCombiningMark: false)
        }
        return decide(scan)
    }

    private func scanUTF8(of text: String, stopAtCombiningMark: Bool) -> LanguageScan {
        if let scan = text.utf8.withContiguousStorageIfAvailable({ scanBytes($0, stopAtCombiningMark: stopAtCombiningMark) }) {
            return scan
        }
        var copy = text
        copy.makeContiguousUTF8()
        return copy.utf8.withContiguousStorageIfAvailable { scanBytes($0, stopAtCombiningMark: stopAtCombiningMark) } ?? LanguageScan()
    }

    private func decide(_ scan: LanguageScan) -> LanguageGuess {
        guard scan.letters >= Self.minLetters, scan.nonLatinLetters < scan.letters else { return .unknown }
        let scores = scan.scores
        var best = 0
        for lane in 1..<8 where scores[lane] > scores[best] { best = lane }
        var second = best == 0 ? 1 : 0
        for lane in 0..<8 where lane != best && scores[lane] > scores[second] { second = lane }
        guard let language = profiles.columns[best], scores[best] - scores[second] >= Self.minMargin else {
            return .unknown
        }
        // Mixed: another column wins a large share of the words that vote.
        let votes = scan.wordVotes
        let voters = votes.wrappedSum()
        var rival: Int32 = 0
        for lane in 0..<8 where lane != best { rival = max(rival, votes[lane]) }
        if Int(rival) >= Self.minRivalWords && Float(rival) >= Self.mixedShare * Float(voters) { return .unknown }
        var total: Float = 0
        for lane in 0..<8 { total += Foundation.exp((scores[lane] - scores[best]) / Self.temperature) }
        return LanguageGuess(language: language, confidence: Double(1 / total))
    }
}
