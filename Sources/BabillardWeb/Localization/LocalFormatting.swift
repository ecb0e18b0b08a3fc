import BabillardCore
import BabillardStore
import Foundation
import HTTPTypes
import Hummingbird
import Logging

/// Dates, numbers and durations written the way each language writes them.
struct LocalFormatting: Sendable {
    let locale: WebLocale

    func number(_ value: Int) -> String {
        value.formatted(.number.locale(locale.foundationLocale))
    }

    func percent(_ fraction: Double, digits: Int = 0) -> String {
        fraction.formatted(.percent.precision(.fractionLength(digits)).locale(locale.foundationLocale))
    }

    func decimal(_ value: Double, digits: Int = 2) -> String {
        value.formatted(.number.precision(.fractionLength(digits)).locale(locale.foundationLocale))
    }

    /// "23 Nov 2026, 14:05" / "23 nov. 2026, 14:05", in UTC (times are stored in UTC; the
    /// original offset is kept with the item).
    func dateTime(_ time: Timestamp) -> String {
        var style = Date.FormatStyle(date: .abbreviated, time: .shortened, locale: locale.foundationLocale, timeZone: TimeZone(identifier: "UTC")!)
        style.calendar = Calendar(identifier: .gregorian)
        return Date(timeIntervalSince1970: time.epochSeconds).formatted(style)
    }

    func day(_ daysSinceEpoch: Int64) -> String {
        var style = Date.FormatStyle(date: .abbreviated, time: .omitted, locale: locale.foundationLocale, timeZone: TimeZone(identifier: "UTC")!)
        style.calendar = Calendar(identifier: .gregorian)
        return Date(timeIntervalSince1970: Double(daysSinceEpoch) * 86_400).formatted(style)
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
        if total >= 60 { return "\(sign)\(total / 60) h \(String(format: "%02d", total % 60))" }
        return "\(sign)\(total) min"
    }
}
