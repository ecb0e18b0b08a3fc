import BabillardCore
import BabillardIngest
import Foundation
import Testing

private func readAllFoursquare(_ reader: some FormatReader, _ text: String, name: String = "checkins.json") throws -> [IngestRecord] {
    var records: [IngestRecord] = []
    try reader.read(ReaderInput(data: Data(text.utf8), name: name)) { records.append($0) }
    return records
}

private func foursquareItems(_ records: [IngestRecord]) -> [RawItem] {
    records.compactMap { if case .item(let item) = $0 { item } else { nil } }
}

private func foursquareRejections(_ records: [IngestRecord]) -> [RejectedRecord] {
    records.compactMap { if case .rejected(let rejection) = $0 { rejection } else { nil } }
}

/// The classic export's `checkins.json`: a check-in with a shout in Montréal (UTC−4), one
/// without a shout in Paris (UTC+2), and one without an id (line 43).
private let classicExport = #"""
{
  "count": 3,
  "items": [
    {
      "id": "5f1b2c3d4e5f60718293a4b5",
      "createdAt": 1595613600,
      "type": "checkin",
      "timeZoneOffset": -240,
      "shout": "Meilleur croissant de Montréal !",
      "venue": {
        "id": "4b0d6b3ef964a520f94623e3",
        "name": "Boulangerie Le Fournil",
        "location": {
          "address": "1234 rue Saint-Denis",
          "lat": 45.5231,
          "lng": -73.5817,
          "postalCode": "H2X 3K1",
          "cc": "CA",
          "city": "Montréal",
          "state": "QC",
          "country": "Canada",
          "formattedAddress": ["1234 rue Saint-Denis", "Montréal QC H2X 3K1", "Canada"]
        },
        "categories": [{"id": "4bf58dd8d48988d16a941735", "name": "Bakery", "primary": true}]
      },
      "likes": {"count": 2, "groups": []},
      "like": false,
      "photos": {"count": 0, "items": []},
      "comments": {"count": 1},
      "source": {"name": "Swarm for iOS", "url": "https://www.swarmapp.com"}
    },
    {
      "id": "5f2c3d4e5f60718293a4b5c6",
      "createdAt": 1595700000,
      "type": "checkin",
      "timeZoneOffset": 120,
      "venue": {
        "id": "4adcda09f964a520a03421e3",
        "name": "Café de Flore",
        "location": {"lat": 48.8541, "lng": 2.3326}
      }
    },
    {
      "createdAt": 1595800000,
      "type": "checkin",
      "timeZoneOffset": 120,
      "venue": {"id": "x", "name": "Sans identifiant"}
    }
  ]
}
"""#

/// The newer export's `checkins1.json`: the date as UTC text, coordinates on the check-in.
private let newerExport = #"""
{
  "items": [
    {
      "id": "5d4593f1c0f5ef0008a7e3f0",
      "createdAt": "2019-08-03 14:43:21.000000",
      "type": "checkin",
      "timeZoneOffset": 120,
      "shout": "Terrasse au soleil",
      "venue": {
        "id": "4adcda09f964a520a03421e3",
        "name": "Café de Flore",
        "url": "https://foursquare.com/v/4adcda09f964a520a03421e3"
      },
      "lat": 48.8541,
      "lng": 2.3326
    },
    {
      "id": "5d4593f1c0f5ef0008a7e3f1",
      "createdAt": "le 3 août",
      "type": "checkin",
      "timeZoneOffset": 120,
      "venue": {"id": "4adcda09f964a520a03421e3", "name": "Café de Flore"}
    }
  ]
}
"""#

@Suite("Foursquare reader")
struct FoursquareReaderTests {
    @Test func readsTheClassicExport() throws {
        #expect(try FormatDetector.detect(ReaderInput(data: Data(classicExport.utf8), name: "checkins.json")) == .foursquare)
        let records = try readAllFoursquare(FoursquareReader(), classicExport)
        let items = foursquareItems(records)
        #expect(items.map(\.externalID) == ["5f1b2c3d4e5f60718293a4b5", "5f2c3d4e5f60718293a4b5c6"])
        #expect(items.allSatisfy { $0.platform == .foursquare && $0.kind == .checkin })

        let montreal = items[0]
        #expect(montreal.text == "Meilleur croissant de Montréal !")
        #expect(montreal.createdAt?.epochMilliseconds == 1_595_613_600_000)
        #expect(montreal.createdAt?.utcOffsetMinutes == -240)
        #expect(montreal.createdAt?.iso8601Original == "2020-07-24T14:00:00-04:00")
        #expect(montreal.place == Place(
            name: "Boulangerie Le Fournil", externalID: "4b0d6b3ef964a520f94623e3", latitude: 45.5231, longitude: -73.5817,
            address: "1234 rue Saint-Denis, Montréal QC H2X 3K1, Canada"))
        #expect(montreal.engagement?.likes == 2)
        #expect(montreal.engagement?.replies == 1)

        let paris = items[1]
        #expect(paris.text == "")
        #expect(paris.createdAt?.utcOffsetMinutes == 120)
        #expect(paris.place?.name == "Café de Flore")
        #expect(paris.place?.latitude == 48.8541)
        #expect(paris.engagement == nil)

        let rejection = try #require(foursquareRejections(records).first)
        #expect(rejection.location.line == 43)
        #expect(rejection.reason.contains("no id"))
        #expect(records.count == 3)
    }

    @Test func readsTheNewerExport() throws {
        #expect(try FormatDetector.detect(ReaderInput(data: Data(newerExport.utf8), name: "checkins1.json")) == .foursquare)
        let records = try readAllFoursquare(FoursquareReader(), newerExport, name: "checkins1.json")
        let item = try #require(foursquareItems(records).first)
        #expect(item.externalID == "5d4593f1c0f5ef0008a7e3f0")
        // 2019-08-03 14:43:21 UTC, visited at 16:43 in Paris.
        #expect(item.createdAt?.epochMilliseconds == 1_564_843_401_000)
        #expect(item.createdAt?.iso8601Original == "2019-08-03T16:43:21+02:00")
        #expect(item.text == "Terrasse au soleil")
        #expect(item.place?.latitude == 48.8541)
        #expect(item.place?.longitude == 2.3326)
        #expect(item.place?.externalID == "4adcda09f964a520a03421e3")
        let rejection = try #require(foursquareRejections(records).first)
        #expect(rejection.location.line == 17)
        #expect(rejection.reason.contains("createdAt 'le 3 août' is not a date"))
    }

    @Test func readsTheAPIAnswerAndABareList() throws {
        let answer = #"{"meta": {"code": 200}, "response": {"checkins": {"count": 1, "items": [{"id": "a1", "createdAt": 1600000000, "timeZoneOffset": -300, "venue": {"id": "v1", "name": "Chez Marie"}}]}}}"#
        #expect(foursquareItems(try readAllFoursquare(FoursquareReader(), answer)).map(\.externalID) == ["a1"])
        let list = #"[{"id": "b2", "createdAt": 1600000100, "timeZoneOffset": 60, "venue": {"id": "v2", "name": "Le Comptoir"}}]"#
        let owner = ActorIdentity(platform: .foursquare, externalID: "12345", displayName: "Marie")
        let items = foursquareItems(try readAllFoursquare(FoursquareReader(account: owner), list))
        #expect(items.map(\.externalID) == ["b2"])
        #expect(items.first?.author == owner)
        #expect(items.first?.createdAt?.utcOffsetMinutes == 60)
    }

    @Test(arguments: [
        ("", ReadError.Kind.empty),
        (#"{"count": 0, "users": []}"#, ReadError.Kind.wrongFormat),
        (#"[{"name": "Marie", "friends": 3}]"#, ReadError.Kind.wrongFormat),
        (#"{"items": [{"id": "a1", "createdAt": 1600000000, "venue": {"name": "Chez"#, ReadError.Kind.truncated),
    ])
    func refusesInputsItCannotRead(text: String, kind: ReadError.Kind) {
        let error = #expect(throws: ReadError.self) { try readAllFoursquare(FoursquareReader(), text) }
        #expect(error?.kind == kind, "\(text)")
    }
}
