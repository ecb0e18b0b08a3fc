/// Runs a workspace's watch queries over many texts, reading each text once for all of them.
///
/// ```swift
/// let matcher = WatchTermMatcher([(id: 1, query: brand), (id: 2, query: competitor)])
/// matcher.matches(in: "Meilleur que le Fournil Dubois, Mélisse !")  // [1, 2]
/// ```
///
/// How: the queries' distinct terms are indexed by their first word (phrases), their tag
/// (hashtags, and phrases written together as a tag) and their user name (handles). A text is
/// tokenised once; each word looks up the terms that start with it, which tells which terms are
/// present; only the queries that use one of those terms are evaluated. A query needs at least
/// one of its terms to be present to match (queries that only exclude are refused when parsed),
/// so the others are skipped without a look: the cost per text grows with its length and the
/// number of terms it mentions, not with the number of queries.
public struct WatchTermMatcher: Sendable {
    private struct CompiledQuery: Sendable {
        var id: Int64
        var root: WatchQueryNode
        /// Global term id of each of the query's own terms.
        var termIDs: [Int32]
    }

    private var queries: [CompiledQuery] = []
    private var terms: [WatchQueryTerm] = []
    /// Phrases (one word or more) by their first word.
    private var byFirstWord: [UInt64: [Int32]] = [:]
    /// Hashtag terms by tag, and phrases of two words or more by their words written together.
    private var byTag: [UInt64: [Int32]] = [:]
    /// Handle terms by user name.
    private var byUser: [UInt64: [Int32]] = [:]
    /// For each term, the queries (indexes into `queries`) that use it.
    private var queriesUsing: [[Int32]] = []

    /// The queries with the ids the caller knows them by (a watch term's row id).
    public init(_ queries: [(id: Int64, query: WatchQuery)]) {
        var termIDs: [WatchQueryTerm: Int32] = [:]
        for (queryIndex, entry) in queries.enumerated() {
            var ids: [Int32] = []
            for term in entry.query.terms {
                let id: Int32
                if let existing = termIDs[term] {
                    id = existing
                } else {
                    id = Int32(terms.count)
                    termIDs[term] = id
                    terms.append(term)
                    queriesUsing.append([])
                    switch term {
                    case .phrase(let words, let joined):
                        byFirstWord[words[0], default: []].append(id)
                        if words.count > 1 { byTag[joined, default: []].append(id) }
                    case .hashtag(let tag):
                        byTag[tag, default: []].append(id)
                    case .handle(let user, _):
                        byUser[user, default: []].append(id)
                    }
                }
                ids.append(id)
                if queriesUsing[Int(id)].last != Int32(queryIndex) { queriesUsing[Int(id)].append(Int32(queryIndex)) }
            }
            self.queries.append(CompiledQuery(id: entry.id, root: entry.query.root, termIDs: ids))
        }
    }

    /// The number of queries.
    public var count: Int { queries.count }

    /// The ids of the queries a text matches, in the order the queries were given.
    public func matches(in text: String) -> [Int64] {
        let words = WatchText(text)
        var present: [Int32] = []
        for (position, word) in words.words.enumerated() where word != WatchText.barrier {
            guard let candidates = byFirstWord[word] else { continue }
            for id in candidates {
                guard case .phrase(let phrase, _) = terms[Int(id)] else { continue }
                if phrase.count == 1 || words.phraseMatches(phrase, at: position) { present.append(id) }
            }
        }
        for tag in words.hashtags {
            guard let candidates = byTag[tag] else { continue }
            present.append(contentsOf: candidates)
        }
        for handle in words.handles {
            guard let candidates = byUser[handle.user] else { continue }
            for id in candidates {
                guard case .handle(let user, let instance) = terms[Int(id)],
                      words.matches(handle, user: user, instance: instance)
                else { continue }
                present.append(id)
            }
        }
        guard !present.isEmpty else { return [] }
        present.sort()
        present = Self.unique(present)

        var candidates: [Int32] = []
        for id in present { candidates.append(contentsOf: queriesUsing[Int(id)]) }
        candidates.sort()
        var matched: [Int64] = []
        for queryIndex in Self.unique(candidates) {
            let query = queries[Int(queryIndex)]
            let isMatch = query.root.evaluate { local in
                Self.sortedContains(present, query.termIDs[local])
            }
            if isMatch { matched.append(query.id) }
        }
        return matched
    }

    private static func unique(_ sorted: [Int32]) -> [Int32] {
        var result: [Int32] = []
        result.reserveCapacity(sorted.count)
        for value in sorted where value != result.last { result.append(value) }
        return result
    }

    private static func sortedContains(_ sorted: [Int32], _ value: Int32) -> Bool {
        var low = 0
        var high = sorted.count
        while low < high {
            let middle = (low + high) / 2
            if sorted[middle] < value { low = middle + 1 } else { high = middle }
        }
        return low < sorted.count && sorted[low] == value
    }
}
