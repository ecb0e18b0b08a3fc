/// What an item does besides saying something: asks, complains, praises, wants to buy, needs
/// help, suggests, or advertises. An item can carry several intents at once ("Love the app, but
/// why can't I log in?" is praise, a question and a support request).
public enum Intent: String, Sendable, CaseIterable, Codable, Hashable {
    /// Asks for information, an answer, a confirmation or an opinion.
    case question
    /// Dissatisfaction, criticism or a grievance about a product, service, work or organisation.
    case complaint
    /// Appreciation, thanks, congratulation or recommendation.
    case praise
    /// The author will, wants to or may buy, order or subscribe; or asks where to buy, or the price.
    case purchaseIntent = "purchase_intent"
    /// Reports a malfunction the author is affected by, or asks for help to use or fix something.
    case supportRequest = "support_request"
    /// A suggestion or request about how a product, service or organisation should change.
    case idea
    /// Unsolicited promotion: ads, giveaways, link bait, "check out my…", follow requests.
    case spam
}

/// One intent found in a text, with the words that show it.
public struct IntentMatch: Sendable, Hashable, Codable {
    public var intent: Intent
    /// The cue as the author wrote it (case and accents kept): "Est-ce que", "?", "remboursement",
    /// "pas intéressant". A community manager reads it to see why the item was flagged.
    public var evidence: String

    public init(intent: Intent, evidence: String) {
        self.intent = intent
        self.evidence = evidence
    }
}
