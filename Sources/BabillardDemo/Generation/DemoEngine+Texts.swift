/// Choosing and filling the templates for a node's text.
extension DemoEngine {
    private mutating func context(_ plan: ThreadPlan) -> PhraseContext {
        var context = PhraseContext(product: plan.product, product2: plan.product2)
        context.staff = DemoBusiness.staff[plan.staff]
        context.competitor = plan.competitor
        switch plan.platform {
        case .mastodon: context.handle = "@boulangeriemelisse"
        case .bluesky: context.handle = "@boulangeriemelisse.ca"
        default: context.handle = "Mélisse"
        }
        context.count = max(reviewCount, 12)
        let day = random.below(PhraseWriter.Pools.daysFR.count)
        context.day = PhraseWriter.Pools.daysFR[day]
        context.dayEN = PhraseWriter.Pools.daysEN[day]
        return context
    }

    /// "MELISSE-ANNA1042": the first name and the person's number, so that every code is unique.
    func referralCode(_ person: DemoPopulation.Person) -> String {
        DemoBusiness.referralPrefix + person.firstNameCode + String(person.index)
    }

    mutating func customerText(_ plan: ThreadPlan, _ index: Int, person: DemoPopulation.Person?) -> (String, [String]) {
        let english = plan.nodes[index].english
        let voice = plan.nodes[index].voice
        var context = context(plan)
        var writer = PhraseWriter()
        var opened = false
        if plan.platform == .blog, voice == .praise || voice == .question || voice == .support, random.chance(0.4) {
            writer.write(random.pick(english ? BlogCommentPhrases.openersEN : BlogCommentPhrases.openersFR), context, &random)
            writer.write(" ")
            opened = true
        }
        switch voice {
        case .praise:
            writer.write(random.pick(english ? CustomerPhrases.praiseEN : CustomerPhrases.praiseFR), context, &random)
        case .neutral:
            var pool = english ? CustomerPhrases.neutralEN : CustomerPhrases.neutralFR
            if !english, random.chance(0.25) {
                if plan.month >= 11 || plan.month <= 3 { pool = CustomerPhrases.neutralWinterFR }
                if plan.month >= 6 && plan.month <= 8 { pool = CustomerPhrases.neutralSummerFR }
            }
            writer.write(random.pick(pool), context, &random)
        case .question:
            let questions = english ? CustomerPhrases.questionsEN : CustomerPhrases.questionsFR
            let question = questions[Int(plan.nodes[index].detail) % questions.count]
            if !opened {
                writer.write(random.pick(english ? CustomerPhrases.questionOpeningsEN : CustomerPhrases.questionOpeningsFR), context, &random)
            }
            writer.write(question.question, context, &random)
            writer.write(random.pick(english ? CustomerPhrases.questionClosingsEN : CustomerPhrases.questionClosingsFR), context, &random)
        case .complaint:
            writer.write(random.pick(english ? CustomerPhrases.complaintsEN : CustomerPhrases.complaintsFR), context, &random)
        case .delivery:
            writer.write(random.pick(english ? CustomerPhrases.deliveryComplaintsEN : CustomerPhrases.deliveryComplaintsFR), context, &random)
        case .competitor:
            writer.write(random.pick(english ? CustomerPhrases.competitorEN : CustomerPhrases.competitorFR), context, &random)
        case .referralShare:
            if let person { context.code = referralCode(person) }
            writer.write(random.pick(english ? CustomerPhrases.referralShareEN : CustomerPhrases.referralShareFR), context, &random)
        case .referralUse:
            let inviter = population.person(Int(plan.nodes[index].detail))
            context.code = referralCode(inviter)
            context.inviter = inviter.first
            writer.write(random.pick(english ? CustomerPhrases.referralUseEN : CustomerPhrases.referralUseFR), context, &random)
        case .reaction:
            writer.write(random.pick(english ? CustomerPhrases.reactionsEN : CustomerPhrases.reactionsFR), context, &random)
        case .support:
            writer.write(random.pick(english ? CustomerPhrases.supportEN : CustomerPhrases.supportFR), context, &random)
        case .spam:
            writer.write(random.pick(CustomerPhrases.spam), context, &random)
            return (writer.finish(), writer.tags)
        case .quote:
            let negative = plan.nodes[index].detail == 1
            let pool = negative
                ? (english ? CustomerPhrases.quotesNegativeEN : CustomerPhrases.quotesNegativeFR)
                : (english ? CustomerPhrases.quotesPositiveEN : CustomerPhrases.quotesPositiveFR)
            writer.write(random.pick(pool), context, &random)
        case .brand:
            break
        }
        let tags = writer.tags
        var text = writer.finish()
        CustomerVoice.apply(&text, english: english, mood: voice == .complaint || voice == .delivery ? .upset : .calm, random: &random)
        return (text, tags)
    }

    mutating func brandPostText(_ plan: ThreadPlan) -> (String, [String]) {
        let context = context(plan)
        var writer = PhraseWriter()
        switch plan.theme {
        case .seasonal: writer.write(random.pick(OwnerPhrases.seasonalPostsFR), context, &random)
        case .bilingual: writer.write(random.pick(OwnerPhrases.bilingualPostsFR), context, &random)
        case .english: writer.write(random.pick(OwnerPhrases.postsEN), context, &random)
        case .referral: writer.write(random.pick(OwnerPhrases.referralPostsFR), context, &random)
        case .apology:
            writer.write(OwnerPhrases.apologyPostsFR[0], context, &random)
            if random.chance(0.5) {
                writer.write("\n\n")
                writer.write(OwnerPhrases.apologyPostsEN[0], context, &random)
            }
        case .apologyUpdate: writer.write(OwnerPhrases.apologyPostsFR[1], context, &random)
        default:
            var pool = OwnerPhrases.everydayPostsFR
            if random.chance(0.2) {
                if plan.month >= 11 || plan.month <= 3 { pool = OwnerPhrases.winterPostsFR }
                if plan.month >= 6 && plan.month <= 8 { pool = OwnerPhrases.summerPostsFR }
            }
            writer.write(random.pick(pool), context, &random)
        }
        let tags = writer.tags
        return (writer.finish(), tags)
    }

    /// The bakery answering the node's parent, in the parent's language, by its first name.
    mutating func brandResponseText(_ plan: ThreadPlan, _ index: Int) -> (String, [String]) {
        let english = plan.nodes[index].english
        let parent = Int(plan.nodes[index].parent)
        var context = context(plan)
        let parentActor = plan.nodes[parent].actor
        context.name = parentActor >= 0 ? population.person(Int(parentActor)).first : ""
        var writer = PhraseWriter()
        if plan.kind == .review {
            let rating = Int(plan.nodes[0].detail & 7)
            let pool: [PhraseTemplate]
            switch rating {
            case ...2:
                pool = plan.nodes[0].voice == .delivery
                    ? (english ? OwnerPhrases.deliveryApologiesEN : OwnerPhrases.deliveryApologiesFR)
                    : (english ? OwnerPhrases.apologiesEN : OwnerPhrases.apologiesFR)
            case 3: pool = english ? OwnerPhrases.reviewMixedEN : OwnerPhrases.reviewMixedFR
            default: pool = english ? OwnerPhrases.reviewThanksEN : OwnerPhrases.reviewThanksFR
            }
            writer.write(random.pick(pool), context, &random)
            return (writer.finish(), writer.tags)
        }
        switch plan.nodes[index].voice {
        case .question:
            let questions = english ? CustomerPhrases.questionsEN : CustomerPhrases.questionsFR
            writer.write(random.pick(english ? OwnerPhrases.greetingsEN : OwnerPhrases.greetingsFR), context, &random)
            writer.write(questions[Int(plan.nodes[index].detail) % questions.count].answer, context, &random)
        case .complaint:
            writer.write(random.pick(english ? OwnerPhrases.apologiesEN : OwnerPhrases.apologiesFR), context, &random)
        case .delivery:
            writer.write(random.pick(english ? OwnerPhrases.deliveryApologiesEN : OwnerPhrases.deliveryApologiesFR), context, &random)
        default:
            writer.write(random.pick(english ? OwnerPhrases.thanksEN : OwnerPhrases.thanksFR), context, &random)
        }
        return (writer.finish(), writer.tags)
    }

    mutating func blogPostText(_ plan: ThreadPlan) -> (title: String, text: String) {
        let theme = BlogPhrases.theme(for: plan.theme)
        let context = context(plan)
        var writer = PhraseWriter()
        writer.write(random.pick(theme.titles), context, &random)
        let title = writer.finish()
        var paragraphs: [String] = []
        writer.write(random.pick(theme.openings), context, &random)
        paragraphs.append(writer.finish())
        let first = random.below(theme.bodies.count)
        writer.write(theme.bodies[first], context, &random)
        paragraphs.append(writer.finish())
        if theme.bodies.count > 1, random.chance(0.7) {
            let second = (first + 1 + random.below(theme.bodies.count - 1)) % theme.bodies.count
            writer.write(theme.bodies[second], context, &random)
            paragraphs.append(writer.finish())
        }
        if random.chance(0.8) {
            writer.write(random.pick(theme.closings), context, &random)
            paragraphs.append(writer.finish())
        }
        if random.chance(0.12) {
            writer.write(random.pick(BlogPhrases.englishSummaries), context, &random)
            paragraphs.append(writer.finish())
        }
        writer.write(random.pick(BlogPhrases.signatures), context, &random)
        paragraphs.append(writer.finish())
        return (title, paragraphs.joined(separator: "\n\n"))
    }

    mutating func reviewText(_ plan: ThreadPlan, person: DemoPopulation.Person?) -> (String, [String]) {
        let english = plan.nodes[0].english
        let detail = plan.nodes[0].detail
        let rating = Int(detail & 7)
        var context = context(plan)
        var writer = PhraseWriter()
        switch plan.nodes[0].voice {
        case .delivery:
            writer.write(random.pick(english ? ReviewPhrases.deliveryEN : ReviewPhrases.deliveryFR), context, &random)
        case .referralUse:
            let inviter = population.person(Int(detail >> 3))
            context.code = referralCode(inviter)
            context.inviter = inviter.first
            writer.write(random.pick(english ? CustomerPhrases.referralUseEN : CustomerPhrases.referralUseFR), context, &random)
            writer.write(" ")
            writer.write(random.pick((english ? ReviewPhrases.textsEN : ReviewPhrases.textsFR)[rating - 1]), context, &random)
        default:
            writer.write(random.pick((english ? ReviewPhrases.textsEN : ReviewPhrases.textsFR)[rating - 1]), context, &random)
        }
        var text = writer.finish()
        CustomerVoice.apply(&text, english: english, mood: rating <= 2 ? .upset : .calm, random: &random)
        return (text, [])
    }
}

/// How blog comments often begin.
enum BlogCommentPhrases {
    static let openersFR = PhraseTemplate.list([
        "Merci pour ce billet !", "Super article.", "Quel beau texte.", "J'adore lire vos coulisses.", "Bonjour {owner} !",
        "Très intéressant, merci.",
    ])
    static let openersEN = PhraseTemplate.list(["Great post!", "Lovely read.", "Thanks for sharing."])
}
