import Foundation

/// Reads lines from a file handle in blocks, splitting on "\\n" (a "\\r" before it is dropped)
/// without `readLine`'s per-line cost; invalid UTF-8 is repaired (U+FFFD), never refused.
final class LineBlockReader {
    private let handle: FileHandle
    private var buffer: [UInt8] = []
    private var start = 0
    private var atEnd = false

    init(handle: FileHandle) {
        self.handle = handle
    }

    /// Up to `maximumLines` lines, or nil at the end of the input.
    func nextBlock(maximumLines: Int) throws -> [String]? {
        var lines: [String] = []
        while lines.count < maximumLines {
            if let newline = buffer[start...].firstIndex(of: 0x0A) {
                var end = newline
                if end > start && buffer[end - 1] == 0x0D { end -= 1 }
                lines.append(buffer.withUnsafeBufferPointer { String(decoding: UnsafeBufferPointer(rebasing: $0[start..<end]), as: UTF8.self) })
                start = newline + 1
                continue
            }
            if atEnd {
                if start < buffer.count {
                    lines.append(buffer.withUnsafeBufferPointer { String(decoding: UnsafeBufferPointer(rebasing: $0[start...]), as: UTF8.self) })
                    start = buffer.count
                }
                break
            }
            // Keep the unfinished line, read more.
            buffer.removeSubrange(0..<start)
            start = 0
            if let data = try handle.read(upToCount: 1 << 20), !data.isEmpty {
                buffer.append(contentsOf: data)
            } else {
                atEnd = true
            }
        }
        return lines.isEmpty && atEnd ? nil : lines
    }
}
