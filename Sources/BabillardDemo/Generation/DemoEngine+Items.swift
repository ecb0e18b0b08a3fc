import BabillardCore

/// Turning a planned node into a `RawItem` in the shape its platform gives.
extension DemoEngine {
    static let brandIdentities = DemoPlatform.allCases.map(DemoPopulation.brand(on:))
    static let blogChannel = DemoBusiness.blogFeed

    mutating func emit(_ plan: inout ThreadPlan, _ index: Int) {
        serial += 1
        let item: RawItem
        switch plan.platform {
        case .mastodon, .bluesky: item = socialItem(plan, index)
        case .blog: item = blogItem(&plan, index)
        case .google, .tripadvisor: item = reviewItem(plan, index)
        case .foursquare: item = checkinItem(plan, index)
        }
        let hasChildren = plan.nodes[index].replies + plan.nodes[index].reshares + plan.nodes[index].quotes > 0
        plan.ids.append(index == 0 || hasChildren ? item.externalID : "")
        append(.item(consume item))
    }

    /// The node's author, emitting their profile first if this is their first item on the platform.
    private mutating func author(_ plan: ThreadPlan, _ index: Int) -> (identity: ActorIdentity, person: DemoPopulation.Person?) {
        let actor = plan.nodes[index].actor
        if actor == ThreadPlan.brandActor {
            introduceBrand(on: plan.platform)
            return (Self.brandIdentities[Int(plan.platform.rawValue)], nil)
        }
        if actor <= ThreadPlan.spammerActor {
            let k = Int(ThreadPlan.spammerActor - actor)
            introduceSpammer(k)
            return (DemoPopulation.spammers[k], nil)
        }
        let person = population.person(Int(actor))
        let identity = population.identity(person, on: plan.platform)
        introduce(person: Int(actor), on: plan.platform, identity)
        return (identity, person)
    }

    private mutating func engagement(_ plan: ThreadPlan, _ index: Int, followers: Int) -> EngagementCounts {
        let reshares = Int(plan.nodes[index].reshares)
        let replies = Int(plan.nodes[index].replies)
        let quotes = Int(plan.nodes[index].quotes)
        let median = 0.4 + Double(reshares + quotes) * 2.2 + Double(replies) * 0.7 + Double(followers).squareRoot() * 0.12
        let likes = Int(random.logNormal(median: median, sigma: 0.8))
        return EngagementCounts(likes: likes, reshares: reshares, replies: replies, quotes: quotes, observedAt: observedAt)
    }

    /// The language the platform declares: Mastodon's default language is sometimes wrong,
    /// Bluesky posts sometimes have none.
    private mutating func declaredLanguage(_ platform: DemoPlatform, english: Bool) -> String? {
        let r = random.unit()
        switch platform {
        case .mastodon: return r < 0.04 ? nil : r < 0.08 ? (english ? "fr" : "en") : (english ? "en" : "fr")
        case .bluesky: return r < 0.15 ? nil : (english ? "en" : "fr")
        case .tripadvisor: return english ? "en" : "fr"
        default: return nil
        }
    }

    // MARK: - Mastodon and Bluesky

    private mutating func socialItem(_ plan: ThreadPlan, _ index: Int) -> RawItem {
        let t = plan.nodes[index].time
        let role = plan.nodes[index].role
        let (identity, person) = author(plan, index)
        let mastodon = plan.platform == .mastodon
        let id: String
        let url: String?
        if mastodon {
            // The account's URI is https://instance/users/name and its page https://instance/@name.
            let status = String(DemoIdentifiers.snowflake(ms: t, serial: serial))
            id = joined(identity.externalID, "/statuses/", status, role == .reshare ? "/activity" : "")
            url = role == .reshare ? nil : joined(identity.profileURL ?? identity.externalID, "/", status)
        } else {
            let key = DemoIdentifiers.tid(ms: t, serial: serial)
            if role == .reshare {
                id = joined("at://", identity.externalID, "/app.bsky.feed.repost/", key)
                url = nil
            } else {
                id = joined("at://", identity.externalID, "/app.bsky.feed.post/", key)
                url = joined("https://bsky.app/profile/", identity.handle ?? identity.externalID, "/post/", key)
            }
        }
        let createdAt = Timestamp(epochMilliseconds: t, utcOffsetMinutes: 0)
        let parent = Int(plan.nodes[index].parent)
        switch role {
        case .reshare:
            return RawItem(
                platform: plan.platform.platform, externalID: id, kind: .reshare, reshareOfExternalID: plan.ids[parent],
                author: identity, createdAt: createdAt)
        case .quote:
            let (text, tags) = customerText(plan, index, person: person)
            return RawItem(
                platform: plan.platform.platform, externalID: id, kind: .quote, reshareOfExternalID: plan.ids[parent],
                author: identity, createdAt: createdAt, text: text, url: url,
                language: declaredLanguage(plan.platform, english: plan.nodes[index].english),
                engagement: engagement(plan, index, followers: identity.followers ?? 0), tags: tags)
        case .root:
            let brand = plan.kind == .brandPost
            let (text, tags) = brand ? brandPostText(plan) : customerText(plan, index, person: person)
            return RawItem(
                platform: plan.platform.platform, externalID: id, kind: brand ? .post : .mention, author: identity,
                createdAt: createdAt, text: text, url: url,
                language: declaredLanguage(plan.platform, english: plan.nodes[index].english || (brand && plan.theme == .english)),
                engagement: engagement(plan, index, followers: identity.followers ?? 0), tags: tags,
                channel: brand ? identity.handle : nil)
        case .response, .brandResponse:
            var (text, tags) = role == .brandResponse
                ? brandResponseText(plan, index)
                : customerText(plan, index, person: person)
            if mastodon {
                // Mastodon replies start with the handle of the person answered.
                let parentActor = plan.nodes[parent].actor
                let handle = parentActor >= 0 ? population.person(Int(parentActor)).username : "boulangeriemelisse"
                text = "@" + handle + " " + text
            }
            return RawItem(
                platform: plan.platform.platform, externalID: id, kind: .reply, parentExternalID: plan.ids[parent],
                rootExternalID: plan.ids[0], author: identity, createdAt: createdAt, text: text, url: url,
                language: declaredLanguage(plan.platform, english: plan.nodes[index].english),
                engagement: engagement(plan, index, followers: identity.followers ?? 0), tags: tags)
        }
    }

    // MARK: - Blog

    private mutating func blogItem(_ plan: inout ThreadPlan, _ index: Int) -> RawItem {
        let t = plan.nodes[index].time
        let (identity, person) = author(plan, index)
        let createdAt = Timestamp(epochMilliseconds: t, utcOffsetMinutes: calendar.offsetMinutes(at: t))
        if index == 0 {
            let post = blogPostText(plan)
            let local = calendar.local(t)
            let month = local.month < 10 ? "0\(local.month)" : "\(local.month)"
            plan.blogURL = "\(DemoBusiness.blogHost)/\(local.year)/\(month)/\(DemoIdentifiers.slug(post.title))/"
            return RawItem(
                platform: .blog, externalID: "\(DemoBusiness.blogHost)/?p=\(plan.blogNumber)", kind: .post, author: identity,
                createdAt: createdAt, title: post.title, text: post.text, url: plan.blogURL, language: "fr",
                engagement: EngagementCounts(replies: plan.publishedComments, observedAt: observedAt),
                tags: [BlogPhrases.theme(for: plan.theme).category, "Boulangerie"], channel: Self.blogChannel)
        }
        blogCommentCount += 1
        let url = plan.blogURL + "#comment-\(1000 + blogCommentCount)"
        let role = plan.nodes[index].role
        let (text, _) = role == .brandResponse ? brandResponseText(plan, index) : customerText(plan, index, person: person)
        let status = plan.nodes[index].status
        return RawItem(
            platform: .blog, externalID: url, kind: .comment, parentExternalID: plan.ids[Int(plan.nodes[index].parent)],
            rootExternalID: plan.ids[0], author: identity, createdAt: createdAt, text: text, url: url, status: status,
            channel: Self.blogChannel)
    }

    // MARK: - Reviews

    private mutating func reviewItem(_ plan: ThreadPlan, _ index: Int) -> RawItem {
        let t = plan.nodes[index].time
        let (identity, person) = author(plan, index)
        let google = plan.platform == .google
        let createdAt = Timestamp(epochMilliseconds: t, utcOffsetMinutes: 0)
        if index == 0 {
            let rating = Int(plan.nodes[0].detail & 7)
            let id: String
            var url: String? = nil
            if google {
                id = DemoIdentifiers.googleReview(serial: serial, seed: seed)
            } else {
                tripadvisorCount += 1
                let number = 812_400_000 + tripadvisorCount * 17 + random.below(17)
                id = "r\(number)"
                url = "https://www.tripadvisor.ca/ShowUserReviews-g155032-d4511872-r\(number)-Boulangerie_Melisse-Montreal_Quebec.html"
            }
            var (text, _) = reviewText(plan, person: person)
            if google, rating >= 4, random.chance(0.15) { text = "" }  // a rating without words
            let english = plan.nodes[0].english
            let title: String? = google ? nil : random.pick((english ? ReviewPhrases.titlesEN : ReviewPhrases.titlesFR)[rating - 1])
            let helpful = random.chance(0.7) ? 0 : Int(random.pareto(minimum: 1, alpha: 1.5))
            return RawItem(
                platform: plan.platform.platform, externalID: id, kind: .review, author: identity, createdAt: createdAt,
                title: title, text: text, url: url, language: declaredLanguage(plan.platform, english: english),
                rating: Double(rating), ratingScale: 5, place: DemoBusiness.places[0],
                engagement: EngagementCounts(likes: helpful, replies: Int(plan.nodes[0].replies), observedAt: observedAt))
        }
        let (text, _) = brandResponseText(plan, index)
        let parent = plan.ids[0]
        return RawItem(
            platform: plan.platform.platform, externalID: parent + "#owner-response", kind: .comment, parentExternalID: parent,
            rootExternalID: parent, author: identity, createdAt: createdAt, text: text,
            language: declaredLanguage(plan.platform, english: plan.nodes[index].english))
    }

    // MARK: - Check-ins

    private mutating func checkinItem(_ plan: ThreadPlan, _ index: Int) -> RawItem {
        let t = plan.nodes[index].time
        let (identity, _) = author(plan, index)
        var text = ""
        if random.chance(0.4) {
            if plan.placeIndex != 0 {
                text = random.pick(CustomerPhrases.checkinShoutsCompetitor)
            } else {
                text = random.pick(plan.nodes[0].english ? CustomerPhrases.checkinShoutsEN : CustomerPhrases.checkinShoutsFR)
            }
        }
        return RawItem(
            platform: .foursquare, externalID: DemoIdentifiers.foursquare(ms: t, serial: serial, seed: seed), kind: .checkin,
            author: identity, createdAt: Timestamp(epochMilliseconds: t, utcOffsetMinutes: calendar.offsetMinutes(at: t)),
            text: text, place: DemoBusiness.places[plan.placeIndex])
    }
}
