/// Hashes that are the same on every machine and every run, for fingerprints and n-gram ids
/// that are stored or compared across processes (Swift's `Hasher` is seeded per process).
///
/// Shared by near-duplicates, watch terms and keyphrases: a folded word is identified by the
/// FNV-1a hash of its folded UTF-8 bytes, so the three agree on what "the same word" is.
enum StableTextHash {
    static let fnvOffset: UInt64 = 0xcbf2_9ce4_8422_2325
    static let fnvPrime: UInt64 = 0x0000_0100_0000_01B3

    /// One FNV-1a step.
    @inline(__always)
    static func fnv(_ hash: UInt64, _ byte: UInt8) -> UInt64 {
        (hash ^ UInt64(byte)) &* fnvPrime
    }

    /// FNV-1a of a byte sequence.
    static func fnv(bytes: some Sequence<UInt8>) -> UInt64 {
        var hash = fnvOffset
        for byte in bytes { hash = fnv(hash, byte) }
        return hash
    }

    /// Feeds the UTF-8 encoding of a scalar.
    @inline(__always)
    static func fnv(_ hash: UInt64, scalar: Unicode.Scalar) -> UInt64 {
        let value = scalar.value
        var hash = hash
        if value < 0x80 {
            return fnv(hash, UInt8(value))
        } else if value < 0x800 {
            hash = fnv(hash, UInt8(0xC0 | (value >> 6)))
            return fnv(hash, UInt8(0x80 | (value & 0x3F)))
        } else if value < 0x10000 {
            hash = fnv(hash, UInt8(0xE0 | (value >> 12)))
            hash = fnv(hash, UInt8(0x80 | ((value >> 6) & 0x3F)))
            return fnv(hash, UInt8(0x80 | (value & 0x3F)))
        } else {
            hash = fnv(hash, UInt8(0xF0 | (value >> 18)))
            hash = fnv(hash, UInt8(0x80 | ((value >> 12) & 0x3F)))
            hash = fnv(hash, UInt8(0x80 | ((value >> 6) & 0x3F)))
            return fnv(hash, UInt8(0x80 | (value & 0x3F)))
        }
    }

    /// MurmurHash3's 64-bit finaliser: spreads every input bit over every output bit. FNV-1a
    /// alone leaves the high bits of short inputs poorly mixed, which SimHash (one vote per bit)
    /// and bucket indexes (a few bits) would notice.
    @inline(__always)
    static func mix(_ value: UInt64) -> UInt64 {
        var k = value
        k ^= k >> 33
        k &*= 0xff51_afd7_ed55_8ccd
        k ^= k >> 33
        k &*= 0xc4ce_b9fe_1a85_ec53
        k ^= k >> 33
        return k
    }

    /// Combines an ordered sequence of hashes (the words of an n-gram or a shingle): order
    /// matters, so "a b" and "b a" differ.
    @inline(__always)
    static func combine(_ accumulated: UInt64, _ next: UInt64) -> UInt64 {
        mix(((accumulated << 23) | (accumulated >> 41)) ^ next)
    }
}
