import BabillardCore
import BabillardStore
import Foundation
import HTTPTypes
import Hummingbird
import Logging
import Mustache

/// Renders pages: a template of `templates/` inside `layout.mustache`, with the strings of the
/// visitor's language as `t`, and the security headers every page carries.
struct PageRenderer: Sendable {
    let library: MustacheLibrary
    let strings: StringCatalogue

    init(resources: URL) async throws {
        let folder = resources.appendingPathComponent("templates").path
        do {
            library = try await MustacheLibrary(directory: folder)
        } catch {
            throw WebStartupError("Cannot read the page templates in \(folder): \(error). Reinstall Babillard.")
        }
        strings = try StringCatalogue(directory: resources)
        guard library.getTemplate(named: "layout") != nil else {
            throw WebStartupError("The page template \(folder)/layout.mustache is missing. Reinstall Babillard.")
        }
    }

    /// A whole page. `data` is what the template reads; the layout adds the navigation.
    func page(
        _ template: String, title: String, data: [String: Any], context: WebRequestContext, status: HTTPResponse.Status = .ok,
        headers: HTTPFields = [:]
    ) -> Response {
        var values = base(context)
        for (key, value) in data { values[key] = value }
        values = Self.withoutNils(values)
        // The catalogue's table has no optionals: added after the walk, which would otherwise visit every string.
        values["t"] = strings.table(context.locale)
        values["pageTitle"] = title
        let content = library.render(values, withTemplate: template) ?? ""
        values["content"] = content
        let html = library.render(values, withTemplate: "layout") ?? content
        return Self.html(html, status: status, headers: headers)
    }

    /// What every template may read: strings, language, who is signed in, where they are.
    func base(_ context: WebRequestContext) -> [String: Any] {
        var values: [String: Any] = [
            "lang": context.locale.rawValue,
            "french": context.locale == .french,
        ]
        if let user = context.user {
            values["user"] = ["name": user.displayName, "email": user.email, "id": user.id]
        }
        if let session = context.session { values["csrf"] = session.csrfToken }
        if let workspace = context.workspace, let role = context.role {
            values["workspace"] = ["id": workspace.id, "name": workspace.name]
            values["canAgent"] = role >= .agent
            values["canManage"] = role >= .manager
            values["isOwner"] = role >= .owner
        }
        return values
    }

    /// Turns absent optionals (which Mustache would print as "nil") and empty strings into
    /// `Blank`, and unwraps present ones, through nested dictionaries and arrays, so that views
    /// can write `value as Any`. The key stays: a missing key would make Mustache look it up in
    /// the enclosing context (an item without a title would show the page's title).
    static func withoutNils(_ values: [String: Any]) -> [String: Any] {
        var result: [String: Any] = [:]
        for (key, value) in values {
            result[key] = clean(value) ?? Blank()
        }
        return result
    }

    /// What an absent value or an empty string becomes: nothing when written, false for a section
    /// (Mustache would otherwise open `{{#previous}}…{{/previous}}` for an empty string).
    struct Blank: MustacheCustomRenderable {
        var renderText: String { "" }
        var isNull: Bool { true }
    }

    private static func clean(_ value: Any) -> Any? {
        // The common leaves first: reflecting on every string of a page is a sixth of its cost.
        // `as?` (not `is`) so that a present optional comes out unwrapped.
        if let string = value as? String { return string.isEmpty ? Blank() : string }
        if let flag = value as? Bool { return flag }
        if let number = value as? Int { return number }
        if let number = value as? Int64 { return number }
        if let dictionary = value as? [String: Any] { return withoutNils(dictionary) }
        if let array = value as? [[String: Any]] { return array.map(withoutNils) }
        let mirror = Mirror(reflecting: value)
        if mirror.displayStyle == .optional {
            guard let wrapped = mirror.children.first?.value else { return nil }
            return clean(wrapped)
        }
        return value
    }

    static func html(_ html: String, status: HTTPResponse.Status = .ok, headers: HTTPFields = [:]) -> Response {
        var fields = headers
        fields[.contentType] = "text/html; charset=utf-8"
        addSecurityHeaders(&fields)
        return Response(status: status, headers: fields, body: .init(byteBuffer: ByteBuffer(string: html)))
    }

    /// No inline script, no framing, no sniffing, no referrer leaking item ids to other sites.
    static func addSecurityHeaders(_ fields: inout HTTPFields) {
        fields[.contentSecurityPolicy] = "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; frame-ancestors 'none'; form-action 'self'; base-uri 'none'"
        fields[.xContentTypeOptions] = "nosniff"
        fields[HTTPField.Name("Referrer-Policy")!] = "same-origin"
        fields[.cacheControl] = "no-store"
    }

    static func redirect(to location: String, headers: HTTPFields = [:]) -> Response {
        var fields = headers
        fields[.location] = location
        return Response(status: .seeOther, headers: fields)
    }
}
