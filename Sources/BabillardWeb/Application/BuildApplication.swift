import BabillardCore
import BabillardStore
import BabillardText
import Foundation
import HTTPTypes
import Hummingbird
import Logging
import Metrics
import Prometheus

/// Everything a request handler needs, built once at start.
struct WebServices: Sendable {
    let store: any Store
    let configuration: WebConfiguration
    let renderer: PageRenderer
    let analyzer: TextAnalyzer
    let throttle: LoginThrottle
    let resources: URL
    let prometheus: PrometheusCollectorRegistry
    /// A bcrypt hash of a random password, checked when the address is unknown so that the time
    /// a failed sign-in takes does not tell whether the address has an account.
    let decoyHash: String
    /// The secret part of the first-run set-up address (`/setup?token=…`).
    let setupToken: String
    /// Matches items again when watch terms change on the Settings page.
    let rematcher: WatchTermRematcher

    var strings: StringCatalogue { renderer.strings }
}

/// The Prometheus registry behind swift-metrics, bootstrapped once per process (the metrics
/// system is global; tests build many applications).
enum MetricsBootstrap {
    static let registry: PrometheusCollectorRegistry = {
        let registry = PrometheusCollectorRegistry()
        MetricsSystem.bootstrap(PrometheusMetricsFactory(registry: registry))
        return registry
    }()
}

/// The workbench as one Hummingbird application, used by `babillard serve`, `babillard demo`
/// and the tests.
public func buildApplication(
    configuration: WebConfiguration, store: any Store, logger: Logger = Logger(label: "babillard.web")
) async throws -> some ApplicationProtocol {
    let resources = try WebResources.directory(configured: configuration.resourcesDirectory)
    let analyzer = try TextAnalyzer()
    let services = WebServices(
        store: store, configuration: configuration, renderer: try await PageRenderer(resources: resources),
        analyzer: analyzer, throttle: LoginThrottle(limit: configuration.loginAttempts, windowSeconds: configuration.loginWindowSeconds),
        resources: resources, prometheus: MetricsBootstrap.registry,
        decoyHash: await PasswordHashing.hash(SecretTokens.random(), cost: configuration.bcryptCost),
        setupToken: configuration.setupToken, rematcher: WatchTermRematcher(store: store, analyzer: analyzer, logger: logger))
    let router = buildRouter(services)
    return Application(
        router: router,
        configuration: .init(address: .hostname(configuration.host, port: configuration.port), serverName: "Babillard"),
        services: configuration.checkAlerts ? [AlertService(store: store, logger: logger, allowPrivateWebhooks: configuration.allowPrivateWebhooks)] : [],
        logger: logger)
}

func buildRouter(_ services: WebServices) -> Router<WebRequestContext> {
    let router = Router(context: WebRequestContext.self)
    router.add(middleware: LogRequestsMiddleware(.info))
    router.add(middleware: MetricsMiddleware())
    // Error pages outside the file middleware: it serves a file only when what is inside it
    // throws "not found", which an error page already rendered would hide.
    router.add(middleware: ErrorPageMiddleware(renderer: services.renderer))
    // Static files before the visitor's session: they need none.
    router.add(middleware: FileMiddleware(services.resources.appendingPathComponent("static").path, urlBasePath: "/static", searchForIndexHtml: false))
    router.add(middleware: VisitorMiddleware(store: services.store, configuration: services.configuration))

    SystemRoutes(services: services).register(on: router)
    AccountRoutes(services: services).register(on: router)
    let workspace = router.group("w/:workspace").add(middleware: WorkspaceMiddleware(store: services.store))
    OverviewPage(services: services).register(on: workspace)
    MentionPages(services: services).register(on: workspace)
    InboxPages(services: services).register(on: workspace)
    SettingsPages(services: services).register(on: workspace)
    AlertPages(services: services).register(on: workspace)
    let api = router.group("api/v1").add(middleware: APITokenMiddleware(store: services.store))
    APIRoutes(services: services).register(on: api)
    return router
}

/// What the command line needs from the workbench, without importing a server library.
public enum Workbench {
    /// Builds the application and serves until SIGINT or SIGTERM, letting requests under way
    /// finish. `onReady` runs once the files are loaded, just before listening.
    /// `onReady` gets the set-up address (path and token) when the database has nobody yet.
    public static func serve(configuration: WebConfiguration, store: any Store, logger: Logger, onReady: @Sendable (_ setupPath: String?) -> Void) async throws {
        let application = try await buildApplication(configuration: configuration, store: store, logger: logger)
        onReady(try await store.userCount() == 0 ? "/setup?token=\(configuration.setupToken)" : nil)
        try await application.runService()
    }
}

/// API tokens: random, shown once, kept as a digest.
public enum WebTokens {
    /// Creates a token for the workspace and returns it (`bbl_` and 43 random characters).
    public static func create(role: WorkspaceRole, label: String, in workspace: Workspace, store: any Store) async throws -> String {
        let token = SecretTokens.random(prefix: "bbl_")
        _ = try await store.createAPIToken(
            tokenHash: SecretTokens.digest(token), role: role, label: label, in: workspace, at: Timestamp(epochSeconds: Date().timeIntervalSince1970))
        return token
    }
}
