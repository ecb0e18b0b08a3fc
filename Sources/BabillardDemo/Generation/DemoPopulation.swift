import BabillardCore

/// The people who talk about the bakery, derived from their index so that none is stored:
/// a name (French or English), a language, a handle per platform, followers.
///
/// Index 0 is the most active person. `activePerson` draws indices with a heavy tail (a few
/// regulars write a lot, most people once or twice); a handful of food influencers have tens
/// of thousands of followers. Names are a bijection of the index below `distinctNames`, so
/// handles never collide; beyond, a number is appended.
struct DemoPopulation: Sendable {
    let size: Int
    private let salt: UInt64

    init(itemCount: Int, seed: UInt64) {
        size = min(max(itemCount / 3, 300), 300_000)
        salt = SplitMix64.hash(seed, 0xA11CE)
    }

    /// Someone drawn by activity: index ≈ size · U^2.2, so the first percent of people write
    /// about a tenth of everything.
    func activePerson(_ random: inout DemoRandom) -> Int {
        min(Int(Double(size) * DemoMath.pow(random.unit(), 2.2)), size - 1)
    }

    /// Someone from the long tail: a first-time visitor (referral invitees, one-off reviewers).
    func newcomer(_ random: inout DemoRandom) -> Int {
        size / 3 + random.below(size - size / 3)
    }

    /// Whether the person's name (and so their usual language) is English, without building the person.
    func isAnglophone(_ index: Int) -> Bool {
        let combo = (UInt64(index) &* Names.multiplier &+ (salt % Names.comboCount)) % Names.comboCount
        return Int(combo % UInt64(Names.first.count)) >= Names.firstFrenchCount
    }

    static let influencers: [(index: Int, display: String, handle: String, followers: Int)] = [
        (2, "Sophie mange Montréal", "sophiemangemtl", 48_200),
        (9, "MTL Croissant Club", "mtlcroissantclub", 21_700),
        (23, "Le Carnet Gourmand", "carnetgourmand", 86_400),
        (57, "Plateau Foodie", "plateaufoodie", 12_900),
        (140, "Brunch Hunter MTL", "brunchhuntermtl", 33_100),
    ]

    /// A person's traits; the strings are built only when asked for, since most uses need
    /// one of them at most (a first name to answer, a username to mention).
    struct Person {
        let index: Int
        let firstIndex: Int
        let lastIndex: Int
        let style: Int
        let english: Bool
        let instance: String
        let followers: Int
        let following: Int
        /// Index in `DemoPopulation.influencers`, or nil.
        let influencer: Int?
        let hash: UInt64

        var first: String { Names.first[firstIndex] }
        var last: String { Names.last[lastIndex] }
        var isInfluencer: Bool { influencer != nil }
        var firstNameCode: String { Names.firstUpperASCII[firstIndex] }

        /// Lowercase ASCII, `[a-z0-9_]`: usable as a Mastodon username.
        var username: String {
            if let influencer { return DemoPopulation.influencers[influencer].handle }
            let f = Names.firstASCII[firstIndex]
            let l = Names.lastASCII[lastIndex]
            var username = String()
            username.reserveCapacity(f.utf8.count + l.utf8.count + 8)
            switch style {
            case 0: username += f; username += l
            case 1: username += f; username += "_"; username += l
            case 2: username += l; username += f
            case 3: username += l; username += "_"; username += f
            case 4: username += f; username += "_"; username += l; username += Names.twoDigits[Int(hash % 90)]
            default: username += f; username += l; username += Names.twoDigits[Int((hash >> 8) % 90)]
            }
            let repeats = index / Int(Names.comboCount)
            if repeats > 0 {
                username += "_"
                username += String(repeats + 1)
            }
            return username
        }

        var displayName: String {
            if let influencer { return DemoPopulation.influencers[influencer].display }
            let first = self.first
            var displayName: String
            switch (hash >> 16) % 20 {
            case 0..<12: displayName = Names.fullNames[firstIndex * Names.last.count + lastIndex]
            case 12..<15: displayName = first; displayName += " "; displayName += Names.lastInitials[lastIndex]
            case 15..<17: displayName = first
            case 17: displayName = first; displayName += " "; displayName += ["🥐", "☕", "🌿", "🇨🇦", "⚜️"][Int((hash >> 24) % 5)]
            case 18: displayName = Names.lastUpper[lastIndex]; displayName += " "; displayName += first
            default: displayName = Names.firstLower[firstIndex]
            }
            return displayName
        }
    }

    func person(_ index: Int) -> Person {
        let h = SplitMix64.hash(salt, UInt64(index))
        let combo = (UInt64(index) &* Names.multiplier &+ (salt % Names.comboCount)) % Names.comboCount
        let firstIndex = Int(combo % UInt64(Names.first.count))
        let lastIndex = Int(combo / UInt64(Names.first.count) % UInt64(Names.last.count))
        let style = Int(combo / UInt64(Names.first.count * Names.last.count))
        var followers = Int(DemoMath.pow(Double((h >> 32) % 1_000_000 + 1) / 1_000_001, -1 / 1.15) * 12)
        followers = min(followers, 25_000)
        var influencer: Int? = nil
        if index < 200 {
            for (k, entry) in Self.influencers.enumerated() where entry.index == index {
                influencer = k
                followers = entry.followers
            }
        }
        return Person(
            index: index, firstIndex: firstIndex, lastIndex: lastIndex, style: style,
            english: firstIndex >= Names.firstFrenchCount,
            instance: Names.instances[Int((h >> 48) % UInt64(Names.instances.count))],
            followers: followers, following: 20 + Int((h >> 40) % 400), influencer: influencer, hash: h)
    }

    /// The person as a platform knows them.
    func identity(_ person: Person, on platform: DemoPlatform) -> ActorIdentity {
        switch platform {
        case .mastodon:
            let username = person.username
            return ActorIdentity(
                platform: .mastodon, externalID: joined("https://", person.instance, "/users/", username),
                handle: joined("@", username, "@", person.instance), displayName: person.displayName,
                profileURL: joined("https://", person.instance, "/@", username), followers: person.followers,
                following: person.following)
        case .bluesky:
            let handle = blueskyHandle(person)
            return ActorIdentity(
                platform: .bluesky, externalID: DemoIdentifiers.did(person.hash), handle: handle,
                displayName: person.displayName, profileURL: joined("https://bsky.app/profile/", handle),
                followers: Int(Double(person.followers) * 1.4), following: person.following)
        case .blog:
            return ActorIdentity(platform: .blog, externalID: "commenter:\(person.username)", displayName: person.displayName)
        case .google:
            let id = DemoIdentifiers.googleContributor(person.hash)
            return ActorIdentity(
                platform: DemoPlatform.google.platform, externalID: id, displayName: person.first + " " + person.last,
                profileURL: "https://www.google.com/maps/contrib/\(id)")
        case .tripadvisor:
            let handle = person.first.filter { $0 != " " } + String(person.last.prefix(1)) + String(person.index % 9000 + 100)
            return ActorIdentity(
                platform: DemoPlatform.tripadvisor.platform, externalID: DemoIdentifiers.hex32(person.hash),
                handle: handle, displayName: handle)
        case .foursquare:
            return ActorIdentity(
                platform: .foursquare, externalID: String(30_000_000 + person.index),
                displayName: person.first + " " + String(person.last.prefix(1)) + ".")
        }
    }

    /// `anna_tremblay` → `anna-tremblay.bsky.social` (Bluesky handles have no underscores).
    func blueskyHandle(_ person: Person) -> String {
        let suffix = ".bsky.social".utf8
        let name = person.username.utf8
        return String(unsafeUninitializedCapacity: name.count + suffix.count) { buffer in
            var i = 0
            for byte in name {
                buffer[i] = byte == 0x5F ? 0x2D : byte
                i += 1
            }
            for byte in suffix {
                buffer[i] = byte
                i += 1
            }
            return i
        }
    }

    /// The bakery's own accounts.
    static func brand(on platform: DemoPlatform) -> ActorIdentity {
        switch platform {
        case .mastodon:
            return ActorIdentity(
                platform: .mastodon, externalID: "https://mstdn.ca/users/boulangeriemelisse",
                handle: "@boulangeriemelisse@mstdn.ca", displayName: "Boulangerie Mélisse 🥐",
                profileURL: "https://mstdn.ca/@boulangeriemelisse", followers: 2_384, following: 311)
        case .bluesky:
            return ActorIdentity(
                platform: .bluesky, externalID: "did:plc:m3l1ss3b0ul4ng3r13xq7zk2", handle: "boulangeriemelisse.ca",
                displayName: "Boulangerie Mélisse", profileURL: "https://bsky.app/profile/boulangeriemelisse.ca",
                followers: 4_106, following: 198)
        case .blog:
            return ActorIdentity(
                platform: .blog, externalID: "melisse", handle: "melisse", displayName: DemoBusiness.founder,
                profileURL: DemoBusiness.blogHost + "/author/melisse/")
        case .google:
            return ActorIdentity(
                platform: DemoPlatform.google.platform, externalID: "owner:boulangerie-melisse",
                displayName: "Boulangerie Mélisse (propriétaire)")
        case .tripadvisor:
            return ActorIdentity(
                platform: DemoPlatform.tripadvisor.platform, externalID: "owner:boulangerie-melisse",
                handle: "BoulangerieMelisse", displayName: "Boulangerie Mélisse, propriétaire")
        case .foursquare:
            return ActorIdentity(platform: .foursquare, externalID: "29999999", displayName: "Boulangerie Mélisse")
        }
    }

    /// Accounts that leave spam in the blog's comments.
    static let spammers: [ActorIdentity] = [
        ActorIdentity(platform: .blog, externalID: "commenter:seo-boost", displayName: "Best SEO Services", profileURL: "http://seo-boost.example", isBot: true),
        ActorIdentity(platform: .blog, externalID: "commenter:argent-facile", displayName: "Argent Facile", profileURL: "http://argent-facile.example", isBot: true),
        ActorIdentity(platform: .blog, externalID: "commenter:crypto-gains", displayName: "CryptoGains", profileURL: "http://crypto-gains.example", isBot: true),
        ActorIdentity(platform: .blog, externalID: "commenter:montres", displayName: "Montres Luxe", isBot: true),
    ]

    enum Names {
        static let firstFR = [
            "Anne", "Marie", "Marie-Ève", "Julie", "Catherine", "Isabelle", "Geneviève", "Nathalie", "Josée", "Émilie",
            "Chloé", "Léa", "Camille", "Gabrielle", "Noémie", "Audrey", "Mélanie", "Valérie", "Stéphanie", "Sophie",
            "Élodie", "Anaïs", "Zoé", "Rosalie", "Florence", "Alice", "Béatrice", "Maude", "Karine", "Hélène",
            "Jean", "Jean-François", "Mathieu", "Maxime", "Olivier", "Alexandre", "Simon", "Guillaume", "Étienne", "François",
            "Sébastien", "Frédéric", "Benoît", "Pierre-Luc", "Jérôme", "Philippe", "Nicolas", "Félix", "Samuel", "Gabriel",
            "Raphaël", "Thomas", "Louis", "Antoine", "Vincent", "Hugo", "Théo", "Marc-André", "Luc", "Denis",
            "Yves", "Karim", "Yasmine", "Amira", "Mehdi", "Nadia", "Sami", "Inès", "Anna", "Laurence",
        ]
        static let firstEN = [
            "Emily", "Sarah", "Jessica", "Hannah", "Olivia", "Emma", "Megan", "Rachel", "Lauren", "Priya",
            "Mei", "Aisha", "Grace", "Kate", "Laura", "Michael", "James", "Daniel", "Ryan", "Matthew",
            "David", "Andrew", "Kevin", "Liam", "Noah", "Ethan", "Jason", "Omar", "Wei", "Arjun",
            "Ben", "Sam", "Tom", "Chris",
        ]
        static let last = [
            "Tremblay", "Gagnon", "Roy", "Côté", "Bouchard", "Gauthier", "Morin", "Lavoie", "Fortin", "Gagné",
            "Ouellet", "Pelletier", "Bélanger", "Lévesque", "Bergeron", "Leblanc", "Paquette", "Girard", "Simard", "Boucher",
            "Caron", "Beaulieu", "Cloutier", "Dubé", "Poirier", "Fournier", "Lapointe", "Leclerc", "Lefebvre", "Poulin",
            "Thibault", "St-Pierre", "Nadeau", "Martin", "Landry", "Martel", "Bédard", "Grenier", "Lessard", "Bernier",
            "Richard", "Michaud", "Hébert", "Desjardins", "Couture", "Turcotte", "Lachance", "Parent", "Blais", "Gosselin",
            "Savard", "Proulx", "Beaudoin", "Demers", "Perron", "Dufour", "Haddad", "Nguyen", "Benali", "Diallo",
            "Smith", "Brown", "Wilson", "Campbell", "Stewart", "Murphy", "Kelly", "Chen", "Patel", "Singh",
            "Cohen", "Taylor", "Anderson", "MacDonald", "Thompson", "Clarke", "Wong", "Lee", "Walsh", "Ross",
            "Scott", "Reid", "Khan", "Garcia", "Rossi",
        ]
        static let first = firstFR + firstEN
        /// "Anna Tremblay" for every combination, built once (a few thousand strings).
        static let fullNames: [String] = first.flatMap { f in last.map { f + " " + $0 } }
        static let lastInitials = last.map { String($0.prefix(1)) + "." }
        static let lastUpper = last.map { $0.uppercased() }
        static let firstLower = first.map { $0.lowercased() }
        static let firstUpperASCII = first.map(asciiUpper)
        static let twoDigits = (10..<100).map { String($0) }
        static let firstFrenchCount = firstFR.count
        static let firstASCII = first.map(ascii)
        static let lastASCII = last.map(ascii)
        static let styleCount: UInt64 = 6
        static let comboCount = UInt64(first.count * last.count) * styleCount
        /// Coprime with `comboCount`, so that index → combination is a bijection modulo `comboCount`.
        static let multiplier: UInt64 = {
            func gcd(_ a: UInt64, _ b: UInt64) -> UInt64 { b == 0 ? a : gcd(b, a % b) }
            var candidate = 2_654_435_761 % comboCount
            while gcd(candidate, comboCount) != 1 { candidate += 1 }
            return candidate
        }()
        static let instances = ["mastodon.social", "mstdn.ca", "piaille.fr", "mastodon.online", "mas.to", "mstdn.ca"]

        /// "Marie-Ève" → "marieeve".
        static func ascii(_ name: String) -> String {
            String(CustomerVoice.withoutAccents(name).lowercased().filter { $0.isLetter && $0.isASCII })
        }

        /// "Marie-Ève" → "MARIEEVE", for referral codes.
        static func asciiUpper(_ name: String) -> String {
            ascii(name).uppercased()
        }
    }
}
