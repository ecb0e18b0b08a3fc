import BabillardCore
import Foundation

/// Reads "everything else" kept in a spreadsheet: review exports (Google, TripAdvisor…),
/// customer lists, comments pasted into a sheet. One row is one item.
///
/// - The first record is the header (required): it names the columns that `FieldMapping` maps,
///   or from which it guesses a mapping (see `FieldMapping`).
/// - RFC 4180 with the usual leniencies (see `CSVScanner`); the delimiter is the most frequent of
///   ',', ';' (French Excel) and tab on the header line; a UTF-8 BOM is skipped; a file with a
///   UTF-16 BOM (Excel's "Unicode text") is converted to UTF-8 first, in memory.
/// - Text is UTF-8, or Windows-1252 when a field is not valid UTF-8 (see `SpreadsheetEncoding`).
/// - Values are trimmed; an empty cell is an absent value. Item defaults (platform, kind,
///   external id, rating scale, dates) are `TableItemBuilder`'s.
/// - A row whose number of fields differs from the header's, or with a value that cannot be
///   read, is rejected with the physical line where it starts; blank lines are skipped.
/// - A mapping that names a column the header lacks, or a header with no column for the text
///   or a rating, is a `ReadError`: no row could be read.
public struct CSVReader: FormatReader {
    public let format: InputFormat = .csv
    public var mapping: FieldMapping?
    public var platform: Platform?

    public init(mapping: FieldMapping? = nil, platform: Platform? = nil) {
        self.mapping = mapping
        self.platform = platform
    }

    public func read(_ input: ReaderInput, emit: (IngestRecord) throws -> Void) throws {
        var data = input.data
        if data.count >= 2, (data[data.startIndex] == 0xFF && data[data.startIndex + 1] == 0xFE)
            || (data[data.startIndex] == 0xFE && data[data.startIndex + 1] == 0xFF) {
            let encoding: String.Encoding = data[data.startIndex] == 0xFF ? .utf16LittleEndian : .utf16BigEndian
            guard let text = String(data: data.dropFirst(2), encoding: encoding) else {
                throw ReadError(.invalidEncoding, at: input.location(), "the file starts like UTF-16 text but is not valid UTF-16; save it again as CSV UTF-8.")
            }
            data = Data(text.utf8)
        }
        try data.withUnsafeBytes { (raw: UnsafeRawBufferPointer) in
            try read(raw.bindMemory(to: UInt8.self), input: input, emit: emit)
        }
    }

    private func read(_ bytes: UnsafeBufferPointer<UInt8>, input: ReaderInput, emit: (IngestRecord) throws -> Void) throws {
        var start = 0
        if bytes.count >= 3, bytes[0] == 0xEF, bytes[1] == 0xBB, bytes[2] == 0xBF { start = 3 }
        var scanner = CSVScanner(bytes: bytes, start: start, delimiter: CSVScanner.sniffDelimiter(bytes, start: start))

        // The header: the first record that is not a blank line.
        var header: [String] = []
        var headerLine = 1
        while header.isEmpty, let outcome = scanner.next() {
            switch outcome {
            case .unclosedQuote(let line, _):
                throw ReadError(.malformed, at: input.location(line: line), "the header row opens a quote that is never closed; check the first line of the file.")
            case .record(let line, _):
                if scanner.recordIsBlank { continue }
                headerLine = line
                for field in scanner.fields { header.append(scanner.value(field).tableTrimmed) }
            }
        }
        guard !header.isEmpty else {
            throw ReadError(.empty, at: input.location(), "the file has no header row: there is nothing to import.")
        }

        let columnsList = header.map { "'\($0)'" }.joined(separator: ", ")
        let chosen = mapping ?? FieldMapping.guess(columns: header)
        if mapping == nil, chosen[.text] == nil, chosen[.rating] == nil {
            throw ReadError(
                .malformed, at: input.location(line: headerLine),
                "no column looks like the text or a rating (the columns are \(columnsList)); name them with --map text=COLUMN,rating=COLUMN."
            )
        }
        if chosen[.text] == nil, chosen[.rating] == nil {
            throw ReadError(.malformed, at: input.location(line: headerLine), "the mapping names neither text nor rating, so every row would be empty; add text=COLUMN to --map.")
        }

        // Field → column index.
        let normalizedHeader = header.map(FieldMapping.normalizedName)
        var columnOf = [Int?](repeating: nil, count: FieldMapping.Field.count)
        for entry in chosen.entries {
            let wanted = FieldMapping.normalizedName(entry.column)
            guard let index = header.firstIndex(of: entry.column) ?? normalizedHeader.firstIndex(of: wanted) else {
                throw ReadError(
                    .malformed, at: input.location(line: headerLine),
                    "the mapping names the column '\(entry.column)' (for \(entry.field.rawValue)), which the header does not have; the columns are \(columnsList)."
                )
            }
            columnOf[entry.field.index] = index
        }

        let builder = TableItemBuilder(mapping: chosen, platform: platform, sourceNoun: "column")
        let delimiterName = scanner.delimiter == 0x3B ? "';'" : scanner.delimiter == 0x09 ? "a tab" : "','"
        var values = [String?](repeating: nil, count: FieldMapping.Field.count)
        while let outcome = scanner.next() {
            switch outcome {
            case .unclosedQuote(let line, _):
                try emit(.rejected(RejectedRecord(
                    location: input.location(line: line),
                    reason: "a quoted field in this row is never closed, so the rest of the file could not be read; look for a stray '\"' on this line."
                )))
                return
            case .record(let line, _):
                if scanner.recordIsBlank { continue }
                let count = scanner.fields.count
                guard count == header.count else {
                    let hint = count > header.count
                        ? "a value that contains \(delimiterName) must be in double quotes"
                        : "a value or a delimiter is missing"
                    try emit(.rejected(RejectedRecord(
                        location: input.location(line: line),
                        reason: "the row has \(count) field\(count == 1 ? "" : "s") but the header has \(header.count): \(hint)."
                    )))
                    continue
                }
                for field in 0..<FieldMapping.Field.count {
                    if let column = columnOf[field] {
                        let text = scanner.value(scanner.fields[column]).tableTrimmed
                        values[field] = text.isEmpty ? nil : text
                    } else {
                        values[field] = nil
                    }
                }
                let item: RawItem
                do throws(TableRowProblem) {
                    item = try builder.item(values)
                } catch {
                    try emit(.rejected(RejectedRecord(location: input.location(line: line), reason: error.reason)))
                    continue
                }
                try emit(.item(item))
            }
        }
    }
}
