/// A text as watch terms see it, read once: its folded words in order, its hashtags and its
/// handles, all as hashes.
struct WatchText {
    /// Marks where punctuation, a line break or a handle separates words: phrases do not run
    /// across it. (No folded word hashes to 0 in practice: FNV-1a of a non-empty string.)
    static let barrier: UInt64 = 0

    struct Handle {
        var user: UInt64
        var instance: UInt64
    }

    /// Words and hashtags (a hashtag is a word of the sentence too), with barriers.
    var words: [UInt64] = []
    var hashtags: [UInt64] = []
    var handles: [Handle] = []

    init(_ text: String) {
        FoldedTokenScanner.scan(text) { token in
            if token.followsBreak, let last = words.last, last != Self.barrier { words.append(Self.barrier) }
            switch token.kind {
            case .word:
                words.append(token.hash)
            case .hashtag:
                words.append(token.hash)
                hashtags.append(token.hash)
            case .handle:
                handles.append(Handle(user: token.hash, instance: token.instanceHash))
            }
        }
    }

    func contains(_ term: WatchQueryTerm) -> Bool {
        switch term {
        case .phrase(let phrase, let joined):
            if phrase.count == 1 { return words.contains(phrase[0]) }
            return hashtags.contains(joined) || containsPhrase(phrase)
        case .hashtag(let tag):
            return hashtags.contains(tag)
        case .handle(let user, let instance):
            return handles.contains { matches($0, user: user, instance: instance) }
        }
    }

    /// Whether the phrase's words follow each other somewhere.
    func containsPhrase(_ phrase: [UInt64]) -> Bool {
        guard phrase.count <= words.count else { return false }
        for start in 0...(words.count - phrase.count) where words[start] == phrase[0] {
            if phraseMatches(phrase, at: start) { return true }
        }
        return false
    }

    @inline(__always)
    func phraseMatches(_ phrase: [UInt64], at start: Int) -> Bool {
        guard start + phrase.count <= words.count else { return false }
        for offset in 1..<phrase.count where words[start + offset] != phrase[offset] { return false }
        return true
    }

    /// A handle in the text matches a handle term when the names agree and the instances do
    /// not contradict each other (either may be absent).
    @inline(__always)
    func matches(_ handle: Handle, user: UInt64, instance: UInt64) -> Bool {
        handle.user == user && (instance == 0 || handle.instance == 0 || handle.instance == instance)
    }
}
