import BabillardCore
import BabillardStore
@testable import BabillardWeb
import Foundation
import NIOFoundationCompat
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing

@Suite("No one sees or changes another workspace's data")
struct WorkspaceIsolationTests {
    @Test("a member of one workspace gets 404 for the other's pages, items and inbox, and changes nothing")
    func userIsolation() async throws {
        let (fixture, configuration) = try await WebFixture.make()
        let app = try await fixture.application(configuration)
        let secret = fixture.items["secret-1"]!
        #expect(try await fixture.store.inboxEntry(itemID: secret, in: fixture.beta) != nil, "the fixture's beta complaint is in beta's inbox")
        try await app.test(.router) { client in
            let browser = Browser(client)
            try await browser.signIn("owner@example.test")
            let alpha = fixture.alpha.id, beta = fixture.beta.id
            for path in ["/w/\(beta)/overview", "/w/\(beta)/mentions", "/w/\(beta)/inbox", "/w/\(beta)/settings", "/w/\(alpha)/items/\(secret)",
                         "/w/\(alpha)/inbox/\(secret)", "/w/\(beta)/items/\(secret)", "/w/999/overview"]
            {
                let page = try await browser.get(path)
                #expect(page.status == .notFound, "\(path) answered \(page.status)")
                #expect(!page.body.contains("concurrence"), "\(path) leaked beta's text")
            }
            // Search in alpha never returns beta's items.
            let search = try await browser.get("/w/\(alpha)/mentions?q=croissant%20OR%20croissants")
            #expect(search.body.contains("croissants") && !search.body.contains("concurrence"))
            // Changes aimed at beta's item through alpha's address change nothing.
            _ = try await browser.get("/w/\(alpha)/overview")
            #expect(try await browser.post("/w/\(alpha)/items/\(secret)/correct", [("field", "sentiment"), ("value", "positive")]).status == .notFound)
            #expect(try await browser.post("/w/\(alpha)/inbox/\(secret)", [("action", "note"), ("body", "hello")]).status == .notFound)
            #expect(try await browser.post("/w/\(alpha)/inbox/\(secret)", [("action", "state"), ("state", "done")]).status == .notFound)
            #expect(try await browser.post("/w/\(alpha)/items/\(secret)/inbox", []).status == .notFound)
            #expect(try await fixture.store.corrections(in: fixture.beta).isEmpty)
            #expect(try await fixture.store.inboxEvents(itemID: secret, in: fixture.beta).isEmpty)
            #expect(try await fixture.store.inboxEntry(itemID: secret, in: fixture.beta)?.state == .new)
        }
    }

    @Test("an API token reads only its workspace: search, items, threads, authors and inbox actions")
    func tokenIsolation() async throws {
        let (fixture, configuration) = try await WebFixture.make()
        let alphaToken = try await WebTokens.create(role: .agent, label: "test", in: fixture.alpha, store: fixture.store)
        let betaToken = try await WebTokens.create(role: .owner, label: "test", in: fixture.beta, store: fixture.store)
        let app = try await fixture.application(configuration)
        let secret = fixture.items["secret-1"]!
        try await app.test(.router) { client in
            func get(_ uri: String, _ token: String?) async throws -> (HTTPResponse.Status, [String: Any]) {
                var headers: HTTPFields = [:]
                if let token { headers[.authorization] = "Bearer \(token)" }
                let response = try await client.execute(uri: uri, method: .get, headers: headers)
                let json = (try? JSONSerialization.jsonObject(with: Data(buffer: response.body))) as? [String: Any] ?? [:]
                return (response.status, json)
            }
            let (status, json) = try await get("/api/v1/items?q=croissant%20OR%20croissants&limit=10", alphaToken)
            #expect(status == .ok)
            let texts = (json["items"] as? [[String: Any]] ?? []).compactMap { $0["text"] as? String }
            #expect(!texts.isEmpty && texts.allSatisfy { !$0.contains("concurrence") })
            let (betaStatus, betaJSON) = try await get("/api/v1/items?q=croissant%20OR%20croissants", betaToken)
            #expect(betaStatus == .ok && (betaJSON["items"] as? [[String: Any]])?.count == 1)
            for uri in ["/api/v1/items/\(secret)", "/api/v1/items/\(secret)/thread"] {
                #expect(try await get(uri, alphaToken).0 == .notFound, "\(uri)")
            }
            #expect(try await get("/api/v1/items/\(secret)", betaToken).0 == .ok)
            let post = try await client.execute(
                uri: "/api/v1/inbox/\(secret)", method: .post, headers: [.authorization: "Bearer \(alphaToken)", .contentType: "application/json"],
                body: ByteBuffer(string: #"{"state": "done", "note": "sneaky"}"#))
            #expect(post.status == .notFound)
            #expect(try await fixture.store.inboxEntry(itemID: secret, in: fixture.beta)?.state == .new)
            #expect(try await fixture.store.inboxEvents(itemID: secret, in: fixture.beta).isEmpty)
            // No token, a wrong token, a revoked token: 401 with a JSON error.
            let (none, noneJSON) = try await get("/api/v1/items?q=croissant", nil)
            #expect(none == .unauthorized && (noneJSON["error"] as? [String: Any])?["code"] as? String == "unauthorized")
            #expect(try await get("/api/v1/items", "bbl_not-a-token").0 == .unauthorized)
            let tokens = try await fixture.store.apiTokens(in: fixture.alpha)
            #expect(try await fixture.store.revokeAPIToken(id: tokens[0].id, in: fixture.beta, at: Timestamp(epochSeconds: 0)) == false, "beta cannot revoke alpha's token")
            _ = try await fixture.store.revokeAPIToken(id: tokens[0].id, in: fixture.alpha, at: Timestamp(epochSeconds: Date().timeIntervalSince1970))
            #expect(try await get("/api/v1/items", alphaToken).0 == .unauthorized)
        }
    }
}
