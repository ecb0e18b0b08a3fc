import BabillardCore
import Foundation
import GRDB

/// The reads behind the workbench's pages: mentions with filters, the overview, threads, authors.
extension SQLiteStore {
    /// Item columns (0–40), the author's row id (41), the analysis (42–53), then its analyzer
    /// version and the item's current content hash (54–55).
    static let mentionColumns = """
        \(itemColumns), i.actor_id, \(StoredAnalysisColumns.list)
        """
    /// How many columns `mentionColumns` has (a plain list): a query may select more after them.
    static let mentionColumnCount = mentionColumns.split(separator: ",").count
    static let mentionJoins = "LEFT JOIN actors a ON a.id = i.actor_id LEFT JOIN item_analyses ia ON ia.item_id = i.id"

    /// The latest sentiment label of an item, a person's correction first. `i` is the item.
    static let effectiveSentiment = """
        COALESCE((SELECT c.value FROM corrections c WHERE c.workspace_id = i.workspace_id AND c.item_id = i.id
                  AND c.field = 'sentiment' ORDER BY c.id DESC LIMIT 1), ia.sentiment_label)
        """

    /// Mentions from rows of `mentionColumns`, with corrections and watch-term matches of the page applied.
    static func mentions(from rows: [Row], workspaceID: Int64, db: Database) throws -> [Mention] {
        guard !rows.isEmpty else { return [] }
        let allIDs = rows.map { $0[0] as Int64 }
        var corrected: [Int64: [String: String]] = [:]
        var terms: [Int64: [Int64]] = [:]
        // At most 500 ids a statement (SQLite builds before 3.32 allow 999 variables); cached
        // statements, as a page runs these with the same number of ids every time.
        for start in stride(from: 0, to: allIDs.count, by: 500) {
            let ids = Array(allIDs[start..<min(start + 500, allIDs.count)])
            let placeholders = databaseQuestionMarks(count: ids.count)
            for row in try Row.fetchAll(
                db.cachedStatement(sql: "SELECT item_id, field, value FROM corrections WHERE workspace_id = ? AND item_id IN (\(placeholders)) ORDER BY id"),
                arguments: StatementArguments([workspaceID] + ids))
            {
                corrected[row[0], default: [:]][row[1]] = row[2]
            }
            for row in try Row.fetchAll(
                db.cachedStatement(sql: "SELECT item_id, watch_term_id FROM item_watch_matches WHERE item_id IN (\(placeholders)) ORDER BY watch_term_id"),
                arguments: StatementArguments(ids))
            {
                terms[row[0], default: []].append(row[1])
            }
        }
        return rows.map { row in
            let stored = storedItem(from: row)
            let corrections = corrected[stored.id] ?? [:]
            let analysis = StoredAnalysisColumns.analysis(
                from: row, at: 42, watchTermIDs: terms[stored.id] ?? [],
                sentimentCorrection: corrections["sentiment"], intentsCorrection: corrections["intents"])
            return Mention(stored: stored, actorID: row[41], analysis: analysis)
        }
    }

    /// A page of the workspace's items matching `query`.
    public func mentions(_ query: MentionQuery, in workspace: Workspace) async throws -> MentionPage {
        let workspaceID = workspace.id
        var conditions = ["i.workspace_id = ?", "i.deleted_at IS NULL"]
        var arguments: StatementArguments = [workspaceID]
        var from = "items i"
        var sort = query.sort
        let text = query.text.trimmingCharacters(in: .whitespacesAndNewlines)
        var walkTimeIndex = false
        if !text.isEmpty {
            let match = try FullTextQuery.fts5Expression(for: text)
            if sort == .newest { walkTimeIndex = try await fullTextMatchesMore(than: Self.timeWalkThreshold, match: match) }
            // Not while a bulk load (in this process or another) has the items' indexes dropped.
            if walkTimeIndex { walkTimeIndex = try await reading("reading the schema") { try SQLiteSchema.missingItemIndexes($0).isEmpty } }
            if walkTimeIndex {
                // Many matches: walk the workspace's items newest first and keep those in the set of
                // matches (read from the full-text index alone), instead of reading every match's row
                // to sort them by date. 23,700 matches in 1M items: 8 ms instead of 95.
                from = "items i INDEXED BY items_by_time"
                conditions.append("i.id IN (SELECT rowid FROM items_fts WHERE items_fts MATCH ?)")
                arguments += [match]
            } else {
                from = "items_fts f JOIN items i ON i.id = f.rowid"
                conditions.insert("items_fts MATCH ?", at: 0)
                arguments = [match, workspaceID]
            }
        } else if sort == .relevance {
            sort = .newest
        }
        if let platform = query.platform {
            conditions.append("i.platform = ?")
            arguments += [platform.rawValue]
        }
        if let channel = query.channel {
            conditions.append("i.channel = ?")
            arguments += [channel]
        }
        if let language = query.language {
            conditions.append("ia.language = ?")
            arguments += [language]
        }
        if let sentiment = query.sentiment {
            conditions.append("\(Self.effectiveSentiment) = ?")
            arguments += [sentiment]
        }
        if let intent = query.intent {
            conditions.append("EXISTS (SELECT 1 FROM item_intents n WHERE n.item_id = i.id AND n.intent = ?)")
            arguments += [intent]
        }
        if let term = query.watchTermID {
            conditions.append("EXISTS (SELECT 1 FROM item_watch_matches m WHERE m.item_id = i.id AND m.watch_term_id = ?)")
            arguments += [term]
        }
        if let actor = query.actorID {
            conditions.append("i.actor_id = ?")
            arguments += [actor]
        }
        if let start = query.from {
            conditions.append("i.created_at >= ?")
            arguments += [start]
        }
        if let end = query.until {
            conditions.append("i.created_at < ?")
            arguments += [end]
        }
        let order = switch sort {
        case .newest: "i.created_at DESC, i.id DESC"
        case .oldest: "i.created_at, i.id"
        case .engagement: "COALESCE(i.likes, 0) + COALESCE(i.reshares, 0) + COALESCE(i.replies, 0) DESC, i.id DESC"
        case .negative: "ia.sentiment_score, i.id DESC"
        case .positive: "ia.sentiment_score DESC, i.id DESC"
        case .relevance: "f.rank"
        }
        let limit = max(1, min(query.limit, 500))
        arguments += [limit + 1, max(0, query.offset)]
        let sql = """
            SELECT \(Self.mentionColumns) FROM \(from) \(Self.mentionJoins)
            WHERE \(conditions.joined(separator: " AND ")) ORDER BY \(order) LIMIT ? OFFSET ?
            """
        let frozen = arguments
        return try await reading("listing mentions") { db in
            var rows = try Row.fetchAll(db.cachedStatement(sql: sql), arguments: frozen)
            let hasMore = rows.count > limit
            if hasMore { rows.removeLast() }
            return MentionPage(mentions: try Self.mentions(from: rows, workspaceID: workspaceID, db: db), hasMore: hasMore)
        }
    }

    /// Above this many matches, a search listed newest first walks the time index (see `mentions`);
    /// below it, reading the matches' rows and sorting them is cheaper than walking.
    static let timeWalkThreshold = 2_000

    /// Whether a full-text expression matches more than `count` items (all workspaces: a
    /// heuristic), reading at most `count + 1` entries of the index.
    func fullTextMatchesMore(than count: Int, match: String) async throws -> Bool {
        try await reading("counting search matches") { db in
            try Int.fetchOne(
                db, sql: "SELECT COUNT(*) FROM (SELECT rowid FROM items_fts WHERE items_fts MATCH ? LIMIT ?)", arguments: [match, count + 1]) ?? 0
        } > count
    }

    /// One item of the workspace with its analysis, or nil (another workspace's item is nil too).
    public func mention(itemID: Int64, in workspace: Workspace) async throws -> Mention? {
        let workspaceID = workspace.id
        return try await reading("reading an item") { db in
            let rows = try Row.fetchAll(
                db, sql: "SELECT \(Self.mentionColumns) FROM items i \(Self.mentionJoins) WHERE i.id = ? AND i.workspace_id = ? AND i.deleted_at IS NULL",
                arguments: [itemID, workspaceID])
            return try Self.mentions(from: rows, workspaceID: workspaceID, db: db).first
        }
    }

    // MARK: Overview

    /// Volumes, sentiment, share of voice, sources and authors (the community's: the workspace's
    /// own accounts are left out) of the UTC days from `from` to before `until`, summed from the
    /// daily roll-ups (see `refreshDailyRollups`): a few hundred rows whatever the workspace's size.
    public func overview(of workspace: Workspace, from: Int64, until: Int64, now: Timestamp) async throws -> WorkspaceOverview {
        let workspaceID = workspace.id
        let terms = try await watchTermDefinitions(in: workspace)
        let settings = try await settings(of: workspace)
        let firstDay = from / Self.day, endDay = (until + Self.day - 1) / Self.day
        let memo = authorRankingMemo
        return try await reading("summarising the workspace") { db in
            func rows(_ dimension: String) throws -> [Row] {
                try Row.fetchAll(
                    db, sql: "SELECT day, key, items FROM daily_rollups WHERE workspace_id = ? AND dimension = ? AND day >= ? AND day < ?",
                    arguments: [workspaceID, dimension, firstDay, endDay])
            }
            func totals(_ dimension: String, limit: Int? = nil) throws -> [(key: String, items: Int)] {
                try Row.fetchAll(
                    db,
                    sql: """
                        SELECT key, SUM(items) FROM daily_rollups WHERE workspace_id = ? AND dimension = ? AND day >= ? AND day < ?
                        GROUP BY key ORDER BY 2 DESC, key\(limit.map { " LIMIT \($0)" } ?? "")
                        """,
                    arguments: [workspaceID, dimension, firstDay, endDay]
                ).map { ($0[0], $0[1]) }
            }
            var days: [Int64: DailyVolume] = [:]
            for row in try rows("platform") {
                let day: Int64 = row[0]
                days[day, default: DailyVolume(day: day, byPlatform: [:], positive: 0, neutral: 0, negative: 0)].byPlatform[Platform(row[1] as String)] = row[2]
            }
            for row in try rows("sentiment") {
                let day: Int64 = row[0]
                let count: Int = row[2]
                switch row[1] as String {
                case "positive": days[day]?.positive += count
                case "negative": days[day]?.negative += count
                default: days[day]?.neutral += count
                }
            }
            var termCounts: [Int64: Int] = [:]
            for (key, items) in try totals("term") { if let id = Int64(key) { termCounts[id] = items } }
            let sources = try totals("source", limit: 8).map { entry -> SourceVolume in
                let parts = entry.key.split(separator: "\t", maxSplits: 1, omittingEmptySubsequences: false)
                let channel = parts.count > 1 && !parts[1].isEmpty ? String(parts[1]) : nil
                return SourceVolume(platform: Platform(String(parts.first ?? "")), channel: channel, items: entry.items)
            }
            let rankings = try Self.authorRankings(
                db, memo: memo, key: .init(workspaceID: workspaceID, firstDay: firstDay, endDay: endDay))
            return WorkspaceOverview(
                from: from, until: until, days: days.values.sorted { $0.day < $1.day },
                watchTerms: terms.map { WatchTermVolume(term: $0, items: termCounts[$0.id] ?? 0) },
                topSources: sources, mostActiveAuthors: rankings.mostActive, mostInfluentialAuthors: rankings.mostInfluential,
                inbox: try Self.backlog(db: db, workspaceID: workspaceID, settings: settings, now: now))
        }
    }

    /// The period's most active and most influential authors (eight of each), from the memo while
    /// the workspace's roll-ups are unchanged (see `AuthorRankingMemo`).
    static func authorRankings(_ db: Database, memo: AuthorRankingMemo, key: AuthorRankingMemo.Key) throws -> AuthorRankingMemo.Rankings {
        let version = try Int64.fetchOne(db, sql: "SELECT version FROM rollup_versions WHERE workspace_id = ?", arguments: [key.workspaceID]) ?? 0
        if let remembered = memo.rankings(for: key, version: version) { return remembered }
        let (workspaceID, firstDay, endDay) = (key.workspaceID, key.firstDay, key.endDay)
        let actorColumns = "a.id, a.platform, a.external_id, a.handle, a.display_name, a.profile_url, a.followers, a.following, a.is_bot"
        let active = try Row.fetchAll(
            db,
            sql: """
                SELECT \(actorColumns), t.items FROM (
                    SELECT CAST(key AS INTEGER) AS actor_id, SUM(items) AS items FROM daily_rollups
                    WHERE workspace_id = ? AND dimension = 'author' AND day >= ? AND day < ? GROUP BY key ORDER BY 2 DESC, 1 LIMIT 8
                ) t JOIN actors a ON a.id = t.actor_id ORDER BY t.items DESC, a.id
                """,
            arguments: [workspaceID, firstDay, endDay]
        ).map { AuthorActivity(actorID: $0[0], identity: Self.identity(from: $0, at: 1), items: $0[9]) }
        let influential = try Row.fetchAll(
            db,
            sql: """
                SELECT \(actorColumns), t.items FROM (
                    SELECT CAST(key AS INTEGER) AS actor_id, SUM(items) AS items FROM daily_rollups
                    WHERE workspace_id = ? AND dimension = 'author' AND day >= ? AND day < ? GROUP BY key
                ) t JOIN actors a ON a.id = t.actor_id ORDER BY COALESCE(a.followers, 0) DESC, t.items DESC, a.id LIMIT 8
                """,
            arguments: [workspaceID, firstDay, endDay]
        ).map { AuthorActivity(actorID: $0[0], identity: Self.identity(from: $0, at: 1), items: $0[9]) }
        let rankings = AuthorRankingMemo.Rankings(version: version, mostActive: active, mostInfluential: influential)
        memo.remember(rankings, for: key)
        return rankings
    }

    static func identity(from row: Row, at index: Int) -> ActorIdentity {
        ActorIdentity(
            platform: Platform(row[index] as String), externalID: row[index + 1], handle: row[index + 2], displayName: row[index + 3],
            profileURL: row[index + 4], followers: row[index + 5], following: row[index + 6], isBot: (row[index + 7] as Int?) == 1)
    }

    // MARK: Threads

    /// The whole conversation an item belongs to, root first, depth-first in time order.
    /// At most `limit` items (the earliest ones) for very large threads.
    public func thread(ofItem itemID: Int64, in workspace: Workspace, limit: Int = 2_000) async throws -> [ThreadEntry] {
        let workspaceID = workspace.id
        return try await reading("reading a thread") { db in
            func fetch(_ condition: String, _ arguments: StatementArguments) throws -> [Mention] {
                let rows = try Row.fetchAll(
                    db,
                    sql: "SELECT \(Self.mentionColumns) FROM items i \(Self.mentionJoins) WHERE i.workspace_id = ? AND i.deleted_at IS NULL AND \(condition)",
                    arguments: [workspaceID] + arguments)
                return try Self.mentions(from: rows, workspaceID: workspaceID, db: db)
            }
            guard var root = try fetch("i.id = ?", [itemID]).first else { return [] }
            // Walk up to the root: the declared root when stored, else parent by parent.
            var seen: Set<Int64> = [root.stored.id]
            for _ in 0..<200 {
                let item = root.stored.item
                guard let up = item.rootExternalID ?? item.parentExternalID,
                      let next = try fetch("i.platform = ? AND i.external_id = ?", [item.platform.rawValue, up]).first
                        ?? (item.rootExternalID != nil && item.parentExternalID != nil
                            ? try fetch("i.platform = ? AND i.external_id = ?", [item.platform.rawValue, item.parentExternalID!]).first : nil),
                      seen.insert(next.stored.id).inserted
                else { break }
                root = next
            }
            // Then down, level by level, through parents (readers that know the root set it too).
            let platform = root.stored.item.platform.rawValue
            var all: [Mention] = [root]
            var frontier = [root.stored.item.externalID]
            var known: Set<String> = [root.stored.item.externalID]
            while !frontier.isEmpty, all.count < limit {
                let children = try fetch(
                    "i.platform = ? AND i.parent_external_id IN (\(databaseQuestionMarks(count: frontier.count))) ORDER BY i.created_at, i.id LIMIT \(limit - all.count)",
                    StatementArguments([platform] + frontier))
                frontier = []
                for child in children where known.insert(child.stored.item.externalID).inserted {
                    all.append(child)
                    frontier.append(child.stored.item.externalID)
                }
            }
            // Items that name the root but whose parent is missing hang under the root.
            if all.count < limit {
                for orphan in try fetch(
                    "i.platform = ? AND i.root_external_id = ? ORDER BY i.created_at, i.id LIMIT \(limit - all.count)",
                    [platform, root.stored.item.externalID])
                where known.insert(orphan.stored.item.externalID).inserted {
                    all.append(orphan)
                }
            }
            return Self.depthFirst(all, rootID: root.stored.item.externalID)
        }
    }

    /// Orders a thread's items depth-first, siblings by time, with each item's depth.
    static func depthFirst(_ mentions: [Mention], rootID: String) -> [ThreadEntry] {
        var children: [String: [Int]] = [:]
        var indexByExternalID: [String: Int] = [:]
        for (index, mention) in mentions.enumerated() { indexByExternalID[mention.stored.item.externalID] = index }
        for (index, mention) in mentions.enumerated() where mention.stored.item.externalID != rootID {
            let parent = mention.stored.item.parentExternalID.flatMap { indexByExternalID[$0] != nil ? $0 : nil } ?? rootID
            children[parent, default: []].append(index)
        }
        func created(_ index: Int) -> Int64 { mentions[index].stored.item.createdAt?.epochMilliseconds ?? 0 }
        var result: [ThreadEntry] = []
        result.reserveCapacity(mentions.count)
        guard let rootIndex = indexByExternalID[rootID] else { return [] }
        var stack: [(index: Int, depth: Int)] = [(rootIndex, 0)]
        while let (index, depth) = stack.popLast() {
            let mention = mentions[index]
            let parentAuthor = depth == 0 ? nil : mention.stored.item.parentExternalID.flatMap { indexByExternalID[$0] }.flatMap { mentions[$0].stored.item.author }
            result.append(ThreadEntry(mention: mention, depth: depth, inReplyTo: parentAuthor ?? (depth == 0 ? nil : mentions[rootIndex].stored.item.author)))
            let kids = (children[mention.stored.item.externalID] ?? []).sorted { (created($0), $0) > (created($1), $1) }
            for kid in kids { stack.append((kid, depth + 1)) }
        }
        return result
    }

    // MARK: Authors

    /// One author of the workspace: identity, activity and how they feel; nil when unknown here.
    public func author(actorID: Int64, in workspace: Workspace) async throws -> AuthorProfile? {
        let workspaceID = workspace.id
        return try await reading("reading an author") { db in
            guard let actor = try Row.fetchOne(
                db,
                sql: "SELECT platform, external_id, handle, display_name, profile_url, followers, following, is_bot FROM actors WHERE id = ? AND workspace_id = ?",
                arguments: [actorID, workspaceID])
            else { return nil }
            let identity = Self.identity(from: actor, at: 0)
            let activity = try Row.fetchOne(
                db,
                sql: """
                    SELECT COUNT(*), MIN(created_at), MAX(created_at), COUNT(DISTINCT created_at / 604800000) FROM items
                    WHERE actor_id = ? AND workspace_id = ? AND deleted_at IS NULL
                    """,
                arguments: [actorID, workspaceID])!
            var labels: [String: Int] = [:]
            for row in try Row.fetchAll(
                db,
                sql: """
                    SELECT \(Self.effectiveSentiment), COUNT(*) FROM items i JOIN item_analyses ia ON ia.item_id = i.id
                    WHERE i.actor_id = ? AND i.workspace_id = ? AND i.deleted_at IS NULL AND (i.body <> '' OR COALESCE(i.title, '') <> '')
                    GROUP BY 1
                    """,
                arguments: [actorID, workspaceID])
            {
                labels[row[0]] = row[1]
            }
            // The same person elsewhere: another platform's account with the same display name or
            // the same user name before the instance (@alice@… and alice.bsky.social).
            var others: [AuthorActivity] = []
            let localName = identity.handle.map(Self.localName(ofHandle:)) ?? ""
            if identity.displayName != nil || !localName.isEmpty {
                for row in try Row.fetchAll(
                    db,
                    sql: """
                        SELECT a.id, a.platform, a.external_id, a.handle, a.display_name, a.profile_url, a.followers, a.following, a.is_bot,
                               (SELECT COUNT(*) FROM items i WHERE i.actor_id = a.id AND i.deleted_at IS NULL)
                        FROM actors a WHERE a.workspace_id = ? AND a.id <> ? AND a.platform <> ?
                          AND (lower(a.display_name) = lower(?) OR (? <> '' AND (lower(a.handle) = ? OR lower(a.handle) LIKE ? || '@%'
                               OR lower(a.handle) LIKE '@' || ? || '@%' OR lower(a.handle) LIKE ? || '.%')))
                        LIMIT 10
                        """,
                    arguments: [
                        workspaceID, actorID, identity.platform.rawValue, identity.displayName ?? "\u{0}", localName, localName, localName,
                        localName, localName,
                    ])
                {
                    others.append(AuthorActivity(actorID: row[0], identity: Self.identity(from: row, at: 1), items: row[9]))
                }
            }
            return AuthorProfile(
                actorID: actorID, identity: identity, otherIdentities: others, items: activity[0],
                firstSeen: (activity[1] as Int64?).map { Timestamp(epochMilliseconds: $0) },
                lastSeen: (activity[2] as Int64?).map { Timestamp(epochMilliseconds: $0) }, activeWeeks: activity[3],
                positive: labels["positive"] ?? 0, neutral: labels["neutral"] ?? 0, negative: labels["negative"] ?? 0)
        }
    }

    /// `@alice@mastodon.social` → `alice`; `alice.bsky.social` → `alice`; `u/alice` → `alice`.
    static func localName(ofHandle handle: String) -> String {
        var name = handle.lowercased()
        if name.hasPrefix("@") { name.removeFirst() }
        if name.hasPrefix("u/") { name.removeFirst(2) }
        if let at = name.firstIndex(of: "@") { name = String(name[..<at]) }
        if name.hasSuffix(".bsky.social") { name.removeLast(".bsky.social".count) }
        return name
    }
}
