import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Whether a webhook address points at this machine or a private network.
///
/// A workspace owner is not necessarily the server's administrator (an agency gives each client
/// a workspace): letting them make the server POST to `127.0.0.1` or `169.254.169.254` would let
/// them reach services that only trust the local network. Hosts written as IP addresses — in any
/// form the system's resolver accepts: `127.1`, `0x7f.1`, `2130706433`, `[::ffff:127.0.0.1]` — in
/// the loopback, private, link-local, shared, benchmarking, multicast, reserved and unspecified
/// ranges, and `localhost` names, are refused unless the server runs with
/// `--allow-private-webhooks`. It is checked when a webhook is saved and again before each send;
/// webhook requests do not follow redirects. A public name that resolves to a private address is
/// not caught (names are not resolved here): an outbound firewall is the complete answer.
public enum WebhookAddress {
    /// The host of an http(s) URL, without brackets; nil when the URL has none.
    public static func host(of url: String) -> String? {
        guard let parsed = URL(string: url), ["http", "https"].contains(parsed.scheme?.lowercased() ?? ""), let host = parsed.host, !host.isEmpty
        else { return nil }
        return host
    }

    public static func isPrivate(host rawHost: String) -> Bool {
        var host = rawHost.lowercased()
        if host.hasPrefix("["), host.hasSuffix("]") { host = String(host.dropFirst().dropLast()) }
        if host.hasSuffix(".") { host.removeLast() }
        if host == "localhost" || host.hasSuffix(".localhost") || host.isEmpty { return true }
        if host.contains(":") { return isPrivate(ipv6: host) }
        // inet_aton reads every IPv4 form getaddrinfo accepts (one to four parts, octal, hex).
        var address = in_addr()
        if inet_aton(host, &address) != 0 {
            return isPrivate(ipv4: withUnsafeBytes(of: &address.s_addr) { Array($0) })
        }
        // A name of digits, dots and x's that inet_aton refused is no name a webhook needs.
        return host.contains(where: \.isNumber) && host.allSatisfy { $0.isNumber || $0 == "." || $0 == "x" }
    }

    private static func isPrivate(ipv4 b: [UInt8]) -> Bool {
        switch (b[0], b[1], b[2]) {
        case (0, _, _), (10, _, _), (127, _, _): true
        case (169, 254, _), (192, 168, _), (192, 0, 0), (192, 0, 2), (198, 51, 100), (203, 0, 113): true
        case (172, 16...31, _): true
        case (100, 64...127, _): true  // shared address space (carrier-grade NAT)
        case (198, 18...19, _): true  // benchmarking
        case (224...255, _, _): true  // multicast, reserved, broadcast
        default: false
        }
    }

    private static func isPrivate(ipv6 host: String) -> Bool {
        var address = in6_addr()
        guard inet_pton(AF_INET6, host, &address) == 1 else { return true }  // not an address we can judge (zone ids): refuse
        let b = withUnsafeBytes(of: &address) { Array($0) }
        if b[0..<12].allSatisfy({ $0 == 0 }) { return b[12..<15].allSatisfy { $0 == 0 } || isPrivate(ipv4: Array(b[12..<16])) }  // ::, ::1, ::a.b.c.d
        if b[0..<10].allSatisfy({ $0 == 0 }) && b[10] == 0xFF && b[11] == 0xFF { return isPrivate(ipv4: Array(b[12..<16])) }  // ::ffff:a.b.c.d
        if b[0] == 0x00 && b[1] == 0x64 && b[2] == 0xFF && b[3] == 0x9B { return isPrivate(ipv4: Array(b[12..<16])) }  // 64:ff9b::/96 (NAT64)
        if b[0] == 0x20 && b[1] == 0x02 { return isPrivate(ipv4: Array(b[2..<6])) }  // 2002::/16 (6to4)
        if b[0] & 0xFE == 0xFC { return true }  // fc00::/7, unique local
        if b[0] == 0xFE && b[1] & 0xC0 == 0x80 { return true }  // fe80::/10, link-local
        if b[0] == 0xFE && b[1] & 0xC0 == 0xC0 { return true }  // fec0::/10, site-local (deprecated)
        if b[0] == 0xFF { return true }  // multicast
        return false
    }
}
