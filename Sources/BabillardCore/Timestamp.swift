/// An instant in UTC that remembers the offset it was written with.
///
/// Sources write dates in every zone; comparisons and storage use UTC milliseconds, while
/// the original offset is kept so that "posted at 23:10 in Montréal" can still be shown.
public struct Timestamp: Hashable, Sendable, Comparable, Codable, CustomStringConvertible {
    /// Milliseconds since 1970-01-01T00:00:00Z.
    public var epochMilliseconds: Int64
    /// Offset from UTC in minutes as written in the source, or nil when the source gave none.
    public var utcOffsetMinutes: Int?

    public init(epochMilliseconds: Int64, utcOffsetMinutes: Int? = 0) {
        self.epochMilliseconds = epochMilliseconds
        self.utcOffsetMinutes = utcOffsetMinutes
    }

    public init(epochSeconds: Double, utcOffsetMinutes: Int? = 0) {
        self.epochMilliseconds = Int64((epochSeconds * 1000).rounded())
        self.utcOffsetMinutes = utcOffsetMinutes
    }

    public var epochSeconds: Double { Double(epochMilliseconds) / 1000 }

    public static func < (lhs: Timestamp, rhs: Timestamp) -> Bool {
        lhs.epochMilliseconds < rhs.epochMilliseconds
    }

    /// Two timestamps are equal when they name the same instant, whatever offsets they were written with.
    public static func == (lhs: Timestamp, rhs: Timestamp) -> Bool {
        lhs.epochMilliseconds == rhs.epochMilliseconds
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(epochMilliseconds)
    }

    /// Builds a timestamp from civil fields as written in the source; nil when a field is out of range.
    public init?(
        year: Int, month: Int, day: Int, hour: Int = 0, minute: Int = 0, second: Int = 0,
        millisecond: Int = 0, utcOffsetMinutes: Int? = 0
    ) {
        guard (1...9999).contains(year), (1...12).contains(month),
              (1...CivilCalendar.daysInMonth(year: year, month: month)).contains(day),
              (0...24).contains(hour), (0...59).contains(minute), (0...60).contains(second),
              (0...999).contains(millisecond)
        else { return nil }
        if hour == 24 && (minute != 0 || second != 0) { return nil }
        let days = CivilCalendar.daysFromCivil(year: year, month: month, day: day)
        let secondsOfDay = Int64(hour * 3600 + minute * 60 + min(second, 59))
        let offsetSeconds = Int64((utcOffsetMinutes ?? 0) * 60)
        self.epochMilliseconds = (days * 86_400 + secondsOfDay - offsetSeconds) * 1000 + Int64(millisecond)
        self.utcOffsetMinutes = utcOffsetMinutes
    }

    /// Civil fields in UTC.
    public var utcComponents: CivilCalendar.Components {
        CivilCalendar.components(epochMilliseconds: epochMilliseconds, offsetMinutes: 0)
    }

    /// RFC 3339 in UTC with milliseconds when there are any: `2024-03-01T12:00:00Z`.
    public var iso8601UTC: String {
        CivilCalendar.format(epochMilliseconds: epochMilliseconds, offsetMinutes: 0)
    }

    /// RFC 3339 with the offset the source used (UTC when it gave none).
    public var iso8601Original: String {
        CivilCalendar.format(epochMilliseconds: epochMilliseconds, offsetMinutes: utcOffsetMinutes ?? 0)
    }

    public var description: String { iso8601Original }

    /// Parses RFC 3339 / ISO 8601 date-times as APIs write them: `2024-03-01T12:00:00Z`,
    /// `2024-03-01T12:00:00.123+02:00`, `2024-03-01 12:00:00`, `2024-03-01`, `20240301T120000Z`.
    /// Fractions beyond milliseconds are truncated. No zone means UTC with an unknown offset.
    public init?(iso8601 text: some StringProtocol) {
        guard let parsed = ISO8601Scanner.parse(Array(text.utf8)) else { return nil }
        self = parsed
    }
}

/// Proleptic Gregorian calendar arithmetic on integers (Howard Hinnant's algorithms),
/// so that date handling needs no Calendar, DateFormatter or locale.
public enum CivilCalendar {
    public struct Components: Hashable, Sendable {
        public var year, month, day, hour, minute, second, millisecond: Int
        /// 1 = Monday … 7 = Sunday.
        public var weekday: Int
    }

    public static func isLeapYear(_ year: Int) -> Bool {
        (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
    }

    public static func daysInMonth(year: Int, month: Int) -> Int {
        switch month {
        case 2: return isLeapYear(year) ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    /// Days since 1970-01-01 of a civil date.
    public static func daysFromCivil(year: Int, month: Int, day: Int) -> Int64 {
        let y = Int64(month <= 2 ? year - 1 : year)
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let m = Int64(month)
        let doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + Int64(day) - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468
    }

    public static func components(epochMilliseconds: Int64, offsetMinutes: Int) -> Components {
        let local = epochMilliseconds + Int64(offsetMinutes) * 60_000
        var days = local / 86_400_000
        var msOfDay = local % 86_400_000
        if msOfDay < 0 { msOfDay += 86_400_000; days -= 1 }
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let day = doy - (153 * mp + 2) / 5 + 1
        let month = mp < 10 ? mp + 3 : mp - 9
        let year = yoe + era * 400 + (month <= 2 ? 1 : 0)
        // 1970-01-01 was a Thursday (4).
        var weekday = (days + 3) % 7
        if weekday < 0 { weekday += 7 }
        return Components(
            year: Int(year), month: Int(month), day: Int(day),
            hour: Int(msOfDay / 3_600_000), minute: Int(msOfDay / 60_000 % 60),
            second: Int(msOfDay / 1000 % 60), millisecond: Int(msOfDay % 1000),
            weekday: Int(weekday) + 1
        )
    }

    static func format(epochMilliseconds: Int64, offsetMinutes: Int) -> String {
        let c = components(epochMilliseconds: epochMilliseconds, offsetMinutes: offsetMinutes)
        func pad(_ value: Int, _ width: Int) -> String {
            let digits = String(value)
            return digits.count >= width ? digits : String(repeating: "0", count: width - digits.count) + digits
        }
        var text = "\(pad(c.year, 4))-\(pad(c.month, 2))-\(pad(c.day, 2))T\(pad(c.hour, 2)):\(pad(c.minute, 2)):\(pad(c.second, 2))"
        if c.millisecond != 0 { text += "." + pad(c.millisecond, 3) }
        if offsetMinutes == 0 {
            text += "Z"
        } else {
            let sign = offsetMinutes < 0 ? "-" : "+"
            let magnitude = abs(offsetMinutes)
            text += "\(sign)\(pad(magnitude / 60, 2)):\(pad(magnitude % 60, 2))"
        }
        return text
    }
}

/// A strict, allocation-free scanner for ISO 8601 date-times on UTF-8 bytes.
enum ISO8601Scanner {
    static func parse(_ bytes: [UInt8]) -> Timestamp? {
        var i = 0
        let n = bytes.count
        while i < n, bytes[i] == 0x20 { i += 1 }
        func digits(_ count: Int) -> Int? {
            guard i + count <= n else { return nil }
            var value = 0
            for k in 0..<count {
                let b = bytes[i + k]
                guard b >= 0x30, b <= 0x39 else { return nil }
                value = value * 10 + Int(b - 0x30)
            }
            i += count
            return value
        }
        func skip(_ byte: UInt8) -> Bool {
            if i < n, bytes[i] == byte { i += 1; return true }
            return false
        }
        guard let year = digits(4) else { return nil }
        let extended = skip(0x2D)  // '-'
        guard let month = digits(2) else { return nil }
        if extended { guard skip(0x2D) else { return nil } }
        guard let day = digits(2) else { return nil }
        var hour = 0, minute = 0, second = 0, millisecond = 0
        var offset: Int? = nil
        if i < n, bytes[i] == 0x54 || bytes[i] == 0x74 || bytes[i] == 0x20 {  // 'T', 't', ' '
            i += 1
            guard let h = digits(2) else { return nil }
            hour = h
            let colon = skip(0x3A)
            guard let m = digits(2) else { return nil }
            minute = m
            if i < n, (colon && bytes[i] == 0x3A) || (!colon && bytes[i] >= 0x30 && bytes[i] <= 0x39) {
                if colon { i += 1 }
                guard let s = digits(2) else { return nil }
                second = s
                if i < n, bytes[i] == 0x2E || bytes[i] == 0x2C {  // '.' or ','
                    i += 1
                    var scale = 100
                    var sawDigit = false
                    while i < n, bytes[i] >= 0x30, bytes[i] <= 0x39 {
                        millisecond += Int(bytes[i] - 0x30) * scale
                        scale /= 10
                        sawDigit = true
                        i += 1
                    }
                    guard sawDigit else { return nil }
                }
            }
            while i < n, bytes[i] == 0x20 { i += 1 }
            if i < n {
                switch bytes[i] {
                case 0x5A, 0x7A:  // 'Z', 'z'
                    i += 1
                    offset = 0
                case 0x2B, 0x2D:  // '+', '-'
                    let negative = bytes[i] == 0x2D
                    i += 1
                    guard let oh = digits(2) else { return nil }
                    _ = skip(0x3A)
                    let om = digits(2) ?? 0
                    guard oh <= 23, om <= 59 else { return nil }
                    offset = (negative ? -1 : 1) * (oh * 60 + om)
                default:
                    return nil
                }
            }
        }
        while i < n, bytes[i] == 0x20 { i += 1 }
        guard i == n else { return nil }
        var stamp = Timestamp(
            year: year, month: month, day: day, hour: hour, minute: minute, second: second,
            millisecond: millisecond, utcOffsetMinutes: offset ?? 0
        )
        if offset == nil { stamp?.utcOffsetMinutes = nil }
        return stamp
    }
}
