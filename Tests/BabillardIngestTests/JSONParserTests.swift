import BabillardIngest
import Testing

@Suite("JSON parser")
struct JSONParserTests {
    @Test func parsesNestedDocumentsKeepingOrderAndNumberText() throws {
        let value = try JSONParser.parse(#"{"id": 1234567890123456789, "a": [1, 2.5, -3e2, true, false, null], "b": {"c": "d"}}"#)
        #expect(value["id"]?.idString == "1234567890123456789")
        #expect(value["id"]?.int64 == 1_234_567_890_123_456_789)
        #expect(value["a"]?[1]?.double == 2.5)
        #expect(value["a"]?[2]?.double == -300)
        #expect(value["a"]?[3]?.bool == true)
        #expect(value["a"]?[5]?.isNull == true)
        #expect(value.at("b", "c")?.string == "d")
        #expect(value.object?.keys == ["id", "a", "b"])
    }

    @Test func decodesEscapesAndSurrogatePairs() throws {
        let value = try JSONParser.parse(#"["caf\u00e9 \"ok\"\n\/", "\ud83d\ude00", "\ud800 alone", "é direct"]"#)
        #expect(value[0]?.string == "café \"ok\"\n/")
        #expect(value[1]?.string == "😀")
        #expect(value[2]?.string == "\u{FFFD} alone")
        #expect(value[3]?.string == "é direct")
    }

    @Test(arguments: [
        (#"{"a": 1"#, 7, "ends inside an object"),
        (#"{"a" 1}"#, 5, "expected ':'"),
        (#"[1, 2,]"#, 6, "where a JSON value should start"),
        (#"{"a": tru}"#, 6, "invalid literal"),
        (#"["abc"#, 1, "not closed"),
        (#"{} x"#, 3, "unexpected text after"),
        ("", 0, "ends too early"),
        (#"[01]"#, 2, "expected ',' or ']'"),
    ])
    func reportsTheOffsetAndReasonOfErrors(text: String, offset: Int, reason: String) {
        do {
            _ = try JSONParser.parse(text)
            Issue.record("\(text) should not parse")
        } catch {
            #expect(error.offset == offset, "\(text): \(error)")
            #expect(error.reason.contains(reason), "\(text): \(error)")
        }
    }

    @Test func refusesHostileNestingInsteadOfOverflowingTheStack() {
        let deep = String(repeating: "[", count: 100_000) + String(repeating: "]", count: 100_000)
        #expect(throws: JSONParseError.self) { try JSONParser.parse(deep) }
        let fine = String(repeating: "[", count: 100) + String(repeating: "]", count: 100)
        #expect((try? JSONParser.parse(fine)) != nil)
    }

    @Test func replacesInvalidUTF8InsideStrings() throws {
        let bytes: [UInt8] = Array(#"{"t": "a"#.utf8) + [0xFF, 0xFE] + Array(#"b"}"#.utf8)
        let value = try bytes.withUnsafeBytes { try JSONParser.parse($0) }
        #expect(value["t"]?.string == "a\u{FFFD}\u{FFFD}b")
    }
}
