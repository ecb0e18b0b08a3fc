import BabillardCore
import BabillardIngest
import BabillardTestSupport
import Foundation
import Testing

private func readJSONFeed(_ data: Data) throws -> [IngestRecord] {
    var found: [IngestRecord] = []
    try JSONFeedReader().read(ReaderInput(data: data, name: "feed.json")) { found.append($0) }
    return found
}

@Suite("JSON Feed reader")
struct JSONFeedReaderTests {
    @Test func locatesARejectedItemByItsLineAndOffset() throws {
        let feed = """
        {
          "version": "https://jsonfeed.org/version/1.1",
          "title": "Carnet",
          "items": [
            {"id": "1", "content_text": "Bon", "date_published": "2024-01-02T10:00:00Z"},
            {
              "id": "2",
              "content_text": "Mauvaise date",
              "date_published": "hier"
            },
            {"content_text": "sans id"}
          ]
        }
        """
        let records = try readJSONFeed(Data(feed.utf8))
        let rejected = records.compactMap { if case .rejected(let rejected) = $0 { return rejected } else { return nil } }
        #expect(rejected.map(\.location.line) == [6, 11])
        #expect(rejected.first?.reason.contains("date_published 'hier'") == true)
        #expect(rejected.allSatisfy { $0.location.offset != nil })
        let offset = try #require(rejected.first?.location.offset)
        #expect(Array(feed.utf8)[offset] == UInt8(ascii: "{"))
    }

    @Test func readsItemsWithTheirAuthorsDatesAndText() throws {
        let feed = """
            {"version": "https://jsonfeed.org/version/1.1", "title": "Mélisse", "home_page_url": "https://melisse.example/",
             "authors": [{"name": "Anna"}], "language": "fr-CA",
             "items": [
               {"id": "https://melisse.example/1", "url": "https://melisse.example/1", "title": "Pain &amp; beurre",
                "content_html": "<p>Le <em>levain</em>.</p>", "date_published": "2024-05-01T08:00:00-04:00", "tags": ["pain"]},
               {"id": 2, "content_text": "Sans titre", "authors": [{"name": "Zoé", "url": "https://zoe.example"}]},
               {"id": "3", "content_text": "Date folle", "date_published": "demain"},
               "pas un objet"
             ]}
            """
        let records = try readJSONFeed(Data(feed.utf8))
        let items = records.compactMap { if case .item(let item) = $0 { item } else { nil } }
        let rejected = records.compactMap { if case .rejected(let r) = $0 { r } else { nil } }
        #expect(items.map(\.externalID) == ["https://melisse.example/1", "2"])
        #expect(items[0].title == "Pain & beurre")
        #expect(items[0].text == "Le levain.")
        #expect(items[0].createdAt?.iso8601UTC == "2024-05-01T12:00:00Z")
        #expect(items[0].author?.displayName == "Anna")
        #expect(items[0].language == "fr-ca")
        #expect(items[1].author?.externalID == "https://zoe.example")
        #expect(rejected.count == 2)
        #expect(rejected[0].reason.contains("items[2].date_published 'demain'"))
        #expect(rejected[1].reason.contains("items[3] is not an object"))
    }

    @Test func refusesJSONThatIsNotAFeed() {
        #expect(throws: ReadError.self) { try readJSONFeed(Data("{\"statuses\": []}".utf8)) }
        #expect(throws: ReadError.self) { try readJSONFeed(Data("{\"items\": [".utf8)) }
    }

    @Test(.enabled(if: SharedData.isAvailable, Comment(rawValue: SharedData.skipMessage)))
    func readsFeedparsersJSONFeedExample() throws {
        let url = try #require(SharedData.url("feeds/feedparser-tests/json/example.json"))
        let items = try readJSONFeed(try Data(contentsOf: url)).compactMap { if case .item(let item) = $0 { item } else { nil } }
        // feedparser expects: feed.title == 'My Example Feed' and len(entries) == 2
        #expect(items.count == 2)
        #expect(items.allSatisfy { $0.channel == "My Example Feed" })
        #expect(items[0].text == "This is a second item.")
    }
}
