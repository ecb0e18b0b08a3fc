import BabillardCore
import BabillardStore
@testable import BabillardWeb
import Foundation
import NIOFoundationCompat
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing

@Suite("Every page and route answers as it should")
struct PageRouteTests {
    @Test("health, metrics and the OpenAPI document need no sign-in")
    func systemRoutes() async throws {
        let (fixture, configuration) = try await WebFixture.make()
        let app = try await fixture.application(configuration)
        try await app.test(.router) { client in
            let health = try await client.execute(uri: "/health", method: .get)
            #expect(health.status == .ok && String(buffer: health.body) == #"{"status":"ok"}"#)
            _ = try await client.execute(uri: "/login", method: .get)
            let metrics = String(buffer: try await client.execute(uri: "/metrics", method: .get).body)
            #expect(metrics.contains("# TYPE hb_requests counter"))
            #expect(metrics.contains(#"http_route="/login""#))
            let openapi = try await client.execute(uri: "/openapi.json", method: .get)
            let document = try #require(try JSONSerialization.jsonObject(with: Data(buffer: openapi.body)) as? [String: Any])
            #expect(document["openapi"] as? String == "3.1.0")
            let paths = try #require(document["paths"] as? [String: Any])
            for path in ["/api/v1/items", "/api/v1/items/{item}", "/api/v1/items/{item}/thread", "/api/v1/authors/{actor}", "/api/v1/inbox",
                         "/api/v1/inbox/{item}", "/api/v1/metrics/overview", "/health"] {
                #expect(paths[path] != nil, "\(path) is not in openapi.json")
            }
        }
    }

    @Test("the style sheet and the shortcuts script are served as such, without a session; a missing file is a 404 page")
    func staticFiles() async throws {
        let (fixture, configuration) = try await WebFixture.make()
        let app = try await fixture.application(configuration)
        try await app.test(.router) { client in
            let browser = Browser(client)
            let css = try await browser.get("/static/babillard.css")
            #expect(css.status == .ok && (css.headers[.contentType] ?? "").hasPrefix("text/css") && css.body.contains("{"))
            let script = try await browser.get("/static/keys.js")
            #expect(script.status == .ok && (script.headers[.contentType] ?? "").contains("javascript"))
            let missing = try await browser.get("/static/nothing.css")
            #expect(missing.status == .notFound && missing.body.contains("<html"))
            #expect(try await browser.get("/static/../Package.swift").status != .ok)
        }
    }

    @Test("signed in, every page of the workspace renders in full, with its data")
    func pagesRender() async throws {
        let (fixture, configuration) = try await WebFixture.make()
        let app = try await fixture.application(configuration)
        let w = fixture.alpha.id
        let complaint = fixture.items["c-1"]!
        let alice = try #require(try await fixture.store.mention(itemID: complaint, in: fixture.alpha)?.actorID)
        try await app.test(.router) { client in
            let browser = Browser(client)
            try await browser.signIn("owner@example.test")
            let expectations: [(String, [String])] = [
                ("/w/\(w)/overview", ["<svg class=\"chart\" role=\"img\"", "Volume per day by platform", "Share of voice", "Alice Martin"]),
                ("/w/\(w)/overview?days=7", ["aria-current=\"page\" class=\"current\">7 days"]),
                ("/w/\(w)/mentions", ["Livraison en retard", "Why this score"]),
                ("/w/\(w)/mentions?q=livraison", ["Livraison en retard"]),
                ("/w/\(w)/mentions?sentiment=positive", ["sentiment-positive"]),
                ("/w/\(w)/mentions?intent=question", ["Montréal"]),
                ("/w/\(w)/mentions?platform=mastodon&sort=oldest", ["J&#39;adore cette boulangerie"]),
                ("/w/\(w)/items/\(fixture.items["c-2"]!)", [
                    "Nos croissants au beurre", "in reply to Alice Martin", "depth-2",
                    "<option value=\"positive\" >positive</option>", "<option value=\"negative\" selected>negative</option>",
                ]),
                ("/w/\(w)/authors/\(alice)", ["Alice Martin", "12,000", "Livraison en retard"]),
                ("/w/\(w)/inbox", ["Complaint", "Question", "inbox-entry"]),
                ("/w/\(w)/inbox/\(complaint)", ["Livraison en retard", "reply-body", "Assign to"]),
                ("/w/\(w)/sources", ["Add a source"]),
                ("/w/\(w)/settings", ["Mélisse", "Owner", "Create a token"]),
                ("/workspaces", ["alpha"]),
                ("/account", ["owner@example.test", "Second factor"]),
            ]
            for (path, needles) in expectations {
                let page = try await browser.get(path)
                #expect(page.status == .ok, "\(path) answered \(page.status)")
                for needle in needles { #expect(page.body.contains(needle), "\(path) lacks \(needle)") }
                #expect(!page.body.contains(">nil<") && !page.body.contains("{{") && !page.body.contains("Optional("), "\(path) shows a template hole")
                #expect(page.headers[.contentSecurityPolicy]?.contains("frame-ancestors 'none'") == true)
            }
            let negatives = try await browser.get("/w/\(w)/mentions?sentiment=negative")
            #expect(!negatives.body.contains("mention sentiment-positive") && !negatives.body.contains("mention sentiment-neutral"))
            // Bad filters and a query that is not UTF-8: 400 with a page saying why.
            let badSentiment = try await browser.get("/w/\(w)/mentions?sentiment=angry")
            #expect(badSentiment.status == .badRequest && badSentiment.body.contains("sentiment"))
            #expect(try await browser.get("/w/\(w)/mentions?q=%FF%FE").status == .badRequest)
            #expect(try await browser.get("/w/\(w)/items/999999").status == .notFound)
            #expect(try await browser.get("/w/\(w)/nothing-here").status == .notFound)
        }
    }

    @Test("an oversized form is refused with 413 and changes nothing")
    func oversizedForm() async throws {
        let (fixture, configuration) = try await WebFixture.make()
        let app = try await fixture.application(configuration)
        try await app.test(.router) { client in
            let browser = Browser(client)
            try await browser.signIn("agent@example.test")
            let item = fixture.items["c-1"]!
            _ = try await browser.get("/w/\(fixture.alpha.id)/inbox/\(item)")
            let huge = String(repeating: "a", count: 300_000)
            let page = try await browser.post("/w/\(fixture.alpha.id)/inbox/\(item)", [("action", "note"), ("body", huge)])
            #expect(page.status == .contentTooLarge)
            #expect(try await fixture.store.inboxEvents(itemID: item, in: fixture.alpha).isEmpty)
        }
    }

    @Test("the interface speaks French from Accept-Language or the account's setting")
    func french() async throws {
        let (fixture, configuration) = try await WebFixture.make()
        let app = try await fixture.application(configuration)
        try await app.test(.router) { client in
            let browser = Browser(client)
            browser.acceptLanguage = "fr-CA,fr;q=0.9,en;q=0.5"
            let login = try await browser.get("/login")
            #expect(login.body.contains("<html lang=\"fr\">") && login.body.contains("Se connecter"))
            try await browser.signIn("agent@example.test")
            let inbox = try await browser.get("/w/\(fixture.alpha.id)/inbox")
            #expect(inbox.body.contains("Boîte de réception") && inbox.body.contains("Réclamation"))
            // The account's choice wins over the browser.
            _ = try await browser.get("/account")
            #expect(try await browser.post("/account", [("action", "locale"), ("locale", "en")]).status == .seeOther)
            #expect(try await browser.get("/w/\(fixture.alpha.id)/inbox").body.contains("<html lang=\"en\">"))
        }
    }

    @Test("lists stop 10,000 rows deep with a clear 400, on pages and in the API, whatever the number given")
    func deepPagesRefused() async throws {
        let (fixture, configuration) = try await WebFixture.make()
        let app = try await fixture.application(configuration)
        let w = fixture.alpha.id
        let token = try await WebTokens.create(role: .viewer, label: "t", in: fixture.alpha, store: fixture.store)
        try await app.test(.router) { client in
            let browser = Browser(client)
            try await browser.signIn("owner@example.test")
            for path in ["/w/\(w)/mentions?page=9223372036854775807", "/w/\(w)/inbox?page=402", "/w/\(w)/mentions?q=croissant&page=100000"] {
                let page = try await browser.get(path)
                #expect(page.status == .badRequest, "\(path)")
                #expect(page.body.contains("Lists stop at 10000 results"), "\(path)")
            }
            let second = try await browser.get("/w/\(w)/mentions?page=2")
            #expect(second.status == .ok && second.body.contains("rel=\"prev\""))
            // The first page has no link back (an empty address once opened the section).
            #expect(!(try await browser.get("/w/\(w)/mentions").body.contains("rel=\"prev\"")))
            #expect(!(try await browser.get("/w/\(w)/inbox").body.contains("rel=\"prev\"")))
            let auth: HTTPFields = [.authorization: "Bearer \(token)"]
            let deep = try await browser.get("/api/v1/items?offset=10001", headers: auth)
            #expect(deep.status == .badRequest && deep.body.contains("10000"))
            #expect(try await browser.get("/api/v1/inbox?offset=20000", headers: auth).status == .badRequest)
            #expect(try await browser.get("/api/v1/items?offset=10000", headers: auth).status == .ok)
        }
    }

    @Test("a watch term added on the Settings page is matched against the items already stored, in the background")
    func watchTermRematch() async throws {
        let (fixture, configuration) = try await WebFixture.make()
        let app = try await fixture.application(configuration)
        let w = fixture.alpha.id
        try await app.test(.router) { client in
            let browser = Browser(client)
            try await browser.signIn("owner@example.test")
            _ = try await browser.get("/w/\(w)/settings")
            let saved = try await browser.post(
                "/w/\(w)/settings", [("action", "term-add"), ("name", "Montréal"), ("kind", "competitor"), ("query", "montreal")])
            #expect(saved.status == .ok && saved.body.contains("matched again in the background"))
            let term = try #require(try await fixture.store.watchTermDefinitions(in: fixture.alpha).first { $0.name == "Montréal" })
            var query = MentionQuery()
            query.watchTermID = term.id
            // The pass runs after the answer: wait for it (a few milliseconds for these six items).
            var matched: [Int64] = []
            for _ in 0..<200 {
                matched = try await fixture.store.mentions(query, in: fixture.alpha).mentions.map(\.stored.id)
                if !matched.isEmpty { break }
                try await Task.sleep(for: .milliseconds(25))
            }
            #expect(matched == [fixture.items["c-3"]!], "the question about Montréal, accents aside")
            // The overview's share of voice counts it once the roll-ups are rebuilt, at the end of the pass.
            var counted = 0
            for _ in 0..<200 {
                let now = Timestamp.now
                let overview = try await fixture.store.overview(
                    of: fixture.alpha, from: now.epochMilliseconds - 7 * 86_400_000, until: now.epochMilliseconds + 86_400_000, now: now)
                counted = overview.watchTerms.first { $0.term.id == term.id }?.items ?? 0
                if counted > 0 { break }
                try await Task.sleep(for: .milliseconds(25))
            }
            #expect(counted == 1)
            // The brand's term, defined before, still matches what it did.
            let brand = try #require(try await fixture.store.watchTermDefinitions(in: fixture.alpha).first { $0.name == "Mélisse" })
            query.watchTermID = brand.id
            #expect(try await fixture.store.mentions(query, in: fixture.alpha).mentions.count >= 2)
        }
    }
}
