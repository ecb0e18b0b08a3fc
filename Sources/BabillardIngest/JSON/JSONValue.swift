/// A parsed JSON document.
///
/// Numbers keep their source text so that 64-bit ids (X/Twitter, Reddit) never pass
/// through a Double and lose digits; `int`, `int64` and `double` convert on demand.
public enum JSONValue: Sendable, Hashable {
    case null
    case bool(Bool)
    case number(JSONNumber)
    case string(String)
    case array([JSONValue])
    case object(JSONObject)

    /// The member of an object, or nil for a missing key or a value that is not an object.
    @inlinable
    public subscript(key: String) -> JSONValue? {
        if case .object(let object) = self { return object[key] }
        return nil
    }

    /// The element of an array, or nil when out of range or not an array.
    @inlinable
    public subscript(index: Int) -> JSONValue? {
        if case .array(let array) = self, array.indices.contains(index) { return array[index] }
        return nil
    }

    /// The string, or nil for any other type.
    @inlinable
    public var string: String? {
        if case .string(let value) = self { return value }
        return nil
    }

    /// A non-empty string, or nil.
    @inlinable
    public var nonEmptyString: String? {
        if case .string(let value) = self, !value.isEmpty { return value }
        return nil
    }

    /// A string, or a number's source text: how APIs write ids, sometimes quoted, sometimes not.
    @inlinable
    public var idString: String? {
        switch self {
        case .string(let value): return value.isEmpty ? nil : value
        case .number(let number): return number.text
        default: return nil
        }
    }

    @inlinable
    public var bool: Bool? {
        if case .bool(let value) = self { return value }
        return nil
    }

    /// An integer from a number or a string of digits ("12" is common in exports).
    @inlinable
    public var int: Int? {
        switch self {
        case .number(let number): return number.int
        case .string(let text): return Int(text)
        default: return nil
        }
    }

    @inlinable
    public var int64: Int64? {
        switch self {
        case .number(let number): return number.int64
        case .string(let text): return Int64(text)
        default: return nil
        }
    }

    @inlinable
    public var double: Double? {
        switch self {
        case .number(let number): return number.double
        case .string(let text): return Double(text)
        default: return nil
        }
    }

    @inlinable
    public var array: [JSONValue]? {
        if case .array(let value) = self { return value }
        return nil
    }

    @inlinable
    public var object: JSONObject? {
        if case .object(let value) = self { return value }
        return nil
    }

    @inlinable
    public var isNull: Bool {
        if case .null = self { return true }
        return false
    }

    /// Follows a path of keys: `value.at("account", "id")`.
    @inlinable
    public func at(_ keys: String...) -> JSONValue? {
        var current: JSONValue? = self
        for key in keys { current = current?[key] }
        return current
    }
}

/// A JSON number as written in the source.
public struct JSONNumber: Sendable, Hashable, CustomStringConvertible {
    public let text: String

    @inlinable
    public init(text: String) { self.text = text }

    @inlinable
    public var int64: Int64? {
        if let exact = Int64(text) { return exact }
        if let value = Double(text), value.rounded() == value, abs(value) < 9.2e18 { return Int64(value) }
        return nil
    }

    @inlinable
    public var int: Int? { int64.map { Int($0) } }

    @inlinable
    public var double: Double? { Double(text) }

    public var description: String { text }
}

/// A JSON object that keeps its members in source order.
///
/// Lookups are linear: API objects have a few dozen keys at most, and a linear scan of a
/// contiguous array beats hashing every key of every object while parsing.
public struct JSONObject: Sendable, Hashable, Sequence {
    public var keys: [String]
    public var values: [JSONValue]

    @inlinable
    public init(keys: [String] = [], values: [JSONValue] = []) {
        self.keys = keys
        self.values = values
    }

    /// The value of the last member with that key (JSON's usual rule for duplicate keys).
    @inlinable
    public subscript(key: String) -> JSONValue? {
        var index = keys.count - 1
        while index >= 0 {
            if keys[index] == key { return values[index] }
            index -= 1
        }
        return nil
    }

    @inlinable
    public var count: Int { keys.count }

    public func makeIterator() -> Zip2Sequence<[String], [JSONValue]>.Iterator {
        zip(keys, values).makeIterator()
    }
}
