/// Compact JSON written straight into UTF-8 bytes, for output of many small objects
/// (`babillard analyze` prints one per text): appending to a `[UInt8]` costs a copy, where each
/// append to a `String` also re-checks its storage, and nested objects need no string of their
/// own. The caller writes the punctuation; this writes values.
public struct JSONBytes {
    public var bytes: [UInt8] = []

    public init(capacity: Int = 0) {
        bytes.reserveCapacity(capacity)
    }

    /// JSON text written as it is (punctuation, keys: `{"lang":`).
    @inline(__always)
    public mutating func raw(_ text: StaticString) {
        text.withUTF8Buffer { bytes.append(contentsOf: $0) }
    }

    /// A string literal, escaped as `JSONQuoting` does.
    @inline(__always)
    public mutating func string(_ value: String) {
        JSONQuoting.appendQuoted(value, to: &bytes)
    }

    /// A number; whole numbers without ".0" (as JSON writers print them), and `null` for NaN and
    /// infinities, which JSON cannot hold.
    public mutating func number(_ value: Double) {
        bytes.append(contentsOf: Self.numberText(value).utf8)
    }

    /// How JSON output writes a number (see `number`).
    public static func numberText(_ value: Double) -> String {
        guard value.isFinite else { return "null" }
        return value == value.rounded() && abs(value) < 1e15 ? String(Int64(value)) : value.description
    }

    /// The bytes as a string (they are valid UTF-8 by construction).
    public var text: String { String(decoding: bytes, as: UTF8.self) }
}
