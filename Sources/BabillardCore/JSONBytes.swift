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
        guard value.isFinite else { return raw("null") }
        if value == value.rounded() && abs(value) < 1e15 {
            bytes.append(contentsOf: String(Int64(value)).utf8)
        } else {
            bytes.append(contentsOf: value.description.utf8)
        }
    }

    /// The bytes as a string (they are valid UTF-8 by construction).
    public var text: String { String(decoding: bytes, as: UTF8.self) }
}
