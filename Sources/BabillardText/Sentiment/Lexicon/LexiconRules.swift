/// The words that change other words' valence, per language: negations, boosters and
/// dampeners, contrast, idioms. English follows VADER 3.3.2 (Hutto & Gilbert 2014) exactly, so
/// that its published scores are reproduced; French adapts the same rules to French grammar
/// (negation after the verb, "pas mal", "trop").
public struct LexiconRules: Sendable {
    /// Valence added by a booster (negative for a dampener), scaled by the word's sign.
    public var boosters: [String: Double]
    /// Words that negate what follows them within three words.
    public var negations: Set<String>
    /// Whether a token containing "n't" negates (English).
    public var negatesContractions: Bool
    /// Contrast conjunctions: what comes before counts half, what comes after 1.5 times.
    public var contrasts: Set<String>
    /// Phrases whose valence replaces that of their words ("the bomb", "pas mal"), checked as
    /// VADER checks them (only for a word three words in, and reaching the words after them).
    public var specialCases: [String: Double]
    /// Babillard's phrases of customer talk, checked wherever they stand and for their own words
    /// only: names of things that carry no feeling (0: "gift card", "bon cadeau"), and idioms
    /// ("thanks for nothing"). The first sentiment word of the phrase takes its value, the others
    /// count 0. A booster just before one ("un très bon cadeau") leaves its words as they are.
    public var phrases: [String: Double]
    /// Words a following negation ("j'aime pas") applies back to: subject pronouns and "ne".
    public var negationAfterVerbSubjects: Set<String>
    /// Pronouns that may stand between the subject (or "ne") and the verb it negates after it
    /// (French "me", "s'", "en": "je ne m'en lasse pas").
    public var objectPronouns: Set<String>
    /// Negations that can follow the verb they negate (French "pas", "jamais", "plus", "rien").
    public var negationsAfterVerb: Set<String>
    /// Boosters that are sentiment words of their own when no sentiment word follows
    /// ("c'est super", "trop !").
    public var boostersThatStandAlone: Set<String>
    /// English VADER quirks: "kind of", "least", "never so", "without doubt", the "no" rules.
    public var englishQuirks: Bool

    static let increment = 0.293
    static let decrement = -0.293

    public static let english = LexiconRules(
        boosters: Dictionary(uniqueKeysWithValues:
            [
                "absolutely", "amazingly", "awfully", "completely", "considerable", "considerably", "decidedly", "deeply",
                "effing", "enormous", "enormously", "entirely", "especially", "exceptional", "exceptionally", "extreme",
                "extremely", "fabulously", "flipping", "flippin", "frackin", "fracking", "fricking", "frickin", "frigging",
                "friggin", "fully", "fuckin", "fucking", "fuggin", "fugging", "greatly", "hella", "highly", "hugely",
                "incredible", "incredibly", "intensely", "major", "majorly", "more", "most", "particularly", "purely",
                "quite", "really", "remarkably", "so", "substantially", "thoroughly", "total", "totally", "tremendous",
                "tremendously", "uber", "unbelievably", "unusually", "utter", "utterly", "very",
            ].map { ($0, increment) }
            + [
                "almost", "barely", "hardly", "just enough", "kind of", "kinda", "kindof", "kind-of", "less", "little",
                "marginal", "marginally", "occasional", "occasionally", "partly", "scarce", "scarcely", "slight", "slightly",
                "somewhat", "sort of", "sorta", "sortof", "sort-of",
            ].map { ($0, decrement) }),
        negations: [
            "aint", "arent", "cannot", "cant", "couldnt", "darent", "didnt", "doesnt", "ain't", "aren't", "can't",
            "couldn't", "daren't", "didn't", "doesn't", "dont", "hadnt", "hasnt", "havent", "isnt", "mightnt", "mustnt",
            "neither", "don't", "hadn't", "hasn't", "haven't", "isn't", "mightn't", "mustn't", "neednt", "needn't", "never",
            "none", "nope", "nor", "not", "nothing", "nowhere", "oughtnt", "shant", "shouldnt", "uhuh", "wasnt", "werent",
            "oughtn't", "shan't", "shouldn't", "uh-uh", "wasn't", "weren't", "without", "wont", "wouldnt", "won't",
            "wouldn't", "rarely", "seldom", "despite",
        ],
        negatesContractions: true,
        contrasts: ["but"],
        specialCases: [
            "the shit": 3, "the bomb": 3, "bad ass": 1.5, "badass": 1.5, "bus stop": 0.0, "yeah right": -2,
            "kiss of death": -1.5, "to die for": 3, "beating heart": 3.1, "broken heart": -2.9,
        ],
        phrases: [
            "gluten free": 0, "sugar free": 0, "dairy free": 0, "lactose free": 0, "nut free": 0, "fat free": 0,
            "alcohol free": 0, "caffeine free": 0, "credit card": 0, "credit cards": 0, "gift card": 0, "gift cards": 0,
            "gift voucher": 0, "gift vouchers": 0, "gift certificate": 0, "thanks for nothing": -2.0,
        ],
        negationAfterVerbSubjects: [],
        objectPronouns: [],
        negationsAfterVerb: [],
        boostersThatStandAlone: [],
        englishQuirks: true
    )

    public static let french = LexiconRules(
        boosters: Dictionary(
            [
                "absolument", "archi", "beaucoup", "carrement", "complètement", "considérablement", "davantage",
                "diablement", "drôlement", "entièrement", "exceptionnellement", "excessivement", "extra", "extrêmement",
                "fabuleusement", "grandement", "hyper", "incroyablement", "infiniment", "particulièrement", "profondément",
                "rudement", "sacrément", "spécialement", "super", "superbement", "tellement", "terriblement", "totalement",
                "trop", "très", "ultra", "vachement", "vraiment", "énormément", "si", "tout", "franchement", "carrément",
                "plus", "vraiment", "hautement", "parfaitement", "fort",
            ].map { ($0, increment) }
            + [
                "assez", "difficilement", "guère", "insuffisamment", "juste", "légèrement", "moins", "peu", "plutôt",
                "presque", "quasi", "quasiment", "quelque peu", "un peu", "à peine", "moyennement", "relativement",
                "pas très", "pas trop", "pas vraiment",
            ].map { ($0, decrement) },
            uniquingKeysWith: { first, _ in first }),
        negations: ["pas", "jamais", "rien", "aucun", "aucune", "aucunement", "nullement", "sans", "ni", "guère", "point"],
        negatesContractions: false,
        contrasts: ["mais", "cependant", "pourtant", "toutefois", "néanmoins", "neanmoins"],
        specialCases: [
            "pas mal": 1.5, "pas terrible": -1.6, "pas top": -1.4, "pas génial": -1.2, "pas fou": -1.0,
            "rien de spécial": -1.0, "au top": 2.5, "à tomber": 2.4, "pas cher": 1.2, "trop cher": -1.8,
            "sans intérêt": -2.0, "sans plus": -0.8, "coup de coeur": 2.8, "coup de cœur": 2.8, "perte de temps": -2.4,
            "service client": 0, "bon appétit": 1.0,
        ],
        phrases: [
            "fermeture exceptionnelle": 0, "fermetures exceptionnelles": 0, "ouverture exceptionnelle": 0,
            "ouvertures exceptionnelles": 0, "horaires exceptionnels": 0, "bon cadeau": 0, "bons cadeaux": 0, "bon d' achat": 0,
            "carte cadeau": 0, "cartes cadeaux": 0, "chèque cadeau": 0, "chèques cadeaux": 0, "une part": 0, "la part": 0,
            "pas normal": -1.5, "pas normale": -1.5,
        ],
        negationAfterVerbSubjects: [
            "ne", "n'", "je", "j'", "tu", "il", "elle", "on", "nous", "vous", "ils", "elles", "ça", "ca", "cela", "c'",
        ],
        objectPronouns: ["me", "m'", "te", "t'", "se", "s'", "le", "la", "les", "l'", "lui", "leur", "en", "y", "nous", "vous"],
        negationsAfterVerb: ["pas", "jamais", "plus", "rien", "guère", "point"],
        boostersThatStandAlone: ["super", "extra", "top", "trop", "génial"],
        englishQuirks: false
    )

    public static func forLanguage(_ language: Language) -> LexiconRules {
        language == .french ? .french : .english
    }
}
