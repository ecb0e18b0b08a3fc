import BabillardCore
import Testing

/// A class that is not Sendable, as the parser's XML elements are not: the pipeline takes it over.
private final class Box {
    var value: Int
    init(_ value: Int) { self.value = value }
}

@Suite("Pipelined map")
struct PipelinedMapTests {
    @Test(arguments: [1, 3, 32], [0, 1, 31, 32, 33, 1000])
    func deliversEveryResultInOrder(batchSize: Int, count: Int) {
        let pipeline = PipelinedMap<Box, String>(batchSize: batchSize) { box in
            // Uneven work, so that a batch mapped out of turn would show.
            var sum = 0
            for k in 0..<(box.value % 5) * 200 { sum &+= k }
            return "\(box.value):\(sum >= 0)"
        }
        var delivered: [String] = []
        for n in 0..<count {
            pipeline.add(Box(n)) { delivered.append($0) }
            // Never more than one batch out and the one filling wait to be delivered: memory stays
            // bounded whatever the input's size.
            #expect(n + 1 - delivered.count < 2 * batchSize)
        }
        pipeline.finish { delivered.append($0) }
        #expect(delivered == (0..<count).map { "\($0):true" })
    }

    @Test func stopsDeliveringWhenTheConsumerThrows() {
        struct Enough: Error {}
        let pipeline = PipelinedMap<Int, Int>(batchSize: 4) { $0 * 2 }
        var delivered: [Int] = []
        #expect(throws: Enough.self) {
            for n in 0..<100 {
                try pipeline.add(n) { value in
                    if value == 20 { throw Enough() }
                    delivered.append(value)
                }
            }
        }
        #expect(delivered == Array(stride(from: 0, to: 20, by: 2)))
    }
}
