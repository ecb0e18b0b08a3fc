import BabillardTestSupport
import BabillardText
import Foundation
import Testing

/// A query, a text, and whether the text should match.
private struct WatchQueryExample: Sendable, CustomTestStringConvertible {
    var query: String
    var text: String
    var matches: Bool
    var testDescription: String { "\(query) ~ \(text) → \(matches)" }
}

private let watchQueryExamples: [WatchQueryExample] = [
    // Case and accents do not matter; words match whole.
    .init(query: "Mélisse", text: "J'adore la boulangerie MELISSE", matches: true),
    .init(query: "melisse", text: "Vive Mélisse !", matches: true),
    .init(query: "Mélisse", text: "l'équipe de Mélisse", matches: true),
    .init(query: "Mélisse", text: "Me\u{301}lisse, en accents décomposés", matches: true),
    .init(query: "Mélisse", text: "Mélissende est passée", matches: false),
    .init(query: "pain", text: "du pain au chocolat", matches: true),
    .init(query: "pain", text: "Pain!", matches: true),
    .init(query: "pain", text: "a beautiful painting", matches: false),
    .init(query: "pain", text: "deux pains", matches: false),
    .init(query: "œuf", text: "OEUF frais du jour", matches: true),
    // A plain word matches the hashtag with the same letters; a hashtag term only the hashtag.
    .init(query: "Mélisse", text: "Les croissants de #Mélisse ❤️", matches: true),
    .init(query: "#mélisse", text: "Mélisse", matches: false),
    .init(query: "#mélisse", text: "on y va #MELISSE", matches: true),
    // "&" joins a name: it neither breaks the phrase nor has to be typed.
    .init(query: "\"Miettes & Cie\"", text: "les croissants chez Miettes & Cie sont meilleurs", matches: true),
    .init(query: "\"Miettes Cie\"", text: "chez MIETTES & CIE.", matches: true),
    // Phrases: consecutive words, hyphens and apostrophes join, punctuation breaks.
    .init(query: "\"croissant aux amandes\"", text: "Le Croissant aux Amandes est top", matches: true),
    .init(query: "\"croissant aux amandes\"", text: "croissants aux amandes", matches: false),
    .init(query: "\"croissant aux amandes\"", text: "un croissant, aux amandes", matches: false),
    .init(query: "\"croissant aux amandes\"", text: "un croissant aux\namandes", matches: false),
    .init(query: "« croissant aux amandes »", text: "croissant aux amandes", matches: true),
    .init(query: "\"Fournil Dubois\"", text: "Le Fournil-Dubois ouvre lundi", matches: true),
    .init(query: "\"Fournil Dubois\"", text: "au fournil. Dubois a dit non", matches: false),
    .init(query: "Fournil-Dubois", text: "le fournil dubois", matches: true),
    .init(query: "l'amande", text: "l’amande grillée", matches: true),
    .init(query: "amande", text: "L'AMANDE", matches: true),
    // A phrase matches its words written together as a hashtag.
    .init(query: "\"Boulangerie Mélisse\"", text: "Merci #BoulangerieMelisse", matches: true),
    .init(query: "\"Boulangerie Mélisse\"", text: "Merci #boulangerie_melisse", matches: true),
    .init(query: "\"Boulangerie Mélisse\"", text: "Merci #Boulangerie", matches: false),
    // Handles: names, with or without instance; a word does not match a handle.
    .init(query: "@melisse@mastodon.social", text: "merci @melisse !", matches: true),
    .init(query: "@melisse@mastodon.social", text: "merci @Melisse@mastodon.social.", matches: true),
    .init(query: "@melisse@mastodon.social", text: "merci @melisse@other.social", matches: false),
    .init(query: "@melisse", text: "merci @melisse@other.social", matches: true),
    .init(query: "@melisse", text: "écrivez à contact@melisse.fr", matches: false),
    // An e-mail address is an address, not words (like a link); what is not one stays words.
    .init(query: "melisse", text: "écrivez à contact@melisse.fr", matches: false),
    .init(query: "melisse", text: "écrivez à contact@melisse.fr, Mélisse répond", matches: true),
    .init(query: "18h30", text: "rendez-vous@18h30 devant la boutique", matches: true),
    .init(query: "4", text: "le score 3@4.5", matches: true),
    .init(query: "b", text: "a@b.c", matches: true),
    .init(query: "Mélisse", text: "merci @melisse pour tout", matches: false),
    .init(query: "@fournil.bsky.social", text: "vu chez @fournil.bsky.social.", matches: true),
    // Boolean structure.
    .init(query: "melisse -dubois", text: "Mélisse et Dubois", matches: false),
    .init(query: "melisse -dubois", text: "Mélisse, seule", matches: true),
    .init(query: "melisse NOT \"fournil dubois\"", text: "Mélisse, pas le Fournil Dubois", matches: false),
    .init(query: "melisse NOT \"fournil dubois\"", text: "Mélisse et un fournil, Dubois", matches: true),
    .init(query: "(melisse OR dubois) croissant", text: "un croissant chez Dubois", matches: true),
    .init(query: "(melisse OR dubois) croissant", text: "un croissant chez Paul", matches: false),
    .init(query: "melisse dubois OR paul", text: "chez Paul", matches: true),
    .init(query: "melisse | dubois", text: "chez dubois", matches: true),
    .init(query: "melisse AND dubois", text: "chez dubois", matches: false),
    // Only capitals are operators: "or" is a French word.
    .init(query: "melisse or dubois", text: "melisse dubois", matches: false),
    .init(query: "melisse or dubois", text: "de l'or chez Mélisse et Dubois", matches: true),
    // Links are addresses, not text; a bare domain is words.
    .init(query: "melisse", text: "https://melisse.fr/promo", matches: false),
    .init(query: "melisse", text: "melisse.fr", matches: true),
    // English.
    .init(query: "\"almond croissant\" -stale", text: "Best ALMOND croissant in town!", matches: true),
    .init(query: "\"almond croissant\" -stale", text: "the almond croissant was stale", matches: false),
    .init(query: "bakery", text: "Melisse's bakery", matches: true),
]

@Suite("Watch queries")
struct WatchQueryTests {
    @Test("Matching", arguments: watchQueryExamples)
    fileprivate func matching(_ example: WatchQueryExample) throws {
        let query = try WatchQuery(parsing: example.query)
        #expect(query.matches(example.text) == example.matches)
        // The many-query path gives the same answer as the query alone.
        let matcher = WatchTermMatcher([(id: 42, query: query)])
        #expect(matcher.matches(in: example.text) == (example.matches ? [42] : []))
    }

    @Test("Errors name the problem and the character")
    func errors() {
        func failure(_ text: String) -> WatchQueryError? {
            do {
                _ = try WatchQuery(parsing: text)
                return nil
            } catch {
                return error
            }
        }
        let unclosed = failure("melisse OR \"croissant aux")
        #expect(unclosed?.problem == .unclosedQuote)
        #expect(unclosed?.position == 12)
        #expect(unclosed?.description.contains("at character 12") == true)

        let dangling = failure("melisse NOT")
        #expect(dangling?.problem == .nothingAfter(operator: "NOT"))
        #expect(dangling?.position == 9)
        #expect(dangling?.description.hasPrefix("NOT at character 9 has nothing after it") == true)

        #expect(failure("melisse -")?.problem == .nothingAfter(operator: "-"))
        #expect(failure("OR melisse")?.problem == .nothingBefore(operator: "OR"))
        #expect(failure("OR melisse")?.position == 1)
        #expect(failure("melisse |")?.problem == .nothingAfter(operator: "|"))
        #expect(failure("a (OR b)")?.position == 4)
        #expect(failure("(melisse OR dubois")?.problem == .unclosedParenthesis)
        #expect(failure("melisse OR (dubois")?.position == 12)
        #expect(failure("melisse)")?.problem == .unexpectedClosingParenthesis)
        #expect(failure("melisse)")?.position == 8)
        #expect(failure("melisse ()")?.problem == .emptyParentheses)
        #expect(failure("melisse \"\"")?.problem == .emptyQuote)
        #expect(failure("")?.problem == .empty)
        #expect(failure("   ")?.problem == .empty)
        #expect(failure("!!!")?.problem == .nothingToMatch(term: "!!!"))
        #expect(failure("#")?.problem == .notAHashtag(term: "#"))
        #expect(failure("#2024")?.problem == .notAHashtag(term: "#2024"))
        #expect(failure("@")?.problem == .notAHandle(term: "@"))
        #expect(failure("\"merci @melisse\"")?.problem == .handleInPhrase(term: "merci @melisse"))
        #expect(failure("croiss*")?.problem == .wildcard(term: "croiss*"))
        #expect(failure("bonjour@boulangerie-melisse.ca")?.problem == .emailAddress(term: "bonjour@boulangerie-melisse.ca"))
        #expect(failure("\"écrivez à bonjour@melisse.ca\"")?.problem == .emailAddress(term: "écrivez à bonjour@melisse.ca"))
        #expect(failure("@melisse@mastodon.social") == nil, "a handle is not an address")
        #expect(failure("-dubois")?.problem == .onlyExclusions)
        #expect(failure("NOT (dubois OR paul)")?.problem == .onlyExclusions)
        #expect(failure("melisse OR -dubois")?.problem == .onlyExclusions)
    }

    @Test("Positions count characters, not bytes")
    func positionsInCharacters() {
        do {
            _ = try WatchQuery(parsing: "Mélisse «croissant")
            Issue.record("an unclosed « should be an error")
        } catch {
            #expect(error.problem == .unclosedQuote)
            #expect(error.position == 9)
        }
    }

    @Test("The matcher returns every matching query, in the order given")
    func matcherMany() throws {
        let brand = try WatchQuery(parsing: "Mélisse OR \"Boulangerie Mélisse\" OR @melisse@mastodon.social")
        let product = try WatchQuery(parsing: "\"croissant aux amandes\" OR \"almond croissant\"")
        let competitor = try WatchQuery(parsing: "\"Fournil Dubois\" OR #FournilDubois")
        let onlyPraise = try WatchQuery(parsing: "(Mélisse OR Dubois) (génial OR top) -nul")
        let matcher = WatchTermMatcher([(1, brand), (2, product), (3, competitor), (4, onlyPraise)])
        #expect(matcher.count == 4)
        #expect(matcher.matches(in: "Le croissant aux amandes de #BoulangerieMelisse est génial, le Fournil-Dubois est nul") == [1, 2, 3])
        #expect(matcher.matches(in: "Mélisse c'est top") == [1, 4])
        #expect(matcher.matches(in: "Dubois c'est top, Mélisse c'est nul") == [1])
        #expect(matcher.matches(in: "merci @melisse ! #FournilDubois") == [1, 3])
        #expect(matcher.matches(in: "rien à voir") == [])
        #expect(matcher.matches(in: "") == [])
        #expect(WatchTermMatcher([]).matches(in: "Mélisse") == [])
    }
}

@Suite("Watch queries on shared data", .enabled(if: SharedData.isAvailable, Comment(rawValue: SharedData.skipMessage)))
struct WatchQuerySharedDataTests {
    @Test("French tweets (DEFT 2017): counts, and the matcher agrees with each query alone")
    func deftTweets() throws {
        let url = try #require(SharedData.url("sentiment/fr/deft2017-tweets/french_train_text.txt"))
        let tweets = try String(contentsOf: url, encoding: .utf8).split(whereSeparator: \.isNewline).map(String.init)
        #expect(tweets.count == 1839)
        let sources = ["écologie", "#écologie", "\"Ségolène Royal\"", "royal -ségolène", "nucléaire OR \"gaz de schiste\""]
        let queries = try sources.map { try WatchQuery(parsing: $0) }
        let matcher = WatchTermMatcher(queries.enumerated().map { (id: Int64($0.offset), query: $0.element) })
        var counts = [Int](repeating: 0, count: queries.count)
        var matchingTweets: [[Int]] = Array(repeating: [], count: queries.count)
        for (line, tweet) in tweets.enumerated() {
            let matched = matcher.matches(in: tweet)
            for (index, query) in queries.enumerated() {
                let alone = query.matches(tweet)
                #expect(matched.contains(Int64(index)) == alone, "query \(sources[index]) on line \(line + 1)")
                if alone {
                    counts[index] += 1
                    matchingTweets[index].append(line)
                }
            }
        }
        // Counted with Python regular expressions on the folded text: "ecologie" as a word (339
        // tweets, hashtags included), "#ecologie" as a hashtag (170), "royal" without "segolene" (11).
        #expect(counts[0] == 339)
        #expect(counts[1] == 170)
        #expect(counts[3] == 11)
        // Python finds 31 tweets with the words "segolene royal" and 39 with "nucleaire" or
        // "gaz de schiste"; 4 more each write them as hashtags: "Ségolène #Royal" (lines 484,
        // 1508), "#SégolèneRoyal" (1330), "#SegoleneRoyal" (1519), "#gazdeschiste" (849, 1522,
        // 1798), "Gaz de #schiste" (1571).
        #expect(counts[2] == 35)
        #expect(counts[4] == 43)
        #expect([483, 1329, 1507, 1518].allSatisfy(matchingTweets[2].contains))
        #expect([848, 1521, 1570, 1797].allSatisfy(matchingTweets[4].contains))
        #expect(Array(matchingTweets[1].prefix(5)) == [21, 23, 39, 49, 68])
    }
}
