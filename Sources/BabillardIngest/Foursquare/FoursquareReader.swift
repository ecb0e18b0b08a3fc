import BabillardCore

/// Reads a Foursquare/Swarm check-in export.
///
/// Accepted shapes: `{"count", "items": [checkin…]}` (the export's `checkins.json`, and the
/// newer `checkins1.json`, `checkins2.json`… that split it), the API's
/// `{"response": {"checkins": {"items": […]}}}`, `{"checkins": {"items": […]}}`, and a bare list.
///
/// Each check-in `{"id", "createdAt", "timeZoneOffset", "type", "shout"?, "venue": {"id", "name",
/// "location": {"lat", "lng", "address", "formattedAddress"}}}` becomes a `checkin` item:
/// - the external id is the check-in's `id` (required);
/// - `createdAt` is epoch seconds (older exports) or a UTC date-time text such as
///   `2019-08-03 14:43:21.000000` (newer ones); it is required, and an invalid one rejects the
///   record. `timeZoneOffset` (minutes east of UTC) is kept as the time's offset, so the local
///   hour of the visit can be shown;
/// - the text is the `shout` (empty when there is none), the place is the venue with its
///   coordinates (the venue's `location`, else the check-in's own `lat`/`lng`, as newer exports
///   and venueless check-ins write them);
/// - `likes.count` and `comments.count` are the like and reply counts.
/// The export is one account's and does not name it: pass it to `init(account:)` to set it as
/// every check-in's author.
public struct FoursquareReader: FormatReader {
    public let format: InputFormat = .foursquare
    public var account: ActorIdentity?

    public init(account: ActorIdentity? = nil) {
        self.account = account
    }

    public func read(_ input: ReaderInput, emit: (IngestRecord) throws -> Void) throws {
        try input.withArrayStream(recordName: "check-in") { stream in
            stream.skipWhitespace()
            guard stream.current != nil else {
                throw ReadError(.empty, at: input.location(), "the file is empty: there are no check-ins to import.")
            }
            let arrays = try stream.forEachRecord(arrayKeys: ["items"], containerKeys: ["response", "checkins"]) { _, element in
                let location = input.location(line: element.line, offset: element.offset)
                switch element.value {
                case .failure(let error):
                    try emit(.rejected(RejectedRecord(location: location, reason: JSONArrayStream.reason(for: error, recordName: "check-in"))))
                case .success(let record):
                    if element.index == 0, record.object != nil, record["venue"] == nil, record["createdAt"] == nil, record["id"] == nil {
                        throw ReadError(.wrongFormat, at: location, "this list does not hold Foursquare check-ins (no 'id', 'createdAt' or 'venue').")
                    }
                    switch checkin(record) {
                    case .success(let item): try emit(.item(item))
                    case .failure(let problem): try emit(.rejected(RejectedRecord(location: location, reason: problem.text)))
                    }
                }
            }
            if arrays == 0 {
                throw ReadError(.wrongFormat, at: input.location(), "this is not a Foursquare check-in export: expected {\"items\": […]} or a list of check-ins.")
            }
            try stream.expectEnd()
        }
    }

    func checkin(_ record: JSONValue) -> Result<RawItem, ExportRecordProblem> {
        guard record.object != nil else {
            return .failure(ExportRecordProblem("this entry is not a JSON object, so not a check-in; it was skipped."))
        }
        guard let id = record["id"]?.idString else {
            return .failure(ExportRecordProblem("the check-in has no id; it was skipped."))
        }
        let offset = record["timeZoneOffset"]?.int.flatMap { (-18 * 60...18 * 60).contains($0) ? $0 : nil }
        let createdAt: Timestamp
        switch record["createdAt"] {
        case .number(let number)?:
            guard let seconds = number.double, seconds > 0, seconds < 1e11 else {
                return .failure(ExportRecordProblem("check-in \(id): createdAt '\(number.text)' is not a date (epoch seconds expected); it was skipped."))
            }
            createdAt = Timestamp(epochSeconds: seconds, utcOffsetMinutes: offset)
        case .string(let text)?:
            if let seconds = Double(text), seconds > 0, seconds < 1e11 {
                createdAt = Timestamp(epochSeconds: seconds, utcOffsetMinutes: offset)
            } else if var stamp = Timestamp(iso8601: text) {
                // The text is UTC; the offset says where the visit happened.
                if stamp.utcOffsetMinutes == nil || stamp.utcOffsetMinutes == 0 { stamp.utcOffsetMinutes = offset }
                createdAt = stamp
            } else {
                return .failure(ExportRecordProblem("check-in \(id): createdAt '\(text)' is not a date; it was skipped."))
            }
        default:
            return .failure(ExportRecordProblem("check-in \(id) has no createdAt; it was skipped."))
        }
        let venue = record["venue"]
        let location = venue?["location"]
        var address = location?["formattedAddress"]?.array?.compactMap(\.nonEmptyString).joined(separator: ", ")
        if address?.isEmpty ?? true { address = location?["address"]?.nonEmptyString }
        var place: Place? = nil
        let latitude = location?["lat"]?.double ?? record["lat"]?.double
        let longitude = location?["lng"]?.double ?? record["lng"]?.double
        if venue != nil || latitude != nil {
            place = Place(
                name: venue?["name"]?.nonEmptyString, externalID: venue?["id"]?.idString,
                latitude: latitude, longitude: longitude, address: address)
        }
        let counts = EngagementCounts(likes: record.at("likes", "count")?.int, replies: record.at("comments", "count")?.int)
        return .success(RawItem(
            platform: .foursquare, externalID: id, kind: .checkin, author: account, createdAt: createdAt,
            text: record["shout"]?.string ?? "", place: place,
            engagement: counts.isEmpty ? nil : counts
        ))
    }
}
