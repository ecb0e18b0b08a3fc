import ArgumentParser
import BabillardStore
import Foundation

/// `--db` and `--workspace`, shared by every command that reads or writes data.
struct StoreOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("The SQLite database file (default: $BABILLARD_DB, or ./babillard.sqlite).", valueName: "path"))
    var db: String?

    @Option(name: .long, help: ArgumentHelp("The workspace (a brand or client); created on first use.", valueName: "name"))
    var workspace: String = "default"

    var databasePath: String { Self.resolveDatabasePath(db) }

    static func resolveDatabasePath(_ db: String?) -> String {
        if let db, !db.isEmpty { return db }
        if let configured = ProcessInfo.processInfo.environment["BABILLARD_DB"], !configured.isEmpty { return configured }
        return "babillard.sqlite"
    }

    func validate() throws {
        if workspace.trimmingCharacters(in: .whitespaces).isEmpty {
            throw ValidationError("--workspace needs a name, for example --workspace ma-boulangerie.")
        }
    }

    func openStore() throws -> SQLiteStore {
        try SQLiteStore.openSayingUpgrades(path: databasePath)
    }

    /// The store and the workspace for a command that only reads (a measurement): a database or
    /// a workspace that does not exist is an error naming it, not something created empty.
    func openExisting() async throws -> (SQLiteStore, Workspace) {
        guard FileManager.default.fileExists(atPath: databasePath) else {
            throw CommandFailure("There is no database at \(databasePath): give --db PATH (or set BABILLARD_DB).")
        }
        let database = try openStore()
        let workspaces = try await database.workspaces()
        // Named as `workspace(named:)` names it: without surrounding spaces. Looked up, not
        // created: `workspace(named:)` would write.
        guard let found = workspaces.first(where: { $0.name == workspace.trimmingCharacters(in: .whitespaces) }) else {
            let names = workspaces.map(\.name)
            throw CommandFailure(
                "Database \(databasePath) has no workspace '\(workspace)' (it has: \(names.isEmpty ? "none" : names.joined(separator: ", "))).")
        }
        return (database, found)
    }
}

extension SQLiteStore {
    /// Opens a store, saying on stderr when an existing database is first upgraded (it can take
    /// a minute for a large one).
    static func openSayingUpgrades(path: String) throws -> SQLiteStore {
        try SQLiteStore(path: path) { migrations in
            Terminal.printError("Upgrading the database \(path) for this version of Babillard (\(migrations.count) step\(migrations.count == 1 ? "" : "s"); once, about a minute per million items)…")
        }
    }
}
