import Foundation
import NIOConcurrencyHelpers
import NIOCore
import NIOHTTP1
import NIOPosix

/// A response the replay server gives.
public struct ReplayResponse: Sendable {
    public var status: Int
    public var headers: [String: String]
    public var body: Data

    public init(status: Int = 200, headers: [String: String] = [:], body: Data = Data()) {
        self.status = status
        self.headers = headers
        self.body = body
    }

    public init(_ exchange: RecordedExchange) {
        self.init(status: exchange.status, headers: exchange.headers, body: exchange.body)
    }
}

/// A request the replay server received.
public struct ReceivedRequest: Sendable {
    public var method: String
    public var uri: String
    /// Header names in lowercase.
    public var headers: [String: String]
}

/// An HTTP/1.1 server on 127.0.0.1 (a free port) that replays recorded responses, for testing
/// fetchers against real answers without the network.
///
/// Each route (path and query, exactly) answers from a queue of responses; the last one is
/// repeated. A route with an ETag answers 304 to a request whose `If-None-Match` matches, as
/// real servers do. The recorded host (`http://localhost:3000` in Mastodon.py's cassettes) is
/// rewritten to this server's address in bodies and headers, so that pagination links lead back here.
public final class ReplayServer: Sendable {
    public let port: Int
    public var baseURL: String { "http://127.0.0.1:\(port)" }
    private let group: MultiThreadedEventLoopGroup
    private let channel: any Channel
    private let state: NIOLockedValueBox<State>

    struct State {
        var routes: [String: [ReplayResponse]] = [:]
        var received: [ReceivedRequest] = []
        var recordedHosts: [String] = []
    }

    public init(recordedHosts: [String] = ["http://localhost:3000"]) async throws {
        let state = NIOLockedValueBox(State(recordedHosts: recordedHosts))
        let group = MultiThreadedEventLoopGroup(numberOfThreads: 1)
        let bootstrap = ServerBootstrap(group: group)
            .serverChannelOption(ChannelOptions.socketOption(.so_reuseaddr), value: 1)
            .childChannelInitializer { channel in
                channel.pipeline.configureHTTPServerPipeline().flatMap {
                    channel.pipeline.addHandler(ReplayHandler(state: state))
                }
            }
        let channel = try await bootstrap.bind(host: "127.0.0.1", port: 0).get()
        self.group = group
        self.channel = channel
        self.state = state
        self.port = channel.localAddress?.port ?? 0
    }

    /// Answers `pathAndQuery` with these responses in turn (the last one repeats).
    public func route(_ pathAndQuery: String, _ responses: [ReplayResponse]) {
        let rewritten = responses.map(rewrite)
        state.withLockedValue { $0.routes[pathAndQuery] = rewritten }
    }

    /// Routes every exchange of a cassette by its recorded path and query (later ones queue up).
    public func route(_ exchanges: [RecordedExchange]) {
        for exchange in exchanges where exchange.method == "GET" {
            guard let url = URL(string: exchange.uri) else { continue }
            let key = url.path + (url.query.map { "?\($0)" } ?? "")
            let response = rewrite(ReplayResponse(exchange))
            state.withLockedValue { $0.routes[key, default: []].append(response) }
        }
    }

    public var received: [ReceivedRequest] {
        state.withLockedValue { $0.received }
    }

    public func shutdown() async throws {
        try await channel.close()
        try await group.shutdownGracefully()
    }

    private func rewrite(_ response: ReplayResponse) -> ReplayResponse {
        let hosts = state.withLockedValue { $0.recordedHosts }
        var copy = response
        for host in hosts {
            if var text = String(data: copy.body, encoding: .utf8), text.contains(host) {
                text = text.replacingOccurrences(of: host, with: baseURL)
                copy.body = Data(text.utf8)
            }
            copy.headers = copy.headers.mapValues { $0.replacingOccurrences(of: host, with: baseURL) }
        }
        return copy
    }

    fileprivate static func answer(_ request: ReceivedRequest, state: NIOLockedValueBox<State>) -> ReplayResponse {
        state.withLockedValue { state in
            state.received.append(request)
            guard var queue = state.routes[request.uri], let response = queue.first else {
                return ReplayResponse(status: 404, headers: ["content-type": "text/plain"], body: Data("no recorded response for \(request.uri)".utf8))
            }
            if queue.count > 1 {
                queue.removeFirst()
                state.routes[request.uri] = queue
            }
            if let etag = response.headers["etag"], request.headers["if-none-match"] == etag {
                return ReplayResponse(status: 304, headers: ["etag": etag])
            }
            return response
        }
    }
}

private final class ReplayHandler: ChannelInboundHandler, Sendable {
    typealias InboundIn = HTTPServerRequestPart
    typealias OutboundOut = HTTPServerResponsePart

    let state: NIOLockedValueBox<ReplayServer.State>
    private let head = NIOLockedValueBox<HTTPRequestHead?>(nil)

    init(state: NIOLockedValueBox<ReplayServer.State>) {
        self.state = state
    }

    /// Headers a replay must not copy: they describe the recorded connection, not the content.
    static let skipped: Set<String> = ["content-length", "transfer-encoding", "connection", "content-encoding", "keep-alive"]

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        switch unwrapInboundIn(data) {
        case .head(let requestHead):
            head.withLockedValue { $0 = requestHead }
        case .body:
            break
        case .end:
            guard let requestHead = head.withLockedValue({ $0 }) else { return }
            var headers: [String: String] = [:]
            for header in requestHead.headers { headers[header.name.lowercased()] = header.value }
            let response = ReplayServer.answer(
                ReceivedRequest(method: requestHead.method.rawValue, uri: requestHead.uri, headers: headers), state: state
            )
            var responseHeaders = HTTPHeaders()
            for (name, value) in response.headers where !Self.skipped.contains(name) {
                responseHeaders.add(name: name, value: value)
            }
            responseHeaders.add(name: "content-length", value: String(response.body.count))
            responseHeaders.add(name: "connection", value: "close")
            let responseHead = HTTPResponseHead(version: requestHead.version, status: HTTPResponseStatus(statusCode: response.status), headers: responseHeaders)
            context.write(wrapOutboundOut(.head(responseHead)), promise: nil)
            if !response.body.isEmpty {
                context.write(wrapOutboundOut(.body(.byteBuffer(ByteBuffer(bytes: response.body)))), promise: nil)
            }
            let loopBound = NIOLoopBound(context, eventLoop: context.eventLoop)
            context.writeAndFlush(wrapOutboundOut(.end(nil))).whenComplete { _ in
                loopBound.value.close(promise: nil)
            }
        }
    }
}
