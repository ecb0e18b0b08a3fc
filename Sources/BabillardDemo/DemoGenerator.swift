import BabillardCore

/// What to generate: the seed, how many items, and the instant the demo's year ends.
public struct DemoConfiguration: Sendable {
    public var seed: UInt64
    /// Items to generate (posts, comments, replies, reshares, quotes, reviews, check-ins);
    /// actor profiles come on top.
    public var itemCount: Int
    /// The end of the demo's year: every item is in the twelve months before it.
    public var now: Timestamp

    public init(seed: UInt64 = 42, itemCount: Int = 5_000, now: Timestamp) {
        self.seed = seed
        self.itemCount = itemCount
        self.now = now
    }
}

/// A year of social media around a small bakery-café in Montréal, Boulangerie Mélisse:
/// its blog with comment threads, its Mastodon and Bluesky accounts with replies, reshare
/// cascades and quotes, customers' own posts (some naming two competitors), Google and
/// Tripadvisor reviews, Foursquare check-ins, referral codes passed from friend to friend,
/// and one bad week of delivery problems. French first, some English, written the way
/// people write (typos, no accents, capitals, emoji).
///
/// The same seed gives the same records on every platform. Generation streams: memory stays
/// flat from a thousand to ten million items.
///
/// ```swift
/// let generator = DemoGenerator(DemoConfiguration(seed: 7, itemCount: 20_000, now: Timestamp(epochSeconds: 1_750_000_000)))
/// try generator.generate { record in try batch.append(record) }
/// print(generator.summary)
/// ```
public struct DemoGenerator: Sendable {
    public let configuration: DemoConfiguration
    let calendar: DemoCalendar
    let population: DemoPopulation

    public init(_ configuration: DemoConfiguration) {
        self.configuration = configuration
        calendar = DemoCalendar(now: configuration.now.epochMilliseconds, seed: configuration.seed)
        population = DemoPopulation(itemCount: configuration.itemCount, seed: configuration.seed)
    }

    /// Emits exactly `itemCount` items, each author's profile (`.actor`) before their first
    /// item on a platform, and every item after the one it answers or reshares. Items come in
    /// time order overall. No reactions are emitted: likes are in each item's counts.
    public func generate(_ emit: (IngestRecord) throws -> Void) rethrows {
        var engine = DemoEngine(configuration: configuration, calendar: calendar, population: population)
        while let record = engine.next() {
            try emit(record)
        }
    }

    // MARK: - Facts for the `demo` command

    public var businessName: String { DemoBusiness.name }
    /// The watch query that finds the brand: its name, its short name as a word, its handle and hashtag.
    public var brandWatchQuery: String { "\"\(DemoBusiness.name)\" OR \(DemoBusiness.shortName) OR #melisse OR @boulangeriemelisse" }
    public var city: String { DemoBusiness.city }
    public var address: String { DemoBusiness.address }
    /// The two competitors some items name.
    public var competitorNames: [String] { DemoBusiness.competitors }
    /// Platforms the items are on.
    public var platforms: [Platform] { DemoPlatform.allCases.map(\.platform) }
    /// The bakery's own accounts (its posts and answers are by these).
    public var brandAccounts: [ActorIdentity] { DemoPlatform.allCases.map(DemoPopulation.brand(on:)) }
    /// The twelve months the items fall in.
    public var period: Range<Timestamp> {
        Timestamp(epochMilliseconds: calendar.start)..<configuration.now
    }
    /// The bad week (Monday to Monday, Montréal time): deliveries late and cold, complaints and
    /// one-star reviews pile up, the bakery apologises on day three.
    public var negativeSpikeWeek: Range<Timestamp> {
        Timestamp(epochMilliseconds: calendar.spikeStart)..<Timestamp(epochMilliseconds: calendar.spikeEnd)
    }
    /// When the referral programme starts; codes look like `MELISSE-ANNA1042`.
    public var referralLaunch: Timestamp { Timestamp(epochMilliseconds: calendar.referralLaunch) }
    public var referralCodePrefix: String { DemoBusiness.referralPrefix }
    /// How many distinct people can appear (most appear once or twice, a few very often).
    public var populationSize: Int { population.size }

    /// A few lines a `demo` command can print.
    public var summary: String {
        func day(_ timestamp: Timestamp) -> String { String(timestamp.iso8601UTC.prefix(10)) }
        return """
            \(businessName), \(address)
            Competitors: \(competitorNames.joined(separator: ", "))
            \(configuration.itemCount) items from \(day(period.lowerBound)) to \(day(period.upperBound)) \
            on \(platforms.map(\.rawValue).joined(separator: ", ")), seed \(configuration.seed)
            Referral codes (\(referralCodePrefix)…) from \(day(referralLaunch))
            A bad week of delivery complaints from \(day(negativeSpikeWeek.lowerBound))
            """
    }
}
