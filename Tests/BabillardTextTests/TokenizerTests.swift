import BabillardText
import Testing

@Suite("Tokenizer")
struct TokenizerTests {
    private func kinds(_ text: String) -> [String] {
        Tokenizer.tokens(text).map { "\($0.kind.rawValue):\($0.normalized)" }
    }

    @Test("French elisions are split off, but not from aujourd'hui")
    func elisions() {
        #expect(kinds("L'accueil qu'il m'a fait") == ["elision:l'", "word:accueil", "elision:qu'", "word:il", "elision:m'", "word:a", "word:fait"])
        #expect(kinds("aujourd’hui") == ["word:aujourd'hui"])
        // English contractions stay whole.
        #expect(kinds("don't") == ["word:don't"])
    }

    @Test("Accents and case fold in the normalized form; capitals and elongation are noted")
    func foldingAndEmphasis() {
        let tokens = Tokenizer.tokens("TROOOOP Déçu élève")
        #expect(tokens.map(\.normalized) == ["troop", "decu", "eleve"])
        #expect(tokens[0].isAllCaps && tokens[0].isElongated)
        #expect(tokens[0].squeezed == "trop")
        #expect(!tokens[1].isAllCaps && !tokens[1].isElongated)
    }

    @Test("Hashtags, mentions with their instance, URLs without the final period")
    func socialTokens() {
        #expect(kinds("#Mélisse @melisse@mastodon.social voir https://ex.com/a?b=1.") == [
            "hashtag:melisse", "mention:melisse@mastodon.social", "word:voir", "url:https://ex.com/a?b=1", "punctuation:.",
        ])
    }

    @Test("Emoji sequences and emoticons are one token each; punctuation runs stay together")
    func emojiAndEmoticons() {
        let tokens = Tokenizer.tokens("top 👍🏽👨‍🍳 :-) <3 !!! a:b")
        #expect(tokens.map(\.kind) == [.word, .emoji, .emoji, .emoticon, .emoticon, .punctuation, .word, .punctuation, .word])
        #expect(tokens[1].text == "👍🏽")
        #expect(tokens[2].text == "👨‍🍳")
        #expect(tokens[5].text == "!!!")
    }

    @Test("Numbers keep their decimal comma; hyphenated words are one word")
    func numbersAndCompounds() {
        #expect(kinds("3,50 € peut-être") == ["number:3,50", "punctuation:€", "word:peut-etre"])
    }

    @Test("Bad input: empty, only spaces, control characters, a long text")
    func badInput() {
        #expect(Tokenizer.tokens("").isEmpty)
        #expect(Tokenizer.tokens("   \n\t").isEmpty)
        #expect(kinds("a\u{0}b") == ["word:a", "word:b"])
        let long = String(repeating: "bonjour ", count: 100_000)
        #expect(Tokenizer.tokens(long).count == 100_000)
    }
}
