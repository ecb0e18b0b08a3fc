import BabillardCore
import BabillardStore
import Foundation
import HTTPTypes
import Hummingbird
import Logging

/// What the workbench knows about a request as it goes through the middleware: who is signed
/// in (or which API token), in which workspace and role, and in which language to answer.
public struct WebRequestContext: RequestContext {
    public var coreContext: CoreRequestContextStorage
    /// The signed-in person and their session (nil for visitors and API calls).
    var user: UserRecord?
    var session: WebSessionRecord?
    /// The API token of a `/api` call.
    var apiToken: APITokenRecord?
    /// The workspace of a `/w/{id}/…` page or an API call, once membership is checked.
    var workspace: Workspace?
    var role: WorkspaceRole?
    var locale: WebLocale = .english
    /// The visitor CSRF token (cookie) that sign-in forms send back; see `WebCookies.visitorCSRF`.
    var visitorCSRF: String?

    /// The client's address as the connection shows it (a proxy's, behind one), for rate limiting.
    var remoteAddress: String

    public init(source: Source) {
        coreContext = .init(source: source)
        remoteAddress = source.channel.remoteAddress?.ipAddress ?? "unknown"
    }

    /// Forms and JSON bodies are small; anything bigger is refused with 413.
    public var maxUploadSize: Int { 256 * 1024 }

    /// The workspace and role, which every `/w/` and `/api` handler runs with (the middleware
    /// guarantees them; a handler mounted elsewhere by mistake answers 404 rather than leak).
    func scope() throws -> (workspace: Workspace, role: WorkspaceRole) {
        guard let workspace, let role else { throw HTTPError(.notFound) }
        return (workspace, role)
    }

    func require(_ minimum: WorkspaceRole) throws -> (workspace: Workspace, role: WorkspaceRole) {
        let scope = try scope()
        guard scope.role >= minimum else {
            throw WebError.forbidden(needed: minimum)
        }
        return scope
    }
}
