import BabillardCore
import BabillardStore
import Foundation
import HTTPTypes
import Hummingbird
import Logging

/// The languages of the interface.
public enum WebLocale: String, Sendable, CaseIterable {
    case english = "en"
    case french = "fr"

    var foundationLocale: Locale { Locale(identifier: self == .french ? "fr_FR" : "en_GB") }

    /// The first language of an `Accept-Language` header that the interface speaks, by quality.
    static func negotiate(acceptLanguage: String?) -> WebLocale? {
        guard let header = acceptLanguage else { return nil }
        var choices: [(tag: String, quality: Double, order: Int)] = []
        for (order, part) in header.split(separator: ",").enumerated() {
            let fields = part.split(separator: ";").map { $0.trimmingCharacters(in: .whitespaces) }
            guard let tag = fields.first?.lowercased(), !tag.isEmpty else { continue }
            var quality = 1.0
            for field in fields.dropFirst() where field.hasPrefix("q=") { quality = Double(field.dropFirst(2)) ?? 0 }
            if quality > 0 { choices.append((tag, quality, order)) }
        }
        for choice in choices.sorted(by: { ($0.quality, -$0.order) > ($1.quality, -$1.order) }) {
            let primary = choice.tag.split(separator: "-").first.map(String.init) ?? choice.tag
            if let locale = WebLocale(rawValue: primary) { return locale }
        }
        return nil
    }
}
