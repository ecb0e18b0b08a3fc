/// How customers actually type: accents dropped, SMS spellings and typos, shouting in
/// capitals, everything in lower case. Text analysis has to cope with all of it, so the demo
/// has some of each.
enum CustomerVoice {
    enum Mood {
        case calm
        case upset
    }

    /// Rewrites a customer's text in place; most texts are left as they are.
    static func apply(_ text: inout String, english: Bool, mood: Mood, random: inout DemoRandom) {
        let r = random.unit()
        let shouting = mood == .upset ? 0.09 : 0.025
        if r < shouting {
            text = text.uppercased()
            return
        }
        if r < shouting + 0.07 {
            text = sms(text, english: english, random: &random)
            if !english, random.chance(0.6) { text = withoutAccents(text) }
            return
        }
        if !english, r < shouting + 0.07 + 0.12 {
            text = withoutAccents(text)
            return
        }
        if r < shouting + 0.07 + 0.12 + 0.05 {
            text = text.lowercased()
        }
    }

    /// "Très bon café" → "Tres bon cafe", and the typographic apostrophe becomes "'".
    static func withoutAccents(_ text: String) -> String {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(text.utf8.count)
        var changed = false
        var pendingC3 = false
        var pendingE2 = 0  // bytes of E2 80 99 seen so far
        for byte in text.utf8 {
            if pendingC3 {
                pendingC3 = false
                let plain = latin1Folding[Int(byte & 0x3F)]
                if byte >= 0x80, byte <= 0xBF, plain != 0 {
                    bytes.append(plain)
                    changed = true
                } else {
                    bytes.append(0xC3)
                    bytes.append(byte)
                }
                continue
            }
            if pendingE2 > 0 {
                if pendingE2 == 1, byte == 0x80 {
                    pendingE2 = 2
                    continue
                }
                if pendingE2 == 2, byte == 0x99 {
                    bytes.append(0x27)
                    changed = true
                    pendingE2 = 0
                    continue
                }
                bytes.append(0xE2)
                if pendingE2 == 2 { bytes.append(0x80) }
                pendingE2 = 0
            }
            if byte == 0xC3 {
                pendingC3 = true
            } else if byte == 0xE2 {
                pendingE2 = 1
            } else {
                bytes.append(byte)
            }
        }
        if pendingC3 { bytes.append(0xC3) }
        if pendingE2 > 0 {
            bytes.append(0xE2)
            if pendingE2 == 2 { bytes.append(0x80) }
        }
        return changed ? String(decoding: bytes, as: UTF8.self) : text
    }

    /// ASCII for U+00C0 … U+00FF (second UTF-8 byte 0x80 … 0xBF), 0 when there is none.
    private static let latin1Folding: [UInt8] = {
        var table = [UInt8](repeating: 0, count: 64)
        let map: [(UInt8, Character)] = [
            (0x00, "A"), (0x01, "A"), (0x02, "A"), (0x04, "A"), (0x07, "C"), (0x08, "E"), (0x09, "E"), (0x0A, "E"),
            (0x0B, "E"), (0x0E, "I"), (0x0F, "I"), (0x14, "O"), (0x16, "O"), (0x19, "U"), (0x1B, "U"), (0x1C, "U"),
            (0x20, "a"), (0x21, "a"), (0x22, "a"), (0x24, "a"), (0x27, "c"), (0x28, "e"), (0x29, "e"), (0x2A, "e"),
            (0x2B, "e"), (0x2E, "i"), (0x2F, "i"), (0x34, "o"), (0x36, "o"), (0x39, "u"), (0x3B, "u"), (0x3C, "u"),
        ]
        for (offset, letter) in map { table[Int(offset)] = letter.asciiValue! }
        return table
    }()

    /// Word-level SMS spellings and typos ("très" → "tro", "really" → "rly"), keeping punctuation.
    static func sms(_ text: String, english: Bool, random: inout DemoRandom) -> String {
        let table = english ? englishSpellings : frenchSpellings
        let bytes = Array(text.utf8)
        var result: [UInt8] = []
        result.reserveCapacity(bytes.count + 8)
        var start = 0
        while start <= bytes.count {
            var end = start
            while end < bytes.count && bytes[end] != 0x20 { end += 1 }
            // The word is bytes[start..<end]; keep trailing ASCII punctuation apart.
            var coreEnd = end
            while coreEnd > start, ".,!?;:".utf8.contains(bytes[coreEnd - 1]) { coreEnd -= 1 }
            var replaced = false
            if coreEnd > start, coreEnd - start < 16 {
                var key = String(decoding: bytes[start..<coreEnd], as: UTF8.self)
                if bytes[start] >= 0x41 && bytes[start] <= 0x5A { key = key.lowercased() }
                if let choices = table[key], random.chance(0.7) {
                    result.append(contentsOf: random.pick(choices).utf8)
                    result.append(contentsOf: bytes[coreEnd..<end])
                    replaced = true
                }
            }
            if !replaced { result.append(contentsOf: bytes[start..<end]) }
            if end < bytes.count { result.append(0x20) }
            start = end + 1
        }
        return String(decoding: result, as: UTF8.self)
    }

    private static let frenchSpellings: [String: [String]] = [
        "très": ["tro", "tres", "trè"],
        "trop": ["tro", "troooop"],
        "beaucoup": ["bcp", "bocoup"],
        "vraiment": ["vrm", "vraimen", "vraiiiment"],
        "que": ["ke", "q"],
        "qu'il": ["kil"],
        "c'est": ["c", "cé", "c’est", "cest"],
        "quand": ["qd", "kan"],
        "pourquoi": ["pk", "pq"],
        "toujours": ["tjrs", "tjs"],
        "aujourd'hui": ["auj", "ajd"],
        "bon": ["bonnn", "boooon"],
        "bonne": ["bonnnne"],
        "merci": ["mrc", "merciii", "mercii"],
        "parce": ["pcq", "pck"],
        "super": ["supeeer", "suuuper"],
        "meilleur": ["meilleure", "meileur"],
        "meilleure": ["meilleur", "meileure"],
        "croissant": ["croisant", "croissants"],
        "délicieux": ["délicieu", "delicieux", "dlcx"],
        "pas": ["pa"],
        "est": ["é", "et"],
        "vous": ["vs"],
        "avec": ["avc", "ac"],
        "quelqu'un": ["qqn", "qq1"],
        "rendez-vous": ["rdv"],
        "commande": ["comande", "cmd"],
        "attente": ["atente"],
        "déçue": ["decu", "déçu"],
        "déçu": ["decu", "dessu"],
        "livraison": ["livrason", "livraisson"],
    ]

    private static let englishSpellings: [String: [String]] = [
        "you": ["u", "ya"],
        "are": ["r"],
        "really": ["rly", "realy"],
        "good": ["gooood", "gud"],
        "because": ["bc", "cuz"],
        "the": ["teh", "th"],
        "great": ["gr8", "grate"],
        "please": ["pls", "plz"],
        "tomorrow": ["tmrw"],
        "thanks": ["thx", "thanx"],
        "definitely": ["definately", "def"],
        "delicious": ["delish", "delicous"],
        "so": ["sooo", "soooo"],
        "croissant": ["crossaint", "croissaint"],
        "to": ["2"],
        "before": ["b4"],
        "late": ["l8"],
        "order": ["ordr"],
        "disappointed": ["dissapointed", "disapointed"],
    ]
}
