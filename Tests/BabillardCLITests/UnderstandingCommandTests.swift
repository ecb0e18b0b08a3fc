import BabillardTestSupport
import BabillardText
import Foundation
import GRDB
import Testing

@Suite("Command line: analyze, evaluate, train, correct, watch")
struct UnderstandingCommandTests {
    let directory = TemporaryDirectory("cli-text")
    var database: String { directory.path("text.sqlite") }

    func babillard(_ arguments: String..., input: Data? = nil) throws -> CommandResult {
        try BabillardExecutable.run(arguments, input: input, in: directory.url)
    }

    private func json(_ line: Substring) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
    }

    @Test("analyze: one JSON object per line of standard input, with the documented keys")
    func analyzeLines() throws {
        let input = Data("VADER is smart, handsome, and funny.\nLe pain était rassis, vraiment déçu. Vous remboursez ?\n\n😀\n".utf8)
        let result = try babillard("analyze", input: input)
        #expect(result.status == 0, "\(result.standardError)")
        let lines = result.standardOutput.split(separator: "\n", omittingEmptySubsequences: false).dropLast()
        #expect(lines.count == 4, "one line out per line in, empty ones included")
        let english = try json(lines[0])
        #expect(english["lang"] as? String == "en")
        let sentiment = try #require(english["sentiment"] as? [String: Any])
        #expect(sentiment["score"] as? Double == 0.8316)
        #expect(sentiment["label"] as? String == "positive")
        let explanation = try #require(sentiment["explanation"] as? [[String: Any]])
        #expect(explanation.first?["text"] as? String == "handsome")
        #expect((english["fingerprint"] as? String)?.count == 16)
        let french = try json(lines[1])
        #expect(french["lang"] as? String == "fr")
        #expect((french["sentiment"] as? [String: Any])?["label"] as? String == "negative")
        #expect((french["intents"] as? [String])?.contains("complaint") == true)
        #expect((french["intents"] as? [String])?.contains("question") == true)
        let empty = try json(lines[2])
        #expect(empty["lang"] as? String == "und")
        #expect((empty["sentiment"] as? [String: Any])?["score"] as? Double == 0)
    }

    @Test("analyze: lines analysed on every core come out in their order, each as when analysed alone")
    func analyzeManyLinesInOrder() throws {
        let texts = (0..<300).map { index in
            index % 3 == 0 ? "Commande numéro \(index) toujours pas livrée, très déçu." :
                index % 3 == 1 ? "Order \(index) arrived warm and the croissants were lovely!" : "Est-ce que le pain \(index) est bio ?"
        }
        let forward = try babillard("analyze", input: Data((texts.joined(separator: "\n") + "\n").utf8))
        let backward = try babillard("analyze", input: Data((texts.reversed().joined(separator: "\n") + "\n").utf8))
        #expect(forward.status == 0 && backward.status == 0)
        let forwardLines = forward.standardOutput.split(separator: "\n")
        let backwardLines = backward.standardOutput.split(separator: "\n")
        #expect(forwardLines.count == 300)
        #expect(Array(forwardLines) == Array(backwardLines.reversed()))
        #expect(try json(forwardLines[0])["lang"] as? String == "fr")
        #expect(try json(forwardLines[1])["lang"] as? String == "en")
    }

    @Test("analyze: a text argument gives a readable summary; bad options are explained")
    func analyzeText() throws {
        let result = try babillard("analyze", "--lang", "fr", "--engine", "lexicon", "C'est pas mal du tout")
        #expect(result.status == 0)
        #expect(result.standardOutput.contains("sentiment  positive"))
        #expect(result.standardOutput.contains("idiom"))
        let bad = try babillard("analyze", "--engine", "magic", "x")
        #expect(bad.status != 0)
        #expect(bad.standardError.contains("Unknown engine 'magic'"))
    }

    @Test("A missing resource is an error naming the file")
    func missingResource() throws {
        let empty = directory.path("no-resources")
        try FileManager.default.createDirectory(atPath: empty, withIntermediateDirectories: true)
        let result = try BabillardExecutable.run(["analyze", "bonjour"], environment: ["BABILLARD_TEXT_RESOURCES": empty], in: directory.url)
        #expect(result.status == 2)
        #expect(result.standardError.contains(empty))
        #expect(result.standardError.contains("is missing"))
    }

    @Test("A corrupt lexicon is an error naming the file and its line; a lexicon that is not UTF-8 says so")
    func corruptLexicon() throws {
        let executable = try #require(BabillardExecutable.url)
        let shipped = executable.deletingLastPathComponent().appendingPathComponent("Babillard_BabillardText.resources/Resources")
        try #require(FileManager.default.fileExists(atPath: shipped.appendingPathComponent("lexicons").path), "no resources beside \(executable.path)")
        let copy = directory.url.appendingPathComponent("resources")
        try FileManager.default.copyItem(at: shipped, to: copy)
        let french = copy.appendingPathComponent("lexicons/vader-fr/fr_lexicon.txt")
        var lines = try String(contentsOf: french, encoding: .utf8).components(separatedBy: "\n")
        lines[2] = "ce mot n'a pas de score"
        try Data(lines.joined(separator: "\n").utf8).write(to: french)
        let result = try BabillardExecutable.run(["analyze", "bonjour"], environment: ["BABILLARD_TEXT_RESOURCES": copy.path], in: directory.url)
        #expect(result.status == 2)
        #expect(result.standardError.contains(french.path), "\(result.standardError)")
        #expect(result.standardError.contains("line 3 has no word and score"), "\(result.standardError)")

        // The French lexicon mended, the English one not UTF-8.
        try FileManager.default.removeItem(at: french)
        try FileManager.default.copyItem(at: shipped.appendingPathComponent("lexicons/vader-fr/fr_lexicon.txt"), to: french)
        let english = copy.appendingPathComponent("lexicons/vader/vader_lexicon.txt")
        try Data([0x62, 0x6F, 0xFF, 0x09, 0x31, 0x0A]).write(to: english)
        let notText = try BabillardExecutable.run(["analyze", "hello"], environment: ["BABILLARD_TEXT_RESOURCES": copy.path], in: directory.url)
        #expect(notText.status == 2)
        #expect(notText.standardError.contains(english.path) && notText.standardError.contains("not UTF-8"), "\(notText.standardError)")
    }

    @Test("evaluate reads a labeled file, and names the line of a bad label")
    func evaluate() throws {
        let good = directory.path("tiny.csv")
        try Data("text,label\n\"Un film magnifique, bouleversant et drôle.\",1\n\"Nul, ennuyeux et trop long. À fuir.\",0\n".utf8).write(to: URL(fileURLWithPath: good))
        let result = try babillard("evaluate", "--dataset", good, "--engine", "lexicon", "--json")
        #expect(result.status == 0, "\(result.standardError)")
        let figures = try json(Substring(result.standardOutput.trimmingCharacters(in: .newlines)))
        #expect(figures["examples"] as? Int == 2)
        #expect(figures["accuracy"] as? Double == 1)
        let bad = directory.path("bad.csv")
        try Data("text,label\nbien,1\nbof,maybe\n".utf8).write(to: URL(fileURLWithPath: bad))
        let failure = try babillard("evaluate", "--dataset", bad)
        #expect(failure.status != 0)
        #expect(failure.standardError.contains("bad.csv, line 3"))
    }

    @Test("import analyses new items; correct overrides; watch terms match; train learns from corrections")
    func workspaceFlow() throws {
        let feed = directory.path("comments.jsonl")
        let lines = [
            #"{"id":"1","text":"Le croissant aux amandes de Mélisse est une merveille, merci !","author":"ana"}"#,
            #"{"id":"2","text":"Commande toujours pas reçue, c'est inadmissible. Remboursez-moi.","author":"bo"}"#,
            #"{"id":"3","text":"Est-ce que vous livrez à Laval ?","author":"cy"}"#,
            #"{"id":"4","text":"Le Fournil Dubois fait de meilleures baguettes.","author":"di"}"#,
        ]
        try Data((lines.joined(separator: "\n") + "\n").utf8).write(to: URL(fileURLWithPath: feed))
        let imported = try babillard("import", "--db", database, "--format", "jsonl", "--platform", "google", "--map", "external_id=id,text=text,author=author", feed)
        #expect(imported.status == 0, "\(imported.standardError)")
        #expect(imported.standardError.contains("Analysis: 4 items"))

        let pool = try DatabaseQueue(path: database)
        let labels = try pool.read { db in
            try Row.fetchAll(db, sql: "SELECT i.external_id, a.sentiment_label, a.language, a.intents FROM items i JOIN item_analyses a ON a.item_id = i.id ORDER BY i.external_id")
                .map { [$0[0] as String, $0[1] as String, $0[2] as String, $0[3] as String] }
        }
        #expect(labels.count == 4)
        #expect(labels.allSatisfy { $0[2] == "fr" })
        #expect(labels[1][1] == "negative" && labels[1][3].contains("complaint"))
        #expect(labels[2][3].contains("question"))

        let corrected = try babillard("correct", "--db", database, "--platform", "google", "--id", "4", "--sentiment", "negative", "--intents", "none", "--by", "lea")
        #expect(corrected.status == 0, "\(corrected.standardError)")
        #expect(corrected.standardOutput.contains("sentiment negative (corrected)"))
        let wrong = try babillard("correct", "--db", database, "--platform", "google", "--id", "99", "--sentiment", "negative")
        #expect(wrong.status != 0)
        #expect(wrong.standardError.contains("no google item '99'"))
        #expect(wrong.status == 1 && !wrong.standardError.contains("Usage:"), "a fact about the data, not a misuse of the command")

        let watch = try babillard("watch", "add", "--db", database, "Fournil", "--kind", "competitor", "--query", "\"fournil dubois\" OR #fournil")
        #expect(watch.status == 0, "\(watch.standardError)")
        #expect(watch.standardOutput.contains("1 item matches"))
        let brand = try babillard("watch", "add", "--db", database, "Mélisse", "--query", "melisse")
        #expect(brand.standardOutput.contains("1 item matches"))
        let badQuery = try babillard("watch", "add", "--db", database, "x", "--query", "\"unclosed")
        #expect(badQuery.status != 0)

        // Re-analysing writes the model's view again; the correction still wins, and the corrected
        // (empty) intents are not overwritten.
        let again = try babillard("analyze", "--db", database, "--all")
        #expect(again.status == 0, "\(again.standardError)")
        let status = try babillard("status", "--db", database)
        #expect(status.standardOutput.contains("(2 corrections)"), "a sentiment and an intents correction")
        let (label, intents) = try pool.read { db in
            (
                try String.fetchOne(db, sql: """
                    SELECT COALESCE((SELECT value FROM corrections c WHERE c.item_id = i.id AND c.field = 'sentiment' ORDER BY c.id DESC LIMIT 1),
                                    a.sentiment_label)
                    FROM items i JOIN item_analyses a ON a.item_id = i.id WHERE i.external_id = '4'
                    """),
                try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM item_intents n JOIN items i ON i.id = n.item_id WHERE i.external_id = '4'")!
            )
        }
        #expect(label == "negative" && intents == 0)
        // export and search --json carry the analysis, the person's correction winning.
        let exported = try babillard("export", "--db", database)
        #expect(exported.status == 0, "\(exported.standardError)")
        let byID = Dictionary(uniqueKeysWithValues: try exported.standardOutput.split(separator: "\n").map { line in
            let object = try json(line)
            return (object["external_id"] as? String ?? "", object["analysis"] as? [String: Any] ?? [:])
        })
        let fournil = try #require(byID["4"])
        let fournilSentiment = try #require(fournil["sentiment"] as? [String: Any])
        #expect(fournilSentiment["label"] as? String == "negative" && fournilSentiment["corrected"] as? Bool == true)
        #expect(fournilSentiment["model_label"] as? String != nil && fournilSentiment["score"] as? Double != nil)
        #expect(fournil["intents"] as? [String] == [] && fournil["intents_corrected"] as? Bool == true)
        #expect(fournil["watch_terms"] as? [String] == ["Fournil"] && fournil["language"] as? String == "fr")
        let complaint = try #require(byID["2"])
        #expect((complaint["intents"] as? [String])?.contains("complaint") == true)
        #expect((complaint["sentiment"] as? [String: Any])?["corrected"] as? Bool == false)
        let searched = try babillard("search", "--db", database, "--json", "baguettes")
        let found = try #require((try json(Substring(searched.standardOutput)))["items"] as? [[String: Any]])
        #expect(found.count == 1 && (found.first?["analysis"] as? [String: Any])?["watch_terms"] as? [String] == ["Fournil"])

        let pendingRun = try babillard("analyze", "--db", database, "--pending")
        #expect(pendingRun.status == 0)
        #expect(pendingRun.standardError.contains("nothing new to analyse"))

        let model = directory.path("mine.bsm")
        let trained = try babillard("train", "--db", database, "--from-corrections", "--output", model)
        #expect(trained.status != 0, "one corrected item of one label is not enough to learn from")
        #expect(trained.standardError.contains("at least two labels"))
        // A list with repeats keeps each intent once; an empty name is refused.
        let doubled = try babillard("correct", "--db", database, "--platform", "google", "--id", "4", "--intents", "complaint, question,complaint")
        #expect(doubled.standardOutput.contains("intents complaint, question (corrected)"), "\(doubled.standardOutput)")
        let empty = try babillard("correct", "--db", database, "--platform", "google", "--id", "4", "--intents", ",complaint")
        #expect(empty.status == 64 && empty.standardError.contains("has an empty name"))

        // Corrections feed evaluation: each corrected item scored as its analysis scores it.
        let noModel = try babillard("evaluate", "--db", database, "--from-corrections", "--workspace-models")
        #expect(noModel.status == 1 && noModel.standardError.contains("has no installed model"))
        #expect(try babillard("correct", "--db", database, "--platform", "google", "--id", "1", "--sentiment", "positive").status == 0)
        let evaluated = try babillard("evaluate", "--db", database, "--from-corrections", "--json")
        #expect(evaluated.status == 0, "\(evaluated.standardError)")
        let figures = try json(Substring(evaluated.standardOutput.trimmingCharacters(in: .newlines)))
        #expect(figures["examples"] as? Int == 2 && figures["classes"] as? [String] == ["negative", "neutral", "positive"])
        // The engines read the competitor's "meilleures baguettes" as positive: that is what the
        // correction to negative says they got wrong.
        #expect(figures["confusion"] as? [[Int]] == [[0, 0, 1], [0, 0, 0], [0, 0, 1]] && figures["accuracy"] as? Double == 0.5)
        // A text too short to tell its language is read in the language its platform declared,
        // as its analysis read it ("Nul" alone is not identified as French).
        let short = directory.path("short.jsonl")
        try Data(#"{"id":"5","text":"Nul","lang":"fr","author":"ed"}"#.utf8).write(to: URL(fileURLWithPath: short))
        #expect(try babillard("import", "--db", database, "--format", "jsonl", "--platform", "google", "--map", "external_id=id,text=text,author=author,language=lang", short).status == 0)
        #expect(try babillard("correct", "--db", database, "--platform", "google", "--id", "5", "--sentiment", "negative").status == 0)
        let withShort = try json(Substring(try babillard("evaluate", "--db", database, "--from-corrections", "--json").standardOutput.trimmingCharacters(in: .newlines)))
        #expect(withShort["confusion"] as? [[Int]] == [[1, 0, 1], [0, 0, 0], [0, 0, 1]], "\(withShort)")

        // An edit imported without analysis leaves the analysis of the old text: export says so.
        func exportedAnalysis(_ id: String) throws -> [String: Any]? {
            for line in try babillard("export", "--db", database).standardOutput.split(separator: "\n") {
                let object = try json(line)
                if object["external_id"] as? String == id { return object["analysis"] as? [String: Any] }
            }
            return nil
        }
        #expect(try exportedAnalysis("2")?["stale"] as? Bool == false)
        #expect(try exportedAnalysis("2")?["analyzer"] as? String == TextAnalyzer.version)
        let edited = directory.path("edited.jsonl")
        try Data(#"{"id":"2","text":"Commande reçue, merci beaucoup !","author":"bo"}"#.utf8).write(to: URL(fileURLWithPath: edited))
        #expect(try babillard("import", "--db", database, "--no-analysis", "--format", "jsonl", "--platform", "google", "--map", "external_id=id,text=text,author=author", edited).status == 0)
        #expect(try exportedAnalysis("2")?["stale"] as? Bool == true)
        #expect(try babillard("analyze", "--db", database, "--pending").status == 0)
        let redone = try #require(try exportedAnalysis("2"))
        #expect(redone["stale"] as? Bool == false && (redone["intents"] as? [String])?.contains("praise") == true)
        // A measurement creates nothing: a database or workspace that does not exist is named.
        let noDatabase = try babillard("evaluate", "--db", directory.path("none.sqlite"), "--from-corrections")
        #expect(noDatabase.status == 1 && noDatabase.standardError.contains("There is no database at"))
        #expect(!FileManager.default.fileExists(atPath: directory.path("none.sqlite")))
        let noWorkspace = try babillard("evaluate", "--db", database, "--workspace", "typo", "--from-corrections")
        #expect(noWorkspace.status == 1 && noWorkspace.standardError.contains("has no workspace 'typo' (it has: default)"))
        let neither = try babillard("evaluate", "--db", database)
        #expect(neither.status == 64 && neither.standardError.contains("Say what to evaluate on"))
    }

    @Test("demo analyses its workspace and names its competitors; status and keyphrases read it")
    func demoAnalysisAndKeyphrases() throws {
        let demo = try babillard("demo", "--db", database, "--items", "2000", "--no-serve")
        #expect(demo.status == 0, "\(demo.standardError)")
        #expect(demo.standardOutput.contains("sentiment: negative"))
        #expect(demo.standardOutput.contains("Boulangerie Mélisse (brand)"))
        #expect(demo.standardOutput.contains("Miettes & Cie (competitor)"))
        let pool = try DatabaseQueue(path: database)
        let (items, analysed, matches) = try pool.read { db in
            (try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM items")!, try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM item_analyses")!,
             try Int.fetchOne(db, sql: "SELECT COUNT(DISTINCT watch_term_id) FROM item_watch_matches")!)
        }
        #expect(items == analysed)
        #expect(matches == 3, "the brand and both competitors are mentioned")
        let phrases = try babillard("keyphrases", "--db", database, "--json", "--days", "30")
        #expect(phrases.status == 0, "\(phrases.standardError)")
        let object = try json(Substring(phrases.standardOutput.trimmingCharacters(in: .newlines)))
        let list = try #require(object["phrases"] as? [[String: Any]])
        #expect(!list.isEmpty)
        #expect(list.allSatisfy { ($0["current"] as? Int ?? 0) >= 2 })
        let bad = try babillard("keyphrases", "--db", database, "--until", "yesterday")
        #expect(bad.status != 0)
        #expect(bad.standardError.contains("is not a date"))
    }
}
