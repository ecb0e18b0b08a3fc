import BabillardCore
import BabillardFetch
import BabillardPipeline
import BabillardStore
import Foundation
import Logging
import ServiceLifecycle

/// Checks every workspace's alerts and sends due webhook deliveries once a minute, for as long
/// as the server runs; stops at once on graceful shutdown. `babillard alerts check` does one
/// round from the command line (cron) for a database no server is running on.
struct AlertService: Service {
    let store: any Store
    let logger: Logger
    var allowPrivateWebhooks = false
    var interval: Duration = .seconds(60)

    func run() async throws {
        let dispatcher = WebhookDispatcher(store: store, allowPrivateAddresses: allowPrivateWebhooks)
        while !Task.isCancelled {
            do {
                try await cancelWhenGracefulShutdown { try await Task.sleep(for: interval) }
            } catch {
                return
            }
            let now = Timestamp(epochSeconds: Date().timeIntervalSince1970)
            do {
                for workspace in try await store.workspaces() {
                    let raised = try await AlertEvaluator(store: store, workspace: workspace).evaluate(now: now)
                    for alert in raised {
                        logger.notice("alert raised", metadata: ["workspace": "\(workspace.id)", "kind": "\(alert.kind.rawValue)", "alert": "\(alert.id)"])
                    }
                }
                let result = try await dispatcher.deliverDue(now: now)
                if result.failed > 0 { logger.warning("webhook deliveries failed", metadata: ["failed": "\(result.failed)", "delivered": "\(result.delivered)"]) }
            } catch {
                logger.error("checking alerts failed", metadata: ["error": "\(String(describing: error))"])
            }
        }
    }
}
