import BabillardCore
import BabillardStore
import Foundation
import HTTPTypes
import Hummingbird
import Logging
import Prometheus

/// `/health`, `/metrics` (Prometheus), `/openapi.json` and `/`.
struct SystemRoutes {
    let services: WebServices

    func register(on router: Router<WebRequestContext>) {
        router.get("health") { _, _ in
            // A read that touches the database: a server whose store is gone is not healthy.
            do {
                _ = try await services.store.userCount()
                return Self.json("{\"status\":\"ok\"}")
            } catch {
                return Self.json("{\"status\":\"unavailable\"}", status: .serviceUnavailable)
            }
        }
        router.get("metrics") { _, _ in
            var headers = HTTPFields()
            headers[.contentType] = "text/plain; version=0.0.4; charset=utf-8"
            return Response(status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: services.prometheus.emitToBuffer())))
        }
        router.get("openapi.json") { _, _ in
            let data = try Data(contentsOf: services.resources.appendingPathComponent("openapi.json"))
            var headers = HTTPFields()
            headers[.contentType] = "application/json; charset=utf-8"
            return Response(status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: data)))
        }
        router.get("/") { _, context in
            if try await services.store.userCount() == 0 { return PageRenderer.redirect(to: "/setup") }
            guard let user = context.user, context.session?.secondFactorPending == false else { return PageRenderer.redirect(to: "/login") }
            let memberships = try await services.store.memberships(ofUser: user.id)
            if let current = context.session?.workspaceID, memberships.contains(where: { $0.workspace.id == current }) {
                return PageRenderer.redirect(to: "/w/\(current)/overview")
            }
            if memberships.count == 1 { return PageRenderer.redirect(to: "/w/\(memberships[0].workspace.id)/overview") }
            return PageRenderer.redirect(to: "/workspaces")
        }
    }

    static func json(_ body: String, status: HTTPResponse.Status = .ok) -> Response {
        var headers = HTTPFields()
        headers[.contentType] = "application/json; charset=utf-8"
        headers[.cacheControl] = "no-store"
        return Response(status: status, headers: headers, body: .init(byteBuffer: ByteBuffer(string: body)))
    }
}
