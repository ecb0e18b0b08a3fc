import BabillardCore
import BabillardIngest
import Foundation
import Testing

private func readAllX(_ reader: some FormatReader, _ text: String, name: String = "tweets.js") throws -> [IngestRecord] {
    var records: [IngestRecord] = []
    try reader.read(ReaderInput(data: Data(text.utf8), name: name)) { records.append($0) }
    return records
}

private func xItems(_ records: [IngestRecord]) -> [RawItem] {
    records.compactMap { if case .item(let item) = $0 { item } else { nil } }
}

private func xRejections(_ records: [IngestRecord]) -> [RejectedRecord] {
    records.compactMap { if case .rejected(let rejection) = $0 { rejection } else { nil } }
}

/// A `tweets.js` as X writes it today: a post with a t.co link and `&amp;`, a reply, a
/// retweet, a tweet without id_str (line 86), one with an impossible date (line 96) and one
/// whose language is `und`. Counts are strings, as in every archive.
private let tweetsJS = #"""
window.YTD.tweets.part0 = [
  {
    "tweet" : {
      "edit_info" : {
        "initial" : {
          "editTweetIds" : [ "1049424302187315200" ],
          "editableUntil" : "2018-10-10T21:19:24.000Z",
          "editsRemaining" : "5",
          "isEditEligible" : false
        }
      },
      "retweeted" : false,
      "source" : "<a href=\"https://mobile.twitter.com\" rel=\"nofollow\">Twitter Web App</a>",
      "entities" : {
        "hashtags" : [ { "text" : "croissants", "indices" : [ "38", "49" ] } ],
        "symbols" : [ ],
        "user_mentions" : [ ],
        "urls" : [
          {
            "url" : "https://t.co/AbCdEf1234",
            "expanded_url" : "https://boulangerie.example/menu",
            "display_url" : "boulangerie.example/menu",
            "indices" : [ "52", "75" ]
          }
        ]
      },
      "display_text_range" : [ "0", "75" ],
      "favorite_count" : "12",
      "id_str" : "1049424302187315200",
      "truncated" : false,
      "retweet_count" : "3",
      "id" : "1049424302187315200",
      "created_at" : "Wed Oct 10 20:19:24 +0000 2018",
      "favorited" : false,
      "full_text" : "Nouveaux croissants &amp; pains au chocolat #croissants → https://t.co/AbCdEf1234",
      "lang" : "fr"
    }
  },
  {
    "tweet" : {
      "retweeted" : false,
      "entities" : {
        "hashtags" : [ ],
        "symbols" : [ ],
        "user_mentions" : [ { "name" : "Julie", "screen_name" : "julie_mtl", "indices" : [ "0", "10" ], "id_str" : "2244994945", "id" : "2244994945" } ],
        "urls" : [ ]
      },
      "display_text_range" : [ "11", "52" ],
      "favorite_count" : "1",
      "in_reply_to_status_id_str" : "1049400000000000001",
      "id_str" : "1049430000000000002",
      "in_reply_to_user_id" : "2244994945",
      "truncated" : false,
      "retweet_count" : "0",
      "id" : "1049430000000000002",
      "in_reply_to_status_id" : "1049400000000000001",
      "created_at" : "Wed Oct 10 20:42:01 +0000 2018",
      "favorited" : false,
      "full_text" : "@julie_mtl Merci ! On ouvre à 7 h demain 🥐",
      "lang" : "fr",
      "in_reply_to_screen_name" : "julie_mtl",
      "in_reply_to_user_id_str" : "2244994945"
    }
  },
  {
    "tweet" : {
      "retweeted" : false,
      "entities" : {
        "hashtags" : [ { "text" : "Montreal", "indices" : [ "60", "69" ] } ],
        "symbols" : [ ],
        "user_mentions" : [ { "name" : "Tourisme Montréal", "screen_name" : "MTLvisit", "indices" : [ "3", "12" ], "id_str" : "15210440", "id" : "15210440" } ],
        "urls" : [ ]
      },
      "display_text_range" : [ "0", "69" ],
      "favorite_count" : "0",
      "id_str" : "1050000000000000003",
      "truncated" : false,
      "retweet_count" : "48",
      "id" : "1050000000000000003",
      "created_at" : "Thu Oct 11 09:05:00 +0000 2018",
      "favorited" : false,
      "full_text" : "RT @MTLvisit: Les meilleures boulangeries du Plateau selon vous ? #Montreal",
      "lang" : "fr"
    }
  },
  {
    "tweet" : {
      "entities" : { "hashtags" : [ ], "symbols" : [ ], "user_mentions" : [ ], "urls" : [ ] },
      "favorite_count" : "0",
      "retweet_count" : "0",
      "created_at" : "Thu Oct 11 10:00:00 +0000 2018",
      "full_text" : "Ce tweet n'a pas d'identifiant",
      "lang" : "fr"
    }
  },
  {
    "tweet" : {
      "entities" : { "hashtags" : [ ], "symbols" : [ ], "user_mentions" : [ ], "urls" : [ ] },
      "favorite_count" : "2",
      "id_str" : "1050000000000000005",
      "retweet_count" : "0",
      "id" : "1050000000000000005",
      "created_at" : "Thu Oct 32 10:00:00 +0000 2018",
      "full_text" : "Date impossible",
      "lang" : "fr"
    }
  },
  {
    "tweet" : {
      "entities" : { "hashtags" : [ ], "symbols" : [ ], "user_mentions" : [ ], "urls" : [ ] },
      "favorite_count" : "5",
      "id_str" : "1050000000000000006",
      "retweet_count" : "1",
      "id" : "1050000000000000006",
      "created_at" : "Fri Oct 12 14:30:00 +0000 2018",
      "full_text" : "Fermé lundi pour inventaire. Closed Monday for inventory.",
      "lang" : "und"
    }
  }
]
"""#

@Suite("X archive reader")
struct XArchiveReaderTests {
    @Test func readsTweetsJS() throws {
        #expect(try FormatDetector.detect(ReaderInput(data: Data(tweetsJS.utf8), name: "tweets.js")) == .xArchive)
        let records = try readAllX(XArchiveReader(), tweetsJS)
        let items = xItems(records)
        #expect(items.map(\.externalID) == ["1049424302187315200", "1049430000000000002", "1050000000000000003", "1050000000000000006"])
        #expect(items.map(\.kind) == [.post, .reply, .reshare, .post])
        #expect(items.allSatisfy { $0.platform == .x && $0.author == nil })

        let post = items[0]
        #expect(post.text == "Nouveaux croissants & pains au chocolat #croissants → https://boulangerie.example/menu")
        #expect(post.createdAt?.epochMilliseconds == 1_539_202_764_000)
        #expect(post.createdAt?.utcOffsetMinutes == 0)
        #expect(post.engagement?.likes == 12)
        #expect(post.engagement?.reshares == 3)
        #expect(post.tags == ["croissants"])
        #expect(post.language == "fr")
        #expect(post.url == "https://x.com/i/web/status/1049424302187315200")

        let reply = items[1]
        #expect(reply.parentExternalID == "1049400000000000001")
        #expect(reply.text == "@julie_mtl Merci ! On ouvre à 7 h demain 🥐")
        #expect(reply.engagement?.likes == 1)
        #expect(reply.engagement?.reshares == 0)

        // The archive does not keep the retweeted tweet: no cascade edge is invented, and the
        // counts (the original's) are not given to the retweet.
        let retweet = items[2]
        #expect(retweet.reshareOfExternalID == nil)
        #expect(retweet.text == "RT @MTLvisit: Les meilleures boulangeries du Plateau selon vous ? #Montreal")
        #expect(retweet.engagement == nil)
        #expect(retweet.tags == ["Montreal"])
        #expect(retweet.createdAt?.epochMilliseconds == 1_539_248_700_000)

        #expect(items[3].language == nil)

        let rejections = xRejections(records)
        #expect(rejections.count == 2)
        #expect(rejections[0].location == SourceLocation(file: "tweets.js", line: 86, offset: 2996))
        #expect(rejections[0].reason.contains("no id_str"))
        #expect(rejections[1].location.line == 96)
        #expect(rejections[1].reason.contains("created_at 'Thu Oct 32 10:00:00 +0000 2018' is not a date"))
        // Records come in file order: the rejections sit between the items they came between.
        #expect(records.count == 6)
        if case .rejected = records[3] {} else { Issue.record("the fourth record should be the tweet without id_str") }
    }

    @Test func setsTheArchiveOwnerAsAuthorWhenGiven() throws {
        let owner = ActorIdentity(platform: .x, externalID: "783214", handle: "@fournil_mtl", displayName: "Le Fournil")
        let items = xItems(try readAllX(XArchiveReader(account: owner), tweetsJS))
        #expect(items.count == 4)
        #expect(items.allSatisfy { $0.author == owner })
        #expect(items[0].url == "https://x.com/fournil_mtl/status/1049424302187315200")
    }

    @Test func readsOlderArchivesWithoutTheTweetWrapper() throws {
        let text = #"""
        window.YTD.tweet.part0 = [ {
          "retweeted" : false,
          "entities" : { "hashtags" : [ ], "urls" : [ { "url" : "https://t.co/abc", "expanded_url" : "https://example.com/long", "indices" : [ "9", "25" ] } ] },
          "id_str" : "950000000000000001",
          "created_at" : "Mon Jan 01 08:00:00 +0000 2018",
          "full_text" : "Bonne année https://t.co/abc https://t.co/abcd",
          "favorite_count" : "4",
          "retweet_count" : "1",
          "lang" : "fr"
        }, {
          "id_str" : "950000000000000002",
          "created_at" : "Mon Jan 01 09:00:00 +0000 2018",
          "full_text" : "@julie_mtl &lt;3",
          "in_reply_to_status_id" : "949999999999999999",
          "in_reply_to_screen_name" : "julie_mtl",
          "lang" : "qme"
        } ]
        """#
        #expect(try FormatDetector.detect(ReaderInput(data: Data(text.utf8), name: "tweet.js")) == .xArchive)
        let records = try readAllX(XArchiveReader(), text, name: "tweet.js")
        #expect(xRejections(records).isEmpty)
        let items = xItems(records)
        #expect(items.count == 2)
        // Only the whole t.co token is expanded: https://t.co/abcd is another link.
        #expect(items.first?.text == "Bonne année https://example.com/long https://t.co/abcd")
        #expect(items.last?.kind == .reply)
        #expect(items.last?.parentExternalID == "949999999999999999")
        #expect(items.last?.text == "@julie_mtl <3")
        #expect(items.last?.language == nil)
    }

    @Test func readsRetweetedAndQuotedStatusesWhenTheyArePresent() throws {
        let text = #"""
        [
          {"id_str": "3", "created_at": "Tue Feb 27 12:00:00 +0000 2024", "full_text": "RT @a: bonjour", "retweeted_status": {"id_str": "1", "full_text": "bonjour"}},
          {"id_str": "4", "created_at": "Thu Feb 29 12:00:00 +0000 2024", "full_text": "Bien dit", "quoted_status_id_str": "1", "favorite_count": 2}
        ]
        """#
        let items = xItems(try readAllX(XArchiveReader(), text, name: "tweets.json"))
        #expect(items.map(\.kind) == [.reshare, .quote])
        #expect(items.map(\.reshareOfExternalID) == ["1", "1"])
        #expect(items.last?.engagement?.likes == 2)
    }

    @Test func readsLikesAndTheAccount() throws {
        let likes = #"""
        window.YTD.like.part0 = [ {
          "like" : { "tweetId" : "1049424302187315200", "fullText" : "Nouveaux croissants", "expandedUrl" : "https://twitter.com/i/web/status/1049424302187315200" }
        }, {
          "like" : { "fullText" : "sans id" }
        } ]
        """#
        let records = try readAllX(XArchiveReader(), likes, name: "like.js")
        guard case .reaction(let like)? = records.first else {
            Issue.record("expected a reaction, got \(records)")
            return
        }
        #expect(like.targetExternalID == "1049424302187315200")
        #expect(like.platform == .x)
        #expect(xRejections(records).first?.location.line == 3)

        let account = #"""
        window.YTD.account.part0 = [ {
          "account" : { "email" : "bonjour@fournil.example", "createdVia" : "web", "username" : "fournil_mtl", "accountId" : "783214", "createdAt" : "2009-08-13T19:27:42.000Z", "accountDisplayName" : "Le Fournil" }
        } ]
        """#
        guard case .actor(let identity)? = try readAllX(XArchiveReader(), account, name: "account.js").first else {
            Issue.record("expected an actor")
            return
        }
        #expect(identity == ActorIdentity(platform: .x, externalID: "783214", handle: "@fournil_mtl", displayName: "Le Fournil", profileURL: "https://x.com/fournil_mtl"))
    }

    @Test func skipsABrokenTweetAndGoesOn() throws {
        let text = "window.YTD.tweets.part0 = [\n{\"tweet\": {\"id_str\": \"1\", \"full_text\": \"a\"}},\n{\"tweet\": {\"id_str\": \"2\", \"full_text\": tru}},\n{\"tweet\": {\"id_str\": \"3\", \"full_text\": \"c\"}}\n]\n"
        let records = try readAllX(XArchiveReader(), text)
        #expect(xItems(records).map(\.externalID) == ["1", "3"])
        #expect(xRejections(records).first?.location.line == 3)
        #expect(xRejections(records).first?.reason.contains("not valid JSON") == true)
    }

    @Test func aTruncatedArchiveKeepsWhatCameBeforeTheCut() throws {
        let cut = String(tweetsJS.prefix(2500))
        var records: [IngestRecord] = []
        let error = #expect(throws: ReadError.self) {
            try XArchiveReader().read(ReaderInput(data: Data(cut.utf8), name: "tweets.js")) { records.append($0) }
        }
        #expect(error?.kind == .truncated)
        #expect(error?.location.line == 65)
        #expect(xItems(records).count == 2)
    }

    @Test(arguments: [
        ("", ReadError.Kind.empty),
        ("window.YTD.follower.part0 = [ { \"follower\" : { \"accountId\" : \"1\" } } ]", ReadError.Kind.wrongFormat),
        ("var x = 3; console.log(x)", ReadError.Kind.wrongFormat),
        ("[ { \"follower\" : { \"accountId\" : \"1\" } } ]", ReadError.Kind.wrongFormat),
        ("window.YTD.tweets.part0 = { }", ReadError.Kind.wrongFormat),
        ("window.YTD.tweets.part0 = [ ] trailing", ReadError.Kind.malformed),
    ])
    func refusesInputsItCannotRead(text: String, kind: ReadError.Kind) {
        let error = #expect(throws: ReadError.self) { try readAllX(XArchiveReader(), text) }
        #expect(error?.kind == kind, "\(text)")
    }
}

@Suite("Twitter dates")
struct TwitterDateTests {
    @Test func parsesTheArchiveFormat() throws {
        let date = try #require(TwitterDate.parse("Wed Oct 10 20:19:24 +0000 2018"))
        #expect(date.epochMilliseconds == 1_539_202_764_000)
        #expect(date.utcOffsetMinutes == 0)
        let local = try #require(TwitterDate.parse("Wed Oct 10 15:19:24 -0500 2018"))
        #expect(local.epochMilliseconds == 1_539_202_764_000)
        #expect(local.utcOffsetMinutes == -300)
        #expect(TwitterDate.parse("Thu Feb 29 12:00:00 +0000 2024") != nil)
    }

    @Test(arguments: [
        "", "Wed Oct 10 20:19:24 +0000", "Thu Oct 10 20:19:24 +0000 2018", "Wed Foo 10 20:19:24 +0000 2018",
        "Wed Oct 32 20:19:24 +0000 2018", "Thu Feb 29 12:00:00 +0000 2023", "Wed Oct 10 24:00:00 +0000 2018",
        "Wed Oct 10 20:61:24 +0000 2018", "Wed Oct 10 20:19:24 0000 2018", "Wed Oct 10 20:19:24 +2500 2018",
        "2018-10-10T20:19:24Z", "wed oct 10 20:19:24 +0000 2018",
    ])
    func refusesAnythingElse(text: String) {
        #expect(TwitterDate.parse(text) == nil, "\(text)")
    }
}
