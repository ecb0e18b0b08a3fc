import ArgumentParser
import BabillardCore
import BabillardStore
import BabillardWeb
import Foundation

/// `babillard user add`: accounts for the workbench, from the command line.
struct UserCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "user",
        abstract: "Manage the people who use the workbench.",
        subcommands: [UserAddCommand.self, UserListCommand.self]
    )
}

struct UserAddCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "add",
        abstract: "Create an account (or give an existing one a role) in a workspace.",
        discussion: """
            Roles: owner (team, tokens, settings), manager (watch terms, sources, templates), \
            agent (works the inbox, corrects analyses), viewer (reads). An existing account keeps its \
            password and gets the role in the workspace.
            """
    )

    @OptionGroup var store: StoreOptions

    @Option(help: ArgumentHelp("The person's e-mail address (their sign-in name).", valueName: "address"))
    var email: String

    @Option(help: ArgumentHelp(
        "Their password, 10 characters or more. Other users of the machine can see a command's arguments: prefer --password-stdin.",
        valueName: "password"))
    var password: String?

    @Flag(help: "Read the password from the first line of standard input (echo … | babillard user add …).")
    var passwordStdin = false

    @Option(help: ArgumentHelp("owner, manager, agent or viewer.", valueName: "role"))
    var role: String = "agent"

    @Option(help: ArgumentHelp("The name shown to the team (default: the e-mail address).", valueName: "name"))
    var name: String?

    func validate() throws {
        guard email.contains("@") else { throw ValidationError("--email needs an e-mail address (got \(email)).") }
        guard WorkspaceRole(rawValue: role) != nil else { throw ValidationError("--role must be owner, manager, agent or viewer (got \(role)).") }
        switch (password, passwordStdin) {
        case (nil, false): throw ValidationError("Give the password with --password-stdin (or --password).")
        case (.some, true): throw ValidationError("Give the password once: --password or --password-stdin, not both.")
        case (let password?, false): if let weakness = PasswordHashing.weakness(of: password) { throw ValidationError("--password: \(weakness)") }
        case (nil, true): break
        }
    }

    func run() async throws {
        var password = self.password ?? ""
        if passwordStdin {
            guard let line = Self.readPasswordLine(), !line.isEmpty else {
                throw ValidationError("--password-stdin: standard input held no password (one line expected).")
            }
            if let weakness = PasswordHashing.weakness(of: line) { throw ValidationError("--password-stdin: \(weakness)") }
            password = line
        }
        let database = try store.openStore()
        let workspace = try await database.workspace(named: store.workspace)
        let now = Timestamp(epochSeconds: Date().timeIntervalSince1970)
        let user: UserRecord
        if let existing = try await database.user(email: email) {
            user = existing
            Terminal.printError("\(existing.email) already has an account; its password is unchanged.")
        } else {
            let hash = await PasswordHashing.hash(password, cost: 12)
            user = try await database.createUser(email: email, displayName: name ?? SQLiteStore.normalizedEmail(email), passwordHash: hash, locale: nil, at: now)
        }
        try await database.setMembership(userID: user.id, role: WorkspaceRole(rawValue: role)!, in: workspace, at: now)
        Terminal.print("\(user.email) is \(role) of the workspace \(workspace.name).")
    }
}

extension UserAddCommand {
    /// The first line of standard input; typed at a terminal, asked for and not echoed.
    static func readPasswordLine() -> String? {
        guard isatty(STDIN_FILENO) == 1 else { return readLine(strippingNewline: true) }
        Terminal.printError("Password: ", terminator: "")
        var saved = termios()
        guard tcgetattr(STDIN_FILENO, &saved) == 0 else { return readLine(strippingNewline: true) }
        var silent = saved
        silent.c_lflag &= ~tcflag_t(ECHO)
        tcsetattr(STDIN_FILENO, TCSAFLUSH, &silent)
        defer {
            tcsetattr(STDIN_FILENO, TCSAFLUSH, &saved)
            Terminal.printError("")
        }
        return readLine(strippingNewline: true)
    }
}

struct UserListCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "list", abstract: "List the people of a workspace and their roles.")

    @OptionGroup var store: StoreOptions

    func run() async throws {
        let database = try store.openStore()
        let workspace = try await database.workspace(named: store.workspace)
        for member in try await database.members(of: workspace) {
            Terminal.print("\(member.user.email)\t\(member.role.rawValue)\t\(member.user.displayName)\(member.user.totpSecret != nil ? "\tsecond factor on" : "")")
        }
    }
}

/// `babillard token create`: API tokens for the JSON API.
struct TokenCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "token",
        abstract: "Manage API tokens (Authorization: Bearer TOKEN on /api/v1).",
        subcommands: [TokenCreateCommand.self]
    )
}

struct TokenCreateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "create",
        abstract: "Create an API token for a workspace and print it (it is shown once; only its digest is kept).")

    @OptionGroup var store: StoreOptions

    @Option(help: ArgumentHelp("What the token may do: viewer (read) or agent (also inbox actions); manager and owner add nothing to the API yet.", valueName: "role"))
    var role: String = "viewer"

    @Option(help: ArgumentHelp("A name to recognise it by in Settings.", valueName: "label"))
    var label: String = "API"

    func validate() throws {
        guard WorkspaceRole(rawValue: role) != nil else { throw ValidationError("--role must be owner, manager, agent or viewer (got \(role)).") }
    }

    func run() async throws {
        let database = try store.openStore()
        let workspace = try await database.workspace(named: store.workspace)
        let token = try await WebTokens.create(role: WorkspaceRole(rawValue: role)!, label: label, in: workspace, store: database)
        Terminal.print(token)
    }
}
