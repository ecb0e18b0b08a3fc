import BabillardCore
import BabillardStore
import Foundation
import HTTPTypes
import Hummingbird
import Logging

/// Every string of the interface, in English and French, from `strings/en.json` and
/// `strings/fr.json`. Templates read them as `{{t.key}}`; code as `catalogue[key, locale]`.
/// Both files must hold the same keys (a test checks it, and so does loading).
struct StringCatalogue: Sendable {
    private let strings: [WebLocale: [String: String]]

    init(directory: URL) throws(WebStartupError) {
        var strings: [WebLocale: [String: String]] = [:]
        for locale in WebLocale.allCases {
            let file = directory.appendingPathComponent("strings/\(locale.rawValue).json")
            do {
                strings[locale] = try JSONDecoder().decode([String: String].self, from: Data(contentsOf: file))
            } catch {
                throw WebStartupError("Cannot read the interface strings \(file.path): \(error). Reinstall Babillard.")
            }
        }
        let english = Set(strings[.english]!.keys)
        for locale in WebLocale.allCases {
            let keys = Set(strings[locale]!.keys)
            if keys != english {
                let missing = english.symmetricDifference(keys).sorted().prefix(5).joined(separator: ", ")
                throw WebStartupError("The interface strings of \(locale.rawValue) and en differ (\(missing)); every key must be in both files.")
            }
        }
        self.strings = strings
    }

    subscript(key: String, locale: WebLocale) -> String {
        strings[locale]?[key] ?? strings[.english]?[key] ?? key
    }

    /// All strings of a locale, for templates.
    func table(_ locale: WebLocale) -> [String: String] { strings[locale] ?? [:] }

    /// A string with `{name}` placeholders filled, in one pass (a list page fills hundreds); a
    /// placeholder without a value stays as it is written.
    func format(_ key: String, _ locale: WebLocale, _ values: [String: String]) -> String {
        let template = self[key, locale]
        guard template.utf8.contains(UInt8(ascii: "{")) else { return template }
        var text = ""
        text.reserveCapacity(template.utf8.count + 16)
        var rest = template[...]
        while let open = rest.firstIndex(of: "{") {
            text += rest[..<open]
            guard let close = rest[open...].firstIndex(of: "}"), let value = values[String(rest[rest.index(after: open)..<close])] else {
                text.append("{")
                rest = rest[rest.index(after: open)...]
                continue
            }
            text += value
            rest = rest[rest.index(after: close)...]
        }
        text += rest
        return text
    }
}
