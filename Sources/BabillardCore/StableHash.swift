/// A 64-bit FNV-1a hash that is the same on every machine and every run (Swift's `Hasher`
/// is seeded per process), for content fingerprints and ids derived from content.
public struct StableHash: Sendable {
    public private(set) var value: UInt64 = 0xcbf2_9ce4_8422_2325

    public init() {}

    public mutating func combine(bytes: some Sequence<UInt8>) {
        var hash = value
        for byte in bytes {
            hash ^= UInt64(byte)
            hash &*= 0x0000_0100_0000_01B3
        }
        value = hash
    }

    /// Adds a string and a separator, so that ("ab", "c") and ("a", "bc") differ.
    public mutating func combine(_ text: String?) {
        if let text {
            var copy = text
            copy.withUTF8 { combine(bytes: $0) }
            combine(bytes: CollectionOfOne(0x1F))
        } else {
            combine(bytes: CollectionOfOne(0x1E))
        }
    }

    public mutating func combine(_ number: Int64?) {
        guard let number else { return combine(bytes: CollectionOfOne(0x1E)) }
        withUnsafeBytes(of: number.littleEndian) { combine(bytes: $0) }
    }

    public mutating func combine(_ number: Double?) {
        combine(number.map { Int64(bitPattern: $0.bitPattern) })
    }

    /// The hash as a signed integer, the type databases store.
    public var signedValue: Int64 { Int64(bitPattern: value) }

    /// Hex digits of the hash, for ids derived from content.
    public var hexValue: String {
        let digits = String(value, radix: 16)
        return String(repeating: "0", count: 16 - digits.count) + digits
    }

    /// The hexadecimal hash of one text: a stable id for records that come without one.
    public static func hex(_ text: String) -> String {
        var hash = StableHash()
        hash.combine(text)
        return hash.hexValue
    }
}
