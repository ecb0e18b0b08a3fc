import BabillardCore
import BabillardIngest
import BabillardStore
import Foundation

/// What one import of one input did.
public struct ImportReport: Sendable {
    public var input: String
    /// The format's name (`feed`, `mastodon`…, or `demo`).
    public var format: String
    public var counts: ImportCounts
    /// The rejected records, up to `ImportPipeline.rejectionsKept`; `counts.rejected` has them all.
    public var rejections: [RejectedRecord]
    public var runID: Int64
}

/// Reads an input with a format reader and writes what it finds to a store in batches.
///
/// The reader runs on a thread of its own and hands full batches to the writer through a
/// queue of two: parsing and writing overlap on two cores, and memory stays at a few batches
/// whatever the size of the input. Each batch is one transaction, so an interrupted import
/// leaves whole batches only, and running the import again completes it (writes are idempotent).
public struct ImportPipeline: Sendable {
    public static let rejectionsKept = 1000

    public var store: any Store
    public var workspace: Workspace
    public var batchSize: Int
    /// Called on the writer's side after each batch with the running counts.
    public var progress: (@Sendable (ImportCounts) -> Void)?
    /// The clock, injected so that tests are repeatable.
    public var now: @Sendable () -> Timestamp
    /// From this many bytes of input, an import into a store that holds no item yet is a bulk
    /// load (`Store.beginBulkLoad`: indexes built once at the end). Nil never bulk-loads, the
    /// default: only the command line sets it, because other writers of the same store (the
    /// server's fetchers) would be slowed while the indexes are missing.
    public var bulkLoadMinimumBytes: Int?

    public init(
        store: any Store, workspace: Workspace, batchSize: Int = 2000,
        progress: (@Sendable (ImportCounts) -> Void)? = nil,
        now: @escaping @Sendable () -> Timestamp = { Timestamp(epochSeconds: Date().timeIntervalSince1970) }
    ) {
        self.store = store
        self.workspace = workspace
        self.batchSize = max(1, batchSize)
        self.progress = progress
        self.now = now
    }

    /// Imports one input. Throws the reader's `ReadError` when nothing could be read, or a
    /// `StoreError` when the store failed (batches written before the failure stay written).
    public func run(_ reader: any FormatReader, on input: ReaderInput) async throws -> ImportReport {
        var bulk = false
        if let minimum = bulkLoadMinimumBytes, input.data.count >= minimum {
            bulk = try await store.beginBulkLoad()
        }
        return try await run(sourceName: input.name, formatName: reader.format.rawValue, endingBulkLoad: bulk) { emit in
            try reader.read(input, emit: emit)
        }
    }

    /// Imports whatever `produce` emits (a reader, a generator), on a thread of its own.
    public func run(
        sourceName: String, formatName: String, produce: @escaping @Sendable (_ emit: (IngestRecord) throws -> Void) throws -> Void
    ) async throws -> ImportReport {
        try await run(sourceName: sourceName, formatName: formatName, endingBulkLoad: false, produce: produce)
    }

    /// `endingBulkLoad`: the store is in a bulk load this run must end (build its indexes),
    /// whatever happens; an index build that fails fails the run.
    private func run(
        sourceName: String, formatName: String, endingBulkLoad bulkLoad: Bool,
        produce: @escaping @Sendable (_ emit: (IngestRecord) throws -> Void) throws -> Void
    ) async throws -> ImportReport {
        let runID: Int64
        do {
            runID = try await store.startImportRun(in: workspace, sourceName: sourceName, format: formatName, at: now())
        } catch {
            if bulkLoad { try? await store.endBulkLoad() }
            throw error
        }
        var counts = ImportCounts()
        var rejections: [RejectedRecord] = []
        let handoff = BatchHandoff(capacity: 2)
        let batchSize = self.batchSize
        let producer = Thread {
            var batch: [IngestRecord] = []
            batch.reserveCapacity(batchSize)
            do {
                try produce { record in
                    batch.append(record)
                    if batch.count >= batchSize {
                        try handoff.send(batch)
                        batch.removeAll(keepingCapacity: true)
                    }
                }
                if !batch.isEmpty { try handoff.send(batch) }
                handoff.finish(throwing: nil)
            } catch {
                handoff.finish(throwing: error)
            }
        }
        producer.stackSize = 8 << 20
        producer.start()

        do {
            while let batch = try await handoff.receive() {
                for case .rejected(let rejection) in batch where rejections.count < Self.rejectionsKept {
                    rejections.append(rejection)
                }
                counts += try await store.write(batch, into: workspace, at: now())
                progress?(counts)
            }
            if bulkLoad { try await store.endBulkLoad() }
        } catch {
            handoff.cancel()
            // The indexes are built even so (or, failing that, when the store is next opened).
            if bulkLoad { try? await store.endBulkLoad() }
            let message = (error as? any UserFacingError)?.message ?? String(describing: error)
            try? await store.finishImportRun(runID, status: .failed, counts: counts, message: message, at: now())
            throw error
        }
        try await store.finishImportRun(runID, status: .completed, counts: counts, message: nil, at: now())
        return ImportReport(input: sourceName, format: formatName, counts: counts, rejections: rejections, runID: runID)
    }
}

/// A bounded queue between the reader's thread (which may block) and the async writer
/// (which never blocks a thread: it suspends).
final class BatchHandoff: @unchecked Sendable {
    private let condition = NSCondition()
    private var queue: [[IngestRecord]] = []
    private var finished = false
    private var failure: (any Error)?
    private var cancelled = false
    private let capacity: Int
    private var waiter: CheckedContinuation<Void, Never>?

    init(capacity: Int) {
        self.capacity = capacity
    }

    struct Cancelled: Error {}

    /// Called by the producer; blocks while the queue is full.
    func send(_ batch: [IngestRecord]) throws {
        condition.lock()
        while queue.count >= capacity && !cancelled { condition.wait() }
        if cancelled {
            condition.unlock()
            throw Cancelled()
        }
        queue.append(batch)
        let toResume = waiter
        waiter = nil
        condition.unlock()
        toResume?.resume()
    }

    func finish(throwing error: (any Error)?) {
        condition.lock()
        finished = true
        if let error, !(error is Cancelled) { failure = error }
        let toResume = waiter
        waiter = nil
        condition.unlock()
        toResume?.resume()
    }

    func cancel() {
        condition.lock()
        cancelled = true
        condition.broadcast()
        condition.unlock()
    }

    private enum Take {
        case batch([IngestRecord])
        case end
        case failure(any Error)
        case empty
    }

    private func take() -> Take {
        condition.lock()
        defer { condition.unlock() }
        if !queue.isEmpty {
            condition.signal()
            return .batch(queue.removeFirst())
        }
        if finished { return failure.map(Take.failure) ?? .end }
        return .empty
    }

    /// Parks the consumer until a batch or the end arrives; resumes at once if one already has.
    private func park(_ continuation: CheckedContinuation<Void, Never>) {
        condition.lock()
        if !queue.isEmpty || finished {
            condition.unlock()
            continuation.resume()
        } else {
            waiter = continuation
            condition.unlock()
        }
    }

    /// Called by the consumer: the next batch, nil at the end, or the producer's error.
    func receive() async throws -> [IngestRecord]? {
        while true {
            switch take() {
            case .batch(let batch): return batch
            case .end: return nil
            case .failure(let error): throw error
            case .empty: await withCheckedContinuation { park($0) }
            }
        }
    }
}
