import BabillardCore

/// The business the demo is about: a small independent bakery-café in Montréal, its two
/// competitors, what it sells and who works there. Invented; any resemblance is accidental.
enum DemoBusiness {
    static let name = "Boulangerie Mélisse"
    static let shortName = "Mélisse"
    static let city = "Montréal"
    static let neighbourhood = "Plateau-Mont-Royal"
    static let address = "1847, avenue du Mont-Royal Est, Montréal, QC"
    static let latitude = 45.5312
    static let longitude = -73.5794
    static let founder = "Mélisse Gagnon"
    static let founderFirstName = "Mélisse"
    static let referralPrefix = "MELISSE-"
    static let blogHost = "https://boulangerie-melisse.ca"
    static let blogFeed = "https://boulangerie-melisse.ca/feed/"
    static let supportEmail = "bonjour@boulangerie-melisse.ca"

    static let competitors = ["Le Fournil Saint-Denis", "Miettes & Cie"]

    /// Places for check-ins and reviews: the shop first, then the competitors.
    static let places: [Place] = [
        Place(name: name, externalID: "5f3a9c2e8b1d4a0017c6e2b4", latitude: latitude, longitude: longitude, address: address),
        Place(
            name: competitors[0], externalID: "4b8e1f0af964a520c1e23fe3", latitude: 45.5248, longitude: -73.5832,
            address: "4310, rue Saint-Denis, Montréal, QC"),
        Place(
            name: competitors[1], externalID: "60a2d7c41b9e3c5a08f1d6e7", latitude: 45.5391, longitude: -73.6005,
            address: "212, rue Beaubien Est, Montréal, QC"),
    ]

    static let staff = ["Julien", "Sofia", "Mathilde", "Karim", "Noémie", "Olivier"]

    /// A product with the forms French needs around it (articles, contractions) and its English name.
    struct Product: Sendable {
        let fr: String
        let le: String
        let un: String
        let du: String
        let au: String
        let en: String
        /// "a croissant", "an apple turnover".
        let aEN: String
        /// For the adjectives that agree: "la meilleure tarte", "le meilleur croissant".
        let feminine: Bool
        init(_ fr: String, _ le: String, _ un: String, _ du: String, _ au: String, _ en: String) {
            self.fr = fr
            self.le = le
            self.un = un
            self.du = du
            self.au = au
            self.en = en
            self.aEN = ("aeiou".contains(en.first ?? "x") ? "an " : "a ") + en
            self.feminine = le.hasPrefix("la ") || un.hasPrefix("une ")
        }
    }

    /// All year round.
    static let everyday: [Product] = [
        Product("croissant", "le croissant", "un croissant", "du croissant", "au croissant", "croissant"),
        Product("chocolatine", "la chocolatine", "une chocolatine", "de la chocolatine", "à la chocolatine", "chocolatine"),
        Product("croissant aux amandes", "le croissant aux amandes", "un croissant aux amandes", "du croissant aux amandes", "au croissant aux amandes", "almond croissant"),
        Product("baguette tradition", "la baguette tradition", "une baguette tradition", "de la baguette tradition", "à la baguette tradition", "baguette"),
        Product("miche au levain", "la miche au levain", "une miche au levain", "de la miche au levain", "à la miche au levain", "sourdough loaf"),
        Product("pain de campagne", "le pain de campagne", "un pain de campagne", "du pain de campagne", "au pain de campagne", "country loaf"),
        Product("kouign-amann", "le kouign-amann", "un kouign-amann", "du kouign-amann", "au kouign-amann", "kouign-amann"),
        Product("chausson aux pommes", "le chausson aux pommes", "un chausson aux pommes", "du chausson aux pommes", "au chausson aux pommes", "apple turnover"),
        Product("brioche", "la brioche", "une brioche", "de la brioche", "à la brioche", "brioche"),
        Product("pain aux raisins", "le pain aux raisins", "un pain aux raisins", "du pain aux raisins", "au pain aux raisins", "raisin swirl"),
        Product("éclair au café", "l’éclair au café", "un éclair au café", "de l’éclair au café", "à l’éclair au café", "coffee éclair"),
        Product("cannelé", "le cannelé", "un cannelé", "du cannelé", "au cannelé", "canelé"),
        Product("tarte au sucre", "la tarte au sucre", "une tarte au sucre", "de la tarte au sucre", "à la tarte au sucre", "sugar pie"),
        Product("jambon-beurre", "le jambon-beurre", "un jambon-beurre", "du jambon-beurre", "au jambon-beurre", "ham and butter baguette"),
        Product("quiche aux poireaux", "la quiche aux poireaux", "une quiche aux poireaux", "de la quiche aux poireaux", "à la quiche aux poireaux", "leek quiche"),
        Product("scone à l’érable", "le scone à l’érable", "un scone à l’érable", "du scone à l’érable", "au scone à l’érable", "maple scone"),
        Product("muffin aux bleuets", "le muffin aux bleuets", "un muffin aux bleuets", "du muffin aux bleuets", "au muffin aux bleuets", "blueberry muffin"),
        Product("cookie aux deux chocolats", "le cookie aux deux chocolats", "un cookie aux deux chocolats", "du cookie aux deux chocolats", "au cookie aux deux chocolats", "double chocolate cookie"),
        Product("fougasse aux olives", "la fougasse aux olives", "une fougasse aux olives", "de la fougasse aux olives", "à la fougasse aux olives", "olive fougasse"),
        Product("pouding chômeur", "le pouding chômeur", "un pouding chômeur", "du pouding chômeur", "au pouding chômeur", "pouding chômeur"),
    ]

    /// What each month brings, January … December (indices into `seasonal`).
    static let seasonal: [Product] = [
        Product("galette des rois", "la galette des rois", "une galette des rois", "de la galette des rois", "à la galette des rois", "king cake"),  // 0
        Product("tarte framboise-litchi", "la tarte framboise-litchi", "une tarte framboise-litchi", "de la tarte framboise-litchi", "à la tarte framboise-litchi", "raspberry-lychee tart"),  // 1
        Product("croissant à l’érable", "le croissant à l’érable", "un croissant à l’érable", "du croissant à l’érable", "au croissant à l’érable", "maple croissant"),  // 2
        Product("tarte à l’érable", "la tarte à l’érable", "une tarte à l’érable", "de la tarte à l’érable", "à la tarte à l’érable", "maple pie"),  // 3
        Product("lapin en chocolat", "le lapin en chocolat", "un lapin en chocolat", "du lapin en chocolat", "au lapin en chocolat", "chocolate bunny"),  // 4
        Product("tarte aux fraises", "la tarte aux fraises", "une tarte aux fraises", "de la tarte aux fraises", "à la tarte aux fraises", "strawberry tart"),  // 5
        Product("fraisier", "le fraisier", "un fraisier", "du fraisier", "au fraisier", "strawberry cake"),  // 6
        Product("tarte aux bleuets", "la tarte aux bleuets", "une tarte aux bleuets", "de la tarte aux bleuets", "à la tarte aux bleuets", "blueberry pie"),  // 7
        Product("tartelette aux cerises", "la tartelette aux cerises", "une tartelette aux cerises", "de la tartelette aux cerises", "à la tartelette aux cerises", "cherry tartlet"),  // 8
        Product("tarte aux pommes", "la tarte aux pommes", "une tarte aux pommes", "de la tarte aux pommes", "à la tarte aux pommes", "apple pie"),  // 9
        Product("brioche à la citrouille", "la brioche à la citrouille", "une brioche à la citrouille", "de la brioche à la citrouille", "à la brioche à la citrouille", "pumpkin brioche"),  // 10
        Product("pain d’épices", "le pain d’épices", "un pain d’épices", "du pain d’épices", "au pain d’épices", "gingerbread"),  // 11
        Product("bûche de Noël", "la bûche de Noël", "une bûche de Noël", "de la bûche de Noël", "à la bûche de Noël", "Yule log"),  // 12
        Product("tourtière", "la tourtière", "une tourtière", "de la tourtière", "à la tourtière", "tourtière"),  // 13
    ]

    /// Every product; a text's topic is an index here.
    static let products = everyday + seasonal
    static let firstSeasonal = everyday.count

    /// Seasonal products on offer per month, January … December.
    static let seasonalByMonth: [[Int]] = [
        [0], [1, 0], [2, 3], [2, 3, 4], [5, 3], [5, 6], [7, 8], [7, 8], [9, 10], [10, 9], [11, 9], [12, 13, 11],
    ]

    static let drinksFR = ["un allongé", "un latte", "un café filtre", "un chocolat chaud", "un chaï latte", "un cappuccino", "un cortado"]
    static let drinksEN = ["flat white", "latte", "drip coffee", "hot chocolate", "chai latte", "cappuccino", "cortado"]
    static let neighbourhoodsFR = ["le Plateau", "le Mile End", "Rosemont", "Villeray", "la Petite-Patrie", "le quartier"]
    static let neighbourhoodsEN = ["the Plateau", "Mile End", "Rosemont", "Villeray", "Little Italy", "the neighbourhood"]
    static let prices = ["4,25 $", "3,95 $", "5,50 $", "6,75 $", "12 $", "4,75 $"]

    static let hashtagsFR = [
        "boulangerie", "Montréal", "MTL", "Plateau", "croissant", "viennoiseries", "levain", "achatlocal",
        "mangerlocal", "café", "painmaison", "gourmandise", "mtlfood", "déjeuner",
    ]
    static let hashtagsEN = ["bakery", "Montreal", "MTL", "croissant", "sourdough", "coffee", "shoplocal", "foodie", "breakfast", "mtlfood"]
}
