import BabillardCore
import BabillardStore
import Foundation
import HTTPTypes
import Hummingbird
import Logging

/// How `babillard serve` (and `demo`, and the tests) run the workbench.
public struct WebConfiguration: Sendable {
    public var host: String
    public var port: Int
    /// Marks session cookies `Secure`. Browsers keep such cookies on https and on
    /// http://localhost or 127.0.0.1; turn it off only behind a proxy that serves plain http
    /// elsewhere (never on the open internet).
    public var secureCookies: Bool
    /// bcrypt's cost for new passwords (2^cost rounds). 12 takes ~0.25 s on these machines;
    /// tests lower it.
    public var bcryptCost: UInt8
    /// How long a session lasts without signing in again.
    public var sessionLifetimeSeconds: Int64
    /// Failed sign-ins allowed per address and per client within `loginWindowSeconds`.
    public var loginAttempts: Int
    public var loginWindowSeconds: Int64
    /// Templates, strings, CSS and the OpenAPI document; found beside the executable by default.
    public var resourcesDirectory: String?
    /// Checks alerts and sends webhooks once a minute while serving.
    public var checkAlerts: Bool = true
    /// The token of the first-run set-up address; random for each start unless given (tests).
    public var setupToken: String = SecretTokens.random()
    /// Whether owners may point webhooks at this machine or a private network (`WebhookAddress`).
    public var allowPrivateWebhooks: Bool = false

    public init(
        host: String = "127.0.0.1", port: Int = 8080, secureCookies: Bool = true, bcryptCost: UInt8 = 12,
        sessionLifetimeSeconds: Int64 = 12 * 3600, loginAttempts: Int = 5, loginWindowSeconds: Int64 = 15 * 60,
        resourcesDirectory: String? = nil
    ) {
        self.host = host
        self.port = port
        self.secureCookies = secureCookies
        self.bcryptCost = bcryptCost
        self.sessionLifetimeSeconds = sessionLifetimeSeconds
        self.loginAttempts = loginAttempts
        self.loginWindowSeconds = loginWindowSeconds
        self.resourcesDirectory = resourcesDirectory
    }
}
