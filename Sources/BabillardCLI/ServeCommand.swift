import ArgumentParser
import BabillardCore
import BabillardStore
import BabillardWeb
import Foundation
import Logging

/// `babillard serve`: the workbench in a browser.
struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Serve the workbench (overview, mentions, inbox, settings, JSON API) over HTTP.",
        discussion: """
            Open http://127.0.0.1:8080 (or the --host/--port you chose). On a new database the first \
            visit creates the owner's account; `babillard user add` does it from here. Stop with Ctrl-C: \
            requests under way finish first.
            """
    )

    @OptionGroup var server: ServerOptions

    func run() async throws {
        let database = try SQLiteStore.openSayingUpgrades(path: server.databasePath)
        try await server.serve(database)
    }
}

/// `--db`, `--host`, `--port` and cookie security, shared by `serve` and `demo`.
struct ServerOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("The SQLite database file (default: $BABILLARD_DB, or ./babillard.sqlite).", valueName: "path"))
    var db: String?

    @Option(help: ArgumentHelp("The address to listen on; 0.0.0.0 for every interface (put TLS in front).", valueName: "host"))
    var host: String = "127.0.0.1"

    @Option(help: ArgumentHelp("The port to listen on.", valueName: "port"))
    var port: Int = 8080

    @Flag(help: ArgumentHelp("Session cookies without the Secure attribute, for plain http on an address other than 127.0.0.1/localhost (behind a trusted proxy only)."))
    var insecureCookies = false

    @Flag(help: ArgumentHelp("Let workspace owners send webhooks to this machine or a private network (refused by default: an owner is not always the server's administrator)."))
    var allowPrivateWebhooks = false

    var databasePath: String { StoreOptions.resolveDatabasePath(db) }

    func validate() throws {
        guard (1...65_535).contains(port) else { throw ValidationError("--port must be between 1 and 65535 (got \(port)).") }
    }

    func serve(_ database: SQLiteStore) async throws {
        try await Self.serve(database, host: host, port: port, insecureCookies: insecureCookies, allowPrivateWebhooks: allowPrivateWebhooks)
    }

    static func serve(_ database: SQLiteStore, host: String, port: Int, insecureCookies: Bool, allowPrivateWebhooks: Bool = false) async throws {
        var logger = Logger(label: "babillard.web")
        logger.logLevel = .info
        var configuration = WebConfiguration(host: host, port: port, secureCookies: !insecureCookies)
        configuration.allowPrivateWebhooks = allowPrivateWebhooks
        do {
            let address = "http://\(host == "0.0.0.0" ? "127.0.0.1" : host):\(port)"
            try await Workbench.serve(configuration: configuration, store: database, logger: logger) { setupPath in
                Terminal.printError("Babillard is serving \(database.path) at \(address) (Ctrl-C to stop).")
                if let setupPath {
                    Terminal.printError("Nobody has an account yet: create the owner's at \(address)\(setupPath) (or with babillard user add).")
                }
            }
        } catch let error as WebStartupError {
            Terminal.printError("babillard: \(error.description)")
            throw ExitCode(2)
        }
    }
}
