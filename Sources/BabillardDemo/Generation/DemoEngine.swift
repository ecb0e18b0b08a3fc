import BabillardCore

/// Runs one generation: hands out records one at a time, in time order.
///
/// Threads are planned whole when their first item is created (see `ThreadPlan`) and wait
/// in a queue keyed by the time of their next item; the engine always emits whichever comes
/// first, the queue's next item or a new thread. Memory is the threads still open (a few
/// days' worth), the referral codes in circulation (bounded) and a bit per person and
/// platform to know whose profile was already emitted.
struct DemoEngine {
    let calendar: DemoCalendar
    let population: DemoPopulation
    let itemCount: Int
    let seed: UInt64
    let observedAt: Timestamp

    var random: DemoRandom
    private var clock = ThreadClock()
    private var queue = ThreadQueue()
    private var committed = 0
    private var threadCount = 0
    var serial: UInt64 = 0
    private var planOrder: UInt64 = 0

    /// Records ready to hand out (an item, after the profiles it needs); moved out one by one.
    private var outbox: [IngestRecord?] = []
    private var outIndex = 0

    /// One bit per person and platform: was the profile emitted?
    private var seen: [[UInt64]]
    private var brandSeen = [Bool](repeating: false, count: DemoPlatform.allCases.count)
    private var spammerSeen = [Bool](repeating: false, count: DemoPopulation.spammers.count)

    private var scripts: [(time: Int64, script: Script)]
    private var scriptIndex = 0

    /// Codes shared and not yet used up: (person, uses left). Bounded ring.
    private var referralPool: [(person: Int32, uses: Int8)] = []
    private var referralCursor = 0
    /// Invitees who will share a code of their own.
    private var futureSharers: [Int32] = []
    private static let referralCapacity = 512

    var blogPostCount = 0
    var blogCommentCount = 0
    var tripadvisorCount = 0
    var reviewCount = 0

    /// Largest cascade and reply thread, so that a small demo is not one giant thread.
    private let cascadeCap: Int
    private let replyCap: Int

    enum Script {
        case referralBlog, referralPost(DemoPlatform), apologyBlog, apologyPost(DemoPlatform), apologyUpdate(DemoPlatform)
    }

    init(configuration: DemoConfiguration, calendar: DemoCalendar, population: DemoPopulation) {
        self.calendar = calendar
        self.population = population
        itemCount = max(configuration.itemCount, 0)
        seed = configuration.seed
        observedAt = configuration.now
        random = DemoRandom(seed: configuration.seed)
        seen = Array(repeating: [UInt64](repeating: 0, count: population.size / 64 + 1), count: DemoPlatform.allCases.count)
        cascadeCap = min(max(itemCount / 50, 40), 20_000)
        replyCap = min(max(itemCount / 400, 8), 2_000)

        let hour = DemoCalendar.hour
        let launch = calendar.referralLaunch
        let spike = calendar.spikeStart
        var scripts: [(time: Int64, script: Script)] = [
            (launch, .referralBlog), (launch + 3 * hour, .referralPost(.mastodon)), (launch + 3 * hour + hour / 3, .referralPost(.bluesky)),
            (spike + 2 * DemoCalendar.day + 4 * hour, .apologyPost(.mastodon)),
            (spike + 2 * DemoCalendar.day + 4 * hour + hour / 4, .apologyPost(.bluesky)),
            (spike + 2 * DemoCalendar.day + 7 * hour, .apologyBlog),
            (spike + 4 * DemoCalendar.day + 3 * hour, .apologyUpdate(.mastodon)),
            (spike + 4 * DemoCalendar.day + 3 * hour + hour / 2, .apologyUpdate(.bluesky)),
        ]
        scripts.sort { $0.time < $1.time }
        self.scripts = scripts.filter { $0.time > calendar.start && $0.time < calendar.now }
        clock.advance(remainingThreads: Double(max(itemCount, 1)) / 2.5, random: &random)
    }

    // MARK: - The loop

    mutating func next() -> IngestRecord? {
        while outIndex >= outbox.count {
            outbox.removeAll(keepingCapacity: true)
            outIndex = 0
            guard step() else { return nil }
        }
        defer { outIndex += 1 }
        return outbox[outIndex].take()
    }

    private mutating func step() -> Bool {
        if committed < itemCount {
            let t = clock.time(in: calendar)
            if let next = queue.nextTime, next <= t {
                emitFromQueue()
            } else {
                startThread(at: t)
            }
            return true
        }
        if !queue.isEmpty {
            emitFromQueue()
            return true
        }
        return false
    }

    private mutating func emitFromQueue() {
        guard var plan = queue.pop() else { return }
        let index = plan.next
        emit(&plan, index)
        plan.next += 1
        if plan.next < plan.count { queue.push(plan) }
    }

    private mutating func startThread(at t: Int64) {
        var plan = planThread(at: t, budget: itemCount - committed)
        plan.finish(limit: calendar.now - 1)
        if plan.kind == .blogPost { moderate(&plan) }
        committed += plan.count
        threadCount += 1
        // Mean thread size so far, starting from a prior of 2.5 items.
        let meanThreadSize = (2.5 * 20 + Double(committed)) / Double(20 + threadCount)
        clock.advance(remainingThreads: Double(itemCount - committed) / meanThreadSize, random: &random)
        emit(&plan, 0)
        plan.next = 1
        if plan.next < plan.count { queue.push(plan) }
    }

    mutating func append(_ record: consuming IngestRecord) {
        outbox.append(record)
    }

    /// Emits a profile the first time its owner appears on a platform.
    mutating func introduce(person index: Int, on platform: DemoPlatform, _ identity: @autoclosure () -> ActorIdentity) {
        let word = index >> 6
        let bit: UInt64 = 1 << UInt64(index & 63)
        let p = Int(platform.rawValue)
        if seen[p][word] & bit == 0 {
            seen[p][word] |= bit
            outbox.append(.actor(identity()))
        }
    }

    mutating func introduceBrand(on platform: DemoPlatform) {
        let p = Int(platform.rawValue)
        if !brandSeen[p] {
            brandSeen[p] = true
            outbox.append(.actor(DemoPopulation.brand(on: platform)))
        }
    }

    mutating func introduceSpammer(_ k: Int) {
        if !spammerSeen[k] {
            spammerSeen[k] = true
            outbox.append(.actor(DemoPopulation.spammers[k]))
        }
    }

    // MARK: - Planning a thread

    private mutating func planThread(at t: Int64, budget: Int) -> ThreadPlan {
        planOrder += 1
        var script: Script? = nil
        if scriptIndex < scripts.count, scripts[scriptIndex].time <= t {
            script = scripts[scriptIndex].script
            scriptIndex += 1
        }
        let kind: RootKind
        var platform: DemoPlatform
        switch script {
        case .referralBlog?, .apologyBlog?:
            kind = .blogPost
            platform = .blog
        case .referralPost(let p)?, .apologyPost(let p)?, .apologyUpdate(let p)?:
            kind = .brandPost
            platform = p
        case nil:
            // Of new threads: about 1 % blog posts, 12 % the bakery's own posts, 33 % customers'
            // posts, 20 % reviews and the rest check-ins (customers' posts when the shop is closed).
            let r = random.unit()
            if random.chance(0.7 * calendar.spikeLevel(at: t)) {
                // The bad week: people post about it.
                kind = .customerPost
                platform = random.chance(0.45) ? .mastodon : .bluesky
            } else if r < 0.012 {
                kind = .blogPost
                platform = .blog
            } else if r < 0.13 {
                kind = .brandPost
                platform = random.chance(0.5) ? .mastodon : .bluesky
            } else if r < 0.46 {
                kind = .customerPost
                platform = random.chance(0.45) ? .mastodon : .bluesky
            } else if r < 0.66 {
                kind = .review
                platform = random.chance(0.7) ? .google : .tripadvisor
            } else if calendar.isOpen(t) {
                kind = .checkin
                platform = .foursquare
            } else {
                kind = .customerPost
                platform = random.chance(0.45) ? .mastodon : .bluesky
            }
        }

        let month = calendar.local(t).month
        let seasonalChance = kind == .brandPost || kind == .blogPost ? 0.5 : 0.25
        let seasonal = random.chance(seasonalChance)
        let product = seasonal
            ? DemoBusiness.firstSeasonal + random.pick(DemoBusiness.seasonalByMonth[month - 1])
            : random.below(DemoBusiness.everyday.count)
        var product2 = random.below(DemoBusiness.everyday.count)
        if product2 == product { product2 = (product2 + 1) % DemoBusiness.everyday.count }
        var plan = ThreadPlan(kind: kind, platform: platform, order: planOrder, product: product, product2: product2)
        plan.topicIsSeasonal = seasonal
        plan.month = month
        plan.staff = random.below(DemoBusiness.staff.count)
        plan.competitor = random.below(2)

        // Scripted threads draw big reactions; in a small demo they must not eat the budget of
        // the weeks around them.
        let threadBudget = script == nil ? budget : min(budget, max(itemCount / 150, 6))
        switch kind {
        case .blogPost: planBlogPost(&plan, at: t, budget: threadBudget, script: script)
        case .brandPost: planBrandPost(&plan, at: t, budget: threadBudget, script: script)
        case .customerPost: planCustomerPost(&plan, at: t, budget: budget)
        case .review: planReview(&plan, at: t, budget: budget)
        case .checkin: planCheckin(&plan, at: t)
        }
        return plan
    }

    private func referralOpen(_ t: Int64) -> Bool { t >= calendar.referralLaunch }

    private mutating func planBlogPost(_ plan: inout ThreadPlan, at t: Int64, budget: Int, script: Script?) {
        var commentScale = 3.0
        switch script {
        case .referralBlog?:
            plan.theme = .referral
            commentScale = 5
        case .apologyBlog?:
            plan.theme = .apology
            commentScale = 12
        default:
            if plan.topicIsSeasonal {
                plan.theme = .seasonal
            } else {
                plan.theme = [BrandTheme.behindTheScenes, .events, .community][random.below(3)]
            }
        }
        blogPostCount += 1
        plan.blogNumber = 100 + blogPostCount * 7 + random.below(7)
        plan.add(role: .root, parent: -1, time: t, actor: ThreadPlan.brandActor, voice: .brand, english: false)

        var comments = random.chance(0.1) ? 0 : Int(random.pareto(minimum: 1, alpha: 1.4) * commentScale)
        comments = min(comments, replyCap * 2, budget - 1)
        var delays = (0..<max(comments, 0)).map { _ in hours(random.logNormal(median: 20, sigma: 1.2), cap: 24 * 21) }
        delays.sort()
        var commentNodes: [Int] = []
        for delay in delays {
            guard plan.count < budget else { break }
            let parent = commentNodes.isEmpty || random.chance(0.8) ? 0 : random.pick(commentNodes)
            let time = calendar.awake(t + delay, random: &random)
            if random.chance(0.07) {
                let spammer = random.below(DemoPopulation.spammers.count)
                plan.add(role: .response, parent: 0, time: time, actor: ThreadPlan.spammerActor - Int32(spammer), voice: .spam, english: false)
                continue
            }
            let actor = population.activePerson(&random)
            let english = speaks(actor)
            let level = calendar.spikeLevel(at: time)
            let voice: Voice
            if plan.theme == .apology {
                voice = weighted([(.delivery, 45), (.support, 35), (.complaint, 8), (.question, 12)])
            } else {
                voice = customerVoice(
                    [(.praise, 40), (.question, 25), (.neutral, 12), (.complaint, 7), (.competitor, 4),
                     (.referralUse, referralOpen(time) ? 5 : 0), (.delivery, 0.8 + 60 * level)])
            }
            let node = addCustomer(&plan, role: .response, parent: parent, time: time, actor: actor, voice: voice, english: english)
            commentNodes.append(node)
            answer(&plan, node: node, at: time, chances: (question: 0.9, complaint: 0.85, praise: 0.35, other: 0.12), budget: budget)
        }
    }

    private mutating func planBrandPost(_ plan: inout ThreadPlan, at t: Int64, budget: Int, script: Script?) {
        var reshareScale = 1.8
        var replyScale = 1.5
        switch script {
        case .referralPost?:
            plan.theme = .referral
            reshareScale = 6
        case .apologyPost?:
            plan.theme = .apology
            reshareScale = 10
            replyScale = 8
        case .apologyUpdate?:
            plan.theme = .apologyUpdate
            reshareScale = 4
            replyScale = 3
        default:
            let r = random.unit()
            if referralOpen(t) && r < 0.06 {
                plan.theme = .referral
            } else if r < 0.16 {
                plan.theme = .bilingual
            } else if r < 0.21 {
                plan.theme = .english
            } else {
                plan.theme = plan.topicIsSeasonal ? .seasonal : .everyday
            }
        }
        plan.add(role: .root, parent: -1, time: t, actor: ThreadPlan.brandActor, voice: .brand, english: plan.theme == .english)
        let reshares = random.chance(0.35) ? 0 : Int(random.pareto(minimum: 1, alpha: 1.35) * reshareScale)
        let replies = random.chance(0.4) ? 0 : Int(random.pareto(minimum: 1, alpha: 1.7) * replyScale)
        planSocialChildren(&plan, at: t, reshares: reshares, replies: replies, budget: budget, rootVoice: .brand)
    }

    private mutating func planCustomerPost(_ plan: inout ThreadPlan, at t: Int64, budget: Int) {
        let level = calendar.spikeLevel(at: t)
        var voice = customerVoice(
            [(.praise, 40), (.neutral, 18), (.question, 10), (.complaint, 8), (.competitor, 9),
             (.referralShare, referralOpen(t) ? 8 : 0), (.referralUse, referralOpen(t) ? 5 : 0), (.delivery, 1 + 200 * level)])
        var actor: Int
        var detail: UInt32 = 0
        switch voice {
        case .referralShare:
            actor = !futureSharers.isEmpty && random.chance(0.8) ? Int(futureSharers.removeFirst()) : population.activePerson(&random)
            shareCode(of: actor)
        case .referralUse:
            actor = population.newcomer(&random)
            if let inviter = useCode() {
                detail = UInt32(inviter)
                if random.chance(0.45), futureSharers.count < Self.referralCapacity { futureSharers.append(Int32(actor)) }
            } else {
                voice = .praise
            }
        default:
            actor = population.activePerson(&random)
        }
        let english = speaks(actor)
        if voice == .question { detail = UInt32(random.below(english ? CustomerPhrases.questionsEN.count : CustomerPhrases.questionsFR.count)) }
        plan.add(role: .root, parent: -1, time: t, actor: Int32(actor), voice: voice, english: english, detail: detail)

        let person = population.person(actor)
        var p0 = person.isInfluencer ? 0.1 : 0.8
        if voice == .delivery || voice == .complaint { p0 = min(p0, 0.6) }
        var reshares = 0
        if !random.chance(p0) {
            let scale = min(max((Double(person.followers) / 60).squareRoot(), 0.5), 30)
            reshares = max(Int(random.pareto(minimum: 1, alpha: 1.25) * scale), 1)
        }
        let replies = random.chance(0.7) ? 0 : Int(random.pareto(minimum: 1, alpha: 1.8))
        answer(&plan, node: 0, at: t, chances: (question: 0.75, complaint: 0.8, praise: 0.25, other: 0.12), budget: budget)
        planSocialChildren(&plan, at: t, reshares: reshares, replies: replies, budget: budget, rootVoice: voice)
    }

    /// Reshares and quotes forming a cascade (mostly stars, sometimes person-to-person
    /// chains), and replies forming a thread, with the bakery answering some of them.
    private mutating func planSocialChildren(_ plan: inout ThreadPlan, at t: Int64, reshares: Int, replies: Int, budget: Int, rootVoice: Voice) {
        let reshareCount = max(min(saturated(reshares, cap: cascadeCap), budget - plan.count), 0)
        if reshareCount > 0 {
            var delays = (0..<reshareCount).map { _ in hours(random.logNormal(median: 1.2, sigma: 1.5)) }
            delays.sort()
            let chain = random.chance(0.15)
            let negative = rootVoice == .complaint || rootVoice == .delivery || plan.theme == .apology
            var cascade: [Int] = []
            cascade.reserveCapacity(reshareCount)
            for delay in delays {
                let parent: Int
                if cascade.isEmpty {
                    parent = 0
                } else if chain && random.chance(0.75) {
                    parent = cascade[cascade.count - 1]
                } else if random.chance(chain ? 0.5 : 0.85) {
                    parent = 0
                } else {
                    parent = cascade[random.below(cascade.count)]
                }
                let actor = population.activePerson(&random)
                let time = calendar.awake(t + delay, random: &random)
                let node: Int
                if random.chance(0.12) {
                    node = plan.add(
                        role: .quote, parent: parent, time: time, actor: Int32(actor), voice: .quote, english: speaks(actor),
                        detail: negative ? 1 : 0)
                } else {
                    node = plan.add(role: .reshare, parent: parent, time: time, actor: Int32(actor), voice: .neutral, english: false)
                }
                cascade.append(node)
            }
        }

        let replyCount = max(min(replies, replyCap, budget - plan.count), 0)
        guard replyCount > 0 else { return }
        var delays = (0..<replyCount).map { _ in hours(random.logNormal(median: 1.5, sigma: 1.3)) }
        delays.sort()
        var thread: [Int] = []
        for delay in delays {
            guard plan.count < budget else { break }
            let parent = thread.isEmpty || random.chance(0.65) ? 0 : random.pick(thread)
            let actor = population.activePerson(&random)
            let time = calendar.awake(t + delay, random: &random)
            let level = calendar.spikeLevel(at: time)
            let voice: Voice
            switch rootVoice {
            case .brand:
                if plan.theme == .apology || plan.theme == .apologyUpdate {
                    voice = weighted([(.delivery, 40), (.support, 40), (.question, 20)])
                } else {
                    voice = customerVoice(
                        [(.reaction, 50), (.praise, 12), (.question, 15), (.complaint, 6), (.neutral, 8), (.competitor, 3),
                         (.referralUse, referralOpen(time) ? 3 : 0), (.delivery, 0.5 + 45 * level)])
                }
            case .complaint, .delivery:
                voice = weighted([(rootVoice, 45), (.neutral, 25), (.reaction, 15), (.question, 15)])
            default:
                voice = customerVoice([(.reaction, 55), (.praise, 15), (.question, 12), (.neutral, 10), (.competitor, 8), (.delivery, 30 * level)])
            }
            let node = addCustomer(&plan, role: .response, parent: parent, time: time, actor: actor, voice: voice, english: speaks(actor))
            thread.append(node)
            answer(&plan, node: node, at: time, chances: (question: 0.6, complaint: 0.65, praise: 0.1, other: 0.05), budget: budget)
        }
    }

    private mutating func planReview(_ plan: inout ThreadPlan, at t: Int64, budget: Int) {
        reviewCount += 1
        let level = calendar.spikeLevel(at: t)
        // Skewed positive; the bad week drags ratings down.
        let weights: [Double] = [0.06 + 0.5 * level, 0.05 + 0.2 * level, 0.1, 0.26, 0.53]
        var cumulative: [Double] = []
        var total = 0.0
        for weight in weights {
            total += weight
            cumulative.append(total)
        }
        let rating = random.index(cumulative: cumulative) + 1
        let actor = random.chance(0.6) ? population.activePerson(&random) : population.newcomer(&random)
        let english = speaks(actor)
        var voice: Voice = rating <= 2 ? (random.chance(level > 0 ? 0.8 : 0.1) ? .delivery : .complaint) : rating == 3 ? .neutral : .praise
        var detail = UInt32(rating)
        if rating >= 4, referralOpen(t), random.chance(0.06), let inviter = useCode() {
            voice = .referralUse
            detail = UInt32(rating) | UInt32(inviter) << 3
        }
        plan.add(role: .root, parent: -1, time: t, actor: Int32(actor), voice: voice, english: english, detail: detail)
        var chance = rating <= 2 ? 0.85 : rating == 3 ? 0.5 : 0.3
        if plan.platform == .tripadvisor { chance *= 0.7 }
        if budget > 1, random.chance(chance) {
            plan.add(
                role: .brandResponse, parent: 0, time: brandResponseTime(after: t, slow: true), actor: ThreadPlan.brandActor,
                voice: voice, english: english, detail: detail)
        }
    }

    private mutating func planCheckin(_ plan: inout ThreadPlan, at t: Int64) {
        let r = random.unit()
        plan.placeIndex = r < 0.88 ? 0 : r < 0.94 ? 1 : 2
        let actor = population.activePerson(&random)
        plan.add(role: .root, parent: -1, time: t, actor: Int32(actor), voice: .neutral, english: speaks(actor))
    }

    /// Blog comments: most spam is caught, some slips through; the last day and a half of
    /// comments may still wait for approval (unless already answered). Decided before the post
    /// is emitted, so that its comment count is the number of published comments.
    private mutating func moderate(_ plan: inout ThreadPlan) {
        var published = 0
        for index in 1..<max(plan.count, 1) {
            var status = ItemStatus.published
            if plan.nodes[index].voice == .spam {
                status = random.chance(0.75) ? .spam : .published
            } else if plan.nodes[index].role != .brandResponse, plan.nodes[index].replies == 0,
                calendar.now - plan.nodes[index].time < 36 * DemoCalendar.hour, random.chance(0.5)
            {
                status = .pending
            }
            plan.nodes[index].status = status
            if status == .published { published += 1 }
        }
        plan.publishedComments = published
    }

    // MARK: - Helpers

    /// `n` below half the cap, then bending smoothly towards the cap: the tail stays a tail
    /// instead of piling up at the cap.
    private func saturated(_ n: Int, cap: Int) -> Int {
        let half = Double(cap) / 2
        guard Double(n) > half else { return n }
        return Int(half + half * (1 - DemoMath.exp(-(Double(n) - half) / half)))
    }

    /// Hours to milliseconds, capped: answers after weeks are rare, and an open thread costs memory.
    private func hours(_ value: Double, cap: Double = 24 * 7) -> Int64 {
        Int64(min(value, cap) * Double(DemoCalendar.hour))
    }

    /// Whether a person writes this item in English: anglophones mostly do, francophones rarely.
    private mutating func speaks(_ person: Int) -> Bool {
        population.isAnglophone(person) ? random.chance(0.85) : random.chance(0.04)
    }

    private mutating func weighted(_ choices: [(Voice, Double)]) -> Voice {
        var total = 0.0
        for choice in choices { total += choice.1 }
        var target = random.unit() * total
        for choice in choices {
            target -= choice.1
            if target < 0 { return choice.0 }
        }
        return choices[choices.count - 1].0
    }

    /// A customer voice; a referral use without any code in circulation becomes praise.
    private mutating func customerVoice(_ choices: [(Voice, Double)]) -> Voice {
        let voice = weighted(choices)
        if voice == .referralUse && referralPool.isEmpty { return .praise }
        return voice
    }

    /// Adds a customer's node, drawing what its voice needs (a question, an inviter).
    @discardableResult
    private mutating func addCustomer(_ plan: inout ThreadPlan, role: NodeRole, parent: Int, time: Int64, actor: Int, voice: Voice, english: Bool) -> Int {
        var detail: UInt32 = 0
        var voice = voice
        switch voice {
        case .question:
            detail = UInt32(random.below(english ? CustomerPhrases.questionsEN.count : CustomerPhrases.questionsFR.count))
        case .referralUse:
            if let inviter = useCode() { detail = UInt32(inviter) } else { voice = .praise }
        default:
            break
        }
        return plan.add(role: role, parent: parent, time: time, actor: Int32(actor), voice: voice, english: english, detail: detail)
    }

    /// The bakery answers a node, more often questions and complaints than praise.
    private mutating func answer(
        _ plan: inout ThreadPlan, node: Int, at t: Int64,
        chances: (question: Double, complaint: Double, praise: Double, other: Double), budget: Int
    ) {
        guard plan.count < budget else { return }
        let voice = plan.nodes[node].voice
        let chance: Double
        switch voice {
        case .question: chance = chances.question
        case .complaint, .delivery: chance = chances.complaint
        case .praise, .referralUse, .support: chance = chances.praise
        case .spam, .quote, .brand: chance = 0
        default: chance = chances.other
        }
        guard random.chance(chance) else { return }
        plan.add(
            role: .brandResponse, parent: node, time: brandResponseTime(after: t, slow: false), actor: ThreadPlan.brandActor,
            voice: voice, english: plan.nodes[node].english, detail: plan.nodes[node].detail)
    }

    /// The bakery answers during the day, within hours, but slowly in the bad week.
    private mutating func brandResponseTime(after t: Int64, slow: Bool) -> Int64 {
        let level = calendar.spikeLevel(at: t)
        let median = (slow ? 26.0 : 2.5) * (1 + 6 * level)
        var at = t + hours(random.logNormal(median: median, sigma: 0.9), cap: 24 * 10) + 60_000
        let hour = calendar.localHour(at)
        if hour < 7 {
            at += Int64((7.25 - hour + random.unit() * 1.5) * Double(DemoCalendar.hour))
        } else if hour >= 21.5 {
            at += Int64((24 - hour + 7.25 + random.unit() * 1.5) * Double(DemoCalendar.hour))
        }
        return at
    }

    // MARK: - Referral codes

    private mutating func shareCode(of person: Int) {
        let uses = Int8(min(Int(random.exponential(mean: 1.3).rounded()), 6))
        guard uses > 0 else { return }
        if referralPool.count < Self.referralCapacity {
            referralPool.append((Int32(person), uses))
        } else {
            referralPool[referralCursor % Self.referralCapacity] = (Int32(person), uses)
            referralCursor += 1
        }
    }

    /// Takes a code in circulation and returns the person who shared it.
    private mutating func useCode() -> Int? {
        guard !referralPool.isEmpty else { return nil }
        let index = random.below(referralPool.count)
        let entry = referralPool[index]
        if entry.uses <= 1 {
            referralPool.swapAt(index, referralPool.count - 1)
            referralPool.removeLast()
        } else {
            referralPool[index].uses -= 1
        }
        return Int(entry.person)
    }
}
