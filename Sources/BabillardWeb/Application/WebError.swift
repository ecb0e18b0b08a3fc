import BabillardCore
import BabillardStore
import Foundation
import HTTPTypes
import Hummingbird
import Logging

/// What went wrong with a request, as the workbench tells it: a status code and a message key of
/// the string catalogue (with values to fill). Pages show it in the visitor's language; the
/// JSON API answers `{"error": {"code", "message"}}` in English.
enum WebError: Error {
    case notSignedIn
    case forbidden(needed: WorkspaceRole)
    case notFound
    case badRequest(key: String, values: [String: String] = [:])
    case missingCSRF
    case tooLarge
    case tooManyAttempts(retryAfter: Int64)
    case unauthorizedAPI
    case conflict(key: String, values: [String: String] = [:])

    var status: HTTPResponse.Status {
        switch self {
        case .notSignedIn, .unauthorizedAPI: .unauthorized
        case .forbidden, .missingCSRF: .forbidden
        case .notFound: .notFound
        case .badRequest: .badRequest
        case .tooLarge: .contentTooLarge
        case .tooManyAttempts: .tooManyRequests
        case .conflict: .conflict
        }
    }

    var code: String {
        switch self {
        case .notSignedIn: "not_signed_in"
        case .forbidden: "forbidden"
        case .notFound: "not_found"
        case .badRequest: "bad_request"
        case .missingCSRF: "csrf"
        case .tooLarge: "too_large"
        case .tooManyAttempts: "too_many_attempts"
        case .unauthorizedAPI: "unauthorized"
        case .conflict: "conflict"
        }
    }

    /// The catalogue key and values of the message.
    var message: (key: String, values: [String: String]) {
        switch self {
        case .notSignedIn: ("error_not_signed_in", [:])
        case .forbidden(let needed): ("error_forbidden", ["role": needed.rawValue])
        case .notFound: ("error_not_found", [:])
        case .badRequest(let key, let values), .conflict(let key, let values): (key, values)
        case .missingCSRF: ("error_csrf", [:])
        case .tooLarge: ("error_too_large", [:])
        case .tooManyAttempts(let seconds): ("error_too_many_attempts", ["minutes": String(max(1, (seconds + 59) / 60))])
        case .unauthorizedAPI: ("error_unauthorized_api", [:])
        }
    }
}
