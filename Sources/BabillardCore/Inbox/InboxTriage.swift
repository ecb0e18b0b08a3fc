import Foundation

/// Where an inbox entry stands. An entry starts `new`; someone takes it (`assigned`), answers and
/// waits for the author (`waiting`), and closes it (`done`), or decides it needs no answer (`ignored`).
public enum InboxState: String, Sendable, CaseIterable, Codable {
    case new, assigned, waiting, done, ignored

    /// States that still ask something of the team: they count in the backlog and against the
    /// response-time target.
    public var isOpen: Bool { self == .new || self == .assigned || self == .waiting }

    /// Every state can be reached from every other one (a closed entry can be reopened), except
    /// that an entry is never made `new` again once someone has touched it.
    public func canMove(to next: InboxState) -> Bool {
        next != self && next != .new
    }
}

/// Why an item deserves an answer, most urgent first.
public enum InboxReason: String, Sendable, CaseIterable, Codable {
    case complaint, support, question, reply, negative, purchase

    /// The base of the priority: complaints and support requests before questions, questions
    /// before plain criticism, purchase intent last (it is an opportunity, not a fire).
    public var weight: Double {
        switch self {
        case .complaint: 5
        case .support: 4.5
        case .question: 4
        case .reply: 3.5
        case .negative: 3
        case .purchase: 2.5
        }
    }
}

/// Which items enter the inbox and in what order.
///
/// The priority of an entry is `reason weight + how negative it is + the author's reach +
/// one point per day of waiting`. Waiting grows at the same rate for every entry, so the order
/// never changes with the clock: sorting by `weight + negativity + reach − created day` gives the
/// same order at any moment. That is the stored `orderKey`, which an index keeps sorted, so the
/// inbox page reads its first rows instead of sorting every open entry.
public enum InboxTriage {
    /// Items older than this when they are analysed do not enter the inbox: an imported archive
    /// of five years must not bury this week's questions.
    public static let windowMilliseconds: Int64 = 30 * 86_400_000

    /// An item that enters the inbox counts as waiting from its creation, but never from more
    /// than this before it entered: a fetch minutes after the post is fair to count, an import of
    /// last week's complaints must not make them all overdue at once.
    public static let importGraceMilliseconds: Int64 = 3_600_000

    /// A negative score alone brings an item in only from this strength: mildly negative
    /// readings of social posts are often wrong (see docs/EVALUATION.md, fr-social), and an inbox
    /// full of false alarms teaches the team to ignore it.
    public static let negativeScoreThreshold = -0.5

    /// The strongest reason an analysed item deserves an answer, or nil. `repliesToBrand` when it
    /// answers one of the workspace's own accounts. A negative score alone does not count when
    /// the item reads as praise, or when it is weaker than `negativeScoreThreshold`.
    public static func reason(
        intents: some Sequence<String>, sentimentLabel: String, sentimentScore: Double = -1, repliesToBrand: Bool = false
    ) -> InboxReason? {
        var best: InboxReason?
        var praise = false
        for intent in intents {
            if intent == "praise" { praise = true }
            let reason: InboxReason? = switch intent {
            case "complaint": .complaint
            case "support_request": .support
            case "question": .question
            case "purchase_intent": .purchase
            default: nil
            }
            if let reason, reason.weight > (best?.weight ?? 0) { best = reason }
        }
        if repliesToBrand, InboxReason.reply.weight > (best?.weight ?? 0) { best = .reply }
        if sentimentLabel == "negative", !praise, sentimentScore <= negativeScoreThreshold, InboxReason.negative.weight > (best?.weight ?? 0) {
            best = .negative
        }
        return best
    }

    /// The time-independent sort key (higher first); see the type's documentation.
    public static func orderKey(reason: InboxReason, sentimentScore: Double, followers: Int64?, createdAtMilliseconds: Int64) -> Double {
        let negativity = max(0, -sentimentScore)  // 0 … 1
        let reach = min(3, log10(Double(max(0, followers ?? 0)) + 1) / 2)  // 0 … 3 (a million followers)
        let createdDay = Double(createdAtMilliseconds) / 86_400_000
        return reason.weight + negativity + reach - createdDay
    }

    /// The priority shown at `now`: the order key plus the day number, so that it reads as
    /// "reason + negativity + reach + days waiting".
    public static func priority(orderKey: Double, now: Timestamp) -> Double {
        orderKey + Double(now.epochMilliseconds) / 86_400_000
    }
}
