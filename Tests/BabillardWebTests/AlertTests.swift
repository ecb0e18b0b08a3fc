import BabillardCore
import BabillardFetch
import BabillardPipeline
import BabillardStore
import BabillardText
@testable import BabillardWeb
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import NIOFoundationCompat
import Testing

@Suite("Alerts: rules, the Alerts page, and signed webhooks over real HTTP")
struct AlertTests {
    /// Adds `count` negative analysed items to the workspace, `hoursAgo` before now.
    static func addNegatives(_ store: SQLiteStore, _ workspace: Workspace, count: Int, hoursAgo: Double, tag: String) async throws {
        let now = Date().timeIntervalSince1970
        let author = ActorIdentity(platform: .mastodon, externalID: "angry-\(tag)", displayName: "Client \(tag)", followers: 10)
        let records: [IngestRecord] = (0..<count).map { index in
            .item(RawItem(platform: .mastodon, externalID: "\(tag)-\(index)", kind: .post, author: author,
                          createdAt: Timestamp(epochSeconds: now - hoursAgo * 3600 - Double(index)), text: "Terrible service, awful late delivery, I am furious and disgusted (\(tag) \(index))."))
        }
        _ = try await store.write(records, into: workspace, at: Timestamp(epochSeconds: now))
        _ = try await AnalysisPipeline(store: store, workspace: workspace, analyzer: try TextAnalyzer()).run()
    }

    @Test("a negative spike raises one alert, then the cool-down holds; an influential author and an overdue complaint raise theirs once")
    func rules() async throws {
        let (fixture, _) = try await WebFixture.make()
        let store = fixture.store, workspace = fixture.alpha
        // A quiet week: one negative item a day; then twelve in the last day.
        for day in 1...7 { try await AlertTests.addNegatives(store, workspace, count: 1, hoursAgo: Double(day) * 24 + 2, tag: "d\(day)") }
        try await AlertTests.addNegatives(store, workspace, count: 12, hoursAgo: 1, tag: "now")
        let now = Timestamp(epochSeconds: Date().timeIntervalSince1970)
        let volumes = try await store.negativeVolumes(in: workspace, now: now, days: 7)
        #expect(volumes.lastDay >= 12)
        // The complaint entered the inbox at set-up and counts as waiting from an hour before that
        // (InboxTriage.importGraceMilliseconds): with a 30-minute target it is overdue.
        try await store.saveSettings(.init(responseTargetMinutes: 30, spikeK: 2, spikeCooldownHours: 6, influentialFollowers: 10_000), of: workspace)
        let evaluator = AlertEvaluator(store: store, workspace: workspace)
        let first = try await evaluator.evaluate(now: now)
        #expect(first.filter { $0.kind == .negativeSpike }.count == 1)
        // Alice (12,000 followers) wrote the fixture's complaint 20 hours ago.
        #expect(first.contains { $0.kind == .influentialMention && $0.itemID == fixture.items["c-1"] })
        #expect(first.contains { $0.kind == .overdueComplaint && $0.itemID == fixture.items["c-1"] })
        let again = try await evaluator.evaluate(now: Timestamp(epochMilliseconds: now.epochMilliseconds + 60_000))
        #expect(again.isEmpty, "the cool-down and once-per-item hold: \(again.map(\.kind))")
        let later = try await evaluator.evaluate(now: Timestamp(epochMilliseconds: now.epochMilliseconds + 7 * 3_600_000))
        #expect(later.filter { $0.kind == .negativeSpike }.count <= 1)
        // Beta saw nothing of it.
        #expect(try await store.alerts(in: fixture.beta, openOnly: false, limit: 10).allSatisfy { $0.workspaceID == fixture.beta.id })
    }

    @Test("webhooks get the alert as signed JSON over HTTP; a failing endpoint is retried with backoff")
    func webhooks() async throws {
        let (fixture, _) = try await WebFixture.make()
        let store = fixture.store
        let received = ReceivedRequests()
        let router = Router()
        router.post("hook") { request, _ -> HTTPResponse.Status in
            let body = try await request.body.collect(upTo: 1 << 20)
            await received.add(Data(buffer: body), request.headers[HTTPField.Name("X-Babillard-Signature")!] ?? "")
            return .noContent
        }
        router.post("broken") { _, _ -> HTTPResponse.Status in .internalServerError }
        let receiver = Application(router: router, configuration: .init(address: .hostname("127.0.0.1", port: 0)))
        try await receiver.test(.live) { client in
            let port = try #require(client.port)
            let good = try await store.addWebhook(url: "http://127.0.0.1:\(port)/hook", secret: "s3cret", in: fixture.alpha, at: .now)
            _ = try await store.addWebhook(url: "http://127.0.0.1:\(port)/broken", secret: "x", in: fixture.alpha, at: .now)
            _ = try await store.addWebhook(url: "http://127.0.0.1:\(port)/hook", secret: "beta", in: fixture.beta, at: .now)
            let now = Timestamp.now
            let alert = try #require(try await store.raiseAlert(
                .negativeSpike, itemID: nil, value: 12, threshold: 4.5, summary: "12 negative items", in: fixture.alpha, at: now))
            let dispatcher = WebhookDispatcher(store: store, allowPrivateAddresses: true)
            let first = try await dispatcher.deliverDue(now: now)
            #expect(first.delivered == 1 && first.failed == 1)
            let deliveries = await received.all
            #expect(deliveries.count == 1, "only alpha's webhook, once")
            let (body, signature) = try #require(deliveries.first)
            #expect(signature == WebhookDispatcher.signature(of: body, secret: good.secret))
            let json = try #require(try JSONSerialization.jsonObject(with: body) as? [String: Any])
            #expect(json["kind"] as? String == "negative_spike" && json["id"] as? Int64 == alert.id && json["value"] as? Double == 12)
            // Not due again before the first backoff; then retried, and given up after the last.
            #expect(try await dispatcher.deliverDue(now: Timestamp(epochMilliseconds: now.epochMilliseconds + 30_000)).failed == 0)
            var clock = now.epochMilliseconds
            for minutes in WebhookDispatcher.backoffMinutes {
                clock += minutes * 60_000
                #expect(try await dispatcher.deliverDue(now: Timestamp(epochMilliseconds: clock)).failed == 1)
            }
            #expect(try await dispatcher.deliverDue(now: Timestamp(epochMilliseconds: clock + 86_400_000)).failed == 0)
            let counts = try await store.deliveryCounts(in: fixture.alpha)
            #expect(counts.delivered == 1 && counts.pending == 0 && counts.failed == 1)
            #expect(await received.all.count == 1)

            // Two dispatchers at once (the server and `babillard alerts check`) send a new alert once.
            let later = Timestamp(epochMilliseconds: clock + 2 * 86_400_000)
            _ = try #require(try await store.raiseAlert(
                .negativeSpike, itemID: nil, value: 20, threshold: 4.5, summary: "20 negative items", in: fixture.alpha, at: later))
            async let one = WebhookDispatcher(store: store, allowPrivateAddresses: true).deliverDue(now: later)
            async let two = WebhookDispatcher(store: store, allowPrivateAddresses: true).deliverDue(now: later)
            let (a, b) = try await (one, two)
            #expect(a.delivered + b.delivered == 1 && a.failed + b.failed == 1)
            #expect(await received.all.count == 2)
            // A claimed delivery whose sender died is not due during its lease, and due after it.
            let stuck = try #require(try await store.raiseAlert(
                .influentialMention, itemID: fixture.items["m-1"], value: 1, threshold: 1, summary: "x", in: fixture.alpha, at: later))
            let claimed = try await store.claimDueDeliveries(at: later, limit: 10, leaseMinutes: 10)
            #expect(claimed.count == 2 && claimed.allSatisfy { $0.alert.id == stuck.id })
            // (The broken endpoint's retry of the alert before is due meanwhile: only `stuck` is looked at.)
            let during = try await store.claimDueDeliveries(at: Timestamp(epochMilliseconds: later.epochMilliseconds + 9 * 60_000), limit: 10, leaseMinutes: 10)
            #expect(!during.contains { $0.alert.id == stuck.id })
            let after = try await store.claimDueDeliveries(at: Timestamp(epochMilliseconds: later.epochMilliseconds + 11 * 60_000), limit: 10, leaseMinutes: 10)
            #expect(after.filter { $0.alert.id == stuck.id }.count == 2)
        }
    }

    @Test("the Alerts page lists and acknowledges alerts of its workspace only")
    func page() async throws {
        let (fixture, configuration) = try await WebFixture.make()
        let alpha = try #require(try await fixture.store.raiseAlert(
            .negativeSpike, itemID: nil, value: 12, threshold: 4.5, summary: "spike", in: fixture.alpha, at: .now))
        let beta = try #require(try await fixture.store.raiseAlert(
            .overdueComplaint, itemID: fixture.items["secret-1"], value: 300, threshold: 240, summary: "late", in: fixture.beta, at: .now))
        let app = try await fixture.application(configuration)
        try await app.test(.router) { client in
            let browser = Browser(client)
            try await browser.signIn("agent@example.test")
            let page = try await browser.get("/w/\(fixture.alpha.id)/alerts")
            #expect(page.status == .ok && page.body.contains("Negative spike") && !page.body.contains("Complaint past its target"))
            #expect(try await browser.post("/w/\(fixture.alpha.id)/alerts", [("action", "acknowledge"), ("id", String(beta.id))]).status == .seeOther)
            #expect(try await fixture.store.alerts(in: fixture.beta, openOnly: true, limit: 10).count == 1, "beta's alert is untouched")
            #expect(try await browser.post("/w/\(fixture.alpha.id)/alerts", [("action", "acknowledge"), ("id", String(alpha.id))]).status == .seeOther)
            #expect(try await fixture.store.openAlertCount(in: fixture.alpha) == 0)
            // Only an owner adds webhooks.
            #expect(try await browser.post("/w/\(fixture.alpha.id)/alerts", [("action", "webhook-add"), ("url", "https://example.test/h")]).status == .forbidden)
            let overview = try await browser.get("/w/\(fixture.alpha.id)/overview")
            #expect(overview.body.contains("open alerts"))
        }
    }

    @Test("webhooks to this machine or a private network are refused unless the server allows them")
    func privateWebhookAddresses() async throws {
        for host in ["127.0.0.1", "localhost", "LOCALHOST.", "api.localhost", "10.1.2.3", "172.20.0.1", "192.168.1.10", "169.254.169.254",
                     "100.64.0.1", "0.0.0.0", "[::1]", "::", "fd12:3456::1", "fe80::1", "::ffff:10.0.0.1", "::ffff:127.0.0.1",
                     // Other ways of writing 127.0.0.1 or 0.0.0.0 that the resolver accepts.
                     "2130706433", "0x7f.1", "127.1", "0177.0.0.1", "0", "0x7f000001", "017700000001",
                     "::127.0.0.1", "64:ff9b::a00:1", "2002:7f00:1::", "fec0::1", "ff02::1", "224.0.0.1", "198.18.0.1",
                     "fe80::1%eth0", "1.2.3.4.5"] {
            #expect(WebhookAddress.isPrivate(host: host), "\(host)")
        }
        for host in ["hooks.slack.com", "93.184.216.34", "172.32.0.1", "100.128.0.1", "2606:4700::1111", "::ffff:8.8.8.8", "10.example.com",
                     "2002:5db8:d822::", "1.1.1.1", "xn--bcher-kva.example"] {
            #expect(!WebhookAddress.isPrivate(host: host), "\(host)")
        }
        #expect(WebhookAddress.host(of: "http://a@127.0.0.1:9/x").map(WebhookAddress.isPrivate(host:)) == true)
        #expect(WebhookAddress.host(of: "https://[::1]/x").map(WebhookAddress.isPrivate(host:)) == true)
        #expect(WebhookAddress.host(of: "ftp://example.com/x") == nil && WebhookAddress.host(of: "not a url") == nil)
        let (fixture, base) = try await WebFixture.make()

        // Before each send too: a webhook saved earlier to a private address is not sent (and given
        // up), and a webhook answered with a redirect is not followed.
        let received = ReceivedRequests()
        let router = Router()
        router.post("hook") { request, _ -> HTTPResponse.Status in
            await received.add(Data(buffer: try await request.body.collect(upTo: 1 << 20)), "")
            return .noContent
        }
        router.post("moved") { _, _ -> Response in Response(status: .temporaryRedirect, headers: [.location: "/hook"]) }
        let receiver = Application(router: router, configuration: .init(address: .hostname("127.0.0.1", port: 0)))
        try await receiver.test(.live) { client in
            let port = try #require(client.port)
            _ = try await fixture.store.addWebhook(url: "http://127.0.0.1:\(port)/hook", secret: "s", in: fixture.beta, at: .now)
            let now = Timestamp.now
            _ = try #require(try await fixture.store.raiseAlert(.negativeSpike, itemID: nil, value: 9, threshold: 3, summary: "x", in: fixture.beta, at: now))
            let refused = try await WebhookDispatcher(store: fixture.store).deliverDue(now: now)
            #expect(refused.delivered == 0 && refused.failed == 1)
            #expect(try await fixture.store.deliveryCounts(in: fixture.beta).failed == 1, "given up at once")
            #expect(await received.all.isEmpty)

            _ = try await fixture.store.addWebhook(url: "http://127.0.0.1:\(port)/moved", secret: "s", in: fixture.beta, at: now)
            _ = try #require(try await fixture.store.raiseAlert(
                .influentialMention, itemID: fixture.items["secret-1"], value: 9, threshold: 3, summary: "y", in: fixture.beta, at: now))
            let sent = try await WebhookDispatcher(store: fixture.store, allowPrivateAddresses: true).deliverDue(now: now)
            #expect(sent.delivered == 1 && sent.failed == 1, "/hook takes it, /moved's redirect is not followed")
            #expect(await received.all.count == 1)
        }

        for allowed in [false, true] {
            var configuration = base
            configuration.allowPrivateWebhooks = allowed
            let app = try await fixture.application(configuration)
            try await app.test(.router) { client in
                let browser = Browser(client)
                try await browser.signIn("owner@example.test")
                _ = try await browser.get("/w/\(fixture.alpha.id)/alerts")
                let local = try await browser.post("/w/\(fixture.alpha.id)/alerts", [("action", "webhook-add"), ("url", "http://127.0.0.1:9000/hook")])
                #expect(local.status == (allowed ? .ok : .badRequest))
                #expect(local.body.contains("private network") != allowed)
                if !allowed {
                    let metadata = try await browser.post("/w/\(fixture.alpha.id)/alerts", [("action", "webhook-add"), ("url", "http://169.254.169.254/latest")])
                    #expect(metadata.status == .badRequest)
                    let public_ = try await browser.post("/w/\(fixture.alpha.id)/alerts", [("action", "webhook-add"), ("url", "https://hooks.example.com/b")])
                    #expect(public_.status == .ok)
                }
            }
        }
    }
}

actor ReceivedRequests {
    private(set) var all: [(Data, String)] = []
    func add(_ body: Data, _ signature: String) { all.append((body, signature)) }
}
