/// An open-addressing hash table from 64-bit hashes to 64-bit values, for counting millions
/// of n-grams: the keys are already hashes, so a slot is found by mixing and masking instead
/// of SipHash, and a key sits beside its value (one cache miss per lookup in a large table;
/// 16 bytes a slot, at most 70% full).
struct NGramCountTable: Sendable {
    private struct Slot: Sendable {
        var key: UInt64
        var value: UInt64
    }

    private var slots: [Slot]
    private var mask: Int
    private(set) var count = 0

    init(minimumCapacity: Int = 1 << 12) {
        var size = 16
        while size * 7 / 10 < minimumCapacity { size <<= 1 }
        slots = Array(repeating: Slot(key: 0, value: 0), count: size)
        mask = size - 1
    }

    /// 0 marks an empty slot, so a key of 0 is stored as another value (one hash in 2^64).
    @inline(__always)
    private static func storedKey(_ key: UInt64) -> UInt64 { key == 0 ? 0x9E37_79B9_7F4A_7C15 : key }

    @inline(__always)
    private func slot(of key: UInt64) -> Int {
        var slot = Int(truncatingIfNeeded: StableTextHash.mix(key)) & mask
        while slots[slot].key != 0 && slots[slot].key != key { slot = (slot + 1) & mask }
        return slot
    }

    /// The value of a key, 0 when absent.
    func value(_ key: UInt64) -> UInt64 {
        slots[slot(of: Self.storedKey(key))].value
    }

    /// Adds `delta` to a key's value (wrapping) and returns the new value.
    @discardableResult
    mutating func add(_ key: UInt64, _ delta: UInt64) -> UInt64 {
        let key = Self.storedKey(key)
        var slot = slot(of: key)
        if slots[slot].key == 0 {
            if (count + 1) * 10 > slots.count * 7 {
                grow()
                slot = self.slot(of: key)
            }
            slots[slot].key = key
            count += 1
        }
        slots[slot].value &+= delta
        return slots[slot].value
    }

    private mutating func grow() {
        let old = slots
        slots = Array(repeating: Slot(key: 0, value: 0), count: old.count * 2)
        mask = slots.count - 1
        for entry in old where entry.key != 0 {
            slots[slot(of: entry.key)] = entry
        }
    }
}
