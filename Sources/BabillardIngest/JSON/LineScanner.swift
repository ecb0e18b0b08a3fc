import Foundation

/// Splits a buffer into lines without copying it, for JSON lines and CSV-like inputs.
public enum LineScanner {
    /// Calls `body` for every line with its bytes (without the line break), its 1-based line
    /// number and its byte offset. Handles `\n` and `\r\n`, and skips a UTF-8 byte-order mark at
    /// the start (the first line then starts at offset 3). Returns early if `body` returns false.
    ///
    /// With `releasingPages` (only for a memory-mapped file, never for bytes in the heap), pages
    /// already scanned are handed back to the kernel as the scan goes on.
    public static func forEachLine(
        in data: Data, releasingPages: Bool = false,
        _ body: (_ line: UnsafeRawBufferPointer, _ lineNumber: Int, _ offset: Int) throws -> Bool
    ) rethrows {
        try data.withUnsafeBytes { (raw: UnsafeRawBufferPointer) in
            guard let base = raw.baseAddress, raw.count > 0 else { return }
            let count = raw.count
            var start = count >= 3 && raw[0] == 0xEF && raw[1] == 0xBB && raw[2] == 0xBF ? 3 : 0
            var lineNumber = 1
            var released = 0
            while start < count {
                if releasingPages, start - released >= releaseStride {
                    releasePages(base, from: released, to: start)
                    released = start - start % pageSize
                }
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

    static let releaseStride = 16 << 20
    static let pageSize = 4096

    /// Tells the kernel that the pages already scanned will not be needed again, so that reading a
    /// memory-mapped file of any size keeps the resident memory at a few megabytes (the pages of a
    /// mapped file otherwise count as the process's memory until the kernel needs them back).
    /// `MADV_DONTNEED` on a private file mapping drops the pages from this process only: they stay in
    /// the page cache and read back from the file if touched again. (On heap memory it would zero
    /// them, hence the opt-in.)
    static func releasePages(_ base: UnsafeRawPointer, from start: Int, to end: Int) {
        #if os(Linux)
        let address = Int(bitPattern: base) + start
        let alignedStart = (address + pageSize - 1) / pageSize * pageSize
        let alignedEnd = (Int(bitPattern: base) + end) / pageSize * pageSize
        guard alignedEnd > alignedStart, let pointer = UnsafeMutableRawPointer(bitPattern: alignedStart) else { return }
        _ = madvise(pointer, alignedEnd - alignedStart, MADV_DONTNEED)
        #endif
    }

    /// True when the bytes are only spaces, tabs or nothing.
    public static func isBlank(_ line: UnsafeRawBufferPointer) -> Bool {
        for byte in line where byte != 0x20 && byte != 0x09 && byte != 0x0D { return false }
        return true
    }
}
