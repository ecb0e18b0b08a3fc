import BabillardCore
import Foundation
import GRDB

/// People, their workspaces and roles, browser sessions and API tokens.
extension SQLiteStore {
    static let userColumns = "u.id, u.email, u.display_name, u.password_hash, u.locale, u.totp_secret, u.created_at, u.totp_last_step"

    static func user(from row: Row, at index: Int = 0) -> UserRecord {
        UserRecord(
            id: row[index], email: row[index + 1], displayName: row[index + 2], passwordHash: row[index + 3],
            locale: row[index + 4], totpSecret: row[index + 5], totpLastStep: row[index + 7], createdAt: Timestamp(epochMilliseconds: row[index + 6]))
    }

    /// Creates the first person, only if there is nobody yet (checked in the same transaction);
    /// nil when someone was there first.
    public func createFirstUser(email: String, displayName: String, passwordHash: String, locale: String?, at time: Timestamp) async throws -> UserRecord? {
        let normalized = Self.normalizedEmail(email)
        return try await writing("creating the first user") { db in
            guard try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM users") == 0 else { return nil }
            try db.execute(
                sql: "INSERT INTO users (email, display_name, password_hash, locale, created_at) VALUES (?, ?, ?, ?, ?)",
                arguments: [normalized, displayName, passwordHash, locale, time.epochMilliseconds])
            return UserRecord(
                id: db.lastInsertedRowID, email: normalized, displayName: displayName, passwordHash: passwordHash, locale: locale, totpSecret: nil,
                createdAt: time)
        }
    }

    /// Ends every session of a person but one (after a password change: a stolen cookie stops working).
    public func deleteSessions(ofUser userID: Int64, except tokenHash: String?) async throws {
        try await writing("closing sessions") { db in
            try db.execute(sql: "DELETE FROM web_sessions WHERE user_id = ? AND token_hash <> ?", arguments: [userID, tokenHash ?? ""])
        }
    }

    public func userCount() async throws -> Int {
        try await reading("counting users") { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM users") ?? 0 }
    }

    /// Creates a person, or fails with `.conflict` when the e-mail address is taken.
    public func createUser(email: String, displayName: String, passwordHash: String, locale: String?, at time: Timestamp) async throws -> UserRecord {
        let normalized = Self.normalizedEmail(email)
        return try await writing("creating the user \(normalized)") { db in
            if try Int.fetchOne(db, sql: "SELECT 1 FROM users WHERE email = ?", arguments: [normalized]) != nil {
                throw StoreError(.conflict, "There is already a user with the e-mail address \(normalized).")
            }
            try db.execute(
                sql: "INSERT INTO users (email, display_name, password_hash, locale, created_at) VALUES (?, ?, ?, ?, ?)",
                arguments: [normalized, displayName, passwordHash, locale, time.epochMilliseconds])
            return UserRecord(
                id: db.lastInsertedRowID, email: normalized, displayName: displayName, passwordHash: passwordHash, locale: locale,
                totpSecret: nil, createdAt: time)
        }
    }

    /// E-mail addresses compare without case and surrounding spaces.
    public static func normalizedEmail(_ email: String) -> String {
        email.trimmingCharacters(in: .whitespacesAndNewlines).lowercased()
    }

    public func user(email: String) async throws -> UserRecord? {
        let normalized = Self.normalizedEmail(email)
        return try await reading("reading a user") { db in
            try Row.fetchOne(db, sql: "SELECT \(Self.userColumns) FROM users u WHERE u.email = ?", arguments: [normalized]).map { Self.user(from: $0) }
        }
    }

    public func user(id: Int64) async throws -> UserRecord? {
        try await reading("reading a user") { db in
            try Row.fetchOne(db, sql: "SELECT \(Self.userColumns) FROM users u WHERE u.id = ?", arguments: [id]).map { Self.user(from: $0) }
        }
    }

    /// Changes what a person can change about themselves; nil leaves a field as it is.
    public func updateUser(
        id: Int64, passwordHash: String? = nil, locale: String?? = nil, totpSecret: String?? = nil, displayName: String? = nil, totpLastStep: Int64? = nil
    ) async throws {
        try await writing("updating a user") { db in
            if let totpLastStep { try db.execute(sql: "UPDATE users SET totp_last_step = ? WHERE id = ?", arguments: [totpLastStep, id]) }
            if let passwordHash { try db.execute(sql: "UPDATE users SET password_hash = ? WHERE id = ?", arguments: [passwordHash, id]) }
            if let locale { try db.execute(sql: "UPDATE users SET locale = ? WHERE id = ?", arguments: [locale, id]) }
            if let totpSecret { try db.execute(sql: "UPDATE users SET totp_secret = ? WHERE id = ?", arguments: [totpSecret, id]) }
            if let displayName { try db.execute(sql: "UPDATE users SET display_name = ? WHERE id = ?", arguments: [displayName, id]) }
        }
    }

    /// Gives a person a role in a workspace (replacing the role they had there).
    public func setMembership(userID: Int64, role: WorkspaceRole, in workspace: Workspace, at time: Timestamp) async throws {
        let workspaceID = workspace.id
        try await writing("adding a member to the workspace") { db in
            try db.execute(
                sql: """
                    INSERT INTO workspace_members (workspace_id, user_id, role, added_at) VALUES (?, ?, ?, ?)
                    ON CONFLICT (workspace_id, user_id) DO UPDATE SET role = excluded.role
                    """,
                arguments: [workspaceID, userID, role.rawValue, time.epochMilliseconds])
        }
    }

    /// Removes a person from a workspace; false when they were not in it. Their sessions there end.
    public func removeMembership(userID: Int64, in workspace: Workspace) async throws -> Bool {
        let workspaceID = workspace.id
        return try await writing("removing a member from the workspace") { db in
            try db.execute(sql: "DELETE FROM workspace_members WHERE workspace_id = ? AND user_id = ?", arguments: [workspaceID, userID])
            let removed = db.changesCount > 0
            try db.execute(sql: "UPDATE web_sessions SET workspace_id = NULL WHERE user_id = ? AND workspace_id = ?", arguments: [userID, workspaceID])
            try db.execute(sql: "UPDATE inbox_entries SET assignee_id = NULL WHERE workspace_id = ? AND assignee_id = ?", arguments: [workspaceID, userID])
            return removed
        }
    }

    /// The workspaces a person belongs to, by name.
    public func memberships(ofUser userID: Int64) async throws -> [Membership] {
        try await reading("reading a user's workspaces") { db in
            try Row.fetchAll(
                db,
                sql: """
                    SELECT w.id, w.name, m.role, \(Self.userColumns) FROM workspace_members m
                    JOIN workspaces w ON w.id = m.workspace_id JOIN users u ON u.id = m.user_id
                    WHERE m.user_id = ? ORDER BY w.name
                    """,
                arguments: [userID]
            ).map { row in
                Membership(workspace: Workspace(id: row[0], name: row[1]), user: Self.user(from: row, at: 3), role: WorkspaceRole(rawValue: row[2]) ?? .viewer)
            }
        }
    }

    /// The people of a workspace, by name.
    public func members(of workspace: Workspace) async throws -> [Membership] {
        try await reading("reading the team") { db in
            try Row.fetchAll(
                db,
                sql: """
                    SELECT m.role, \(Self.userColumns) FROM workspace_members m JOIN users u ON u.id = m.user_id
                    WHERE m.workspace_id = ? ORDER BY u.display_name, u.email
                    """,
                arguments: [workspace.id]
            ).map { row in Membership(workspace: workspace, user: Self.user(from: row, at: 1), role: WorkspaceRole(rawValue: row[0]) ?? .viewer) }
        }
    }

    // MARK: Sessions

    public func createSession(_ session: WebSessionRecord, at time: Timestamp) async throws {
        try await writing("opening a session") { db in
            try db.execute(
                sql: """
                    INSERT INTO web_sessions (token_hash, user_id, workspace_id, csrf_token, second_factor_pending, created_at, expires_at)
                    VALUES (?, ?, ?, ?, ?, ?, ?)
                    """,
                arguments: [
                    session.tokenHash, session.userID, session.workspaceID, session.csrfToken, session.secondFactorPending ? 1 : 0,
                    time.epochMilliseconds, session.expiresAt.epochMilliseconds,
                ])
        }
    }

    /// The session with that token hash, if it has not expired.
    public func session(tokenHash: String, at time: Timestamp) async throws -> WebSessionRecord? {
        try await reading("reading a session") { db in
            try Row.fetchOne(
                db,
                sql: """
                    SELECT token_hash, user_id, workspace_id, csrf_token, second_factor_pending, expires_at FROM web_sessions
                    WHERE token_hash = ? AND expires_at > ?
                    """,
                arguments: [tokenHash, time.epochMilliseconds]
            ).map { row in
                WebSessionRecord(
                    tokenHash: row[0], userID: row[1], workspaceID: row[2], csrfToken: row[3], secondFactorPending: (row[4] as Int) == 1,
                    expiresAt: Timestamp(epochMilliseconds: row[5]))
            }
        }
    }

    public func updateSession(tokenHash: String, workspaceID: Int64?, secondFactorPending: Bool) async throws {
        try await writing("updating a session") { db in
            try db.execute(
                sql: "UPDATE web_sessions SET workspace_id = ?, second_factor_pending = ? WHERE token_hash = ?",
                arguments: [workspaceID, secondFactorPending ? 1 : 0, tokenHash])
        }
    }

    public func deleteSession(tokenHash: String) async throws {
        try await writing("closing a session") { db in
            try db.execute(sql: "DELETE FROM web_sessions WHERE token_hash = ?", arguments: [tokenHash])
        }
    }

    /// Removes expired sessions; returns how many.
    public func deleteExpiredSessions(at time: Timestamp) async throws -> Int {
        try await writing("removing expired sessions") { db in
            try db.execute(sql: "DELETE FROM web_sessions WHERE expires_at <= ?", arguments: [time.epochMilliseconds])
            return db.changesCount
        }
    }

    // MARK: API tokens

    public func createAPIToken(tokenHash: String, role: WorkspaceRole, label: String, in workspace: Workspace, at time: Timestamp) async throws -> APITokenRecord {
        let workspaceID = workspace.id
        return try await writing("creating an API token") { db in
            try db.execute(
                sql: "INSERT INTO api_tokens (workspace_id, token_hash, role, label, created_at) VALUES (?, ?, ?, ?, ?)",
                arguments: [workspaceID, tokenHash, role.rawValue, label, time.epochMilliseconds])
            return APITokenRecord(id: db.lastInsertedRowID, workspace: workspace, role: role, label: label, createdAt: time, lastUsedAt: nil, revokedAt: nil)
        }
    }

    /// The live token with that hash and its workspace; records when it was last used (to the minute).
    public func apiToken(tokenHash: String, at time: Timestamp) async throws -> APITokenRecord? {
        let found = try await reading("checking an API token") { db in
            try Row.fetchOne(
                db,
                sql: """
                    SELECT t.id, w.id, w.name, t.role, t.label, t.created_at, t.last_used_at FROM api_tokens t
                    JOIN workspaces w ON w.id = t.workspace_id WHERE t.token_hash = ? AND t.revoked_at IS NULL
                    """,
                arguments: [tokenHash]
            ).map { row in
                APITokenRecord(
                    id: row[0], workspace: Workspace(id: row[1], name: row[2]), role: WorkspaceRole(rawValue: row[3]) ?? .viewer, label: row[4],
                    createdAt: Timestamp(epochMilliseconds: row[5]), lastUsedAt: (row[6] as Int64?).map { Timestamp(epochMilliseconds: $0) },
                    revokedAt: nil)
            }
        }
        // A write per request would serialise every API call behind the writer; once a minute is enough to tell.
        if let found, (found.lastUsedAt?.epochMilliseconds ?? 0) < time.epochMilliseconds - 60_000 {
            let id = found.id
            try await writing("recording an API token's use") { db in
                try db.execute(sql: "UPDATE api_tokens SET last_used_at = ? WHERE id = ?", arguments: [time.epochMilliseconds, id])
            }
        }
        return found
    }

    public func apiTokens(in workspace: Workspace) async throws -> [APITokenRecord] {
        try await reading("listing API tokens") { db in
            try Row.fetchAll(
                db,
                sql: "SELECT id, role, label, created_at, last_used_at, revoked_at FROM api_tokens WHERE workspace_id = ? ORDER BY id",
                arguments: [workspace.id]
            ).map { row in
                APITokenRecord(
                    id: row[0], workspace: workspace, role: WorkspaceRole(rawValue: row[1]) ?? .viewer, label: row[2],
                    createdAt: Timestamp(epochMilliseconds: row[3]), lastUsedAt: (row[4] as Int64?).map { Timestamp(epochMilliseconds: $0) },
                    revokedAt: (row[5] as Int64?).map { Timestamp(epochMilliseconds: $0) })
            }
        }
    }

    /// Revokes a token of this workspace; false when it has no such live token.
    public func revokeAPIToken(id: Int64, in workspace: Workspace, at time: Timestamp) async throws -> Bool {
        let workspaceID = workspace.id
        return try await writing("revoking an API token") { db in
            try db.execute(
                sql: "UPDATE api_tokens SET revoked_at = ? WHERE id = ? AND workspace_id = ? AND revoked_at IS NULL",
                arguments: [time.epochMilliseconds, id, workspaceID])
            return db.changesCount > 0
        }
    }

    // MARK: Settings

    public func settings(of workspace: Workspace) async throws -> WorkspaceSettings {
        try await reading("reading the workspace's settings") { db in
            try Row.fetchOne(
                db,
                sql: "SELECT response_target_minutes, spike_k, spike_cooldown_hours, influential_followers FROM workspace_settings WHERE workspace_id = ?",
                arguments: [workspace.id]
            ).map { WorkspaceSettings(responseTargetMinutes: $0[0], spikeK: $0[1], spikeCooldownHours: $0[2], influentialFollowers: $0[3]) }
                ?? .defaults
        }
    }

    public func saveSettings(_ settings: WorkspaceSettings, of workspace: Workspace) async throws {
        let workspaceID = workspace.id
        try await writing("saving the workspace's settings") { db in
            try db.execute(
                sql: """
                    INSERT INTO workspace_settings (workspace_id, response_target_minutes, spike_k, spike_cooldown_hours, influential_followers)
                    VALUES (?, ?, ?, ?, ?) ON CONFLICT (workspace_id) DO UPDATE SET response_target_minutes = excluded.response_target_minutes,
                    spike_k = excluded.spike_k, spike_cooldown_hours = excluded.spike_cooldown_hours, influential_followers = excluded.influential_followers
                    """,
                arguments: [workspaceID, settings.responseTargetMinutes, settings.spikeK, settings.spikeCooldownHours, settings.influentialFollowers])
        }
    }
}
