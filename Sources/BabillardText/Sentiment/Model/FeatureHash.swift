/// The stable hash behind the model's feature indices: 32-bit FNV-1a over UTF-8 bytes, fed one
/// byte at a time so that an n-gram is hashed without building its string, then mixed
/// (MurmurHash3's finaliser) so that the low bits used as an index are well spread.
///
/// Why not `Hasher`: it is seeded per process, and a model file stores weights by index, so the
/// same n-gram must land on the same index in every run, on every machine, forever. Changing
/// anything here changes every index: bump `SentimentFeaturizer.scannerVersion` if you do.
struct FeatureHash {
    private(set) var state: UInt32

    static let offsetBasis: UInt32 = 2_166_136_261
    static let prime: UInt32 = 16_777_619

    /// A hash in a namespace (one byte: word n-grams and character n-grams never share a state).
    @inline(__always)
    init(namespace: UInt8) {
        state = (Self.offsetBasis ^ UInt32(namespace)) &* Self.prime
    }

    @inline(__always)
    mutating func feed(_ byte: UInt8) {
        state = (state ^ UInt32(byte)) &* Self.prime
    }

    @inline(__always)
    mutating func feed(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int, to end: Int) {
        var value = state
        var index = start
        while index < end {
            value = (value ^ UInt32(bytes[index])) &* Self.prime
            index += 1
        }
        state = value
    }

    /// The index of the hashed feature among `1 << bits`.
    @inline(__always)
    func index(mask: UInt32) -> UInt32 {
        var value = state
        value ^= value >> 16
        value &*= 0x85EB_CA6B
        value ^= value >> 13
        value &*= 0xC2B2_AE35
        value ^= value >> 16
        return value & mask
    }

    static let wordNamespace: UInt8 = 0x57  // "W"
    static let characterNamespace: UInt8 = 0x43  // "C"
    /// Fed before a token inside a negation's scope, so that "bon" and "pas … bon" differ.
    static let negationMarker: UInt8 = 0x01
    static let tokenSeparator: UInt8 = 0x20
}
