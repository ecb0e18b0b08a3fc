/// The weights of the features a model knows, by hashed index: an open-addressing table (linear
/// probing, at most 70% full) whose entries hold the index and its weights side by side, so a
/// lookup touches one cache line.
///
/// Why not a dense array of `1 << hashBits` rows: at 20 bits and three classes that is 12 MB,
/// read at random a few hundred times per text; cache and TLB misses then cost more than the
/// rest of scoring. The table holds only the rows with a weight (2 MB for the shipped models).
struct WeightTable: Sendable, Equatable {
    /// Weights per row: 1 for two classes, else one per class.
    let columns: Int
    /// UInt32 words per entry: the index + 1 (0 marks an empty entry), then the weights' bit patterns.
    let stride: Int
    let mask: Int
    private(set) var storage: [UInt32]
    private(set) var rowCount = 0

    /// An empty table able to hold `capacity` rows.
    init(columns: Int, capacity: Int) {
        self.columns = columns
        stride = columns + 1
        var slots = 16
        while Double(slots) * 0.7 < Double(capacity) { slots <<= 1 }
        mask = slots - 1
        storage = [UInt32](repeating: 0, count: slots * stride)
    }

    /// Sets the weights of a row (the index must not be in the table yet).
    mutating func insert(index: UInt32, weights: some Collection<Float>) {
        precondition(weights.count == columns)
        var slot = Int(index) & mask
        while storage[slot * stride] != 0 { slot = (slot + 1) & mask }
        let base = slot * stride
        storage[base] = index &+ 1
        for (column, weight) in weights.enumerated() { storage[base + 1 + column] = weight.bitPattern }
        rowCount += 1
    }

    /// The offset in `storage` of a row's first weight, or nil when the index has no weights.
    @inline(__always)
    static func weightsOffset(of index: UInt32, in storage: UnsafeBufferPointer<UInt32>, stride: Int, mask: Int) -> Int? {
        let key = index &+ 1
        var slot = Int(index) & mask
        while true {
            let found = storage[slot * stride]
            if found == key { return slot * stride + 1 }
            if found == 0 { return nil }
            slot = (slot + 1) & mask
        }
    }

    /// The rows in increasing index order.
    func sortedRows() -> [(index: UInt32, offset: Int)] {
        var rows: [(index: UInt32, offset: Int)] = []
        rows.reserveCapacity(rowCount)
        for slot in 0...mask where storage[slot * stride] != 0 {
            rows.append((storage[slot * stride] &- 1, slot * stride + 1))
        }
        return rows.sorted { $0.index < $1.index }
    }
}
