import BabillardCore
import BabillardIngest
import BabillardTestSupport
import Foundation
import Testing

/// Every record a reader emits for `text`.
fileprivate func readBlueskyRecords(_ reader: some FormatReader, _ text: String, name: String = "fixture") throws -> [IngestRecord] {
    try readBlueskyRecords(reader, Data(text.utf8), name: name)
}

fileprivate func readBlueskyRecords(_ reader: some FormatReader, _ data: Data, name: String = "fixture") throws -> [IngestRecord] {
    var records: [IngestRecord] = []
    try reader.read(ReaderInput(data: data, name: name)) { records.append($0) }
    return records
}

/// What a list of records holds, by kind.
fileprivate struct BlueskyRecords {
    var items: [RawItem] = []
    var reactions: [Reaction] = []
    var deletions: [Deletion] = []
    var actors: [ActorIdentity] = []
    var rejected: [RejectedRecord] = []

    init(_ records: [IngestRecord]) {
        for record in records {
            switch record {
            case .item(let item): items.append(item)
            case .reaction(let reaction): reactions.append(reaction)
            case .deletion(let deletion): deletions.append(deletion)
            case .actor(let actor): actors.append(actor)
            case .rejected(let rejected): self.rejected.append(rejected)
            }
        }
    }
}

/// The ReadError a read throws, or nil.
fileprivate func blueskyReadError(_ reader: some FormatReader, _ text: String) -> ReadError? {
    do {
        _ = try readBlueskyRecords(reader, text)
        return nil
    } catch let error as ReadError {
        return error
    } catch {
        Issue.record("unexpected error \(error)")
        return nil
    }
}

@Suite("Bluesky Jetstream reader")
struct BlueskyJetstreamReaderTests {
    let reader = BlueskyJetstreamReader()

    @Test func locatesARejectedEventOfAnArrayByItsLineAndOffset() throws {
        let events = """
        [
          {"did": "did:plc:alice", "time_us": 1709278200000000, "kind": "commit",
           "commit": {"operation": "create", "collection": "app.bsky.feed.post", "rkey": "3k1",
                      "record": {"text": "Bonjour", "createdAt": "2024-03-01T07:30:00.000Z"}}},
          {"did": "did:plc:alice", "time_us": 1709278200000001, "kind": "commit"}
        ]
        """
        let records = BlueskyRecords(try readBlueskyRecords(reader, events, name: "events.json"))
        #expect(records.items.map(\.externalID) == ["at://did:plc:alice/app.bsky.feed.post/3k1"])
        let rejected = try #require(records.rejected.first)
        #expect(records.rejected.count == 1)
        #expect(rejected.location.line == 5)
        #expect(rejected.location.offset != nil)
        #expect(rejected.reason.contains("has no commit"))
    }

    /// Events as Jetstream sends them, one per line.
    static let events = [
        // 1: a post with a tag facet and extra tags
        #"{"did":"did:plc:boulangerie42","time_us":1709278200000000,"kind":"commit","commit":{"rev":"3kzq2abc2222a","operation":"create","collection":"app.bsky.feed.post","rkey":"3kzq2abc2222a","record":{"$type":"app.bsky.feed.post","createdAt":"2024-03-01T07:30:00.000Z","langs":["fr"],"text":"Les croissants sortent du four ! #croissant","facets":[{"index":{"byteStart":33,"byteEnd":43},"features":[{"$type":"app.bsky.richtext.facet#tag","tag":"croissant"}]},{"index":{"byteStart":0,"byteEnd":3},"features":[{"$type":"app.bsky.richtext.facet#link","uri":"https://example.fr"}]}],"tags":["boulangerie","croissant"]},"cid":"bafyreia2222"}}"#,
        // 2: a quote with media, whose createdAt is not a date
        #"{"did":"did:plc:critique9","time_us":1709380800000000,"kind":"commit","commit":{"rev":"3kzq5","operation":"create","collection":"app.bsky.feed.post","rkey":"3kzq5quote55","record":{"$type":"app.bsky.feed.post","createdAt":"demain","text":"Meilleur croissant du quartier.","embed":{"$type":"app.bsky.embed.recordWithMedia","media":{"$type":"app.bsky.embed.images","images":[]},"record":{"$type":"app.bsky.embed.record","record":{"cid":"bafyreia2222","uri":"at://did:plc:boulangerie42/app.bsky.feed.post/3kzq2abc2222a"}}}},"cid":"bafyreiquote"}}"#,
        // 3: not JSON
        #"{"did":"did:plc:x","time_us":1709380800000001,"kind":"commit","commit":{"rev""#,
        // 4: a post that embeds a list: not a quote
        #"{"did":"did:plc:voisin3","time_us":1709380800000002,"kind":"commit","commit":{"rev":"3kzqa","operation":"create","collection":"app.bsky.feed.post","rkey":"3kzqAlist000","record":{"$type":"app.bsky.feed.post","createdAt":"2024-03-04T10:00:00.000Z","text":"Ma liste","embed":{"$type":"app.bsky.embed.record","record":{"cid":"bafyreigen","uri":"at://did:plc:voisin3/app.bsky.graph.list/3kzqBlst111"}}},"cid":"bafyreilist"}}"#,
        // 5: a repost, 6: a like, 7: a follow (skipped)
        #"{"did":"did:plc:boulangerie42","time_us":1709380900000000,"kind":"commit","commit":{"rev":"3kzq6","operation":"create","collection":"app.bsky.feed.repost","rkey":"3kzq6rep6666","record":{"$type":"app.bsky.feed.repost","createdAt":"2024-03-02T13:00:00.000Z","subject":{"cid":"bafyreiquote","uri":"at://did:plc:critique9/app.bsky.feed.post/3kzq5quote55"}},"cid":"bafyreirepost"}}"#,
        #"{"did":"did:plc:marie77","time_us":1709380950000000,"kind":"commit","commit":{"rev":"3kzq7","operation":"create","collection":"app.bsky.feed.like","rkey":"3kzq7like777","record":{"$type":"app.bsky.feed.like","createdAt":"2024-03-02T13:05:00.000Z","subject":{"cid":"bafyreia2222","uri":"at://did:plc:boulangerie42/app.bsky.feed.post/3kzq2abc2222a"}},"cid":"bafyreilike"}}"#,
        #"{"did":"did:plc:marie77","time_us":1709380960000000,"kind":"commit","commit":{"rev":"3kzq8","operation":"create","collection":"app.bsky.graph.follow","rkey":"3kzq8fol888","record":{"$type":"app.bsky.graph.follow","createdAt":"2024-03-02T13:06:00.000Z","subject":"did:plc:boulangerie42"},"cid":"bafyreifollow"}}"#,
        "",
        // 9: an update of the post, 10: the like undone, 11: a follow undone (skipped)
        #"{"did":"did:plc:boulangerie42","time_us":1709381000000000,"kind":"commit","commit":{"rev":"3kzq9","operation":"update","collection":"app.bsky.feed.post","rkey":"3kzq2abc2222a","record":{"$type":"app.bsky.feed.post","createdAt":"2024-03-01T07:30:00.000Z","langs":["fr"],"text":"Les croissants sortent du four !"},"cid":"bafyreia2223"}}"#,
        #"{"did":"did:plc:marie77","time_us":1709381100000000,"kind":"commit","commit":{"rev":"3kzqa","operation":"delete","collection":"app.bsky.feed.like","rkey":"3kzq7like777"}}"#,
        #"{"did":"did:plc:marie77","time_us":1709381100000001,"kind":"commit","commit":{"rev":"3kzqb","operation":"delete","collection":"app.bsky.graph.follow","rkey":"3kzq8fol888"}}"#,
        // 12: a handle change, 13: a profile, 14: an event without did
        #"{"did":"did:plc:boulangerie42","time_us":1709381200000000,"kind":"identity","identity":{"did":"did:plc:boulangerie42","handle":"boulangerie-lumiere.fr","seq":1234,"time":"2024-03-02T13:20:00.000Z"}}"#,
        #"{"did":"did:plc:boulangerie42","time_us":1709381300000000,"kind":"commit","commit":{"rev":"3kzqc","operation":"update","collection":"app.bsky.actor.profile","rkey":"self","record":{"$type":"app.bsky.actor.profile","displayName":"Boulangerie Lumière","description":"Pains au levain"},"cid":"bafyreiprofile"}}"#,
        #"{"time_us":1709381400000000,"kind":"commit","commit":{"operation":"create","collection":"app.bsky.feed.post","rkey":"3x"}}"#,
    ].joined(separator: "\n")

    @Test func readsPostsQuotesRepostsLikesAndDeletes() throws {
        let found = BlueskyRecords(try readBlueskyRecords(reader, Self.events, name: "jetstream.jsonl"))
        #expect(found.items.map(\.kind) == [.post, .quote, .post, .reshare, .post])

        let post = found.items[0]
        #expect(post.platform == .bluesky)
        #expect(post.externalID == "at://did:plc:boulangerie42/app.bsky.feed.post/3kzq2abc2222a")
        #expect(post.text == "Les croissants sortent du four ! #croissant")
        #expect(post.tags == ["croissant", "boulangerie"], "tag facets, then the record's tags, once each")
        #expect(post.language == "fr")
        #expect(post.createdAt == Timestamp(iso8601: "2024-03-01T07:30:00Z"))
        #expect(post.url == "https://bsky.app/profile/did:plc:boulangerie42/post/3kzq2abc2222a")
        #expect(post.author?.externalID == "did:plc:boulangerie42")
        #expect(post.editedAt == nil)

        let quote = found.items[1]
        #expect(quote.reshareOfExternalID == "at://did:plc:boulangerie42/app.bsky.feed.post/3kzq2abc2222a")
        #expect(quote.createdAt == Timestamp(epochMilliseconds: 1_709_380_800_000), "createdAt 'demain' falls back to time_us")

        #expect(found.items[2].reshareOfExternalID == nil, "an embedded list is not a quoted post")

        let repost = found.items[3]
        #expect(repost.externalID == "at://did:plc:boulangerie42/app.bsky.feed.repost/3kzq6rep6666")
        #expect(repost.reshareOfExternalID == "at://did:plc:critique9/app.bsky.feed.post/3kzq5quote55")
        #expect(repost.createdAt == Timestamp(iso8601: "2024-03-02T13:00:00Z"))

        let update = found.items[4]
        #expect(update.externalID == post.externalID)
        #expect(update.text == "Les croissants sortent du four !")
        #expect(update.editedAt == Timestamp(epochMilliseconds: 1_709_381_000_000))

        #expect(found.reactions == [Reaction(
            platform: .bluesky, externalID: "at://did:plc:marie77/app.bsky.feed.like/3kzq7like777",
            targetExternalID: "at://did:plc:boulangerie42/app.bsky.feed.post/3kzq2abc2222a",
            actor: ActorIdentity(platform: .bluesky, externalID: "did:plc:marie77"),
            createdAt: Timestamp(iso8601: "2024-03-02T13:05:00Z")
        )])
        #expect(found.deletions == [Deletion(
            platform: .bluesky, externalID: "at://did:plc:marie77/app.bsky.feed.like/3kzq7like777",
            deletedAt: Timestamp(epochMilliseconds: 1_709_381_100_000)
        )], "the follow and its delete are skipped")

        #expect(found.actors.map(\.externalID) == ["did:plc:boulangerie42", "did:plc:boulangerie42"])
        #expect(found.actors[0].handle == "boulangerie-lumiere.fr")
        #expect(found.actors[1].displayName == "Boulangerie Lumière")

        #expect(found.rejected.map(\.location.line) == [3, 14])
        #expect(found.rejected[0].reason.contains("not valid JSON"))
        #expect(found.rejected[1].reason.contains("no did"))
        #expect(found.rejected.allSatisfy { $0.location.file == "jetstream.jsonl" })
    }

    @Test func readsAJSONArrayOfEventsToo() throws {
        let lines = Self.events.split(separator: "\n").filter { !$0.isEmpty && !$0.hasSuffix(#""rev""#) }
        let found = BlueskyRecords(try readBlueskyRecords(reader, "[" + lines.joined(separator: ",\n") + "]"))
        #expect(found.items.count == 5)
        #expect(found.reactions.count == 1)
        #expect(found.rejected.count == 1)
    }

    @Test func saysWhatIsNotJetstream() {
        #expect(blueskyReadError(reader, "")?.kind == .empty)
        #expect(blueskyReadError(reader, #"{"feed":[],"cursor":"x"}"#)?.kind == .wrongFormat)
        #expect(blueskyReadError(reader, "did,text\n1,2")?.kind == .wrongFormat)
        #expect(blueskyReadError(reader, "[{\"did\":")?.kind == .truncated)
    }
}

/// Real Jetstream events from the Jetstream repository's test data.
@Suite("Bluesky Jetstream reader on real events", .enabled(if: SharedData.isAvailable, Comment(rawValue: SharedData.skipMessage)))
struct BlueskyJetstreamSampleTests {
    let reader = BlueskyJetstreamReader()

    fileprivate func read(_ name: String) throws -> BlueskyRecords {
        BlueskyRecords(try readBlueskyRecords(reader, try Data(contentsOf: try #require(SharedData.url("bluesky/\(name)")))))
    }

    @Test func goldenEvents() throws {
        // 10 events: a like, a reply, a repost, a follow, a profile update, a delete of another
        // app's record, another app's update, an identity, an account, a block.
        let found = try read("golden_v1.jsonl")
        #expect(found.rejected.isEmpty)
        #expect(found.items.map(\.kind) == [.reply, .reshare])
        let reply = found.items[0]
        #expect(reply.externalID == "at://did:plc:q235v55g5unth4zjjdpacfdr/app.bsky.feed.post/3mmoojp4cd223")
        #expect(reply.text == "Try RSV for a good time !!")
        #expect(reply.parentExternalID == "at://did:plc:j76trmiofvaxxpvx2vnb2vwf/app.bsky.feed.post/3mmojbrjwbs26")
        #expect(reply.rootExternalID == "at://did:plc:j76trmiofvaxxpvx2vnb2vwf/app.bsky.feed.post/3mmojbrjwbs26")
        #expect(reply.createdAt == Timestamp(iso8601: "2026-05-25T14:23:28.757Z"))
        #expect(reply.language == "en")
        #expect(found.items[1].externalID == "at://did:plc:eizxoqcsvvvarxeb3pjkblrp/app.bsky.feed.repost/3mmoojpbade2i")
        #expect(found.items[1].reshareOfExternalID == "at://did:plc:hjloomm2tkve3pmfgbxegl3v/app.bsky.feed.post/3mmood3a6hc25")
        #expect(found.reactions.map(\.externalID) == ["at://did:plc:mcc5yghbk7tixqryac2yxku7/app.bsky.feed.like/3mmoojp7etg2g"])
        #expect(found.reactions.first?.targetExternalID == "at://did:plc:vfnmgxg2yscfliemmcxzyfyh/app.bsky.feed.post/3mmoodizfwc2j")
        #expect(found.reactions.first?.createdAt == Timestamp(iso8601: "2026-05-25T14:23:28.778Z"))
        #expect(found.deletions.isEmpty, "the only delete is another app's record")
        #expect(found.actors.map(\.externalID) == ["did:plc:o6t5vwyr7ae73foww7bgye4r", "did:plc:g4ut2w5755qxi3fe7mfs72p4", "did:plc:g4ut2w5755qxi3fe7mfs72p4"])
        #expect(found.actors[0].displayName == "Multiversal Lokis Unit🔞")
    }

    @Test func expectedEvents() throws {
        // 152 events: 17 posts (8 of them replies), 15 reposts, 105 likes,
        // 6 follows and 3 follow deletes, a block, a post delete, two status updates of other
        // apps, an identity and an account event.
        let found = try read("expected_v1.jsonl")
        #expect(found.rejected.isEmpty)
        #expect(found.items.filter { $0.kind == .post }.count == 9)
        #expect(found.items.filter { $0.kind == .reply }.count == 8)
        #expect(found.items.filter { $0.kind == .reshare }.count == 15)
        #expect(found.reactions.count == 105)
        #expect(found.deletions.map(\.externalID) == ["at://did:plc:4smmjsqf6l5jkzczvw6vsrqc/app.bsky.feed.post/3mpt73z3ejc2p"])
        #expect(found.actors.count == 2)

        let tagged = try #require(found.items.first { $0.externalID == "at://did:plc:tn3hni2jpphsgl6amfbb7ja6/app.bsky.feed.post/3mptbypfywk2v" })
        #expect(tagged.tags == ["HowToTellAiToShutUp", "IndieRebellion"])
        #expect(tagged.language == "de")
        #expect(tagged.text.hasPrefix("#HowToTellAiToShutUp!"))

        let selfThread = try #require(found.items.first { $0.externalID == "at://did:plc:u4lmvw4wwzaql3z5kcf3r7h4/app.bsky.feed.post/3mptbyou7ls2i" })
        #expect(selfThread.kind == .reply)
        #expect(selfThread.parentExternalID == "at://did:plc:u4lmvw4wwzaql3z5kcf3r7h4/app.bsky.feed.post/3mptbyospqk2i")

        let offset = try #require(found.items.first { $0.externalID == "at://did:plc:ybqkf2mtfbwx3qhga63mttja/app.bsky.feed.post/3mptbyoigog2b" })
        #expect(offset.createdAt == Timestamp(iso8601: "2026-07-04T14:38:02Z"), "createdAt written with +00:00")
        #expect(offset.language == "en-us")
    }
}

@Suite("Bluesky AppView reader")
struct BlueskyAppViewReaderTests {
    let reader = BlueskyAppViewReader()

    @Test func locatesARejectedFeedEntryByItsLineAndOffset() throws {
        let feed = """
        {
          "feed": [
            {
              "post": {
                "uri": "at://did:plc:alice/app.bsky.feed.post/3k1",
                "author": {"did": "did:plc:alice", "handle": "alice.bsky.social"},
                "record": {"$type": "app.bsky.feed.post", "text": "Bonjour", "createdAt": "2024-03-01T07:30:00.000Z"}
              }
            },
            {
              "post": {
                "uri": "at://did:plc:alice/app.bsky.feed.post/3k2",
                "record": {"$type": "app.bsky.feed.post", "text": "Sans auteur", "createdAt": "2024-03-01T07:31:00.000Z"}
              }
            }
          ],
          "cursor": "abc"
        }
        """
        let records = BlueskyRecords(try readBlueskyRecords(reader, feed, name: "feed.json"))
        #expect(records.items.map(\.externalID) == ["at://did:plc:alice/app.bsky.feed.post/3k1"])
        let rejected = try #require(records.rejected.first)
        #expect(records.rejected.count == 1)
        #expect(rejected.location.line == 10)
        #expect(rejected.location.offset != nil)
        #expect(rejected.reason.contains("has no author did"))
    }

    static let boulangerie = #"{"did":"did:plc:boulangerie42","handle":"boulangerie.bsky.social","displayName":"Boulangerie Lumière","avatar":"https://cdn.bsky.app/img/avatar/plain/did:plc:boulangerie42/bafkrei@jpeg","associated":{"chat":{"allowIncoming":"following"}},"labels":[],"createdAt":"2023-09-01T10:00:00.000Z"}"#
    static let marie = #"{"did":"did:plc:marie77","handle":"marie.example.fr","displayName":"Marie","labels":[]}"#
    static let croissantRecord = #"{"$type":"app.bsky.feed.post","createdAt":"2024-03-01T07:30:00.000Z","langs":["fr"],"text":"Les croissants sortent du four ! #croissant","facets":[{"index":{"byteStart":33,"byteEnd":43},"features":[{"$type":"app.bsky.richtext.facet#tag","tag":"croissant"}]}]}"#
    static let croissant = #"{"uri":"at://did:plc:boulangerie42/app.bsky.feed.post/3kzq2abc2222a","cid":"bafyreia2222","author":\#(boulangerie),"record":\#(croissantRecord),"replyCount":1,"repostCount":4,"likeCount":12,"quoteCount":1,"indexedAt":"2024-03-01T07:30:01.123Z","viewer":{"threadMuted":false,"embeddingDisabled":false},"labels":[]}"#
    static let rootPost = #"{"$type":"app.bsky.feed.defs#postView","uri":"at://did:plc:marie77/app.bsky.feed.post/3kzq1root111","cid":"bafyreimarie1","author":\#(marie),"record":{"$type":"app.bsky.feed.post","createdAt":"2024-03-01T08:00:00.000Z","langs":["fr"],"text":"Vos viennoiseries contiennent-elles des noix ?"},"replyCount":1,"repostCount":0,"likeCount":1,"quoteCount":0,"indexedAt":"2024-03-01T08:00:00.500Z","labels":[]}"#
    static let rootRef = #"{"cid":"bafyreimarie1","uri":"at://did:plc:marie77/app.bsky.feed.post/3kzq1root111"}"#
    static let parentPost = #"{"$type":"app.bsky.feed.defs#postView","uri":"at://did:plc:marie77/app.bsky.feed.post/3kzq1par2222","cid":"bafyreimarie2","author":{"did":"did:plc:marie77","handle":"marie.example.fr","displayName":"Marie","followersCount":310,"followsCount":120},"record":{"$type":"app.bsky.feed.post","createdAt":"2024-03-01T08:01:00.000Z","langs":["fr"],"text":"Et des arachides ?","reply":{"root":\#(rootRef),"parent":\#(rootRef)}},"replyCount":1,"repostCount":0,"likeCount":0,"quoteCount":0,"indexedAt":"2024-03-01T08:01:00.500Z","labels":[]}"#
    static let answer = #"{"$type":"app.bsky.feed.defs#postView","uri":"at://did:plc:boulangerie42/app.bsky.feed.post/3kzq2abc3333b","cid":"bafyreia3333","author":\#(boulangerie),"record":{"$type":"app.bsky.feed.post","createdAt":"2024-03-01T09:15:00.000Z","langs":["fr"],"text":"Oui, sans noix et sans arachides.","reply":{"root":\#(rootRef),"parent":{"cid":"bafyreimarie2","uri":"at://did:plc:marie77/app.bsky.feed.post/3kzq1par2222"}}},"replyCount":1,"repostCount":0,"likeCount":2,"quoteCount":0,"indexedAt":"2024-03-01T09:15:01.000Z","labels":[]}"#
    static let quote = #"{"uri":"at://did:plc:critique9/app.bsky.feed.post/3kzq5quote55","cid":"bafyreiquote","author":{"did":"did:plc:critique9","handle":"handle.invalid","displayName":"Critique gourmand"},"record":{"$type":"app.bsky.feed.post","createdAt":"2024-03-02T12:00:00.000Z","langs":["fr"],"text":"Meilleur croissant du quartier.","embed":{"$type":"app.bsky.embed.record","record":{"cid":"bafyreia2222","uri":"at://did:plc:boulangerie42/app.bsky.feed.post/3kzq2abc2222a"}}},"embed":{"$type":"app.bsky.embed.record#view","record":{"$type":"app.bsky.embed.record#viewRecord","uri":"at://did:plc:boulangerie42/app.bsky.feed.post/3kzq2abc2222a","cid":"bafyreia2222","author":\#(boulangerie),"value":\#(croissantRecord),"labels":[],"likeCount":12,"replyCount":1,"repostCount":4,"quoteCount":1,"indexedAt":"2024-03-01T07:30:01.123Z","embeds":[]}},"replyCount":0,"repostCount":1,"likeCount":3,"quoteCount":0,"indexedAt":"2024-03-02T12:00:00.200Z","labels":[]}"#

    /// `app.bsky.feed.getAuthorFeed?actor=boulangerie.bsky.social`.
    static let authorFeed = #"""
    {"feed":[
      {"post":\#(croissant)},
      {"post":\#(answer),"reply":{"root":\#(rootPost),"parent":\#(parentPost),"grandparentAuthor":\#(marie)}},
      {"post":\#(quote),"reason":{"$type":"app.bsky.feed.defs#reasonRepost","by":\#(boulangerie),"uri":"at://did:plc:boulangerie42/app.bsky.feed.repost/3kzq6rep6666","cid":"bafyreirepost","indexedAt":"2024-03-02T13:00:00.000Z"}},
      {"post":{"uri":"at://did:plc:voisin3/app.bsky.feed.post/3kzq7old7777","cid":"bafyreiold","author":{"did":"did:plc:voisin3","handle":"voisin.bsky.social"},"record":{"$type":"app.bsky.feed.post","createdAt":"2024-02-20T18:00:00.000Z","text":"Ouverture le dimanche ?"},"replyCount":0,"repostCount":1,"likeCount":0,"indexedAt":"2024-02-20T18:00:01.000Z"},
       "reason":{"$type":"app.bsky.feed.defs#reasonRepost","by":{"did":"did:plc:boulangerie42","handle":"boulangerie.bsky.social"},"indexedAt":"2024-03-03T08:00:00.000Z"}},
      {"post":\#(croissant),"reason":{"$type":"app.bsky.feed.defs#reasonPin"}},
      {"reason":{"$type":"app.bsky.feed.defs#reasonPin"}}
    ],"cursor":"2024-02-20T18:00:01.000Z"}
    """#

    @Test func readsAnAuthorFeedWithReplyContextRepostsAndQuotes() throws {
        let found = BlueskyRecords(try readBlueskyRecords(reader, Self.authorFeed))
        #expect(found.items.map(\.externalID) == [
            "at://did:plc:boulangerie42/app.bsky.feed.post/3kzq2abc2222a",
            "at://did:plc:marie77/app.bsky.feed.post/3kzq1root111",
            "at://did:plc:marie77/app.bsky.feed.post/3kzq1par2222",
            "at://did:plc:boulangerie42/app.bsky.feed.post/3kzq2abc3333b",
            "at://did:plc:critique9/app.bsky.feed.post/3kzq5quote55",
            "at://did:plc:boulangerie42/app.bsky.feed.repost/3kzq6rep6666",
            "at://did:plc:voisin3/app.bsky.feed.post/3kzq7old7777",
            "at://did:plc:voisin3/app.bsky.feed.post/3kzq7old7777#repost-by-did:plc:boulangerie42",
        ], "each post once: the quoted and the pinned post were already read")
        #expect(found.items.map(\.kind) == [.post, .post, .reply, .reply, .quote, .reshare, .post, .reshare])

        let post = found.items[0]
        #expect(post.text == "Les croissants sortent du four ! #croissant")
        #expect(post.tags == ["croissant"])
        #expect(post.language == "fr")
        #expect(post.createdAt == Timestamp(iso8601: "2024-03-01T07:30:00Z"))
        #expect(post.engagement == EngagementCounts(likes: 12, reshares: 4, replies: 1, quotes: 1))
        #expect(post.author == ActorIdentity(
            platform: .bluesky, externalID: "did:plc:boulangerie42", handle: "boulangerie.bsky.social",
            displayName: "Boulangerie Lumière", profileURL: "https://bsky.app/profile/did:plc:boulangerie42"
        ))

        let answer = found.items[3]
        #expect(answer.parentExternalID == "at://did:plc:marie77/app.bsky.feed.post/3kzq1par2222")
        #expect(answer.rootExternalID == "at://did:plc:marie77/app.bsky.feed.post/3kzq1root111")
        #expect(found.items[2].author?.followers == 310)

        let quote = found.items[4]
        #expect(quote.reshareOfExternalID == "at://did:plc:boulangerie42/app.bsky.feed.post/3kzq2abc2222a")
        #expect(quote.author?.handle == nil, "handle.invalid is no handle")
        #expect(quote.author?.displayName == "Critique gourmand")

        let repost = found.items[5]
        #expect(repost.reshareOfExternalID == "at://did:plc:critique9/app.bsky.feed.post/3kzq5quote55")
        #expect(repost.author?.externalID == "did:plc:boulangerie42")
        #expect(repost.createdAt == Timestamp(iso8601: "2024-03-02T13:00:00Z"))
        #expect(found.items[7].createdAt == Timestamp(iso8601: "2024-03-03T08:00:00Z"))

        #expect(found.rejected.count == 1, "the entry without a post")
        #expect(found.rejected.first?.reason.contains("feed entry 6 of 6") == true)
    }

    @Test func readsAPostThreadFromItsTopDownThenTheReplies() throws {
        let json = #"""
        {"thread":{"$type":"app.bsky.feed.defs#threadViewPost","post":\#(Self.parentPost),
          "parent":{"$type":"app.bsky.feed.defs#threadViewPost","post":\#(Self.rootPost),"replies":[]},
          "replies":[
            {"$type":"app.bsky.feed.defs#threadViewPost","post":\#(Self.answer),"replies":[
              {"$type":"app.bsky.feed.defs#threadViewPost","post":{"uri":"at://did:plc:marie77/app.bsky.feed.post/3kzq8merci88","cid":"bafyreimerci","author":\#(Self.marie),"record":{"$type":"app.bsky.feed.post","createdAt":"2024-03-01T09:20:00.000Z","langs":["fr"],"text":"Merci beaucoup !","reply":{"root":\#(Self.rootRef),"parent":{"cid":"bafyreia3333","uri":"at://did:plc:boulangerie42/app.bsky.feed.post/3kzq2abc3333b"}}},"replyCount":0,"repostCount":0,"likeCount":1,"quoteCount":0,"indexedAt":"2024-03-01T09:20:00.300Z"},"replies":[]}
            ]},
            {"$type":"app.bsky.feed.defs#blockedPost","uri":"at://did:plc:troll0/app.bsky.feed.post/3kzq9blok999","blocked":true,"author":{"did":"did:plc:troll0","viewer":{"blockedBy":true}}},
            {"$type":"app.bsky.feed.defs#notFoundPost","uri":"at://did:plc:gone/app.bsky.feed.post/3kzqgone","notFound":true}
          ]}}
        """#
        let found = BlueskyRecords(try readBlueskyRecords(reader, json))
        #expect(found.rejected.isEmpty)
        #expect(found.items.map(\.externalID) == [
            "at://did:plc:marie77/app.bsky.feed.post/3kzq1root111",
            "at://did:plc:marie77/app.bsky.feed.post/3kzq1par2222",
            "at://did:plc:boulangerie42/app.bsky.feed.post/3kzq2abc3333b",
            "at://did:plc:marie77/app.bsky.feed.post/3kzq8merci88",
        ])
        #expect(found.items.map(\.kind) == [.post, .reply, .reply, .reply])
        #expect(found.items[3].parentExternalID == "at://did:plc:boulangerie42/app.bsky.feed.post/3kzq2abc3333b")
        #expect(found.items[3].rootExternalID == "at://did:plc:marie77/app.bsky.feed.post/3kzq1root111")
    }

    @Test func readsSearchResultsWithAQuoteThatHasMedia() throws {
        let json = #"""
        {"cursor":"25","hitsTotal":2,"posts":[
          {"uri":"at://did:plc:critique9/app.bsky.feed.post/3kzq5quote55","cid":"bafyreiquote",
           "author":{"did":"did:plc:critique9","handle":"critique.bsky.social","displayName":"Critique gourmand"},
           "record":{"$type":"app.bsky.feed.post","createdAt":"2024-03-02T12:00:00.000Z","langs":["fr"],"text":"Meilleur croissant du quartier.",
             "embed":{"$type":"app.bsky.embed.recordWithMedia",
               "media":{"$type":"app.bsky.embed.images","images":[{"alt":"Un croissant","image":{"$type":"blob","ref":{"$link":"bafkreiimg"},"mimeType":"image/jpeg","size":1000}}]},
               "record":{"$type":"app.bsky.embed.record","record":{"cid":"bafyreia2222","uri":"at://did:plc:boulangerie42/app.bsky.feed.post/3kzq2abc2222a"}}}},
           "embed":{"$type":"app.bsky.embed.recordWithMedia#view",
             "media":{"$type":"app.bsky.embed.images#view","images":[{"thumb":"https://cdn.bsky.app/img/feed_thumbnail/plain/did:plc:critique9/bafkreiimg@jpeg","fullsize":"https://cdn.bsky.app/img/feed_fullsize/plain/did:plc:critique9/bafkreiimg@jpeg","alt":"Un croissant"}]},
             "record":{"record":{"$type":"app.bsky.embed.record#viewRecord","uri":"at://did:plc:boulangerie42/app.bsky.feed.post/3kzq2abc2222a","cid":"bafyreia2222","author":\#(Self.boulangerie),"value":\#(Self.croissantRecord),"likeCount":12,"replyCount":1,"repostCount":4,"quoteCount":1,"indexedAt":"2024-03-01T07:30:01.123Z"}}},
           "replyCount":0,"repostCount":1,"likeCount":3,"quoteCount":0,"indexedAt":"2024-03-02T12:00:00.200Z"},
          {"uri":"at://did:plc:voisin3/app.bsky.feed.post/3kzqAlist000","cid":"bafyreilist","author":{"did":"did:plc:voisin3","handle":"voisin.bsky.social"},
           "record":{"$type":"app.bsky.feed.post","createdAt":"not a date","text":"Ma liste de boulangeries",
             "embed":{"$type":"app.bsky.embed.record","record":{"cid":"bafyreigen","uri":"at://did:plc:voisin3/app.bsky.graph.list/3kzqBlst111"}}},
           "replyCount":0,"repostCount":0,"likeCount":0,"quoteCount":0,"indexedAt":"2024-03-04T10:00:00.000Z"}
        ]}
        """#
        let found = BlueskyRecords(try readBlueskyRecords(reader, json))
        #expect(found.items.map(\.kind) == [.post, .quote, .post])
        #expect(found.items[0].externalID == "at://did:plc:boulangerie42/app.bsky.feed.post/3kzq2abc2222a", "the quoted post, from the embed's view")
        #expect(found.items[0].tags == ["croissant"])
        #expect(found.items[0].engagement?.likes == 12)
        #expect(found.items[1].reshareOfExternalID == found.items[0].externalID)
        #expect(found.items[2].reshareOfExternalID == nil, "a list is not a post")
        #expect(found.items[2].createdAt == Timestamp(iso8601: "2024-03-04T10:00:00Z"), "an unreadable createdAt falls back to indexedAt")
    }

    @Test func saysWhatIsNotAnAppViewAnswer() {
        #expect(blueskyReadError(reader, "")?.kind == .empty)
        #expect(blueskyReadError(reader, "[]")?.kind == .wrongFormat)
        let error = blueskyReadError(reader, #"{"error":"InvalidRequest","message":"Profile not found"}"#)
        #expect(error?.kind == .wrongFormat)
        #expect(error?.reason.contains("Profile not found") == true)
        #expect(blueskyReadError(reader, #"{"statuses":[]}"#)?.kind == .wrongFormat)
        #expect(blueskyReadError(reader, String(Self.authorFeed.dropLast(30)))?.kind == .truncated)
    }
}
