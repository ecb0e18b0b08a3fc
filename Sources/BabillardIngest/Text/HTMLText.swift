/// Turns HTML (a feed entry's content, a Mastodon status, a WordPress comment) into tidy plain text.
///
/// Tags go; `script`, `style` and comments go with their content; block elements become line
/// breaks (a paragraph is separated from the next by an empty line, `<br>` is one break, list
/// items and table rows one line each); character references are decoded; runs of spaces
/// collapse to one, and no-break spaces become plain spaces so that words split as people see
/// them. Text that has no `<` and no `&` comes back with its whitespace tidied only. One pass over
/// the bytes, one output buffer.
public enum HTMLText {
    public static func plainText(_ html: String) -> String {
        var source = html
        return source.withUTF8 { plainText(utf8: $0) }
    }

    public static func plainText(utf8 bytes: UnsafeBufferPointer<UInt8>) -> String {
        var writer = TidyTextWriter(capacity: bytes.count)
        let count = bytes.count
        let isPlain = Self.isPlain
        var i = 0
        while i < count {
            let byte = bytes[i]
            if byte == UInt8(ascii: "<") {
                if let next = skipMarkup(bytes, at: i, writer: &writer) {
                    i = next
                    continue
                }
                writer.append(byte)
                i += 1
            } else if byte == UInt8(ascii: "&") {
                if let (scalar, length) = HTMLEntities.reference(in: bytes, at: i) {
                    writer.append(scalar)
                    i += length
                } else {
                    writer.append(byte)
                    i += 1
                }
            } else if byte == 0xC2, i + 1 < count, bytes[i + 1] == 0xA0 {
                writer.space()  // a no-break space written as UTF-8
                i += 2
            } else if byte == 0xC2, i + 1 < count, bytes[i + 1] >= 0x80, bytes[i + 1] <= 0x9F {
                // A C1 control is a Windows-1252 character mis-decoded as Latin-1 ("demoronise" it).
                writer.append(HTMLEntities.numericScalar(UInt32(bytes[i + 1])))
                i += 2
            } else if byte == 0xE2, i + 2 < count, bytes[i + 1] == 0x80, bytes[i + 2] == 0xAF || bytes[i + 2] == 0x89 {
                writer.space()  // a narrow no-break or thin space (French typography before ; : ! ?)
                i += 3
            } else if isPlain[Int(byte)] {
                // A run of bytes that are neither markup, references, spaces nor special UTF-8
                // (most of a text: its words) is copied in one go.
                let start = i
                i += 1
                while i < count, isPlain[Int(bytes[i])] { i += 1 }
                writer.append(run: UnsafeBufferPointer(rebasing: bytes[start..<i]))
            } else {
                writer.append(byte)
                i += 1
            }
        }
        return writer.finish()
    }

    /// Bytes that `plainText` copies as they are: not `<`, `&`, whitespace or control characters,
    /// and not the lead byte of a no-break space or C1 control (0xC2) or of a narrow space (0xE2).
    static let isPlain: [Bool] = (0...255).map { byte in
        byte > 0x20 && byte != 0x3C && byte != 0x26 && byte != 0x7F && byte != 0xC2 && byte != 0xE2
    }

    /// Tags that end a line or a paragraph.
    enum Break { case line, paragraph }

    static let breaks: [[UInt8]: Break] = {
        var table: [[UInt8]: Break] = [:]
        for name in ["br", "li", "tr", "dt", "dd", "hr", "figcaption", "option"] { table[Array(name.utf8)] = .line }
        for name in ["p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "ul", "ol", "dl", "table", "pre",
                     "section", "article", "header", "footer", "aside", "figure", "address", "nav", "main", "form"] {
            table[Array(name.utf8)] = .paragraph
        }
        return table
    }()

    /// Elements whose content is not text: dropped with their content.
    static let rawTextElements: Set<[UInt8]> = [Array("script".utf8), Array("style".utf8), Array("template".utf8)]
    /// Inline elements that separate words when rendered.
    static let wordSeparatingElements: Set<[UInt8]> = [Array("td".utf8), Array("th".utf8), Array("img".utf8)]

    static func breakFor(_ name: [UInt8]) -> Break? {
        // Inline tags (a, b, em, strong, span) are the most frequent: rule them out without hashing.
        if name.count == 1, name[0] != UInt8(ascii: "p") { return nil }
        return breaks[name]
    }

    /// Skips the markup starting at `start` (on a `<`) and returns where text resumes, or nil when
    /// the `<` is not markup (`a < b`) and must be kept as text.
    static func skipMarkup(_ bytes: UnsafeBufferPointer<UInt8>, at start: Int, writer: inout TidyTextWriter) -> Int? {
        let count = bytes.count
        var i = start + 1
        guard i < count else { return nil }
        let first = bytes[i]
        if first == UInt8(ascii: "!") {
            if matches(bytes, at: i + 1, "--") {
                return (find(bytes, "-->", from: i + 3).map { $0 + 3 }) ?? count
            }
            if matches(bytes, at: i + 1, "[CDATA[") {
                let contentStart = i + 8
                let end = find(bytes, "]]>", from: contentStart) ?? count
                for k in contentStart..<end { writer.append(bytes[k]) }
                return min(end + 3, count)
            }
            return (find(bytes, ">", from: i).map { $0 + 1 }) ?? count
        }
        if first == UInt8(ascii: "?") {
            return (find(bytes, ">", from: i).map { $0 + 1 }) ?? count
        }
        var closing = false
        if first == UInt8(ascii: "/") { closing = true; i += 1 }
        guard i < count, isLetter(bytes[i]) else { return nil }
        var name: [UInt8] = []
        while i < count, isNameByte(bytes[i]) {
            name.append(bytes[i] | (bytes[i] >= 0x41 && bytes[i] <= 0x5A ? 0x20 : 0))
            i += 1
        }
        // Skip attributes, respecting quotes, to the closing `>`.
        var quote: UInt8 = 0
        while i < count {
            let b = bytes[i]
            if quote != 0 {
                if b == quote { quote = 0 }
            } else if b == UInt8(ascii: "\"") || b == UInt8(ascii: "'") {
                quote = b
            } else if b == UInt8(ascii: ">") {
                break
            }
            i += 1
        }
        let afterTag = min(i + 1, count)
        if !closing, rawTextElements.contains(name) {
            let closer = "</" + String(decoding: name, as: UTF8.self)
            guard let end = findCaseInsensitive(bytes, closer, from: afterTag) else { return count }
            return (find(bytes, ">", from: end).map { $0 + 1 }) ?? count
        }
        switch breakFor(name) {
        case .line?: writer.lineBreak()
        case .paragraph?: writer.paragraphBreak()
        case nil:
            if wordSeparatingElements.contains(name) { writer.space() }
        }
        return afterTag
    }

    static func isLetter(_ b: UInt8) -> Bool { (b | 0x20) >= 0x61 && (b | 0x20) <= 0x7A }
    static func isNameByte(_ b: UInt8) -> Bool { isLetter(b) || (b >= 0x30 && b <= 0x39) || b == 0x2D || b == 0x3A || b == 0x5F }

    static func matches(_ bytes: UnsafeBufferPointer<UInt8>, at index: Int, _ literal: StaticString) -> Bool {
        let length = literal.utf8CodeUnitCount
        guard index + length <= bytes.count else { return false }
        let pointer = literal.utf8Start
        for k in 0..<length where bytes[index + k] != pointer[k] { return false }
        return true
    }

    static func find(_ bytes: UnsafeBufferPointer<UInt8>, _ literal: StaticString, from start: Int) -> Int? {
        let length = literal.utf8CodeUnitCount
        let pointer = literal.utf8Start
        var i = start
        while i + length <= bytes.count {
            if bytes[i] == pointer[0], matches(bytes, at: i, literal) { return i }
            i += 1
        }
        return nil
    }

    static func findCaseInsensitive(_ bytes: UnsafeBufferPointer<UInt8>, _ literal: String, from start: Int) -> Int? {
        let needle = Array(literal.utf8)
        var i = start
        outer: while i + needle.count <= bytes.count {
            for k in 0..<needle.count {
                let b = bytes[i + k]
                let lowered = b >= 0x41 && b <= 0x5A ? b | 0x20 : b
                if lowered != needle[k] { i += 1; continue outer }
            }
            return i
        }
        return nil
    }
}

/// Accumulates plain text while collapsing whitespace and placing line and paragraph breaks.
struct TidyTextWriter {
    private var output: [UInt8] = []
    /// 0 none, 1 a line break, 2 a paragraph break, waiting for the next visible character.
    private var pendingBreak = 0
    private var pendingSpace = false

    init(capacity: Int) { output.reserveCapacity(capacity) }

    mutating func append(_ byte: UInt8) {
        switch byte {
        case 0x20, 0x09, 0x0A, 0x0D, 0x0C:
            pendingSpace = true
        default:
            flushPending()
            output.append(byte)
        }
    }

    /// Bytes that are none of whitespace, so they are copied after any pending break or space.
    mutating func append(run: UnsafeBufferPointer<UInt8>) {
        flushPending()
        output.append(contentsOf: run)
    }

    mutating func append(_ scalar: Unicode.Scalar) {
        if scalar == "\u{A0}" || scalar == "\u{202F}" || scalar == "\u{2009}" || scalar.properties.isWhitespace {
            if scalar == "\n" || scalar == "\u{2028}" { lineBreak() } else { pendingSpace = true }
            return
        }
        flushPending()
        UTF8.encode(scalar) { output.append($0) }
    }

    mutating func space() { pendingSpace = true }
    mutating func lineBreak() { pendingBreak = max(pendingBreak, 1) }
    mutating func paragraphBreak() { pendingBreak = 2 }

    private mutating func flushPending() {
        if !output.isEmpty {
            if pendingBreak > 0 {
                output.append(0x0A)
                if pendingBreak == 2 { output.append(0x0A) }
            } else if pendingSpace {
                output.append(0x20)
            }
        }
        pendingBreak = 0
        pendingSpace = false
    }

    mutating func finish() -> String {
        String(decoding: output, as: UTF8.self)
    }
}
