/// Where in an input a record or a problem sits: a file and, when known, a line or byte offset.
public struct SourceLocation: Hashable, Sendable, Codable, CustomStringConvertible {
    public var file: String
    /// 1-based line number.
    public var line: Int?
    /// 0-based byte offset from the start of the file.
    public var offset: Int?

    public init(file: String, line: Int? = nil, offset: Int? = nil) {
        self.file = file
        self.line = line
        self.offset = offset
    }

    public var description: String {
        if let line { return "\(file):\(line)" }
        if let offset { return "\(file) at byte \(offset)" }
        return file
    }
}

/// A record that could not be read: it is reported and skipped, and the rest goes in.
public struct RejectedRecord: Hashable, Sendable, Codable, CustomStringConvertible {
    public var location: SourceLocation
    /// A sentence a user can act on: what is wrong with the record.
    public var reason: String

    public init(location: SourceLocation, reason: String) {
        self.location = location
        self.reason = reason
    }

    public var description: String { "\(location): \(reason)" }
}

/// What a reader hands to the importer, one at a time, in the order the input gives them.
public enum IngestRecord: Hashable, Sendable {
    case item(RawItem)
    case reaction(Reaction)
    case deletion(Deletion)
    /// Profile facts about an actor that come without an item (a follow, an identity event).
    case actor(ActorIdentity)
    case rejected(RejectedRecord)
}
