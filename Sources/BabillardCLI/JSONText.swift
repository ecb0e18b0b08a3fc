import BabillardCore

/// Builds compact JSON text for command output, one object at a time.
///
/// Output is written by hand rather than through `JSONEncoder` so that keys keep a stable,
/// documented order and exporting millions of items costs one pass over each string.
struct JSONObjectWriter {
    private(set) var text = "{"
    private var first = true

    private mutating func key(_ name: String) {
        if !first { text += "," }
        first = false
        JSONText.appendQuoted(name, to: &text)
        text += ":"
    }

    mutating func add(_ name: String, _ value: String?) {
        key(name)
        if let value { JSONText.appendQuoted(value, to: &text) } else { text += "null" }
    }

    mutating func add(_ name: String, _ value: Int?) {
        key(name)
        text += value.map(String.init) ?? "null"
    }

    mutating func add(_ name: String, _ value: Double?) {
        key(name)
        text += value.map(JSONBytes.numberText) ?? "null"
    }

    mutating func add(_ name: String, _ value: Bool) {
        key(name)
        text += value ? "true" : "false"
    }

    mutating func add(_ name: String, strings: [String]) {
        key(name)
        text += "["
        for (index, string) in strings.enumerated() {
            if index > 0 { text += "," }
            JSONText.appendQuoted(string, to: &text)
        }
        text += "]"
    }

    /// Adds already-encoded JSON (an object or array built elsewhere).
    mutating func add(_ name: String, raw: String) {
        key(name)
        text += raw
    }

    mutating func finish() -> String {
        text += "}"
        return text
    }
}

enum JSONText {
    static func appendQuoted(_ string: String, to output: inout String) {
        JSONQuoting.appendQuoted(string, to: &output)
    }

    static func array(_ elements: [String]) -> String {
        "[" + elements.joined(separator: ",") + "]"
    }
}
