import BabillardCore
import BabillardStore
@testable import BabillardWeb
import Foundation
import NIOFoundationCompat
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing

@Suite("The inbox: priority, assignment, replies with a tone check, roles")
struct InboxWorkflowTests {
    @Test("analysis fills the inbox with what deserves an answer, complaints first, and not with praise")
    func inboxContents() async throws {
        let (fixture, _) = try await WebFixture.make()
        let (entries, _) = try await fixture.store.inbox(in: fixture.alpha, states: [], assigneeID: nil, limit: 50, offset: 0)
        let ids = entries.map(\.mention.stored.id)
        #expect(ids.first == fixture.items["c-1"], "the complaint comes first: \(entries.map(\.reason))")
        #expect(ids.contains(fixture.items["c-3"]!), "the question is in the inbox")
        #expect(!ids.contains(fixture.items["m-1"]!), "praise is not")
        #expect(entries.first?.reason == .complaint)
    }

    @Test("an agent assigns, answers after a tone check, and the entry waits with its first-response time")
    func assignAndReply() async throws {
        let (fixture, configuration) = try await WebFixture.make()
        let app = try await fixture.application(configuration)
        let item = fixture.items["c-1"]!
        let agent = fixture.users["agent"]!
        try await app.test(.router) { client in
            let browser = Browser(client)
            try await browser.signIn("agent@example.test")
            let url = "/w/\(fixture.alpha.id)/inbox/\(item)"
            _ = try await browser.get(url)
            #expect(try await browser.post(url, [("action", "assign"), ("assignee", String(agent.id))]).status == .seeOther)
            var entry = try #require(try await fixture.store.inboxEntry(itemID: item, in: fixture.alpha))
            #expect(entry.state == .assigned && entry.assignee?.id == agent.id)
            // A rude draft is held back with the reasons; nothing is recorded.
            let rude = try await browser.post(url, [("action", "send"), ("body", "VOUS AURIEZ DÛ LIRE LA NOTICE !!! Profitez de notre promo -20% !!")])
            #expect(rude.status == .ok && rude.body.contains("tone-warnings") && rude.body.contains("Sounds aggressive") && rude.body.contains("sales pitch"))
            #expect(try await fixture.store.inboxEntry(itemID: item, in: fixture.alpha)?.firstResponseAt == nil)
            // A courteous one passes the check and is recorded.
            let reply = "Bonjour Alice, toutes nos excuses pour ce retard. Nous vous remboursons la livraison dès aujourd'hui. Merci de votre patience."
            let checked = try await browser.post(url, [("action", "check"), ("body", reply)])
            #expect(checked.body.contains("tone-ok"), "the courteous reply was flagged")
            #expect(try await browser.post(url, [("action", "send"), ("body", reply)]).status == .seeOther)
            entry = try #require(try await fixture.store.inboxEntry(itemID: item, in: fixture.alpha))
            #expect(entry.state == .waiting && entry.firstResponseAt != nil)
            _ = try await browser.get(url)
            #expect(try await browser.post(url, [("action", "note"), ("body", "Remboursement fait par Léa")]).status == .seeOther)
            #expect(try await browser.post(url, [("action", "state"), ("state", "done")]).status == .seeOther)
            let events = try await fixture.store.inboxEvents(itemID: item, in: fixture.alpha)
            #expect(events.map(\.kind) == [.assign, .state, .reply, .state, .note, .state])
            #expect(events.first { $0.kind == .reply }?.body == reply)
            #expect(try await fixture.store.inboxEntry(itemID: item, in: fixture.alpha)?.state == .done)
            #expect(try await browser.post(url, [("action", "state"), ("state", "new")]).status == .conflict)
        }
    }

    @Test("a person's correction to negative brings an item into the inbox; unassigning makes it new again")
    func correctionAndUnassign() async throws {
        let (fixture, _) = try await WebFixture.make()
        let praise = fixture.items["m-1"]!
        #expect(try await fixture.store.inboxEntry(itemID: praise, in: fixture.alpha) == nil)
        let now = Timestamp(epochSeconds: Date().timeIntervalSince1970)
        try await fixture.store.correct(itemID: praise, field: .intents, value: "", by: "t", in: fixture.alpha, at: now)
        try await fixture.store.correct(itemID: praise, field: .sentiment, value: "negative", by: "t", in: fixture.alpha, at: now)
        #expect(try await fixture.store.refreshInbox(in: fixture.alpha, now: now) == 1)
        #expect(try await fixture.store.inboxEntry(itemID: praise, in: fixture.alpha)?.reason == .negative)
        let agent = fixture.users["agent"]!.id
        try await fixture.store.updateInboxEntry(itemID: praise, state: nil, assigneeID: .some(agent), by: agent, in: fixture.alpha, at: now)
        #expect(try await fixture.store.inboxEntry(itemID: praise, in: fixture.alpha)?.state == .assigned)
        try await fixture.store.updateInboxEntry(itemID: praise, state: nil, assigneeID: .some(nil), by: agent, in: fixture.alpha, at: now)
        let entry = try await fixture.store.inboxEntry(itemID: praise, in: fixture.alpha)
        #expect(entry?.state == .new && entry?.assignee == nil)
    }

    @Test("a viewer reads but cannot triage or correct; a viewer token cannot act through the API")
    func roles() async throws {
        let (fixture, configuration) = try await WebFixture.make()
        let viewerToken = try await WebTokens.create(role: .viewer, label: "read", in: fixture.alpha, store: fixture.store)
        let agentToken = try await WebTokens.create(role: .agent, label: "bot", in: fixture.alpha, store: fixture.store)
        let app = try await fixture.application(configuration)
        let item = fixture.items["c-3"]!
        try await app.test(.router) { client in
            let browser = Browser(client)
            try await browser.signIn("viewer@example.test")
            let url = "/w/\(fixture.alpha.id)/inbox/\(item)"
            let page = try await browser.get(url)
            #expect(page.status == .ok && !page.body.contains("reply-body"))
            #expect(try await browser.post(url, [("action", "state"), ("state", "done")]).status == .forbidden)
            #expect(try await browser.post("/w/\(fixture.alpha.id)/items/\(item)/correct", [("field", "sentiment"), ("value", "negative")]).status == .forbidden)
            #expect(try await browser.post("/w/\(fixture.alpha.id)/settings", [("action", "token-create"), ("role", "owner")]).status == .forbidden)
            #expect(try await fixture.store.inboxEntry(itemID: item, in: fixture.alpha)?.state == .new)
            let body = ByteBuffer(string: #"{"state": "done", "reply": "Oui, le dimanche aussi."}"#)
            let refused = try await client.execute(
                uri: "/api/v1/inbox/\(item)", method: .post, headers: [.authorization: "Bearer \(viewerToken)", .contentType: "application/json"], body: body)
            #expect(refused.status == .forbidden)
            let done = try await client.execute(
                uri: "/api/v1/inbox/\(item)", method: .post, headers: [.authorization: "Bearer \(agentToken)", .contentType: "application/json"], body: body)
            #expect(done.status == .ok)
            let json = try #require(try JSONSerialization.jsonObject(with: Data(buffer: done.body)) as? [String: Any])
            #expect(json["state"] as? String == "done" && json["first_response_at"] != nil)
            let broken = try await client.execute(
                uri: "/api/v1/inbox/\(item)", method: .post, headers: [.authorization: "Bearer \(agentToken)", .contentType: "application/json"],
                body: ByteBuffer(string: "{not json"))
            #expect(broken.status == .badRequest)
        }
    }

    @Test("the API lists items of the token's workspace with their analysis, and the inbox by priority")
    func apiReads() async throws {
        let (fixture, configuration) = try await WebFixture.make()
        let token = try await WebTokens.create(role: .viewer, label: "read", in: fixture.alpha, store: fixture.store)
        let app = try await fixture.application(configuration)
        try await app.test(.router) { client in
            func json(_ uri: String) async throws -> [String: Any] {
                let response = try await client.execute(uri: uri, method: .get, headers: [.authorization: "Bearer \(token)"])
                #expect(response.status == .ok, "\(uri)")
                return try #require(try JSONSerialization.jsonObject(with: Data(buffer: response.body)) as? [String: Any])
            }
            let items = try await json("/api/v1/items?q=livraison&limit=1")["items"] as? [[String: Any]] ?? []
            #expect(items.count == 1)
            let first = try #require(items.first)
            #expect((first["text"] as? String)?.contains("Livraison") == true)
            #expect(((first["sentiment"] as? [String: Any])?["score"] as? Double).map { (-1...1).contains($0) } == true)
            let sentiment = try #require(first["sentiment"] as? [String: Any])
            // Not corrected: the label is the engine's own.
            #expect(sentiment["corrected"] as? Bool == false && sentiment["model_label"] as? String == sentiment["label"] as? String)
            #expect((first["intents"] as? [String])?.contains("complaint") == true)
            let thread = try await json("/api/v1/items/\(fixture.items["c-2"]!)/thread")["items"] as? [[String: Any]] ?? []
            #expect(thread.map { $0["external_id"] as? String ?? "" } == ["post-1", "c-1", "c-2", "c-3"])
            #expect(thread.map { $0["depth"] as? Int ?? -1 } == [0, 1, 2, 1])
            let inbox = try await json("/api/v1/inbox")["entries"] as? [[String: Any]] ?? []
            #expect(inbox.first?["reason"] as? String == "complaint")
            let overview = try await json("/api/v1/metrics/overview?days=7")
            #expect(overview["items"] as? Int == 5)
            #expect((overview["share_of_voice"] as? Double) == 1)
        }
    }
}
