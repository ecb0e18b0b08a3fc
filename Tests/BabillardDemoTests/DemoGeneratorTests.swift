import BabillardCore
import BabillardDemo
import BabillardIngest
import Foundation
import Testing

// MARK: - Facts gathered from one generation

/// The end of the demo's year in every test.
private let demoTestNow = Timestamp(epochMilliseconds: 1_750_000_000_000)  // 2025-06-15T15:06:40Z

/// What a generated workspace looks like, gathered in one pass over the records.
private struct DemoFacts {
    var items = 0
    var actorRecords = 0
    var kinds: [ItemKind: Int] = [:]
    var platforms: [String: Int] = [:]
    var languages: [String: Int] = [:]
    var duplicateIDs: [String] = []
    /// Links (parent, root, reshare-of) to items not emitted before.
    var danglingLinks: [String] = []
    var authorsNotIntroduced: [String] = []
    var outOfPeriod: [String] = []
    /// Per original post, reshares and quotes reaching it through any chain (originals reshared at least once).
    var cascadeSizes: [Int] = []
    var deepestCascade = 0
    var socialOriginals = 0
    var neverReshared = 0
    /// Customers' posts and reviews about deliveries, and 1–2 star reviews, by week from the bad week's Monday.
    var complaintsByWeek: [Int: Int] = [:]
    var lowReviewsByWeek: [Int: Int] = [:]
    /// Referral code → the authors whose items mention it.
    var referralAuthors: [String: Set<String>] = [:]
    /// Items whose counts disagree with the children emitted after them.
    var countMismatches: [String] = []
    var firstTexts: [String] = []
}

private func demoTestKey(_ platform: Platform, _ id: String) -> String { platform.rawValue + " " + id }

/// Stems of the bad week's complaints (livraison, livrée, livreur…), compared without case or accents.
private let deliveryComplaintWords = ["froid", "retard", "livr", "rembours", "deliver", "cold", "refund"]

private func gatherDemoFacts(_ generator: DemoGenerator) -> DemoFacts {
    var facts = DemoFacts()
    let period = generator.period
    let spikeStart = generator.negativeSpikeWeek.lowerBound.epochMilliseconds
    let week: Int64 = 7 * 86_400_000
    let brandIDs = Set(generator.brandAccounts.map { demoTestKey($0.platform, $0.externalID) })
    var seenItems = Set<String>()
    var seenActors = Set<String>()
    var originOf: [String: String] = [:]
    var depthOf: [String: Int] = [:]
    var cascade: [String: Int] = [:]
    var originals: [String] = []
    var counted: [String: EngagementCounts] = [:]
    var blogPosts = Set<String>()
    var replies: [String: Int] = [:]
    var reshares: [String: Int] = [:]
    var quotes: [String: Int] = [:]
    var publishedComments: [String: Int] = [:]

    generator.generate { record in
        switch record {
        case .actor(let actor):
            facts.actorRecords += 1
            seenActors.insert(demoTestKey(actor.platform, actor.externalID))
        case .item(let item):
            facts.items += 1
            let key = demoTestKey(item.platform, item.externalID)
            if !seenItems.insert(key).inserted { facts.duplicateIDs.append(key) }
            facts.kinds[item.kind, default: 0] += 1
            facts.platforms[item.platform.rawValue, default: 0] += 1
            if let language = item.language { facts.languages[language, default: 0] += 1 }
            if facts.firstTexts.count < 20 { facts.firstTexts.append(item.text) }
            if let author = item.author, !seenActors.contains(demoTestKey(author.platform, author.externalID)) {
                facts.authorsNotIntroduced.append(author.externalID)
            }
            guard let created = item.createdAt, period.contains(created) else {
                facts.outOfPeriod.append(key)
                return
            }
            for link in [item.parentExternalID, item.rootExternalID, item.reshareOfExternalID] {
                if let link, !seenItems.contains(demoTestKey(item.platform, link)) { facts.danglingLinks.append(link) }
            }
            // Cascades: follow reshare-of links to the original.
            if let via = item.reshareOfExternalID {
                let viaKey = demoTestKey(item.platform, via)
                let origin = originOf[viaKey] ?? viaKey
                originOf[key] = origin
                cascade[origin, default: 0] += 1
                let depth = (depthOf[viaKey] ?? 0) + 1
                depthOf[key] = depth
                facts.deepestCascade = max(facts.deepestCascade, depth)
                if item.kind == .reshare { reshares[viaKey, default: 0] += 1 }
                if item.kind == .quote { quotes[viaKey, default: 0] += 1 }
            }
            if item.kind == .post || item.kind == .mention, item.platform == .mastodon || item.platform == .bluesky {
                originals.append(key)
            }
            if let parent = item.parentExternalID { replies[demoTestKey(item.platform, parent), default: 0] += 1 }
            if item.kind == .comment, item.platform == .blog, item.status == .published, let root = item.rootExternalID {
                publishedComments[demoTestKey(item.platform, root), default: 0] += 1
            }
            if item.kind == .post, item.platform == .blog { blogPosts.insert(key) }
            if let engagement = item.engagement { counted[key] = engagement }

            // The bad week.
            let weekIndex = Int((created.epochMilliseconds - spikeStart).floorDivided(by: week))
            let byBrand = item.author.map { brandIDs.contains(demoTestKey($0.platform, $0.externalID)) } ?? false
            let folded = item.text.folding(options: [.caseInsensitive, .diacriticInsensitive], locale: nil).lowercased()
            // Only what customers start (their posts and reviews), not the answers under the bakery's apology.
            if !byBrand, item.kind == .mention || item.kind == .review, deliveryComplaintWords.contains(where: { folded.contains($0) }) {
                facts.complaintsByWeek[weekIndex, default: 0] += 1
            }
            if item.kind == .review, let rating = item.rating, rating <= 2 { facts.lowReviewsByWeek[weekIndex, default: 0] += 1 }

            // Referral codes: MELISSE- followed by capitals and digits.
            var rest = Substring(item.text)
            while let range = rest.range(of: generator.referralCodePrefix) {
                let tail = rest[range.upperBound...].prefix { $0.isASCII && ($0.isUppercase || $0.isNumber) }
                if !tail.isEmpty, let author = item.author {
                    facts.referralAuthors[generator.referralCodePrefix + tail, default: []].insert(author.externalID)
                }
                rest = rest[range.upperBound...]
            }
        default:
            break
        }
    }

    for original in originals {
        if let size = cascade[original] { facts.cascadeSizes.append(size) } else { facts.neverReshared += 1 }
    }
    facts.socialOriginals = originals.count
    facts.cascadeSizes.sort()
    for (key, engagement) in counted {
        if blogPosts.contains(key) {
            if engagement.replies != publishedComments[key, default: 0] { facts.countMismatches.append(key) }
            continue
        }
        if let count = engagement.replies, count != replies[key, default: 0] { facts.countMismatches.append(key) }
        if let count = engagement.reshares, count != reshares[key, default: 0] { facts.countMismatches.append(key) }
        if let count = engagement.quotes, count != quotes[key, default: 0] { facts.countMismatches.append(key) }
    }
    return facts
}

extension Int64 {
    fileprivate func floorDivided(by divisor: Int64) -> Int64 {
        let q = self / divisor
        return (self % divisor != 0 && (self < 0) != (divisor < 0)) ? q - 1 : q
    }
}

/// The workspaces most tests look at, generated once (seed 42) and shared by the tests.
private enum DemoTestWorkspaces {
    static let small = gatherDemoFacts(generator(itemCount: 1_000))
    static let large = gatherDemoFacts(generator(itemCount: 50_000))

    static func generator(itemCount: Int) -> DemoGenerator {
        DemoGenerator(DemoConfiguration(seed: 42, itemCount: itemCount, now: demoTestNow))
    }

    static func facts(itemCount: Int) -> DemoFacts {
        itemCount == 1_000 ? small : large
    }
}

private func demoTestRecords(seed: UInt64, count: Int) -> [IngestRecord] {
    var records: [IngestRecord] = []
    DemoGenerator(DemoConfiguration(seed: seed, itemCount: count, now: demoTestNow)).generate { records.append($0) }
    return records
}

// MARK: - The demo workspace

@Suite("Demo generator")
struct DemoGeneratorTests {
    @Test func sameSeedGivesTheSameRecords() {
        let first = demoTestRecords(seed: 7, count: 1_000)
        let second = demoTestRecords(seed: 7, count: 1_000)
        #expect(first.count > 1_000)
        #expect(first == second)
    }

    @Test func differentSeedsGiveDifferentWorkspaces() {
        let first = demoTestRecords(seed: 7, count: 1_000)
        let second = demoTestRecords(seed: 8, count: 1_000)
        #expect(first != second)
        func texts(_ records: [IngestRecord]) -> [String] {
            records.compactMap { if case .item(let item) = $0 { return item.text } else { return nil } }
        }
        #expect(texts(first) != texts(second))
    }

    @Test(arguments: [1_000, 50_000])
    func generatesAConsistentWorkspace(itemCount: Int) {
        let facts = DemoTestWorkspaces.facts(itemCount: itemCount)

        #expect(facts.items == itemCount)
        #expect(facts.actorRecords > 0)
        #expect(facts.duplicateIDs.isEmpty, "duplicate ids: \(facts.duplicateIDs.prefix(5))")
        #expect(facts.danglingLinks.isEmpty, "links to items not emitted before: \(facts.danglingLinks.prefix(5))")
        #expect(facts.authorsNotIntroduced.isEmpty, "authors without a profile first: \(facts.authorsNotIntroduced.prefix(5))")
        #expect(facts.outOfPeriod.isEmpty, "items outside the year before now: \(facts.outOfPeriod.prefix(5))")
        #expect(facts.countMismatches.isEmpty, "counts that disagree with the children: \(facts.countMismatches.prefix(5))")

        for kind in [ItemKind.post, .comment, .reply, .reshare, .quote, .review, .checkin, .mention] {
            #expect(facts.kinds[kind, default: 0] > 0, "no \(kind) in \(itemCount) items")
        }
        for platform in ["blog", "mastodon", "bluesky", "google", "tripadvisor", "foursquare"] {
            #expect(facts.platforms[platform, default: 0] > 0, "nothing on \(platform)")
        }
        // French first, some English.
        let french = facts.languages["fr", default: 0]
        let english = facts.languages["en", default: 0]
        #expect(english > 0)
        #expect(french > english)
    }

    @Test(arguments: [(1_000, 5), (50_000, 20)])
    func cascadesAreHeavyTailed(itemCount: Int, ratio: Int) throws {
        let facts = DemoTestWorkspaces.facts(itemCount: itemCount)
        // Most posts are never reshared; among those that are, the largest cascade dwarfs the median.
        #expect(facts.neverReshared * 2 > facts.socialOriginals)
        let sizes = facts.cascadeSizes
        try #require(!sizes.isEmpty)
        let median = sizes[sizes.count / 2]
        let largest = sizes[sizes.count - 1]
        #expect(largest >= ratio * median, "largest cascade \(largest), median \(median)")
        // Person-to-person chains reach deep.
        #expect(facts.deepestCascade >= 5)
    }

    @Test(arguments: [1_000, 50_000])
    func theBadWeekHasMoreComplaintsThanAnAverageWeek(itemCount: Int) {
        let generator = DemoTestWorkspaces.generator(itemCount: itemCount)
        let facts = DemoTestWorkspaces.facts(itemCount: itemCount)
        let spikeWeek = facts.complaintsByWeek[0, default: 0]
        let others = facts.complaintsByWeek.filter { $0.key != 0 }.map(\.value).reduce(0, +)
        let averageWeek = Double(others) / 51
        #expect(Double(spikeWeek) > 3 * max(averageWeek, 1), "bad week \(spikeWeek), average week \(averageWeek)")
        if itemCount >= 50_000 {
            #expect(Double(spikeWeek) > 10 * averageWeek, "bad week \(spikeWeek), average week \(averageWeek)")
        }
        let lowReviews = facts.lowReviewsByWeek[0, default: 0]
        let otherLowReviews = Double(facts.lowReviewsByWeek.filter { $0.key != 0 }.map(\.value).reduce(0, +)) / 51
        if itemCount >= 50_000 {
            #expect(Double(lowReviews) > 2 * otherLowReviews, "bad week \(lowReviews) low reviews, average \(otherLowReviews)")
        }
        #expect(generator.negativeSpikeWeek.lowerBound > generator.period.lowerBound)
        #expect(generator.negativeSpikeWeek.upperBound < generator.period.upperBound)
    }

    @Test func referralCodesPassFromFriendToFriend() {
        let facts = DemoTestWorkspaces.large
        #expect(facts.referralAuthors.count > 20)
        // A code shared by one person and used by others is an invitation.
        let invitations = facts.referralAuthors.values.filter { $0.count >= 2 }.count
        #expect(invitations > 10)
        #expect(facts.referralAuthors.keys.allSatisfy { $0.hasPrefix("MELISSE-") && $0.count > "MELISSE-".count })
    }

    @Test func textsAreVaried() {
        var texts: [String] = []
        DemoGenerator(DemoConfiguration(seed: 3, itemCount: 20_000, now: demoTestNow)).generate { record in
            if case .item(let item) = record, !item.text.isEmpty { texts.append(item.text) }
        }
        let all = texts.joined(separator: "\n")
        #expect(all.contains("é") && all.contains("à") && all.contains("ç"))
        #expect(all.contains("Mélisse") && all.contains("Melisse"))  // with and without accents
        #expect(texts.contains { $0.count > 12 && $0 == $0.uppercased() && $0 != $0.lowercased() })  // shouting
        #expect(all.contains("#boulangerie") || all.contains("#croissant"))
        #expect(all.contains("🥐"))
        #expect(all.contains("Le Fournil Saint-Denis") && all.contains("Miettes & Cie"))
        #expect(Set(texts).count > texts.count / 4)
    }

    @Test func smallAndEmptyRequests() {
        for count in [0, 1, 10] {
            var items = 0
            DemoGenerator(DemoConfiguration(seed: 1, itemCount: count, now: demoTestNow)).generate { record in
                if case .item = record { items += 1 }
            }
            #expect(items == count)
        }
    }

    @Test func summaryNamesTheBusinessAndItsWeek() {
        let generator = DemoGenerator(DemoConfiguration(seed: 42, itemCount: 5_000, now: demoTestNow))
        #expect(generator.businessName == "Boulangerie Mélisse")
        #expect(generator.competitorNames.count == 2)
        #expect(generator.period.upperBound == demoTestNow)
        #expect(generator.summary.contains("Boulangerie Mélisse"))
        #expect(generator.summary.contains(String(generator.negativeSpikeWeek.lowerBound.iso8601UTC.prefix(10))))
    }
}

// MARK: - Mastodon status lines for the import benchmark

@Suite("Mastodon status lines")
struct MastodonStatusLinesTests {
    private func statusLines(seed: UInt64, count: Int) -> [String] {
        var lines: [String] = []
        MastodonStatusLines(seed: seed, count: count, now: demoTestNow).write { lines.append($0) }
        return lines
    }

    @Test func everyLineIsAMastodonStatus() throws {
        let lines = statusLines(seed: 5, count: 500)
        #expect(lines.count == 500)
        var ids = Set<String>()
        var previous: Timestamp? = nil
        var replies = 0
        for line in lines {
            let status = try JSONParser.parse(line)
            for key in [
                "id", "uri", "url", "created_at", "in_reply_to_id", "in_reply_to_account_id", "sensitive", "spoiler_text",
                "visibility", "language", "replies_count", "reblogs_count", "favourites_count", "edited_at", "content", "reblog",
                "account", "tags", "mentions", "media_attachments", "emojis",
            ] {
                #expect(status[key] != nil, "no \(key) in \(line)")
            }
            for key in ["id", "username", "acct", "display_name", "url", "uri", "followers_count", "following_count", "bot", "created_at"] {
                #expect(status.at("account", key) != nil, "no account.\(key)")
            }
            let id = try #require(status["id"]?.string)
            #expect(ids.insert(id).inserted)
            let created = try #require(status["created_at"]?.string)
            #expect(created.count == 24 && created.hasSuffix("Z"), "created_at \(created) is not ISO 8601 with milliseconds")
            let stamp = try #require(Timestamp(iso8601: created))
            #expect(stamp < demoTestNow)
            if let previous { #expect(previous <= stamp) }
            previous = stamp
            #expect(status["reblog"]?.isNull == true)
            #expect(status["content"]?.string?.hasPrefix("<p>") == true)
            #expect(status["uri"]?.string?.hasSuffix("/statuses/" + id) == true)
            if let parent = status["in_reply_to_id"]?.string {
                replies += 1
                #expect(ids.contains(parent), "a reply to a status not written before")
                #expect(status["in_reply_to_account_id"]?.string != nil)
                #expect(status["mentions"]?.array?.count == 1)
            }
            for tag in status["tags"]?.array ?? [] {
                #expect(tag["name"]?.string != nil && tag["url"]?.string?.contains("/tags/") == true)
            }
        }
        #expect(replies > 50)
    }

    @Test func sameSeedSameLines() {
        #expect(statusLines(seed: 9, count: 200) == statusLines(seed: 9, count: 200))
        #expect(statusLines(seed: 9, count: 200) != statusLines(seed: 10, count: 200))
    }

    @Test func theMastodonReaderReadsThem() throws {
        let text = statusLines(seed: 2, count: 300).joined(separator: "\n") + "\n"
        var items = 0
        var rejected = 0
        try MastodonReader().read(ReaderInput(data: Data(text.utf8), name: "statuses.jsonl")) { record in
            switch record {
            case .item: items += 1
            case .rejected: rejected += 1
            default: break
            }
        }
        #expect(items == 300)
        #expect(rejected == 0)
    }
}
