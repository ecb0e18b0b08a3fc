import BabillardCore
import BabillardStore
import Foundation
import HTTPTypes
import Hummingbird
import Logging

/// The fields of a submitted form, read only after its CSRF token has been checked: the one
/// way handlers read a form, so that no form can skip the check.
struct FormInput: Sendable {
    private var fields: [String: [String]]

    /// Reads an `application/x-www-form-urlencoded` body of at most `limit` bytes and checks
    /// that its `_csrf` field matches the session's token (or, before signing in, the visitor's
    /// CSRF cookie).
    static func read(_ request: Request, context: WebRequestContext, limit: Int = 64 * 1024) async throws -> FormInput {
        let body: ByteBuffer
        do {
            body = try await request.body.collect(upTo: limit)
        } catch {
            throw WebError.tooLarge
        }
        guard let text = String(validating: body.readableBytesView, as: UTF8.self) else {
            throw WebError.badRequest(key: "error_not_utf8")
        }
        guard let form = parse(text) else { throw WebError.badRequest(key: "error_not_utf8") }
        let expected = context.session?.csrfToken ?? request.cookies[WebCookies.visitorCSRF]?.value
        guard let expected, let sent = form.fields["_csrf"]?.first, SecretTokens.equal(sent, expected) else {
            throw WebError.missingCSRF
        }
        return form
    }

    /// Parses `a=1&b=x+y`; nil when a value is not valid percent-encoded UTF-8.
    static func parse(_ text: String) -> FormInput? {
        var fields: [String: [String]] = [:]
        for pair in text.split(separator: "&", omittingEmptySubsequences: true) {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            guard let name = decode(parts[0]), let value = decode(parts.count > 1 ? parts[1] : "") else { return nil }
            fields[name, default: []].append(value)
        }
        return FormInput(fields: fields)
    }

    private static func decode(_ text: Substring) -> String? {
        String(text).replacingOccurrences(of: "+", with: " ").removingPercentEncoding
    }

    subscript(_ name: String) -> String? { fields[name]?.first }

    /// A field's value without surrounding spaces; nil when missing or empty.
    func trimmed(_ name: String) -> String? {
        guard let value = fields[name]?.first?.trimmingCharacters(in: .whitespacesAndNewlines), !value.isEmpty else { return nil }
        return value
    }

    func all(_ name: String) -> [String] { fields[name] ?? [] }
}

/// The query string of a request, refused with 400 when it is not valid percent-encoded UTF-8
/// (Hummingbird would otherwise replace the bad bytes silently).
struct QueryInput: Sendable {
    private let form: FormInput

    init(_ request: Request) throws {
        guard let parsed = FormInput.parse(request.uri.query ?? "") else { throw WebError.badRequest(key: "error_not_utf8") }
        form = parsed
    }

    subscript(_ name: String) -> String? { form.trimmed(name) }

    func int(_ name: String) -> Int? { self[name].flatMap { Int($0) } }

    /// Lists stop this deep: an offset is skipped row by row, so a page a million rows down
    /// would read a million rows. Past it, the answer asks for a narrower search.
    static let maximumOffset = 10_000

    /// `offset` (0 when absent), or a 400 naming the limit.
    func offset() throws -> Int {
        let offset = max(int("offset") ?? 0, 0)
        guard offset <= Self.maximumOffset else { throw WebError.badRequest(key: "error_offset", values: ["max": String(Self.maximumOffset)]) }
        return offset
    }

    /// The offset of page `page` (from 1) of `pageSize` rows, or a 400 past `maximumOffset`.
    func pageOffset(pageSize: Int) throws -> (page: Int, offset: Int) {
        let page = max(1, int("page") ?? 1)
        let offset = (page - 1).multipliedReportingOverflow(by: pageSize)
        guard !offset.overflow, offset.partialValue <= Self.maximumOffset else {
            throw WebError.badRequest(key: "error_offset", values: ["max": String(Self.maximumOffset)])
        }
        return (page, offset.partialValue)
    }
}

/// The names of the workbench's cookies.
enum WebCookies {
    static let session = "babillard_session"
    /// A random token given to visitors who are not signed in, which the sign-in and set-up
    /// forms send back (double-submit), so that another site cannot sign someone in.
    static let visitorCSRF = "babillard_csrf"
}
