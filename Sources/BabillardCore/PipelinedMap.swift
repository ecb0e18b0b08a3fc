import Dispatch

/// Maps inputs on a second core while the caller produces the next ones, and hands the results
/// back in order, on the caller's thread.
///
/// A reader whose parse and per-record work cost about the same (a feed: the XML parse on one side,
/// HTML to text, dates and links on the other) spends less time when the two overlap. Inputs
/// travel in batches of `batchSize` to one serial background queue. Between calls one batch at
/// most is out (two for a moment inside `add`), so memory holds a few batches whatever the input's
/// size. The queue runs at the caller's quality of service, and a caller waiting for a batch
/// lends it its priority (a work item's `wait`, not a semaphore).
///
/// Ownership: an input handed to `add` belongs to the pipeline from then on. It may be a class
/// instance that is not `Sendable` (a parsed XML element), as long as the producer keeps no
/// reference it still uses; `transform` must read nothing else that changes. The compiler cannot
/// check this (region-based `sending` does not reach through the XML parser's callbacks), so the
/// type is visible to this package only.
package final class PipelinedMap<Input, Output> {
    private let transform: @Sendable (Input) -> Output
    private let batchSize: Int
    private var filling: [Input] = []
    /// Batches sent off, oldest first, with the work item that maps each.
    private var outstanding: [(batch: Batch, work: DispatchWorkItem)] = []
    private let queue = DispatchQueue(label: "babillard.pipelined-map")

    /// A batch on its way through the background queue.
    private final class Batch: @unchecked Sendable {
        var inputs: [Input]
        var outputs: [Output] = []
        init(inputs: [Input]) { self.inputs = inputs }
    }

    package init(batchSize: Int = 32, transform: @escaping @Sendable (Input) -> Output) {
        precondition(batchSize > 0, "a batch holds at least one input")
        self.batchSize = batchSize
        self.transform = transform
        filling.reserveCapacity(batchSize)
    }

    /// Takes one input; when a batch fills, sends it off and delivers the results of the batch
    /// before it (once they are ready) to `deliver`, in order.
    package func add(_ input: Input, deliver: (Output) throws -> Void) rethrows {
        filling.append(input)
        guard filling.count >= batchSize else { return }
        let batch = Batch(inputs: filling)
        filling = []
        filling.reserveCapacity(batchSize)
        let transform = self.transform
        let work = DispatchWorkItem {
            batch.outputs = batch.inputs.map(transform)
            batch.inputs = []
        }
        queue.async(execute: work)
        outstanding.append((batch, work))
        if outstanding.count > 1 { try deliverOldest(to: deliver) }
    }

    /// Delivers every result still to come, in order: the batches out, then the last partial batch
    /// (mapped here: the other core has nothing left to overlap with).
    package func finish(deliver: (Output) throws -> Void) rethrows {
        while !outstanding.isEmpty { try deliverOldest(to: deliver) }
        let last = filling
        filling = []
        for input in last { try deliver(transform(input)) }
    }

    private func deliverOldest(to deliver: (Output) throws -> Void) rethrows {
        let (batch, work) = outstanding.removeFirst()
        work.wait()
        for output in batch.outputs { try deliver(output) }
    }

    deinit {
        // A caller that stopped early (its `deliver` threw) leaves batches running: they finish on
        // their own and hold nothing of the caller's, but wait so that no work outlives the reader.
        for (_, work) in outstanding { work.wait() }
    }
}
