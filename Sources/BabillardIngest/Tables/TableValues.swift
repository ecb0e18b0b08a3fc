import BabillardCore

/// Parsers for the values people type in spreadsheets: dates, ratings, counts, coordinates.
/// Each returns nil for a value it cannot read; an empty value never reaches them.
enum TableValues {
    // MARK: Dates

    /// A date as review exports and spreadsheets write it:
    /// - ISO 8601 / RFC 3339 through `Timestamp(iso8601:)` (`2024-03-01`, `2024-03-01T14:30:00+01:00`,
    ///   `2024-03-01 14:30:00`, `2024-03-01 14:30`);
    /// - day first, as in French: `01/03/2024`, `1/3/2024 14:30`, `01/03/2024 14:30:05`, `01.03.2024`,
    ///   `01-03-2024`, two-digit years (`01/03/24` is 2024, `01/03/85` is 1985), `AM`/`PM` allowed;
    ///   when the day-first reading is impossible and the month-first one is not (`03/25/2024`),
    ///   the month-first one is taken;
    /// - year first with slashes: `2024/03/01 14:30`;
    /// - epoch seconds (`1709301000`, `1709301000.5`: 9 to 11 digits, 1973 to 5138), or epoch
    ///   milliseconds when the number has 12 digits or more (`1709301000000`); shorter numbers are
    ///   not epochs (`2024` is a year, read by `FeedDate`);
    /// - and, last, what `FeedDate` reads: RFC 822/2822 (`Fri, 01 Mar 2024 14:30:00 +0100`) and
    ///   dates with English or French month names.
    /// Dates without a zone are read as UTC with an unknown offset.
    static func date(_ text: String) -> Timestamp? {
        if let stamp = Timestamp(iso8601: text) { return stamp }
        let bytes = Array(text.utf8)
        if let stamp = epoch(bytes) { return stamp }
        if let stamp = civilDate(bytes) { return stamp }
        return FeedDate.parse(text)
    }

    private static func isDigit(_ byte: UInt8) -> Bool { byte >= 0x30 && byte <= 0x39 }

    private static func epoch(_ bytes: [UInt8]) -> Timestamp? {
        guard !bytes.isEmpty else { return nil }
        var integerDigits = 0
        var seenPoint = false
        for (position, byte) in bytes.enumerated() {
            if isDigit(byte) {
                if !seenPoint { integerDigits += 1 }
            } else if byte == 0x2E, !seenPoint, position > 0 {
                seenPoint = true
            } else if byte == 0x2D, position == 0 {
                continue
            } else {
                return nil
            }
        }
        // Epoch seconds or milliseconds up to the year 5138 (1e14 ms); longer numbers are not dates.
        guard integerDigits >= 9, integerDigits <= 14, let value = Double(String(decoding: bytes, as: UTF8.self)) else { return nil }
        if integerDigits >= 12 { return Int64(exactly: value.rounded()).map { Timestamp(epochMilliseconds: $0) } }
        return Timestamp(epochSeconds: value)
    }

    private static func civilDate(_ bytes: [UInt8]) -> Timestamp? {
        var i = 0
        let n = bytes.count
        func number(maxDigits: Int) -> (value: Int, digits: Int)? {
            var value = 0
            var digits = 0
            while i < n, digits < maxDigits, isDigit(bytes[i]) {
                value = value * 10 + Int(bytes[i] - 0x30)
                digits += 1
                i += 1
            }
            return digits == 0 ? nil : (value, digits)
        }
        func skipSpaces() { while i < n, bytes[i] == 0x20 { i += 1 } }
        skipSpaces()
        guard let first = number(maxDigits: 4), i < n else { return nil }
        let separator = bytes[i]
        guard separator == 0x2F || separator == 0x2E || separator == 0x2D else { return nil }  // / . -
        i += 1
        guard let second = number(maxDigits: 2), i < n, bytes[i] == separator else { return nil }
        i += 1
        guard let third = number(maxDigits: 4) else { return nil }
        var hour = 0, minute = 0, second_ = 0
        skipSpaces()
        if i < n, bytes[i] == 0x54 || bytes[i] == 0x74 { i += 1 }  // 'T'
        if i < n, isDigit(bytes[i]) {
            guard let h = number(maxDigits: 2), i < n, bytes[i] == 0x3A else { return nil }
            i += 1
            guard let m = number(maxDigits: 2), m.digits == 2 else { return nil }
            hour = h.value
            minute = m.value
            if i < n, bytes[i] == 0x3A {
                i += 1
                guard let s = number(maxDigits: 2), s.digits == 2 else { return nil }
                second_ = s.value
            }
            skipSpaces()
            if i + 1 < n, bytes[i] | 0x20 == 0x61 || bytes[i] | 0x20 == 0x70, bytes[i + 1] | 0x20 == 0x6D {  // AM / PM
                guard (1...12).contains(hour) else { return nil }
                let pm = bytes[i] | 0x20 == 0x70
                hour = hour % 12 + (pm ? 12 : 0)
                i += 2
            }
            skipSpaces()
        }
        guard i == n else { return nil }
        if first.digits == 4 {
            guard third.digits <= 2 else { return nil }
            return Timestamp(year: first.value, month: second.value, day: third.value, hour: hour, minute: minute, second: second_, utcOffsetMinutes: nil)
        }
        guard first.digits <= 2, third.digits == 4 || third.digits == 2 else { return nil }
        let year = third.digits == 4 ? third.value : (third.value < 70 ? 2000 + third.value : 1900 + third.value)
        if let dayFirst = Timestamp(year: year, month: second.value, day: first.value, hour: hour, minute: minute, second: second_, utcOffsetMinutes: nil) {
            return dayFirst
        }
        return Timestamp(year: year, month: first.value, day: second.value, hour: hour, minute: minute, second: second_, utcOffsetMinutes: nil)
    }

    // MARK: Numbers

    /// A decimal number with '.' or a French ',' as decimal mark; spaces (also no-break and
    /// narrow no-break spaces, French thousands separators) are ignored.
    static func decimal(_ text: some StringProtocol) -> Double? {
        // Fast path: ASCII, as almost every value is.
        var ascii: [UInt8] = []
        ascii.reserveCapacity(text.utf8.count)
        var sawPointByte = false
        var sawCommaByte = false
        for byte in text.utf8 {
            switch byte {
            case 0x20: continue
            case 0x2C: sawCommaByte = true; ascii.append(0x2E)
            case 0x2E: sawPointByte = true; ascii.append(0x2E)
            case 0x80...: return decimalSlow(text)
            default: ascii.append(byte)
            }
        }
        if sawPointByte && sawCommaByte { return nil }
        guard !ascii.isEmpty, let value = Double(String(decoding: ascii, as: UTF8.self)), value.isFinite else { return nil }
        return value
    }

    private static func decimalSlow(_ text: some StringProtocol) -> Double? {
        var cleaned = ""
        var sawPoint = false
        var sawComma = false
        for character in text {
            switch character {
            case " ", "\u{00A0}", "\u{202F}", "\u{2009}": continue
            case ",": sawComma = true; cleaned.append(".")
            case ".": sawPoint = true; cleaned.append(".")
            default: cleaned.append(character)
            }
        }
        // "1,234.5": the comma was a thousands separator.
        if sawPoint && sawComma { return nil }
        guard !cleaned.isEmpty, let value = Double(cleaned), value.isFinite else { return nil }
        return value
    }

    /// A whole number (a count): `12`, `1 234`, `12.0`.
    static func count(_ text: String) -> Int? {
        if let grouped = groupedInteger(text) { return grouped }
        guard let value = decimal(text), value >= 0, value.rounded() == value, value < 1e15 else { return nil }
        return Int(value)
    }

    /// `1,234`, `1.234` or `12,345,678`: digits in groups of three, separated by ',' or '.'.
    private static func groupedInteger(_ text: String) -> Int? {
        let groups = text.tableTrimmed.split(omittingEmptySubsequences: false) { $0 == "," || $0 == "." }
        guard groups.count >= 2, let head = groups.first, (1...3).contains(head.count),
              groups.dropFirst().allSatisfy({ $0.count == 3 }),
              groups.allSatisfy({ $0.allSatisfy(\.isASCII) && $0.allSatisfy(\.isNumber) })
        else { return nil }
        return Int(groups.joined())
    }

    // MARK: Ratings

    private static let ratingWords: [String: Double] = ["one": 1, "two": 2, "three": 3, "four": 4, "five": 5]
    private static let ratingUnits: Set<String> = ["star", "stars", "étoile", "étoiles", "etoile", "etoiles", "★", "pts", "points"]

    /// A rating and, when the value says it, its scale: `4`, `4,5` and `4.5` (scale unknown),
    /// `4/5`, `8/10`, `4 sur 5`, `4 of 5`, `4 out of 5`, `4 étoiles`, `4 stars`, `★★★★☆` (4 on 5),
    /// and the Google Business Profile words `ONE` … `FIVE`. Returns nil when it is none of these.
    static func rating(_ text: String) -> (value: Double, scale: Double?)? {
        let trimmed = text.tableTrimmed
        if let word = ratingWords[trimmed.lowercased()] { return (word, 5) }
        if !trimmed.isEmpty, trimmed.allSatisfy({ $0 == "★" || $0 == "☆" }) {
            return (Double(trimmed.count { $0 == "★" }), Double(trimmed.count))
        }
        if let slash = trimmed.firstIndex(of: "/") {
            guard let value = decimal(trimmed[..<slash]), let scale = decimal(trimmed[trimmed.index(after: slash)...]) else { return nil }
            return (value, scale)
        }
        let words = trimmed.lowercased().split(separator: " ")
        if words.count == 3, words[1] == "sur" || words[1] == "of" || words[1] == "on",
           let value = decimal(words[0]), let scale = decimal(words[2]) {
            return (value, scale)
        }
        if words.count == 4, words[1] == "out", words[2] == "of", let value = decimal(words[0]), let scale = decimal(words[3]) {
            return (value, scale)
        }
        if words.count == 2, ratingUnits.contains(String(words[1])), let value = decimal(words[0]) {
            return (value, nil)
        }
        if let value = decimal(trimmed) { return (value, nil) }
        return nil
    }
}

extension String {
    /// The text without leading and trailing whitespace and newlines (Unicode-aware), with a
    /// fast path for the common case of ASCII at both ends.
    var tableTrimmed: String {
        let bytes = utf8
        guard let firstByte = bytes.first, let lastByte = bytes.last else { return "" }
        func isASCIISpace(_ byte: UInt8) -> Bool { byte == 0x20 || (byte >= 0x09 && byte <= 0x0D) }
        if firstByte < 0x80, lastByte < 0x80, !isASCIISpace(firstByte), !isASCIISpace(lastByte) { return String(self) }
        guard let first = firstIndex(where: { !$0.isWhitespace }) else { return "" }
        let last = lastIndex(where: { !$0.isWhitespace })!
        return String(self[first...last])
    }
}

extension Substring {
    var tableTrimmed: String { String(self).tableTrimmed }
}
