import BabillardCore
import BabillardStore
import Crypto
import Foundation
import HTTPTypes
import Hummingbird
import Logging

/// Random secrets (session cookies, CSRF tokens, API tokens) and the digests kept of them.
enum SecretTokens {
    /// 32 random bytes from the system's generator, base64url without padding (43 characters).
    static func random(prefix: String = "") -> String {
        var generator = SystemRandomNumberGenerator()
        let bytes = (0..<32).map { _ in UInt8.random(in: .min ... .max, using: &generator) }
        return prefix + Data(bytes).base64EncodedString()
            .replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_").replacingOccurrences(of: "=", with: "")
    }

    /// The SHA-256 of a token, in hex: what the store keeps.
    static func digest(_ token: String) -> String {
        // Every request digests its session cookie: hex by hand rather than String(format:) per byte.
        let hex = Array("0123456789abcdef".utf8)
        var bytes: [UInt8] = []
        bytes.reserveCapacity(64)
        for byte in SHA256.hash(data: Data(token.utf8)) {
            bytes.append(hex[Int(byte >> 4)])
            bytes.append(hex[Int(byte & 0x0F)])
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Compares two secrets in time that does not depend on where they differ.
    static func equal(_ a: String, _ b: String) -> Bool {
        let left = Array(a.utf8), right = Array(b.utf8)
        guard left.count == right.count else { return false }
        var difference: UInt8 = 0
        for index in left.indices { difference |= left[index] ^ right[index] }
        return difference == 0
    }
}
