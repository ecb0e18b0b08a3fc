import Foundation

/// A file of texts labeled by people, in one of the formats of the public sentiment datasets:
/// the Allociné CSV (`text,label`, 1 positive, 0 negative), a `*_text.txt` file beside its
/// `*_labels.txt` (one per line; 0 negative, 1 neutral, 2 positive: the UMSAB/xlm-t tweets),
/// or VADER's ground truth TSV (`id<TAB>mean rating -4..4<TAB>text`).
public struct LabeledDataset: Sendable {
    public enum Format: String, Sendable, CaseIterable {
        case allocineCSV = "allocine-csv"
        case labelsText = "labels-txt"
        case vaderTSV = "vader-tsv"
        /// Babillard's own training file: JSON lines `{"text": …, "label": "negative|neutral|positive"}`.
        case jsonl
    }

    public struct Example: Sendable {
        public var text: String
        /// The class, for classification data.
        public var label: SentimentLabel?
        /// The human rating, for rated data (VADER's mean in -4…4).
        public var rating: Double?
        /// Line of the example in its file (1-based), for error messages; 0 when it has none.
        public var line: Int

        public init(text: String, label: SentimentLabel?, rating: Double? = nil, line: Int = 0) {
            self.text = text
            self.label = label
            self.rating = rating
            self.line = line
        }
    }

    public var format: Format
    public var url: URL
    public var examples: [Example]
    /// Classes present (two for Allociné: negative and positive).
    public var classes: [SentimentLabel] {
        let present = Set(examples.compactMap(\.label))
        return SentimentLabel.allCases.filter { present.contains($0) }
    }
    public var isRated: Bool { format == .vaderTSV }

    /// The format a path most likely has, from its name and first line.
    public static func guessFormat(of url: URL) -> Format? {
        let name = url.lastPathComponent.lowercased()
        if name.hasSuffix(".csv") { return .allocineCSV }
        if name.hasSuffix(".jsonl") || name.hasSuffix(".ndjson") { return .jsonl }
        if name.hasSuffix("_text.txt") || name.hasSuffix("_labels.txt") { return .labelsText }
        if name.hasSuffix(".tsv") || name.contains("groundtruth") { return .vaderTSV }
        return nil
    }

    /// Reads a dataset; a malformed line is an error naming the file and line, because an
    /// evaluation on silently skipped examples would mislead.
    public init(contentsOf url: URL, format: Format? = nil) throws(DatasetError) {
        guard let format = format ?? Self.guessFormat(of: url) else {
            throw DatasetError(file: url.path, line: nil, reason: "cannot tell its format from its name; give --format allocine-csv, labels-txt, vader-tsv or jsonl")
        }
        self.format = format
        self.url = url
        switch format {
        case .allocineCSV: examples = try Self.readAllocine(url)
        case .labelsText: (self.url, examples) = try Self.readLabelsText(url)
        case .vaderTSV: examples = try Self.readVader(url)
        case .jsonl: examples = try Self.readJSONLines(url)
        }
        guard !examples.isEmpty else { throw DatasetError(file: url.path, line: nil, reason: "it holds no examples") }
    }

    private static func text(of url: URL) throws(DatasetError) -> String {
        guard FileManager.default.fileExists(atPath: url.path) else {
            throw DatasetError(file: url.path, line: nil, reason: "no such file")
        }
        let data: Data
        do { data = try Data(contentsOf: url) } catch {
            throw DatasetError(file: url.path, line: nil, reason: "cannot be read (\(error.localizedDescription))")
        }
        // Invalid UTF-8 is repaired (U+FFFD) rather than refused: a dataset is read, not stored.
        return String(decoding: data, as: UTF8.self)
    }

    private static func readAllocine(_ url: URL) throws(DatasetError) -> [Example] {
        let rows = CSVRows.parse(try text(of: url))
        guard let header = rows.first else { return [] }
        let names = header.fields.map { $0.lowercased().trimmingCharacters(in: .whitespaces) }
        guard let textColumn = names.firstIndex(where: { $0 == "text" || $0 == "review" }),
              let labelColumn = names.firstIndex(where: { $0 == "label" || $0 == "polarity" })
        else {
            throw DatasetError(file: url.path, line: 1, reason: "the header has no 'text' and 'label' columns (found: \(names.joined(separator: ", ")))")
        }
        var examples: [Example] = []
        for row in rows.dropFirst() {
            if row.fields.count == 1 && row.fields[0].isEmpty { continue }
            guard row.fields.count > max(textColumn, labelColumn) else {
                throw DatasetError(file: url.path, line: row.line, reason: "expected \(names.count) fields, found \(row.fields.count)")
            }
            let label: SentimentLabel
            switch row.fields[labelColumn].trimmingCharacters(in: .whitespaces) {
            case "1", "positive", "pos": label = .positive
            case "0", "negative", "neg": label = .negative
            case let other: throw DatasetError(file: url.path, line: row.line, reason: "label '\(other)' is not 0 or 1")
            }
            examples.append(Example(text: row.fields[textColumn], label: label, rating: nil, line: row.line))
        }
        return examples
    }

    private static func readLabelsText(_ url: URL) throws(DatasetError) -> (URL, [Example]) {
        let name = url.lastPathComponent
        let textURL: URL
        let labelsURL: URL
        if name.hasSuffix("_labels.txt") {
            labelsURL = url
            textURL = url.deletingLastPathComponent().appendingPathComponent(name.replacingOccurrences(of: "_labels.txt", with: "_text.txt"))
        } else if name.hasSuffix("_text.txt") {
            textURL = url
            labelsURL = url.deletingLastPathComponent().appendingPathComponent(name.replacingOccurrences(of: "_text.txt", with: "_labels.txt"))
        } else {
            throw DatasetError(file: url.path, line: nil, reason: "a labels-txt dataset is a file named *_text.txt beside its *_labels.txt")
        }
        let texts = lines(try text(of: textURL))
        let labels = lines(try text(of: labelsURL))
        guard texts.count == labels.count else {
            throw DatasetError(file: labelsURL.path, line: nil, reason: "has \(labels.count) labels for the \(texts.count) lines of \(textURL.lastPathComponent)")
        }
        var examples: [Example] = []
        examples.reserveCapacity(texts.count)
        for (index, (text, labelText)) in zip(texts, labels).enumerated() {
            let label: SentimentLabel
            switch labelText.trimmingCharacters(in: .whitespaces) {
            case "0": label = .negative
            case "1": label = .neutral
            case "2": label = .positive
            case let other: throw DatasetError(file: labelsURL.path, line: index + 1, reason: "label '\(other)' is not 0, 1 or 2")
            }
            examples.append(Example(text: text, label: label, rating: nil, line: index + 1))
        }
        return (textURL, examples)
    }

    private static func readVader(_ url: URL) throws(DatasetError) -> [Example] {
        var examples: [Example] = []
        for (index, line) in lines(try text(of: url)).enumerated() where !line.isEmpty {
            let fields = line.split(separator: "\t", maxSplits: 2, omittingEmptySubsequences: false)
            guard fields.count == 3, let rating = Double(fields[1].trimmingCharacters(in: .whitespaces)) else {
                throw DatasetError(file: url.path, line: index + 1, reason: "expected 'id<TAB>rating<TAB>text'")
            }
            examples.append(Example(text: String(fields[2]), label: nil, rating: rating, line: index + 1))
        }
        return examples
    }

    private static func readJSONLines(_ url: URL) throws(DatasetError) -> [Example] {
        var examples: [Example] = []
        for (index, line) in lines(try text(of: url)).enumerated() where !line.trimmingCharacters(in: .whitespaces).isEmpty {
            guard let object = try? JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any],
                  let text = object["text"] as? String
            else {
                throw DatasetError(file: url.path, line: index + 1, reason: "expected a JSON object with \"text\" and \"label\"")
            }
            let label: SentimentLabel?
            switch object["label"] {
            case let name as String: label = SentimentLabel(rawValue: name)
            case let number as Int: label = [.negative, .neutral, .positive][safe: number]
            default: label = nil
            }
            guard let label else {
                throw DatasetError(file: url.path, line: index + 1, reason: "\"label\" must be negative, neutral or positive")
            }
            examples.append(Example(text: text, label: label, rating: nil, line: index + 1))
        }
        return examples
    }

    /// Lines without their terminators ("\r\n" is one Character: split on scalars).
    private static func lines(_ text: String) -> [String] {
        var result = text.split(omittingEmptySubsequences: false, whereSeparator: { $0 == "\n" || $0 == "\r\n" }).map(String.init)
        if result.last == "" { result.removeLast() }
        return result
    }
}

extension Array {
    subscript(safe index: Int) -> Element? { indices.contains(index) ? self[index] : nil }
}

/// A labeled file that cannot be read as a dataset.
public struct DatasetError: Error, CustomStringConvertible, Sendable {
    public var file: String
    public var line: Int?
    public var reason: String

    public var description: String {
        if let line { return "\(file), line \(line): \(reason)." }
        return "\(file): \(reason)."
    }
}

/// RFC 4180 CSV rows (quoted fields with doubled quotes and line breaks inside), with the line
/// each row starts on.
enum CSVRows {
    struct Row {
        var fields: [String]
        var line: Int
    }

    static func parse(_ text: String) -> [Row] {
        var rows: [Row] = []
        var fields: [String] = []
        var field = String.UnicodeScalarView()
        var inQuotes = false
        var line = 1
        var rowLine = 1
        var iterator = text.unicodeScalars.makeIterator()
        var pending: Unicode.Scalar? = iterator.next()
        while let scalar = pending {
            pending = iterator.next()
            if inQuotes {
                if scalar == "\"" {
                    if pending == "\"" {
                        field.append("\"")
                        pending = iterator.next()
                    } else {
                        inQuotes = false
                    }
                } else {
                    if scalar == "\n" { line += 1 }
                    field.append(scalar)
                }
                continue
            }
            switch scalar {
            case "\"": inQuotes = true
            case ",":
                fields.append(String(field))
                field = String.UnicodeScalarView()
            case "\r": continue
            case "\n":
                fields.append(String(field))
                field = String.UnicodeScalarView()
                rows.append(Row(fields: fields, line: rowLine))
                fields = []
                line += 1
                rowLine = line
            default: field.append(scalar)
            }
        }
        if !field.isEmpty || !fields.isEmpty {
            fields.append(String(field))
            rows.append(Row(fields: fields, line: rowLine))
        }
        return rows
    }
}
