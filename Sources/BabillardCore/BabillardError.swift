/// An error that can say, in one sentence, what went wrong and what to do about it.
public protocol UserFacingError: Error, CustomStringConvertible {
    /// The sentence shown to the user.
    var message: String { get }
}

extension UserFacingError {
    public var description: String { message }
}

/// An input that could not be read at all (as opposed to a record skipped inside it).
public struct ReadError: UserFacingError, Hashable {
    public enum Kind: String, Sendable, Hashable {
        case empty
        case binary
        case truncated
        case malformed
        case unknownFormat
        case wrongFormat
        case tooLarge
        case invalidEncoding
        case unreadable
    }

    public var kind: Kind
    public var location: SourceLocation
    public var reason: String

    public init(_ kind: Kind, at location: SourceLocation, _ reason: String) {
        self.kind = kind
        self.location = location
        self.reason = reason
    }

    public var message: String { "\(location): \(reason)" }
}
