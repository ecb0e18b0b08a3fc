import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1

/// One HTTP response, whole.
public struct FetchedResponse: Sendable {
    public var status: Int
    /// Header names in lowercase.
    public var headers: [String: String]
    public var body: Data
    public var url: String

    public init(status: Int, headers: [String: String], body: Data, url: String) {
        self.status = status
        self.headers = headers
        self.body = body
        self.url = url
    }
}

/// A transport failure (no answer, refused, timed out), as opposed to an HTTP error status.
public struct TransportError: Error, Sendable, CustomStringConvertible {
    public var url: String
    public var reason: String
    public var description: String { "\(url): \(reason)" }
}

/// The one side effect of fetching: an HTTP GET. The live value uses AsyncHTTPClient.
public protocol HTTPFetching: Sendable {
    func get(_ url: String, headers: [String: String]) async throws -> FetchedResponse
}

/// GETs with AsyncHTTPClient, following redirects, with a timeout and a body size limit.
public struct LiveHTTPFetcher: HTTPFetching {
    public static let userAgent = "Babillard/0.1 (+self-hosted social listening)"
    public var client: HTTPClient
    public var timeout: TimeAmount
    public var maximumBodySize: Int

    /// A client for the whole process that follows redirects and fails at once when a
    /// connection cannot be made (the fetcher applies its own retry policy). Never shut down:
    /// it lives as long as the process.
    public static let sharedClient: HTTPClient = {
        var configuration = HTTPClient.Configuration(redirectConfiguration: .follow(max: 5, allowCycles: false))
        configuration.timeout = HTTPClient.Configuration.Timeout(connect: .seconds(10), read: .seconds(30))
        configuration.connectionPool.retryConnectionEstablishment = false
        return HTTPClient(eventLoopGroupProvider: .singleton, configuration: configuration)
    }()

    /// A client that never follows a redirect: webhooks are POSTed only to the address their
    /// owner saved (and `WebhookAddress` checked), never to where an answer points.
    public static let webhookClient: HTTPClient = {
        var configuration = HTTPClient.Configuration(redirectConfiguration: .disallow)
        configuration.timeout = HTTPClient.Configuration.Timeout(connect: .seconds(10), read: .seconds(15))
        configuration.connectionPool.retryConnectionEstablishment = false
        return HTTPClient(eventLoopGroupProvider: .singleton, configuration: configuration)
    }()

    public init(client: HTTPClient = LiveHTTPFetcher.sharedClient, timeout: TimeAmount = .seconds(30), maximumBodySize: Int = 50 << 20) {
        self.client = client
        self.timeout = timeout
        self.maximumBodySize = maximumBodySize
    }

    public func get(_ url: String, headers: [String: String]) async throws -> FetchedResponse {
        var request = HTTPClientRequest(url: url)
        request.headers.add(name: "User-Agent", value: Self.userAgent)
        request.headers.add(name: "Accept-Encoding", value: "identity")
        for (name, value) in headers { request.headers.add(name: name, value: value) }
        let response: HTTPClientResponse
        do {
            response = try await client.execute(request, timeout: timeout)
        } catch {
            throw TransportError(url: url, reason: Self.describe(error))
        }
        var collected: [String: String] = [:]
        for header in response.headers {
            let name = header.name.lowercased()
            if let existing = collected[name] { collected[name] = existing + ", " + header.value } else { collected[name] = header.value }
        }
        let buffer: ByteBuffer
        do {
            buffer = try await response.body.collect(upTo: maximumBodySize)
        } catch {
            throw TransportError(url: url, reason: "the response is larger than \(maximumBodySize >> 20) MB or was cut (\(Self.describe(error)))")
        }
        return FetchedResponse(status: Int(response.status.code), headers: collected, body: Data(buffer.readableBytesView), url: url)
    }

    static func describe(_ error: any Error) -> String {
        if let error = error as? HTTPClientError {
            switch error {
            case .connectTimeout, .deadlineExceeded, .readTimeout: return "the server did not answer in time"
            case .remoteConnectionClosed: return "the server closed the connection"
            default: return String(describing: error)
            }
        }
        let text = String(describing: error)
        if text.contains("Connection refused") || text.contains("connectionRefused") { return "the connection was refused" }
        return text
    }
}
