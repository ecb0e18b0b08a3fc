/// What one pass of `LanguageIdentifier` over a text found.
struct LanguageScan {
    /// Log prior plus the log-likelihood of every feature seen, per column.
    var scores = SIMD8<Float>(repeating: 0)
    /// Latin letters read (ß counts as two, like the "ss" it stands for).
    var letters = 0
    /// Letters of other scripts (Greek, Cyrillic, Arabic, CJK, ...), which are not scored.
    var nonLatinLetters = 0
    /// The text holds combining accents (U+0300-U+036F): it must be composed and read again.
    var needsComposition = false
    /// Per column, the words that on their own favour it by at least `decisiveWordMargin`:
    /// a text whose words split between two languages is mixed.
    var wordVotes = SIMD8<Int32>(repeating: 0)

    /// The margin (nats) by which a word's own evidence must favour a column to vote for it:
    /// high, so that only clear words vote ("the", "pourquoi"; not "a", "de" or a name).
    static let decisiveWordMargin: Float = 8

    /// Adds a finished word's vote.
    @inline(__always)
    static func vote(_ scores: SIMD8<Float>, into votes: inout SIMD8<Int32>) {
        var best = 0
        for lane in 1..<8 where scores[lane] > scores[best] { best = lane }
        var second = best == 0 ? 1 : 0
        for lane in 0..<8 where lane != best && scores[lane] > scores[second] { second = lane }
        if scores[best] - scores[second] >= decisiveWordMargin { votes[best] += 1 }
    }
}

extension LanguageIdentifier {
    /// What the end of a word adds: its final bigram and trigram (with the word boundary), then
    /// the word itself when the profile knows it. A static function with its inputs as
    /// parameters, so that nothing is captured on the hot path.
    @inline(__always)
    static func addWordEnd(
        to evidence: inout SIMD8<Float>, previous: UInt8, beforePrevious: UInt8, hash: UInt64, wordLength: Int,
        slots: UnsafeBufferPointer<UInt16>, rows: UnsafeBufferPointer<SIMD8<Float>>, profiles: LanguageProfiles
    ) {
        let boundary = LanguageProfiles.boundary
        let slot = Int(slots[Int(previous) << 6 | Int(boundary)])
        if slot != 0 { evidence += rows[slot] }
        if beforePrevious != LanguageProfiles.noLetter {
            let slot3 = Int(slots[Int(beforePrevious) << 12 | Int(previous) << 6 | Int(boundary)])
            if slot3 != 0 { evidence += rows[slot3] }
        }
        if wordLength <= LanguageProfiles.maxWordLetters, let row = profiles.wordRow(hash: hash) {
            evidence += profiles.wordRows[row]
        }
    }

    /// One pass over UTF-8 bytes: decodes scalars by hand (no `Character`, no allocation),
    /// maps each letter to its 6-bit code, and adds the rows of its unigram, bigram and
    /// trigram as it goes, and the row of each word as it ends.
    ///
    /// `stopAtCombiningMark`: on the first pass a combining accent stops the scan (the caller
    /// composes the text and calls again); on the second it is skipped inside its word.
    func scanBytes(_ bytes: UnsafeBufferPointer<UInt8>, stopAtCombiningMark: Bool = true) -> LanguageScan {
        let profiles = self.profiles
        var scan = LanguageScan()
        let count = min(bytes.count, Self.maxBytes)
        let maxLetters = Self.maxLetters
        let noLetter = LanguageProfiles.noLetter
        let boundary = LanguageProfiles.boundary
        let separator = LanguageProfiles.separator
        let sharpS = LanguageProfiles.sharpS

        return profiles.letterCodes.withUnsafeBufferPointer { codes in
            profiles.gramSlots.withUnsafeBufferPointer { slots in
                profiles.gramRows.withUnsafeBufferPointer { rows in
                    let sCode = codes[0x73]
                    var scores = profiles.prior
                    var wordScores = SIMD8<Float>(repeating: 0)  // the current word's evidence alone
                    var votes = SIMD8<Int32>(repeating: 0)
                    var letters = 0
                    var nonLatin = 0
                    var inWord = false
                    var previous: UInt8 = boundary  // the code before the current one
                    var beforePrevious: UInt8 = noLetter
                    var hash = LanguageProfiles.wordHashSeed
                    var wordLength = 0
                    var index = 0

                    // Letters are added inline: a nested `addLetter` would capture the loop's vars.
                    while index < count {
                        let byte = bytes[index]
                        var code: UInt8
                        if byte < 0x80 {
                            code = codes[Int(byte)]
                            if code == separator {
                                if byte == 0x40 {  // @mention: skip to the next space
                                    index = Self.indexOfSpace(in: bytes, from: index, count: count)
                                } else {
                                    index += 1
                                }
                            } else if !inWord, byte | 0x20 == 0x68 || byte | 0x20 == 0x77,
                                Self.startsLink(bytes, at: index, count: count)
                            {
                                index = Self.indexOfSpace(in: bytes, from: index, count: count)
                                continue
                            } else {
                                index += 1
                            }
                        } else {
                            var scalar: UInt32
                            var length: Int
                            if byte & 0xE0 == 0xC0 {
                                scalar = UInt32(byte & 0x1F); length = 2
                            } else if byte & 0xF0 == 0xE0 {
                                scalar = UInt32(byte & 0x0F); length = 3
                            } else if byte & 0xF8 == 0xF0 {
                                scalar = UInt32(byte & 0x07); length = 4
                            } else {
                                scalar = 0xFFFD; length = 1  // a stray continuation byte
                            }
                            if index + length > count { break }  // cut by maxBytes
                            if length > 1 {
                                for offset in 1..<length { scalar = scalar << 6 | UInt32(bytes[index + offset] & 0x3F) }
                            }
                            index += length
                            if scalar < 0x250 {
                                code = codes[Int(scalar)]
                            } else if scalar >= 0x1E00 && scalar <= 0x1EFF {
                                code = scalar == 0x1E9E ? sharpS : LanguageProfiles.otherLetter
                            } else if scalar >= 0x300 && scalar <= 0x36F {
                                if stopAtCombiningMark {
                                    scan.needsComposition = true
                                    return scan
                                }
                                continue  // an accent that has no composed form: stay in the word
                            } else {
                                code = separator
                                if scalar >= 0x370, let other = Unicode.Scalar(scalar), other.properties.isAlphabetic {
                                    nonLatin += 1
                                }
                            }
                        }

                        if code == separator {
                            guard inWord else { continue }
                            Self.addWordEnd(
                                to: &wordScores, previous: previous, beforePrevious: beforePrevious, hash: hash, wordLength: wordLength,
                                slots: slots, rows: rows, profiles: profiles)
                            scores += wordScores
                            LanguageScan.vote(wordScores, into: &votes)
                            inWord = false
                            if letters >= maxLetters { break }
                            continue
                        }

                        var repeats = 1
                        if code == sharpS {
                            code = sCode
                            repeats = 2
                        }
                        for _ in 0..<repeats {
                            if !inWord {
                                inWord = true
                                beforePrevious = noLetter
                                previous = boundary
                                hash = LanguageProfiles.wordHashSeed
                                wordLength = 0
                                wordScores = SIMD8(repeating: 0)
                            }
                            let slot1 = Int(slots[Int(code)])
                            if slot1 != 0 { wordScores += rows[slot1] }
                            let slot2 = Int(slots[Int(previous) << 6 | Int(code)])
                            if slot2 != 0 { wordScores += rows[slot2] }
                            if beforePrevious != noLetter {
                                let slot3 = Int(slots[Int(beforePrevious) << 12 | Int(previous) << 6 | Int(code)])
                                if slot3 != 0 { wordScores += rows[slot3] }
                            }
                            beforePrevious = previous
                            previous = code
                            hash = LanguageProfiles.wordHash(hash, adding: code)
                            wordLength += 1
                            letters += 1
                        }
                        if letters >= 2 * maxLetters { break }  // one endless "word"
                    }
                    if inWord {
                        Self.addWordEnd(
                            to: &wordScores, previous: previous, beforePrevious: beforePrevious, hash: hash, wordLength: wordLength,
                            slots: slots, rows: rows, profiles: profiles)
                        scores += wordScores
                        LanguageScan.vote(wordScores, into: &votes)
                    }
                    scan.wordVotes = votes
                    scan.scores = scores
                    scan.letters = letters
                    scan.nonLatinLetters = nonLatin
                    return scan
                }
            }
        }
    }

    /// The index of the next ASCII space, tab or line break at or after `index` (or `count`).
    @inline(__always)
    static func indexOfSpace(in bytes: UnsafeBufferPointer<UInt8>, from index: Int, count: Int) -> Int {
        var index = index
        while index < count {
            let byte = bytes[index]
            if byte == 0x20 || byte == 0x0A || byte == 0x09 || byte == 0x0D { return index }
            index += 1
        }
        return count
    }

    /// Whether a word starting at `index` is a link: `http://`, `https://`, `www.`, or a bare
    /// `http`/`https` (truncated tweets end with one), in any case.
    static func startsLink(_ bytes: UnsafeBufferPointer<UInt8>, at index: Int, count: Int) -> Bool {
        @inline(__always) func lower(_ offset: Int) -> UInt8 {
            index + offset < count ? bytes[index + offset] | 0x20 : 0
        }
        if lower(0) == 0x77 {  // www.
            return lower(1) == 0x77 && lower(2) == 0x77 && index + 3 < count && bytes[index + 3] == 0x2E
        }
        guard lower(0) == 0x68, lower(1) == 0x74, lower(2) == 0x74, lower(3) == 0x70 else { return false }
        let end = lower(4) == 0x73 ? 5 : 4
        guard index + end < count else { return true }
        let next = bytes[index + end]
        let isASCIILetter = (next | 0x20) >= 0x61 && (next | 0x20) <= 0x7A
        return !isASCIILetter && next < 0x80
    }
}
