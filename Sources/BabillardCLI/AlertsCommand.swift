import ArgumentParser
import BabillardCore
import BabillardFetch
import BabillardPipeline
import BabillardStore
import Foundation

/// `babillard alerts check|list`: the alert rules and webhooks from the command line (the
/// server also checks them every minute while it runs).
struct AlertsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "alerts",
        abstract: "Check the alert rules and send webhooks, or list alerts.",
        subcommands: [AlertsCheckCommand.self, AlertsListCommand.self]
    )
}

struct AlertsCheckCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Raise the workspace's alerts that are due and send the webhook deliveries that are due (for cron, after fetch).")

    @OptionGroup var store: StoreOptions

    @Flag(help: "Send webhooks to this machine or a private network too (as `serve --allow-private-webhooks`).")
    var allowPrivateWebhooks = false

    func run() async throws {
        let database = try store.openStore()
        let workspace = try await database.workspace(named: store.workspace)
        let now = Timestamp(epochSeconds: Date().timeIntervalSince1970)
        let raised = try await AlertEvaluator(store: database, workspace: workspace).evaluate(now: now)
        for alert in raised { Terminal.print("\(alert.kind.rawValue)\t\(alert.summary)") }
        let sent = try await WebhookDispatcher(store: database, allowPrivateAddresses: allowPrivateWebhooks).deliverDue(now: now)
        Terminal.printError("Alerts: \(raised.count) raised; webhooks: \(sent.delivered) delivered, \(sent.failed) failed (retried later).")
    }
}

struct AlertsListCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "list", abstract: "List the workspace's alerts, newest first.")

    @OptionGroup var store: StoreOptions

    @Flag(help: "Include the alerts someone has seen.")
    var all = false

    func run() async throws {
        let database = try store.openStore()
        let workspace = try await database.workspace(named: store.workspace)
        for alert in try await database.alerts(in: workspace, openOnly: !all, limit: 1000) {
            Terminal.print("\(alert.raisedAt.iso8601UTC)\t\(alert.kind.rawValue)\t\(alert.summary)\(alert.acknowledgedAt != nil ? "\t(seen)" : "")")
        }
    }
}
