import BabillardCore

/// People, sessions, API tokens and settings: what the workbench needs to let someone in.
public protocol AccountStore: Sendable {
    func userCount() async throws -> Int
    func createUser(email: String, displayName: String, passwordHash: String, locale: String?, at time: Timestamp) async throws -> UserRecord
    func user(email: String) async throws -> UserRecord?
    func user(id: Int64) async throws -> UserRecord?
    /// nil leaves a field as it is; `.some(nil)` clears an optional one.
    func updateUser(id: Int64, passwordHash: String?, locale: String??, totpSecret: String??, displayName: String?, totpLastStep: Int64?) async throws
    func createFirstUser(email: String, displayName: String, passwordHash: String, locale: String?, at time: Timestamp) async throws -> UserRecord?
    func deleteSessions(ofUser userID: Int64, except tokenHash: String?) async throws
    func setMembership(userID: Int64, role: WorkspaceRole, in workspace: Workspace, at time: Timestamp) async throws
    func removeMembership(userID: Int64, in workspace: Workspace) async throws -> Bool
    func memberships(ofUser userID: Int64) async throws -> [Membership]
    func members(of workspace: Workspace) async throws -> [Membership]

    func createSession(_ session: WebSessionRecord, at time: Timestamp) async throws
    func session(tokenHash: String, at time: Timestamp) async throws -> WebSessionRecord?
    func updateSession(tokenHash: String, workspaceID: Int64?, secondFactorPending: Bool) async throws
    func deleteSession(tokenHash: String) async throws
    func deleteExpiredSessions(at time: Timestamp) async throws -> Int

    func createAPIToken(tokenHash: String, role: WorkspaceRole, label: String, in workspace: Workspace, at time: Timestamp) async throws -> APITokenRecord
    func apiToken(tokenHash: String, at time: Timestamp) async throws -> APITokenRecord?
    func apiTokens(in workspace: Workspace) async throws -> [APITokenRecord]
    func revokeAPIToken(id: Int64, in workspace: Workspace, at time: Timestamp) async throws -> Bool

    func settings(of workspace: Workspace) async throws -> WorkspaceSettings
    func saveSettings(_ settings: WorkspaceSettings, of workspace: Workspace) async throws
}

/// The reads and the inbox behind the workbench's pages. Every method is scoped to one
/// workspace: an id of another workspace's item finds nothing.
public protocol WorkbenchStore: Sendable {
    func mentions(_ query: MentionQuery, in workspace: Workspace) async throws -> MentionPage
    func mention(itemID: Int64, in workspace: Workspace) async throws -> Mention?
    /// Every item of the workspace (deleted ones included) with its analysis, streaming.
    func forEachMention(in workspace: Workspace, _ body: @Sendable (Mention) throws -> Void) async throws
    /// What `search` finds, with the analyses.
    func searchMentions(_ query: SearchQuery, in workspace: Workspace) async throws -> [Mention]
    func overview(of workspace: Workspace, from: Int64, until: Int64, now: Timestamp) async throws -> WorkspaceOverview
    func thread(ofItem itemID: Int64, in workspace: Workspace, limit: Int) async throws -> [ThreadEntry]
    func author(actorID: Int64, in workspace: Workspace) async throws -> AuthorProfile?

    @discardableResult func refreshInbox(in workspace: Workspace, now: Timestamp) async throws -> Int
    /// Rebuilds the daily roll-ups of these days (every day when nil) from the items and analyses.
    func refreshDailyRollups(in workspace: Workspace, days: Set<Int64>?) async throws
    /// Rebuilds the days marked as stale by analyses, watch-term matches and deletions.
    @discardableResult
    func refreshDirtyRollups(in workspace: Workspace) async throws -> Int
    func days(ofItems itemIDs: [Int64], in workspace: Workspace) async throws -> Set<Int64>
    func rollupsMissing(in workspace: Workspace) async throws -> Bool
    func inboxBacklog(of workspace: Workspace, now: Timestamp) async throws -> InboxBacklog
    func inbox(in workspace: Workspace, states: [InboxState], assigneeID: Int64?, limit: Int, offset: Int) async throws -> (entries: [InboxEntry], hasMore: Bool)
    func inboxEntry(itemID: Int64, in workspace: Workspace) async throws -> InboxEntry?
    func addToInbox(itemID: Int64, in workspace: Workspace, at time: Timestamp) async throws -> Bool
    func updateInboxEntry(itemID: Int64, state: InboxState?, assigneeID: Int64??, by userID: Int64?, in workspace: Workspace, at time: Timestamp) async throws
    func addInboxNote(itemID: Int64, body: String, by userID: Int64?, in workspace: Workspace, at time: Timestamp) async throws
    func recordReply(itemID: Int64, body: String, by userID: Int64?, in workspace: Workspace, at time: Timestamp) async throws
    func inboxEvents(itemID: Int64, in workspace: Workspace) async throws -> [InboxEvent]
    func addOwnAccount(platform: Platform, externalID: String, in workspace: Workspace) async throws
    func ownAccounts(in workspace: Workspace) async throws -> [ActorIdentity]
    func replyTemplates(in workspace: Workspace) async throws -> [ReplyTemplate]
    func saveReplyTemplate(_ template: ReplyTemplate, in workspace: Workspace) async throws
    func deleteReplyTemplate(id: Int64, in workspace: Workspace) async throws -> Bool
}

/// Alerts and the webhooks they are sent to.
public protocol AlertStore: Sendable {
    func negativeVolumes(in workspace: Workspace, now: Timestamp, days: Int) async throws -> (lastDay: Int, previousDays: [Int])
    func lastAlert(_ kind: AlertRecord.Kind, in workspace: Workspace) async throws -> Timestamp?
    func influentialCandidates(in workspace: Workspace, since: Timestamp, followers: Int64) async throws -> [AlertCandidate]
    func overdueComplaints(in workspace: Workspace, now: Timestamp, targetMinutes: Int) async throws -> [AlertCandidate]
    func raiseAlert(_ kind: AlertRecord.Kind, itemID: Int64?, value: Double, threshold: Double, summary: String, in workspace: Workspace, at time: Timestamp) async throws -> AlertRecord?
    func alerts(in workspace: Workspace, openOnly: Bool, limit: Int) async throws -> [AlertRecord]
    func openAlertCount(in workspace: Workspace) async throws -> Int
    func acknowledgeAlert(id: Int64, by userID: Int64?, in workspace: Workspace, at time: Timestamp) async throws -> Bool
    func addWebhook(url: String, secret: String, in workspace: Workspace, at time: Timestamp) async throws -> WebhookRecord
    func webhooks(in workspace: Workspace) async throws -> [WebhookRecord]
    func removeWebhook(id: Int64, in workspace: Workspace) async throws -> Bool

    /// Claims up to `limit` deliveries due at `now` and returns them: each claimed delivery is not
    /// due again for `leaseMinutes`, so two dispatchers (the server and `alerts check`) never send
    /// the same one twice; one that crashes mid-send is tried again when the lease ends.
    func claimDueDeliveries(at now: Timestamp, limit: Int, leaseMinutes: Int64) async throws -> [WebhookDelivery]
    func recordDeliveryAttempt(id: Int64, delivered: Bool, error: String?, nextAttempt: Timestamp?, at time: Timestamp) async throws
    func deliveryCounts(in workspace: Workspace) async throws -> (delivered: Int, pending: Int, failed: Int)
}
