import Foundation

/// French and English stop words: words a keyphrase never starts or ends with ("le", "de",
/// "the", "of"), though it may hold them inside ("croissant aux amandes", "word of mouth").
///
/// The shipped lists (`Resources/stopwords/fr.txt` and `en.txt`, written for Babillard) hold
/// the pieces the tokeniser makes of elisions and contractions: "l'été" is read as "l" + "été",
/// "don't" as "don" + "t", so "l", "d", "qu", "j", "n", "s", "c" and "don", "t" are listed.
/// Words are compared folded ("à" and "a" are one entry). Besides the lists, one-letter words
/// and numbers are treated as stop words.
public struct StopWords: Sendable {
    /// Folded-word hashes, sorted, per list.
    private let french: [UInt64]
    private let english: [UInt64]
    /// French and English together, for texts in another or an unknown language.
    private let either: [UInt64]

    /// Lists of words (any case, with or without accents).
    public init(french: some Sequence<String>, english: some Sequence<String>) {
        func hashes(_ words: some Sequence<String>) -> [UInt64] {
            var result: [UInt64] = []
            for word in words {
                FoldedTokenScanner.scan(word) { token in
                    if token.kind == .word { result.append(token.hash) }
                }
            }
            return Array(Set(result)).sorted()
        }
        self.french = hashes(french)
        self.english = hashes(english)
        self.either = Array(Set(self.french).union(self.english)).sorted()
    }

    /// The shipped lists, read once; a missing or unreadable file is an error naming it.
    public static func bundled() throws(TextResourceError) -> StopWords {
        try bundledLists.get()
    }

    private static let bundledLists: Result<StopWords, TextResourceError> = {
        do throws(TextResourceError) {
            let french = try TextResources.text("stopwords/fr.txt")
            let english = try TextResources.text("stopwords/en.txt")
            return .success(StopWords(french: entries(french), english: entries(english)))
        } catch {
            return .failure(error)
        }
    }()

    /// The words of a list file: one per line, `#` starts a comment line.
    static func entries(_ text: String) -> [String] {
        text.split(whereSeparator: \.isNewline).compactMap { line in
            let word = line.trimmingCharacters(in: .whitespaces)
            return word.isEmpty || word.hasPrefix("#") ? nil : word
        }
    }

    /// Whether a word is a stop word of a language (French and English stop words together for
    /// any other language, since social text mixes them).
    public func contains(_ word: String, language: Language) -> Bool {
        var found = false
        var tokens = 0
        FoldedTokenScanner.scan(word) { token in
            tokens += 1
            found = token.kind == .word && (token.foldedLength == 1 || token.isNumber || contains(hash: token.hash, language: language))
        }
        return tokens == 1 && found
    }

    @inline(__always)
    func contains(hash: UInt64, language: Language) -> Bool {
        let list: [UInt64]
        switch language {
        case .french: list = french
        case .english: list = english
        default: list = either
        }
        var low = 0
        var high = list.count
        while low < high {
            let middle = (low + high) >> 1
            if list[middle] < hash { low = middle + 1 } else { high = middle }
        }
        return low < list.count && list[low] == hash
    }
}
