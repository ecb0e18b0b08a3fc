import BabillardCore
import BabillardPipeline
import BabillardStore
import BabillardTestSupport
import BabillardText
import BabillardWeb
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Logging

/// Two workspaces with real analysed items, people in each role, and a browser-like client
/// that keeps cookies and sends CSRF tokens, over Hummingbird's router test framework.
struct WebFixture {
    static let password = "correct horse battery"
    let folder: TemporaryDirectory
    let store: SQLiteStore
    let alpha: Workspace
    let beta: Workspace
    /// Item ids by a short name.
    let items: [String: Int64]
    let users: [String: UserRecord]

    static func make(loginAttempts: Int = 5) async throws -> (WebFixture, WebConfiguration) {
        let folder = TemporaryDirectory("web")
        let store = try SQLiteStore(path: folder.path("web.sqlite"))
        let alpha = try await store.workspace(named: "alpha")
        let beta = try await store.workspace(named: "beta")
        let now = Date().timeIntervalSince1970
        func at(hoursAgo: Double) -> Timestamp { Timestamp(epochSeconds: now - hoursAgo * 3600) }
        let alice = ActorIdentity(platform: .mastodon, externalID: "1", handle: "@alice@mastodon.social", displayName: "Alice Martin", followers: 12_000)
        let bob = ActorIdentity(platform: .mastodon, externalID: "2", handle: "@bob@piaille.fr", displayName: "Bob", followers: 40)
        let brand = ActorIdentity(platform: .blog, externalID: "melisse", displayName: "Boulangerie Mélisse")
        let alphaRecords: [IngestRecord] = [
            .item(RawItem(platform: .blog, externalID: "post-1", kind: .post, author: brand, createdAt: at(hoursAgo: 30),
                          title: "Nos croissants au beurre", text: "Nous cuisons nos croissants chaque matin avec du beurre de Charentes.", channel: "blog")),
            .item(RawItem(platform: .blog, externalID: "c-1", kind: .comment, parentExternalID: "post-1", rootExternalID: "post-1", author: alice,
                          createdAt: at(hoursAgo: 20), text: "Livraison en retard de deux heures, très déçue. Je veux un remboursement.", channel: "blog")),
            .item(RawItem(platform: .blog, externalID: "c-2", kind: .reply, parentExternalID: "c-1", rootExternalID: "post-1", author: brand,
                          createdAt: at(hoursAgo: 19), text: "Toutes nos excuses Alice, nous vous écrivons en privé.", channel: "blog")),
            .item(RawItem(platform: .blog, externalID: "c-3", kind: .comment, parentExternalID: "post-1", rootExternalID: "post-1", author: bob,
                          createdAt: at(hoursAgo: 10), text: "Est-ce que vous livrez à Montréal le dimanche ?", channel: "blog")),
            .item(RawItem(platform: .mastodon, externalID: "m-1", kind: .post, author: bob, createdAt: at(hoursAgo: 5),
                          text: "Merci pour les croissants, délicieux comme toujours ! J'adore cette boulangerie.")),
        ]
        let betaRecords: [IngestRecord] = [
            .item(RawItem(platform: .mastodon, externalID: "secret-1", kind: .post, author: bob, createdAt: at(hoursAgo: 3),
                          text: "Le croissant de la concurrence est brûlé, service horrible, je suis furieux et je veux être remboursé.")),
        ]
        _ = try await store.write(alphaRecords, into: alpha, at: at(hoursAgo: 0))
        _ = try await store.write(betaRecords, into: beta, at: at(hoursAgo: 0))
        _ = try await store.addWatchTerm(name: "Mélisse", kind: .brand, query: "croissants OR boulangerie", in: alpha, at: at(hoursAgo: 0))
        let analyzer = try TextAnalyzer()
        for workspace in [alpha, beta] {
            _ = try await AnalysisPipeline(store: store, workspace: workspace, analyzer: analyzer).run()
        }
        var items: [String: Int64] = [:]
        for (name, workspace) in [("post-1", alpha), ("c-1", alpha), ("c-2", alpha), ("c-3", alpha), ("m-1", alpha), ("secret-1", beta)] {
            items[name] = try await store.item(platform: name.hasPrefix("m-") || name.hasPrefix("secret") ? .mastodon : .blog, externalID: name, in: workspace)!.id
        }
        var users: [String: UserRecord] = [:]
        let hash = await PasswordHashing.hash(password, cost: 4)
        for (name, workspace, role) in [
            ("owner", alpha, WorkspaceRole.owner), ("agent", alpha, .agent), ("viewer", alpha, .viewer), ("stranger", beta, .owner),
        ] {
            let user = try await store.createUser(email: "\(name)@example.test", displayName: name.capitalized, passwordHash: hash, locale: nil, at: at(hoursAgo: 0))
            try await store.setMembership(userID: user.id, role: role, in: workspace, at: at(hoursAgo: 0))
            users[name] = user
        }
        let configuration = WebConfiguration(bcryptCost: 4, loginAttempts: loginAttempts)
        return (WebFixture(folder: folder, store: store, alpha: alpha, beta: beta, items: items, users: users), configuration)
    }

    func application(_ configuration: WebConfiguration) async throws -> some ApplicationProtocol {
        var logger = Logger(label: "babillard.web.tests")
        logger.logLevel = .warning
        return try await buildApplication(configuration: configuration, store: store, logger: logger)
    }
}

/// A client that behaves like a browser: keeps cookies, reads the CSRF token of the last page.
final class Browser: @unchecked Sendable {
    let client: any TestClientProtocol
    var cookies: [String: String] = [:]
    var lastCSRF: String?
    var acceptLanguage: String?

    init(_ client: any TestClientProtocol) {
        self.client = client
    }

    struct Page {
        var status: HTTPResponse.Status
        var headers: HTTPFields
        var body: String
        var location: String? { headers[.location] }
    }

    @discardableResult
    func get(_ uri: String, headers extra: HTTPFields = [:]) async throws -> Page {
        try await send(uri, method: .get, headers: extra, body: nil)
    }

    /// Posts a form; `_csrf` is the token of the last page read unless the fields give one.
    @discardableResult
    func post(_ uri: String, _ fields: [(String, String)], csrf: Bool = true) async throws -> Page {
        var all = fields
        if csrf, !fields.contains(where: { $0.0 == "_csrf" }), let token = lastCSRF { all.append(("_csrf", token)) }
        let body = all.map { "\(Self.encode($0.0))=\(Self.encode($0.1))" }.joined(separator: "&")
        return try await send(uri, method: .post, headers: [.contentType: "application/x-www-form-urlencoded"], body: ByteBuffer(string: body))
    }

    func send(_ uri: String, method: HTTPRequest.Method, headers extra: HTTPFields, body: ByteBuffer?) async throws -> Page {
        var headers = extra
        if !cookies.isEmpty { headers[.cookie] = cookies.map { "\($0.key)=\($0.value)" }.sorted().joined(separator: "; ") }
        if let acceptLanguage { headers[.acceptLanguage] = acceptLanguage }
        let response = try await client.execute(uri: uri, method: method, headers: headers, body: body)
        for value in response.headers[values: .setCookie] {
            let pair = value.split(separator: ";")[0].split(separator: "=", maxSplits: 1).map(String.init)
            guard pair.count == 2 else { continue }
            if value.contains("Expires=Thu, 01 Jan 1970") || pair[1].isEmpty { cookies[pair[0]] = nil } else { cookies[pair[0]] = pair[1] }
        }
        let text = String(buffer: response.body)
        if let range = text.range(of: #"name="_csrf" value="([^"]+)""#, options: .regularExpression) {
            lastCSRF = String(text[range].split(separator: "\"")[3])
        }
        return Page(status: response.status, headers: response.headers, body: text)
    }

    /// Signs in through the login form; returns the answer to the POST.
    @discardableResult
    func signIn(_ email: String, password: String = WebFixture.password) async throws -> Page {
        try await get("/login")
        return try await post("/login", [("email", email), ("password", password)])
    }

    static func encode(_ text: String) -> String {
        var allowed = CharacterSet.alphanumerics
        allowed.insert(charactersIn: "-._~")
        return text.addingPercentEncoding(withAllowedCharacters: allowed) ?? text
    }
}
