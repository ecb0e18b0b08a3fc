import BabillardCore
import BabillardIngest
import Foundation
import Testing

private func readCSVRecords(_ bytes: [UInt8], with reader: CSVReader = CSVReader(), name: String = "avis.csv") throws -> [IngestRecord] {
    var records: [IngestRecord] = []
    try reader.read(ReaderInput(data: Data(bytes), name: name)) { records.append($0) }
    return records
}

private func readCSVRecords(_ text: String, with reader: CSVReader = CSVReader(), name: String = "avis.csv") throws -> [IngestRecord] {
    try readCSVRecords(Array(text.utf8), with: reader, name: name)
}

private func csvItems(_ records: [IngestRecord]) -> [RawItem] {
    records.compactMap { if case .item(let item) = $0 { item } else { nil } }
}

private func csvRejections(_ records: [IngestRecord]) -> [RejectedRecord] {
    records.compactMap { if case .rejected(let rejection) = $0 { rejection } else { nil } }
}

private func csvDate(_ text: String) -> Timestamp? { Timestamp(iso8601: text) }

/// What French Excel writes: a BOM, ';' between fields, CRLF, decimal commas, a quoted field
/// with a ';', doubled quotes and a line break; then a blank line, an empty row, a bad date,
/// a short row. Physical lines: header 1, Marie 2–3, Paul 4, blank 5, Anne 6, Zoé 7, Luc 8, Émile 9.
private let frenchExport =
    "\u{FEFF}Client;Avis;Note;Date\r\n"
    + "Marie D.;\"Très bon accueil; café \"\"excellent\"\"\r\nje reviendrai\";4,5;01/03/2024 14:30\r\n"
    + "Paul;Trop cher;2;2024-03-02\r\n"
    + "\r\n"
    + "Anne;;;03/03/2024\r\n"
    + "Zoé;Bien;5;hier\r\n"
    + "Luc;Court;3\r\n"
    + "Émile;Parfait;8/10;1709301000\r\n"

@Suite("CSV reader")
struct CSVReaderTests {
    @Test func readsAFrenchReviewExportWithGuessedColumns() throws {
        let records = try readCSVRecords(frenchExport)
        let items = csvItems(records)
        #expect(items.count == 3)
        #expect(records.count == 6)

        let marie = try #require(items.first)
        #expect(marie.text == "Très bon accueil; café \"excellent\"\nje reviendrai")
        #expect(marie.rating == 4.5)
        #expect(marie.ratingScale == 5)
        #expect(marie.createdAt == csvDate("2024-03-01T14:30:00Z"))
        #expect(marie.createdAt?.utcOffsetMinutes == nil)
        #expect(marie.author?.displayName == "Marie D.")
        #expect(marie.author?.externalID == "Marie D.")
        #expect(marie.author?.handle == nil)
        #expect(marie.kind == .review)
        #expect(marie.platform == .reviews)
        #expect(marie.externalID.hasPrefix("content:"))

        #expect(items[1].text == "Trop cher")
        #expect(items[1].rating == 2)
        #expect(items[1].createdAt == csvDate("2024-03-02T00:00:00Z"))

        #expect(items[2].text == "Parfait")
        #expect(items[2].rating == 8)
        #expect(items[2].ratingScale == 10)
        #expect(items[2].createdAt == Timestamp(epochSeconds: 1_709_301_000))
        #expect(items[2].author?.displayName == "Émile")

        let rejections = csvRejections(records)
        #expect(rejections.map(\.location) == [6, 7, 8].map { SourceLocation(file: "avis.csv", line: $0) })
        #expect(rejections.map(\.reason) == [
            "the row has no text (column 'Avis' is empty and so is the rating).",
            "created_at (column 'Date') 'hier' is not a date: write 2024-03-01, 01/03/2024 14:30 or epoch seconds.",
            "the row has 3 fields but the header has 4: a value or a delimiter is missing.",
        ])
        // Records come out in input order.
        guard case .rejected = records[2], case .item = records[5] else {
            Issue.record("records are not in input order: \(records)")
            return
        }
    }

    @Test func anExplicitMappingAndPlatformGiveTheSameIdsAsTheGuess() throws {
        let mapping = try FieldMapping.parse("text=avis, rating=note,created_at=date,author=client")
        let mapped = csvItems(try readCSVRecords(frenchExport, with: CSVReader(mapping: mapping, platform: Platform("google"))))
        let guessed = csvItems(try readCSVRecords(frenchExport))
        #expect(mapped.map(\.platform) == [Platform("google"), Platform("google"), Platform("google")])
        #expect(mapped.map(\.externalID) == guessed.map(\.externalID))
        #expect(mapped.map(\.text) == guessed.map(\.text))
        #expect(mapped[0].author?.platform == Platform("google"))
    }

    @Test func reImportingGivesTheSameExternalIDs() throws {
        let first = csvItems(try readCSVRecords(frenchExport)).map(\.externalID)
        let second = csvItems(try readCSVRecords(frenchExport)).map(\.externalID)
        #expect(first == second)
        #expect(Set(first).count == 3)
        // Counts are not part of a row's identity: a later export with more likes is the same review.
        let before = csvItems(try readCSVRecords("avis,likes\nBon,1\n"))
        let after = csvItems(try readCSVRecords("avis,likes\nBon,7\n"))
        #expect(before[0].externalID == after[0].externalID)
        #expect(after[0].engagement?.likes == 7)
        // A mapped id column wins.
        let withID = csvItems(try readCSVRecords("ref,avis\nR-12,Bon\n", with: CSVReader(mapping: try FieldMapping.parse("external_id=ref,text=avis"))))
        #expect(withID.map(\.externalID) == ["R-12"])
        #expect(withID[0].kind == .post)
        #expect(withID[0].platform == .other)
    }

    @Test func decodesWindows1252WhenTheBytesAreNotUTF8() throws {
        // "Très bien €" and "Renée" as French Excel saves them.
        let bytes: [UInt8] = Array("text,author\nTr".utf8) + [0xE8] + Array("s bien ".utf8) + [0x80] + Array(",Ren".utf8) + [0xE9] + Array("e\n".utf8)
        let items = csvItems(try readCSVRecords(bytes))
        #expect(items.map(\.text) == ["Très bien €"])
        #expect(items.first?.author?.displayName == "Renée")
    }

    @Test func readsExcelUnicodeTextInUTF16WithTabs() throws {
        var data = Data([0xFF, 0xFE])
        data.append("commentaire\tnote\r\nÇa va\t4\r\n".data(using: .utf16LittleEndian)!)
        let items = csvItems(try readCSVRecords([UInt8](data)))
        #expect(items.map(\.text) == ["Ça va"])
        #expect(items.first?.rating == 4)
    }

    @Test func sniffsCommasAndTabsAndReadsQuotedCommas() throws {
        let commas = csvItems(try readCSVRecords("id,text,likes,tags\n1,\"hello, world\",\"1,234\",#a; b\n"))
        #expect(commas.first?.text == "hello, world")
        #expect(commas.first?.externalID == "1")
        #expect(commas.first?.engagement?.likes == 1234)
        #expect(commas.first?.tags == ["a", "b"])
        let tabs = csvItems(try readCSVRecords("title\tbody\tstars\nT\tB\t★★★★☆\n"))
        #expect(tabs.first?.title == "T")
        #expect(tabs.first?.text == "B")
        #expect(tabs.first?.rating == 4)
        #expect(tabs.first?.ratingScale == 5)
    }

    @Test func countsPhysicalLinesAcrossMultiLineFieldsAndLoneCarriageReturns() throws {
        let records = try readCSVRecords("text,rating\n\"one\ntwo\nthree\",4\nshort\n\"x\",9\r\"y\",1\r")
        let rejections = csvRejections(records)
        #expect(rejections.map(\.location.line) == [5, 6])
        #expect(rejections[0].reason == "the row has 1 field but the header has 2: a value or a delimiter is missing.")
        #expect(rejections[1].reason.hasPrefix("rating (column 'rating') '9' is not between 0 and its scale 5"))
        #expect(csvItems(records).map(\.text) == ["one\ntwo\nthree", "y"])
    }

    @Test func aRowWithTooManyFieldsSaysToQuoteTheDelimiter() throws {
        let rejections = csvRejections(try readCSVRecords("Avis;Note\nBon; vraiment;4\n"))
        #expect(rejections == [RejectedRecord(
            location: SourceLocation(file: "avis.csv", line: 2),
            reason: "the row has 3 fields but the header has 2: a value that contains ';' must be in double quotes."
        )])
    }

    @Test func aQuoteThatIsNeverClosedStopsTheFileWithOneRejection() throws {
        let records = try readCSVRecords("text\nfine\n\"never closed\nmore\nand more\n")
        #expect(csvItems(records).map(\.text) == ["fine"])
        let rejections = csvRejections(records)
        #expect(rejections.count == 1)
        #expect(rejections.first?.location.line == 3)
        #expect(rejections.first?.reason.contains("never closed") == true)
    }

    @Test func readsSpreadsheetDateForms() throws {
        let csv = """
            t,d
            a,2024-03-01 14:30:05
            b,01/03/2024 14:30:05
            c,1709301000000
            d,03/25/2024 2:05 PM
            e,01/03/24
            f,2024/03/01 09:00
            g,"Fri, 01 Mar 2024 14:30:00 +0100"
            h,2024-03-01T14:30:00+01:00
            i,31/02/2024
            j,

            """
        let records = try readCSVRecords(csv, with: CSVReader(mapping: try FieldMapping.parse("text=t,created_at=d")))
        let dates = Dictionary(uniqueKeysWithValues: csvItems(records).map { ($0.text, $0.createdAt) })
        #expect(dates["a"] == csvDate("2024-03-01T14:30:05Z"))
        #expect(dates["b"] == csvDate("2024-03-01T14:30:05Z"))
        #expect(dates["c"] == csvDate("2024-03-01T13:50:00Z"))
        #expect(dates["d"] == csvDate("2024-03-25T14:05:00Z"))
        #expect(dates["e"] == csvDate("2024-03-01T00:00:00Z"))
        #expect(dates["f"] == csvDate("2024-03-01T09:00:00Z"))
        #expect(dates["g"] == csvDate("2024-03-01T13:30:00Z"))
        #expect(dates["g"]??.utcOffsetMinutes == 60)
        #expect(dates["h"] == csvDate("2024-03-01T13:30:00Z"))
        #expect(dates["j"] == .some(nil))
        #expect(csvRejections(records) == [RejectedRecord(
            location: SourceLocation(file: "avis.csv", line: 10),
            reason: "created_at (column 'd') '31/02/2024' is not a date: write 2024-03-01, 01/03/2024 14:30 or epoch seconds."
        )])
    }

    @Test func readsRatingsAndTheirScales() throws {
        let csv = "t,r,s\na,4 sur 5,\nb,\"4,5\",\nc,6,\nd,6,10\ne,FOUR,\nf,-1,\ng,bien,\n"
        let records = try readCSVRecords(csv, with: CSVReader(mapping: try FieldMapping.parse("text=t,rating=r,rating_scale=s")))
        let items = csvItems(records)
        #expect(items.map(\.text) == ["a", "b", "d", "e"])
        #expect(items.map(\.rating) == [4, 4.5, 6, 4])
        #expect(items.map(\.ratingScale) == [5, 5, 10, 5])
        let rejections = csvRejections(records)
        #expect(rejections.map(\.location.line) == [4, 7, 8])
        #expect(rejections[0].reason == "rating (column 'r') '6' is not between 0 and its scale 5: map rating_scale, or write it like 8/10.")
        #expect(rejections[2].reason == "rating (column 'r') 'bien' is not a rating: write 4, 4,5, 4/5 or 8/10.")
    }

    @Test func mapsKindsThreadsPlacesAndLanguages() throws {
        let mapping = try FieldMapping.parse("external_id=id,text=t,parent_external_id=p,kind=k,place=lieu,latitude=lat,longitude=lon,language=lang,author=a")
        let csv = "id,t,p,k,lieu,lat,lon,lang,a\n1,root,,,Café,\"48,85\",2.35,FR,@marie\n2,child,1,,,,,,\n3,rt,,retweet,,,,,\n4,x,,bogus,,,,,\n"
        let records = try readCSVRecords(csv, with: CSVReader(mapping: mapping))
        let items = csvItems(records)
        #expect(items.map(\.kind) == [.post, .comment, .reshare])
        #expect(items[0].place == Place(name: "Café", latitude: 48.85, longitude: 2.35))
        #expect(items[0].language == "fr")
        #expect(items[0].author?.handle == "@marie")
        #expect(items[0].author?.displayName == nil)
        #expect(items[1].parentExternalID == "1")
        #expect(csvRejections(records).map(\.reason) == [
            "kind (column 'k') 'bogus' is not a kind Babillard knows: post, comment, reply, reshare, quote, review, checkin, mention.",
        ])
    }

    @Test func mappingErrorsSayWhatToWrite() {
        func message(_ text: String) -> String? {
            do throws(ReadError) {
                _ = try FieldMapping.parse(text)
                return nil
            } catch {
                return error.message
            }
        }
        #expect(message("text") == "--map: 'text' has no '=': write field=column, like text=avis,rating=note.")
        #expect(message("txt=avis")?.hasPrefix("--map: 'txt' is not a field Babillard knows; the fields are: external_id, kind, parent_external_id,") == true)
        #expect(message("txt=avis")?.contains("created_at, title, text, url, language, rating, rating_scale, tags") == true)
        #expect(message("text=a,text=b") == "--map: the field text is mapped twice; keep one text=COLUMN.")
        #expect(message("") == "--map: the mapping is empty: write field=column pairs, like text=avis,rating=note.")
        #expect(message("Created-At=Date ,TEXT=avis")  == nil)
        #expect((try? FieldMapping.parse("Created-At=Date ,TEXT=avis"))?.description == "created_at=Date,text=avis")
    }

    @Test func aMappedColumnTheHeaderLacksIsAReadErrorListingTheColumns() throws {
        let error = #expect(throws: ReadError.self) {
            try readCSVRecords(frenchExport, with: CSVReader(mapping: try FieldMapping.parse("text=commentaire")))
        }
        #expect(error?.kind == .malformed)
        #expect(error?.location == SourceLocation(file: "avis.csv", line: 1))
        #expect(error?.reason == "the mapping names the column 'commentaire' (for text), which the header does not have; the columns are 'Client', 'Avis', 'Note', 'Date'.")
    }

    @Test func columnsMatchWhateverTheirCaseAccentsAndSpaces() throws {
        let mapping = try FieldMapping.parse("text=commentaire client,created_at=DATE_PUBLIEE")
        let items = csvItems(try readCSVRecords("Commentaire Client;Date publiée\nSuper;2024-03-01\n", with: CSVReader(mapping: mapping)))
        #expect(items.map(\.text) == ["Super"])
        #expect(items.first?.createdAt == csvDate("2024-03-01T00:00:00Z"))
    }

    @Test func aHeaderWithoutTextOrRatingIsAReadError() {
        let error = #expect(throws: ReadError.self) { try readCSVRecords("foo,bar\n1,2\n") }
        #expect(error?.reason == "no column looks like the text or a rating (the columns are 'foo', 'bar'); name them with --map text=COLUMN,rating=COLUMN.")
        let empty = #expect(throws: ReadError.self) { try readCSVRecords("") }
        #expect(empty?.kind == .empty)
    }

    @Test func guessesColumnsFromFrenchAndEnglishNames() {
        #expect(FieldMapping.guess(columns: ["Nom du client", "Commentaire", "Note /5", "Date de publication", "ID"]).description
            == "text=Commentaire,external_id=ID,rating=Note /5,created_at=Date de publication,author=Nom du client")
        #expect(FieldMapping.guess(columns: ["reviewId", "reviewer", "starRating", "comment", "createTime"]).description
            == "text=comment,rating=starRating,created_at=createTime,author=reviewer,external_id=reviewId")
        // "ID client" is no row id, but a fair author: it names the customer.
        #expect(FieldMapping.guess(columns: ["ID client", "Votre avis"]).description == "text=Votre avis,author=ID client")
        #expect(FieldMapping.normalizedName("Élément Créé-À  l'heure") == "element_cree_a_l_heure")
        #expect(FieldMapping.normalizedName("createdAt") == "created_at")
    }
}
