import BabillardCore
import BabillardStore
@testable import BabillardWeb
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdOTP
import HummingbirdTesting
import Testing

@Suite("Signing in, sessions, CSRF and second factor")
struct AuthenticationTests {
    @Test("a new database sends visitors to the set-up page, which creates the owner and the workspace")
    func firstRunSetUp() async throws {
        let folder = TemporaryDirectoryForSetUp()
        let store = try SQLiteStore(path: folder.path)
        var configuration = WebConfiguration(bcryptCost: 4)
        configuration.setupToken = "the-setup-token"
        let app = try await buildApplication(configuration: configuration, store: store)
        try await app.test(.router) { client in
            let browser = Browser(client)
            let root = try await browser.get("/")
            #expect(root.status == .seeOther && root.location == "/setup")
            // Without the token printed by the server, nobody can claim the owner's account.
            #expect(try await browser.get("/setup").status == .forbidden)
            let setup = try await browser.get("/setup?token=the-setup-token")
            #expect(setup.body.contains("Welcome to Babillard"))
            #expect(try await browser.post("/setup", [("email", "x@example.test"), ("password", "a long enough password"), ("setup_token", "guess")]).status == .forbidden)
            let short = try await browser.post("/setup", [("email", "me@example.test"), ("password", "short"), ("workspace", "mon-café"), ("setup_token", "the-setup-token")])
            #expect(short.status == .badRequest)
            #expect(try await store.userCount() == 0)
            let created = try await browser.post("/setup", [("email", "Me@Example.test"), ("password", "a long enough password"), ("workspace", "mon-café"), ("setup_token", "the-setup-token")])
            #expect(created.status == .seeOther)
            #expect(browser.cookies["babillard_session"] != nil)
            let owner = try #require(try await store.user(email: "me@example.test"))
            let memberships = try await store.memberships(ofUser: owner.id)
            #expect(memberships.map(\.workspace.name) == ["mon-café"] && memberships.map(\.role) == [.owner])
            // Once someone exists, set-up is closed.
            let again = try await Browser(client).get("/setup?token=the-setup-token")
            #expect(again.status == .seeOther && again.location == "/login")
        }
    }

    @Test("the session cookie is Secure, HttpOnly and SameSite; a wrong password is refused with 401 and opens nothing")
    func signInAndCookies() async throws {
        let (fixture, configuration) = try await WebFixture.make()
        let app = try await fixture.application(configuration)
        try await app.test(.router) { client in
            let browser = Browser(client)
            let wrong = try await browser.signIn("owner@example.test", password: "not the password")
            #expect(wrong.status == .unauthorized)
            #expect(wrong.body.contains("do not match an account"))
            #expect(browser.cookies["babillard_session"] == nil)
            let right = try await browser.signIn("OWNER@example.test")
            #expect(right.status == .seeOther)
            let cookie = try #require(right.headers[values: .setCookie].first { $0.hasPrefix("babillard_session=") })
            #expect(cookie.contains("Secure") && cookie.contains("HttpOnly") && cookie.contains("SameSite=Lax"))
            let overview = try await browser.get("/w/\(fixture.alpha.id)/overview")
            #expect(overview.status == .ok)
            // The database keeps only a digest of the token.
            let token = try #require(browser.cookies["babillard_session"])
            #expect(try await fixture.store.session(tokenHash: token, at: Timestamp(epochSeconds: Date().timeIntervalSince1970)) == nil)
        }
    }

    @Test("after too many failures sign-in answers 429 with Retry-After, even with the right password")
    func rateLimited() async throws {
        let (fixture, configuration) = try await WebFixture.make(loginAttempts: 3)
        let app = try await fixture.application(configuration)
        try await app.test(.router) { client in
            let browser = Browser(client)
            for _ in 0..<3 { #expect(try await browser.signIn("agent@example.test", password: "guess guess guess").status == .unauthorized) }
            let blocked = try await browser.signIn("agent@example.test")
            #expect(blocked.status == .tooManyRequests)
            #expect(Int(blocked.headers[.retryAfter] ?? "") ?? 0 > 0)
            #expect(browser.cookies["babillard_session"] == nil)
            // Another person is not blocked by it.
            #expect(try await Browser(client).signIn("owner@example.test").status == .seeOther)
        }
    }

    @Test("a form without its CSRF token, or with another session's, is refused with 403 and changes nothing")
    func csrf() async throws {
        let (fixture, configuration) = try await WebFixture.make()
        let app = try await fixture.application(configuration)
        try await app.test(.router) { client in
            let browser = Browser(client)
            try await browser.signIn("agent@example.test")
            let item = fixture.items["c-1"]!
            let missing = try await browser.post("/w/\(fixture.alpha.id)/items/\(item)/correct", [("field", "sentiment"), ("value", "positive")], csrf: false)
            #expect(missing.status == .forbidden)
            let other = Browser(client)
            try await other.signIn("owner@example.test")
            _ = try await other.get("/w/\(fixture.alpha.id)/overview")
            let forged = try await browser.post(
                "/w/\(fixture.alpha.id)/items/\(item)/correct", [("field", "sentiment"), ("value", "positive"), ("_csrf", other.lastCSRF!)])
            #expect(forged.status == .forbidden)
            #expect(try await fixture.store.corrections(in: fixture.alpha).isEmpty)
            // With its own token it works.
            _ = try await browser.get("/w/\(fixture.alpha.id)/items/\(item)")
            let valid = try await browser.post("/w/\(fixture.alpha.id)/items/\(item)/correct", [("field", "sentiment"), ("value", "positive")])
            #expect(valid.status == .seeOther)
            #expect(try await fixture.store.corrections(in: fixture.alpha).map(\.value) == ["positive"])
        }
    }

    @Test("a tampered or expired session cookie is a visitor: pages redirect to sign-in")
    func tamperedAndExpired() async throws {
        let (fixture, configuration) = try await WebFixture.make()
        let app = try await fixture.application(configuration)
        try await app.test(.router) { client in
            let browser = Browser(client)
            try await browser.signIn("viewer@example.test")
            let token = browser.cookies["babillard_session"]!
            browser.cookies["babillard_session"] = String(token.dropLast()) + (token.last == "A" ? "B" : "A")
            let tampered = try await browser.get("/w/\(fixture.alpha.id)/overview")
            #expect(tampered.status == .seeOther && tampered.location?.hasPrefix("/login?next=") == true)
            // Expire the real session in the store.
            browser.cookies["babillard_session"] = token
            let record = try #require(try await fixture.store.session(tokenHash: digest(token), at: Timestamp(epochSeconds: Date().timeIntervalSince1970)))
            try await fixture.store.deleteSession(tokenHash: record.tokenHash)
            var expired = record
            expired.expiresAt = Timestamp(epochSeconds: Date().timeIntervalSince1970 - 1)
            try await fixture.store.createSession(expired, at: Timestamp(epochSeconds: Date().timeIntervalSince1970 - 100))
            #expect(try await browser.get("/w/\(fixture.alpha.id)/overview").status == .seeOther)
        }
    }

    @Test("signing out ends the session on the server")
    func signOut() async throws {
        let (fixture, configuration) = try await WebFixture.make()
        let app = try await fixture.application(configuration)
        try await app.test(.router) { client in
            let browser = Browser(client)
            try await browser.signIn("viewer@example.test")
            let token = browser.cookies["babillard_session"]!
            _ = try await browser.get("/w/\(fixture.alpha.id)/overview")
            #expect(try await browser.post("/logout", []).location == "/login")
            browser.cookies["babillard_session"] = token  // a copy of the old cookie opens nothing
            #expect(try await browser.get("/w/\(fixture.alpha.id)/overview").status == .seeOther)
        }
    }

    @Test("with a second factor, the password alone opens nothing; the TOTP code does")
    func secondFactor() async throws {
        let (fixture, configuration) = try await WebFixture.make()
        let secret = "ABCDEFGHIJKLMNOPQRST"
        try await fixture.store.updateUser(id: fixture.users["owner"]!.id, passwordHash: nil, locale: nil, totpSecret: .some(secret), displayName: nil, totpLastStep: nil)
        let app = try await fixture.application(configuration)
        try await app.test(.router) { client in
            let browser = Browser(client)
            let afterPassword = try await browser.signIn("owner@example.test")
            #expect(afterPassword.location?.hasPrefix("/login/code") == true)
            #expect(try await browser.get("/w/\(fixture.alpha.id)/overview").status == .seeOther)
            _ = try await browser.get("/login/code")
            #expect(try await browser.post("/login/code", [("code", "000000")]).status == .unauthorized)
            let code = String(format: "%06d", TOTP(secret: secret).compute(date: Date()))
            let done = try await browser.post("/login/code", [("code", code)])
            #expect(done.status == .seeOther)
            #expect(try await browser.get("/w/\(fixture.alpha.id)/overview").status == .ok)
            // The same code does not open a second session.
            let replay = Browser(client)
            try await replay.signIn("owner@example.test")
            _ = try await replay.get("/login/code")
            #expect(try await replay.post("/login/code", [("code", code)]).status == .unauthorized)
        }
    }
}

/// A database path in a fresh folder, for tests that need an empty store.
struct TemporaryDirectoryForSetUp {
    let path: String
    init() {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("babillard-setup-\(UUID().uuidString)")
        try? FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        path = folder.appendingPathComponent("setup.sqlite").path
    }
}

func digest(_ token: String) -> String { SecretTokens.digest(token) }
