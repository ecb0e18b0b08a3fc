import Foundation

/// Splits a buffer into lines without copying it, for JSON lines and CSV-like inputs.
public enum LineScanner {
    /// Calls `body` for every line with its bytes (without the line break), its 1-based line
    /// number and its byte offset. Handles `\n` and `\r\n`. Returns early if `body` returns false.
    public static func forEachLine(
        in data: Data,
        _ body: (_ line: UnsafeRawBufferPointer, _ lineNumber: Int, _ offset: Int) throws -> Bool
    ) rethrows {
        try data.withUnsafeBytes { (raw: UnsafeRawBufferPointer) in
            guard let base = raw.baseAddress, raw.count > 0 else { return }
            var start = 0
            var lineNumber = 1
            let count = raw.count
            while start < count {
                let remaining = count - start
                let end: Int
                if let found = memchr(base + start, 0x0A, remaining) {
                    end = base.distance(to: UnsafeRawPointer(found))
                } else {
                    end = count
                }
                var lineEnd = end
                if lineEnd > start, raw[lineEnd - 1] == 0x0D { lineEnd -= 1 }
                let line = UnsafeRawBufferPointer(rebasing: raw[start..<lineEnd])
                guard try body(line, lineNumber, start) else { return }
                start = end + 1
                lineNumber += 1
            }
        }
    }

    /// True when the bytes are only spaces, tabs or nothing.
    public static func isBlank(_ line: UnsafeRawBufferPointer) -> Bool {
        for byte in line where byte != 0x20 && byte != 0x09 && byte != 0x0D { return false }
        return true
    }
}
