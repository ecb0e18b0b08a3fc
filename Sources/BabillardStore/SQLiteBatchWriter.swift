import BabillardCore
import GRDB

/// Writes one batch of ingest records inside an open write transaction.
///
/// Work per batch: one insert per new row, tried first (`ON CONFLICT DO NOTHING`), and a read
/// back only for what is already stored (a re-import, an edit, new counts); actors this process
/// already resolved come from `actorCache` without a query; then one statement indexes every
/// new row for full-text search (during a bulk load, its end does, for every item at once).
/// New rows get consecutive ids because only this writer inserts.
struct SQLiteBatchWriter {
    let db: Database
    let workspaceID: Int64
    let now: Int64
    /// Actors resolved by earlier batches.
    let actorCache: ActorIDCache
    /// Where the actors resolved by this batch are noted, for the cache once it commits.
    let learned: ActorIDCache.Learned
    /// The bulk load the store is in, if any: the items' indexes are dropped, and this says
    /// which keys are stored.
    let bulkLoad: BulkLoad?
    /// Where the items inserted by this batch are noted, for the bulk load once it commits.
    let bulkPending: BulkLoad.Pending

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
        // Outside a bulk load the items' unique key must be there: it is what refuses a second
        // copy of an item. It is missing while another process bulk-loads this database, or
        // after one was killed; this batch builds the indexes first (holding the write lock).
        if bulkLoad == nil, try !SQLiteSchema.missingItemIndexes(db).isEmpty {
            try SQLiteSchema.completeBulkLoad(db)
        }
        var counts = ImportCounts()
        counts.read = records.count
        let actorIDs = try resolveActors(records, counts: &counts)
        try writeItems(records, actorIDs: actorIDs, counts: &counts)
        // Whether a reaction may have been deleted before it arrived: asked once per batch, as
        // for items, and true from the batch's first deletion on.
        var mayHaveTombstones: Bool?
        for record in records {
            switch record {
            case .reaction(let reaction):
                if mayHaveTombstones == nil { mayHaveTombstones = try workspaceHasTombstones() }
                try writeReaction(reaction, actorIDs: actorIDs, checkingTombstones: mayHaveTombstones!, counts: &counts)
            case .deletion(let deletion):
                try writeDeletion(deletion, counts: &counts)
                mayHaveTombstones = true
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
        var slots: [ItemKey: Int] = [:]
        var merged: [ActorIdentity] = []
        func note(_ identity: ActorIdentity?) {
            guard let identity, !identity.externalID.isEmpty else { return }
            let key = ItemKey(platform: identity.platform.rawValue, externalID: identity.externalID)
            if let slot = slots[key] {
                if identity.isBare { return }
                let known = merged[slot]
                merged[slot] = ActorIdentity(
                    platform: identity.platform, externalID: identity.externalID,
                    handle: identity.handle ?? known.handle, displayName: identity.displayName ?? known.displayName,
                    profileURL: identity.profileURL ?? known.profileURL, followers: identity.followers ?? known.followers,
                    following: identity.following ?? known.following, isBot: identity.isBot || known.isBot
                )
            } else {
                slots[key] = merged.count
                merged.append(identity)
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
        guard !merged.isEmpty else { return [:] }

        // Known to this process (earlier batches): no query. Otherwise insert first, and read
        // back only an actor already stored.
        let insert = try RawStatement(db, sql: """
            INSERT INTO actors (workspace_id, platform, external_id, handle, display_name, profile_url,
                                followers, following, is_bot, profile_hash, first_seen_at, updated_at)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            ON CONFLICT (workspace_id, platform, external_id) DO NOTHING
            """)
        let lookup = try RawStatement(db, sql: """
            SELECT id, profile_hash FROM actors WHERE workspace_id = ? AND platform = ? AND external_id = ?
            """)
        let update = try RawStatement(db, sql: """
            UPDATE actors SET handle = COALESCE(?, handle), display_name = COALESCE(?, display_name),
                profile_url = COALESCE(?, profile_url), followers = COALESCE(?, followers),
                following = COALESCE(?, following), is_bot = MAX(is_bot, ?), profile_hash = ?, updated_at = ?
            WHERE id = ?
            """)
        var outcomes: [Outcome] = []
        outcomes.reserveCapacity(merged.count)
        var ids: [ItemKey: Int64] = [:]
        ids.reserveCapacity(merged.count)
        for identity in merged {
            let platform = identity.platform.rawValue
            let externalID = identity.externalID
            let hash = identity.profileFingerprint
            func note(_ entry: ActorIDCache.Entry, _ outcome: Outcome) {
                ids[ItemKey(platform: platform, externalID: externalID)] = entry.id
                learned.append(workspaceID: workspaceID, platform: platform, externalID: externalID, entry: entry)
                outcomes.append(outcome)
            }
            let stored: ActorIDCache.Entry
            if let cached = actorCache.entry(workspaceID: workspaceID, platform: platform, externalID: externalID) {
                stored = cached
            } else {
                insert.bind(workspaceID)
                insert.bind(platform)
                insert.bind(externalID)
                bindProfile(of: identity, to: insert)
                insert.bind(hash)
                insert.bind(now)
                insert.bind(now)
                try insert.run()
                if db.changesCount > 0 {
                    note(.init(id: db.lastInsertedRowID, profileHash: hash), .imported)
                    continue
                }
                lookup.bind(workspaceID)
                lookup.bind(platform)
                lookup.bind(externalID)
                guard let found = try lookup.first({ ActorIDCache.Entry(id: $0.int64(0) ?? 0, profileHash: $0.int64(1) ?? 0) }) else {
                    throw DatabaseError(message: "actor \(externalID) was neither inserted nor found")
                }
                stored = found
            }
            if identity.isBare || stored.profileHash == hash {
                note(stored, .duplicate)
                continue
            }
            bindProfile(of: identity, to: update)
            update.bind(hash)
            update.bind(now)
            update.bind(stored.id)
            try update.run()
            note(.init(id: stored.id, profileHash: hash), .updated)
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
                counts.add(slots[key].map { outcomes[$0] } ?? .duplicate)
            } else {
                counts.duplicates += 1
            }
        }
        return ids
    }

    // MARK: Items

    private func writeItems(_ records: [IngestRecord], actorIDs: [ItemKey: Int64], counts: inout ImportCounts) throws {
        guard records.contains(where: { if case .item = $0 { return true } else { return false } }) else { return }
        let tombstones = try tombstones(for: records)

        // Insert first: a new item (the common case) costs one statement, and only an item
        // already stored (a re-import, an edit, new counts) is read back and compared.
        let insert = try RawStatement(db, sql: """
            INSERT INTO items (workspace_id, platform, external_id, kind, parent_external_id, root_external_id,
                reshare_of_external_id, actor_id, created_at, created_offset, edited_at, title, body, url, language,
                rating, rating_scale, place_name, place_external_id, latitude, longitude, place_address, status,
                tags, channel, likes, reshares, replies, quotes, counts_observed_at, content_hash, imported_at,
                updated_at, deleted_at)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            ON CONFLICT DO NOTHING
            """)
        let observe = try RawStatement(db, sql: """
            INSERT INTO engagement_observations (workspace_id, item_id, observed_at, likes, reshares, replies, quotes)
            VALUES (?, ?, ?, ?, ?, ?, ?)
            """)
        let lookup = try RawStatement(db, sql: """
            SELECT id, content_hash, likes, reshares, replies, quotes FROM items
            WHERE workspace_id = ? AND platform = ? AND external_id = ?
            """)
        let lookupByID = try RawStatement(db, sql: """
            SELECT id, content_hash, likes, reshares, replies, quotes FROM items WHERE id = ?
            """)
        var firstNewID: Int64?
        var lastNewID: Int64 = 0

        for case .item(let item) in records {
            guard !item.externalID.isEmpty else {
                counts.rejected += 1
                continue
            }
            let platform = item.platform.rawValue
            let actorID = item.author.flatMap { actorIDs[ItemKey(platform: $0.platform.rawValue, externalID: $0.externalID)] }
            let hash = item.contentFingerprint
            let engagement = item.engagement
            let observedAt = engagement?.observedAt?.epochMilliseconds ?? now
            let deletedAt = tombstones.isEmpty ? nil : tombstones[ItemKey(platform: platform, externalID: item.externalID)]
            let status = deletedAt == nil ? item.status : .deleted

            // In a bulk load there is no unique index to refuse a second copy: the load's own
            // map says whether this key is stored already.
            var bulkKey: (hash: Int64, taken: Bool)?
            var storedID: Int64?
            if let bulk = bulkLoad {
                let found = try bulkLookup(bulk, platform: platform, externalID: item.externalID)
                bulkKey = (found.hash, found.hashTaken)
                storedID = found.id
            }

            if storedID == nil {
                bindNewItem(
                    item, to: insert, platform: platform, actorID: actorID, hash: hash, observedAt: observedAt,
                    status: status, deletedAt: deletedAt
                )
                try insert.run()

                if db.changesCount > 0 {
                    let id = db.lastInsertedRowID
                    if firstNewID == nil { firstNewID = id }
                    lastNewID = id
                    if let bulk = bulkLoad, let bulkKey {
                        bulk.note(
                            id, hash: bulkKey.hash,
                            key: BulkLoad.fullKey(workspaceID: workspaceID, platform: platform, externalID: item.externalID),
                            hashTaken: bulkKey.taken, in: bulkPending
                        )
                    }
                    if let engagement, !engagement.isEmpty {
                        try record(engagement, of: id, at: observedAt, with: observe)
                    }
                    counts.imported += 1
                    continue
                }
            }

            // Already stored (earlier, or earlier in this batch: same transaction).
            let read: RawStatement
            if let storedID {
                read = lookupByID
                read.bind(storedID)
            } else {
                read = lookup
                read.bind(workspaceID)
                read.bind(platform)
                read.bind(item.externalID)
            }
            guard let stored = try read.first({ row in
                StoredState(
                    id: row.int64(0) ?? 0, contentHash: row.int64(1) ?? 0, likes: row.int64(2), reshares: row.int64(3),
                    replies: row.int64(4), quotes: row.int64(5)
                )
            }) else {
                throw DatabaseError(message: "item \(item.externalID) was neither inserted nor found")
            }
            var changed = false
            if stored.contentHash != hash {
                // A row inserted earlier in this batch is not in the full-text index yet: the
                // closing insert indexes its final text. Nothing is while a bulk load runs: its
                // end indexes every item at once.
                let indexed = bulkLoad == nil && stored.id < (firstNewID ?? .max)
                try updateContent(of: stored.id, to: item, actorID: actorID, hash: hash, indexed: indexed)
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
                try record(engagement, of: stored.id, at: observedAt, with: observe)
                changed = true
            }
            if changed { counts.updated += 1 } else { counts.duplicates += 1 }
        }

        if let firstNewID, bulkLoad == nil {
            try db.execute(
                sql: "INSERT INTO items_fts (rowid, title, body) SELECT id, title, body FROM items WHERE id BETWEEN ? AND ?",
                arguments: [firstNewID, lastNewID]
            )
        }
    }

    /// Deletions that arrived before the items of this batch they delete. Most workspaces have
    /// none, and then one query answers for the whole batch.
    private func tombstones(for records: [IngestRecord]) throws -> [ItemKey: Int64] {
        guard try workspaceHasTombstones() else { return [:] }
        var keys: Set<ItemKey> = []
        for case .item(let item) in records where !item.externalID.isEmpty {
            keys.insert(ItemKey(platform: item.platform.rawValue, externalID: item.externalID))
        }
        var tombstones: [ItemKey: Int64] = [:]
        for (platform, group) in Dictionary(grouping: keys, by: \.platform) {
            for chunk in Array(group).chunked(by: 500) {
                var arguments: StatementArguments = [workspaceID, platform]
                for key in chunk { arguments += [key.externalID] }
                let rows = try Row.fetchCursor(
                    db,
                    sql: "SELECT external_id, deleted_at FROM tombstones WHERE workspace_id = ? AND platform = ? AND external_id IN (\(databaseQuestionMarks(count: chunk.count)))",
                    arguments: arguments
                )
                while let row = try rows.next() {
                    tombstones[ItemKey(platform: platform, externalID: row[0])] = row[1]
                }
            }
        }
        return tombstones
    }

    private func workspaceHasTombstones() throws -> Bool {
        try Bool.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM tombstones WHERE workspace_id = ?)", arguments: [workspaceID]) ?? false
    }

    private func bindNewItem(
        _ item: RawItem, to insert: RawStatement, platform: String, actorID: Int64?, hash: Int64, observedAt: Int64,
        status: ItemStatus, deletedAt: Int64?
    ) {
        let engagement = item.engagement
        insert.bind(workspaceID)
        insert.bind(platform)
        insert.bind(item.externalID)
        insert.bind(item.kind.rawValue)
        insert.bind(item.parentExternalID)
        insert.bind(item.rootExternalID)
        insert.bind(item.reshareOfExternalID)
        insert.bind(actorID)
        insert.bind(item.createdAt?.epochMilliseconds)
        insert.bind(item.createdAt?.utcOffsetMinutes)
        insert.bind(item.editedAt?.epochMilliseconds)
        insert.bind(item.title)
        insert.bind(item.text)
        insert.bind(item.url)
        insert.bind(item.language)
        insert.bind(item.rating)
        insert.bind(item.ratingScale)
        insert.bind(item.place?.name)
        insert.bind(item.place?.externalID)
        insert.bind(item.place?.latitude)
        insert.bind(item.place?.longitude)
        insert.bind(item.place?.address)
        insert.bind(status.rawValue)
        insert.bind(TagList.encode(item.tags))
        insert.bind(item.channel)
        insert.bind(engagement?.likes)
        insert.bind(engagement?.reshares)
        insert.bind(engagement?.replies)
        insert.bind(engagement?.quotes)
        insert.bind(engagement.map { _ in observedAt })
        insert.bind(hash)
        insert.bind(now)
        insert.bind(now)
        insert.bind(deletedAt)
    }

    /// One observation of an item's counts, kept in `engagement_observations`.
    private func record(_ engagement: EngagementCounts, of itemID: Int64, at observedAt: Int64, with observe: RawStatement) throws {
        observe.bind(workspaceID)
        observe.bind(itemID)
        observe.bind(observedAt)
        observe.bind(engagement.likes)
        observe.bind(engagement.reshares)
        observe.bind(engagement.replies)
        observe.bind(engagement.quotes)
        try observe.run()
    }

    /// The profile facts an actor row holds, in the order both actor statements take them.
    private func bindProfile(of identity: ActorIdentity, to statement: RawStatement) {
        statement.bind(identity.handle)
        statement.bind(identity.displayName)
        statement.bind(identity.profileURL)
        statement.bind(identity.followers)
        statement.bind(identity.following)
        statement.bind(Int64(identity.isBot ? 1 : 0))
    }

    /// The row a bulk load stored under this key, if any, and the key's hash (with whether
    /// another key already has it).
    private func bulkLookup(_ bulk: BulkLoad, platform: String, externalID: String) throws -> (id: Int64?, hash: Int64, hashTaken: Bool) {
        let hash = bulk.hash(workspaceID, platform, externalID)
        guard let candidate = bulk.candidate(hash, pending: bulkPending) else { return (nil, hash, false) }
        let sameKey = try db.cachedStatement(sql: "SELECT workspace_id = ? AND platform = ? AND external_id = ? FROM items WHERE id = ?")
        if try Bool.fetchOne(sameKey, arguments: [workspaceID, platform, externalID, candidate]) == true {
            return (candidate, hash, false)
        }
        let key = BulkLoad.fullKey(workspaceID: workspaceID, platform: platform, externalID: externalID)
        return (bulk.collidedRow(key, pending: bulkPending), hash, true)
    }

    /// The id of a stored item, from the bulk load's map while one runs (there is no index on
    /// the key then), otherwise from the key's index.
    private func storedItemID(platform: String, externalID: String) throws -> Int64? {
        if let bulkLoad {
            return try bulkLookup(bulkLoad, platform: platform, externalID: externalID).id
        }
        let byKey = try db.cachedStatement(sql: "SELECT id FROM items WHERE workspace_id = ? AND platform = ? AND external_id = ?")
        return try Int64.fetchOne(byKey, arguments: [workspaceID, platform, externalID])
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
    private func updateContent(of id: Int64, to item: RawItem, actorID: Int64?, hash: Int64, indexed: Bool) throws {
        if indexed, let old = try Row.fetchOne(db, sql: "SELECT title, body FROM items WHERE id = ?", arguments: [id]) {
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
        guard indexed else { return }
        try db.execute(
            sql: "INSERT INTO items_fts (rowid, title, body) VALUES (?, ?, ?)",
            arguments: [id, item.title, item.text]
        )
    }

    // MARK: Reactions and deletions

    private func writeReaction(
        _ reaction: Reaction, actorIDs: [ItemKey: Int64], checkingTombstones: Bool, counts: inout ImportCounts
    ) throws {
        guard !reaction.externalID.isEmpty, !reaction.targetExternalID.isEmpty else {
            counts.rejected += 1
            return
        }
        let actorID = reaction.actor.flatMap { actorIDs[ItemKey(platform: $0.platform.rawValue, externalID: $0.externalID)] }
        let tombstone = checkingTombstones ? try Int64.fetchOne(
            db,
            sql: "SELECT deleted_at FROM tombstones WHERE workspace_id = ? AND platform = ? AND external_id = ?",
            arguments: [workspaceID, reaction.platform.rawValue, reaction.externalID]
        ) : nil
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
        let itemID = try storedItemID(platform: deletion.platform.rawValue, externalID: deletion.externalID)
        if let itemID {
            try db.execute(
                sql: "UPDATE items SET deleted_at = ?, status = 'deleted', updated_at = ? WHERE id = ? AND deleted_at IS NULL",
                arguments: [at, now, itemID]
            )
            if db.changesCount > 0 {
                // The item leaves the overview's sums of its day at the next roll-up refresh.
                try db.execute(
                    sql: """
                        INSERT INTO rollup_dirty_days (workspace_id, day)
                        SELECT workspace_id, created_at / 86400000 FROM items WHERE id = ? AND created_at IS NOT NULL
                        ON CONFLICT DO NOTHING
                        """,
                    arguments: [itemID])
                return counts.add(.updated)
            }
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
        let alreadyDeleted = try itemID != nil || Bool.fetchOne(
            db,
            sql: "SELECT EXISTS (SELECT 1 FROM reactions WHERE workspace_id = ? AND platform = ? AND external_id = ?)",
            arguments: [workspaceID, deletion.platform.rawValue, deletion.externalID]
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
