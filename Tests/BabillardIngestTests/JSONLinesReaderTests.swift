import BabillardCore
import BabillardIngest
import Foundation
import Testing

private func readJSONLinesRecords(_ text: String, with reader: JSONLinesReader = JSONLinesReader(), name: String = "avis.jsonl") throws -> [IngestRecord] {
    var records: [IngestRecord] = []
    try reader.read(ReaderInput(data: Data(text.utf8), name: name)) { records.append($0) }
    return records
}

private func jsonLinesItems(_ records: [IngestRecord]) -> [RawItem] {
    records.compactMap { if case .item(let item) = $0 { item } else { nil } }
}

private func jsonLinesRejections(_ records: [IngestRecord]) -> [RejectedRecord] {
    records.compactMap { if case .rejected(let rejection) = $0 { rejection } else { nil } }
}

/// Reviews as the Google Business Profile API writes them, one per line, with a BOM and CRLF,
/// a blank line (3), a broken line (5), a line that is not an object (6) and a bad date (7).
private let googleLines =
    "\u{FEFF}{\"reviewId\": \"r1\", \"comment\": \"Super\\r\\naccueil\", \"starRating\": \"FIVE\", \"createTime\": \"2024-03-01T10:00:00Z\", \"reviewer\": {\"displayName\": \"Ann\"}}\r\n"
    + "{\"reviewId\": 2, \"comment\": \"Bof\", \"starRating\": 3}\r\n"
    + "\r\n"
    + "{\"reviewId\": \"r4\", \"starRating\": \"TWO\", \"createTime\": 1709301000}\r\n"
    + "{bad json}\r\n"
    + "[1]\r\n"
    + "{\"reviewId\": \"r7\", \"comment\": \"x\", \"createTime\": \"nope\"}\r\n"

@Suite("JSON lines reader")
struct JSONLinesReaderTests {
    @Test func readsOneObjectPerLineWithGuessedKeys() throws {
        let records = try readJSONLinesRecords(googleLines)
        let items = jsonLinesItems(records)
        #expect(items.map(\.externalID) == ["r1", "2", "r4"])
        #expect(items.map(\.text) == ["Super\naccueil", "Bof", ""])
        #expect(items.map(\.rating) == [5, 3, 2])
        #expect(items.map(\.ratingScale) == [5, 5, 5])
        #expect(items.map(\.kind) == [.review, .review, .review])
        #expect(items.map(\.platform) == [.reviews, .reviews, .reviews])
        #expect(items[0].createdAt == Timestamp(iso8601: "2024-03-01T10:00:00Z"))
        #expect(items[0].author?.displayName == "Ann")
        #expect(items[1].author == nil)
        #expect(items[2].createdAt == Timestamp(epochSeconds: 1_709_301_000))

        let rejections = jsonLinesRejections(records)
        #expect(rejections.map(\.location) == [5, 6, 7].map { SourceLocation(file: "avis.jsonl", line: $0) })
        #expect(rejections.map(\.reason) == [
            "this line is not valid JSON: expected a quoted key in an object, found 'b' (column 2); each line must hold one whole JSON object.",
            "this record is a list, not a JSON object.",
            "created_at (key 'createTime') 'nope' is not a date: write 2024-03-01, 01/03/2024 14:30 or epoch seconds.",
        ])
    }

    @Test func followsDottedPathsAndTakesTagListsAndObjects() throws {
        let mapping = try FieldMapping.parse("text=body,author=user.name,author_id=user.id,tags=tags,place=venue,likes=stats.likes")
        let text = """
            {"body": "hi", "user": {"name": "@al", "id": 42}, "tags": ["#x", "y"], "venue": {"name": "Café Rouge", "id": "v1"}, "stats": {"likes": 3}}
            {"body": "b", "user": {"Name": "bo"}, "tags": "a; b"}
            {"body": "c", "user": "plain"}

            """
        let records = try readJSONLinesRecords(text, with: JSONLinesReader(mapping: mapping, platform: Platform("mastodon")))
        let items = jsonLinesItems(records)
        #expect(items.count == 3)
        #expect(jsonLinesRejections(records).isEmpty)
        #expect(items[0].author == ActorIdentity(platform: Platform("mastodon"), externalID: "42", handle: "@al"))
        #expect(items[0].tags == ["x", "y"])
        #expect(items[0].place?.name == "Café Rouge")
        #expect(items[0].engagement?.likes == 3)
        #expect(items[0].kind == .post)
        #expect(items[0].platform == Platform("mastodon"))
        // Keys match loosely ("Name" for "name"); a tags string is split.
        #expect(items[1].author?.displayName == "bo")
        #expect(items[1].tags == ["a", "b"])
        // "user": "plain" has no "name" inside: the author is absent, the record is kept.
        #expect(items[2].text == "c")
        #expect(items[2].author == nil)
    }

    @Test func anObjectOrListWhereAValueIsExpectedRejectsTheRecord() throws {
        let mapping = try FieldMapping.parse("text=text,author=u,title=t")
        let records = try readJSONLinesRecords("{\"text\": \"a\", \"u\": {\"x\": 1}}\n{\"text\": \"a\", \"t\": [1]}\n{\"text\": \"a\", \"u\": null}\n", with: JSONLinesReader(mapping: mapping))
        #expect(jsonLinesRejections(records).map(\.reason) == [
            "author (key 'u') is an object: map a key inside it, like u.x.",
            "title (key 't') is a list, not a single value.",
        ])
        #expect(jsonLinesItems(records).map(\.author) == [nil])
    }

    @Test func anArrayOfObjectsIsReadElementByElementWithByteOffsets() throws {
        let records = try readJSONLinesRecords(#"[{"text":"a"},{"text":1x},{"text":""}]"#)
        #expect(jsonLinesItems(records).map(\.text) == ["a"])
        let rejections = jsonLinesRejections(records)
        #expect(rejections.map(\.location.offset) == [14, 26])
        #expect(rejections[0].reason.contains("expected ',' or '}' in an object, found 'x' at byte 23"))
        #expect(rejections[1].reason == "the row has no text (key 'text' is empty).")
    }

    @Test func aPrettyPrintedObjectIsRefusedWithWhereItsRecordsAre() {
        let error = #expect(throws: ReadError.self) {
            try readJSONLinesRecords("{\n  \"reviews\": [\n    {\"text\": \"a\"}\n  ]\n}\n")
        }
        #expect(error?.kind == .wrongFormat)
        #expect(error?.reason.contains("extract them with jq -c '.reviews[]'") == true)
    }

    @Test func aMappedKeyAbsentFromARecordIsNamed() throws {
        let records = try readJSONLinesRecords("{\"review\": \"x\", \"n\": 1}\n", with: JSONLinesReader(mapping: try FieldMapping.parse("text=avis")))
        #expect(jsonLinesRejections(records) == [RejectedRecord(
            location: SourceLocation(file: "avis.jsonl", line: 1),
            reason: "the row has no text: the object has no key 'avis' (its keys are 'review', 'n')."
        )])
    }

    @Test func inputsThatCannotBeReadAreReadErrors() throws {
        #expect((#expect(throws: ReadError.self) { try readJSONLinesRecords(" \n\n") })?.kind == .empty)
        let noText = #expect(throws: ReadError.self) { try readJSONLinesRecords("{\"foo\": 1}\n") }
        #expect(noText?.reason == "no key looks like the text or a rating (the keys are 'foo'); name them with --map text=KEY,rating=KEY.")
        let noField = #expect(throws: ReadError.self) {
            try readJSONLinesRecords("{\"a\": 1}\n", with: JSONLinesReader(mapping: try FieldMapping.parse("author=a")))
        }
        #expect(noField?.reason.hasPrefix("the mapping names neither text nor rating") == true)
    }

    @Test func theSameReviewHasTheSameIdInCSVAndJSONLinesAndOnEveryImport() throws {
        let lines = "{\"avis\": \"Bon\", \"note\": 4}\n{\"avis\": \"Bon\", \"note\": 5}\n"
        let first = jsonLinesItems(try readJSONLinesRecords(lines)).map(\.externalID)
        let second = jsonLinesItems(try readJSONLinesRecords(lines)).map(\.externalID)
        #expect(first == second)
        #expect(Set(first).count == 2)
        var csv: [IngestRecord] = []
        try CSVReader().read(ReaderInput(data: Data("avis;note\nBon;4\n".utf8), name: "avis.csv")) { csv.append($0) }
        #expect(jsonLinesItems(csv).map(\.externalID) == [first[0]])
    }
}
