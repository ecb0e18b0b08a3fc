import Dispatch

/// Maps inputs on a second core while the caller produces the next ones, and hands the results
/// back in order, on the caller's thread.
///
/// A reader whose parse and per-record work cost about the same (a feed: the XML parse on one side,
/// HTML to text, dates and links on the other) takes half the time when the two overlap. Inputs
/// travel in batches of `batchSize` to one serial background queue; at most two batches are out at
/// once, so memory holds a few batches whatever the input's size.
///
/// Ownership: an input handed to `add` belongs to the pipeline from then on. It may be a class
/// instance that is not `Sendable` (a parsed XML element), as long as the producer keeps no
/// reference it still uses; `transform` must read nothing else that changes.
public final class PipelinedMap<Input, Output> {
    private let transform: @Sendable (Input) -> Output
    private let batchSize: Int
    private var filling: [Input] = []
    private var outstanding: [Batch] = []
    private let queue = DispatchQueue(label: "babillard.pipelined-map", qos: .userInitiated)

    /// A batch on its way through the background queue; the semaphore says its outputs are ready.
    private final class Batch: @unchecked Sendable {
        var inputs: [Input]
        var outputs: [Output] = []
        let done = DispatchSemaphore(value: 0)
        init(inputs: [Input]) { self.inputs = inputs }
    }

    public init(batchSize: Int = 32, transform: @escaping @Sendable (Input) -> Output) {
        precondition(batchSize > 0, "a batch holds at least one input")
        self.batchSize = batchSize
        self.transform = transform
        filling.reserveCapacity(batchSize)
    }

    /// Takes one input; when a batch fills, sends it off and delivers the results of the batch
    /// before it (once they are ready) to `deliver`, in order.
    public func add(_ input: Input, deliver: (Output) throws -> Void) rethrows {
        filling.append(input)
        guard filling.count >= batchSize else { return }
        let batch = Batch(inputs: filling)
        filling = []
        filling.reserveCapacity(batchSize)
        let transform = self.transform
        queue.async {
            batch.outputs = batch.inputs.map(transform)
            batch.inputs = []
            batch.done.signal()
        }
        outstanding.append(batch)
        if outstanding.count > 1 { try deliverOldest(to: deliver) }
    }

    /// Delivers every result still to come, in order: the batches out, then the last partial batch
    /// (mapped here: the other core has nothing left to overlap with).
    public func finish(deliver: (Output) throws -> Void) rethrows {
        while !outstanding.isEmpty { try deliverOldest(to: deliver) }
        let last = filling
        filling = []
        for input in last { try deliver(transform(input)) }
    }

    private func deliverOldest(to deliver: (Output) throws -> Void) rethrows {
        let batch = outstanding.removeFirst()
        batch.done.wait()
        for output in batch.outputs { try deliver(output) }
    }

    deinit {
        // A caller that stopped early (its `deliver` threw) leaves batches running: they finish on
        // their own and hold nothing of the caller's, but wait so that no work outlives the reader.
        for batch in outstanding { batch.done.wait() }
    }
}
