import BabillardCore
import BabillardIngest
import Foundation

/// feedparser's own expectations for its test documents, read from each file's `Expect:` header
/// (a Python expression over feedparser's result), for the clauses about the first entry that a
/// plain-text reader can be held to: its title, text (description, summary, content), link, id
/// and dates. HTML in an expected value is turned into text the same way the reader does, so a
/// clause checks what was found, not how it was sanitised.
struct FeedParserExpectation {
    enum Field: String { case title, text, link, id, published, updated }
    var field: Field
    var expected: String
    var clause: String

    /// Every checkable clause of a test document's `Expect:` line.
    static func clauses(inDocument text: String) -> [FeedParserExpectation] {
        guard let line = text.split(separator: "\n").first(where: { $0.contains("Expect:") }) else { return [] }
        let expression = line[line.range(of: "Expect:")!.upperBound...].trimmingCharacters(in: .whitespaces)
        var found: [FeedParserExpectation] = []
        for clause in splitClauses(expression) {
            let patterns: [(String, Field)] = [
                ("entries[0]['title'] == ", .title), ("entries[0]['description'] == ", .text), ("entries[0]['summary'] == ", .text),
                ("entries[0]['content'][0]['value'] == ", .text), ("entries[0]['link'] == ", .link), ("entries[0]['id'] == ", .id),
                ("entries[0]['published_parsed'] == ", .published), ("entries[0]['updated_parsed'] == ", .updated),
            ]
            for (prefix, field) in patterns where clause.hasPrefix(prefix) {
                let value = clause.dropFirst(prefix.count)
                if field == .published || field == .updated {
                    if let date = pythonTimeTuple(value) { found.append(FeedParserExpectation(field: field, expected: date, clause: clause)) }
                } else if let string = pythonString(value) {
                    found.append(FeedParserExpectation(field: field, expected: string, clause: clause))
                }
            }
        }
        return found
    }

    /// Splits on ` and ` outside string literals.
    static func splitClauses(_ expression: String) -> [String] {
        var clauses: [String] = []
        var current = ""
        var quote: Character?
        var escaped = false
        var characters = Array(expression)
        characters.append(" ")
        var index = 0
        while index < characters.count {
            let character = characters[index]
            if let open = quote {
                current.append(character)
                if escaped { escaped = false } else if character == "\\" { escaped = true } else if character == open { quote = nil }
            } else if character == "'" || character == "\"" {
                quote = character
                current.append(character)
            } else if String(characters[index..<min(index + 5, characters.count)]) == " and " {
                clauses.append(current.trimmingCharacters(in: .whitespaces))
                current = ""
                index += 5
                continue
            } else {
                current.append(character)
            }
            index += 1
        }
        clauses.append(current.trimmingCharacters(in: .whitespaces))
        return clauses.filter { !$0.isEmpty }
    }

    /// A Python string literal (`'…'`, `u'…'`, `"…"`) that makes up the whole value, unescaped.
    static func pythonString(_ literal: Substring) -> String? {
        var text = literal.trimmingCharacters(in: .whitespaces)[...]
        if text.hasPrefix("u") { text = text.dropFirst() }
        guard let quote = text.first, quote == "'" || quote == "\"", text.count >= 2, text.last == quote else { return nil }
        let body = Array(text.dropFirst().dropLast())
        var result = ""
        var index = 0
        while index < body.count {
            let character = body[index]
            guard character == "\\", index + 1 < body.count else {
                if character == quote { return nil }  // the literal ended earlier: not a single string
                result.append(character)
                index += 1
                continue
            }
            let next = body[index + 1]
            switch next {
            case "n": result.append("\n"); index += 2
            case "t": result.append("\t"); index += 2
            case "r": result.append("\r"); index += 2
            case "u", "x", "U":
                let width = next == "u" ? 4 : next == "x" ? 2 : 8
                let digits = String(body[(index + 2)..<min(index + 2 + width, body.count)])
                guard let value = UInt32(digits, radix: 16), let scalar = Unicode.Scalar(value) else { return nil }
                result.unicodeScalars.append(scalar)
                index += 2 + width
            default: result.append(next); index += 2
            }
        }
        return result
    }

    /// `(2003, 12, 31, 10, 14, 55, 2, 365, 0)` → `2003-12-31T10:14:55Z`.
    static func pythonTimeTuple(_ literal: Substring) -> String? {
        let inner = literal.trimmingCharacters(in: CharacterSet(charactersIn: " ()"))
        let numbers = inner.split(separator: ",").compactMap { Int($0.trimmingCharacters(in: .whitespaces)) }
        guard numbers.count == 9, let stamp = Timestamp(year: numbers[0], month: numbers[1], day: numbers[2], hour: numbers[3], minute: numbers[4], second: numbers[5]) else { return nil }
        return stamp.iso8601UTC
    }

    /// What the reader found for this clause's field in the first item, in the clause's terms.
    func actual(in item: RawItem) -> String? {
        switch field {
        case .title: return item.title ?? ""
        case .text: return item.text
        case .link: return item.url
        case .id: return item.externalID
        case .published: return item.createdAt?.iso8601UTC
        case .updated: return (item.editedAt ?? item.createdAt)?.iso8601UTC
        }
    }

    /// The expected value as the reader would write it.
    var expectedAsRead: String {
        switch field {
        case .title, .text: return HTMLText.plainText(expected)
        default: return expected
        }
    }

    func holds(for item: RawItem) -> Bool {
        guard let actual = actual(in: item) else { return false }
        if field == .id, actual != expected { return actual.hasSuffix("#" + expected) }  // a bare guid is prefixed with the feed's link
        // A text construct of type text keeps its brackets: feedparser then gives the raw text.
        return actual == expectedAsRead || actual == expected
    }

    /// The `Header:` lines of a test document, as feedparser's test server would send them.
    static func headers(inDocument text: String) -> [String: String] {
        var headers: [String: String] = [:]
        for line in text.split(separator: "\n").prefix(20) {
            guard let range = line.range(of: "Header:") else { continue }
            let pair = line[range.upperBound...].split(separator: ":", maxSplits: 1)
            if pair.count == 2 { headers[pair[0].trimmingCharacters(in: .whitespaces).lowercased()] = pair[1].trimmingCharacters(in: .whitespaces) }
        }
        return headers
    }

    /// Reads a test document as feedparser's test suite serves it (over HTTP from 127.0.0.1:8097, with its headers).
    static func input(for url: URL, data: Data, relativePath: String) -> ReaderInput {
        let headers = headers(inDocument: String(decoding: data.prefix(4096), as: UTF8.self))
        let base = headers["content-location"] ?? "http://127.0.0.1:8097/" + relativePath
        return ReaderInput(data: data, name: url.path, contentType: headers["content-type"], baseURL: base)
    }
}
