import BabillardCore
import Foundation

/// Why an XML document could not be read at all.
public struct XMLReadError: Error, Sendable {
    public var offset: Int
    public var reason: String
}

/// A tolerant, streaming XML parser on UTF-8 bytes that builds only the parts of the tree a reader
/// keeps.
///
/// Feeds in the wild are often not well-formed (an undeclared `&eacute;`, a stray `&`, HTML left
/// unescaped in a description, a missing end tag), and a reader that refused them would lose what
/// people wrote; so, like browsers and feedparser, this parser recovers: unknown entities stay as
/// text, a stray `<` or `&` is text, an end tag closes the elements left open inside it, an end tag
/// that matches nothing is ignored. Recovery has a limit where it would invent data: a record
/// whose end tag finds one of its fields still open is handed over as `RecordEnd.leftOpen` (its
/// reader rejects it), and elements left open at the end of the bytes are reported in
/// `Document`. What it does not do is expand entities without limit: the internal DTD's `<!ENTITY>` declarations are honoured up to `entityExpansionLimit` bytes in all,
/// and a document that asks for more (a "billion laughs" bomb) is refused.
///
/// Records (feed items, WXR items) are handed to `onRecord` as soon as they close and are not kept:
/// the parser holds one record and the document's top-level elements, whatever the size of the
/// file (a reader may keep a few records in flight: the feed reader maps them on another core).
public struct XMLStreamingParser {
    /// Namespace URI → the prefix readers use for it ("" for a reader's main namespaces).
    public var canonicalPrefixes: [String: String]
    /// Total bytes that DTD entity references may expand to in one document.
    public var entityExpansionLimit = 1 << 20
    public var maximumDepth = 256

    public init(canonicalPrefixes: [String: String]) {
        self.canonicalPrefixes = canonicalPrefixes
    }

    /// The stack of open elements when a record closes: the document element first.
    public typealias Ancestors = [XMLElement]

    /// How a record ended.
    public enum RecordEnd: Equatable, Sendable {
        /// By its own end tag (or an enclosing one), with whatever opened inside it closed.
        case complete
        /// By its own end tag while an element opened inside it was still open, at `offset`: the
        /// record is not well-formed. A misspelt end tag (`<title>…</titl>`) leaves its element
        /// open, and the fields after it end up inside it, so what the record says is unreliable.
        /// (Inside a field, an element left open is only HTML written unescaped, and is forgiven.)
        case leftOpen(name: String, offset: Int)
        /// The document ended inside it.
        case truncated
    }

    /// What the parse found besides its records.
    public struct Document {
        /// The document element, nil when there was none.
        public var root: XMLElement?
        /// Elements still open when the bytes ended, outside any record, outermost first (empty for
        /// a complete document): the file is truncated, or its end tags are missing.
        public var leftOpenAtEnd: [XMLElement]
    }

    /// Parses `bytes`. `isRecord` decides, for an element that just opened (and its parent, nil for
    /// the document element), whether it is a record;
    /// a record is handed to `onRecord` when it ends, with how it ended, and is not attached to its
    /// parent.
    public func parse(
        _ bytes: UnsafeBufferPointer<UInt8>,
        baseURL: String?,
        isRecord: (_ element: XMLElement, _ parent: XMLElement?) -> Bool,
        onRecord: (_ element: XMLElement, _ ancestors: Ancestors, _ end: RecordEnd) throws -> Void
    ) throws -> Document {
        var state = ParserState(bytes: bytes, parser: self, baseURL: baseURL)
        return try state.run(isRecord: isRecord, onRecord: onRecord)
    }
}

private struct OpenElement {
    var element: XMLElement
    var rawName: String
    var isRecord: Bool
    /// Namespace declarations this element made (prefix → URI), undone when it closes.
    var declaredNamespaces: Bool
}

private struct ParserState {
    let bytes: UnsafeBufferPointer<UInt8>
    let parser: XMLStreamingParser
    let documentBase: String?
    var index = 0
    var stack: [OpenElement] = []
    var namespaceScopes: [[String: String]] = [["xml": "http://www.w3.org/XML/1998/namespace"]]
    var root: XMLElement?
    var entities: [String: String] = [:]
    var expandedEntityBytes = 0
    var text: [UInt8] = []
    /// Names already made canonical under the namespace declarations in force (a feed repeats the
    /// same few dozen names thousands of times); emptied whenever the declarations change.
    var canonicalNames: [String: String] = [:]
    var canonicalAttributeNames: [String: String] = [:]

    init(bytes: UnsafeBufferPointer<UInt8>, parser: XMLStreamingParser, baseURL: String?) {
        self.bytes = bytes
        self.parser = parser
        self.documentBase = baseURL
    }

    mutating func run(
        isRecord: (XMLElement, XMLElement?) -> Bool,
        onRecord: (XMLElement, XMLStreamingParser.Ancestors, XMLStreamingParser.RecordEnd) throws -> Void
    ) throws -> XMLStreamingParser.Document {
        let count = bytes.count
        while index < count {
            let byte = bytes[index]
            if byte == UInt8(ascii: "<") {
                if try markup(isRecord: isRecord, onRecord: onRecord) { continue }
                text.append(byte)
                index += 1
            } else if byte == UInt8(ascii: "&") {
                try reference()
            } else {
                // Copy the run of plain text up to the next `<` or `&` in one go.
                let start = index
                while index < count, bytes[index] != UInt8(ascii: "<"), bytes[index] != UInt8(ascii: "&") { index += 1 }
                text.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[start..<index]))
            }
        }
        flushText()
        // The document ended with elements open: close them, telling records they are incomplete.
        // Those outside a record are reported too, unless a record was open (that says it).
        let recordWasOpen = stack.contains(where: \.isRecord)
        let leftOpen = recordWasOpen ? [] : stack.map(\.element)
        while let open = stack.popLast() {
            let ancestors = stack.map(\.element)
            if open.isRecord {
                try onRecord(open.element, ancestors, .truncated)
            } else if let parent = stack.last {
                parent.element.children.append(.element(open.element))
            }
        }
        return XMLStreamingParser.Document(root: root, leftOpenAtEnd: leftOpen)
    }

    mutating func flushText() {
        guard !text.isEmpty else { return }
        defer { text.removeAll(keepingCapacity: true) }
        guard let open = stack.last else { return }
        let string = String(decoding: text, as: UTF8.self)
        if let last = open.element.children.last, case .text(let previous) = last {
            open.element.children[open.element.children.count - 1] = .text(previous + string)
        } else {
            open.element.children.append(.text(string))
        }
    }

    func matches(_ literal: StaticString, at position: Int) -> Bool {
        let length = literal.utf8CodeUnitCount
        guard position + length <= bytes.count else { return false }
        let pointer = literal.utf8Start
        for k in 0..<length where bytes[position + k] != pointer[k] { return false }
        return true
    }

    func find(_ literal: StaticString, from start: Int) -> Int? {
        let first = literal.utf8Start[0]
        var i = start
        while i < bytes.count {
            if bytes[i] == first, matches(literal, at: i) { return i }
            i += 1
        }
        return nil
    }

    static func isNameStart(_ b: UInt8) -> Bool {
        (b | 0x20 >= 0x61 && b | 0x20 <= 0x7A) || b == 0x5F || b == 0x3A || b >= 0x80
    }

    static func isNameByte(_ b: UInt8) -> Bool {
        isNameStart(b) || (b >= 0x30 && b <= 0x39) || b == 0x2D || b == 0x2E
    }

    static func isSpace(_ b: UInt8) -> Bool { b == 0x20 || b == 0x09 || b == 0x0A || b == 0x0D }

    mutating func skipSpaces() {
        while index < bytes.count, Self.isSpace(bytes[index]) { index += 1 }
    }

    mutating func readName() -> String? {
        let start = index
        guard index < bytes.count, Self.isNameStart(bytes[index]) else { return nil }
        while index < bytes.count, Self.isNameByte(bytes[index]) { index += 1 }
        return String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<index]), as: UTF8.self)
    }

    /// Handles the markup at a `<`; false when it is not markup and the `<` is text.
    mutating func markup(
        isRecord: (XMLElement, XMLElement?) -> Bool,
        onRecord: (XMLElement, XMLStreamingParser.Ancestors, XMLStreamingParser.RecordEnd) throws -> Void
    ) throws -> Bool {
        let start = index
        guard start + 1 < bytes.count else { return false }
        let next = bytes[start + 1]
        if next == UInt8(ascii: "?") {
            index = (find("?>", from: start + 2).map { $0 + 2 }) ?? bytes.count
            return true
        }
        if next == UInt8(ascii: "!") {
            if matches("<!--", at: start) {
                index = (find("-->", from: start + 4).map { $0 + 3 }) ?? bytes.count
            } else if matches("<![CDATA[", at: start) {
                let contentStart = start + 9
                let end = find("]]>", from: contentStart) ?? bytes.count
                text.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[contentStart..<end]))
                index = min(end + 3, bytes.count)
            } else if matches("<!DOCTYPE", at: start) {
                try doctype()
            } else {
                index = (find(">", from: start).map { $0 + 1 }) ?? bytes.count
            }
            return true
        }
        if next == UInt8(ascii: "/") {
            index = start + 2
            guard let name = readName() else { return false }
            guard let end = find(">", from: index) else {
                // "</rss" at the very end: the file was cut inside the end tag, which closes nothing.
                index = bytes.count
                return true
            }
            index = end + 1
            flushText()
            try closeElement(named: name, onRecord: onRecord)
            return true
        }
        index = start + 1
        guard let rawName = readName() else {
            index = start
            return false
        }
        flushText()
        var rawAttributes: [(String, String)] = []
        var selfClosing = false
        while index < bytes.count {
            skipSpaces()
            guard index < bytes.count else { break }
            let b = bytes[index]
            if b == UInt8(ascii: ">") { index += 1; break }
            if b == UInt8(ascii: "/") {
                if index + 1 < bytes.count, bytes[index + 1] == UInt8(ascii: ">") { selfClosing = true; index += 2; break }
                index += 1
                continue
            }
            if b == UInt8(ascii: "<") { break }  // a tag that never closed: recover at the next one
            guard let attributeName = readName() else { index += 1; continue }
            skipSpaces()
            var value = ""
            if index < bytes.count, bytes[index] == UInt8(ascii: "=") {
                index += 1
                skipSpaces()
                value = try attributeValue()
            }
            rawAttributes.append((attributeName, value))
        }
        try openElement(rawName: rawName, rawAttributes: rawAttributes, offset: start, selfClosing: selfClosing, isRecord: isRecord, onRecord: onRecord)
        return true
    }

    mutating func attributeValue() throws -> String {
        guard index < bytes.count else { return "" }
        let quote = bytes[index]
        var value: [UInt8] = []
        if quote == UInt8(ascii: "\"") || quote == UInt8(ascii: "'") {
            index += 1
            while index < bytes.count, bytes[index] != quote {
                if bytes[index] == UInt8(ascii: "&") {
                    try reference(into: &value)
                } else {
                    let b = bytes[index]
                    value.append(b == 0x09 || b == 0x0A || b == 0x0D ? 0x20 : b)
                    index += 1
                }
            }
            index = min(index + 1, bytes.count)
        } else {
            while index < bytes.count, !Self.isSpace(bytes[index]), bytes[index] != UInt8(ascii: ">") {
                value.append(bytes[index])
                index += 1
            }
        }
        return String(decoding: value, as: UTF8.self)
    }

    mutating func openElement(
        rawName: String, rawAttributes: [(String, String)], offset: Int, selfClosing: Bool,
        isRecord: (XMLElement, XMLElement?) -> Bool,
        onRecord: (XMLElement, XMLStreamingParser.Ancestors, XMLStreamingParser.RecordEnd) throws -> Void
    ) throws {
        guard stack.count < parser.maximumDepth else {
            throw XMLReadError(offset: offset, reason: "elements are nested more than \(parser.maximumDepth) deep")
        }
        var declarations: [String: String] = [:]
        for (name, value) in rawAttributes {
            if name == "xmlns" { declarations[""] = value } else if name.hasPrefix("xmlns:") { declarations[String(name.dropFirst(6))] = value }
        }
        if !declarations.isEmpty {
            namespaceScopes.append(declarations)
            forgetCanonicalNames()
        }
        let parentElement = stack.last?.element
        var base = parentElement?.base ?? documentBase
        var language = parentElement?.language
        var attributes: [(name: String, value: String)] = []
        attributes.reserveCapacity(rawAttributes.count)
        for (name, value) in rawAttributes where !(name == "xmlns" || name.hasPrefix("xmlns:")) {
            if name == "xml:base" {
                base = Self.resolve(value, against: base)
            } else if name == "xml:lang" {
                language = value.isEmpty ? nil : value
            }
            attributes.append((rememberedCanonical(name, isAttribute: true), value))
        }
        let element = XMLElement(name: rememberedCanonical(rawName, isAttribute: false), attributes: attributes, base: base, language: language, offset: offset)
        let record = isRecord(element, parentElement)
        let open = OpenElement(element: element, rawName: rawName, isRecord: record, declaredNamespaces: !declarations.isEmpty)
        if root == nil { root = element }
        stack.append(open)
        if selfClosing { try closeElement(named: rawName, onRecord: onRecord) }
    }

    static let htmlVoidElements: Set<String> = ["br", "hr", "img", "wbr"]

    mutating func closeElement(named rawName: String, onRecord: (XMLElement, XMLStreamingParser.Ancestors, XMLStreamingParser.RecordEnd) throws -> Void) throws {
        // An end tag closes the innermost element of that name and the elements left open inside it;
        // one that matches no open element is ignored.
        guard let position = stack.lastIndex(where: { $0.rawName == rawName }) ?? stack.lastIndex(where: { $0.rawName.lowercased() == rawName.lowercased() }) else { return }
        // A record closed by its own end tag with a field still open inside it (an HTML `<br>`
        // or `<hr>` written without its slash is no field, and is forgiven).
        let leftOpen = stack[position].isRecord && stack.count > position + 1
            && !Self.htmlVoidElements.contains(stack[position + 1].rawName.lowercased()) ? stack[position + 1].element : nil
        while stack.count > position {
            let open = stack.removeLast()
            if open.declaredNamespaces {
                namespaceScopes.removeLast()
                forgetCanonicalNames()
            }
            if open.isRecord {
                let end: XMLStreamingParser.RecordEnd = if let leftOpen, stack.count == position {
                    .leftOpen(name: leftOpen.name, offset: leftOpen.offset)
                } else {
                    .complete
                }
                try onRecord(open.element, stack.map(\.element), end)
            } else if let parent = stack.last {
                parent.element.children.append(.element(open.element))
            }
        }
    }

    func namespace(ofPrefix prefix: String) -> String? {
        for scope in namespaceScopes.reversed() { if let uri = scope[prefix] { return uri } }
        return nil
    }

    /// `canonical`, remembered (up to 4,096 names of each kind) until the declarations change.
    mutating func rememberedCanonical(_ rawName: String, isAttribute: Bool) -> String {
        if let known = isAttribute ? canonicalAttributeNames[rawName] : canonicalNames[rawName] { return known }
        let name = canonical(rawName, isAttribute: isAttribute)
        if isAttribute {
            if canonicalAttributeNames.count < 4096 { canonicalAttributeNames[rawName] = name }
        } else if canonicalNames.count < 4096 {
            canonicalNames[rawName] = name
        }
        return name
    }

    mutating func forgetCanonicalNames() {
        canonicalNames.removeAll(keepingCapacity: true)
        canonicalAttributeNames.removeAll(keepingCapacity: true)
    }

    /// `prefix:local` → the reader's name for it.
    func canonical(_ rawName: String, isAttribute: Bool) -> String {
        let prefix: String
        let local: Substring
        if let colon = rawName.firstIndex(of: ":") {
            prefix = String(rawName[..<colon])
            local = rawName[rawName.index(after: colon)...]
        } else {
            // Unprefixed attributes are in no namespace, whatever the default namespace is.
            if isAttribute { return rawName }
            prefix = ""
            local = rawName[...]
        }
        if prefix == "xml" { return rawName }
        guard let uri = namespace(ofPrefix: prefix) else { return rawName }
        guard let canonicalPrefix = parser.canonicalPrefixes[uri] ?? parser.canonicalPrefixes[uri.lowercased()] else { return rawName }
        if canonicalPrefix.isEmpty { return isAttribute ? String(local) : String(local) }
        return canonicalPrefix + ":" + local
    }

    static func resolve(_ reference: String, against base: String?) -> String {
        guard let base, let baseURL = URL(string: base) else { return reference }
        return URL(string: reference, relativeTo: baseURL)?.absoluteString ?? reference
    }

    // MARK: References and the DTD

    mutating func reference() throws {
        var buffer = text
        text = []
        defer { text = buffer }
        try reference(into: &buffer)
    }

    /// Appends the character or entity text for the reference at `index` (on its `&`), or a literal `&`.
    mutating func reference(into output: inout [UInt8]) throws {
        if let (scalar, length) = HTMLEntities.reference(in: bytes, at: index) {
            UTF8.encode(scalar) { output.append($0) }
            index += length
            return
        }
        // An entity the document declared in its DTD.
        if let (value, length) = try declaredEntity(in: bytes, at: index, reportingAt: index) {
            output.append(contentsOf: value.utf8)
            index += length
            return
        }
        output.append(UInt8(ascii: "&"))
        index += 1
    }

    /// Reads `<!DOCTYPE … [ <!ENTITY name "value"> … ]>`, keeping general internal entities with their
    /// values fully expanded (within the expansion limit). External and parameter entities are ignored.
    mutating func doctype() throws {
        let start = index
        index += 9
        var depthEnd: Int?
        while index < bytes.count {
            let b = bytes[index]
            if b == UInt8(ascii: "[") {
                index += 1
                try internalSubset()
            } else if b == UInt8(ascii: ">") {
                depthEnd = index
                break
            } else if b == UInt8(ascii: "\"") || b == UInt8(ascii: "'") {
                index += 1
                while index < bytes.count, bytes[index] != b { index += 1 }
                index += 1
            } else {
                index += 1
            }
        }
        index = (depthEnd ?? bytes.count) + 1
        if depthEnd == nil { throw XMLReadError(offset: start, reason: "the DOCTYPE declaration never ends") }
    }

    mutating func internalSubset() throws {
        while index < bytes.count {
            skipSpaces()
            guard index < bytes.count else { return }
            if bytes[index] == UInt8(ascii: "]") { index += 1; return }
            if matches("<!ENTITY", at: index) {
                let declarationStart = index
                index += 8
                skipSpaces()
                var parameter = false
                if index < bytes.count, bytes[index] == UInt8(ascii: "%") { parameter = true; index += 1; skipSpaces() }
                let name = readName()
                skipSpaces()
                if index < bytes.count, bytes[index] == UInt8(ascii: "\"") || bytes[index] == UInt8(ascii: "'") {
                    let quote = bytes[index]
                    index += 1
                    let valueStart = index
                    while index < bytes.count, bytes[index] != quote { index += 1 }
                    let raw = UnsafeBufferPointer(rebasing: bytes[valueStart..<min(index, bytes.count)])
                    if let name, !parameter, entities[name] == nil {
                        entities[name] = try expandEntityValue(raw, at: declarationStart)
                    }
                }
                index = (find(">", from: index).map { $0 + 1 }) ?? bytes.count
            } else if matches("<!--", at: index) {
                index = (find("-->", from: index + 4).map { $0 + 3 }) ?? bytes.count
            } else if bytes[index] == UInt8(ascii: "<") {
                index = (find(">", from: index).map { $0 + 1 }) ?? bytes.count
            } else {
                index += 1
            }
        }
    }

    /// The value of the DTD-declared entity referenced at `start` (on its `&`) and the reference's
    /// length, counting the expansion against the limit; nil when it names no declared entity.
    mutating func declaredEntity(in buffer: UnsafeBufferPointer<UInt8>, at start: Int, reportingAt offset: Int) throws -> (String, Int)? {
        var end = start + 1
        while end < buffer.count, end - start < 64, Self.isNameByte(buffer[end]) { end += 1 }
        guard end < buffer.count, buffer[end] == UInt8(ascii: ";"), end > start + 1 else { return nil }
        let name = String(decoding: UnsafeBufferPointer(rebasing: buffer[(start + 1)..<end]), as: UTF8.self)
        guard let value = entities[name] else { return nil }
        expandedEntityBytes += value.utf8.count
        if expandedEntityBytes > parser.entityExpansionLimit {
            throw XMLReadError(offset: offset, reason: "its entities expand to more than \(parser.entityExpansionLimit / 1024) KiB (an entity-expansion bomb?); refused")
        }
        return (value, end + 1 - start)
    }

    /// An entity's replacement text with the references in it expanded (the nesting a bomb relies on),
    /// counting every expanded byte against the limit.
    mutating func expandEntityValue(_ raw: UnsafeBufferPointer<UInt8>, at offset: Int) throws -> String {
        var output: [UInt8] = []
        var i = 0
        while i < raw.count {
            if raw[i] == UInt8(ascii: "&"), let (value, length) = try declaredEntity(in: raw, at: i, reportingAt: offset) {
                output.append(contentsOf: value.utf8)
                i += length
                continue
            }
            output.append(raw[i])
            i += 1
        }
        // Character references in the value are decoded when the entity is used, with the text.
        return String(decoding: output, as: UTF8.self)
    }
}
