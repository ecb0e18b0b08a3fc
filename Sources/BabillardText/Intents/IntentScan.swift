/// A place in the folded text, in UTF-8 bytes.
struct IntentSpan: Sendable, Equatable {
    var start: Int
    var end: Int
}

/// One pass over the folded UTF-8 of a text that finds, for each intent, the first cue that shows
/// it. Words are read and hashed in place; links and @mentions are skipped whole (a "?" in a
/// query string or "has-anyone" in a URL path is not a cue); sentence ends (. ! ? newline) reset
/// sentence-start cues, negation and the headline test.
struct IntentScan {
    private let bytes: UnsafeBufferPointer<UInt8>
    private let table: IntentCueTable

    /// The first evidence of each intent, by `Intent.allCases` position.
    private(set) var found: [IntentSpan?] = Array(repeating: nil, count: IntentScan.intentCount)
    /// Cues that count only beside a link, seen before any link.
    private var waitingForLink: [IntentSpan?] = Array(repeating: nil, count: IntentScan.intentCount)
    /// A "?" waiting for the next word: if that word answers it ("because", "non"), it was
    /// rhetorical.
    private var pendingQuestion: (span: IntentSpan, personal: Bool, linksBefore: Int)?
    /// A "?" ending a sentence with no person word, and how many links came before it: a
    /// question unless a link follows it (then it is a headline).
    private var impersonalQuestion: (span: IntentSpan, linksBefore: Int)?
    /// Where a blocker cue matched: shorter cues at that place are skipped.
    private var blockedAt = -1

    private var links = 0
    private var fullLinks = 0
    private var firstFullLink: IntentSpan?
    private var words = 0
    private var sentenceWords = 0
    private var sentenceHasPerson = false
    private var sentenceIsRhetorical = false
    /// The last three words of the sentence, most recent first (for negation).
    private var recent: (Word?, Word?, Word?) = (nil, nil, nil)

    private struct Word {
        var start: Int
        var hash: UInt64
        var isNegator: Bool
        var isBridge: Bool
    }

    static let intentCount = Intent.allCases.count
    /// Beyond this many words, an impersonal "?" is taken as rhetorical.
    static let longTextWords = 60
    static func slot(of intent: Intent) -> Int { Intent.allCases.firstIndex(of: intent)! }
    // Positions in `Intent.allCases`, as literals so that the hot loop needs no lazy globals
    // (`IntentDetectorTests` checks that the order holds).
    private static var questionSlot: Int { 0 }
    private static var complaintSlot: Int { 1 }
    private static var praiseSlot: Int { 2 }
    private static var spamSlot: Int { 6 }

    init(bytes: UnsafeBufferPointer<UInt8>, table: IntentCueTable) {
        self.bytes = bytes
        self.table = table
    }

    mutating func run() {
        var index = 0
        let count = bytes.count
        while index < count {
            let byte = bytes[index]
            if byte < 0x80 {
                if IntentTextBytes.isASCIIWordByte(byte) {
                    if let end = linkEnd(at: index) {
                        noteLink(IntentSpan(start: index, end: end), full: true)
                        index = end
                    } else {
                        index = readWord(at: index)
                    }
                    continue
                }
                switch byte {
                case UInt8(ascii: "@") where index == 0 || !IntentTextBytes.isASCIIWordByte(bytes[index - 1]):
                    index = mentionEnd(at: index)
                    continue
                case UInt8(ascii: "?"), UInt8(ascii: "!"):
                    index = readPunctuationRun(at: index)
                    continue
                case UInt8(ascii: "."), UInt8(ascii: "\n"), UInt8(ascii: ";"):
                    endSentence()
                default:
                    break
                }
                index += 1
            } else {
                let (scalar, length) = IntentTextBytes.scalar(in: bytes, at: index)
                if scalar.properties.isAlphabetic {
                    index = readWord(at: index)
                } else {
                    if scalar == "\u{2026}" { endSentence() }  // …
                    index += length
                }
            }
        }
        finish()
    }

    // MARK: - Words

    private mutating func readWord(at start: Int) -> Int {
        var hash = IntentTextBytes.hashBasis
        var end = start
        while end < bytes.count {
            let length = IntentTextBytes.wordLength(in: bytes, at: end)
            if length == 0 { break }
            for offset in 0..<length { hash = IntentTextBytes.hash(hash, bytes[end + offset]) }
            end += length
        }
        if hash == table.httpHash || hash == table.httpsHash {
            // Datasets replace links by a bare "http"; a real link never gets here.
            noteLink(IntentSpan(start: start, end: end), full: false)
            return end
        }
        if let pending = pendingQuestion, sentenceWords == 0 {
            pendingQuestion = nil
            if !table.answerWords.contains(hash) { confirmQuestion(pending) }
        }
        if table.personWords.contains(hash) { sentenceHasPerson = true }

        for position in table.byFirstWord.lookup(hash) {
            tryCue(Int(table.byFirstWord.cueIDs[position]), at: start, firstWordEnd: end)
        }
        if end - start > 1 { tryPrefixCues(from: start, to: end) }

        let word = Word(
            start: start, hash: hash, isNegator: table.negators.contains(hash), isBridge: table.bridges.contains(hash))
        recent = (word, recent.0, recent.1)
        sentenceWords += 1
        words += 1
        return end
    }

    /// One-word prefix cues ("déçu*"): hashes the word's first n bytes for each n a cue has.
    private mutating func tryPrefixCues(from start: Int, to end: Int) {
        let lengths = table.prefixLengths
        guard lengths.count > 1 else { return }
        var hash = IntentTextBytes.hashBasis
        var length = 0
        while start + length < end && length + 1 < lengths.count {
            hash = IntentTextBytes.hash(hash, bytes[start + length])
            length += 1
            if lengths[length] {
                for position in table.byPrefix.lookup(hash) {
                    tryCue(Int(table.byPrefix.cueIDs[position]), at: start, firstWordEnd: end)
                }
            }
        }
    }

    private mutating func tryCue(_ id: Int, at start: Int, firstWordEnd: Int) {
        let cue = table.cues[id]
        if blockedAt == start || (cue.sentenceStartOnly && sentenceWords != 0) { return }
        let slot = cue.slot
        if slot == Self.questionSlot && sentenceIsRhetorical { return }
        if slot >= 0 {
            let canFlip = slot == Self.praiseSlot
            if found[slot] != nil && !(canFlip && found[Self.complaintSlot] == nil) { return }
        }
        for position in cue.notAfter where follows(table.notAfterHashes[position]) { return }

        let lastWord = cue.firstWord + cue.wordCount - 1
        let singlePrefix = cue.wordCount == 1 && cue.lastWordIsPrefix
        guard wordMatches(cue.firstWord, from: start, to: firstWordEnd, prefix: singlePrefix) else { return }
        var end = firstWordEnd
        var word = cue.firstWord + 1
        while word <= lastWord {
            var next = end
            while next < bytes.count, Self.isJoiner(bytes[next]) { next += 1 }
            guard next > end, next < bytes.count else { return }
            let wordEnd = IntentTextBytes.wordEnd(in: bytes, from: next)
            let prefix = cue.lastWordIsPrefix && word == lastWord
            guard wordEnd > next, wordMatches(word, from: next, to: wordEnd, prefix: prefix) else { return }
            end = wordEnd
            word += 1
        }
        if slot == IntentCueTable.blockerSlot {
            blockedAt = start
            return
        }
        if slot == IntentCueTable.rhetoricalSlot {
            sentenceIsRhetorical = true
            return
        }
        var span = IntentSpan(start: start, end: end)
        var target = slot

        if slot == Self.praiseSlot || slot == Self.complaintSlot, let negation = negationStart() {
            // "pas intéressant", "not great": a complaint; "pas mauvais": no complaint at all.
            guard slot == Self.praiseSlot else { return }
            target = Self.complaintSlot
            span.start = negation
        }
        guard found[target] == nil else { return }
        if cue.needsLink && links == 0 {
            if waitingForLink[target] == nil { waitingForLink[target] = span }
            return
        }
        found[target] = span
    }

    /// Whether one of the two words just before is the word with this hash.
    @inline(__always)
    private func follows(_ hash: UInt64) -> Bool {
        recent.0?.hash == hash || recent.1?.hash == hash
    }

    /// Whether the text's bytes `start..<end` are cue word `word` (or start with it, for a prefix).
    @inline(__always)
    private func wordMatches(_ word: Int, from start: Int, to end: Int, prefix: Bool) -> Bool {
        let wordStart = table.wordBounds[word]
        let wordLength = table.wordBounds[word + 1] - wordStart
        let length = end - start
        if prefix ? length < wordLength : length != wordLength { return false }
        for offset in 0..<wordLength where bytes[start + offset] != table.wordBytes[wordStart + offset] { return false }
        return true
    }

    /// What may separate the words of one cue: spaces, hyphens and apostrophes ("est-ce que",
    /// "can't"), not punctuation that ends a clause.
    @inline(__always)
    private static func isJoiner(_ byte: UInt8) -> Bool {
        byte == 0x20 || byte == 0x09 || byte == 0x2D || byte == 0x27
    }

    /// Where the negation of the cue about to start begins, if the words before it are a
    /// negation and at most two bridging words ("pas vraiment un bon film").
    private func negationStart() -> Int? {
        if let first = recent.0 {
            if first.isNegator { return first.start }
            guard first.isBridge else { return nil }
            if let second = recent.1 {
                if second.isNegator { return second.start }
                guard second.isBridge else { return nil }
                if let third = recent.2, third.isNegator { return third.start }
            }
        }
        return nil
    }

    // MARK: - Links, mentions, punctuation

    /// The end of a link that starts at `index` ("http://", "https://", "www."), or nil.
    private func linkEnd(at index: Int) -> Int? {
        let byte = bytes[index]
        guard byte == UInt8(ascii: "h") || byte == UInt8(ascii: "w") else { return nil }
        guard has("http://", at: index) || has("https://", at: index) || has("www.", at: index) else { return nil }
        var end = index
        while end < bytes.count {
            let next = bytes[end]
            if next <= 0x20 || next >= 0x80 || next == UInt8(ascii: ")") || next == UInt8(ascii: "]")
                || next == UInt8(ascii: ">") || next == UInt8(ascii: "<") || next == UInt8(ascii: "\"")
            { break }
            end += 1
        }
        return end
    }

    private func has(_ literal: StaticString, at index: Int) -> Bool {
        let count = literal.utf8CodeUnitCount
        guard index + count <= bytes.count else { return false }
        let pointer = literal.utf8Start
        for offset in 0..<count where bytes[index + offset] != pointer[offset] { return false }
        return true
    }

    private mutating func noteLink(_ span: IntentSpan, full: Bool) {
        links += 1
        if full {
            fullLinks += 1
            if firstFullLink == nil { firstFullLink = span }
        }
    }

    /// Skips "@handle" (and "@handle@instance"): a name is not a cue.
    private func mentionEnd(at index: Int) -> Int {
        var end = index + 1
        while end < bytes.count {
            let byte = bytes[end]
            if IntentTextBytes.isASCIIWordByte(byte) || byte == UInt8(ascii: "@") {
                end += 1
            } else if byte == UInt8(ascii: "."), end + 1 < bytes.count,
                IntentTextBytes.isASCIIWordByte(bytes[end + 1])
            {
                end += 1
            } else {
                break
            }
        }
        return end
    }

    /// Reads a run of "?" and "!" (spaces between them allowed) that ends a sentence. One or two
    /// "?" alone ask; "?!", "!?" and "???" exclaim ("REALLY???", "Spectre!? Dope!"), which is
    /// how rhetorical questions are most often written.
    private mutating func readPunctuationRun(at start: Int) -> Int {
        var end = start
        var questionMarks = 0
        var exclamations = 0
        var firstQuestionMark = -1
        while end < bytes.count {
            let byte = bytes[end]
            if byte == UInt8(ascii: "?") {
                if firstQuestionMark < 0 { firstQuestionMark = end }
                questionMarks += 1
            } else if byte == UInt8(ascii: "!") {
                exclamations += 1
            } else if byte != 0x20 {
                break
            }
            end += 1
        }
        if questionMarks > 0 && questionMarks < 3 && exclamations == 0 && sentenceWords > 0
            && !sentenceIsRhetorical && found[Self.questionSlot] == nil
        {
            if let pending = pendingQuestion { confirmQuestion(pending) }
            pendingQuestion = (IntentSpan(start: firstQuestionMark, end: firstQuestionMark + 1), sentenceHasPerson, links)
        }
        endSentence()
        return end
    }

    private mutating func confirmQuestion(_ question: (span: IntentSpan, personal: Bool, linksBefore: Int)) {
        guard found[Self.questionSlot] == nil else { return }
        if question.personal {
            found[Self.questionSlot] = question.span
        } else if impersonalQuestion == nil {
            impersonalQuestion = (question.span, question.linksBefore)
        }
    }

    private mutating func endSentence() {
        sentenceWords = 0
        sentenceHasPerson = false
        sentenceIsRhetorical = false
        recent = (nil, nil, nil)
    }

    private mutating func finish() {
        if let pending = pendingQuestion { confirmQuestion(pending) }
        // An impersonal "?" asks in a short post; in a long text (a review, an essay) it is
        // rhetorical far more often than not.
        if found[Self.questionSlot] == nil, let question = impersonalQuestion, links == question.linksBefore,
            words <= Self.longTextWords
        {
            found[Self.questionSlot] = question.span
        }
        if links > 0 {
            for slot in 0..<Self.intentCount where found[slot] == nil {
                found[slot] = waitingForLink[slot]
            }
        }
        // Link-heavy self-promotion: several full links and few words around them.
        if found[Self.spamSlot] == nil, let link = firstFullLink,
            fullLinks >= 3 || (fullLinks == 2 && words <= 12)
        {
            found[Self.spamSlot] = link
        }
    }
}
