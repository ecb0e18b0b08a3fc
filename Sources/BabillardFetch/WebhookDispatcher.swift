import AsyncHTTPClient
import BabillardCore
import BabillardStore
import Crypto
import Foundation
import NIOCore
import NIOHTTP1

/// POSTs a JSON body; returns the HTTP status. The seam tests replace with a local server.
public protocol WebhookPosting: Sendable {
    func post(_ url: String, body: Data, headers: [String: String]) async throws -> Int
}

extension LiveHTTPFetcher: WebhookPosting {
    public func post(_ url: String, body: Data, headers: [String: String]) async throws -> Int {
        var request = HTTPClientRequest(url: url)
        request.method = .POST
        request.headers.add(name: "User-Agent", value: Self.userAgent)
        for (name, value) in headers { request.headers.add(name: name, value: value) }
        request.body = .bytes(ByteBuffer(bytes: body))
        do {
            let response = try await client.execute(request, timeout: .seconds(15))
            _ = try? await response.body.collect(upTo: 64 * 1024)
            return Int(response.status.code)
        } catch {
            throw TransportError(url: url, reason: Self.describe(error))
        }
    }
}

/// Sends queued alerts to their webhooks: JSON, signed with HMAC-SHA256 of the webhook's secret
/// (`X-Babillard-Signature: sha256=<hex>` over the exact body), retried with backoff — 1, 5, 30,
/// 120 and 720 minutes after each failure — then given up (the Alerts page says so).
public struct WebhookDispatcher: Sendable {
    public static let backoffMinutes: [Int64] = [1, 5, 30, 120, 720]
    /// How long a claimed delivery is kept from other dispatchers: far longer than one send (15 s).
    public static let leaseMinutes: Int64 = 10
    let store: any Store
    let poster: any WebhookPosting
    let allowPrivateAddresses: Bool

    /// - Parameter allowPrivateAddresses: send to this machine and private networks too
    ///   (`--allow-private-webhooks`; see `WebhookAddress`).
    public init(
        store: any Store, poster: any WebhookPosting = LiveHTTPFetcher(client: LiveHTTPFetcher.webhookClient),
        allowPrivateAddresses: Bool = false
    ) {
        self.store = store
        self.poster = poster
        self.allowPrivateAddresses = allowPrivateAddresses
    }

    /// Attempts the deliveries due at `now`, at most `limit`; returns how many were delivered and how many failed.
    @discardableResult
    public func deliverDue(now: Timestamp, limit: Int = 100) async throws -> (delivered: Int, failed: Int) {
        var delivered = 0, failed = 0
        // One claimed at a time, just before it is sent: a lease never runs out while the
        // deliveries before it are being sent, so no other dispatcher sends it meanwhile.
        for _ in 0..<limit {
            guard let delivery = try await store.claimDueDeliveries(at: now, limit: 1, leaseMinutes: Self.leaseMinutes).first else { break }
            guard allowPrivateAddresses || !WebhookAddress.isPrivate(host: WebhookAddress.host(of: delivery.webhook.url) ?? "") else {
                failed += 1
                try await store.recordDeliveryAttempt(
                    id: delivery.id, delivered: false, error: "not sent: the address is on this machine or a private network",
                    nextAttempt: nil, at: now)
                continue
            }
            let body = Self.payload(delivery.alert)
            let headers = [
                "Content-Type": "application/json",
                "X-Babillard-Event": delivery.alert.kind.rawValue,
                "X-Babillard-Delivery": String(delivery.id),
                "X-Babillard-Signature": Self.signature(of: body, secret: delivery.webhook.secret),
            ]
            var problem: String?
            do {
                let status = try await poster.post(delivery.webhook.url, body: body, headers: headers)
                if !(200..<300).contains(status) { problem = "HTTP \(status)" }
            } catch {
                problem = String(describing: error)
            }
            if let error = problem {
                failed += 1
                let attempt = delivery.attempts  // attempts before this one
                let next = attempt < Self.backoffMinutes.count
                    ? Timestamp(epochMilliseconds: now.epochMilliseconds + Self.backoffMinutes[attempt] * 60_000) : nil
                try await store.recordDeliveryAttempt(id: delivery.id, delivered: false, error: error, nextAttempt: next, at: now)
            } else {
                delivered += 1
                try await store.recordDeliveryAttempt(id: delivery.id, delivered: true, error: nil, nextAttempt: nil, at: now)
            }
        }
        return (delivered, failed)
    }

    /// `{"id", "kind", "workspace_id", "item_id", "raised_at", "value", "threshold", "summary"}`.
    public static func payload(_ alert: AlertRecord) -> Data {
        var json = "{\"id\":\(alert.id),\"kind\":"
        JSONQuoting.appendQuoted(alert.kind.rawValue, to: &json)
        json += ",\"workspace_id\":\(alert.workspaceID),\"item_id\":\(alert.itemID.map(String.init) ?? "null"),\"raised_at\":"
        JSONQuoting.appendQuoted(alert.raisedAt.iso8601UTC, to: &json)
        json += ",\"value\":\(alert.value),\"threshold\":\(alert.threshold),\"summary\":"
        JSONQuoting.appendQuoted(alert.summary, to: &json)
        return Data((json + "}").utf8)
    }

    /// `sha256=` and the hex HMAC-SHA256 of the body with the secret.
    public static func signature(of body: Data, secret: String) -> String {
        let code = HMAC<SHA256>.authenticationCode(for: body, using: SymmetricKey(data: Data(secret.utf8)))
        return "sha256=" + code.map { String(format: "%02x", $0) }.joined()
    }
}
