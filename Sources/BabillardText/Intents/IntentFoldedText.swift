/// A text folded as `TextFolding` folds it, as UTF-8 bytes, with the few offsets needed to map
/// a place in the folded bytes back to the original text.
///
/// Why not `TextFolding.fold` and a second walk: folding ASCII is lowercasing a byte, and social
/// text is mostly ASCII, so copying bytes here is several times faster than building a String
/// scalar by scalar; non-ASCII scalars go through `TextFolding.append`, so the result is the
/// same. Folded and original offsets move together except where a scalar changes length when
/// folded ("é" 2 bytes → "e" 1, "œ" → "oe"); only there is a checkpoint kept.
struct IntentFoldedText {
    private(set) var bytes: [UInt8] = []
    /// Folded offsets where the folded − original difference changes, and the original offset
    /// there; increasing.
    private var foldedCheckpoints: [Int] = []
    private var originalCheckpoints: [Int] = []

    init(_ original: UnsafeBufferPointer<UInt8>) {
        bytes.reserveCapacity(original.count)
        var scratch = String.UnicodeScalarView()
        var index = 0
        let count = original.count
        while index < count {
            let byte = original[index]
            if byte < 0x80 {
                bytes.append(byte >= 0x41 && byte <= 0x5A ? byte + 0x20 : byte)
                index += 1
                continue
            }
            let (scalar, length) = IntentTextBytes.scalar(in: original, at: index)
            let before = bytes.count
            if scalar.value < TextFolding.latinTableLimit {
                TextFolding.appendFoldedUTF8(ofLatin: Int(scalar.value), to: &bytes)
            } else {
                scratch.removeAll(keepingCapacity: true)
                TextFolding.append(scalar, to: &scratch)
                for folded in scratch { bytes.append(contentsOf: UTF8.encode(folded)!) }
            }
            index += length
            if bytes.count - before != length {
                foldedCheckpoints.append(bytes.count)
                originalCheckpoints.append(index)
            }
        }
    }

    /// The original UTF-8 offset of a folded offset that falls between scalars.
    func originalOffset(of folded: Int) -> Int {
        // The last checkpoint at or before `folded`; from there both advance together.
        var low = 0
        var high = foldedCheckpoints.count
        while low < high {
            let middle = (low + high) / 2
            if foldedCheckpoints[middle] <= folded { low = middle + 1 } else { high = middle }
        }
        guard low > 0 else { return folded }
        return originalCheckpoints[low - 1] + (folded - foldedCheckpoints[low - 1])
    }
}
