import BabillardCore
import BabillardIngest
import Foundation
import Testing

private func readAllMeta(_ reader: some FormatReader, _ text: String, name: String) throws -> [IngestRecord] {
    var records: [IngestRecord] = []
    try reader.read(ReaderInput(data: Data(text.utf8), name: name)) { records.append($0) }
    return records
}

private func metaItems(_ records: [IngestRecord]) -> [RawItem] {
    records.compactMap { if case .item(let item) = $0 { item } else { nil } }
}

private func metaRejections(_ records: [IngestRecord]) -> [RejectedRecord] {
    records.compactMap { if case .rejected(let rejection) = $0 { rejection } else { nil } }
}

private func metaDetect(_ text: String, name: String) throws -> InputFormat {
    try FormatDetector.detect(ReaderInput(data: Data(text.utf8), name: name))
}

/// The id the readers derive: kind, Unix seconds and the StableHash of the repaired text.
private func metaID(_ kind: String, _ seconds: Int64, _ text: String) -> String {
    var hash = StableHash()
    hash.combine(text)
    return "\(kind)/\(seconds)/\(hash.hexValue)"
}

// Fixtures written the way Meta writes them: every non-ASCII byte of the UTF-8 text as its
// own \u00XX escape ("fourn\u00c3\u00a9e" for "fournée", "\u00f0\u009f\u0098\u0080" for 😀).

/// `your_posts_1.json`: a shared link (edited later), a check-in, and a post without timestamp (line 51).
private let facebookPosts = #"""
[
  {
    "timestamp": 1697360400,
    "data": [
      {
        "post": "Nouvelle fourn\u00c3\u00a9e de croissants ce matin \u00c3\u00a0 la boulangerie ! Venez t\u00c3\u00b4t \u00f0\u009f\u0098\u0080"
      },
      {
        "update_timestamp": 1697364000
      }
    ],
    "title": "Marie Tremblay a partag\u00c3\u00a9 un lien.",
    "attachments": [
      {
        "data": [
          {
            "external_context": {
              "url": "https://boulangerie.example/fournee"
            }
          }
        ]
      }
    ]
  },
  {
    "timestamp": 1697446800,
    "attachments": [
      {
        "data": [
          {
            "place": {
              "name": "Boulangerie Le Fournil",
              "coordinate": {
                "latitude": 45.5231,
                "longitude": -73.5817
              },
              "address": "1234 rue Saint-Denis, Montr\u00c3\u00a9al",
              "url": "https://www.facebook.com/lefournil"
            }
          }
        ]
      }
    ],
    "data": [
      {
        "post": "Caf\u00c3\u00a9 et viennoiseries au soleil"
      }
    ],
    "title": "Marie Tremblay \u00c3\u00a9tait \u00c3\u00a0 Boulangerie Le Fournil."
  },
  {
    "data": [
      {
        "post": "Publication sans date"
      }
    ],
    "title": "Marie Tremblay a publi\u00c3\u00a9."
  }
]
"""#

/// `comments.json` (comments_v2), one of them in a group.
private let facebookComments = #"""
{
  "comments_v2": [
    {
      "timestamp": 1697450000,
      "data": [
        {
          "comment": {
            "timestamp": 1697450000,
            "comment": "Merci pour l\u00e2\u0080\u0099accueil, c\u00e2\u0080\u0099\u00c3\u00a9tait d\u00c3\u00a9licieux !",
            "author": "Marie Tremblay"
          }
        }
      ],
      "title": "Marie Tremblay a comment\u00c3\u00a9 la publication de Jean Dupont."
    },
    {
      "timestamp": 1697536400,
      "data": [
        {
          "comment": {
            "timestamp": 1697536400,
            "comment": "J'y serai \u00c3\u00a0 8 h",
            "author": "Marie Tremblay",
            "group": "Les gourmands du Plateau"
          }
        }
      ],
      "title": "Marie Tremblay a comment\u00c3\u00a9 la publication de Luc Gagnon."
    }
  ]
}
"""#

/// `content/posts_1.json`: a single photo (caption in its media) and a two-photo post.
private let instagramPosts = #"""
[
  {
    "media": [
      {
        "uri": "media/posts/202310/17912345678901234.jpg",
        "creation_timestamp": 1697371200,
        "media_metadata": {
          "photo_metadata": {
            "exif_data": [
              {
                "latitude": 45.5231,
                "longitude": -73.5817
              }
            ]
          }
        },
        "title": "Brunch du dimanche \u00f0\u009f\u00a5\u0090 #brunch #montr\u00c3\u00a9al",
        "cross_post_source": {
          "source_app": "FB"
        }
      }
    ]
  },
  {
    "media": [
      {
        "uri": "media/posts/202310/17900000000000001.jpg",
        "creation_timestamp": 1697457600,
        "title": ""
      },
      {
        "uri": "media/posts/202310/17900000000000002.jpg",
        "creation_timestamp": 1697457600,
        "title": ""
      }
    ],
    "title": "Les viennoiseries de la semaine \u00f0\u009f\u0098\u0080",
    "creation_timestamp": 1697457600
  }
]
"""#

/// `comments/post_comments_1.json`: a comment, and one without its Time (line 20).
private let instagramComments = #"""
[
  {
    "media_list_data": [
      {
        "uri": ""
      }
    ],
    "string_map_data": {
      "Comment": {
        "value": "Trop beau ! \u00f0\u009f\u0098\u008d"
      },
      "Media Owner": {
        "value": "boulangerie_lefournil"
      },
      "Time": {
        "timestamp": 1697380000
      }
    }
  },
  {
    "string_map_data": {
      "Comment": {
        "value": "Sans date"
      },
      "Media Owner": {
        "value": "boulangerie_lefournil"
      }
    }
  }
]
"""#

@Suite("Meta text repair")
struct MetaTextRepairTests {
    @Test func decodesUTF8BytesWrittenAsCodePoints() throws {
        #expect(MetaTextRepair.repair("caf\u{00C3}\u{00A9}") == "café")
        #expect(MetaTextRepair.repair("\u{00F0}\u{009F}\u{0098}\u{0080}") == "😀")
        #expect(MetaTextRepair.repair("l\u{00E2}\u{0080}\u{0099}accueil") == "l’accueil")
        // Through the JSON parser, as the readers see it.
        let parsed = try JSONParser.parse(#"["caf\u00c3\u00a9 \u00f0\u009f\u0098\u0080"]"#)
        #expect(MetaTextRepair.repair(parsed[0]?.string ?? "") == "café 😀")
    }

    @Test(arguments: [
        "plain ASCII, nothing to do",
        "déjà vu",  // Latin-1 code points whose bytes are not UTF-8
        "Le code Ã© s'écrit ainsi",  // a genuine Ã© in text that is not UTF-8 as bytes
        "l’accueil Ã©tait bon",  // a code point above U+00FF: the text was written correctly
        "café 😀",
        "",
    ])
    func leavesOtherTextAlone(text: String) {
        #expect(MetaTextRepair.repair(text) == text)
    }
}

@Suite("Facebook reader")
struct FacebookReaderTests {
    @Test func readsPostsAndCheckIns() throws {
        #expect(try metaDetect(facebookPosts, name: "your_posts_1.json") == .facebook)
        #expect(try metaDetect(facebookPosts, name: "export.json") == .facebook)
        let records = try readAllMeta(FacebookReader(), facebookPosts, name: "your_posts_1.json")
        let items = metaItems(records)
        #expect(items.count == 2)

        let shared = items[0]
        let text = "Nouvelle fournée de croissants ce matin à la boulangerie ! Venez tôt 😀"
        #expect(shared.platform == .facebook)
        #expect(shared.kind == .post)
        #expect(shared.text == text)
        #expect(shared.title == "Marie Tremblay a partagé un lien.")
        #expect(shared.externalID == metaID("post", 1_697_360_400, text))
        #expect(shared.externalID.hasPrefix("post/1697360400/"))
        #expect(shared.createdAt?.epochMilliseconds == 1_697_360_400_000)
        #expect(shared.editedAt?.epochMilliseconds == 1_697_364_000_000)
        #expect(shared.url == "https://boulangerie.example/fournee")
        #expect(shared.author == nil)

        let checkin = items[1]
        #expect(checkin.kind == .checkin)
        #expect(checkin.text == "Café et viennoiseries au soleil")
        #expect(checkin.title == "Marie Tremblay était à Boulangerie Le Fournil.")
        #expect(checkin.place?.name == "Boulangerie Le Fournil")
        #expect(checkin.place?.latitude == 45.5231)
        #expect(checkin.place?.longitude == -73.5817)
        #expect(checkin.place?.address == "1234 rue Saint-Denis, Montréal")

        let rejection = try #require(metaRejections(records).first)
        #expect(rejection.location.line == 51)
        #expect(rejection.location.file == "your_posts_1.json")
        #expect(rejection.reason.contains("timestamp"))

        // The derived ids are stable: a second import finds the same items.
        #expect(metaItems(try readAllMeta(FacebookReader(), facebookPosts, name: "again.json")).map(\.externalID) == items.map(\.externalID))
    }

    @Test func readsComments() throws {
        #expect(try metaDetect(facebookComments, name: "comments.json") == .facebook)
        let records = try readAllMeta(FacebookReader(), facebookComments, name: "comments.json")
        #expect(metaRejections(records).isEmpty)
        let items = metaItems(records)
        #expect(items.count == 2)
        #expect(items.allSatisfy { $0.kind == .reply && $0.parentExternalID == nil })
        let first = items[0]
        #expect(first.text == "Merci pour l’accueil, c’était délicieux !")
        #expect(first.title == "Marie Tremblay a commenté la publication de Jean Dupont.")
        #expect(first.author?.displayName == "Marie Tremblay")
        #expect(first.externalID == metaID("comment", 1_697_450_000, "Merci pour l’accueil, c’était délicieux !"))
        #expect(items[1].text == "J'y serai à 8 h")
        #expect(items[1].channel == "Les gourmands du Plateau")
    }

    @Test func setsTheAccountAsAuthorWhenGiven() throws {
        let owner = ActorIdentity(platform: .facebook, externalID: "100004567890", displayName: "Marie Tremblay")
        let posts = metaItems(try readAllMeta(FacebookReader(account: owner), facebookPosts, name: "your_posts_1.json"))
        let comments = metaItems(try readAllMeta(FacebookReader(account: owner), facebookComments, name: "comments.json"))
        #expect((posts + comments).count == 4)
        #expect((posts + comments).allSatisfy { $0.author == owner })
    }

    @Test(arguments: [
        ("", ReadError.Kind.empty),
        (#"{"profile_v2": {"name": {"full_name": "Marie"}}}"#, ReadError.Kind.wrongFormat),
        (#"[{"name": "Marie", "friends": 3}]"#, ReadError.Kind.wrongFormat),
        (#"[{"timestamp": 1697360400, "data": [{"post": "coupé"#, ReadError.Kind.truncated),
    ])
    func refusesInputsItCannotRead(text: String, kind: ReadError.Kind) {
        let error = #expect(throws: ReadError.self) { try readAllMeta(FacebookReader(), text, name: "fixture.json") }
        #expect(error?.kind == kind, "\(text)")
    }
}

@Suite("Instagram reader")
struct InstagramReaderTests {
    @Test func readsPosts() throws {
        #expect(try metaDetect(instagramPosts, name: "posts_1.json") == .instagram)
        let records = try readAllMeta(InstagramReader(), instagramPosts, name: "posts_1.json")
        #expect(metaRejections(records).isEmpty)
        let items = metaItems(records)
        #expect(items.count == 2)
        #expect(items.allSatisfy { $0.platform == .instagram && $0.kind == .post })
        #expect(items[0].text == "Brunch du dimanche 🥐 #brunch #montréal")
        #expect(items[0].tags == ["brunch", "montréal"])
        #expect(items[0].createdAt?.epochMilliseconds == 1_697_371_200_000)
        #expect(items[0].externalID == metaID("post", 1_697_371_200, "Brunch du dimanche 🥐 #brunch #montréal"))
        #expect(items[1].text == "Les viennoiseries de la semaine 😀")
        #expect(items[1].createdAt?.epochMilliseconds == 1_697_457_600_000)
    }

    @Test func readsComments() throws {
        #expect(try metaDetect(instagramComments, name: "post_comments_1.json") == .instagram)
        let records = try readAllMeta(InstagramReader(), instagramComments, name: "post_comments_1.json")
        let items = metaItems(records)
        #expect(items.count == 1)
        #expect(items.first?.kind == .reply)
        #expect(items.first?.text == "Trop beau ! 😍")
        #expect(items.first?.channel == "boulangerie_lefournil")
        #expect(items.first?.createdAt?.epochMilliseconds == 1_697_380_000_000)
        let rejection = try #require(metaRejections(records).first)
        #expect(rejection.location.line == 20)
        #expect(rejection.reason.contains("Time"))
    }

    @Test func readsCommentsInsideAnObject() throws {
        // Newer exports wrap the list: {"comments_reels_comments": […]}.
        let text = #"{"comments_reels_comments": [{"string_map_data": {"Comment": {"value": "\u00c3\u0087a donne faim"}, "Media Owner": {"value": "lefournil"}, "Time": {"timestamp": 1700000000}}}]}"#
        let items = metaItems(try readAllMeta(InstagramReader(), text, name: "reels_comments.json"))
        #expect(items.map(\.text) == ["Ça donne faim"])
    }

    @Test(arguments: [
        ("", ReadError.Kind.empty),
        (#"{"likes_media_likes": [{"title": "lefournil", "string_list_data": [{"value": "👍", "timestamp": 1700000000}]}]}"#, ReadError.Kind.wrongFormat),
        (#"{"profile_user": 3}"#, ReadError.Kind.wrongFormat),
        ("hello", ReadError.Kind.wrongFormat),
    ])
    func refusesInputsItCannotRead(text: String, kind: ReadError.Kind) {
        let error = #expect(throws: ReadError.self) { try readAllMeta(InstagramReader(), text, name: "fixture.json") }
        #expect(error?.kind == kind, "\(text)")
    }
}
