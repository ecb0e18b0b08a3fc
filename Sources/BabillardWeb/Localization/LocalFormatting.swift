import BabillardCore
import BabillardStore
import Foundation
import HTTPTypes
import Hummingbird
import Logging

/// Dates, numbers and durations written the way each language writes them.
///
/// Numbers are written by hand for the two languages of the interface (a list page writes hundreds
/// of them, and a Foundation format style costs a formatter-cache look-up each); a test checks that
/// they read exactly as Foundation's en_GB and fr_FR styles. Dates use format styles built once.
struct LocalFormatting: Sendable {
    let locale: WebLocale

    /// en_GB groups thousands with a comma; fr_FR with a narrow no-break space (U+202F), and writes
    /// a decimal comma and a no-break space (U+00A0) before %. Unlike Foundation, a negative number
    /// that rounds to zero is written "0", not "-0".
    private var groupSeparator: String { locale == .french ? "\u{202F}" : "," }
    private var decimalSeparator: String { locale == .french ? "," : "." }

    func number(_ value: Int) -> String {
        grouped(value.magnitude, negative: value < 0)
    }

    func percent(_ fraction: Double, digits: Int = 0) -> String {
        decimal(fraction * 100, digits: digits) + (locale == .french ? "\u{00A0}%" : "%")
    }

    func decimal(_ value: Double, digits requested: Int = 2) -> String {
        let digits = min(max(requested, 0), 6)
        let scale = (0..<digits).reduce(1.0) { value, _ in value * 10 }
        let exact = value.magnitude * scale
        // Foundation rounds the shortest decimal form half to even ("0.545" → "0.54"), while the
        // binary product may sit just above or below the half: near a half, ask Foundation.
        guard value.isFinite, exact < 9e15, abs(exact - exact.rounded(.down) - 0.5) > 1e-6 else {
            let text = value.formatted(.number.precision(.fractionLength(digits)).locale(locale.foundationLocale))
            // "-0.00" misleads: a number that rounds to zero has no sign.
            return text.hasPrefix("-") && !text.contains(where: { ("1"..."9").contains($0) }) ? String(text.dropFirst()) : text
        }
        let scaled = exact.rounded(.toNearestOrEven)
        let units = UInt64(scaled)
        let power = UInt64(scale)
        let whole = units / power, fraction = units % power
        var text = grouped(UInt(whole), negative: value < 0 && units != 0)
        if digits > 0 {
            let digitsText = String(fraction)
            text += decimalSeparator + String(repeating: "0", count: digits - digitsText.count) + digitsText
        }
        return text
    }

    private func grouped(_ magnitude: UInt, negative: Bool) -> String {
        let digits = String(magnitude)
        var text = negative ? "-" : ""
        let separator = groupSeparator
        for (index, digit) in digits.enumerated() {
            if index > 0, (digits.count - index) % 3 == 0 { text += separator }
            text.append(digit)
        }
        return text
    }

    /// A date style per interface language, in UTC and the Gregorian calendar, built once.
    private static func styles(date: Date.FormatStyle.DateStyle, time: Date.FormatStyle.TimeStyle) -> [WebLocale: Date.FormatStyle] {
        Dictionary(uniqueKeysWithValues: WebLocale.allCases.map { locale in
            var style = Date.FormatStyle(date: date, time: time, locale: locale.foundationLocale, timeZone: TimeZone(identifier: "UTC")!)
            style.calendar = Calendar(identifier: .gregorian)
            return (locale, style)
        })
    }

    private static let dateTimeStyles = styles(date: .abbreviated, time: .shortened)
    private static let dayStyles = styles(date: .abbreviated, time: .omitted)

    /// "23 Nov 2026, 14:05" / "23 nov. 2026, 14:05", in UTC (times are stored in UTC; the
    /// original offset is kept with the item).
    func dateTime(_ time: Timestamp) -> String {
        Date(timeIntervalSince1970: time.epochSeconds).formatted(Self.dateTimeStyles[locale]!)
    }

    func day(_ daysSinceEpoch: Int64) -> String {
        Date(timeIntervalSince1970: Double(daysSinceEpoch) * 86_400).formatted(Self.dayStyles[locale]!)
    }

    /// ISO 8601, for `<time datetime>`.
    func iso(_ time: Timestamp) -> String {
        time.iso8601UTC
    }

    /// "2 h 05", "3 d 4 h", "12 min" (same in French: j for days).
    func duration(minutes: Int64) -> String {
        let sign = minutes < 0 ? "−" : ""
        let total = abs(minutes)
        let dayUnit = locale == .french ? "j" : "d"
        if total >= 1_440 { return "\(sign)\(total / 1_440) \(dayUnit) \(total % 1_440 / 60) h" }
        if total >= 60 { return "\(sign)\(total / 60) h \(total % 60 < 10 ? "0" : "")\(total % 60)" }
        return "\(sign)\(total) min"
    }
}
