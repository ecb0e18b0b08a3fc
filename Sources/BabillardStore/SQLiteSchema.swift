import GRDB

/// Numbered migrations of the SQLite store.
///
/// Migrations are literal SQL, never the application's current types, so that an old
/// database always upgrades the same way. The SQL is kept portable to PostgreSQL (integers,
/// text, double precision, booleans as integers; times as UTC milliseconds in BIGINT; the
/// workspace id on every table) except for the FTS5 index, which is SQLite's own way to search
/// and has a PostgreSQL twin (tsvector with unaccent) in that store.
enum SQLiteSchema {
    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("0001 workspaces, actors, items, reactions, imports") { db in
            try db.execute(sql: """
                CREATE TABLE workspaces (
                    id INTEGER PRIMARY KEY,
                    name TEXT NOT NULL UNIQUE,
                    created_at BIGINT NOT NULL
                );

                CREATE TABLE actors (
                    id INTEGER PRIMARY KEY,
                    workspace_id BIGINT NOT NULL REFERENCES workspaces(id),
                    platform TEXT NOT NULL,
                    external_id TEXT NOT NULL,
                    handle TEXT,
                    display_name TEXT,
                    profile_url TEXT,
                    followers BIGINT,
                    following BIGINT,
                    is_bot INTEGER NOT NULL DEFAULT 0,
                    profile_hash BIGINT NOT NULL,
                    first_seen_at BIGINT NOT NULL,
                    updated_at BIGINT NOT NULL,
                    UNIQUE (workspace_id, platform, external_id)
                );

                CREATE TABLE items (
                    id INTEGER PRIMARY KEY,
                    workspace_id BIGINT NOT NULL REFERENCES workspaces(id),
                    platform TEXT NOT NULL,
                    external_id TEXT NOT NULL,
                    kind TEXT NOT NULL,
                    parent_external_id TEXT,
                    root_external_id TEXT,
                    reshare_of_external_id TEXT,
                    actor_id BIGINT REFERENCES actors(id),
                    created_at BIGINT,
                    created_offset INTEGER,
                    edited_at BIGINT,
                    title TEXT,
                    body TEXT NOT NULL,
                    url TEXT,
                    language TEXT,
                    rating DOUBLE PRECISION,
                    rating_scale DOUBLE PRECISION,
                    place_name TEXT,
                    place_external_id TEXT,
                    latitude DOUBLE PRECISION,
                    longitude DOUBLE PRECISION,
                    place_address TEXT,
                    status TEXT NOT NULL,
                    tags TEXT,
                    channel TEXT,
                    likes BIGINT,
                    reshares BIGINT,
                    replies BIGINT,
                    quotes BIGINT,
                    counts_observed_at BIGINT,
                    content_hash BIGINT NOT NULL,
                    imported_at BIGINT NOT NULL,
                    updated_at BIGINT NOT NULL,
                    deleted_at BIGINT,
                    UNIQUE (workspace_id, platform, external_id)
                );
                CREATE INDEX items_by_parent ON items (workspace_id, platform, parent_external_id)
                    WHERE parent_external_id IS NOT NULL;
                CREATE INDEX items_by_root ON items (workspace_id, platform, root_external_id)
                    WHERE root_external_id IS NOT NULL;
                CREATE INDEX items_by_reshare ON items (workspace_id, platform, reshare_of_external_id)
                    WHERE reshare_of_external_id IS NOT NULL;
                CREATE INDEX items_by_time ON items (workspace_id, created_at);
                CREATE INDEX items_by_actor ON items (actor_id);

                -- Every observation of an item's counts, so growth can be measured.
                CREATE TABLE engagement_observations (
                    id INTEGER PRIMARY KEY,
                    workspace_id BIGINT NOT NULL REFERENCES workspaces(id),
                    item_id BIGINT NOT NULL REFERENCES items(id),
                    observed_at BIGINT NOT NULL,
                    likes BIGINT,
                    reshares BIGINT,
                    replies BIGINT,
                    quotes BIGINT
                );
                CREATE INDEX engagement_by_item ON engagement_observations (item_id, observed_at);

                CREATE TABLE reactions (
                    id INTEGER PRIMARY KEY,
                    workspace_id BIGINT NOT NULL REFERENCES workspaces(id),
                    platform TEXT NOT NULL,
                    external_id TEXT NOT NULL,
                    target_external_id TEXT NOT NULL,
                    actor_id BIGINT REFERENCES actors(id),
                    created_at BIGINT,
                    deleted_at BIGINT,
                    UNIQUE (workspace_id, platform, external_id)
                );
                CREATE INDEX reactions_by_target ON reactions (workspace_id, platform, target_external_id);

                -- Deletions that arrived before what they delete (an event stream can do that).
                CREATE TABLE tombstones (
                    workspace_id BIGINT NOT NULL REFERENCES workspaces(id),
                    platform TEXT NOT NULL,
                    external_id TEXT NOT NULL,
                    deleted_at BIGINT NOT NULL,
                    PRIMARY KEY (workspace_id, platform, external_id)
                );

                CREATE TABLE import_runs (
                    id INTEGER PRIMARY KEY,
                    workspace_id BIGINT NOT NULL REFERENCES workspaces(id),
                    source_name TEXT NOT NULL,
                    format TEXT NOT NULL,
                    started_at BIGINT NOT NULL,
                    finished_at BIGINT,
                    status TEXT NOT NULL,
                    read_count BIGINT NOT NULL DEFAULT 0,
                    imported_count BIGINT NOT NULL DEFAULT 0,
                    updated_count BIGINT NOT NULL DEFAULT 0,
                    duplicate_count BIGINT NOT NULL DEFAULT 0,
                    rejected_count BIGINT NOT NULL DEFAULT 0,
                    message TEXT
                );
                CREATE INDEX import_runs_by_workspace ON import_runs (workspace_id, id);

                -- Full-text index over titles and bodies; accents and case are folded.
                CREATE VIRTUAL TABLE items_fts USING fts5(
                    title, body,
                    content = 'items', content_rowid = 'id',
                    tokenize = 'unicode61 remove_diacritics 2'
                );
                """)
        }
        migrator.registerMigration("0002 sources to poll") { db in
            try db.execute(sql: """
                CREATE TABLE sources (
                    id INTEGER PRIMARY KEY,
                    workspace_id BIGINT NOT NULL REFERENCES workspaces(id),
                    kind TEXT NOT NULL,
                    locator TEXT NOT NULL,
                    endpoint TEXT NOT NULL,
                    label TEXT NOT NULL,
                    created_at BIGINT NOT NULL,
                    etag TEXT,
                    last_modified TEXT,
                    cursor TEXT,
                    last_attempt_at BIGINT,
                    last_success_at BIGINT,
                    last_error TEXT,
                    last_error_at BIGINT,
                    consecutive_failures INTEGER NOT NULL DEFAULT 0,
                    next_fetch_at BIGINT,
                    items_last_fetch INTEGER,
                    UNIQUE (workspace_id, kind, endpoint)
                );
                """)
        }
        migrator.registerMigration("0003 analysis, corrections, watch terms") { db in
            try db.execute(sql: """
                -- What the text analysis read in each item; recomputed when the analyzer or the text changes.
                CREATE TABLE item_analyses (
                    item_id BIGINT PRIMARY KEY REFERENCES items(id),
                    workspace_id BIGINT NOT NULL REFERENCES workspaces(id),
                    analyzer_version TEXT NOT NULL,
                    content_hash BIGINT NOT NULL,
                    language TEXT NOT NULL,
                    language_confidence DOUBLE PRECISION NOT NULL,
                    sentiment_score DOUBLE PRECISION NOT NULL,
                    sentiment_label TEXT NOT NULL,
                    sentiment_engine TEXT NOT NULL,
                    sentiment_explanation TEXT NOT NULL,
                    intents TEXT NOT NULL,
                    fingerprint BIGINT NOT NULL,
                    duplicate_of BIGINT,
                    analyzed_at BIGINT NOT NULL
                );
                CREATE INDEX item_analyses_by_label ON item_analyses (workspace_id, sentiment_label);
                CREATE INDEX item_analyses_by_duplicate ON item_analyses (workspace_id, duplicate_of)
                    WHERE duplicate_of IS NOT NULL;

                -- One row per intent of an item (several per item), for filters and the inbox.
                CREATE TABLE item_intents (
                    workspace_id BIGINT NOT NULL REFERENCES workspaces(id),
                    item_id BIGINT NOT NULL REFERENCES items(id),
                    intent TEXT NOT NULL,
                    PRIMARY KEY (item_id, intent)
                );
                CREATE INDEX item_intents_by_intent ON item_intents (workspace_id, intent);

                -- People's corrections, kept with who and when; the latest per item and field wins
                -- over the analysis everywhere, and they feed evaluation and retraining.
                CREATE TABLE corrections (
                    id INTEGER PRIMARY KEY,
                    workspace_id BIGINT NOT NULL REFERENCES workspaces(id),
                    item_id BIGINT NOT NULL REFERENCES items(id),
                    field TEXT NOT NULL,
                    value TEXT NOT NULL,
                    corrected_by TEXT NOT NULL,
                    corrected_at BIGINT NOT NULL
                );
                CREATE INDEX corrections_by_item ON corrections (workspace_id, item_id, field, id);

                -- A workspace's brand, products and competitors, as queries; each item records what it matches.
                CREATE TABLE watch_terms (
                    id INTEGER PRIMARY KEY,
                    workspace_id BIGINT NOT NULL REFERENCES workspaces(id),
                    name TEXT NOT NULL,
                    kind TEXT NOT NULL,
                    query TEXT NOT NULL,
                    created_at BIGINT NOT NULL,
                    UNIQUE (workspace_id, name)
                );
                CREATE TABLE item_watch_matches (
                    workspace_id BIGINT NOT NULL REFERENCES workspaces(id),
                    item_id BIGINT NOT NULL REFERENCES items(id),
                    watch_term_id BIGINT NOT NULL REFERENCES watch_terms(id),
                    PRIMARY KEY (item_id, watch_term_id)
                );
                CREATE INDEX item_watch_matches_by_term ON item_watch_matches (workspace_id, watch_term_id);
                """)
        }
        migrator.registerMigration("0004 people, sessions, tokens, inbox") { db in
            try db.execute(sql: """
                -- People who use the workbench. A person may belong to several workspaces, so users and
                -- their sessions are the only tables without a workspace id; what they may see goes
                -- through workspace_members.
                CREATE TABLE users (
                    id INTEGER PRIMARY KEY,
                    email TEXT NOT NULL UNIQUE,
                    display_name TEXT NOT NULL,
                    password_hash TEXT NOT NULL,
                    locale TEXT,
                    totp_secret TEXT,
                    created_at BIGINT NOT NULL
                );
                CREATE TABLE workspace_members (
                    workspace_id BIGINT NOT NULL REFERENCES workspaces(id),
                    user_id BIGINT NOT NULL REFERENCES users(id),
                    role TEXT NOT NULL,
                    added_at BIGINT NOT NULL,
                    PRIMARY KEY (workspace_id, user_id)
                );
                CREATE INDEX workspace_members_by_user ON workspace_members (user_id);

                -- Server-side sessions. The cookie holds a random token; only its SHA-256 is kept, so a
                -- copy of the database opens no session.
                CREATE TABLE web_sessions (
                    token_hash TEXT PRIMARY KEY,
                    user_id BIGINT NOT NULL REFERENCES users(id),
                    workspace_id BIGINT REFERENCES workspaces(id),
                    csrf_token TEXT NOT NULL,
                    second_factor_pending INTEGER NOT NULL DEFAULT 0,
                    created_at BIGINT NOT NULL,
                    expires_at BIGINT NOT NULL
                );
                CREATE INDEX web_sessions_by_user ON web_sessions (user_id);

                -- API tokens, one workspace each; only the SHA-256 of the token is kept.
                CREATE TABLE api_tokens (
                    id INTEGER PRIMARY KEY,
                    workspace_id BIGINT NOT NULL REFERENCES workspaces(id),
                    token_hash TEXT NOT NULL UNIQUE,
                    role TEXT NOT NULL,
                    label TEXT NOT NULL,
                    created_at BIGINT NOT NULL,
                    last_used_at BIGINT,
                    revoked_at BIGINT
                );

                -- What deserves an answer. order_key is the time-independent priority (InboxTriage).
                CREATE TABLE inbox_entries (
                    item_id BIGINT PRIMARY KEY REFERENCES items(id),
                    workspace_id BIGINT NOT NULL REFERENCES workspaces(id),
                    reason TEXT NOT NULL,
                    order_key DOUBLE PRECISION NOT NULL,
                    state TEXT NOT NULL,
                    assignee_id BIGINT REFERENCES users(id),
                    waiting_since BIGINT NOT NULL,
                    first_response_at BIGINT,
                    closed_at BIGINT,
                    updated_at BIGINT NOT NULL
                );
                CREATE INDEX inbox_entries_by_state ON inbox_entries (workspace_id, state, order_key);
                CREATE TABLE inbox_events (
                    id INTEGER PRIMARY KEY,
                    workspace_id BIGINT NOT NULL REFERENCES workspaces(id),
                    item_id BIGINT NOT NULL REFERENCES items(id),
                    user_id BIGINT REFERENCES users(id),
                    kind TEXT NOT NULL,
                    body TEXT NOT NULL,
                    created_at BIGINT NOT NULL
                );
                CREATE INDEX inbox_events_by_item ON inbox_events (workspace_id, item_id, id);
                CREATE TABLE reply_templates (
                    id INTEGER PRIMARY KEY,
                    workspace_id BIGINT NOT NULL REFERENCES workspaces(id),
                    name TEXT NOT NULL,
                    language TEXT NOT NULL,
                    body TEXT NOT NULL,
                    UNIQUE (workspace_id, name, language)
                );
                -- The workspace's own accounts: their items never enter the inbox, answers to them do.
                CREATE TABLE own_accounts (
                    workspace_id BIGINT NOT NULL REFERENCES workspaces(id),
                    platform TEXT NOT NULL,
                    external_id TEXT NOT NULL,
                    PRIMARY KEY (workspace_id, platform, external_id)
                );
                CREATE TABLE workspace_settings (
                    workspace_id BIGINT PRIMARY KEY REFERENCES workspaces(id),
                    response_target_minutes INTEGER NOT NULL,
                    spike_k DOUBLE PRECISION NOT NULL,
                    spike_cooldown_hours INTEGER NOT NULL,
                    influential_followers BIGINT NOT NULL
                );
                """)
        }
        migrator.registerMigration("0005 daily roll-ups") { db in
            try db.execute(sql: """
                -- Items per UTC day and per platform, source, sentiment, watch term and author: what the
                -- overview sums instead of scanning items. Refreshed for the days an analysis touched.
                CREATE TABLE daily_rollups (
                    workspace_id BIGINT NOT NULL REFERENCES workspaces(id),
                    dimension TEXT NOT NULL,
                    day BIGINT NOT NULL,
                    key TEXT NOT NULL,
                    items BIGINT NOT NULL,
                    PRIMARY KEY (workspace_id, dimension, day, key)
                );
                """)
        }
        migrator.registerMigration("0006 alerts and webhooks") { db in
            try db.execute(sql: """
                -- Alerts raised by AlertEvaluator: a negative spike, a mention by an influential author, a
                -- complaint past its response target. An item raises each kind of alert once.
                CREATE TABLE alerts (
                    id INTEGER PRIMARY KEY,
                    workspace_id BIGINT NOT NULL REFERENCES workspaces(id),
                    kind TEXT NOT NULL,
                    item_id BIGINT REFERENCES items(id),
                    raised_at BIGINT NOT NULL,
                    value DOUBLE PRECISION NOT NULL,
                    threshold DOUBLE PRECISION NOT NULL,
                    summary TEXT NOT NULL,
                    acknowledged_at BIGINT,
                    acknowledged_by BIGINT REFERENCES users(id)
                );
                CREATE INDEX alerts_by_workspace ON alerts (workspace_id, raised_at);
                CREATE UNIQUE INDEX alerts_once_per_item ON alerts (workspace_id, kind, item_id) WHERE item_id IS NOT NULL;
                -- Outgoing webhooks: every alert is POSTed as JSON, signed with HMAC-SHA256 of the secret.
                CREATE TABLE webhooks (
                    id INTEGER PRIMARY KEY,
                    workspace_id BIGINT NOT NULL REFERENCES workspaces(id),
                    url TEXT NOT NULL,
                    secret TEXT NOT NULL,
                    created_at BIGINT NOT NULL
                );
                CREATE TABLE webhook_deliveries (
                    id INTEGER PRIMARY KEY,
                    workspace_id BIGINT NOT NULL REFERENCES workspaces(id),
                    webhook_id BIGINT NOT NULL REFERENCES webhooks(id),
                    alert_id BIGINT NOT NULL REFERENCES alerts(id),
                    attempts INTEGER NOT NULL DEFAULT 0,
                    next_attempt_at BIGINT,
                    delivered_at BIGINT,
                    last_error TEXT
                );
                CREATE INDEX webhook_deliveries_due ON webhook_deliveries (next_attempt_at) WHERE next_attempt_at IS NOT NULL;
                -- A TOTP code works once.
                ALTER TABLE users ADD COLUMN totp_last_step BIGINT;
                """)
        }
        migrator.registerMigration("0007 the inbox and the overview under load") { db in
            try db.execute(sql: """
                -- The inbox's default view (open entries, highest priority first) and the count of
                -- unanswered entries past the response target read these instead of sorting or
                -- scanning every open entry. Queries must repeat the WHERE clauses word for word
                -- (SQLiteStore.openInboxStates, unansweredInboxStates) for SQLite to use them.
                CREATE INDEX inbox_open_by_priority ON inbox_entries (workspace_id, order_key)
                    WHERE state IN ('new', 'assigned', 'waiting');
                CREATE INDEX inbox_unanswered_by_wait ON inbox_entries (workspace_id, waiting_since)
                    WHERE state IN ('new', 'assigned') AND first_response_at IS NULL;
                -- Entries per state, kept by triggers whatever writes the inbox: the tabs' counts
                -- without counting every entry at each page (24,000 open entries took 4 ms).
                CREATE TABLE inbox_state_counts (
                    workspace_id BIGINT NOT NULL REFERENCES workspaces(id),
                    state TEXT NOT NULL,
                    entries BIGINT NOT NULL,
                    PRIMARY KEY (workspace_id, state)
                );
                INSERT INTO inbox_state_counts (workspace_id, state, entries)
                    SELECT workspace_id, state, COUNT(*) FROM inbox_entries GROUP BY workspace_id, state;
                CREATE TRIGGER inbox_state_counts_insert AFTER INSERT ON inbox_entries BEGIN
                    INSERT INTO inbox_state_counts (workspace_id, state, entries) VALUES (NEW.workspace_id, NEW.state, 1)
                        ON CONFLICT (workspace_id, state) DO UPDATE SET entries = entries + 1;
                END;
                CREATE TRIGGER inbox_state_counts_delete AFTER DELETE ON inbox_entries BEGIN
                    UPDATE inbox_state_counts SET entries = entries - 1 WHERE workspace_id = OLD.workspace_id AND state = OLD.state;
                END;
                CREATE TRIGGER inbox_state_counts_update AFTER UPDATE OF state ON inbox_entries WHEN OLD.state <> NEW.state BEGIN
                    UPDATE inbox_state_counts SET entries = entries - 1 WHERE workspace_id = OLD.workspace_id AND state = OLD.state;
                    INSERT INTO inbox_state_counts (workspace_id, state, entries) VALUES (NEW.workspace_id, NEW.state, 1)
                        ON CONFLICT (workspace_id, state) DO UPDATE SET entries = entries + 1;
                END;
                -- Bumped whenever a workspace's roll-ups are rebuilt, by any process: what the
                -- overview's memo of author rankings is keyed on (SQLiteStore.authorRankings).
                CREATE TABLE rollup_versions (
                    workspace_id BIGINT PRIMARY KEY REFERENCES workspaces(id),
                    version BIGINT NOT NULL
                );
                """)
        }
        migrator.registerMigration("0008 roll-up days to rebuild") { db in
            try db.execute(sql: """
                -- Days whose roll-ups no longer match their items: marked in the transaction that
                -- stores analyses or watch-term matches or deletes an item, cleared by the rebuild of
                -- the day (SQLiteStore.refreshDirtyRollups). A run interrupted before it rebuilt its
                -- days leaves them here for the next run instead of leaving the overview wrong.
                CREATE TABLE rollup_dirty_days (
                    workspace_id BIGINT NOT NULL REFERENCES workspaces(id),
                    day BIGINT NOT NULL,
                    PRIMARY KEY (workspace_id, day)
                );
                """)
        }
        migrator.registerMigration("0009 items keyed by a named unique index") { db in
            // The items' unique key was a table constraint, whose index SQLite never lets go. A
            // named unique index can be dropped for a bulk load into an empty store and built
            // again after it (SQLiteStore.beginBulkLoad): the standard rebuild of a table, with
            // foreign keys checked at the end of the migration.
            try db.execute(sql: """
                CREATE TABLE items_rebuilt (
                    id INTEGER PRIMARY KEY,
                    workspace_id BIGINT NOT NULL REFERENCES workspaces(id),
                    platform TEXT NOT NULL,
                    external_id TEXT NOT NULL,
                    kind TEXT NOT NULL,
                    parent_external_id TEXT,
                    root_external_id TEXT,
                    reshare_of_external_id TEXT,
                    actor_id BIGINT REFERENCES actors(id),
                    created_at BIGINT,
                    created_offset INTEGER,
                    edited_at BIGINT,
                    title TEXT,
                    body TEXT NOT NULL,
                    url TEXT,
                    language TEXT,
                    rating DOUBLE PRECISION,
                    rating_scale DOUBLE PRECISION,
                    place_name TEXT,
                    place_external_id TEXT,
                    latitude DOUBLE PRECISION,
                    longitude DOUBLE PRECISION,
                    place_address TEXT,
                    status TEXT NOT NULL,
                    tags TEXT,
                    channel TEXT,
                    likes BIGINT,
                    reshares BIGINT,
                    replies BIGINT,
                    quotes BIGINT,
                    counts_observed_at BIGINT,
                    content_hash BIGINT NOT NULL,
                    imported_at BIGINT NOT NULL,
                    updated_at BIGINT NOT NULL,
                    deleted_at BIGINT
                );
                INSERT INTO items_rebuilt SELECT * FROM items;
                DROP TABLE items;
                ALTER TABLE items_rebuilt RENAME TO items;
                """)
            try createItemIndexes(db)
        }
        migrator.registerMigration("0010 repeated paragraphs") { db in
            // How many paragraphs of an item repeat an earlier one of it (issue 3: "one of the seed
            // posts repeats its own paragraph"). Existing analyses say 0 until they are redone.
            try db.execute(sql: "ALTER TABLE item_analyses ADD COLUMN repeated_paragraphs INTEGER NOT NULL DEFAULT 0")
        }
        return migrator
    }

    /// The indexes of the items table, by name. A bulk load into an empty store drops them and
    /// builds them after (sorting once is far cheaper than a random insert per row into each).
    static let itemIndexes: [(name: String, unique: Bool, on: String)] = [
        ("items_by_key", true, "items (workspace_id, platform, external_id)"),
        ("items_by_parent", false, "items (workspace_id, platform, parent_external_id) WHERE parent_external_id IS NOT NULL"),
        ("items_by_root", false, "items (workspace_id, platform, root_external_id) WHERE root_external_id IS NOT NULL"),
        ("items_by_reshare", false, "items (workspace_id, platform, reshare_of_external_id) WHERE reshare_of_external_id IS NOT NULL"),
        ("items_by_time", false, "items (workspace_id, created_at)"),
        ("items_by_actor", false, "items (actor_id)"),
    ]

    /// Creates whichever item index is missing: after the migration, at the end of a bulk
    /// load, and when a store opens after a bulk load was killed before it could.
    static func createItemIndexes(_ db: Database) throws {
        for index in itemIndexes {
            try db.execute(sql: "CREATE \(index.unique ? "UNIQUE " : "")INDEX IF NOT EXISTS \(index.name) ON \(index.on)")
        }
    }

    /// Ends a bulk load, or completes one a killed process left behind: indexes every item for
    /// full-text search and builds the items' missing indexes. A bulk load indexes nothing for
    /// search while it runs: one rebuild at the end costs about a third of indexing each batch
    /// (3 s against 8 s for a million statuses), and the same rebuild repairs whatever a killed
    /// load left out. Run inside one transaction, so that the missing indexes keep saying a load
    /// is unfinished until both are done.
    static func completeBulkLoad(_ db: Database) throws {
        try db.execute(sql: "INSERT INTO items_fts (items_fts) VALUES ('rebuild')")
        try createItemIndexes(db)
    }

    static func missingItemIndexes(_ db: Database) throws -> [String] {
        let present = Set(try String.fetchAll(db, sql: "SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'items'"))
        return itemIndexes.map(\.name).filter { !present.contains($0) }
    }
}
