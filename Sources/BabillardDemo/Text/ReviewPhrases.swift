/// Review texts whose words match their rating, in French and English, and Tripadvisor titles.
enum ReviewPhrases {
    /// Index 0 is one star … index 4 is five stars.
    static let textsFR: [[PhraseTemplate]] = [
        PhraseTemplate.list([
            "Très mauvaise expérience. Commande oubliée, aucun geste commercial.",
            "À éviter. Accueil glacial et {product} rassis.",
            "Une heure d'attente pour une commande incomplète. Plus jamais.",
            "Je ne comprends pas les bonnes notes. {Le} était immangeable.",
        ]),
        PhraseTemplate.list([
            "Déçu par {le}, pas à la hauteur des avis.",
            "Attente interminable et personnel débordé. Dommage.",
            "Plus de pain à 11 h, c'est un peu fort pour une boulangerie.",
            "Trop cher pour ce que c'est. {Le} était correct, sans plus.",
        ]),
        PhraseTemplate.list([
            "Correct sans plus. {Le} était bon mais le service lent.",
            "Bon pain, mais trop cher pour ce que c'est.",
            "Ça dépend des jours : parfois excellent, parfois moyen.",
            "Bonne boulangerie de quartier, rien d'exceptionnel.",
        ]),
        PhraseTemplate.list([
            "{Le}, vraiment {bon} ; un peu d'attente le samedi mais ça vaut le coup.",
            "Excellents produits, le café pourrait être un peu plus chaud.",
            "Belle découverte, un peu cher mais de qualité.",
            "Bonnes viennoiseries, peu de places assises. On reviendra.",
            "{Le} est {adj}, le reste est bon. Service sympathique.",
        ]),
        PhraseTemplate.list([
            "Meilleure boulangerie du quartier. {Le} est {adj} et le personnel adorable.",
            "Tout est bon ici. Mention spéciale pour {le}{bang}",
            "Une adresse incontournable à Montréal. Le pain au levain est exceptionnel, le café aussi.",
            "Accueil chaleureux, produits frais, prix honnêtes. Je recommande à 100 %.",
            "On vient tous les dimanches en famille. Jamais déçus {emoji_pos}",
            "Le genre d'endroit qui rend un quartier meilleur. Merci {staff} et toute l'équipe.",
            "{Le}, {drink}, une table au soleil : le bonheur.",
        ]),
    ]

    static let textsEN: [[PhraseTemplate]] = [
        PhraseTemplate.list([
            "Terrible experience. Order forgotten, no apology.",
            "Avoid. Stale {product_en} and rude service.",
        ]),
        PhraseTemplate.list([
            "Disappointed by the {product_en}, not worth the hype.",
            "Endless wait and overwhelmed staff. Too bad.",
        ]),
        PhraseTemplate.list([
            "Decent, nothing special. Good bread but slow service.",
            "Good but pricey.",
        ]),
        PhraseTemplate.list([
            "Great {product_en}, a bit of a wait on Saturdays but worth it.",
            "Lovely pastries, not many seats. We'll be back.",
        ]),
        PhraseTemplate.list([
            "Best bakery in the neighbourhood. The {product_en} is {adj_en}!",
            "A Montreal must. Amazing sourdough, great coffee, friendly staff.",
            "Everything is good here. Special mention for the {product_en} {emoji_pos}",
        ]),
    ]

    /// The bad week's reviews are about deliveries.
    static let deliveryFR = PhraseTemplate.list([
        "Livraison catastrophique : arrivée froide avec une heure de retard.",
        "Commande jamais livrée, remboursement toujours en attente. Très déçue.",
        "Les produits sont bons en boutique, mais la livraison est un désastre. Croissants froids et écrasés.",
    ])
    static let deliveryEN = PhraseTemplate.list([
        "Delivery was a disaster: cold and an hour late.",
        "Never got my order and still waiting for the refund.",
    ])

    static let titlesFR = [
        ["À éviter", "Très déçu", "Non merci"], ["Décevant", "Bof"], ["Correct", "Moyen"],
        ["Très bon", "Belle adresse", "Bonne surprise"], ["Incontournable !", "Un petit bijou", "Le meilleur croissant de Montréal"],
    ]
    static let titlesEN = [
        ["Avoid", "Very disappointing"], ["Disappointing"], ["Okay", "Average"],
        ["Very good", "Great pastries"], ["Best bakery in Montreal", "A must!", "Perfect"],
    ]
}
