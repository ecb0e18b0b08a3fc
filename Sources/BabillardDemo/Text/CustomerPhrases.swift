/// What customers write: praise, questions, complaints, comparisons with the competitors,
/// referral codes, short reactions. French first, some English; written for the demo.
enum CustomerPhrases {
    static let praiseFR = PhraseTemplate.list([
        "{Le} {chez_brand}, {adj}{bang} {emoji_pos}",
        "{Meilleur} {product} en ville, point final{bang} {hashtags}",
        "{Moment}, {un} et {drink} {chez_brand}. Parfait pour commencer la journée {emoji_food}",
        "Je ne me lasse pas {du} {chez_brand} {emoji_pos}",
        "Franchement, {le} est {adj}. Merci {brand}{bang}",
        "Merci {staff} pour le service toujours souriant {chez_brand} {emoji_pos}",
        "Tellement contente d'avoir {brand} dans le quartier {emoji_pos} {hashtags}",
        "Tellement content d'avoir {brand} à deux pas de chez moi {emoji_pos}",
        "Ok j'avoue, troisième {product} de la semaine… {laugh}",
        "La file était longue mais ça valait la peine{bang} {emoji_food}",
        "Petit-déj parfait {chez_brand} ce {day} matin ☕🥐",
        "Si vous passez dans {neighbourhood}, arrêtez-vous {chez_brand}, vous me remercierez {emoji_pos}",
        "Le levain de {brand}, c'est une religion chez nous {laugh}",
        "Enfin goûté {le} dont tout le monde parle. Verdict : {adj}{bang}",
        "J'ai apporté {un} au bureau, succès total {emoji_pos}",
        "Service impeccable, {product} au top, ambiance chaleureuse. Rien à redire{bang}",
        "Mon rituel du {day} : {drink} et {un} {chez_brand} {emoji_food}",
        "Mes enfants réclament {le} de {brand} chaque fin de semaine {emoji_pos}",
        "Wow. Juste wow. {Le}{bang} {emoji_food}",
        "Je suis devenue accro {au} {chez_brand} {emoji_pos}",
        "{Le_meilleur} {product} de Montréal est {chez_brand}, je ne discute même pas{bang}",
        "Un {day} sans {product} {chez_brand}, c'est pas un vrai {day} {laugh}",
        "L'odeur du pain chaud en passant devant {chez_brand}… impossible de résister {emoji_food}",
        "Bravo à toute l'équipe {chez_brand}, vous êtes des artistes {emoji_pos}",
        "{Un} + {drink} = bonheur {emoji_pos} {hashtags}",
        "C'est trop bon {le}, je recommande les yeux fermés {emoji_pos}",
        "On a fêté l'anniversaire de ma mère avec des viennoiseries {chez_brand}, tout le monde a adoré{bang}",
        "Acheter local, ça goûte meilleur. Merci {brand} {emoji_pos} #achatlocal",
        "Je viens de découvrir {le} et c'est vraiment {adj}{bang}",
        "Toujours aussi bon, toujours aussi gentil. Merci {staff}{bang}",
        "Quelle belle surprise ce matin {chez_brand} : {un} encore tiède {emoji_food}",
        "Je traverse la ville pour {le} de {brand}. Oui, à ce point-là {laugh}",
    ])

    static let praiseEN = PhraseTemplate.list([
        "Best {product_en} in Montreal, hands down{bang_en} {emoji_pos}",
        "The {product_en} at {brand_en} is {adj_en} {emoji_food}",
        "Can't stop thinking about that {product_en} from {brand_en}",
        "If you're in {neighbourhood_en}, go to {brand_en}. Trust me.",
        "Morning ritual: a {drink_en} and {a_product_en} at {brand_en} ☕🥐",
        "Finally tried the famous {product_en}. Worth the hype{bang_en}",
        "Lovely staff, amazing bread, cozy vibe. {brand_en} never disappoints {emoji_pos}",
        "Shoutout to {staff} at {brand_en} for the warm welcome {emoji_pos}",
        "so good!!! the {product_en} wins every time",
        "Brought a box of pastries from {brand_en} to the office. Instant hero {laugh_en}",
        "My weekend isn't complete without {a_product_en} from {brand_en}",
        "Honestly the best bakery on the Plateau {emoji_pos} {hashtags_en}",
        "{brand_en} is the reason I get out of bed on Saturdays {laugh_en}",
        "Worth every penny. The {product_en} was still warm{bang_en}",
        "Really great {product_en} this morning, thank you {brand_en} {emoji_pos}",
    ])

    /// A question and the owner's answer in the same language: the inbox's first kind of item.
    struct Question: Sendable {
        let question: PhraseTemplate
        let answer: PhraseTemplate
        init(_ question: String, _ answer: String) {
            self.question = PhraseTemplate(question)
            self.answer = PhraseTemplate(answer)
        }
    }

    static let questionOpeningsFR = PhraseTemplate.list(["", "", "Bonjour ! ", "Petite question : ", "Allô ! ", "{handle} "])
    static let questionOpeningsEN = PhraseTemplate.list(["", "", "Hi! ", "Quick question: ", "{handle} "])
    static let questionClosingsFR = PhraseTemplate.list(["", "", " Merci !", " 🙏", " Merci d'avance", " svp"])
    static let questionClosingsEN = PhraseTemplate.list(["", "", " Thanks!", " 🙏", " Thank you!"])

    static let questionsFR: [Question] = [
        Question("Vous livrez le dimanche ?", "Oui ! La livraison fonctionne 7 jours sur 7 dans le Plateau et Rosemont : commandez avant 10 h."),
        Question("Est-ce que vous avez des options sans gluten ?", "Nous avons un pain sans gluten le vendredi et quelques biscuits, mais le fournil n’est pas exempt de traces : on préfère être honnêtes."),
        Question("C'est possible de réserver {un} pour samedi ?", "Bien sûr ! Appelez-nous ou écrivez-nous en message privé, on met ça de côté à votre nom."),
        Question("Vous ouvrez à quelle heure le {day} ?", "On ouvre à 7 h du mardi au dimanche ; on est fermés le lundi pour que l’équipe se repose."),
        Question("Il en reste, {du} ? Je peux passer vers 11 h", "Il en reste un peu, mais faites vite : d’habitude tout part avant midi !"),
        Question("Vous faites des gâteaux d'anniversaire sur commande ?", "Oui, avec 72 h de préavis. Passez nous voir ou écrivez à commandes@boulangerie-melisse.ca."),
        Question("Vous prenez les cartes de crédit ?", "Oui : cartes, débit et sans contact. Et le comptant, évidemment !"),
        Question("Est-ce que {le} est végane ?", "Pas ce produit-là (beurre oblige), mais nos fougasses et la miche au levain le sont."),
        Question("Vous avez du lait d'avoine pour les lattes ?", "Oui, avoine et soya, sans frais supplémentaires."),
        Question("Comment ça marche, le code de parrainage ?", "Chaque client a un code MELISSE-… : votre ami a 10 % sur sa première commande et vous, un café offert."),
        Question("Est-ce qu'il y a de la place pour s'asseoir ?", "Une douzaine de places à l’intérieur et la terrasse l’été. En semaine le matin, c’est plus calme."),
        Question("Vous embauchez ? Mon fils cherche un emploi d'été", "Oui ! Qu’il passe avec son CV un après-midi : on rencontre les candidats le mercredi."),
        Question("On se stationne où ?", "Il y a du stationnement sur rue et une station Bixi juste en face. À pied, c’est encore plus simple !"),
        Question("C'est quoi la différence entre la tradition et la baguette normale ?", "La tradition, c’est une farine sans additifs et une fermentation longue : plus de goût et une croûte qui chante."),
        Question("Vous faites des boîtes pour les bureaux ?", "Oui, des boîtes de 12 ou 24 viennoiseries livrées avant 9 h. Écrivez-nous pour un devis."),
        Question("Est-ce que {le} revient bientôt ?", "Retour prévu samedi ! On en fait une fournée de plus, promis."),
        Question("Ma commande de ce matin, elle est partie ?", "On vérifie tout de suite : écrivez-nous votre numéro de commande en privé et on vous répond dans l’heure."),
    ]

    static let questionsEN: [Question] = [
        Question("Do you deliver on Sundays?", "Yes! Delivery runs 7 days a week on the Plateau and in Rosemont; just order before 10 a.m."),
        Question("Any gluten-free options?", "We bake a gluten-free loaf on Fridays, but our kitchen isn't free of traces, so please be careful."),
        Question("What time do you open on {day_en}?", "We open at 7 a.m. Tuesday to Sunday; we're closed on Mondays."),
        Question("Is the {product_en} vegan?", "Not that one (butter!), but our fougasse and sourdough loaf are."),
        Question("Can I pre-order {a_product_en} for Saturday?", "Of course! Send us a DM or call, and we'll keep it under your name."),
        Question("Do you take credit cards?", "Yes, cards, debit and tap. Cash too!"),
        Question("How does the referral code work?", "Every customer gets a MELISSE-… code: your friend gets 10% off their first order and you get a free coffee."),
        Question("Do you have oat milk?", "Yes, oat and soy, at no extra cost."),
        Question("Is there seating inside?", "About a dozen seats, plus the terrace in summer. Weekday mornings are the quietest."),
        Question("Where did my order go? Still nothing here", "We're checking right now: please DM us your order number and we'll get back to you within the hour."),
    ]

    static let complaintsFR = PhraseTemplate.list([
        "Déçue ce matin : plus de {product} à 9 h 30{bang} {emoji_neg}",
        "{Le} manquait de fraîcheur aujourd'hui, ça arrive mais quand même{ellipsis}",
        "20 minutes d'attente pour {drink}, il faudrait revoir l'organisation {emoji_neg}",
        "Les prix ont encore augmenté. {price} pour {un}, ça commence à faire beaucoup.",
        "Service un peu sec ce {day}, pas l'accueil habituel {emoji_neg}",
        "Trop de cuisson sur {le} cette fois. Dommage.",
        "Fermé sans prévenir à 15 h alors que c'est écrit 18 h sur Google. Pas cool.",
        "Franchement décevant cette fois, {le} n'avait aucun goût {emoji_neg}",
        "Toujours aussi bon mais la file d'attente le {day} matin devient insupportable",
        "Commandé {un} à emporter, reçu {un2}… vérifiez vos commandes svp",
        "Pas de lait d'avoine aujourd'hui et personne ne nous a prévenus avant de payer {emoji_neg}",
        "C'est moi ou {le} a rapetissé ? {emoji_neg}",
        "Table collante, poubelle pleine… dommage pour un si bel endroit.",
        "Deux fois ce mois-ci que le dessous {du} est brûlé. Vous changez de four ou quoi ?",
    ])

    /// The bad week: the delivery partner fails.
    static let deliveryComplaintsFR = PhraseTemplate.list([
        "Commande arrivée froide, déçue{ellipsis} {emoji_neg}",
        "Livraison avec 1 h 30 de retard et une boîte écrasée. Pas à la hauteur de votre réputation.",
        "Ma commande en livraison n'est jamais arrivée et personne ne répond au téléphone{bang} {emoji_angry}",
        "Deuxième fois cette semaine que la livraison est en retard. Je commence à perdre patience.",
        "Payé 8 $ de livraison pour recevoir des croissants froids et mous. Remboursez-moi svp.",
        "Livraison incomplète : il manquait la moitié de ma commande ce matin. On fait comment ?",
        "Votre nouveau service de livraison est une catastrophe {emoji_neg}",
        "Commande de bureau livrée à 10 h 15 au lieu de 8 h 30. Réunion ratée, merci{ellipsis}",
        "J'adore la boutique mais la livraison cette semaine : zéro. Retard, boîte écrasée, café renversé.",
        "Toujours pas reçu ma livraison{bang} {emoji_angry}",
        "Le livreur a laissé le sac devant la mauvaise porte. Tout était froid.",
        "On m'a promis un remboursement il y a 3 jours, toujours rien {emoji_neg}",
        "Même chose pour moi cette semaine : livraison en retard et tout était froid {emoji_neg}",
        "Très déçue {chez_brand} : commande en retard, froide, et aucune nouvelle du service client.",
    ])

    static let complaintsEN = PhraseTemplate.list([
        "Sold out of {product_en} by 9:30 again {emoji_neg}",
        "20 min wait for a latte. Love the place but the line is getting ridiculous",
        "Prices keep creeping up. {price} for {a_product_en} is a lot.",
        "The {product_en} was stale today, first time I've been disappointed",
        "Staff seemed annoyed this morning. Not the usual vibe at {brand_en} {emoji_neg}",
        "Ordered {a_product_en}, got {a_product2_en}. Please double-check orders.",
    ])

    static let deliveryComplaintsEN = PhraseTemplate.list([
        "Order arrived cold and an hour late. Really disappointed {emoji_neg}",
        "My delivery never showed up and nobody answers the phone{bang_en} {emoji_angry}",
        "Second late delivery this week. What is going on, {brand_en}?",
        "Paid for delivery, got squashed pastries and spilled coffee. Not okay.",
        "Still waiting on my refund{ellipsis}",
        "Half my delivery order was missing this morning {emoji_neg}",
        "Same here, my order was late and cold {emoji_neg}",
    ])

    static let neutralFR = PhraseTemplate.list([
        "Petit arrêt {chez_brand} avant le boulot {emoji_food}",
        "Il pleut, il fait gris, mais il y a {un} {emoji_food}",
        "Vu une file jusqu'au coin de la rue devant {chez_brand} ce matin. Il se passe quoi ?",
        "Journée télétravail au café {chez_brand}. Wifi correct, bon café.",
        "Rendez-vous {chez_brand} à 10 h pour le brunch du {day}.",
        "Quelqu'un a déjà goûté {le} {chez_brand} ? Ça vaut le détour ?",
        "{Brand} a changé sa vitrine, c'est joli {emoji_pos}",
        "Pause de l'après-midi : {drink} sur la terrasse {chez_brand}",
        "Je teste {le} {chez_brand} aujourd'hui, je vous redis ça.",
        "Il paraît que {brand} fait des ateliers de pain au levain. Quelqu'un a essayé ?",
    ])

    /// November to March.
    static let neutralWinterFR = PhraseTemplate.list([
        "Première neige, premier chocolat chaud {chez_brand} ❄️",
        "-25 ce matin. Heureusement qu'il y a {un} et {drink} {chez_brand} 🥶",
        "Tempête de neige, mais {brand} est ouvert. Des héros {emoji_pos}",
    ])
    /// June to August.
    static let neutralSummerFR = PhraseTemplate.list([
        "Terrasse {chez_brand} au soleil, {drink} glacé. L'été, le vrai ☀️",
        "Pique-nique au parc La Fontaine avec une baguette de {brand} 🧺",
    ])

    static let neutralEN = PhraseTemplate.list([
        "Quick stop at {brand_en} before work {emoji_food}",
        "Working from {brand_en} today. Decent wifi, good coffee.",
        "Line around the block at {brand_en} this morning. What's going on?",
        "Anyone tried the {product_en} at {brand_en}? Worth it?",
        "Rainy day, {drink_en} and {a_product_en}. Could be worse.",
    ])

    static let competitorFR = PhraseTemplate.list([
        "{Chez_brand} > {chez_competitor} pour {le}, pas de débat{bang}",
        "J'hésite toujours entre {brand} et {competitor}. Vous préférez lequel ?",
        "{Competitor} est plus proche de chez moi mais je fais le détour pour {brand} {emoji_pos}",
        "Honnêtement {competitor} a de meilleurs prix, mais le levain de {brand} gagne.",
        "{Competitor} vient d'ouvrir une deuxième succursale dans {neighbourhood}. {Brand} devrait s'inquiéter ?",
        "Testé {competitor} ce matin : bon, mais rien à voir avec {brand}.",
        "Soyons honnêtes, les croissants {chez_competitor} sont meilleurs. Mais le café {chez_brand} est imbattable.",
        "Comparatif du dimanche : {brand} contre {competitor}, catégorie {product}. Victoire serrée pour {brand} {laugh}",
        "Depuis que {competitor} a augmenté ses prix, je vais {chez_brand}.",
    ])

    static let competitorEN = PhraseTemplate.list([
        "{competitor} or {brand_en}? Team {brand_en} all the way",
        "Tried {competitor} today. Good, but the {product_en} at {brand_en} is better",
        "{competitor} is cheaper, {brand_en} is better. Simple.",
        "Hot take: {competitor} has better croissants than {brand_en}. Fight me {laugh_en}",
    ])

    static let referralShareFR = PhraseTemplate.list([
        "Venez goûter les viennoiseries {chez_brand} : avec mon code {code}, vous avez 10 % sur votre première commande {emoji_pos}",
        "Code de parrainage pour les gourmands : {code} 🥐 (10 % sur la première commande)",
        "Je partage mon code {code}, profitez-en, c'est la meilleure boulangerie du quartier",
        "Si vous n'avez jamais essayé {brand}, mon code {code} vous donne 10 %. De rien {laugh}",
        "Vous cherchez du bon pain dans {neighbourhood} ? Code {code} chez {brand}, vous me direz merci.",
    ])

    static let referralShareEN = PhraseTemplate.list([
        "Use my code {code} at {brand_en} for 10% off your first order {emoji_pos}",
        "Referral code {code} if you want to try the best croissants in town",
        "Never been to {brand_en}? {code} gets you 10% off. You're welcome {laugh_en}",
    ])

    static let referralUseFR = PhraseTemplate.list([
        "Découvert {brand} grâce à {inviter} et son code {code}. Merci, je reviendrai{bang}",
        "Première commande avec le code {code}, {le} vaut vraiment le détour {emoji_pos}",
        "Merci {inviter} pour le code {code}, tu avais raison{bang}",
        "Utilisé le code {code} (merci {inviter} !) et déjà accro {au} {emoji_food}",
    ])

    static let referralUseEN = PhraseTemplate.list([
        "Tried {brand_en} for the first time with {inviter}'s code {code}. Hooked.",
        "Thanks {inviter} for the code {code}, the {product_en} is unreal",
        "Used {code} today, thanks {inviter}! Great first visit {emoji_pos}",
    ])

    /// Under the bakery's apology: people who take it well.
    static let supportFR = PhraseTemplate.list([
        "Merci pour la transparence, ça arrive à tout le monde. On reste fidèles{bang} {emoji_pos}",
        "C'est rare de voir une entreprise s'excuser aussi clairement. Bravo.",
        "Pas grave, on viendra chercher nos croissants à pied {laugh}",
        "Courage à toute l'équipe, vous allez vous en remettre {emoji_pos}",
        "Merci d'avoir réagi aussi vite. Le remboursement est arrivé ce matin.",
    ])
    static let supportEN = PhraseTemplate.list([
        "Thanks for owning it. Happens to everyone {emoji_pos}",
        "Respect for the honest apology. See you Saturday!",
    ])

    /// Short answers under the bakery's own posts.
    static let reactionsFR = PhraseTemplate.list([
        "J'arrive{bang} {emoji_food}", "Miam {emoji_food}", "Trop hâte{bang}", "Enfin{bang} {emoji_pos}",
        "Mettez-m'en deux de côté svp {laugh}", "Le meilleur moment de l'année {emoji_pos}",
        "Vous êtes les meilleurs {emoji_pos}", "C'est noté pour samedi{bang}", "Je veux ça maintenant {emoji_food}",
        "Ma fille va être tellement contente{bang}", "Ah ça, c'est une bonne nouvelle{bang}",
        "Oh non, je suis à l'extérieur de la ville cette semaine {emoji_neg}", "Trop beau {emoji_pos}",
        "On passe demain avec les enfants{bang}", "{Un} pour moi svp{bang} {laugh}", "Bravo l'équipe{bang}",
        "Tellement d'accord{bang}", "Je confirme, {le} est {adj}",
    ])

    static let reactionsEN = PhraseTemplate.list([
        "On my way{bang_en} {emoji_food}", "Yum {emoji_food}", "Need this!", "Save me two please {laugh_en}",
        "Best news all week", "You guys are the best {emoji_pos}", "Can confirm, the {product_en} is {adj_en}",
        "So true!", "Adding this to my list",
    ])

    /// Words added to a reshare (a quote), by how the quoted item feels.
    static let quotesPositiveFR = PhraseTemplate.list([
        "Allez-y les yeux fermés {emoji_pos}", "Ça, c'est mon spot préféré{bang}", "À tester absolument",
        "Je confirme, {le} est {adj}", "Qui vient avec moi samedi ?", "Oh que oui {emoji_food}",
        "{Le_meilleur} {product} du Plateau, je le dis depuis des années", "Enfin quelqu'un qui le dit{bang}",
    ])
    static let quotesPositiveEN = PhraseTemplate.list([
        "Best croissants in MTL, not even close", "Adding this to my list", "Can confirm {emoji_pos}",
        "This is the way {emoji_food}", "Who's coming with me on Saturday?",
    ])
    static let quotesNegativeFR = PhraseTemplate.list([
        "Aïe… ça ne donne pas envie", "Même chose chez nous cette semaine {emoji_neg}", "J'espère qu'ils vont régler ça vite",
        "Dommage, c'était ma boulangerie préférée", "Ça arrive, mais il faut le reconnaître", "Ouch {emoji_neg}",
    ])
    static let quotesNegativeEN = PhraseTemplate.list([
        "Ouch, hope they fix this", "Same thing happened to me {emoji_neg}", "Not great, {brand_en}",
    ])

    /// Comment spam on the blog (links to `.example` domains only).
    static let spam = PhraseTemplate.list([
        "Great post! Check out my website for cheap SEO services http://seo-boost.example/promo",
        "Gagnez 500 $ par jour depuis chez vous !!! Cliquez ici : http://argent-facile.example",
        "Nice blog. I have been reading for a while. Visit my page about crypto: http://crypto-gains.example",
        "Meilleurs prix sur les montres de luxe, livraison gratuite www.montres-pas-cheres.example",
        "Hello, we offer guest posting on high authority sites, contact us at outreach@links.example",
        "Very informative article, thanks for sharing. <a href=\"http://pills.example\">best pharmacy</a>",
    ])

    static let checkinShoutsFR = [
        "Croissant time 🥐", "Le rituel du samedi", "Café + chocolatine", "Enfin !", "Petit-déj", "Pause café ☕",
        "Télétravail version gourmande", "Miam", "Le pain du dimanche", "Avant le marché", "Dépanneur? Non, boulangerie!",
        "Meilleure chocolatine du Plateau", "Déjeuner avec maman", "tro bon", "Rendez-vous d'affaires autour d'un latte",
    ]
    static let checkinShoutsEN = ["Croissant o'clock 🥐", "Coffee break", "Weekend treat", "Best bakery", "Working from here today", "yum"]
    static let checkinShoutsCompetitor = [
        "On essaie la concurrence aujourd'hui", "Testing the other bakery", "Pas mal du tout", "Correct", "Bon café",
    ]
}
