/// What the bakery writes on Mastodon and Bluesky, and how it answers people.
enum OwnerPhrases {
    /// Posts about the product of the moment (the topic is a seasonal product).
    static let seasonalPostsFR = PhraseTemplate.list([
        "{Le} est de retour{bang} Disponible dès 7 h, tant qu'il y en a {emoji_food} {hashtags}",
        "C'est la saison {du} : on en sort trois fournées par jour jusqu'à la fin du mois {emoji_food} {hashtags}",
        "Nouveau cette semaine : {le}. Vous nous dites ce que vous en pensez ? {hashtags}",
        "Ce {day}, on vous a préparé {un} comme on les aime. Premier arrivé, premier servi{bang} {hashtags}",
        "Les précommandes pour {le} sont ouvertes{bang} Au comptoir ou par message privé {emoji_pos}",
    ])

    static let everydayPostsFR = PhraseTemplate.list([
        "Sortie de four : {un}, et l'odeur qui va avec {emoji_food} {hashtags}",
        "Il est 4 h 30, le fournil est déjà chaud. Les premières fournées sortent bientôt {emoji_food} #coulisses {hashtags}",
        "Nos farines viennent d'un moulin de Lanaudière, à 80 km d'ici. Le bon pain commence là. {hashtags}",
        "Rappel : nous sommes fermés le lundi. À mardi {emoji_pos}",
        "Atelier pain au levain ce samedi à 14 h : il reste 4 places. Inscription au comptoir {emoji_food}",
        "Merci pour vos {count} avis sur Google ! Chaque mot compte pour une petite boutique comme la nôtre {emoji_pos}",
        "On embauche{bang} Boulanger·ère de nuit et barista à temps partiel. Écrivez-nous en privé. #emploi #Montréal",
        "{Le} du jour sort du four à 11 h. Qui passe ? {emoji_food}",
        "Dans les coulisses : {staff} façonne les baguettes depuis 5 h ce matin {emoji_pos} #coulisses",
        "Petite pensée pour nos voisins commerçants de l'avenue du Mont-Royal. Achetez local {emoji_pos} #achatlocal",
        "Quiz du {day} : combien de couches de beurre dans {un} ? Réponse demain {laugh}",
    ])

    /// June to August.
    static let summerPostsFR = PhraseTemplate.list([
        "La terrasse est ouverte{bang} {Un} au soleil, ça vous dit ? {hashtags}",
        "Canicule : on ouvre la porte du fournil à 4 h pour respirer. Les croissants, eux, ne se plaignent pas {laugh}",
    ])
    /// November to March.
    static let winterPostsFR = PhraseTemplate.list([
        "Il neige sur le Plateau. Le four est chaud, le chocolat chaud aussi. On vous attend {emoji_pos}",
        "Tempête annoncée : on ouvre quand même, mais on ferme à 16 h. Soyez prudents {emoji_pos}",
    ])

    static let bilingualPostsFR = PhraseTemplate.list([
        "{Le} est de retour ! / The {product_en} is back! {emoji_food} {hashtags}",
        "Ouvert dès 7 h ce {day} / Open from 7 a.m. {emoji_pos} {hashtags}",
        "Sortie de four / Fresh out of the oven : {product} {emoji_food}",
    ])

    static let postsEN = PhraseTemplate.list([
        "Fresh out of the oven: {product_en} {emoji_food} {hashtags_en}",
        "Our {product_en} is back for the season! {hashtags_en}",
        "Open at 7 a.m. every day but Monday. Come say hi {emoji_pos}",
    ])

    static let referralPostsFR = PhraseTemplate.list([
        "Parrainez vos amis : ils ont 10 % sur leur première commande, vous un café offert. Demandez votre code MELISSE au comptoir {emoji_pos}",
        "Rappel : votre code de parrainage MELISSE-… est sur votre reçu. Partagez-le, on offre le café {emoji_food}",
    ])

    static let apologyPostsFR = PhraseTemplate.list([
        "Cette semaine, plusieurs commandes livrées sont arrivées en retard ou froides. C'est inacceptable et on s'en excuse. On suspend notre partenaire de livraison et on rembourse tous les frais : écrivez-nous.",
        "Mise à jour livraisons : on reprend les livraisons nous-mêmes dès lundi. Merci pour votre patience et désolés encore pour cette semaine {emoji_neg}",
    ])

    static let apologyPostsEN = PhraseTemplate.list([
        "This week many deliveries arrived late or cold. That's not okay and we're sorry. We've suspended our delivery partner and are refunding all fees: please reach out.",
    ])

    // MARK: - Answers

    static let greetingsFR = PhraseTemplate.list(["Bonjour {name} ! ", "Salut {name} ! ", "Allô {name} ! ", "Merci pour la question, {name} ! "])
    static let greetingsEN = PhraseTemplate.list(["Hi {name}! ", "Hello {name}! ", "Hey {name}! "])

    static let thanksFR = PhraseTemplate.list([
        "Merci {name} {emoji_pos} Ça nous fait chaud au cœur{bang}",
        "Merci beaucoup {name}, on transmet à toute l'équipe{bang}",
        "Quel beau message, merci {name} ! À très bientôt au comptoir.",
        "Merci {name} ! {Le} vous attend samedi {emoji_food}",
        "Ça fait notre journée, merci {name} {emoji_pos}",
    ])

    static let thanksEN = PhraseTemplate.list([
        "Thank you {name}! See you soon {emoji_pos}",
        "That made our day, {name}. Thanks!",
        "Thanks so much {name}, we'll pass it on to the team!",
    ])

    static let apologiesFR = PhraseTemplate.list([
        "Bonjour {name}, nous sommes vraiment désolés. Pouvez-vous nous écrire à bonjour@boulangerie-melisse.ca avec les détails ? On va arranger ça.",
        "Vous avez raison {name}, ce n'est pas notre standard. Merci de nous l'avoir dit : on en parle à l'équipe dès demain matin.",
        "Désolés pour l'attente {name}. On ajoute une personne au comptoir les fins de semaine à partir de samedi.",
        "Merci pour votre franchise {name}. On a revu la cuisson ce matin ; repassez nous voir, c'est pour nous.",
    ])

    static let deliveryApologiesFR = PhraseTemplate.list([
        "Bonjour {name}, toutes nos excuses. Notre partenaire de livraison a eu de gros problèmes cette semaine ; on vous rembourse la livraison et votre prochaine commande est offerte.",
        "{name}, on est sincèrement désolés. On a suspendu le partenaire de livraison le temps de trouver une solution. Écrivez-nous en privé pour le remboursement.",
        "Désolés {name}, ce n'est vraiment pas l'expérience qu'on veut vous offrir. Le remboursement est fait, vous devriez le voir d'ici 3 jours.",
    ])

    static let apologiesEN = PhraseTemplate.list([
        "Hi {name}, we're really sorry about this. Could you email bonjour@boulangerie-melisse.ca with the details? We'll make it right.",
        "You're right {name}, that's not our standard. Thanks for telling us; we're talking to the team first thing tomorrow.",
    ])

    static let deliveryApologiesEN = PhraseTemplate.list([
        "So sorry {name}, our delivery partner had serious problems this week. We're refunding the delivery fee and your next order is on us.",
        "{name}, we apologise. We've suspended the delivery partner; please DM us for your refund.",
    ])

    /// Answers to reviews (Google and Tripadvisor "owner responses").
    static let reviewThanksFR = PhraseTemplate.list([
        "Merci pour ce bel avis, {name} ! Toute l'équipe a hâte de vous préparer {un} la prochaine fois.",
        "Merci {name}, ça nous touche beaucoup. À bientôt à la boulangerie !",
        "Un grand merci {name} ! On transmet vos compliments à {staff}.",
    ])
    static let reviewThanksEN = PhraseTemplate.list([
        "Thank you for the kind review, {name}! See you soon at the bakery.",
        "Thanks {name}! We'll pass your compliments on to {staff}.",
    ])
    static let reviewMixedFR = PhraseTemplate.list([
        "Merci {name} pour votre retour honnête. On prend note pour l'attente du samedi et on travaille à l'améliorer.",
        "Merci {name}. Vous avez raison sur les prix ; le beurre a beaucoup augmenté, mais on garde la qualité.",
    ])
    static let reviewMixedEN = PhraseTemplate.list([
        "Thanks for the honest feedback, {name}. We're working on the Saturday line.",
    ])
}
