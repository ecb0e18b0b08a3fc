/// An open-addressing hash table from words (UTF-8 bytes) to dense integer ids, looked up
/// straight from a byte buffer: no `String` is created and no SipHash computed per lookup,
/// which is what makes lexicon scoring cost a few hundred instructions per word instead of
/// thousands. Ids start at 0 and index the caller's own attribute arrays.
public struct WordTable: Sendable {
    private var slots: [Int32]
    private var hashes: [UInt64] = []
    private var starts: [Int32] = [0]
    private var arena: [UInt8] = []
    private var mask: Int

    public init(minimumCapacity: Int = 1024) {
        var size = 16
        while size < minimumCapacity * 2 { size <<= 1 }
        slots = Array(repeating: -1, count: size)
        mask = size - 1
    }

    public var count: Int { hashes.count }

    /// The id of a word, adding it when new.
    @discardableResult
    public mutating func insert(_ word: String) -> Int32 {
        var copy = word
        return copy.withUTF8 { insert(bytes: $0) }
    }

    @discardableResult
    public mutating func insert(bytes: UnsafeBufferPointer<UInt8>) -> Int32 {
        let hash = Self.hash(bytes)
        if let existing = find(bytes, hash: hash) { return existing }
        if (hashes.count + 1) * 2 > slots.count { grow() }
        let id = Int32(hashes.count)
        hashes.append(hash)
        arena.append(contentsOf: bytes)
        starts.append(Int32(arena.count))
        var slot = Int(truncatingIfNeeded: hash) & mask
        while slots[slot] >= 0 { slot = (slot + 1) & mask }
        slots[slot] = id
        return id
    }

    /// The id of a word, or nil.
    @inline(__always)
    public func id(of bytes: UnsafeBufferPointer<UInt8>) -> Int32? {
        find(bytes, hash: Self.hash(bytes))
    }

    public func id(of word: String) -> Int32? {
        var copy = word
        return copy.withUTF8 { id(of: $0) }
    }

    /// The word of an id.
    public func word(_ id: Int32) -> String {
        let range = Int(starts[Int(id)])..<Int(starts[Int(id) + 1])
        return String(decoding: arena[range], as: UTF8.self)
    }

    @inline(__always)
    private func find(_ bytes: UnsafeBufferPointer<UInt8>, hash: UInt64) -> Int32? {
        var slot = Int(truncatingIfNeeded: hash) & mask
        while true {
            let id = slots[slot]
            if id < 0 { return nil }
            if hashes[Int(id)] == hash {
                let start = Int(starts[Int(id)])
                let end = Int(starts[Int(id) + 1])
                if end - start == bytes.count {
                    var equal = true
                    arena.withUnsafeBufferPointer { stored in
                        for offset in 0..<bytes.count where stored[start + offset] != bytes[offset] {
                            equal = false
                            break
                        }
                    }
                    if equal { return id }
                }
            }
            slot = (slot + 1) & mask
        }
    }

    private mutating func grow() {
        let size = slots.count * 2
        slots = Array(repeating: -1, count: size)
        mask = size - 1
        for (id, hash) in hashes.enumerated() {
            var slot = Int(truncatingIfNeeded: hash) & mask
            while slots[slot] >= 0 { slot = (slot + 1) & mask }
            slots[slot] = Int32(id)
        }
    }

    /// FNV-1a finished with MurmurHash3's mix (`StableTextHash`), so that the low bits (the
    /// slot) are well spread.
    @inline(__always)
    static func hash(_ bytes: UnsafeBufferPointer<UInt8>) -> UInt64 {
        StableTextHash.mix(StableTextHash.fnv(bytes: bytes))
    }
}
