import BabillardTestSupport
import BabillardText
import Foundation
import Testing

/// SplitMix64: a small seeded generator, so that the random fingerprints are the same on every run.
private struct NearDuplicateTestRandom {
    var state: UInt64

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

/// What the grouper must do, the slow way: compare with every earlier group's first item.
private func nearDuplicateBruteForce(_ fingerprints: [UInt64], maximumDistance: Int) -> [Int64?] {
    var representatives: [(id: Int64, fingerprint: UInt64)] = []
    var answers: [Int64?] = []
    for (index, fingerprint) in fingerprints.enumerated() {
        var best: (id: Int64, distance: Int)? = nil
        for representative in representatives {
            let distance = (representative.fingerprint ^ fingerprint).nonzeroBitCount
            if distance <= maximumDistance, distance < best?.distance ?? Int.max { best = (representative.id, distance) }
        }
        answers.append(best?.id)
        if best == nil { representatives.append((Int64(index), fingerprint)) }
    }
    return answers
}

@Suite("Near-duplicate fingerprints and grouping")
struct NearDuplicateTests {
    // Reference values computed by an independent Python implementation of the same algorithm
    // (FNV-1a words, MurmurHash3 finaliser, set of 3-word shingles).
    @Test("Fingerprints are stable across runs and machines")
    func stableValues() {
        #expect(NearDuplicateFingerprint.simHash("Toot!") == 6_855_290_601_178_911_953)
        #expect(NearDuplicateFingerprint.simHash("Ma démarche est différente") == 9_013_815_382_730_429_871)
        #expect(NearDuplicateFingerprint.simHash("😍😍") == 12_966_618_336_356_944_917)
    }

    @Test("Case, accents, punctuation, links, handles and a retweet marker do not change the fingerprint")
    func normalisation() {
        let plain = NearDuplicateFingerprint.simHash("UGH! I HATE getting blood drawn!!!")
        #expect(plain == 2_106_418_868_535_381_099)
        #expect(NearDuplicateFingerprint.simHash("RT @someone: ugh. i hate getting blood drawn. https://t.co/x") == plain)
        let accented = NearDuplicateFingerprint.simHash("Ma démarche est différente")
        #expect(NearDuplicateFingerprint.simHash("MA DEMARCHE EST DIFFERENTE") == accented)
        // Decomposed accents (e + U+0301) are the same word as composed ones.
        #expect(NearDuplicateFingerprint.simHash("Ma de\u{301}marche est diffe\u{301}rente") == accented)
    }

    @Test("Empty text has fingerprint 0; emoji-only text has its own")
    func emptyAndEmoji() {
        #expect(NearDuplicateFingerprint.simHash("") == 0)
        #expect(NearDuplicateFingerprint.simHash(" \n\t ") == 0)
        let hearts = NearDuplicateFingerprint.simHash("😍😍")
        #expect(hearts != 0)
        #expect(hearts != NearDuplicateFingerprint.simHash("😡😡"))
        #expect(NearDuplicateFingerprint.simHash("👍") != 0)
    }

    @Test("Short texts that share only some words are far apart")
    func shortTextsApart() {
        // Two shingles each, one in common: a tie-break by one shingle would make them equal.
        let distance = NearDuplicateFingerprint.distance(
            NearDuplicateFingerprint.simHash("I love that song"), NearDuplicateFingerprint.simHash("freaking love that song"))
        #expect(distance == 30)
    }

    @Test("The grouper returns the group's first item and never groups fingerprint 0")
    func grouperBasics() {
        var grouper = NearDuplicateGrouper()
        let first = NearDuplicateFingerprint.simHash("Les croissants de Mélisse sont les meilleurs du quartier")
        let repost = NearDuplicateFingerprint.simHash("RT @julie: les croissants de MÉLISSE sont les meilleurs du quartier !!! https://t.co/abc")
        let other = NearDuplicateFingerprint.simHash("Le Fournil Dubois ouvre une deuxième boutique rue Saint-Denis")
        #expect(grouper.add(id: 10, fingerprint: first) == nil)
        #expect(grouper.add(id: 11, fingerprint: other) == nil)
        #expect(grouper.add(id: 12, fingerprint: repost) == 10)
        #expect(grouper.group(of: repost) == 10)
        #expect(grouper.add(id: 13, fingerprint: 0) == nil)
        #expect(grouper.add(id: 14, fingerprint: 0) == nil)
        #expect(grouper.representatives == [10, 11])
        #expect(grouper.itemCount == 5)
    }

    @Test("Banding finds exactly what comparing with every group finds", arguments: [0, 3, 5])
    func grouperMatchesBruteForce(maximumDistance: Int) {
        var random = NearDuplicateTestRandom(state: 2024 + UInt64(maximumDistance))
        var fingerprints: [UInt64] = []
        for index in 0..<3000 {
            if index < 300 || random.next() % 3 == 0 {
                fingerprints.append(random.next() | 1)
            } else {
                // A near copy of an earlier item: 0 to 7 bits flipped.
                var copy = fingerprints[Int(random.next() % UInt64(fingerprints.count))]
                for _ in 0..<Int(random.next() % 8) { copy ^= 1 << (random.next() % 64) }
                fingerprints.append(copy == 0 ? 1 : copy)
            }
        }
        var grouper = NearDuplicateGrouper(maximumDistance: maximumDistance)
        let answers = fingerprints.enumerated().map { grouper.add(id: Int64($0.offset), fingerprint: $0.element) }
        let expected = nearDuplicateBruteForce(fingerprints, maximumDistance: maximumDistance)
        #expect(answers == expected)
        #expect(answers.contains { $0 != nil })
        #expect(answers.contains { $0 == nil })
    }

    @Test("A repeated paragraph is found, short lines are left out")
    func repeatedParagraphInline() throws {
        let text = """
            Première ligne du billet, assez longue pour compter comme un paragraphe.
            Le Croissant aux amandes de Mélisse est le meilleur de tout le quartier, vraiment.
            - Court
            Une autre idée qui n'a rien à voir avec la précédente, sur les horaires d'ouverture.
            le croissant aux amandes de MELISSE est le meilleur de tout le quartier... vraiment !
            """
        let paragraphs = NearDuplicateFingerprint.paragraphs(text)
        #expect(paragraphs.map(\.wordCount) == [11, 14, 17, 14])
        let repeated = NearDuplicateFingerprint.repeatedParagraphs(in: text)
        try #require(repeated.count == 1)
        #expect(text[repeated[0].original].hasPrefix("Le Croissant aux amandes"))
        #expect(text[repeated[0].repetition].hasPrefix("le croissant aux amandes de MELISSE"))
        #expect(repeated[0].distance == 0)
        #expect(NearDuplicateFingerprint.repeatedParagraphs(in: "Un seul paragraphe ici, qui ne se répète jamais nulle part.").isEmpty)
    }

    @Test("A long text (more than 64 paragraphs) finds its repeats too")
    func repeatedParagraphsLongText() throws {
        let vocabulary = [
            "croissant", "amandes", "boulangerie", "pain", "levain", "farine", "beurre", "sucre", "tarte", "fraises",
            "matin", "quartier", "client", "vitrine", "four", "pâte", "brioche", "chocolat", "café", "sourire",
            "dimanche", "marché", "recette", "goût", "croûte", "mie", "prix", "file", "attente", "équipe",
        ]
        var random = NearDuplicateTestRandom(state: 7)
        var paragraphs: [String] = []
        for _ in 0..<80 {
            paragraphs.append((0..<12).map { _ in vocabulary[Int(random.next() % UInt64(vocabulary.count))] }.joined(separator: " "))
        }
        // Paragraphs 10, 20 and 30 come back, shouted, at the end.
        for index in [10, 20, 30] { paragraphs.append(paragraphs[index].uppercased() + " !") }
        let text = paragraphs.joined(separator: "\n")
        let repeated = NearDuplicateFingerprint.repeatedParagraphs(in: text)
        #expect(repeated.count == 3)
        for (found, index) in zip(repeated, [10, 20, 30]) {
            #expect(String(text[found.original]) == paragraphs[index])
            #expect(found.distance == 0)
        }
    }
}

@Suite("Near-duplicates on shared data", .enabled(if: SharedData.isAvailable, Comment(rawValue: SharedData.skipMessage)))
struct NearDuplicateSharedDataTests {
    private func seedPost(_ name: String) throws -> String {
        let root = try #require(SharedData.corpusRoot)
        return try String(contentsOf: root.appendingPathComponent("seed-posts/\(name)"), encoding: .utf8)
    }

    private static let seedPostNames = [
        "000_024d2c302ab5018f.txt", "001_41bf4b1b2c5379ad.txt", "002_394cbb908a0e5f50.txt",
        "003_1a486e0cc950aea0.txt", "004_056766ecb1bdd02f.txt",
    ]

    @Test("Seed post 004 repeats its second paragraph as its third")
    func seedPostRepeat() throws {
        let text = try seedPost("004_056766ecb1bdd02f.txt")
        let repeated = NearDuplicateFingerprint.repeatedParagraphs(in: text)
        try #require(repeated.count == 1)
        let found = repeated[0]
        #expect(found.distance == 0)
        #expect(text[found.original].hasPrefix("Ma démarche est différente"))
        #expect(text[found.original] == text[found.repetition])
        // Checked with Python: the paragraph (385 characters) starts at byte 374 and again at byte 779.
        #expect(text.utf8.distance(from: text.startIndex, to: found.original.lowerBound) == 374)
        #expect(text.utf8.distance(from: text.startIndex, to: found.repetition.lowerBound) == 779)
        #expect(text[found.original].unicodeScalars.count == 385)
        // The full analysis says so; the four other seed posts repeat nothing of their own.
        let analyzer = try TextAnalyzer()
        #expect(analyzer.analyze(text).repeatedParagraphs == 1)
        for name in Self.seedPostNames where name != "004_056766ecb1bdd02f.txt" {
            #expect(analyzer.analyze(try seedPost(name)).repeatedParagraphs == 0, "\(name)")
        }
    }

    @Test("Across the five seed posts, only identical paragraphs are grouped")
    func seedPostsParagraphs() throws {
        var paragraphs: [(post: String, text: Substring, fingerprint: UInt64)] = []
        for name in Self.seedPostNames {
            let text = try seedPost(name)
            for paragraph in NearDuplicateFingerprint.paragraphs(text) {
                paragraphs.append((name, text[paragraph.range], paragraph.fingerprint))
            }
        }
        // Lines of 8 words or more, counted with Python.
        #expect(paragraphs.count == 69)
        var grouper = NearDuplicateGrouper()
        var grouped: [(Int, Int)] = []
        for (index, paragraph) in paragraphs.enumerated() {
            if let first = grouper.add(id: Int64(index), fingerprint: paragraph.fingerprint) { grouped.append((Int(first), index)) }
        }
        // 004's repeated paragraph, and the six paragraphs of the comment form that 002 and 003 share.
        #expect(grouped.count == 7)
        for (first, later) in grouped {
            #expect(paragraphs[first].text == paragraphs[later].text)
        }
        #expect(grouped.filter { paragraphs[$0.0].post == "002_394cbb908a0e5f50.txt" && paragraphs[$0.1].post == "003_1a486e0cc950aea0.txt" }.count == 6)
        // Different paragraphs are far from the threshold of 3 bits (14 measured).
        var closest = 64
        for i in paragraphs.indices {
            for j in paragraphs.indices where j > i && paragraphs[i].text != paragraphs[j].text {
                closest = min(closest, NearDuplicateFingerprint.distance(paragraphs[i].fingerprint, paragraphs[j].fingerprint))
            }
        }
        #expect(closest >= 10)
    }

    @Test("VADER tweets: the re-punctuated and re-cased copies are grouped, edited ones are not")
    func vaderTweets() throws {
        let url = try #require(SharedData.url("sentiment/en/vader-ground-truth/tweets_GroundTruth.txt"))
        let lines = try String(contentsOf: url, encoding: .utf8).split(whereSeparator: \.isNewline)
        var tweets: [Int64: String] = [:]
        var grouper = NearDuplicateGrouper()
        var groupOf: [Int64: Int64] = [:]
        for line in lines {
            let fields = line.split(separator: "\t", maxSplits: 2, omittingEmptySubsequences: false)
            let id = try #require(Int64(fields[0]))
            tweets[id] = String(fields[2])
            if let first = grouper.add(id: id, fingerprint: NearDuplicateFingerprint.simHash(String(fields[2]))) {
                groupOf[id] = first
            }
        }
        #expect(tweets.count == 4200)
        // Counted with Python: 158 tweets have the same folded words as an earlier one, in 37 groups.
        #expect(groupOf.count == 158)
        #expect(Set(groupOf.values).count == 37)
        #expect(grouper.representatives.count == 4042)
        // "UGH!!! I HATE HATE HATE getting blood drawn!!!" is tweet 9 shouted.
        #expect(groupOf[3865] == 9)
        #expect(groupOf[3861] == 9)
        // "@anonymous @anonymous @anonymous I love that song." is 1253 with more handles.
        #expect(groupOf[2888] == 1253)
        // One word removed (3206: "total mess" for "total fucking mess") or added (1849: "Super sad"):
        // 6 to 16 bits away, not grouped at 3.
        #expect(groupOf[3206] == nil)
        #expect(groupOf[1849] == nil)
        #expect(groupOf[3187] == nil)  // "freaking love that song", not "I love that song"
    }
}
