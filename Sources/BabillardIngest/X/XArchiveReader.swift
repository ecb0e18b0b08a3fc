import BabillardCore
import Foundation

/// Reads an X/Twitter account archive's `tweets.js`:
/// `window.YTD.tweets.part0 = [ {"tweet": {…}}, … ]`.
///
/// Also accepted: older archives (`window.YTD.tweet.part0`, items without the `tweet`
/// wrapper), `deleted-tweets.js` (tweets with status `deleted`), `community-tweet.js`, the same
/// list as plain JSON, Grailbird archives (`Grailbird.data.tweets_2013_01 = […]`), `like.js`
/// (each like becomes a reaction of the account to that tweet) and `account.js` (the account
/// becomes an actor). Tweets are read one at a time (see `JSONArrayStream`), so a large
/// archive costs the memory of one tweet, and a bad tweet is reported with its line.
///
/// Tweets in an archive carry no author: they are all the archive owner's, named in
/// `account.js`, a separate file. Pass that account to `init(account:)` to set it as every
/// tweet's author; otherwise the author stays nil (a Grailbird tweet's own `user` is used).
/// See `XTweet` for how each field is read.
public struct XArchiveReader: FormatReader {
    public let format: InputFormat = .xArchive
    /// The archive's owner, set as the author of every tweet (nil: unknown).
    public var account: ActorIdentity?

    public init(account: ActorIdentity? = nil) {
        self.account = account
    }

    /// The `window.YTD.<name>.partN` collections this reader knows.
    static let knownCollections: Set<String> = [
        "tweets", "tweet", "deleted_tweets", "deleted_tweet", "community_tweet", "like", "account",
    ]

    public func read(_ input: ReaderInput, emit: (IngestRecord) throws -> Void) throws {
        try input.withArrayStream(recordName: "tweet") { stream in
            stream.skipWhitespace()
            guard stream.current != nil else {
                throw ReadError(.empty, at: input.location(), "the file is empty: there are no tweets to import.")
            }
            if stream.current != UInt8(ascii: "[") {
                let variable = try Self.readAssignment(&stream, input: input)
                let parts = variable.split(separator: ".")
                let collection = parts.count >= 3 && parts[0] == "window" ? String(parts[2]) : String(parts.last ?? "")
                if !Self.knownCollections.contains(collection), !collection.hasPrefix("tweets_") {
                    throw ReadError(
                        .wrongFormat, at: input.location(line: 1),
                        "this archive file holds '\(collection)' data, not tweets; Babillard reads tweets.js, deleted-tweets.js, like.js and account.js from an X archive.")
                }
            }
            guard stream.current == UInt8(ascii: "[") else {
                throw ReadError(.wrongFormat, at: stream.location, "this is not an X archive's tweets.js: a list of tweets ('[') should follow `window.YTD.tweets.part0 =`.")
            }
            var recognised = false
            try stream.forEachElement { element in
                let location = input.location(line: element.line, offset: element.offset)
                let value: JSONValue
                switch element.value {
                case .success(let parsed): value = parsed
                case .failure(let error):
                    try emit(.rejected(RejectedRecord(location: location, reason: JSONArrayStream.reason(for: error, recordName: "tweet"))))
                    return
                }
                switch Self.classify(value) {
                case .tweet(let tweet):
                    recognised = true
                    switch XTweet.item(tweet, account: account) {
                    case .success(let item): try emit(.item(item))
                    case .failure(let problem): try emit(.rejected(RejectedRecord(location: location, reason: problem.text)))
                    }
                case .like(let like):
                    recognised = true
                    guard let tweetID = like["tweetId"]?.idString else {
                        try emit(.rejected(RejectedRecord(location: location, reason: "the like has no tweetId; it was skipped.")))
                        return
                    }
                    let owner = account.map { "\($0.externalID):" } ?? ""
                    try emit(.reaction(Reaction(platform: .x, externalID: "like:\(owner)\(tweetID)", targetExternalID: tweetID, actor: account)))
                case .account(let details):
                    recognised = true
                    guard let identity = Self.identity(details) else {
                        try emit(.rejected(RejectedRecord(location: location, reason: "the account has no accountId; it was skipped.")))
                        return
                    }
                    try emit(.actor(identity))
                case .unknown(let description):
                    if !recognised && element.index == 0 {
                        throw ReadError(
                            .wrongFormat, at: location,
                            "this file holds \(description), not tweets; Babillard reads tweets.js, deleted-tweets.js, like.js and account.js from an X archive.")
                    }
                    try emit(.rejected(RejectedRecord(location: location, reason: "this entry is \(description), not a tweet; it was skipped.")))
                }
            }
            try stream.expectEnd()
        }
    }

    /// Reads `window.YTD.tweets.part0 =` and returns the variable's name.
    static func readAssignment(_ stream: inout JSONArrayStream, input: ReaderInput) throws -> String {
        var name: [UInt8] = []
        while let byte = stream.current, byte != UInt8(ascii: "="), byte != 0x0A, name.count < 200 {
            name.append(byte)
            stream.advance()
        }
        let variable = String(decoding: name, as: UTF8.self).trimmingCharacters(in: .whitespaces)
        let isIdentifier = !variable.isEmpty && variable.utf8.allSatisfy { byte in
            (byte | 0x20 >= 0x61 && byte | 0x20 <= 0x7A) || (byte >= 0x30 && byte <= 0x39) || byte == 0x2E || byte == 0x5F || byte == 0x24
        }
        guard stream.current == UInt8(ascii: "="), isIdentifier else {
            throw ReadError(.wrongFormat, at: input.location(line: 1), "this is not an X archive's tweets.js: it should start with `window.YTD.tweets.part0 = [`.")
        }
        stream.advance()
        stream.skipWhitespace()
        return variable
    }

    enum Entry {
        case tweet(JSONValue)
        case like(JSONValue)
        case account(JSONValue)
        case unknown(String)
    }

    static func classify(_ value: JSONValue) -> Entry {
        guard let object = value.object else { return .unknown("a JSON value that is not an object") }
        if let tweet = value["tweet"], tweet.object != nil { return .tweet(tweet) }
        if let like = value["like"], like.object != nil { return .like(like) }
        if let account = value["account"], account.object != nil { return .account(account) }
        for key in ["id_str", "full_text", "text", "created_at", "in_reply_to_status_id_str"] where value[key] != nil {
            return .tweet(value)
        }
        if object.count == 1, let key = object.keys.first { return .unknown("'\(key)' data") }
        return .unknown("an object without id_str, full_text or created_at")
    }

    /// `account.js`: `{"accountId", "username", "accountDisplayName", …}`.
    static func identity(_ account: JSONValue) -> ActorIdentity? {
        guard let id = account["accountId"]?.idString else { return nil }
        let username = account["username"]?.nonEmptyString
        return ActorIdentity(
            platform: .x, externalID: id, handle: username.map { "@\($0)" },
            displayName: account["accountDisplayName"]?.nonEmptyString,
            profileURL: username.map { "https://x.com/\($0)" })
    }
}
