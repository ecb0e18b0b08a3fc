import BabillardCore

/// Twitter's date format, as its API and archives write `created_at`: `Wed Oct 10 20:19:24 +0000 2018`
/// (weekday, month, day, time, offset, year; English names, no locale involved).
///
/// Every field is checked: the names must be English abbreviations, the day must exist in that
/// month, the time and offset must be in range, and the weekday must be the one of that date
/// (a mismatch means the text was altered, so it is not trusted).
public enum TwitterDate {
    static let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
    /// In `CivilCalendar.Components.weekday` order: 1 = Monday … 7 = Sunday.
    static let weekdays = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"]

    public static func parse(_ text: String) -> Timestamp? {
        let fields = text.split(separator: " ", omittingEmptySubsequences: true)
        guard fields.count == 6,
              let weekday = weekdays.firstIndex(of: String(fields[0])).map({ $0 + 1 }),
              let month = months.firstIndex(of: String(fields[1])).map({ $0 + 1 }),
              let day = number(fields[2], digits: 1...2),
              let time = clock(fields[3]),
              let offset = offsetMinutes(fields[4]),
              let year = number(fields[5], digits: 4...4),
              let stamp = Timestamp(
                year: year, month: month, day: day, hour: time.hour, minute: time.minute, second: time.second,
                utcOffsetMinutes: offset)
        else { return nil }
        // The weekday is that of the local date as written.
        let local = CivilCalendar.components(epochMilliseconds: stamp.epochMilliseconds, offsetMinutes: offset)
        guard local.weekday == weekday else { return nil }
        return stamp
    }

    private static func number(_ field: Substring, digits: ClosedRange<Int>) -> Int? {
        guard digits.contains(field.utf8.count), field.utf8.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }) else { return nil }
        return Int(field)
    }

    /// `HH:MM:SS`, hours 0–23 (Timestamp would accept 24:00:00, Twitter never writes it).
    private static func clock(_ field: Substring) -> (hour: Int, minute: Int, second: Int)? {
        let parts = field.split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count == 3,
              let hour = number(parts[0], digits: 2...2), hour < 24,
              let minute = number(parts[1], digits: 2...2), minute < 60,
              let second = number(parts[2], digits: 2...2), second < 61
        else { return nil }
        return (hour, minute, second)
    }

    /// `+0000`, `-0500`.
    private static func offsetMinutes(_ field: Substring) -> Int? {
        let utf8 = Array(field.utf8)
        guard utf8.count == 5, utf8[0] == 0x2B || utf8[0] == 0x2D,
              let hours = number(field.dropFirst().prefix(2), digits: 2...2), hours <= 23,
              let minutes = number(field.suffix(2), digits: 2...2), minutes <= 59
        else { return nil }
        return (utf8[0] == 0x2D ? -1 : 1) * (hours * 60 + minutes)
    }
}
