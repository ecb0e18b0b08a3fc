import Foundation

/// The model file (`.bsm`, "Babillard sentiment model"): compact, little-endian, checksummed.
///
///     magic "BSM\u{1}" · format version UInt16 · scanner version UInt16
///     word orders (UInt8 min, UInt8 max) · character orders (UInt8 min, UInt8 max; 0 0 = none)
///     hash bits UInt8 · flags UInt8 (1 negation marking, 2 naive Bayes scaling, 4 has CV score)
///     word weight Float32 · character weight Float32
///     class count UInt8 · class codes UInt8 each (0 negative, 1 neutral, 2 positive)
///     examples UInt32 · C Float64 · cross-validation score Float64
///     biases: one Float32 per column (1 column for two classes, else one per class)
///     row count UInt32 · rows in increasing index: index gap as a LEB128 varint, then one
///       Float32 per column (only rows with a non-zero weight are stored)
///     checksum UInt32: FNV-1a of every byte before it
extension LinearSentimentModel {
    static let fileMagic: [UInt8] = [0x42, 0x53, 0x4D, 0x01]
    static let fileFormatVersion: UInt16 = 1

    /// Reads a model file.
    ///
    /// Throws `.missing` when there is no file, `.unreadable` when it cannot be read, and
    /// `.corrupt` when it is truncated, damaged or not a model; the error names the file.
    public init(contentsOf url: URL) throws(TextResourceError) {
        guard FileManager.default.fileExists(atPath: url.path) else {
            throw TextResourceError(file: url.path, problem: .missing)
        }
        let data: Data
        do {
            data = try Data(contentsOf: url, options: .mappedIfSafe)
        } catch {
            throw TextResourceError(file: url.path, problem: .unreadable(error.localizedDescription))
        }
        try self.init(serialized: data, file: url.path)
    }

    /// Reads a model from the bytes of a model file (kept in a store, say); `file` names it in errors.
    public init(serialized data: Data, file: String) throws(TextResourceError) {
        do {
            self = try Self.decode([UInt8](data))
        } catch {
            throw TextResourceError(file: file, problem: .corrupt(error.reason))
        }
    }

    /// Writes the model file, replacing any file at `url` atomically.
    public func write(to url: URL) throws {
        try serialized().write(to: url, options: .atomic)
    }

    /// The bytes of the model file.
    public func serialized() -> Data {
        var output = ModelFileWriter()
        let configuration = featurizer.configuration
        output.bytes.append(contentsOf: Self.fileMagic)
        output.append(Self.fileFormatVersion)
        output.append(SentimentFeaturizer.scannerVersion)
        output.bytes.append(UInt8(configuration.wordOrders.lowerBound))
        output.bytes.append(UInt8(configuration.wordOrders.upperBound))
        output.bytes.append(UInt8(configuration.characterOrders?.lowerBound ?? 0))
        output.bytes.append(UInt8(configuration.characterOrders?.upperBound ?? 0))
        output.bytes.append(UInt8(configuration.hashBits))
        var flags: UInt8 = 0
        if configuration.marksNegation { flags |= 1 }
        if summary.naiveBayesScaling { flags |= 2 }
        if summary.crossValidationScore != nil { flags |= 4 }
        output.bytes.append(flags)
        output.append(configuration.wordWeight.bitPattern)
        output.append(configuration.characterWeight.bitPattern)
        output.bytes.append(UInt8(classes.count))
        for label in classes { output.bytes.append(Self.code(of: label)) }
        output.append(UInt32(clamping: summary.exampleCount))
        output.append(summary.regularization.bitPattern)
        output.append((summary.crossValidationScore ?? .nan).bitPattern)
        for bias in biases { output.append(bias.bitPattern) }

        let rows = table.sortedRows()
        output.append(UInt32(rows.count))
        var previous: UInt32 = 0
        for row in rows {
            output.appendVarint(row.index - previous)
            previous = row.index
            for column in 0..<columnCount { output.append(table.storage[row.offset + column]) }
        }
        output.append(Self.checksum(output.bytes[...]))
        return Data(output.bytes)
    }

    static func checksum(_ bytes: ArraySlice<UInt8>) -> UInt32 {
        var hash = FeatureHash.offsetBasis
        for byte in bytes { hash = (hash ^ UInt32(byte)) &* FeatureHash.prime }
        return hash
    }

    static func code(of label: SentimentLabel) -> UInt8 {
        switch label {
        case .negative: 0
        case .neutral: 1
        case .positive: 2
        }
    }

    private static func decode(_ bytes: [UInt8]) throws(ModelFileProblem) -> LinearSentimentModel {
        guard bytes.count >= 8, Array(bytes[0..<4]) == fileMagic else {
            throw ModelFileProblem("it is not a Babillard sentiment model (.bsm) file")
        }
        guard bytes.count >= 4 + 4 + 4 else { throw ModelFileProblem("it is truncated") }
        let stored = bytes[(bytes.count - 4)...].reversed().reduce(UInt32(0)) { ($0 << 8) | UInt32($1) }
        var input = ModelFileReader(bytes: bytes, end: bytes.count - 4)
        input.offset = 4
        let version: UInt16 = try input.read()
        guard version == fileFormatVersion else {
            throw ModelFileProblem("it has format version \(version), and this Babillard reads version \(fileFormatVersion)")
        }
        let scanner: UInt16 = try input.read()
        guard scanner == SentimentFeaturizer.scannerVersion else {
            throw ModelFileProblem(
                "it was trained with text-scanning rules version \(scanner), and this Babillard uses version \(SentimentFeaturizer.scannerVersion)")
        }
        guard checksum(bytes[..<(bytes.count - 4)]) == stored else {
            throw ModelFileProblem("its checksum does not match (the file is truncated or damaged)")
        }
        let wordMinimum = Int(try input.readByte())
        let wordMaximum = Int(try input.readByte())
        let characterMinimum = Int(try input.readByte())
        let characterMaximum = Int(try input.readByte())
        let hashBits = Int(try input.readByte())
        let flags = try input.readByte()
        let wordWeight = Float(bitPattern: try input.read())
        let characterWeight = Float(bitPattern: try input.read())
        guard wordMinimum >= 1, wordMinimum <= wordMaximum,
              characterMinimum == 0 && characterMaximum == 0 || characterMinimum >= 1 && characterMinimum <= characterMaximum
        else { throw ModelFileProblem("its n-gram lengths are invalid") }
        let configuration = SentimentFeaturizer.Configuration(
            wordOrders: wordMinimum...wordMaximum,
            characterOrders: characterMinimum == 0 ? nil : characterMinimum...characterMaximum,
            hashBits: hashBits,
            marksNegation: flags & 1 != 0,
            wordWeight: wordWeight,
            characterWeight: characterWeight)
        if let problem = configuration.problem { throw ModelFileProblem("its configuration is invalid: \(problem)") }

        let classCount = Int(try input.readByte())
        var classes: [SentimentLabel] = []
        for _ in 0..<classCount {
            switch try input.readByte() {
            case 0: classes.append(.negative)
            case 1: classes.append(.neutral)
            case 2: classes.append(.positive)
            case let other: throw ModelFileProblem("it names an unknown class (code \(other))")
            }
        }
        guard classes.count >= 2, Set(classes).count == classes.count else {
            throw ModelFileProblem("it needs two or more distinct classes")
        }
        let exampleCount = Int(try input.read() as UInt32)
        let regularization = Double(bitPattern: try input.read())
        let crossValidation = Double(bitPattern: try input.read())
        let summary = TrainingSummary(
            exampleCount: exampleCount,
            regularization: regularization,
            crossValidationScore: flags & 4 != 0 ? crossValidation : nil,
            naiveBayesScaling: flags & 2 != 0)

        let columns = columnCount(classes: classes.count)
        var biases: [Float] = []
        for _ in 0..<columns { biases.append(Float(bitPattern: try input.read())) }
        let dimension = 1 << hashBits
        let rowCount = Int(try input.read() as UInt32)
        guard rowCount <= dimension else { throw ModelFileProblem("it has more rows than its hash space") }
        var table = WeightTable(columns: columns, capacity: rowCount)
        var row = 0
        var rowWeights = [Float](repeating: 0, count: columns)
        for number in 0..<rowCount {
            let gap = Int(try input.readVarint())
            guard number == 0 || gap > 0 else { throw ModelFileProblem("its rows are out of order") }
            row += gap
            guard row < dimension else { throw ModelFileProblem("a row index lies outside its hash space") }
            for column in 0..<columns {
                let weight = Float(bitPattern: try input.read())
                guard weight.isFinite else { throw ModelFileProblem("a weight is not a finite number") }
                rowWeights[column] = weight
            }
            table.insert(index: UInt32(row), weights: rowWeights)
        }
        guard input.offset == input.end else { throw ModelFileProblem("it has unexpected bytes after its weights") }
        guard biases.allSatisfy(\.isFinite) else { throw ModelFileProblem("an intercept is not a finite number") }
        return LinearSentimentModel(
            featurizer: SentimentFeaturizer(configuration: configuration),
            classes: classes, biases: biases, table: table, summary: summary)
    }
}

/// Why a model file cannot be decoded (becomes `TextResourceError.Problem.corrupt`).
struct ModelFileProblem: Error {
    var reason: String
    init(_ reason: String) { self.reason = reason }
}

private struct ModelFileWriter {
    var bytes: [UInt8] = []

    mutating func append<Value: FixedWidthInteger>(_ value: Value) {
        withUnsafeBytes(of: value.littleEndian) { bytes.append(contentsOf: $0) }
    }

    mutating func appendVarint(_ value: UInt32) {
        var value = value
        while value >= 0x80 {
            bytes.append(UInt8(value & 0x7F) | 0x80)
            value >>= 7
        }
        bytes.append(UInt8(value))
    }
}

private struct ModelFileReader {
    let bytes: [UInt8]
    let end: Int
    var offset = 0

    mutating func readByte() throws(ModelFileProblem) -> UInt8 {
        guard offset < end else { throw ModelFileProblem("it is truncated") }
        defer { offset += 1 }
        return bytes[offset]
    }

    mutating func read<Value: FixedWidthInteger>() throws(ModelFileProblem) -> Value {
        let size = MemoryLayout<Value>.size
        guard offset + size <= end else { throw ModelFileProblem("it is truncated") }
        var value: Value = 0
        for index in (0..<size).reversed() { value = (value << 8) | Value(bytes[offset + index]) }
        offset += size
        return value
    }

    mutating func readVarint() throws(ModelFileProblem) -> UInt32 {
        var value: UInt32 = 0
        var shift: UInt32 = 0
        while true {
            let byte = try readByte()
            guard shift < 32 else { throw ModelFileProblem("a row index is malformed") }
            value |= UInt32(byte & 0x7F) << shift
            if byte & 0x80 == 0 { return value }
            shift += 7
        }
    }
}
