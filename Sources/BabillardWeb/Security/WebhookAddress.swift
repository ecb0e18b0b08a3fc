import Foundation

/// Whether a webhook address points at this machine or a private network.
///
/// A workspace owner is not necessarily the server's administrator (an agency gives each client
/// a workspace): letting them make the server POST to `127.0.0.1` or `10.0.0.0/8` would let them
/// reach services that only trust the local network. Addresses written as IP literals in the
/// loopback, private, link-local, shared (CGNAT) and unspecified ranges, and `localhost` names,
/// are refused unless the server is started with `--allow-private-webhooks`. A public name that
/// resolves to a private address is not caught here (names are not resolved when the webhook is
/// saved); an outbound firewall is the complete answer.
enum WebhookAddress {
    static func isPrivate(host rawHost: String) -> Bool {
        var host = rawHost.lowercased()
        if host.hasPrefix("["), host.hasSuffix("]") { host = String(host.dropFirst().dropLast()) }
        if host.hasSuffix(".") { host.removeLast() }
        if host == "localhost" || host.hasSuffix(".localhost") || host.isEmpty { return true }
        if let bytes = ipv4(host) { return isPrivate(ipv4: bytes) }
        if host.contains(":") { return isPrivate(ipv6: host) }
        return false
    }

    /// Dotted-quad IPv4 only (what URL hosts hold once parsed); nil for anything else.
    private static func ipv4(_ host: String) -> [UInt8]? {
        let parts = host.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 4 else { return nil }
        var bytes: [UInt8] = []
        for part in parts {
            guard !part.isEmpty, part.count <= 3, part.allSatisfy(\.isASCIIDigit), let value = UInt8(part) else { return nil }
            bytes.append(value)
        }
        return bytes
    }

    private static func isPrivate(ipv4 b: [UInt8]) -> Bool {
        switch (b[0], b[1]) {
        case (0, _), (10, _), (127, _): true
        case (169, 254), (192, 168): true
        case (172, 16...31): true
        case (100, 64...127): true  // shared address space (carrier-grade NAT)
        default: b == [255, 255, 255, 255]
        }
    }

    private static func isPrivate(ipv6 host: String) -> Bool {
        var address = in6_addr()
        guard inet_pton(AF_INET6, host, &address) == 1 else { return true }  // not an address we can judge: refuse
        let b = withUnsafeBytes(of: &address) { Array($0) }
        if b.allSatisfy({ $0 == 0 }) { return true }  // ::
        if b[0..<15].allSatisfy({ $0 == 0 }) && b[15] == 1 { return true }  // ::1
        if b[0] & 0xFE == 0xFC { return true }  // fc00::/7, unique local
        if b[0] == 0xFE && b[1] & 0xC0 == 0x80 { return true }  // fe80::/10, link-local
        if b[0..<10].allSatisfy({ $0 == 0 }) && b[10] == 0xFF && b[11] == 0xFF {  // ::ffff:a.b.c.d
            return isPrivate(ipv4: Array(b[12..<16]))
        }
        return false
    }
}

private extension Character {
    var isASCIIDigit: Bool { ("0"..."9").contains(self) }
}
