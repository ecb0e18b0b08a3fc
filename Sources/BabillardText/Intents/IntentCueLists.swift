/// The words and phrases that show each intent, in French and in English, as people write them
/// on blogs, Mastodon, Bluesky, Reddit, Twitter and in reviews.
///
/// How a cue is read (`IntentCueTable` compiles these lists once):
/// - it is folded like the text (case and accents do not matter: "où acheter" also finds
///   "OU ACHETER" and "ou acheter") and cut into words at spaces, hyphens and apostrophes, so
///   "est-ce que" also finds "est ce que" and "can't" finds "can t" but not "cant" (spell that
///   variant separately when people write it);
/// - words match whole words; a final `*` matches any word that starts with it ("déçu*");
/// - a leading `^` keeps the cue to the start of a sentence ("^did you" is a question, "what
///   did you do" is not asked of the reader);
/// - a leading `+` makes the cue count only when the item also holds a link (promotions point
///   somewhere: "découvrez … http://…");
/// - a leading `!word` drops the cue when that word is one of the two before it ("!if doesn't
///   work": "if that doesn't work, try…" reports nothing).
///
/// Blockers find nothing but stop shorter cues at their place ("you should have" is hindsight,
/// not the idea "you should"); rhetorical cues keep the "?" of their sentence from asking.
///
/// Praise and complaint cues are negatable: "pas intéressant", "not great" turn praise into a
/// complaint, "pas mauvais" drops the complaint (see `IntentDetector`). Phrases that start with
/// the negation themselves ("pas terrible", "not bad") are cues of their own.
enum IntentCueLists {
    struct CueLanguage: Sendable {
        var cues: [(Intent, [String])]
        var blockers: [String]
        var rhetorical: [String]
    }

    static let french = CueLanguage(
        cues: frenchCues, blockers: frenchBlockers, rhetorical: frenchRhetorical)
    static let english = CueLanguage(
        cues: englishCues, blockers: englishBlockers, rhetorical: englishRhetorical)

    private static let frenchCues: [(Intent, [String])] = [
        (.question, [
            "!c est-ce que", "!c est-ce qu", "pouvez-vous", "pourriez-vous", "savez-vous",
            "sauriez-vous", "avez-vous", "auriez-vous", "sais-tu", "peux-tu", "pourrais-tu", "as-tu",
            "quelqu'un sait", "quelqu'un peut", "quelqu'un pourrait", "quelqu'un a",
            "quelqu'un connait", "qui sait", "je me demande", "je me demandais",
            "juste une interrogation", "une question", "^comment faire pour", "^ou puis-je",
            "^ou peut-on", "^ou trouver", "comment vas-tu", "comment allez-vous",
        ]),
        (.complaint, [
            "inadmissible", "inacceptable", "pas acceptable", "scandal*", "honte", "honteu*",
            "lamentable", "pitoyable", "minable", "pathetique", "nul", "nulle", "nuls", "nullite",
            "navet", "navets", "daube", "bouse", "arnaque", "escroquerie", "escroc*", "rembours*",
            "toujours pas recu*", "jamais recu*", "decu", "decue", "decevant*", "deception", "ennui",
            "ennuyeu*", "on s'ennuie", "soporifique", "perte de temps", "a fuir", "a eviter",
            "deconseill*", "insupportable*", "ridicule", "ridicules", "mauvais", "mauvaise", "mal joue",
            "mal fait", "mal realise", "bacle", "baclee", "sans interet", "aucun interet", "le pire",
            "la pire", "catastroph*", "mediocre*", "degout*", "marre", "ras le bol", "n'importe quoi",
            "grotesque", "pas bon", "moche", "aneries", "betise*", "connerie*", "manque de",
            "manquent de", "manque totalement", "manquent totalement", "sans emotion", "ne vaut pas",
            "vaut pas le", "dommage", "regrettable", "je regrette", "gachis", "foutage de gueule",
            "se moque de nous", "se moquent de nous", "insipide", "pas credible", "peu credible",
            "bidon", "de la merde", "naze", "chiant", "chiante", "consternant*", "navrant*",
            "affligeant*", "desolant*", "deplorable", "c'est une blague", "pas terrible",
            "quelle horreur", "une honte",
            // Customer talk: what goes wrong in a shop, a restaurant or a delivery.
            "rassis", "rassie", "immangeable*", "degueulasse*", "degueu", "perime", "perimee", "perimes",
            "perimees", "moisi", "moisie", "pas frais", "pas fraiche", "pas fraiches", "trop cher",
            "hors de prix", "livraison en retard", "livraisons en retard", "commande en retard", "colis en retard",
            "toujours en retard", "encore en retard", "arrive en retard", "arrivee en retard", "livre en retard",
            "livree en retard", "furieux", "furieuse", "furax", "en colere", "enerve", "enervee",
            "mecontent*", "pas content", "pas contente", "pas satisfait", "pas satisfaite", "impoli*",
            "malpoli*", "irrespectueu*", "desagreable*", "facture deux fois", "factures deux fois",
            "facturee deux fois", "debite deux fois", "debitee deux fois", "double facturation",
            "jamais arrive*", "toujours pas arrive*", "toujours pas livre*", "jamais livre*",
            "personne ne repond", "aucune reponse", "toujours sans reponse", "j'attends toujours",
            "trop lent*", "tres lent*", "interminable*", "pas de reponse", "commande incomplete",
            "il manquait", "il manque un", "il manque une", "il manque des", "prix ont augmente",
            "prix ont encore augmente", "etait froid", "etait froide", "etaient froids", "etaient froides",
            "arrive froid", "arrivee froide", "arrives froids", "arrivees froides",
        ]),
        (.praise, [
            "merci", "bravo", "felicitation*", "chapeau", "excellent", "excellente", "excellents",
            "genial", "geniale", "super", "magnifique*", "superbe*", "sublime*", "chef d'oeuvre",
            "chefs d'oeuvre", "bijou", "perle", "j'adore", "adore", "j'ai adore", "j'aime", "j'ai aime",
            "a voir", "a ne pas manquer", "a ne pas louper", "je recommande", "je le recommande",
            "je vous le recommande", "a recommander", "recommandable", "je conseille",
            "je le conseille", "je vous le conseille", "je vous conseille", "n'hesitez pas", "un regal",
            "tres bon", "tres bonne", "tres bien", "tres beau", "tres belle", "beau film", "bon film",
            "bon moment", "bien joue", "reussi", "reussie", "parfait", "parfaite", "formidable",
            "a merveille", "emouvant*", "touchant*", "passionnant*", "captivant*", "prenant",
            "prenante", "drole", "coup de coeur", "brillant*", "interessant*", "plaisir",
            "bonne surprise", "fabuleu*", "prodigieu*", "!ouverture !ouvertures !fermeture !fermetures !horaires exceptionnel*", "splendide*", "merveilleu*",
            "cultissime", "un must", "talentueu*", "bonne idee", "vive", "heureux de", "bien fait",
            "bien faite", "bien ficele*", "bien realise", "courageux", "convaincant*", "plaisant*",
            "agreable", "sympa", "sympathique", "a decouvrir", "poignant*", "jubilatoire", "bluffant*",
            "top", "adorable", "talent",
            // Customer talk: food, a shop, a welcome.
            "delicieu*", "savoureu*", "succulent*", "un delice", "c'est joli", "c'etait joli", "tres joli*",
            "trop joli*", "si joli*", "super joli*", "vraiment joli*",
            "chaleureu*", "accueillant*", "tres gentil*", "super gentil*", "si gentil*", "gentillesse", "aimable*",
            "souriant*", "miam", "trop bon", "trop bonne", "trop bons", "trop bonnes",
        ]),
        (.purchaseIntent, [
            "ou acheter", "ou puis-je acheter", "combien coute", "combien ca coute", "combien coutent",
            "quel est le prix", "je vais commander", "je vais acheter", "je vais l'acheter",
            "je vais m'acheter", "je l'acheterai*", "j'acheterai*", "je compte acheter",
            "j'aimerais acheter", "je veux acheter", "envie d'acheter", "trouver en dvd",
            "acheter le dvd", "acheter le blu-ray", "precommand*", "reserver mes places",
            "je vais reserver", "je vais prendre un abonnement", "je vais m'abonner",
            // Ordering and booking, as customers ask.
            "je voudrais commander", "je souhaite commander", "je souhaiterais commander",
            "j'aimerais commander", "je veux commander", "je voudrais acheter", "je souhaite acheter",
            "je voudrais reserver", "je souhaite reserver", "je souhaiterais reserver",
            "j'aimerais reserver", "reserver une table", "passer commande", "passer une commande",
            "peut-on commander", "peut-on reserver", "possible de commander", "possible de reserver",
            "vous livrez", "livrez-vous", "combien pour", "quels sont vos prix", "quels sont vos tarifs",
            "avez-vous encore", "vous reste-t-il",
        ]),
        (.supportRequest, [
            "ne fonctionne pas", "ne fonctionne plus", "fonctionne pas", "ne marche pas",
            "ne marche plus", "marche pas", "bug", "bugs", "beug*", "bogue", "plante", "aidez-moi",
            "aidez moi", "besoin d'aide", "un coup de main", "impossible de me connecter",
            "impossible de se connecter", "je n'arrive pas", "j'arrive pas", "message d'erreur",
            "en panne", "toujours pas recu*", "jamais recu*", "n'ai pas recu*", "n'avons pas recu*",
            "mot de passe", "mon compte", "service apres-vente", "jamais arrive*", "toujours pas arrive*",
            "toujours pas livre*", "jamais livre*", "pouvez-vous m'aider", "pourriez-vous m'aider",
        ]),
        (.idea, [
            "vous devriez", "tu devrais", "il devrait", "elle devrait", "on devrait", "ils devraient",
            "ce serait bien", "ce serait chouette", "ce serait top", "ce serait cool",
            "ce serait genial", "ca serait bien", "il faudrait", "faudrait", "je propose", "je suggere",
            "suggestion", "pourquoi ne pas", "ne peut-on pas", "on pourrait", "vous pourriez",
            "ajoutez", "j'aimerais que",
        ]),
        (.spam, [
            "cliquez ici", "cliquez", "gagnez", "a gagner", "+concours", "+code promo", "+promo",
            "abonnez-vous", "suivez-nous", "rendez-vous sur", "notre derniere publication",
            "nous vous attendons", "nous avons besoin de vous", "+decouvrez", "profitez",
            "offre speciale", "livraison gratuite", "inscrivez-vous", "+sur le blog", "le saviez-vous",
            "+is out", "+besoin de vous",
        ]),
    ]

    private static let englishCues: [(Intent, [String])] = [
        (.question, [
            "^how do i", "^how do you", "^how can i", "^does anyone", "^does anybody", "^has anyone",
            "^anyone know", "^is there a way", "^is there any", "does anyone know", "anybody know",
            "can someone", "can anyone", "could someone", "could you tell", "can you tell me",
            "do you know", "i wonder about", "i was wondering", "just wondering", "i'm wondering",
            "any idea", "any ideas", "^where can i", "^where do i", "^did you try", "^have you tried",
            "^did you", "quick question", "follow-up question", "^question", "^is it possible",
            "^what if", "how you doing", "how are you", "wonder if", "wonder whether", "wondering if",
            "wondering whether", "may we know", "may i ask", "can i ask", "^do you", "^does", "^did",
            "^are you", "^is it", "^is this", "^is that", "^is there", "^can you", "^can i",
            "^could you", "^would you", "^will you", "^have you", "^has", "^was it", "^were you",
            "^should i",
        ]),
        (.complaint, [
            "never again", "refund", "refunds", "worst", "terrible", "awful", "horrible", "disappoint*",
            "sucks", "suck", "unacceptable", "ridiculous", "pathetic", "scam", "rip off", "ripoff",
            "waste of time", "waste of money", "epic fail", "still haven't received", "never received",
            "poor service", "bad service", "annoying", "pointless", "boring", "fed up", "so pissed",
            "i'm pissed", "im pissed", "pissed off", "makes me angry", "so angry",
            "get your stuff together", "get your shit together", "shame on", "screw up", "screwed up",
            "i hate", "scumbag", "stupid", "so dumb", "crap", "garbage", "is a joke", "bad",
            "insensitive", "to be desired", "expecting better", "too expensive", "overpriced", "ruined",
            "worse", "to blame", "fault", "don't trust", "c'mon", "cmon", "why can't", "why couldn't",
            "lame", "disgusting", "despise", "betray*", "prejudice", "childish", "should not have",
            "shouldn't have", "can't stand", "wtf", "mad at", "wasted", "delayed", "deal breaker",
            "slower than", "atrocity", "poor", "fucked up", "why they haven't", "why haven't they",
            "not worth",
            // Customer talk: what goes wrong in a shop, a restaurant or a delivery.
            "rude", "stale", "inedible", "furious", "overcharged", "charged twice", "charged me twice",
            "double charged", "never arrived", "still waiting", "nobody answers", "no one answers",
            "no response", "not happy", "unhappy", "prices went up", "prices have gone up",
            "raised their prices", "arrived cold",
        ]),
        (.praise, [
            "thanks", "thank you", "thank", "thx", "love it", "!d !would !the love", "loved", "loving",
            "awesome", "amazing", "!be great", "brilliant", "excellent", "fantastic", "impressive",
            "impressed", "kudos", "good job", "well done", "congrats", "congratulations", "props",
            "respect", "upvote", "up boat", "best", "the man", "genius", "dope", "superb", "perfect",
            "beautiful", "incredible", "!making !make fun", "cool", "!be nice", "interesting",
            "appreciate*", "proud", "favorite", "favourite", "legend", "wonderful", "obsessed",
            "exquisite", "lovely", "good stuff", "rock solid", "professionalism", "glad", "i like",
            "recommend*", "must see", "damn fine", "helpful", "not bad", "masterpiece", "so good",
            "very good", "really good", "is good", "was good", "looks good", "pretty good",
            "good movie", "good film", "good game", "good work", "made my day", "adorable", "talent",
            "talented",
            // Customer talk: food, a shop, a welcome.
            "delicious", "tasty", "yummy", "friendly", "welcoming",
        ]),
        (.purchaseIntent, [
            "want to buy", "i wanna buy", "going to buy", "gonna buy", "will buy", "have to buy",
            "need to buy", "i'll buy", "i'll be buying", "i'm buying", "i am buying",
            "will be purchasing", "planning to buy", "thinking of buying", "where can i buy",
            "where to buy", "where do i buy", "how much is", "how much does", "how much are",
            "how much for", "take my money", "pre-order", "preorder", "get tickets", "get some tickets",
            "get those tickets", "get the tickets", "pay full price", "may get this", "might get this",
            "might buy", "may buy", "spend money on",
            // Ordering and booking, as customers ask.
            "i'd like to order", "i would like to order", "i want to order", "can i order",
            "could i order", "do you deliver", "do you ship", "book a table", "reserve a table",
            "i'd like to book", "make a reservation", "do you still have",
        ]),
        (.supportRequest, [
            "!if !when doesn't work", "!if !when does not work", "!if !when not working",
            "isn't working", "stopped working", "it's down", "is down", "won't load", "won't work",
            "doesn't load", "not loading", "can't log in", "cant log in", "can't login",
            "cannot log in", "can't access", "can't connect", "crashes", "keeps crashing", "bug",
            "error", "error message", "please help", "help me", "need help", "any help",
            "still getting", "still showing", "having trouble", "having problems", "having issues",
            "command not found", "what's wrong", "is late", "hasn't arrived", "never arrived",
            "how do i fix", "how to fix", "locked out", "my account",
        ]),
        (.idea, [
            "you should", "you guys should", "should really", "it would be great if",
            "it would be nice if", "would be nice", "would be cool", "would be great",
            "feature request", "suggestion", "i suggest", "i'd suggest", "why don't you",
            "have you considered", "!thing !things you could", "have you tried", "why they haven't",
            "why haven't they", "a request for", "have you looked", "have you guys looked",
            "maybe you could", "how about", "needs a", "please add", "please post", "please make",
            "next time", "should start", "should consider", "i'd love to see", "it would help",
            "if only there were", "there should be",
        ]),
        (.spam, [
            "check out my", "check my bio", "check my bi0", "follow me", "follow back", "please follow",
            "follow for follow", "f4f", "for free", "+promo code", "+promo", "+promos", "discount",
            "click here", "click the link", "dm me", "text me", "pm me", "selling", "for sale",
            "get your tickets", "buy tickets", "tix", "register here", "register", "sign up",
            "giveaway", "win a", "can win", "subscription", "link in bio", "99 cents", "sale ends",
            "shop the", "come join us", "come support", "please share", "rsvp", "grand opening",
            "info session", "complimentary", "order online", "sponsored", "limited time", "hurry up",
            "make sure you buy", "who wants tickets", "anyone wanna buy", "anyone want",
            "anyone interested in", "if interested", "if you're interested", "you must read",
            "must read", "+read more", "+is out", "+free", "come celebrate", "grab our",
        ]),
    ]

    private static let frenchBlockers = [
        "faudrait-il", "on pourrait meme", "merci de rt", "merci de relayer", "merci de partager",
    ]
    private static let englishBlockers = [
        "you should have", "you guys should have", "thank you note", "thank you card",
    ]
    private static let frenchRhetorical = [
        "c'est quoi ce", "c'est quoi cette", "qui va payer", "depuis quand", "comment peut-on",
        "comment peut-il", "comment peut-elle", "c'est une blague", "quel interet", "a quoi bon",
    ]
    private static let englishRhetorical = [
        "who cares", "who needs", "what's the point", "do you really", "you really think", "don't you",
        "how could", "how dare", "why would anyone", "are you kidding", "are you serious", "what the",
    ]
}
