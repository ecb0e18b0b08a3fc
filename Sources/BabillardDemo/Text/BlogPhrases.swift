/// The bakery's blog: a title and a few paragraphs per theme, signed by the founder.
enum BlogPhrases {
    struct Theme: Sendable {
        let category: String
        let titles: [PhraseTemplate]
        let openings: [PhraseTemplate]
        let bodies: [PhraseTemplate]
        let closings: [PhraseTemplate]
    }

    static let seasonal = Theme(
        category: "Saisons",
        titles: PhraseTemplate.list([
            "{Le} est de retour !", "C'est la saison {du}", "Tout savoir sur notre {product}", "{Le} de l'année : nos petits secrets",
        ]),
        openings: PhraseTemplate.list([
            "Chaque année, c'est le même rituel : quand {le} revient en vitrine, on sait que la saison a vraiment commencé. Cette année, on a pris le temps de revoir la recette avec {staff}, et on est plutôt fiers du résultat.",
            "Vous nous le demandez depuis des semaines, dans les commentaires comme au comptoir : {le} est enfin de retour. Voici ce qui change cette année, et ce qui ne changera jamais.",
            "Il y a des produits qu'on fait parce qu'ils se vendent, et d'autres parce qu'on les aime. {Le} fait partie de la deuxième catégorie (et, heureusement, un peu de la première aussi).",
        ]),
        bodies: PhraseTemplate.list([
            "Tout commence la veille. La pâte repose une nuit entière au frais, ce qui lui donne ce goût légèrement acidulé qu'on aime tant. Le matin, {staff} la façonne à la main, une pièce à la fois, avant la cuisson vers 5 h.",
            "On travaille avec des producteurs d'ici : la farine vient d'un moulin de Lanaudière, le beurre d'une laiterie des Cantons-de-l'Est et les fruits, quand c'est possible, du marché Jean-Talon.",
            "Côté prix, on a choisi de ne pas augmenter cette année malgré la hausse du beurre. {Le} reste à {price}, et on en prépare trois fournées par jour.",
            "Un conseil : {le} se mange le jour même, idéalement tiède. Si vous en gardez pour le lendemain, cinq minutes au four à 180 °C et le croustillant revient.",
        ]),
        closings: PhraseTemplate.list([
            "En pratique : disponible du mardi au dimanche dès 7 h, tant qu'il y en a. Pour les grosses commandes (bureaux, fêtes de famille), écrivez-nous 48 h à l'avance.",
            "Vous pouvez aussi précommander au comptoir ou par message privé sur Mastodon et Bluesky : on met votre commande de côté à votre nom.",
        ]))

    static let behindTheScenes = Theme(
        category: "Coulisses",
        titles: PhraseTemplate.list([
            "Dans les coulisses : 4 h du matin au fournil", "Une nuit avec nos boulangers", "Notre levain a dix ans",
            "Comment on fait nos croissants (et pourquoi ça prend trois jours)",
        ]),
        openings: PhraseTemplate.list([
            "Quand vous poussez la porte à 7 h, le plus gros du travail est déjà fait. L'équipe de nuit arrive vers 3 h 30 : on allume le four, on sort les pâtes qui ont reposé au frais, et la course commence.",
            "On nous demande souvent à quoi ressemble une journée à la boulangerie. Alors cette semaine, on vous ouvre la porte du fournil.",
        ]),
        bodies: PhraseTemplate.list([
            "Notre levain s'appelle Gaston. Il a été démarré en 2015 avec de la farine de seigle et de l'eau, et on le nourrit deux fois par jour depuis. Sans lui, pas de miche, pas de pain de campagne.",
            "Un croissant, c'est trois jours de travail : la détrempe le premier jour, le tourage le deuxième (27 couches de beurre, on a compté), la pousse et la cuisson le troisième.",
            "Ce qui ne se voit pas non plus : la vaisselle, le ménage, les commandes aux fournisseurs, la comptabilité. Une petite boulangerie, c'est une petite entreprise, avec tout ce que ça implique.",
            "{Staff} est arrivé·e chez nous il y a deux ans sans jamais avoir fait de pain. Aujourd'hui, c'est {staff} qui forme les nouveaux. Comme quoi, la patience, ça s'apprend aussi.",
        ]),
        closings: PhraseTemplate.list([
            "Si vous voulez voir tout ça en vrai, on organise des portes ouvertes au fournil un samedi par mois. Demandez au comptoir !",
            "Merci de nous lire, et merci surtout de venir nous voir. C'est vous qui faites vivre cette petite boutique.",
        ]))

    static let events = Theme(
        category: "Événements",
        titles: PhraseTemplate.list([
            "Atelier pain au levain : les inscriptions sont ouvertes", "On sera au marché du Plateau samedi",
            "Dégustation ce samedi à la boulangerie", "Portes ouvertes au fournil",
        ]),
        openings: PhraseTemplate.list([
            "On organise un atelier de deux heures pour apprendre à faire votre propre pain au levain à la maison. Huit places seulement, pour que chacun puisse mettre les mains dans la pâte.",
            "Ce samedi, on vous invite à goûter nos nouveautés avant tout le monde : {le}, deux nouvelles miches et un café d'un torréfacteur de Verdun.",
        ]),
        bodies: PhraseTemplate.list([
            "L'atelier a lieu le samedi à 14 h, dans le fournil. Vous repartez avec un pot de levain, votre pain et nos notes. Le tarif est de 45 $, café et viennoiseries compris.",
            "La dégustation est gratuite, de 10 h à midi, tant qu'il y en a. Venez avec vos questions : {staff} sera là pour y répondre.",
            "Les places partent vite : les deux derniers ateliers étaient complets en une journée. On ajoutera des dates si la demande est là.",
        ]),
        closings: PhraseTemplate.list([
            "Pour vous inscrire, passez au comptoir ou écrivez-nous en message privé. À samedi !",
            "Partagez autour de vous : plus on est de gourmands, plus on rit.",
        ]))

    static let community = Theme(
        category: "Communauté",
        titles: PhraseTemplate.list([
            "Merci pour vos {count} avis", "Pourquoi on répond à chacun de vos messages",
            "Ce que vos commentaires nous ont appris cette année", "Acheter local, pour nous, ça veut dire quoi ?",
        ]),
        openings: PhraseTemplate.list([
            "On reçoit chaque semaine des dizaines de messages : des questions sur les horaires, des photos de vos déjeuners, parfois une critique. On les lit tous, et on essaie de répondre à chacun.",
            "Quand on a ouvert, on pensait que les réseaux sociaux, c'était pour les grandes chaînes. On avait tort : c'est là que nos voisins nous parlent, nous conseillent et, parfois, nous recadrent.",
            "Une petite boutique vit du bouche-à-oreille. Aujourd'hui, le bouche-à-oreille passe aussi par vos avis, vos partages et vos commentaires.",
        ]),
        bodies: PhraseTemplate.list([
            "Ne pas répondre à un message, ce serait comme ignorer quelqu'un au comptoir. Alors même quand la réponse est « non, on ne livre pas à Laval », on la donne, et vite.",
            "Les critiques nous ont fait changer plusieurs choses : une deuxième caisse le samedi, du lait d'avoine sans supplément, une fournée de baguettes à 16 h pour ceux qui sortent tard du bureau.",
            "Les compliments, on les affiche dans le fournil. Croyez-nous : à 4 h du matin, un « meilleur croissant de ma vie » vaut tous les cafés du monde.",
            "On n'achète pas de publicité. Ce qui nous fait connaître, ce sont vos photos, vos partages et les amis que vous amenez. Merci pour ça.",
        ]),
        closings: PhraseTemplate.list([
            "Continuez à nous écrire, ici, sur Mastodon, sur Bluesky ou au comptoir. On vous lit.",
            "Et si quelque chose ne va pas, dites-le-nous directement : on préfère le savoir tout de suite.",
        ]))

    static let referralLaunch = Theme(
        category: "Nouvelles",
        titles: PhraseTemplate.list(["Parrainez vos amis, on vous offre le café", "Nouveau : le programme de parrainage"]),
        openings: PhraseTemplate.list([
            "Vous êtes nombreux à amener vos amis, vos collègues et vos voisins à la boulangerie. On voulait vous dire merci autrement qu'avec des mots.",
        ]),
        bodies: PhraseTemplate.list([
            "À partir d'aujourd'hui, chaque client reçoit un code de parrainage personnel : MELISSE, un tiret, son prénom et un numéro. Votre ami l'utilise pour sa première commande et a 10 % de rabais ; vous, vous avez un café offert.",
            "Le code est imprimé sur votre reçu. Partagez-le où vous voulez : sur Mastodon, sur Bluesky, dans le groupe de la garderie ou sur le babillard du bureau.",
        ]),
        closings: PhraseTemplate.list(["Merci d'être nos meilleurs ambassadeurs !"]))

    static let apology = Theme(
        category: "Nouvelles",
        titles: PhraseTemplate.list(["Livraisons : ce qui s'est passé cette semaine", "On vous doit des excuses"]),
        openings: PhraseTemplate.list([
            "Cette semaine, beaucoup d'entre vous ont reçu leur commande en retard, froide ou incomplète. Certains ne l'ont jamais reçue. C'est inacceptable, et on vous présente nos excuses.",
        ]),
        bodies: PhraseTemplate.list([
            "Ce qui s'est passé : notre partenaire de livraison a changé son organisation lundi, sans nous prévenir. Les commandes partaient à l'heure de la boutique, mais restaient parfois plus d'une heure dans une voiture.",
            "Ce qu'on fait : on suspend ce partenaire dès aujourd'hui, on rembourse tous les frais de livraison de la semaine et on offre la prochaine commande à chaque personne touchée. Dès lundi, on livre nous-mêmes dans le Plateau et Rosemont.",
            "Merci à celles et ceux qui nous ont écrit, même fâchés. Sans vos messages, on aurait mis des jours à comprendre l'ampleur du problème.",
        ]),
        closings: PhraseTemplate.list(["Écrivez-nous à bonjour@boulangerie-melisse.ca pour le remboursement : on répond à tout le monde d'ici vendredi."]))

    static func theme(for theme: BrandTheme) -> Theme {
        switch theme {
        case .seasonal: return seasonal
        case .behindTheScenes: return behindTheScenes
        case .events: return events
        case .referral: return referralLaunch
        case .apology, .apologyUpdate: return apology
        default: return community
        }
    }

    static let signatures = PhraseTemplate.list([
        "— Mélisse", "Bonne semaine, et à bientôt au comptoir !\n— Mélisse et toute l'équipe", "— L'équipe de la Boulangerie Mélisse",
    ])

    static let englishSummaries = PhraseTemplate.list([
        "In English: our {product_en} is here, Tuesday to Sunday from 7 a.m. while it lasts. See you soon!",
        "English version: thank you for reading and for coming by. Questions? Write to us in English or French, we answer both.",
    ])
}
