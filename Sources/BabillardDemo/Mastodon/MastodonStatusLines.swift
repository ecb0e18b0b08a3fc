import BabillardCore
import Foundation

/// Mastodon REST API statuses, one JSON object per line, for the import benchmark: the shape
/// `GET /api/v1/statuses/:id` returns (Mastodon 4.x), about the demo's bakery, from the point
/// of view of the server `mstdn.ca` (accounts elsewhere have `acct` = `user@instance`).
///
/// Statuses come in time order over the twelve months before `now`; about a third are replies
/// to a recent status, with the mention in `mentions` and at the start of the HTML content.
/// Hashtags are links in the content and entries in `tags`. The same seed gives the same bytes.
///
/// ```swift
/// FileManager.default.createFile(atPath: path, contents: nil)
/// let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: path))
/// try MastodonStatusLines(seed: 1, count: 1_000_000, now: now).write(to: handle)
/// ```
public struct MastodonStatusLines: Sendable {
    public let seed: UInt64
    public let count: Int
    public let now: Timestamp

    public init(seed: UInt64, count: Int, now: Timestamp) {
        self.seed = seed
        self.count = max(count, 0)
        self.now = now
    }

    /// Writes every line, each ending with "\n", in chunks of about a megabyte.
    public func write(to handle: FileHandle) throws {
        var chunk: [UInt8] = []
        chunk.reserveCapacity(1 << 20 + 8192)
        try forEachLine { line in
            chunk.append(contentsOf: line)
            chunk.append(0x0A)
            if chunk.count >= 1 << 20 {
                try handle.write(contentsOf: chunk)
                chunk.removeAll(keepingCapacity: true)
            }
        }
        if !chunk.isEmpty { try handle.write(contentsOf: chunk) }
    }

    /// Hands each line (without its "\n") to `emit`.
    public func write(_ emit: (String) throws -> Void) rethrows {
        try forEachLine { line in try emit(String(decoding: line, as: UTF8.self)) }
    }

    /// Hands each line's UTF-8 bytes (without "\n"); the buffer is only valid during the call.
    func forEachLine(_ body: (UnsafeBufferPointer<UInt8>) throws -> Void) rethrows {
        var writer = MastodonStatusWriter(seed: seed, count: count, now: now)
        var line: [UInt8] = []
        line.reserveCapacity(4096)
        for index in 0..<count {
            line.removeAll(keepingCapacity: true)
            writer.writeStatus(number: index, into: &line)
            try line.withUnsafeBufferPointer { try body($0) }
        }
    }
}

/// The state behind `MastodonStatusLines`: the clock, the people, and the recent statuses
/// that replies can answer.
struct MastodonStatusWriter {
    private static let server = "mstdn.ca"
    private let count: Int
    private let calendar: DemoCalendar
    private let population: DemoPopulation
    private var random: DemoRandom
    private var clock = ThreadClock()
    private var serial: UInt64 = 0
    private var tags: [String] = []

    private struct Recent {
        let id: String
        let account: Account
    }

    private struct Account {
        let id: String
        let username: String
        let acct: String
        let url: String
        let uri: String
        let displayName: String
        let followers: Int
        let following: Int
        let bot: Bool
        let createdAt: String
        let english: Bool
        let firstName: String
    }

    /// The last statuses, to answer (a ring).
    private var recent: [Recent] = []
    private var recentCursor = 0
    private static let recentCapacity = 1024

    init(seed: UInt64, count: Int, now: Timestamp) {
        self.count = count
        calendar = DemoCalendar(now: now.epochMilliseconds, seed: seed)
        population = DemoPopulation(itemCount: count, seed: seed)
        random = DemoRandom(seed: SplitMix64.hash(seed, 0x3A5_70D0))
        clock.advance(remainingThreads: Double(max(count, 1)), random: &random)
    }

    private func account(person index: Int) -> Account {
        let person = population.person(index)
        let username = person.username
        let local = person.instance == Self.server
        let id = String(100_000_000_000_000_000 + person.hash % 900_000_000_000_000_000)
        let created = calendar.start - Int64((person.hash >> 20) % 1500) * DemoCalendar.day
        let createdDay = created - created % DemoCalendar.day
        return Account(
            id: id, username: username, acct: local ? username : joined(username, "@", person.instance),
            url: joined("https://", person.instance, "/@", username), uri: joined("https://", person.instance, "/users/", username),
            displayName: person.displayName, followers: person.followers, following: person.following,
            bot: person.hash % 211 == 0, createdAt: Self.iso(createdDay), english: person.english, firstName: person.first)
    }

    private static let brand = Account(
        id: "109372841560392017", username: "boulangeriemelisse", acct: "boulangeriemelisse",
        url: "https://mstdn.ca/@boulangeriemelisse", uri: "https://mstdn.ca/users/boulangeriemelisse",
        displayName: "Boulangerie Mélisse 🥐", followers: 2_384, following: 311, bot: false,
        createdAt: "2022-11-14T00:00:00.000Z", english: false, firstName: "Mélisse")

    mutating func writeStatus(number: Int, into out: inout [UInt8]) {
        serial += 1
        let t = clock.time(in: calendar)
        clock.advance(remainingThreads: Double(count - number), random: &random)
        let isBrand = random.chance(0.12)
        let author = isBrand ? Self.brand : account(person: population.activePerson(&random))
        let english = isBrand ? random.chance(0.08) : (author.english ? random.chance(0.85) : random.chance(0.04))
        var parent: Recent? = nil
        if !recent.isEmpty, random.chance(0.33) {
            // Mostly the last few statuses, sometimes an older one.
            let back = min(Int(random.exponential(mean: 12)), recent.count - 1)
            parent = recent[(recentCursor - 1 - back + 2 * recent.count) % recent.count]
        }

        // The text, from the demo's templates.
        var context = PhraseContext(product: random.below(DemoBusiness.products.count), product2: random.below(DemoBusiness.everyday.count))
        context.staff = random.pick(DemoBusiness.staff)
        context.competitor = random.below(2)
        context.handle = "@boulangeriemelisse"
        context.name = parent?.account.firstName ?? ""
        let day = random.below(PhraseWriter.Pools.daysFR.count)
        context.day = PhraseWriter.Pools.daysFR[day]
        context.dayEN = PhraseWriter.Pools.daysEN[day]
        var writer = PhraseWriter()
        let level = calendar.spikeLevel(at: t)
        if isBrand {
            if parent != nil {
                writer.write(random.pick(english ? OwnerPhrases.thanksEN : OwnerPhrases.thanksFR), context, &random)
            } else {
                writer.write(random.pick(random.chance(0.5) ? OwnerPhrases.everydayPostsFR : OwnerPhrases.seasonalPostsFR), context, &random)
            }
        } else {
            let r = random.unit() * (1 + level)
            let pool: [PhraseTemplate]
            switch r {
            case ..<0.4: pool = english ? CustomerPhrases.praiseEN : CustomerPhrases.praiseFR
            case ..<0.55: pool = english ? CustomerPhrases.neutralEN : CustomerPhrases.neutralFR
            case ..<0.68: pool = english ? CustomerPhrases.reactionsEN : CustomerPhrases.reactionsFR
            case ..<0.78: pool = english ? CustomerPhrases.complaintsEN : CustomerPhrases.complaintsFR
            case ..<0.88: pool = english ? CustomerPhrases.competitorEN : CustomerPhrases.competitorFR
            case ..<1: pool = (english ? CustomerPhrases.questionsEN : CustomerPhrases.questionsFR).map(\.question)
            default: pool = english ? CustomerPhrases.deliveryComplaintsEN : CustomerPhrases.deliveryComplaintsFR
            }
            writer.write(random.pick(pool), context, &random)
        }
        tags = writer.tags
        var text = writer.finish()
        if !isBrand { CustomerVoice.apply(&text, english: english, mood: .calm, random: &random) }

        let id = String(DemoIdentifiers.snowflake(ms: t, serial: serial))

        out.append(contentsOf: #"{"id":""#.utf8)
        out.append(contentsOf: id.utf8)
        out.append(contentsOf: #"","created_at":""#.utf8)
        out.append(contentsOf: Self.iso(t).utf8)
        out.append(contentsOf: #"","in_reply_to_id":"#.utf8)
        if let parent {
            Self.string(parent.id, &out)
            out.append(contentsOf: #","in_reply_to_account_id":"#.utf8)
            Self.string(parent.account.id, &out)
        } else {
            out.append(contentsOf: #"null,"in_reply_to_account_id":null"#.utf8)
        }
        out.append(contentsOf: #","sensitive":false,"spoiler_text":"","visibility":""#.utf8)
        out.append(contentsOf: (random.chance(0.9) ? "public" : "unlisted").utf8)
        out.append(contentsOf: #"","language":""#.utf8)
        out.append(contentsOf: (english ? "en" : "fr").utf8)
        out.append(contentsOf: #"","uri":""#.utf8)
        let uri = joined(author.uri, "/statuses/", id)
        out.append(contentsOf: uri.utf8)
        out.append(contentsOf: #"","url":""#.utf8)
        out.append(contentsOf: joined(author.url, "/", id).utf8)
        out.append(contentsOf: #"","replies_count":"#.utf8)
        let followers = Double(author.followers)
        Self.int(random.chance(0.7) ? 0 : Int(random.pareto(minimum: 1, alpha: 1.8)), &out)
        out.append(contentsOf: #","reblogs_count":"#.utf8)
        Self.int(random.chance(0.75) ? 0 : Int(random.pareto(minimum: 1, alpha: 1.3)), &out)
        out.append(contentsOf: #","favourites_count":"#.utf8)
        Self.int(Int(random.logNormal(median: 0.5 + followers.squareRoot() * 0.15, sigma: 0.9)), &out)
        out.append(contentsOf: #","edited_at":"#.utf8)
        if random.chance(0.03) {
            Self.string(Self.iso(t + Int64(1 + random.below(90)) * 60_000), &out)
        } else {
            out.append(contentsOf: "null".utf8)
        }
        out.append(contentsOf: #","content":""#.utf8)
        Self.html(text, mention: parent?.account, tags: tags, into: &out)
        out.append(contentsOf: #"","reblog":null,"account":{"id":""#.utf8)
        out.append(contentsOf: author.id.utf8)
        out.append(contentsOf: #"","username":"#.utf8)
        Self.string(author.username, &out)
        out.append(contentsOf: #","acct":"#.utf8)
        Self.string(author.acct, &out)
        out.append(contentsOf: #","display_name":"#.utf8)
        Self.string(author.displayName, &out)
        out.append(contentsOf: #","url":"#.utf8)
        Self.string(author.url, &out)
        out.append(contentsOf: #","uri":"#.utf8)
        Self.string(author.uri, &out)
        out.append(contentsOf: #","followers_count":"#.utf8)
        Self.int(author.followers, &out)
        out.append(contentsOf: #","following_count":"#.utf8)
        Self.int(author.following, &out)
        out.append(contentsOf: #","bot":"#.utf8)
        out.append(contentsOf: (author.bot ? "true" : "false").utf8)
        out.append(contentsOf: #","created_at":"#.utf8)
        Self.string(author.createdAt, &out)
        out.append(contentsOf: #"},"media_attachments":[],"mentions":["#.utf8)
        if let mentioned = parent?.account {
            out.append(contentsOf: #"{"id":"#.utf8)
            Self.string(mentioned.id, &out)
            out.append(contentsOf: #","username":"#.utf8)
            Self.string(mentioned.username, &out)
            out.append(contentsOf: #","url":"#.utf8)
            Self.string(mentioned.url, &out)
            out.append(contentsOf: #","acct":"#.utf8)
            Self.string(mentioned.acct, &out)
            out.append(0x7D)
        }
        out.append(contentsOf: #"],"tags":["#.utf8)
        for (k, tag) in tags.enumerated() {
            if k > 0 { out.append(0x2C) }
            let name = tag.lowercased()
            out.append(contentsOf: #"{"name":"#.utf8)
            Self.string(name, &out)
            out.append(contentsOf: #","url":"#.utf8)
            Self.string(joined("https://", Self.server, "/tags/", name), &out)
            out.append(0x7D)
        }
        out.append(contentsOf: #"],"emojis":[]}"#.utf8)

        let entry = Recent(id: id, account: author)
        if recent.count < Self.recentCapacity {
            recent.append(entry)
            recentCursor = recent.count % Self.recentCapacity
        } else {
            recent[recentCursor] = entry
            recentCursor = (recentCursor + 1) % Self.recentCapacity
        }
    }

    // MARK: - JSON and HTML

    /// RFC 3339 in UTC with milliseconds, as Mastodon writes it: `2025-03-01T12:34:56.789Z`.
    static func iso(_ ms: Int64) -> String {
        let c = CivilCalendar.components(epochMilliseconds: ms, offsetMinutes: 0)
        var bytes = [UInt8](repeating: 0, count: 24)
        func put(_ value: Int, _ at: Int, _ width: Int) {
            var v = value
            for k in stride(from: at + width - 1, through: at, by: -1) {
                bytes[k] = UInt8(0x30 + v % 10)
                v /= 10
            }
        }
        put(c.year, 0, 4)
        bytes[4] = 0x2D
        put(c.month, 5, 2)
        bytes[7] = 0x2D
        put(c.day, 8, 2)
        bytes[10] = 0x54
        put(c.hour, 11, 2)
        bytes[13] = 0x3A
        put(c.minute, 14, 2)
        bytes[16] = 0x3A
        put(c.second, 17, 2)
        bytes[19] = 0x2E
        put(c.millisecond, 20, 3)
        bytes[23] = 0x5A
        return String(decoding: bytes, as: UTF8.self)
    }

    static func int(_ value: Int, _ out: inout [UInt8]) {
        out.append(contentsOf: String(value).utf8)
    }

    /// A JSON string with quotes, escaping what JSON requires and nothing else (like Mastodon).
    static func string(_ text: String, _ out: inout [UInt8]) {
        out.append(0x22)
        var text = text
        text.withUTF8 { escape($0, &out) }
        out.append(0x22)
    }

    private static let hex = Array("0123456789abcdef".utf8)

    /// Appends `bytes` with JSON escapes, copying runs that need none in one go.
    static func escape(_ bytes: UnsafeBufferPointer<UInt8>, _ out: inout [UInt8]) {
        var runStart = 0
        for index in 0..<bytes.count {
            let byte = bytes[index]
            guard byte < 0x20 || byte == 0x22 || byte == 0x5C else { continue }
            if index > runStart { out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[runStart..<index])) }
            runStart = index + 1
            switch byte {
            case 0x22: out.append(0x5C); out.append(0x22)
            case 0x5C: out.append(0x5C); out.append(0x5C)
            case 0x0A: out.append(0x5C); out.append(0x6E)
            case 0x0D: out.append(0x5C); out.append(0x72)
            case 0x09: out.append(0x5C); out.append(0x74)
            default: out.append(contentsOf: [0x5C, 0x75, 0x30, 0x30, hex[Int(byte >> 4)], hex[Int(byte & 15)]])
            }
        }
        if bytes.count > runStart { out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[runStart..<bytes.count])) }
    }

    /// The text as Mastodon's HTML, already JSON-escaped: paragraphs, `<br />`, entities,
    /// the mention as an h-card, hashtags as tag links.
    private static func html(_ text: String, mention: Account?, tags: [String], into out: inout [UInt8]) {
        var html: [UInt8] = Array("<p>".utf8)
        if let mention {
            html.append(contentsOf: #"<span class="h-card" translate="no"><a href=""#.utf8)
            html.append(contentsOf: mention.url.utf8)
            html.append(contentsOf: #"" class="u-url mention">@<span>"#.utf8)
            html.append(contentsOf: mention.username.utf8)
            html.append(contentsOf: "</span></a></span> ".utf8)
        }
        let bytes = Array(text.utf8)
        var index = 0
        while index < bytes.count {
            let byte = bytes[index]
            switch byte {
            case 0x26: html.append(contentsOf: "&amp;".utf8)
            case 0x3C: html.append(contentsOf: "&lt;".utf8)
            case 0x3E: html.append(contentsOf: "&gt;".utf8)
            case 0x22: html.append(contentsOf: "&quot;".utf8)
            case 0x27: html.append(contentsOf: "&#39;".utf8)
            case 0x0A:
                if index + 1 < bytes.count, bytes[index + 1] == 0x0A {
                    html.append(contentsOf: "</p><p>".utf8)
                    index += 1
                } else {
                    html.append(contentsOf: "<br />".utf8)
                }
            case 0x23 where index + 1 < bytes.count && (index == 0 || bytes[index - 1] == 0x20):
                // A hashtag: letters and digits (any non-ASCII byte counts as a letter).
                var end = index + 1
                while end < bytes.count, bytes[end] >= 0x80 || (bytes[end] >= 0x30 && bytes[end] <= 0x39)
                    || (bytes[end] | 0x20 >= 0x61 && bytes[end] | 0x20 <= 0x7A) || bytes[end] == 0x5F
                {
                    end += 1
                }
                if end == index + 1 {
                    html.append(byte)
                } else {
                    let name = String(decoding: bytes[(index + 1)..<end], as: UTF8.self)
                    html.append(contentsOf: #"<a href="https://mstdn.ca/tags/"#.utf8)
                    html.append(contentsOf: name.lowercased().utf8)
                    html.append(contentsOf: #"" class="mention hashtag" rel="tag">#<span>"#.utf8)
                    html.append(contentsOf: bytes[(index + 1)..<end])
                    html.append(contentsOf: "</span></a>".utf8)
                    index = end
                    continue
                }
            default: html.append(byte)
            }
            index += 1
        }
        html.append(contentsOf: "</p>".utf8)
        html.withUnsafeBufferPointer { escape($0, &out) }
    }
}
