/// Splits social text in French and English into tokens: words (elisions split off: "l'amour"
/// → "l'" + "amour", but "aujourd'hui" and English contractions kept whole), numbers,
/// hashtags, @mentions (with their instance), URLs, emoji (whole sequences), emoticons and
/// punctuation runs. Letters repeated three times or more are squeezed in the normalized form,
/// and capitals are noted, because both carry emphasis.
///
/// One pass over the text's unicode scalars; the only allocations are the token array and each
/// token's normalized string.
public enum Tokenizer {
    public static func tokens(_ text: String) -> [Token] {
        var tokens: [Token] = []
        tokenize(text) { tokens.append($0) }
        return tokens
    }

    /// Calls `body` with each token in order.
    public static func tokenize(_ text: String, _ body: (Token) -> Void) {
        let scalars = text.unicodeScalars
        var index = scalars.startIndex
        let end = scalars.endIndex

        while index < end {
            let scalar = scalars[index]
            if scalar.properties.isWhitespace || isInvisible(scalar) {
                scalars.formIndex(after: &index)
                continue
            }
            let start = index

            // URLs
            if scalar == "h" || scalar == "H" || scalar == "w" || scalar == "W",
               let urlEnd = urlEnd(in: scalars, from: index) {
                let substring = Substring(scalars[start..<urlEnd])
                body(Token(kind: .url, text: substring, normalized: String(substring)))
                index = urlEnd
                continue
            }
            // Hashtags and mentions
            if scalar == "#" || scalar == "@" {
                var cursor = scalars.index(after: index)
                while cursor < end, isWordScalar(scalars[cursor]) || scalars[cursor] == "_" {
                    scalars.formIndex(after: &cursor)
                }
                if scalar == "@" {
                    // @user@instance.social
                    var domainCursor = cursor
                    if domainCursor < end, scalars[domainCursor] == "@" {
                        scalars.formIndex(after: &domainCursor)
                        var sawDomainLetter = false
                        while domainCursor < end,
                              isWordScalar(scalars[domainCursor]) || scalars[domainCursor] == "-" || scalars[domainCursor] == "."
                        {
                            sawDomainLetter = true
                            scalars.formIndex(after: &domainCursor)
                        }
                        if sawDomainLetter { cursor = domainCursor }
                        while cursor > index, scalars[scalars.index(before: cursor)] == "." { scalars.formIndex(before: &cursor) }
                    }
                }
                if cursor > scalars.index(after: index) {
                    let substring = Substring(scalars[start..<cursor])
                    let body2 = substring.unicodeScalars.dropFirst()
                    body(Token(kind: scalar == "#" ? .hashtag : .mention, text: substring, normalized: TextFolding.fold(String(body2))))
                    index = cursor
                    continue
                }
            }
            // Emoticons (before punctuation, since they are made of it)
            if let emoticonEnd = Emoticons.match(in: scalars, at: index) {
                let substring = Substring(scalars[start..<emoticonEnd])
                body(Token(kind: .emoticon, text: substring, normalized: String(substring)))
                index = emoticonEnd
                continue
            }
            // Emoji sequences
            if isEmojiStart(scalar) {
                var cursor = scalars.index(after: index)
                while cursor < end, isEmojiContinuation(scalars[cursor], after: scalars[scalars.index(before: cursor)]) {
                    scalars.formIndex(after: &cursor)
                }
                let substring = Substring(scalars[start..<cursor])
                body(Token(kind: .emoji, text: substring, normalized: String(substring)))
                index = cursor
                continue
            }
            // Words and numbers
            if isWordScalar(scalar) {
                index = scanWord(scalars, from: index, body)
                continue
            }
            // Punctuation runs of the same mark ("!!!", "???", "..."), or one other symbol.
            var cursor = scalars.index(after: index)
            while cursor < end, scalars[cursor] == scalar { scalars.formIndex(after: &cursor) }
            // "!?!" and "?!" runs
            if scalar == "!" || scalar == "?" {
                while cursor < end, scalars[cursor] == "!" || scalars[cursor] == "?" { scalars.formIndex(after: &cursor) }
            }
            let substring = Substring(scalars[start..<cursor])
            body(Token(kind: .punctuation, text: substring, normalized: String(substring)))
            index = cursor
        }
    }

    // MARK: - Words

    /// Scans a word from `start` and emits it (and its elided article, if any); returns where it ends.
    private static func scanWord(
        _ scalars: String.UnicodeScalarView, from start: String.UnicodeScalarView.Index, _ body: (Token) -> Void
    ) -> String.UnicodeScalarView.Index {
        let end = scalars.endIndex
        var cursor = start
        var letters = 0
        var uppercase = 0
        var digits = 0
        var folded = String.UnicodeScalarView()
        var elongated = false
        var runScalar: Unicode.Scalar?
        var runLength = 0
        var elisionEnd: String.UnicodeScalarView.Index?
        var foldedAtElision = 0

        while cursor < end {
            let scalar = scalars[cursor]
            if isWordScalar(scalar) {
                if scalar.properties.numericType != nil && !scalar.properties.isAlphabetic {
                    digits += 1
                } else {
                    letters += 1
                    if scalar.properties.isUppercase { uppercase += 1 }
                }
                let before = folded.count
                TextFolding.append(scalar, to: &folded)
                // Squeeze runs of three or more of the same folded letter to two.
                if folded.count == before + 1, let last = folded.last {
                    if last == runScalar {
                        runLength += 1
                        if runLength >= 3 {
                            folded.removeLast()
                            elongated = true
                        }
                    } else {
                        runScalar = last
                        runLength = 1
                    }
                } else {
                    runScalar = nil
                    runLength = 0
                }
                scalars.formIndex(after: &cursor)
                continue
            }
            // Inner apostrophe, hyphen or (in numbers) decimal separator.
            let isApostrophe = scalar == "'" || scalar == "\u{2019}" || scalar == "\u{02BC}"
            let isJoiner = isApostrophe || scalar == "-" || ((scalar == "." || scalar == ",") && digits > 0 && letters == 0)
            guard isJoiner else { break }
            let next = scalars.index(after: cursor)
            guard next < end, isWordScalar(scalars[next]) else { break }
            if isApostrophe && elisionEnd == nil && isElisionPrefix(folded) && !isElisionException(scalars, from: start) {
                elisionEnd = next
                foldedAtElision = folded.count
            }
            if isApostrophe {
                folded.append("'")
            } else {
                TextFolding.append(scalar, to: &folded)
            }
            runScalar = nil
            runLength = 0
            cursor = next
        }

        let isNumber = letters == 0
        if let elisionEnd, !isNumber {
            // "l'amour" → "l'" + "amour"; "qu'il" → "qu'" + "il"
            let articleText = Substring(scalars[start..<elisionEnd])
            var article = String.UnicodeScalarView(folded.prefix(foldedAtElision))
            article.append("'")
            body(Token(kind: .elision, text: articleText, normalized: String(article)))
            let wordText = Substring(scalars[elisionEnd..<cursor])
            let rest = String(String.UnicodeScalarView(folded.dropFirst(foldedAtElision + 1)))
            let restLetters = wordText.unicodeScalars.filter { $0.properties.isAlphabetic }
            let restUpper = restLetters.filter { $0.properties.isUppercase }.count
            body(Token(
                kind: .word, text: wordText, normalized: rest,
                isAllCaps: restLetters.count >= 2 && restUpper == restLetters.count, isElongated: elongated))
        } else {
            body(Token(
                kind: isNumber ? .number : .word, text: Substring(scalars[start..<cursor]), normalized: String(folded),
                isAllCaps: letters >= 2 && uppercase == letters, isElongated: elongated))
        }
        return cursor
    }

    /// French articles and pronouns that elide before a vowel (folded, without the apostrophe).
    private static func isElisionPrefix(_ folded: String.UnicodeScalarView) -> Bool {
        switch String(folded) {
        case "l", "d", "j", "m", "n", "s", "t", "c", "qu", "jusqu", "lorsqu", "puisqu", "quoiqu", "presqu": return true
        default: return false
        }
    }

    /// Words whose apostrophe is not an elision: "aujourd'hui", "prud'homme".
    private static func isElisionException(_ scalars: String.UnicodeScalarView, from start: String.UnicodeScalarView.Index) -> Bool {
        var prefix = String.UnicodeScalarView()
        var cursor = start
        while cursor < scalars.endIndex, prefix.count < 9 {
            TextFolding.append(scalars[cursor], to: &prefix)
            scalars.formIndex(after: &cursor)
        }
        let text = String(prefix)
        return text.hasPrefix("aujourd") || text.hasPrefix("prud")
    }

    // MARK: - Character classes

    @inline(__always)
    static func isWordScalar(_ scalar: Unicode.Scalar) -> Bool {
        if scalar.value < 0x80 {
            let v = scalar.value
            return (v >= 0x30 && v <= 0x39) || (v >= 0x41 && v <= 0x5A) || (v >= 0x61 && v <= 0x7A)
        }
        let properties = scalar.properties
        if properties.isAlphabetic { return true }
        if properties.numericType == .decimal { return true }
        // Combining marks (a decomposed accent) belong to their letter.
        switch properties.generalCategory {
        case .nonspacingMark, .spacingMark: return true
        default: return false
        }
    }

    @inline(__always)
    private static func isInvisible(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x200B, 0x200C, 0x2060, 0xFEFF, 0x00AD: return true
        default: return scalar.properties.generalCategory == .control
        }
    }

    @inline(__always)
    static func isEmojiStart(_ scalar: Unicode.Scalar) -> Bool {
        guard scalar.value >= 0x00A9 else { return false }
        let properties = scalar.properties
        if properties.isEmojiPresentation { return true }
        // Text-default emoji (❤, ☺, ✌, ‼) count too; digits, `#` and `*` (also "emoji") do not.
        return properties.isEmoji && scalar.value >= 0x203C
    }

    @inline(__always)
    private static func isEmojiContinuation(_ scalar: Unicode.Scalar, after previous: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0xFE0F, 0xFE0E, 0x20E3: return true  // variation selectors, keycap
        case 0x1F3FB...0x1F3FF: return true  // skin tones
        case 0xE0020...0xE007F: return true  // tag sequences (flags of regions)
        case 0x200D: return true  // zero-width joiner
        case 0x1F1E6...0x1F1FF: return previous.value >= 0x1F1E6 && previous.value <= 0x1F1FF  // second half of a flag
        default: return previous.value == 0x200D && isEmojiStart(scalar)
        }
    }

    // MARK: - URLs

    /// The end of a URL starting at `start` ("http://", "https://" or "www."), without the
    /// punctuation that ends the sentence around it.
    private static func urlEnd(in scalars: String.UnicodeScalarView, from start: String.UnicodeScalarView.Index)
        -> String.UnicodeScalarView.Index?
    {
        var cursor = start
        var prefix = ""
        while cursor < scalars.endIndex, prefix.unicodeScalars.count < 8 {
            prefix.unicodeScalars.append(scalars[cursor])
            scalars.formIndex(after: &cursor)
        }
        let lower = prefix.lowercased()
        guard lower.hasPrefix("http://") || lower.hasPrefix("https://") || lower.hasPrefix("www.") else { return nil }
        cursor = start
        while cursor < scalars.endIndex, !scalars[cursor].properties.isWhitespace {
            scalars.formIndex(after: &cursor)
        }
        while cursor > start {
            let last = scalars[scalars.index(before: cursor)]
            guard ".,;:!?)]}\"'»>".unicodeScalars.contains(last) else { break }
            scalars.formIndex(before: &cursor)
        }
        return cursor
    }
}

/// Text emoticons, matched longest first where they stand alone (so "a:b" is not one).
enum Emoticons {
    static let all: [String] = [
        ":-)", ":)", ":-))", ":))", ":-(", ":(", ":-((", ":((", ":-D", ":D", ";-)", ";)", ":-P", ":P", ":-p", ":p",
        ":'(", ":'-(", ":')", ":-/", ":/", ":-|", ":|", ":-o", ":o", ":-O", ":O", ":-*", ":*", "<3", "</3",
        "xD", "XD", "xd", "^^", "^_^", "-_-", "o_O", "O_o", "=)", "=(", "=D", ";-(", ";(", ":-S", ":S", ":-$",
        "B-)", "8-)", ":-\\", ">:(", ">:-(", "D:", ":3",
    ].sorted { $0.unicodeScalars.count > $1.unicodeScalars.count }

    private static let scalarForms: [[Unicode.Scalar]] = all.map { Array($0.unicodeScalars) }
    private static let firstScalars: Set<Unicode.Scalar> = Set(scalarForms.map { $0[0] })

    static func match(in scalars: String.UnicodeScalarView, at index: String.UnicodeScalarView.Index)
        -> String.UnicodeScalarView.Index?
    {
        guard firstScalars.contains(scalars[index]) else { return nil }
        if index > scalars.startIndex {
            let previous = scalars[scalars.index(before: index)]
            if Tokenizer.isWordScalar(previous) { return nil }
        }
        outer: for form in scalarForms {
            var cursor = index
            for expected in form {
                guard cursor < scalars.endIndex, scalars[cursor] == expected else { continue outer }
                scalars.formIndex(after: &cursor)
            }
            // Must end the token: end of text, space, or punctuation that is not a word.
            if cursor < scalars.endIndex, Tokenizer.isWordScalar(scalars[cursor]) { continue }
            return cursor
        }
        return nil
    }
}
