/// A sentence with slots, parsed once: `"{Le} de {chez_brand}, {adj}{bang} {emoji_pos}"`.
///
/// A slot written with a capital (`{Le}`, `{Brand}`) capitalises its first letter. Slots that
/// name the product (`{le}`, `{un}`, `{du}`, `{au}`, `{product}`, `{product_en}`) all use the
/// item's one topic, so that a text speaks of one thing; `{product2}` is another.
struct PhraseTemplate: Sendable {
    enum Part: Sendable {
        case text(String)
        case slot(PhraseSlot, capitalized: Bool)
    }

    let parts: [Part]

    init(_ source: String) {
        var parts: [Part] = []
        var literal = ""
        var rest = Substring(source)
        while let open = rest.firstIndex(of: "{") {
            literal += rest[rest.startIndex..<open]
            guard let close = rest[open...].firstIndex(of: "}") else {
                preconditionFailure("unclosed slot in phrase template: \(source)")
            }
            let name = String(rest[rest.index(after: open)..<close])
            guard let slot = PhraseSlot(name: name.lowercased()) else {
                preconditionFailure("unknown slot {\(name)} in phrase template: \(source)")
            }
            if !literal.isEmpty {
                parts.append(.text(literal))
                literal = ""
            }
            let capitalized = name.first.map { $0.isUppercase } ?? false
            parts.append(.slot(slot, capitalized: capitalized))
            rest = rest[rest.index(after: close)...]
        }
        literal += rest
        if !literal.isEmpty { parts.append(.text(literal)) }
        self.parts = parts
    }

    static func list(_ sources: [String]) -> [PhraseTemplate] { sources.map(PhraseTemplate.init) }
}

enum PhraseSlot: Sendable {
    case product, le, un, du, au, productEN, aProductEN
    case product2, un2, product2EN, aProduct2EN
    case drink, drinkEN
    case emojiPos, emojiNeg, emojiFood, emojiAngry
    case bang, bangEN, ellipsis
    case hashtags, hashtagsEN
    case brand, chezBrand, brandEN, handle
    case competitor, chezCompetitor
    case day, dayEN, moment, momentEN
    case staff, owner, name, code, inviter
    case neighbourhood, neighbourhoodEN, price, count
    case adj, adjEN, laugh, laughEN
    /// Agreeing with the topic: meilleur / meilleure, le meilleur / la meilleure, bon / bonne.
    case meilleur, leMeilleur, bon

    init?(name: String) {
        switch name {
        case "product": self = .product
        case "le": self = .le
        case "un": self = .un
        case "du": self = .du
        case "au": self = .au
        case "product_en": self = .productEN
        case "a_product_en": self = .aProductEN
        case "a_product2_en": self = .aProduct2EN
        case "product2": self = .product2
        case "un2": self = .un2
        case "product2_en": self = .product2EN
        case "drink": self = .drink
        case "drink_en": self = .drinkEN
        case "emoji_pos": self = .emojiPos
        case "emoji_neg": self = .emojiNeg
        case "emoji_food": self = .emojiFood
        case "emoji_angry": self = .emojiAngry
        case "bang": self = .bang
        case "bang_en": self = .bangEN
        case "ellipsis": self = .ellipsis
        case "hashtags": self = .hashtags
        case "hashtags_en": self = .hashtagsEN
        case "brand": self = .brand
        case "chez_brand": self = .chezBrand
        case "brand_en": self = .brandEN
        case "handle": self = .handle
        case "competitor": self = .competitor
        case "chez_competitor": self = .chezCompetitor
        case "day": self = .day
        case "day_en": self = .dayEN
        case "moment": self = .moment
        case "moment_en": self = .momentEN
        case "staff": self = .staff
        case "owner": self = .owner
        case "name": self = .name
        case "code": self = .code
        case "inviter": self = .inviter
        case "neighbourhood": self = .neighbourhood
        case "neighbourhood_en": self = .neighbourhoodEN
        case "price": self = .price
        case "count": self = .count
        case "adj": self = .adj
        case "adj_en": self = .adjEN
        case "laugh": self = .laugh
        case "laugh_en": self = .laughEN
        case "meilleur": self = .meilleur
        case "le_meilleur": self = .leMeilleur
        case "bon": self = .bon
        default: return nil
        }
    }
}

/// What the slots of one text are filled with.
struct PhraseContext {
    /// Indices into `DemoBusiness.products`.
    var product: Int
    var product2: Int
    /// The person addressed (an owner's reply says "Merci Anna !").
    var name: String = ""
    /// A referral code and the first name of the person who shared it.
    var code: String = ""
    var inviter: String = ""
    /// The brand's handle as people write it on the item's platform (`@boulangeriemelisse`).
    var handle: String = "@boulangeriemelisse"
    var count: Int = 0
    /// Which competitor the text names (0 or 1).
    var competitor: Int = 0
    /// The member of staff the text names.
    var staff: String = "Julien"
    /// The day of the week the text names (one per text, so "un samedi sans… pas un vrai samedi").
    var day: String = "samedi"
    var dayEN: String = "Saturday"
}

/// Fills templates into UTF-8 bytes (faster than growing a String piece by piece).
/// Hashtags written into the text are collected in `tags` (without '#').
struct PhraseWriter {
    private var bytes: [UInt8] = []
    var tags: [String] = []

    init() {
        bytes.reserveCapacity(192)
    }

    mutating func write(_ template: PhraseTemplate, _ context: PhraseContext, _ random: inout DemoRandom) {
        for part in template.parts {
            switch part {
            case .text(let literal):
                bytes.append(contentsOf: literal.utf8)
            case .slot(let slot, let capitalized):
                let value = Self.fill(slot, context, &random, &tags)
                if capitalized, let first = value.utf8.first {
                    if first >= 0x61 && first <= 0x7A {
                        bytes.append(first - 0x20)
                        bytes.append(contentsOf: value.utf8.dropFirst())
                    } else if first < 0x80 {
                        bytes.append(contentsOf: value.utf8)
                    } else {
                        let character = value.first!
                        bytes.append(contentsOf: character.uppercased().utf8)
                        bytes.append(contentsOf: value.utf8.dropFirst(character.utf8.count))
                    }
                } else {
                    bytes.append(contentsOf: value.utf8)
                }
            }
        }
    }

    mutating func write(_ literal: String) {
        bytes.append(contentsOf: literal.utf8)
    }

    /// The text with runs of spaces collapsed, no space around line breaks and none at either
    /// end; the writer is then empty (its tags stay until reset).
    mutating func finish() -> String {
        let text = bytes.withUnsafeMutableBufferPointer { buffer -> String in
            var out = 0
            for index in 0..<buffer.count {
                let byte = buffer[index]
                if byte == 0x20 && (out == 0 || buffer[out - 1] == 0x20 || buffer[out - 1] == 0x0A) { continue }
                if byte == 0x0A { while out > 0 && buffer[out - 1] == 0x20 { out -= 1 } }
                buffer[out] = byte
                out += 1
            }
            while out > 0 && buffer[out - 1] == 0x20 { out -= 1 }
            return String(decoding: UnsafeBufferPointer(rebasing: buffer[0..<out]), as: UTF8.self)
        }
        bytes.removeAll(keepingCapacity: true)
        return text
    }

    private static func fill(
        _ slot: PhraseSlot, _ c: PhraseContext, _ random: inout DemoRandom, _ tags: inout [String]
    ) -> String {
        switch slot {
        case .product: return DemoBusiness.products[c.product].fr
        case .le: return DemoBusiness.products[c.product].le
        case .un: return DemoBusiness.products[c.product].un
        case .du: return DemoBusiness.products[c.product].du
        case .au: return DemoBusiness.products[c.product].au
        case .productEN: return DemoBusiness.products[c.product].en
        case .aProductEN: return DemoBusiness.products[c.product].aEN
        case .aProduct2EN: return DemoBusiness.products[c.product2].aEN
        case .product2: return DemoBusiness.products[c.product2].fr
        case .un2: return DemoBusiness.products[c.product2].un
        case .product2EN: return DemoBusiness.products[c.product2].en
        case .drink: return random.pick(DemoBusiness.drinksFR)
        case .drinkEN: return random.pick(DemoBusiness.drinksEN)
        case .emojiPos: return random.pick(Pools.emojiPositive)
        case .emojiNeg: return random.pick(Pools.emojiNegative)
        case .emojiFood: return random.pick(Pools.emojiFood)
        case .emojiAngry: return random.pick(Pools.emojiAngry)
        case .bang: return random.pick(Pools.bangFR)
        case .bangEN: return random.pick(Pools.bangEN)
        case .ellipsis: return random.pick(Pools.ellipsis)
        case .hashtags: return hashtags(DemoBusiness.hashtagsFR, &random, &tags)
        case .hashtagsEN: return hashtags(DemoBusiness.hashtagsEN, &random, &tags)
        case .brand:
            let r = random.below(10)
            return r < 5 ? "Mélisse" : r < 8 ? "Boulangerie Mélisse" : c.handle
        case .chezBrand:
            let r = random.below(10)
            return r < 6 ? "chez Mélisse" : r < 9 ? "à la Boulangerie Mélisse" : "chez \(c.handle)"
        case .brandEN:
            let r = random.below(10)
            return r < 4 ? "Mélisse" : r < 8 ? "Boulangerie Mélisse" : c.handle
        case .handle: return c.handle
        case .competitor:
            return random.chance(0.7) ? DemoBusiness.competitors[c.competitor] : Pools.competitorShort[c.competitor]
        case .chezCompetitor: return Pools.chezCompetitor[c.competitor]
        case .day: return c.day
        case .dayEN: return c.dayEN
        case .moment: return random.pick(Pools.momentsFR)
        case .momentEN: return random.pick(Pools.momentsEN)
        case .staff: return c.staff
        case .owner: return DemoBusiness.founderFirstName
        case .name: return c.name
        case .code: return c.code
        case .inviter: return c.inviter
        case .neighbourhood: return random.pick(DemoBusiness.neighbourhoodsFR)
        case .neighbourhoodEN: return random.pick(DemoBusiness.neighbourhoodsEN)
        case .price: return random.pick(DemoBusiness.prices)
        case .count: return String(c.count)
        case .adj: return random.pick(Pools.adjectivesFR)
        case .adjEN: return random.pick(Pools.adjectivesEN)
        case .laugh: return random.pick(Pools.laughFR)
        case .laughEN: return random.pick(Pools.laughEN)
        case .meilleur: return DemoBusiness.products[c.product].feminine ? "meilleure" : "meilleur"
        case .leMeilleur: return DemoBusiness.products[c.product].feminine ? "la meilleure" : "le meilleur"
        case .bon: return DemoBusiness.products[c.product].feminine ? "bonne" : "bon"
        }
    }

    private static func hashtags(_ pool: [String], _ random: inout DemoRandom, _ tags: inout [String]) -> String {
        let count = [0, 0, 1, 1, 1, 2, 2, 3][random.below(8)]
        guard count > 0 else { return "" }
        var text = ""
        for index in 0..<count {
            let tag = random.pick(pool)
            if tags.contains(tag) { continue }
            tags.append(tag)
            if index > 0 { text += " " }
            text += "#" + tag
        }
        return text
    }

    /// Small shared pools for slots.
    enum Pools {
        static let emojiPositive = ["😍", "❤️", "🥰", "👏", "🙌", "✨", "😊", "💛", "🤩", "👌", "", ""]
        static let emojiNegative = ["😞", "😕", "🙁", "😒", "👎", "😤", "", ""]
        static let emojiAngry = ["😡", "🤬", "😤", "👎"]
        static let emojiFood = ["🥐", "🥖", "☕", "🤤", "😋", "🍞", "🥐☕", "🥐🥐", ""]
        static let bangFR = ["!", "!!", "!!!", " !", " !", "."]
        static let bangEN = ["!", "!!", "!!!", "."]
        static let ellipsis = ["…", "...", "....", "."]
        static let competitorShort = ["le Fournil", "Miettes"]
        static let chezCompetitor = ["au Fournil Saint-Denis", "chez Miettes & Cie"]
        static let daysFR = ["mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche", "samedi", "dimanche"]
        static let daysEN = ["Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday", "Saturday", "Sunday"]
        static let momentsFR = ["ce matin", "hier", "samedi dernier", "ce midi", "tantôt", "dimanche matin", "avant le boulot"]
        static let momentsEN = ["this morning", "yesterday", "last Saturday", "at lunch", "on Sunday morning", "before work"]
        /// Invariable in gender, so they fit any product.
        static let adjectivesFR = [
            "incroyable", "sublime", "une tuerie", "un délice", "à tomber", "à se damner", "une merveille",
            "extraordinaire", "formidable", "irrésistible", "juste parfait",
        ]
        static let adjectivesEN = ["amazing", "to die for", "perfect", "incredible", "unreal", "next level", "so good", "divine"]
        static let laughFR = ["haha", "mdr", "lol", "😂", "hihi", "😅"]
        static let laughEN = ["lol", "haha", "😂", "😅"]
    }
}
