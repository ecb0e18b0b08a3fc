import BabillardCore
import GRDB

/// Writes one batch of ingest records inside an open write transaction.
///
/// Work per batch: one lookup per platform for the actors and one for the items already
/// stored, then one prepared statement per new row, and one statement that indexes every new
/// row for full-text search. New rows get consecutive ids because only this writer inserts.
struct SQLiteBatchWriter {
    let db: Database
    let workspaceID: Int64
    let now: Int64

    private struct ItemKey: Hashable {
        var platform: String
        var externalID: String
    }

    private struct StoredState {
        var id: Int64
        var contentHash: Int64
        var likes: Int64?
        var reshares: Int64?
        var replies: Int64?
        var quotes: Int64?
    }

    func write(_ records: [IngestRecord]) throws -> ImportCounts {
        var counts = ImportCounts()
        counts.read = records.count
        let actorIDs = try resolveActors(records, counts: &counts)
        try writeItems(records, actorIDs: actorIDs, counts: &counts)
        for record in records {
            switch record {
            case .reaction(let reaction):
                try writeReaction(reaction, actorIDs: actorIDs, counts: &counts)
            case .deletion(let deletion):
                try writeDeletion(deletion, counts: &counts)
            case .rejected:
                counts.rejected += 1
            case .item, .actor:
                break
            }
        }
        return counts
    }

    // MARK: Actors

    private func resolveActors(_ records: [IngestRecord], counts: inout ImportCounts) throws -> [ItemKey: Int64] {
        // The fullest identity of each actor seen in the batch, in order of first appearance.
        var identities: [ItemKey: ActorIdentity] = [:]
        var order: [ItemKey] = []
        func note(_ identity: ActorIdentity?) {
            guard let identity, !identity.externalID.isEmpty else { return }
            let key = ItemKey(platform: identity.platform.rawValue, externalID: identity.externalID)
            if let known = identities[key] {
                if identity.isBare { return }
                identities[key] = ActorIdentity(
                    platform: identity.platform, externalID: identity.externalID,
                    handle: identity.handle ?? known.handle, displayName: identity.displayName ?? known.displayName,
                    profileURL: identity.profileURL ?? known.profileURL, followers: identity.followers ?? known.followers,
                    following: identity.following ?? known.following, isBot: identity.isBot || known.isBot
                )
            } else {
                identities[key] = identity
                order.append(key)
            }
        }
        for record in records {
            switch record {
            case .item(let item): note(item.author)
            case .reaction(let reaction): note(reaction.actor)
            case .actor(let actor): note(actor)
            default: break
            }
        }
        guard !order.isEmpty else { return [:] }

        var existing: [ItemKey: (id: Int64, hash: Int64)] = [:]
        for (platform, keys) in Dictionary(grouping: order, by: \.platform) {
            for chunk in keys.chunked(by: 500) {
                let placeholders = databaseQuestionMarks(count: chunk.count)
                var arguments: StatementArguments = [workspaceID, platform]
                for key in chunk { arguments += [key.externalID] }
                let rows = try Row.fetchCursor(
                    db,
                    sql: "SELECT id, external_id, profile_hash FROM actors WHERE workspace_id = ? AND platform = ? AND external_id IN (\(placeholders))",
                    arguments: arguments
                )
                while let row = try rows.next() {
                    existing[ItemKey(platform: platform, externalID: row[1])] = (row[0], row[2])
                }
            }
        }

        let insert = try db.cachedStatement(sql: """
            INSERT INTO actors (workspace_id, platform, external_id, handle, display_name, profile_url,
                                followers, following, is_bot, profile_hash, first_seen_at, updated_at)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """)
        let update = try db.cachedStatement(sql: """
            UPDATE actors SET handle = COALESCE(?, handle), display_name = COALESCE(?, display_name),
                profile_url = COALESCE(?, profile_url), followers = COALESCE(?, followers),
                following = COALESCE(?, following), is_bot = MAX(is_bot, ?), profile_hash = ?, updated_at = ?
            WHERE id = ?
            """)
        var actorRecordOutcome: [ItemKey: Outcome] = [:]
        var ids: [ItemKey: Int64] = [:]
        for key in order {
            let identity = identities[key]!
            let hash = identity.profileFingerprint
            if let stored = existing[key] {
                ids[key] = stored.id
                if identity.isBare || stored.hash == hash {
                    actorRecordOutcome[key] = .duplicate
                } else {
                    try update.execute(arguments: [
                        identity.handle, identity.displayName, identity.profileURL, identity.followers,
                        identity.following, identity.isBot ? 1 : 0, hash, now, stored.id,
                    ])
                    actorRecordOutcome[key] = .updated
                }
            } else {
                try insert.execute(arguments: [
                    workspaceID, key.platform, key.externalID, identity.handle, identity.displayName,
                    identity.profileURL, identity.followers, identity.following, identity.isBot ? 1 : 0,
                    hash, now, now,
                ])
                ids[key] = db.lastInsertedRowID
                actorRecordOutcome[key] = .imported
            }
        }
        // Actor-only records count like items: new, changed or already known.
        var counted: Set<ItemKey> = []
        for case .actor(let actor) in records {
            let key = ItemKey(platform: actor.platform.rawValue, externalID: actor.externalID)
            if actor.externalID.isEmpty {
                counts.rejected += 1
                continue
            }
            if counted.insert(key).inserted {
                counts.add(actorRecordOutcome[key] ?? .duplicate)
            } else {
                counts.duplicates += 1
            }
        }
        return ids
    }

    // MARK: Items

    private func writeItems(_ records: [IngestRecord], actorIDs: [ItemKey: Int64], counts: inout ImportCounts) throws {
        var keys: [ItemKey] = []
        for case .item(let item) in records {
            keys.append(ItemKey(platform: item.platform.rawValue, externalID: item.externalID))
        }
        guard !keys.isEmpty else { return }

        var state: [ItemKey: StoredState] = [:]
        var tombstones: [ItemKey: Int64] = [:]
        for (platform, group) in Dictionary(grouping: Set(keys), by: \.platform) {
            for chunk in Array(group).chunked(by: 500) {
                let placeholders = databaseQuestionMarks(count: chunk.count)
                var arguments: StatementArguments = [workspaceID, platform]
                for key in chunk { arguments += [key.externalID] }
                let rows = try Row.fetchCursor(
                    db,
                    sql: """
                        SELECT id, external_id, content_hash, likes, reshares, replies, quotes FROM items
                        WHERE workspace_id = ? AND platform = ? AND external_id IN (\(placeholders))
                        """,
                    arguments: arguments
                )
                while let row = try rows.next() {
                    state[ItemKey(platform: platform, externalID: row[1])] = StoredState(
                        id: row[0], contentHash: row[2], likes: row[3], reshares: row[4], replies: row[5], quotes: row[6]
                    )
                }
                let deleted = try Row.fetchCursor(
                    db,
                    sql: "SELECT external_id, deleted_at FROM tombstones WHERE workspace_id = ? AND platform = ? AND external_id IN (\(placeholders))",
                    arguments: arguments
                )
                while let row = try deleted.next() {
                    tombstones[ItemKey(platform: platform, externalID: row[0])] = row[1]
                }
            }
        }

        let insert = try db.cachedStatement(sql: """
            INSERT INTO items (workspace_id, platform, external_id, kind, parent_external_id, root_external_id,
                reshare_of_external_id, actor_id, created_at, created_offset, edited_at, title, body, url, language,
                rating, rating_scale, place_name, place_external_id, latitude, longitude, place_address, status,
                tags, channel, likes, reshares, replies, quotes, counts_observed_at, content_hash, imported_at,
                updated_at, deleted_at)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """)
        let observe = try db.cachedStatement(sql: """
            INSERT INTO engagement_observations (workspace_id, item_id, observed_at, likes, reshares, replies, quotes)
            VALUES (?, ?, ?, ?, ?, ?, ?)
            """)
        var firstNewID: Int64?
        var lastNewID: Int64 = 0

        for case .item(let item) in records {
            let key = ItemKey(platform: item.platform.rawValue, externalID: item.externalID)
            guard !item.externalID.isEmpty else {
                counts.rejected += 1
                continue
            }
            let actorID = item.author.flatMap { actorIDs[ItemKey(platform: $0.platform.rawValue, externalID: $0.externalID)] }
            let hash = item.contentFingerprint
            let engagement = item.engagement
            let observedAt = engagement?.observedAt?.epochMilliseconds ?? now

            guard var stored = state[key] else {
                let deletedAt = tombstones[key]
                let status = deletedAt == nil ? item.status : .deleted
                try insert.execute(arguments: [
                    workspaceID, key.platform, key.externalID, item.kind.rawValue, item.parentExternalID,
                    item.rootExternalID, item.reshareOfExternalID, actorID, item.createdAt?.epochMilliseconds,
                    item.createdAt?.utcOffsetMinutes, item.editedAt?.epochMilliseconds, item.title, item.text,
                    item.url, item.language, item.rating, item.ratingScale, item.place?.name, item.place?.externalID,
                    item.place?.latitude, item.place?.longitude, item.place?.address, status.rawValue,
                    TagList.encode(item.tags), item.channel, engagement?.likes, engagement?.reshares,
                    engagement?.replies, engagement?.quotes, engagement.map { _ in observedAt }, hash, now, now,
                    deletedAt,
                ])
                let id = db.lastInsertedRowID
                if firstNewID == nil { firstNewID = id }
                lastNewID = id
                if let engagement, !engagement.isEmpty {
                    try observe.execute(arguments: [
                        workspaceID, id, observedAt, engagement.likes, engagement.reshares, engagement.replies, engagement.quotes,
                    ])
                }
                state[key] = StoredState(
                    id: id, contentHash: hash, likes: engagement?.likes.map(Int64.init),
                    reshares: engagement?.reshares.map(Int64.init), replies: engagement?.replies.map(Int64.init),
                    quotes: engagement?.quotes.map(Int64.init)
                )
                counts.imported += 1
                continue
            }

            var changed = false
            if stored.contentHash != hash {
                try updateContent(of: stored.id, to: item, actorID: actorID, hash: hash)
                stored.contentHash = hash
                changed = true
            }
            if let engagement, !engagement.isEmpty, countsDiffer(engagement, stored) {
                try db.execute(
                    sql: """
                        UPDATE items SET likes = COALESCE(?, likes), reshares = COALESCE(?, reshares),
                            replies = COALESCE(?, replies), quotes = COALESCE(?, quotes), counts_observed_at = ?,
                            updated_at = ?
                        WHERE id = ?
                        """,
                    arguments: [engagement.likes, engagement.reshares, engagement.replies, engagement.quotes, observedAt, now, stored.id]
                )
                try observe.execute(arguments: [
                    workspaceID, stored.id, observedAt, engagement.likes, engagement.reshares, engagement.replies, engagement.quotes,
                ])
                stored.likes = engagement.likes.map(Int64.init) ?? stored.likes
                stored.reshares = engagement.reshares.map(Int64.init) ?? stored.reshares
                stored.replies = engagement.replies.map(Int64.init) ?? stored.replies
                stored.quotes = engagement.quotes.map(Int64.init) ?? stored.quotes
                changed = true
            }
            state[key] = stored
            if changed { counts.updated += 1 } else { counts.duplicates += 1 }
        }

        if let firstNewID {
            try db.execute(
                sql: "INSERT INTO items_fts (rowid, title, body) SELECT id, title, body FROM items WHERE id BETWEEN ? AND ?",
                arguments: [firstNewID, lastNewID]
            )
        }
    }

    private func countsDiffer(_ engagement: EngagementCounts, _ stored: StoredState) -> Bool {
        func differs(_ new: Int?, _ old: Int64?) -> Bool {
            guard let new else { return false }
            return Int64(new) != old
        }
        return differs(engagement.likes, stored.likes) || differs(engagement.reshares, stored.reshares)
            || differs(engagement.replies, stored.replies) || differs(engagement.quotes, stored.quotes)
    }

    /// Rewrites an edited item and its full-text entry (FTS5 external content needs the old
    /// text to remove it).
    private func updateContent(of id: Int64, to item: RawItem, actorID: Int64?, hash: Int64) throws {
        if let old = try Row.fetchOne(db, sql: "SELECT title, body FROM items WHERE id = ?", arguments: [id]) {
            try db.execute(
                sql: "INSERT INTO items_fts (items_fts, rowid, title, body) VALUES ('delete', ?, ?, ?)",
                arguments: [id, old[0] as String?, old[1] as String]
            )
        }
        try db.execute(
            sql: """
                UPDATE items SET kind = ?, parent_external_id = ?, root_external_id = ?, reshare_of_external_id = ?,
                    actor_id = COALESCE(?, actor_id), created_at = ?, created_offset = ?, edited_at = ?, title = ?,
                    body = ?, url = ?, language = ?, rating = ?, rating_scale = ?, place_name = ?,
                    place_external_id = ?, latitude = ?, longitude = ?, place_address = ?,
                    status = CASE WHEN deleted_at IS NULL THEN ? ELSE status END, tags = ?, channel = ?,
                    content_hash = ?, updated_at = ?
                WHERE id = ?
                """,
            arguments: [
                item.kind.rawValue, item.parentExternalID, item.rootExternalID, item.reshareOfExternalID, actorID,
                item.createdAt?.epochMilliseconds, item.createdAt?.utcOffsetMinutes, item.editedAt?.epochMilliseconds,
                item.title, item.text, item.url, item.language, item.rating, item.ratingScale, item.place?.name,
                item.place?.externalID, item.place?.latitude, item.place?.longitude, item.place?.address,
                item.status.rawValue, TagList.encode(item.tags), item.channel, hash, now, id,
            ]
        )
        try db.execute(
            sql: "INSERT INTO items_fts (rowid, title, body) VALUES (?, ?, ?)",
            arguments: [id, item.title, item.text]
        )
    }

    // MARK: Reactions and deletions

    private func writeReaction(_ reaction: Reaction, actorIDs: [ItemKey: Int64], counts: inout ImportCounts) throws {
        guard !reaction.externalID.isEmpty, !reaction.targetExternalID.isEmpty else {
            counts.rejected += 1
            return
        }
        let actorID = reaction.actor.flatMap { actorIDs[ItemKey(platform: $0.platform.rawValue, externalID: $0.externalID)] }
        let tombstone = try Int64.fetchOne(
            db,
            sql: "SELECT deleted_at FROM tombstones WHERE workspace_id = ? AND platform = ? AND external_id = ?",
            arguments: [workspaceID, reaction.platform.rawValue, reaction.externalID]
        )
        try db.execute(
            sql: """
                INSERT INTO reactions (workspace_id, platform, external_id, target_external_id, actor_id, created_at, deleted_at)
                VALUES (?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT (workspace_id, platform, external_id) DO NOTHING
                """,
            arguments: [
                workspaceID, reaction.platform.rawValue, reaction.externalID, reaction.targetExternalID, actorID,
                reaction.createdAt?.epochMilliseconds, tombstone,
            ]
        )
        counts.add(db.changesCount > 0 ? .imported : .duplicate)
    }

    private func writeDeletion(_ deletion: Deletion, counts: inout ImportCounts) throws {
        guard !deletion.externalID.isEmpty else {
            counts.rejected += 1
            return
        }
        let at = deletion.deletedAt?.epochMilliseconds ?? now
        let arguments: StatementArguments = [at, workspaceID, deletion.platform.rawValue, deletion.externalID]
        try db.execute(
            sql: """
                UPDATE items SET deleted_at = ?, status = 'deleted', updated_at = \(now)
                WHERE workspace_id = ? AND platform = ? AND external_id = ? AND deleted_at IS NULL
                """,
            arguments: arguments
        )
        if db.changesCount > 0 {
            // The item leaves the overview's sums of its day at the next roll-up refresh.
            try db.execute(
                sql: """
                    INSERT INTO rollup_dirty_days (workspace_id, day)
                    SELECT workspace_id, created_at / 86400000 FROM items
                    WHERE workspace_id = ? AND platform = ? AND external_id = ? AND created_at IS NOT NULL
                    ON CONFLICT DO NOTHING
                    """,
                arguments: [workspaceID, deletion.platform.rawValue, deletion.externalID])
            return counts.add(.updated)
        }
        try db.execute(
            sql: """
                UPDATE reactions SET deleted_at = ?
                WHERE workspace_id = ? AND platform = ? AND external_id = ? AND deleted_at IS NULL
                """,
            arguments: arguments
        )
        if db.changesCount > 0 { return counts.add(.updated) }
        try db.execute(
            sql: """
                INSERT INTO tombstones (deleted_at, workspace_id, platform, external_id) VALUES (?, ?, ?, ?)
                ON CONFLICT (workspace_id, platform, external_id) DO NOTHING
                """,
            arguments: arguments
        )
        let recordedTombstone = db.changesCount > 0
        // A new tombstone is a new fact; deleting what is already deleted changes nothing.
        let alreadyDeleted = try Bool.fetchOne(
            db,
            sql: """
                SELECT EXISTS (SELECT 1 FROM items WHERE workspace_id = ? AND platform = ? AND external_id = ?)
                    OR EXISTS (SELECT 1 FROM reactions WHERE workspace_id = ? AND platform = ? AND external_id = ?)
                """,
            arguments: [
                workspaceID, deletion.platform.rawValue, deletion.externalID,
                workspaceID, deletion.platform.rawValue, deletion.externalID,
            ]
        ) ?? false
        counts.add(recordedTombstone && !alreadyDeleted ? .imported : .duplicate)
    }
}

enum Outcome {
    case imported, updated, duplicate
}

extension ImportCounts {
    mutating func add(_ outcome: Outcome) {
        switch outcome {
        case .imported: imported += 1
        case .updated: updated += 1
        case .duplicate: duplicates += 1
        }
    }
}

extension Array {
    func chunked(by size: Int) -> [ArraySlice<Element>] {
        stride(from: 0, to: count, by: size).map { self[$0..<Swift.min($0 + size, count)] }
    }
}
