import BabillardCore

/// What a member of a workspace may do. Each role may do everything the roles before it may.
public enum WorkspaceRole: String, Sendable, CaseIterable, Codable, Comparable {
    /// Reads everything in the workspace, changes nothing.
    case viewer
    /// Works the inbox: assigns, answers, notes, corrects analyses.
    case agent
    /// Also manages watch terms, sources and reply templates.
    case manager
    /// Also manages the team, API tokens and the workspace's settings.
    case owner

    var rank: Int { Self.allCases.firstIndex(of: self)! }
    public static func < (lhs: WorkspaceRole, rhs: WorkspaceRole) -> Bool { lhs.rank < rhs.rank }
}

/// A person who uses the workbench.
public struct UserRecord: Sendable, Hashable {
    public var id: Int64
    public var email: String
    public var displayName: String
    /// A bcrypt hash; the password itself is never stored.
    public var passwordHash: String
    /// `fr` or `en`; nil follows the browser's Accept-Language.
    public var locale: String?
    /// The TOTP secret when the second factor is on.
    public var totpSecret: String?
    /// The 30-second step of the last code accepted: a code works once.
    public var totpLastStep: Int64?
    public var createdAt: Timestamp

    public init(
        id: Int64, email: String, displayName: String, passwordHash: String, locale: String?, totpSecret: String?, totpLastStep: Int64? = nil,
        createdAt: Timestamp
    ) {
        self.id = id
        self.email = email
        self.displayName = displayName
        self.passwordHash = passwordHash
        self.locale = locale
        self.totpSecret = totpSecret
        self.totpLastStep = totpLastStep
        self.createdAt = createdAt
    }
}

/// A person's place in a workspace.
public struct Membership: Sendable, Hashable {
    public var workspace: Workspace
    public var user: UserRecord
    public var role: WorkspaceRole
}

/// A signed-in browser. Only the SHA-256 of the cookie's token is stored (`tokenHash`).
public struct WebSessionRecord: Sendable, Hashable {
    public var tokenHash: String
    public var userID: Int64
    /// The workspace the person is looking at; nil before they choose one.
    public var workspaceID: Int64?
    /// The token every form of this session must send back.
    public var csrfToken: String
    /// True between the password and the TOTP code: such a session opens nothing else.
    public var secondFactorPending: Bool
    public var expiresAt: Timestamp

    public init(tokenHash: String, userID: Int64, workspaceID: Int64?, csrfToken: String, secondFactorPending: Bool, expiresAt: Timestamp) {
        self.tokenHash = tokenHash
        self.userID = userID
        self.workspaceID = workspaceID
        self.csrfToken = csrfToken
        self.secondFactorPending = secondFactorPending
        self.expiresAt = expiresAt
    }
}

/// An API token of one workspace. Only the SHA-256 of the token is stored.
public struct APITokenRecord: Sendable, Hashable {
    public var id: Int64
    public var workspace: Workspace
    public var role: WorkspaceRole
    public var label: String
    public var createdAt: Timestamp
    public var lastUsedAt: Timestamp?
    public var revokedAt: Timestamp?
}

/// How a workspace runs its inbox and alerts.
public struct WorkspaceSettings: Sendable, Hashable, Codable {
    /// The time within which an entry should get its first answer.
    public var responseTargetMinutes: Int
    /// A negative spike is volume above the 7-day mean + k·σ (REFERENCES: k = 1.5, 2 or 3).
    public var spikeK: Double
    /// Hours after a spike alert during which no new one is raised.
    public var spikeCooldownHours: Int
    /// Followers from which an author counts as influential.
    public var influentialFollowers: Int64

    public static let defaults = WorkspaceSettings(responseTargetMinutes: 240, spikeK: 2, spikeCooldownHours: 6, influentialFollowers: 10_000)

    public init(responseTargetMinutes: Int, spikeK: Double, spikeCooldownHours: Int, influentialFollowers: Int64) {
        self.responseTargetMinutes = responseTargetMinutes
        self.spikeK = spikeK
        self.spikeCooldownHours = spikeCooldownHours
        self.influentialFollowers = influentialFollowers
    }
}
