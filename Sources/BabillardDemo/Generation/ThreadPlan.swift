import BabillardCore

/// What starts a thread.
enum RootKind: UInt8 {
    case blogPost, brandPost, customerPost, review, checkin
}

/// A node's place in its thread or cascade.
enum NodeRole: UInt8 {
    case root
    /// A customer's reply (social) or comment (blog).
    case response
    /// The bakery answering someone.
    case brandResponse
    case reshare
    case quote
}

/// What a text says, which decides its template pool.
enum Voice: UInt8 {
    case praise, neutral, question, complaint, delivery, competitor
    case referralShare, referralUse, reaction, support, spam, quote
    /// The bakery's own post (its theme is on the plan).
    case brand
}

/// What the bakery's own posts are about.
enum BrandTheme: UInt8 {
    case seasonal, everyday, bilingual, english, referral, apology, apologyUpdate, behindTheScenes, events, community
}

/// One planned item of a thread.
struct PlannedNode {
    var time: Int64
    var parent: Int32
    /// A person's index, or `ThreadPlan.brandActor`, or `ThreadPlan.spammerActor - k`.
    var actor: Int32
    /// Per voice: the question's index, the inviter of a referral, the review's rating.
    var detail: UInt32
    /// Direct children by role, filled by `ThreadPlan.finish`.
    var replies: UInt32 = 0
    var reshares: UInt32 = 0
    var quotes: UInt32 = 0
    var role: NodeRole
    var voice: Voice
    var english: Bool
    /// A blog comment's moderation state (see `DemoEngine.moderate`).
    var status: ItemStatus = .published
}

/// One thread planned in full when its root is created: every reply, comment, reshare,
/// quote and answer with its time, parent and author, sorted by time with parents first.
///
/// Planning ahead is what makes the counts honest: the root's `replies` and `reshares` are
/// the numbers of children that will follow it, and nothing is planned after `now`. The plan
/// lives until its last node is emitted; only the external ids of emitted nodes that have
/// children are kept. A small value type: it moves in and out of the queue at every item.
struct ThreadPlan {
    let kind: RootKind
    let platform: DemoPlatform
    let order: UInt64
    var nodes: [PlannedNode] = []
    var ids: [String] = []
    var next = 0
    /// Published comments of a blog post (the count a feed shows).
    var publishedComments = 0

    // Shared by the thread's texts.
    /// Indices into `DemoBusiness.products`.
    var product: Int
    var product2: Int
    var topicIsSeasonal = false
    var staff = 0
    var competitor = 0
    var theme: BrandTheme = .everyday
    var placeIndex = 0
    /// Month of the root, 1 … 12 (Montréal time), for seasonal phrases.
    var month = 1
    var blogNumber = 0
    var blogURL = ""

    static let brandActor: Int32 = -1
    static let spammerActor: Int32 = -2

    init(kind: RootKind, platform: DemoPlatform, order: UInt64, product: Int, product2: Int) {
        self.kind = kind
        self.platform = platform
        self.order = order
        self.product = product
        self.product2 = product2
    }

    var count: Int { nodes.count }

    @discardableResult
    mutating func add(
        role: NodeRole, parent: Int, time: Int64, actor: Int32, voice: Voice, english: Bool, detail: UInt32 = 0
    ) -> Int {
        nodes.append(
            PlannedNode(time: time, parent: Int32(parent), actor: actor, detail: detail, role: role, voice: voice, english: english))
        return nodes.count - 1
    }

    /// Makes every child later than its parent, fits the thread before `limit`, sorts the
    /// nodes by time (parents first on ties) and counts each node's direct children.
    mutating func finish(limit: Int64) {
        let n = nodes.count
        guard n > 1 else { return }
        // Nodes were added with parents before children: one pass makes children later.
        for index in 1..<n {
            let parent = Int(nodes[index].parent)
            if nodes[index].time <= nodes[parent].time {
                nodes[index].time = nodes[parent].time + 1000 + Int64(index % 7) * 1000
            }
        }
        // Compress offsets into the time left before `limit`, keeping their order.
        let root = nodes[0].time
        var latest: Int64 = 0
        for node in nodes where node.time > latest { latest = node.time }
        if latest > limit {
            let span = Double(limit - root - 1)
            if span < 2000 {
                for index in 1..<n { nodes[index].time = min(root + Int64(index), limit) }
            } else {
                for index in 1..<n {
                    let offset = Double(nodes[index].time - root)
                    nodes[index].time = root + 1 + Int64(span * (1 - DemoMath.exp(-offset / span)))
                }
            }
        }
        // Sort by (time, index); the root stays first.
        var permutation = Array(0..<n)
        permutation.sort { a, b in nodes[a].time != nodes[b].time ? nodes[a].time < nodes[b].time : a < b }
        if permutation[0] != 0 {
            permutation.removeAll { $0 == 0 }
            permutation.insert(0, at: 0)
        }
        var position = [Int32](repeating: 0, count: n)
        for (newIndex, oldIndex) in permutation.enumerated() { position[oldIndex] = Int32(newIndex) }
        var sorted: [PlannedNode] = []
        sorted.reserveCapacity(n)
        for oldIndex in permutation {
            var node = nodes[oldIndex]
            if node.parent >= 0 { node.parent = position[Int(node.parent)] }
            sorted.append(node)
        }
        for index in 1..<n {
            let parent = Int(sorted[index].parent)
            precondition(parent < index, "a planned child precedes its parent")
            switch sorted[index].role {
            case .response, .brandResponse: sorted[parent].replies += 1
            case .reshare: sorted[parent].reshares += 1
            case .quote: sorted[parent].quotes += 1
            case .root: break
            }
        }
        nodes = sorted
    }
}

/// A min-heap of threads keyed by the time of their next node. The heap holds small keys;
/// the plans sit in slots and are moved in and out, never copied.
struct ThreadQueue {
    private struct Key {
        let time: Int64
        let order: UInt64
        let slot: Int32
    }

    private var keys: [Key] = []
    private var plans: [ThreadPlan?] = []
    private var freeSlots: [Int32] = []

    var isEmpty: Bool { keys.isEmpty }
    var count: Int { keys.count }
    var nextTime: Int64? { keys.first?.time }

    mutating func push(_ plan: consuming ThreadPlan) {
        let time = plan.nodes[plan.next].time
        let order = plan.order
        let slot: Int32
        if let free = freeSlots.popLast() {
            slot = free
            plans[Int(slot)] = plan
        } else {
            slot = Int32(plans.count)
            plans.append(plan)
        }
        keys.append(Key(time: time, order: order, slot: slot))
        var child = keys.count - 1
        while child > 0 {
            let parent = (child - 1) / 2
            guard less(child, parent) else { break }
            keys.swapAt(child, parent)
            child = parent
        }
    }

    mutating func pop() -> ThreadPlan? {
        guard let top = keys.first else { return nil }
        let last = keys.removeLast()
        if !keys.isEmpty {
            keys[0] = last
            var parent = 0
            while true {
                let left = 2 * parent + 1
                let right = left + 1
                var smallest = parent
                if left < keys.count && less(left, smallest) { smallest = left }
                if right < keys.count && less(right, smallest) { smallest = right }
                if smallest == parent { break }
                keys.swapAt(parent, smallest)
                parent = smallest
            }
        }
        freeSlots.append(top.slot)
        return plans[Int(top.slot)].take()
    }

    private func less(_ a: Int, _ b: Int) -> Bool {
        keys[a].time != keys[b].time ? keys[a].time < keys[b].time : keys[a].order < keys[b].order
    }
}
