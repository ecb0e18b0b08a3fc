import BabillardCore
import BabillardStore
import Dispatch
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdBcrypt
import Logging

/// bcrypt, off the server's event loops (a hash takes a quarter of a second on purpose).
public enum PasswordHashing {
    /// The shortest password accepted.
    public static let minimumLength = 10

    public static func hash(_ password: String, cost: UInt8) async -> String {
        await offload { Bcrypt.hash(password, cost: cost) }
    }

    public static func verify(_ password: String, hash: String) async -> Bool {
        await offload { Bcrypt.verify(password, hash: hash) }
    }

    private static func offload<T: Sendable>(_ work: @escaping @Sendable () -> T) async -> T {
        await withCheckedContinuation { continuation in
            DispatchQueue.global().async { continuation.resume(returning: work()) }
        }
    }

    /// A sentence saying what is wrong with a new password, or nil when it will do.
    public static func weakness(of password: String) -> String? {
        if password.count < minimumLength { return "A password needs at least \(minimumLength) characters." }
        if password.utf8.count > 72 { return "bcrypt reads only the first 72 bytes of a password; choose a shorter one." }
        return nil
    }
}
