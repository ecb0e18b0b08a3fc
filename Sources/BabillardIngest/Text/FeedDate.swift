import Foundation
import BabillardCore

/// Parses the date formats found in feeds in the wild: RFC 822/2822 (`Wed, 02 Oct 2002 13:00:00 GMT`,
/// with numeric or named zones, two-digit years, no weekday or no seconds), W3CDTF/ISO 8601 and its
/// truncated forms (`2003-12-31T10:14:55Z`, `2003-12-31`, `2003-12`, `2003`), asctime
/// (`Sun Jan  4 16:29:06 PST 2004`), X's `Wed Oct 10 20:19:24 +0000 2018`, and French month names.
/// A date written without a zone is taken as UTC with an unknown offset.
public enum FeedDate {
    public static func parse(_ raw: String) -> Timestamp? {
        let text = raw.trimmingXMLWhitespace()
        guard !text.isEmpty else { return nil }
        if let first = text.utf8.first, first >= 0x30, first <= 0x39 {
            if let iso = Timestamp(iso8601: text) { return iso }
            if let truncated = truncatedISO(text) { return truncated }
        }
        return rfc822(Array(text.utf8)) ?? textual(text)
    }

    /// English month abbreviations, three lowercase ASCII letters packed in an integer.
    static let packedMonthNames: [UInt32] = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"].map { name in
        let u = Array(name.utf8)
        return (UInt32(u[0]) << 16) | (UInt32(u[1]) << 8) | UInt32(u[2])
    }

    /// The canonical RFC 822 form most feeds write (`Tue, 01 Oct 2024 08:30:00 +0200`, `… GMT`), read
    /// straight from the bytes; anything else goes to the general reader.
    static func rfc822(_ b: [UInt8]) -> Timestamp? {
        var i = 0
        let n = b.count
        func number(_ minDigits: Int, _ maxDigits: Int) -> Int? {
            var value = 0, digits = 0
            while i < n, digits < maxDigits, b[i] >= 0x30, b[i] <= 0x39 { value = value * 10 + Int(b[i] - 0x30); i += 1; digits += 1 }
            return digits >= minDigits ? value : nil
        }
        func skip(_ byte: UInt8) -> Bool { if i < n, b[i] == byte { i += 1; return true }; return false }
        if n > 5, b[3] == UInt8(ascii: ","), b[4] == 0x20 { i = 5 }
        guard let day = number(1, 2), skip(0x20), i + 3 <= n else { return nil }
        let monthName = (UInt32(b[i] | 0x20) << 16) | (UInt32(b[i + 1] | 0x20) << 8) | UInt32(b[i + 2] | 0x20)
        guard let monthIndex = packedMonthNames.firstIndex(of: monthName) else { return nil }
        i += 3
        guard skip(0x20), let year = number(4, 4), skip(0x20), let hour = number(2, 2), skip(0x3A), let minute = number(2, 2) else { return nil }
        var second = 0
        if skip(0x3A) { guard let s = number(2, 2) else { return nil }; second = s }
        guard skip(0x20), i < n else { return nil }
        var offset = 0
        if b[i] == UInt8(ascii: "+") || b[i] == UInt8(ascii: "-") {
            let negative = b[i] == UInt8(ascii: "-")
            i += 1
            guard let hhmm = number(4, 4) else { return nil }
            offset = (negative ? -1 : 1) * ((hhmm / 100) * 60 + hhmm % 100)
        } else if n - i == 3, b[i] == UInt8(ascii: "G"), b[i + 1] == UInt8(ascii: "M"), b[i + 2] == UInt8(ascii: "T") {
            i += 3
        } else if n - i == 3, b[i] == UInt8(ascii: "U"), b[i + 1] == UInt8(ascii: "T"), b[i + 2] == UInt8(ascii: "C") {
            i += 3
        } else {
            return nil
        }
        guard i == n else { return nil }
        return Timestamp(year: year, month: monthIndex + 1, day: day, hour: hour, minute: minute, second: second, utcOffsetMinutes: offset)
    }

    /// WordPress writes "no date yet" (drafts) as `Wed, 30 Nov -0001 00:00:00 +0000` or `0000-00-00 00:00:00`.
    public static func isWordPressZeroDate(_ text: String) -> Bool {
        text.contains(" -0001 ") || text.hasPrefix("0000-00-00")
    }

    static func truncatedISO(_ text: String) -> Timestamp? {
        let parts = text.split(separator: "-")
        guard (1...2).contains(parts.count), parts[0].count == 4, let year = Int(parts[0]) else { return nil }
        if parts.count == 1 { return Timestamp(year: year, month: 1, day: 1, utcOffsetMinutes: nil) }
        guard parts[1].count == 2, let month = Int(parts[1]) else { return nil }
        return Timestamp(year: year, month: month, day: 1, utcOffsetMinutes: nil)
    }

    static let months: [String: Int] = [
        "jan": 1, "feb": 2, "mar": 3, "apr": 4, "may": 5, "jun": 6, "jul": 7, "aug": 8, "sep": 9, "oct": 10, "nov": 11, "dec": 12,
        "janv": 1, "fév": 2, "fev": 2, "févr": 2, "fevr": 2, "mars": 3, "avr": 4, "mai": 5, "juin": 6, "juil": 7,
        "aoû": 8, "aou": 8, "août": 8, "aout": 8, "sept": 9, "déc": 12,
        "january": 1, "february": 2, "march": 3, "april": 4, "june": 6, "july": 7, "august": 8, "september": 9,
        "october": 10, "november": 11, "december": 12, "janvier": 1, "février": 2, "fevrier": 2, "avril": 4,
        "juillet": 7, "septembre": 9, "octobre": 10, "novembre": 11, "décembre": 12, "decembre": 12,
    ]

    static let zones: [String: Int] = [
        "ut": 0, "utc": 0, "gmt": 0, "z": 0, "est": -300, "edt": -240, "cst": -360, "cdt": -300, "mst": -420,
        "mdt": -360, "pst": -480, "pdt": -420, "cet": 60, "cest": 120, "bst": 60, "ist": 330, "jst": 540,
        "akst": -540, "akdt": -480, "hst": -600, "ast": -240, "adt": -180, "nst": -210, "ndt": -150, "eet": 120, "eest": 180,
        "a": -60, "m": -720, "n": 60, "y": 720,
    ]

    static func monthNumber(_ token: Substring) -> Int? {
        // Exact names and abbreviations only: a prefix rule would read "mardi" (Tuesday) as March.
        months[token.lowercased().trimmingCharacters(in: ["."])]
    }

    static func textual(_ text: String) -> Timestamp? {
        let tokens = text.split(whereSeparator: { $0 == " " || $0 == "," || $0 == "\t" || $0 == "\n" })
        var day: Int?, month: Int?, year: Int?
        var hour = 0, minute = 0, second = 0
        var offset: Int?
        var sawTime = false
        for token in tokens {
            if token.contains(":") && !sawTime, token.first?.isNumber == true {
                let fields = token.split(separator: ":")
                guard (2...3).contains(fields.count), let h = Int(fields[0]), let m = Int(fields[1]) else { return nil }
                hour = h
                minute = m
                if fields.count == 3 {
                    guard let s = Int(fields[2].prefix(2)) else { return nil }
                    second = s
                }
                sawTime = true
            } else if let first = token.first, first == "+" || first == "-", token.count >= 3 {
                let digits = token.dropFirst().filter { $0 != ":" }
                // Four digits (+0200), two (+02), or three as some generators write (+000, +530).
                guard (2...4).contains(digits.count), let value = Int(digits) else { return nil }
                let minutes = digits.count >= 3 ? (value / 100) * 60 + value % 100 : value * 60
                offset = first == "-" ? -minutes : minutes
            } else if let number = Int(token) {
                if day == nil && number >= 1 && number <= 31 && (token.count <= 2) {
                    day = number
                } else if year == nil {
                    year = token.count <= 2 ? (number < 50 ? 2000 + number : 1900 + number) : number
                } else {
                    return nil
                }
            } else if let number = monthNumber(token), month == nil {
                month = number
            } else if let zone = zones[token.lowercased()] ?? (token.hasPrefix("GMT") || token.hasPrefix("UTC") ? parseOffsetSuffix(token.dropFirst(3)) : nil) {
                offset = zone
            } else if token.count >= 3, token.first?.isLetter == true {
                continue  // a weekday, or words around the date
            } else {
                return nil
            }
        }
        guard let day, let month, let year else { return nil }
        var stamp = Timestamp(year: year, month: month, day: day, hour: hour, minute: minute, second: second, utcOffsetMinutes: offset ?? 0)
        if offset == nil { stamp?.utcOffsetMinutes = nil }
        return stamp
    }

    static func parseOffsetSuffix(_ suffix: Substring) -> Int? {
        if suffix.isEmpty { return 0 }
        guard let first = suffix.first, first == "+" || first == "-" else { return nil }
        let digits = suffix.dropFirst().filter { $0 != ":" }
        // An offset is at most four digits and at most 18 hours; anything longer is not a date.
        guard (1...4).contains(digits.count), let value = Int(digits) else { return nil }
        let minutes = digits.count >= 3 ? (value / 100) * 60 + value % 100 : value * 60
        guard minutes <= 18 * 60 else { return nil }
        return first == "-" ? -minutes : minutes
    }
}
