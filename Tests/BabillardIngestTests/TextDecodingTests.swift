import BabillardIngest
import Foundation
import Testing

@Suite("Text decoding")
struct TextDecodingTests {
    private func bytes(_ decoded: TextDecoding.Decoded) -> [UInt8] { decoded.withUTF8 { Array($0) } }

    /// UTF-8 input is read in place, from past its byte-order mark; anything else is converted.
    @Test func readsUTF8InPlaceFromPastItsByteOrderMark() {
        let plain = TextDecoding.decode(Data("<a>é</a>".utf8))
        #expect(bytes(plain) == Array("<a>é</a>".utf8))
        #expect(plain.encoding == "utf-8" && !plain.fellBack)
        let marked = TextDecoding.decode(Data([0xEF, 0xBB, 0xBF, 0x61]))
        #expect(bytes(marked) == [0x61])
        #expect(marked.encoding == "utf-8")
        // A mark followed by bytes that are not UTF-8: the rest is read as Windows-1252, mark left out.
        let mislabelled = TextDecoding.decode(Data([0xEF, 0xBB, 0xBF, 0x63, 0x61, 0x66, 0xE9]))
        #expect(bytes(mislabelled) == Array("café".utf8))
        #expect(mislabelled.encoding == "windows-1252" && mislabelled.fellBack)
    }

    /// A UTF-8 document with one stray Latin-1 byte keeps its UTF-8 as it is and reads the stray
    /// byte as Windows-1252 (it used to turn every accent of the file into "Ã©"); a truncated
    /// sequence and a lone continuation byte are read the same way.
    @Test func readsAStrayByteInUTF8AsWindows1252AndKeepsTheRest() {
        var mixed = Array("<?xml version=\"1.0\" encoding=\"utf-8\"?><t>Crème brûlée – délicieuse</t><t>caf".utf8)
        mixed += [0xE9] + Array("</t><t>x".utf8) + [0x80, 0xE2, 0x82] + Array("</t>".utf8)
        let decoded = TextDecoding.decode(Data(mixed))
        #expect(String(decoding: bytes(decoded), as: UTF8.self)
            == "<?xml version=\"1.0\" encoding=\"utf-8\"?><t>Crème brûlée – délicieuse</t><t>café</t><t>x€â‚</t>")
        #expect(decoded.encoding == "utf-8" && decoded.fellBack)
    }

    /// A slice of a larger `Data` (its indices do not start at 0) reads as its own bytes.
    @Test func readsASliceOfLargerData() {
        let whole = Data([0x78, 0x79] + Array("<a>é</a>".utf8))
        #expect(bytes(TextDecoding.decode(whole[2...])) == Array("<a>é</a>".utf8))
        let markedWhole = Data([0x00, 0xEF, 0xBB, 0xBF, 0x62])
        #expect(bytes(TextDecoding.decode(markedWhole[1...])) == [0x62])
        #expect(bytes(TextDecoding.decode(Data())) == [])
    }
}

@Suite("XML streaming parser")
struct XMLStreamingParserTests {
    /// Canonical names are remembered while the namespace declarations in force stay the same: a
    /// prefix that an inner element redefines names something else inside it, and its first
    /// meaning again after it closes.
    @Test func namesFollowAPrefixRedefinedInsideAnElement() throws {
        let xml = #"""
            <root xmlns:d="http://purl.org/dc/elements/1.1/"><d:creator d:lang="fr">a</d:creator>\#
            <x xmlns:d="urn:other"><d:creator d:lang="en">b</d:creator></x>\#
            <d:creator d:lang="de">c</d:creator><y xmlns:e="urn:more"><d:creator/></y><d:creator/></root>
            """#
        let parser = XMLStreamingParser(canonicalPrefixes: ["http://purl.org/dc/elements/1.1/": "dc"])
        var data = Array(xml.utf8)
        let root = try #require(try data.withUnsafeMutableBufferPointer { buffer in
            try parser.parse(UnsafeBufferPointer(buffer), baseURL: nil, isRecord: { _, _ in false }, onRecord: { _, _, _ in }).root
        })
        #expect(root.childElements.map(\.name) == ["dc:creator", "x", "dc:creator", "y", "dc:creator"])
        #expect(root.childElements[0].attributes.map(\.name) == ["dc:lang"])
        let inner = try #require(root.child("x")?.childElements.first)
        #expect(inner.name == "d:creator")
        #expect(inner.attributes.map(\.name) == ["d:lang"])
        #expect(root.childElements[2].attributes.map(\.name) == ["dc:lang"])
        #expect(root.child("y")?.childElements.map(\.name) == ["dc:creator"])
    }
}
