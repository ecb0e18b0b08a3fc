import BabillardCore
import BabillardStore
import Foundation
import HTTPTypes
import Hummingbird
import Logging

/// Turns every error into a page in the visitor's language (or a JSON error under `/api`),
/// with the right status code, and logs it without secrets (no cookies, no form values).
struct ErrorPageMiddleware: RouterMiddleware {
    typealias Context = WebRequestContext
    let renderer: PageRenderer

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        do {
            return try await next(request, context)
        } catch {
            let (status, key, values, code, extra) = Self.describe(error)
            if status == .internalServerError {
                context.logger.error("request failed", metadata: ["path": "\(request.uri.path)", "error": "\(String(describing: error))"])
            } else {
                context.logger.info("request refused", metadata: ["path": "\(request.uri.path)", "status": "\(status.code)", "reason": "\(code)"])
            }
            if request.uri.path.hasPrefix("/api/") || request.uri.path == "/api" {
                let message = renderer.strings.format(key, .english, values)
                var headers = extra
                headers[.contentType] = "application/json; charset=utf-8"
                if status == .unauthorized { headers[.wwwAuthenticate] = "Bearer realm=\"babillard\"" }
                var body = "{\"error\":{\"code\":"
                JSONQuoting.appendQuoted(code, to: &body)
                body += ",\"message\":"
                JSONQuoting.appendQuoted(message, to: &body)
                body += "}}"
                return Response(status: status, headers: headers, body: .init(byteBuffer: ByteBuffer(string: body)))
            }
            if case WebError.notSignedIn = error {
                let next = request.uri.path + (request.uri.query.map { "?" + $0 } ?? "")
                return PageRenderer.redirect(to: "/login?next=" + (next.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "/"))
            }
            let message = renderer.strings.format(key, context.locale, values)
            return renderer.page(
                "error", title: renderer.strings["error_title", context.locale],
                data: ["status": Int(status.code), "message": message], context: context, status: status, headers: extra)
        }
    }

    static func describe(_ error: any Error) -> (HTTPResponse.Status, String, [String: String], String, HTTPFields) {
        switch error {
        case let error as WebError:
            var headers: HTTPFields = [:]
            if case .tooManyAttempts(let seconds) = error { headers[.retryAfter] = String(seconds) }
            return (error.status, error.message.key, error.message.values, error.code, headers)
        case let error as StoreError:
            switch error.kind {
            case .notFound: return (.notFound, "error_not_found", [:], "not_found", [:])
            case .invalidQuery: return (.badRequest, "error_query", ["message": error.message], "bad_query", [:])
            case .conflict: return (.conflict, "error_conflict", ["message": error.message], "conflict", [:])
            case .busy: return (.serviceUnavailable, "error_busy", [:], "busy", [.retryAfter: "5"])
            default: return (.internalServerError, "error_internal", [:], "internal", [:])
            }
        case let error as HTTPError:
            switch error.status {
            case .notFound: return (.notFound, "error_not_found", [:], "not_found", [:])
            case .contentTooLarge: return (.contentTooLarge, "error_too_large", [:], "too_large", [:])
            case .methodNotAllowed: return (.methodNotAllowed, "error_method", [:], "method_not_allowed", [:])
            case .badRequest: return (.badRequest, "error_bad_request", [:], "bad_request", [:])
            default: return (error.status, "error_internal", [:], "http_\(error.status.code)", [:])
            }
        default:
            return (.internalServerError, "error_internal", [:], "internal", [:])
        }
    }
}

/// Finds who is signed in (from the session cookie) and which language to speak; gives
/// visitors a CSRF cookie for the sign-in forms.
struct VisitorMiddleware: RouterMiddleware {
    typealias Context = WebRequestContext
    let store: any Store
    let configuration: WebConfiguration

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        var context = context
        let now = Timestamp.now
        if let token = request.cookies[WebCookies.session]?.value, !token.isEmpty,
           let session = try await store.session(tokenHash: SecretTokens.digest(token), at: now),
           let user = try await store.user(id: session.userID)
        {
            context.session = session
            context.user = user
        }
        let header = request.headers[.acceptLanguage]
        context.locale = context.user?.locale.flatMap(WebLocale.init(rawValue:)) ?? WebLocale.negotiate(acceptLanguage: header) ?? .english
        var newVisitorToken: String?
        if context.session == nil, request.cookies[WebCookies.visitorCSRF] == nil, !request.uri.path.hasPrefix("/api/") {
            newVisitorToken = SecretTokens.random()
            context.visitorCSRF = newVisitorToken
        } else {
            context.visitorCSRF = request.cookies[WebCookies.visitorCSRF]?.value
        }
        var response = try await next(request, context)
        if let newVisitorToken {
            response.setCookie(Cookie(
                name: WebCookies.visitorCSRF, value: newVisitorToken, path: "/", secure: configuration.secureCookies, httpOnly: true, sameSite: .strict))
        }
        return response
    }
}

/// `/w/{workspace}/…`: the signed-in person must belong to the workspace; otherwise 404, so
/// that nobody learns which workspaces exist.
struct WorkspaceMiddleware: RouterMiddleware {
    typealias Context = WebRequestContext
    let store: any Store

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        guard let user = context.user, let session = context.session, !session.secondFactorPending else { throw WebError.notSignedIn }
        guard let id = context.parameters.get("workspace", as: Int64.self),
              let membership = try await store.memberships(ofUser: user.id).first(where: { $0.workspace.id == id })
        else { throw WebError.notFound }
        var context = context
        context.workspace = membership.workspace
        context.role = membership.role
        if session.workspaceID != id {
            try await store.updateSession(tokenHash: session.tokenHash, workspaceID: id, secondFactorPending: false)
        }
        return try await next(request, context)
    }
}

/// `/api/v1/…`: a workspace's API token in `Authorization: Bearer`, or 401.
struct APITokenMiddleware: RouterMiddleware {
    typealias Context = WebRequestContext
    let store: any Store

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        guard let header = request.headers[.authorization], header.lowercased().hasPrefix("bearer ") else { throw WebError.unauthorizedAPI }
        let token = header.dropFirst("bearer ".count).trimmingCharacters(in: .whitespaces)
        guard !token.isEmpty, let record = try await store.apiToken(tokenHash: SecretTokens.digest(token), at: .now) else {
            throw WebError.unauthorizedAPI
        }
        var context = context
        context.apiToken = record
        context.workspace = record.workspace
        context.role = record.role
        return try await next(request, context)
    }
}

extension Timestamp {
    static var now: Timestamp { Timestamp(epochSeconds: Date().timeIntervalSince1970) }
}
