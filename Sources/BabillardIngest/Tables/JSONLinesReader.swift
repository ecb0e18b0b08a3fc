import BabillardCore
import Foundation

/// Reads JSON lines (one object per line) with a field mapping, for anything a tool or a
/// script exported as JSON: one object is one item, with the same defaults as `CSVReader`
/// (see `TableItemBuilder`).
///
/// - Keys are matched like CSV columns (case, accents, spaces and camelCase do not matter) and
///   may be dotted paths (`user.name`); a key absent from an object is an absent value. Without
///   a mapping, it is guessed from the keys of the first object (see `FieldMapping`).
/// - Strings, numbers (`"rating": 4.5`, `"created_at": 1709301000`) and booleans are values;
///   `tags` may be an array of strings; an object given for `author` stands for its `name`,
///   `displayName`, `display_name`, `username` or `handle`, and for `author_id` and `place`
///   likewise (`id`, `name`); any other array or object is a rejected row.
/// - Streaming: each line is parsed on its own (`LineScanner`, `JSONParser`), so memory stays
///   at one record. A line that is not valid JSON is rejected with its line number and the
///   parser's reason; blank lines are skipped.
/// - A file that is one JSON array of objects is read element by element (`JSONArrayStream`),
///   each located by its byte offset (and line); a pretty-printed single object is refused
///   with a `ReadError` that says where its records are.
public struct JSONLinesReader: FormatReader {
    public let format: InputFormat = .jsonLines
    public var mapping: FieldMapping?
    public var platform: Platform?

    public init(mapping: FieldMapping? = nil, platform: Platform? = nil) {
        self.mapping = mapping
        self.platform = platform
    }

    public func read(_ input: ReaderInput, emit: (IngestRecord) throws -> Void) throws {
        if let mapping, mapping[.text] == nil, mapping[.rating] == nil {
            throw ReadError(.malformed, at: input.location(), "the mapping names neither text nor rating, so every record would be empty; add text=KEY to --map.")
        }
        let first: UInt8? = input.data.withUnsafeBytes { (raw: UnsafeRawBufferPointer) -> UInt8? in
            var i = raw.count >= 3 && raw[0] == 0xEF && raw[1] == 0xBB && raw[2] == 0xBF ? 3 : 0
            while i < raw.count, raw[i] == 0x20 || raw[i] == 0x0A || raw[i] == 0x0D || raw[i] == 0x09 { i += 1 }
            return i < raw.count ? raw[i] : nil
        }
        guard let first else {
            throw ReadError(.empty, at: input.location(), "the file is empty: there is nothing to import.")
        }
        var records = TableJSONRecords(mapping: mapping, platform: platform)
        if first == 0x5B {
            try readArray(input, records: &records, emit: emit)
        } else {
            try readLines(input, records: &records, emit: emit)
        }
    }

    private func readArray(_ input: ReaderInput, records: inout TableJSONRecords, emit: (IngestRecord) throws -> Void) throws {
        try input.withArrayStream(recordName: "record") { stream in
            stream.skipWhitespace()
            try stream.forEachElement { element in
                let location = input.location(line: element.line, offset: element.offset)
                switch element.value {
                case .success(let value):
                    try records.handle(value, at: location, emit: emit)
                case .failure(let error):
                    try emit(.rejected(RejectedRecord(location: location, reason: JSONArrayStream.reason(for: error, recordName: "record"))))
                }
            }
            try stream.expectEnd()
        }
    }

    private func readLines(_ input: ReaderInput, records: inout TableJSONRecords, emit: (IngestRecord) throws -> Void) throws {
        var sawRecord = false
        try LineScanner.forEachLine(in: input.data, releasingPages: input.isMemoryMapped) { line, lineNumber, offset in
            if LineScanner.isBlank(line) { return true }
            let location = input.location(line: lineNumber)
            let value: JSONValue
            do throws(JSONParseError) {
                value = try JSONParser.parse(line, baseOffset: offset)
            } catch {
                if !sawRecord, line.first == 0x7B { try Self.refuseMultiLineDocument(input) }
                sawRecord = true
                try emit(.rejected(RejectedRecord(
                    location: location,
                    reason: "this line is not valid JSON: \(error.reason) (column \(error.offset - offset + 1)); each line must hold one whole JSON object."
                )))
                return true
            }
            sawRecord = true
            try records.handle(value, at: location, emit: emit)
            return true
        }
    }

    /// Throws when the file is one JSON document written over several lines (whose first line
    /// alone is not JSON), rather than rejecting every line of it.
    private static func refuseMultiLineDocument(_ input: ReaderInput) throws {
        guard case .object(let document)? = try? JSONParser.parse(input.data) else { return }
        let arrays = document.filter { _, value in value.array?.contains { $0.object != nil } ?? false }.map(\.0)
        var reason = "this file is one JSON object written over several lines, not JSON lines (one object per line) nor a list of objects"
        if let key = arrays.first {
            reason += "; its records look like they are under \"\(key)\": extract them with jq -c '.\(key)[]' and import that"
        }
        throw ReadError(.wrongFormat, at: input.location(line: 1), reason + ".")
    }
}

/// The mapping, builder and buffers shared by the records of one JSON lines or JSON array file.
struct TableJSONRecords {
    /// One mapped key, prepared for lookups.
    struct Key {
        var field: FieldMapping.Field
        var column: String
        var path: [String]
        var normalizedPath: [String]
    }

    let explicitMapping: FieldMapping?
    let platform: Platform?
    private var keys: [Key] = []
    private var builder: TableItemBuilder?
    private var values = [String?](repeating: nil, count: FieldMapping.Field.count)

    init(mapping: FieldMapping?, platform: Platform?) {
        self.explicitMapping = mapping
        self.platform = platform
        if let mapping { prepare(mapping) }
    }

    private mutating func prepare(_ mapping: FieldMapping) {
        keys = mapping.entries.map { entry in
            let path = entry.column.split(separator: ".").map(String.init)
            return Key(field: entry.field, column: entry.column, path: path, normalizedPath: path.map(FieldMapping.normalizedName))
        }
        builder = TableItemBuilder(mapping: mapping, platform: platform, sourceNoun: "key")
    }

    mutating func handle(_ value: JSONValue, at location: SourceLocation, emit: (IngestRecord) throws -> Void) throws {
        guard case .object(let object) = value else {
            try emit(.rejected(RejectedRecord(location: location, reason: "this record is \(Self.describe(value)), not a JSON object.")))
            return
        }
        if builder == nil {
            let guessed = FieldMapping.guess(columns: object.keys)
            guard guessed[.text] != nil || guessed[.rating] != nil else {
                throw ReadError(
                    .malformed, at: location,
                    "no key looks like the text or a rating (the keys are \(object.keys.map { "'\($0)'" }.joined(separator: ", "))); name them with --map text=KEY,rating=KEY."
                )
            }
            prepare(guessed)
        }
        guard let builder else { return }
        for index in values.indices { values[index] = nil }
        var tagList: [String]? = nil
        var foundTextOrRating = false
        do throws(TableRowProblem) {
            for key in keys {
                guard let found = lookup(key, in: object) else { continue }
                if key.field == .text || key.field == .rating { foundTextOrRating = true }
                if key.field == .tags, case .array(let elements) = found {
                    tagList = elements.compactMap { element in
                        guard var tag = element.idString?.tableTrimmed else { return nil }
                        if tag.hasPrefix("#") { tag.removeFirst() }
                        return tag.isEmpty ? nil : tag
                    }
                    continue
                }
                values[key.field.index] = try Self.text(of: found, for: key)
            }
        } catch {
            try emit(.rejected(RejectedRecord(location: location, reason: error.reason)))
            return
        }
        if !foundTextOrRating {
            // Most likely a mapping that names a key these records do not have: say which.
            let wanted = keys.filter { $0.field == .text || $0.field == .rating }.map { "'\($0.column)'" }.joined(separator: " or ")
            let present = object.keys.map { "'\($0)'" }.joined(separator: ", ")
            try emit(.rejected(RejectedRecord(
                location: location,
                reason: "the row has no text: the object has no key \(wanted) (its keys are \(present.isEmpty ? "none" : present))."
            )))
            return
        }
        let item: RawItem
        do throws(TableRowProblem) {
            item = try builder.item(values, tagList: tagList)
        } catch {
            try emit(.rejected(RejectedRecord(location: location, reason: error.reason)))
            return
        }
        try emit(.item(item))
    }

    /// The value at a key: the key as written, else its dotted path, each step matched exactly
    /// first and loosely (`FieldMapping.normalizedName`) second.
    mutating func lookup(_ key: Key, in object: JSONObject) -> JSONValue? {
        if let exact = object[key.column] { return exact }
        var current: JSONObject? = object
        var found: JSONValue? = nil
        for (step, name) in key.path.enumerated() {
            guard let container = current else { return nil }
            found = container[name]
            if found == nil {
                for (index, candidate) in container.keys.enumerated() where normalized(candidate) == key.normalizedPath[step] {
                    found = container.values[index]
                    break
                }
            }
            current = found?.object
        }
        return found
    }

    /// Normalised key names, cached: records repeat the same keys, and folding is slow.
    private var normalizedKeys: [String: String] = [:]

    private mutating func normalized(_ key: String) -> String {
        if let known = normalizedKeys[key] { return known }
        let name = FieldMapping.normalizedName(key)
        if normalizedKeys.count < 10_000 { normalizedKeys[key] = name }
        return name
    }

    private static let nameKeys = ["name", "displayName", "display_name", "username", "handle"]

    /// The trimmed text of a value, nil when null or empty.
    static func text(of value: JSONValue, for key: Key) throws(TableRowProblem) -> String? {
        switch value {
        case .null: return nil
        case .bool(let flag): return flag ? "true" : "false"
        case .number(let number): return number.text
        case .string(let text):
            let trimmed = text.tableTrimmed
            return trimmed.isEmpty ? nil : trimmed
        case .object(let object):
            let inner: [String]
            switch key.field {
            case .author: inner = nameKeys
            case .authorID, .externalID, .parentExternalID, .rootExternalID, .reshareOfExternalID: inner = ["id", "uri", "url"]
            case .place: inner = ["name"]
            default: inner = []
            }
            for name in inner {
                if let member = object[name], member.object == nil, member.array == nil {
                    return try text(of: member, for: key)
                }
            }
            let hint = object.keys.first.map { ", like \(key.column).\($0)" } ?? ""
            throw TableRowProblem(reason: "\(key.field.rawValue) (key '\(key.column)') is an object: map a key inside it\(hint).")
        case .array:
            throw TableRowProblem(reason: "\(key.field.rawValue) (key '\(key.column)') is a list, not a single value.")
        }
    }

    static func describe(_ value: JSONValue) -> String {
        switch value {
        case .null: "null"
        case .bool: "a boolean"
        case .number: "a number"
        case .string: "a string"
        case .array: "a list"
        case .object: "an object"
        }
    }
}
