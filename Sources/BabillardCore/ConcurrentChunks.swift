import Dispatch

/// Work over many items on every core, in chunks of a fixed size that idle cores take in turn.
/// Small chunks rather than one share per core: texts differ in cost (a French review takes
/// several times longer than a tweet) and inputs often group them, so equal shares left a core
/// idle while the other finished.
public enum ConcurrentChunks {
    /// Calls `body` once per chunk, with the chunk's number and its range of item indices
    /// (`size` items, the last one possibly fewer), on every core; returns when all are done.
    public static func forEach(count: Int, size: Int, _ body: @Sendable (_ chunk: Int, _ items: Range<Int>) -> Void) {
        precondition(size > 0, "a chunk holds at least one item")
        guard count > 0 else { return }
        DispatchQueue.concurrentPerform(iterations: chunkCount(count: count, size: size)) { chunk in
            body(chunk, (chunk * size)..<min(count, (chunk + 1) * size))
        }
    }

    /// The number of chunks `forEach` makes.
    public static func chunkCount(count: Int, size: Int) -> Int {
        (count + size - 1) / size
    }
}
