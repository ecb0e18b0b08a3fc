/// Where one field of a CSV record sits in the input; nothing is copied until it is read.
struct CSVField {
    /// The field's content: inside the quotes for a quoted field.
    var start: Int
    var end: Int
    /// A quoted field whose content has `""` escapes or carriage returns to rewrite, or text
    /// after its closing quote: `CSVScanner.value` must decode it from `rawStart`.
    var needsDecoding: Bool
    /// Where the field starts in the input (its opening quote, or leading spaces before it).
    var rawStart: Int
    var quoted: Bool
}

/// A streaming RFC 4180 scanner over bytes: quoted fields with `""` escapes and line breaks,
/// records ending with LF, CRLF or a lone CR (old Mac Excel), one delimiter byte.
///
/// It is lenient where spreadsheets and hand-written files are sloppy: spaces before an opening
/// quote are skipped, a quote inside an unquoted field is kept as text, and text after a closing
/// quote is kept. Line numbers are physical lines, so a record with a multi-line field reports
/// the line where it starts.
struct CSVScanner {
    enum Outcome {
        /// A record starting at this physical line and byte offset; its fields are in `fields`.
        case record(line: Int, offset: Int)
        /// A quoted field opened in the record starting here is never closed: the rest of the
        /// input is that one field.
        case unclosedQuote(line: Int, offset: Int)
    }

    static let quote: UInt8 = 0x22
    static let lineFeed: UInt8 = 0x0A
    static let carriageReturn: UInt8 = 0x0D

    let bytes: UnsafeBufferPointer<UInt8>
    let delimiter: UInt8
    private(set) var index: Int
    /// The physical line `index` is on (1-based).
    private(set) var line = 1
    /// The fields of the last record; reused from record to record.
    var fields: [CSVField] = []
    /// Reused buffer for decoding quoted fields.
    private var scratch: [UInt8] = []

    init(bytes: UnsafeBufferPointer<UInt8>, start: Int, delimiter: UInt8) {
        self.bytes = bytes
        self.index = start
        self.delimiter = delimiter
    }

    /// The delimiter of a file: the most frequent of ',', ';' and tab outside quotes on the
    /// header's first record (',' on a tie or when there is none).
    static func sniffDelimiter(_ bytes: UnsafeBufferPointer<UInt8>, start: Int) -> UInt8 {
        var commas = 0, semicolons = 0, tabs = 0
        var inQuotes = false
        var i = start
        while i < bytes.count {
            let byte = bytes[i]
            if byte == quote {
                inQuotes.toggle()
            } else if !inQuotes {
                switch byte {
                case 0x2C: commas += 1
                case 0x3B: semicolons += 1
                case 0x09: tabs += 1
                case lineFeed, carriageReturn: i = bytes.count
                default: break
                }
            }
            i += 1
        }
        if semicolons > commas && semicolons >= tabs { return 0x3B }
        if tabs > commas && tabs > semicolons { return 0x09 }
        return 0x2C
    }

    private func isRecordEnd(_ byte: UInt8) -> Bool {
        byte == delimiter || byte == Self.lineFeed || byte == Self.carriageReturn
    }

    /// Reads the next record into `fields`; nil at the end of the input.
    mutating func next() -> Outcome? {
        guard index < bytes.count else { return nil }
        let recordLine = line
        let recordOffset = index
        fields.removeAll(keepingCapacity: true)
        while true {
            let rawStart = index
            var probe = index
            while probe < bytes.count, bytes[probe] == 0x20, delimiter != 0x20 { probe += 1 }
            if probe < bytes.count, bytes[probe] == Self.quote {
                index = probe + 1
                let contentStart = index
                var needsDecoding = false
                var closed = false
                while index < bytes.count {
                    let byte = bytes[index]
                    if byte == Self.quote {
                        if index + 1 < bytes.count, bytes[index + 1] == Self.quote {
                            needsDecoding = true
                            index += 2
                            continue
                        }
                        closed = true
                        break
                    }
                    if byte == Self.lineFeed {
                        line += 1
                    } else if byte == Self.carriageReturn {
                        needsDecoding = true
                        if index + 1 >= bytes.count || bytes[index + 1] != Self.lineFeed { line += 1 }
                    }
                    index += 1
                }
                guard closed else { return .unclosedQuote(line: recordLine, offset: recordOffset) }
                let contentEnd = index
                index += 1
                if index < bytes.count, !isRecordEnd(bytes[index]) {
                    needsDecoding = true
                    while index < bytes.count, !isRecordEnd(bytes[index]) { index += 1 }
                }
                fields.append(CSVField(start: needsDecoding ? rawStart : contentStart, end: needsDecoding ? index : contentEnd,
                                       needsDecoding: needsDecoding, rawStart: rawStart, quoted: true))
            } else {
                while index < bytes.count, !isRecordEnd(bytes[index]) { index += 1 }
                fields.append(CSVField(start: rawStart, end: index, needsDecoding: false, rawStart: rawStart, quoted: false))
            }
            guard index < bytes.count else { return .record(line: recordLine, offset: recordOffset) }
            let byte = bytes[index]
            index += 1
            if byte == delimiter { continue }
            if byte == Self.carriageReturn, index < bytes.count, bytes[index] == Self.lineFeed { index += 1 }
            line += 1
            return .record(line: recordLine, offset: recordOffset)
        }
    }

    /// True when the last record is an empty line.
    var recordIsBlank: Bool {
        fields.count == 1 && !fields[0].quoted && LineScanner.isBlank(UnsafeRawBufferPointer(UnsafeBufferPointer(rebasing: bytes[fields[0].start..<fields[0].end])))
    }

    /// The text of a field of the last record, with quotes undone and line breaks as "\n",
    /// decoded as UTF-8 or Windows-1252 (see `SpreadsheetEncoding`).
    mutating func value(_ field: CSVField) -> String {
        guard field.needsDecoding else {
            return SpreadsheetEncoding.string(UnsafeBufferPointer(rebasing: bytes[field.start..<field.end]))
        }
        scratch.removeAll(keepingCapacity: true)
        var i = field.rawStart
        while bytes[i] == 0x20 { i += 1 }
        i += 1  // the opening quote
        var inQuotes = true
        while i < field.end {
            let byte = bytes[i]
            if inQuotes && byte == Self.quote {
                if i + 1 < field.end, bytes[i + 1] == Self.quote {
                    scratch.append(Self.quote)
                    i += 2
                } else {
                    inQuotes = false
                    i += 1
                }
            } else if byte == Self.carriageReturn {
                scratch.append(Self.lineFeed)
                i += 1
                if i < field.end, bytes[i] == Self.lineFeed { i += 1 }
            } else {
                scratch.append(byte)
                i += 1
            }
        }
        return SpreadsheetEncoding.string(scratch)
    }
}
