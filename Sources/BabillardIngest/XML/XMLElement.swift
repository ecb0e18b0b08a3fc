/// One element of a parsed XML document, with the namespace-resolved names the readers use.
///
/// A class because the streaming tree builder appends children to open elements on a stack.
/// Nothing changes an element once it has closed, so a reader may hand a closed record, whole, to
/// another thread (the feed reader maps its entries on a second core).
public final class XMLElement {
    /// `local` for elements of the reader's main namespaces, `prefix:local` for the others, with
    /// the reader's canonical prefix for well-known namespaces (`dc:creator` whatever the feed wrote).
    public let name: String
    public var attributes: [(name: String, value: String)]
    public var children: [XMLNode] = []
    /// The effective `xml:base` (already resolved against the ancestors' bases), if any.
    public var base: String?
    /// The effective `xml:lang`, if any.
    public var language: String?
    /// Byte offset of the start tag in the (UTF-8) document, for error messages.
    public let offset: Int

    public init(name: String, attributes: [(name: String, value: String)], base: String?, language: String?, offset: Int) {
        self.name = name
        self.attributes = attributes
        self.base = base
        self.language = language
        self.offset = offset
    }

    public subscript(attribute name: String) -> String? {
        for attribute in attributes where attribute.name == name { return attribute.value }
        return nil
    }

    /// The first child element with that name.
    public func child(_ name: String) -> XMLElement? {
        for case .element(let element) in children where element.name == name { return element }
        return nil
    }

    /// The first child element with one of those names, in the order of the names.
    public func child(anyOf names: String...) -> XMLElement? {
        for name in names { if let found = child(name) { return found } }
        return nil
    }

    public func children(_ name: String) -> [XMLElement] {
        var found: [XMLElement] = []
        for case .element(let element) in children where element.name == name { found.append(element) }
        return found
    }

    public var childElements: [XMLElement] {
        var found: [XMLElement] = []
        for case .element(let element) in children { found.append(element) }
        return found
    }

    /// The concatenated text of this element and its descendants.
    public var text: String {
        if children.count == 1, case .text(let only) = children[0] { return only }
        var result = ""
        appendText(to: &result)
        return result
    }

    private func appendText(to result: inout String) {
        for child in children {
            switch child {
            case .text(let text): result += text
            case .element(let element): element.appendText(to: &result)
            }
        }
    }

    /// The text trimmed of surrounding whitespace, or nil when empty.
    public var trimmedText: String? {
        let value = text.trimmingXMLWhitespace()
        return value.isEmpty ? nil : value
    }

    /// The content as markup: child elements are written back as tags. Used for XHTML content and
    /// for HTML that a feed put in a description without escaping it.
    public var innerMarkup: String {
        var result = ""
        for child in children { child.appendMarkup(to: &result) }
        return result
    }

    /// True when some child is an element (markup inside text content).
    public var hasChildElements: Bool {
        for case .element(_) in children { return true }
        return false
    }
}

public enum XMLNode {
    case element(XMLElement)
    case text(String)

    func appendMarkup(to result: inout String) {
        switch self {
        case .text(let text):
            result += XMLNode.escape(text)
        case .element(let element):
            let local = element.name.split(separator: ":").last.map(String.init) ?? element.name
            result += "<" + local
            for attribute in element.attributes where !attribute.name.hasPrefix("xmlns") {
                result += " \(attribute.name)=\"\(XMLNode.escape(attribute.value))\""
            }
            result += ">"
            for child in element.children { child.appendMarkup(to: &result) }
            result += "</\(local)>"
        }
    }

    static func escape(_ text: String) -> String {
        guard text.contains(where: { $0 == "<" || $0 == "&" || $0 == "\"" || $0 == ">" }) else { return text }
        var result = ""
        result.reserveCapacity(text.utf8.count + 16)
        for character in text {
            switch character {
            case "<": result += "&lt;"
            case ">": result += "&gt;"
            case "&": result += "&amp;"
            case "\"": result += "&quot;"
            default: result.append(character)
            }
        }
        return result
    }
}

extension StringProtocol {
    /// The string without leading and trailing spaces, tabs and line breaks.
    public func trimmingXMLWhitespace() -> String {
        let bytes = Array(self.utf8)
        var start = 0
        var end = bytes.count
        func isSpace(_ b: UInt8) -> Bool { b == 0x20 || b == 0x09 || b == 0x0A || b == 0x0D }
        while start < end, isSpace(bytes[start]) { start += 1 }
        while end > start, isSpace(bytes[end - 1]) { end -= 1 }
        if start == 0, end == bytes.count, let same = self as? String { return same }
        return String(decoding: bytes[start..<end], as: UTF8.self)
    }
}
