import BabillardCore

/// A storage failure, translated from the driver's error at the adapter boundary.
///
/// The message says what happened and what to do; SQL arguments never appear in it.
public struct StoreError: UserFacingError, Hashable {
    public enum Kind: String, Sendable, Hashable {
        /// The database file cannot be opened or created.
        case cannotOpen
        /// The database was written by a newer Babillard.
        case newerSchema
        /// Another process holds the write lock for too long.
        case busy
        /// The disk is full or the file is read-only.
        case cannotWrite
        /// The search text is not a valid query.
        case invalidQuery
        /// A workspace or item that does not exist.
        case notFound
        /// Something with that name or address exists already.
        case conflict
        /// Any other driver failure.
        case internalFailure
    }

    public var kind: Kind
    public var message: String

    public init(_ kind: Kind, _ message: String) {
        self.kind = kind
        self.message = message
    }
}
