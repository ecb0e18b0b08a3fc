import BabillardTestSupport
import Foundation
import Testing

@Suite("Command line")
struct CommandLineTests {
    let directory = TemporaryDirectory("cli")
    var database: String { directory.path("cli.sqlite") }

    func babillard(_ arguments: String..., input: Data? = nil) throws -> CommandResult {
        try BabillardExecutable.run(arguments, input: input, in: directory.url)
    }

    @Test func helpListsEveryCommand() throws {
        let result = try babillard("--help")
        #expect(result.status == 0)
        for command in ["demo", "import", "export", "search", "status", "source", "fetch", "analyze", "evaluate", "train", "correct", "watch", "keyphrases", "generate", "serve", "user", "token", "alerts"] {
            #expect(result.standardOutput.contains("  \(command) "), "help names \(command)")
        }
    }

    @Test func userAddTakesThePasswordFromStandardInputAndExplainsMistakes() throws {
        let added = try babillard(
            "user", "add", "--db", database, "--email", "lea@example.test", "--password-stdin", "--role", "owner",
            input: Data("correct horse battery\n".utf8))
        #expect(added.status == 0, "\(added.standardError)")
        #expect(added.standardOutput.contains("lea@example.test is owner of the workspace default"))
        #expect(try babillard("user", "list", "--db", database).standardOutput.contains("lea@example.test\towner"))

        let none = try babillard("user", "add", "--db", database, "--email", "max@example.test")
        #expect(none.status != 0 && none.standardError.contains("--password-stdin"))
        let both = try babillard(
            "user", "add", "--db", database, "--email", "max@example.test", "--password", "correct horse battery", "--password-stdin",
            input: Data("x\n".utf8))
        #expect(both.status != 0 && both.standardError.contains("not both"))
        let empty = try babillard("user", "add", "--db", database, "--email", "max@example.test", "--password-stdin", input: Data())
        #expect(empty.status != 0 && empty.standardError.contains("held no password"))
        let weak = try babillard("user", "add", "--db", database, "--email", "max@example.test", "--password-stdin", input: Data("short\n".utf8))
        #expect(weak.status != 0 && weak.standardError.contains("--password-stdin"))
        #expect(!(try babillard("user", "list", "--db", database).standardOutput.contains("max@example.test")))
    }

    @Test func importExplainsWhatIsMissingOrWrong() throws {
        let none = try babillard("import", "--db", database)
        #expect(none.status != 0)
        #expect(none.standardError.contains("Name at least one file to import"))

        let unknown = try babillard("import", "--db", database, "--format", "myspace", "x.xml")
        #expect(unknown.status != 0)
        #expect(unknown.standardError.contains("Unknown format 'myspace'"))
        #expect(unknown.standardError.contains("mastodon-outbox"))
    }

    @Test func importRefusesEmptyBinaryAndMissingFilesWithTheirNames() throws {
        let empty = directory.path("empty.xml")
        _ = FileManager.default.createFile(atPath: empty, contents: Data())
        let binary = directory.path("photo.jpg")
        _ = FileManager.default.createFile(atPath: binary, contents: Data([0xFF, 0xD8, 0xFF, 0xE0, 0, 0x10, 0x4A, 0x46, 0x49, 0x46, 0, 1]))

        let result = try babillard("import", "--db", database, "--json", empty, binary, directory.path("missing.xml"))
        #expect(result.status == 1, "nothing could be read")
        #expect(result.standardError.contains("empty.xml: the file is empty"))
        #expect(result.standardError.contains("photo.jpg: this is a binary file"))
        #expect(result.standardError.contains("missing.xml: cannot open the file"))
        let summary = try JSONSerialization.jsonObject(with: Data(result.standardOutput.utf8)) as? [String: Any]
        #expect(summary?["read"] as? Int == 0)
        #expect((summary?["errors"] as? [[String: Any]])?.count == 3)
        #expect((summary?["errors"] as? [[String: Any]])?.first?["file"] as? String == empty)
    }

    @Test func searchAndExportWorkOnAnEmptyWorkspace() throws {
        let export = try babillard("export", "--db", database, "--workspace", "vide")
        #expect(export.status == 0)
        #expect(export.standardOutput.isEmpty)
        let search = try babillard("search", "--db", database, "--json", "croissant")
        #expect(search.status == 0)
        #expect(search.standardOutput == "{\"items\":[]}\n")
        let onlyExcluded = try babillard("search", "--db", database, "-croissant")
        #expect(onlyExcluded.status != 0)
        #expect(onlyExcluded.standardError.contains("cannot only exclude words"))
    }

    @Test func saysWhenTheDatabaseCannotBeOpened() throws {
        let result = try babillard("status", "--db", directory.path("no/such/folder/x.sqlite"))
        #expect(result.status != 0)
        #expect(result.standardError.contains("does not exist"))
    }

    @Test func sourcesAreAddedListedAndRemoved() throws {
        let added = try babillard("source", "add", "--db", database, "@boulangerie@piaille.fr")
        #expect(added.status == 0)
        #expect(added.standardOutput.hasPrefix("1\tmastodon-account\t@boulangerie@piaille.fr"))
        let again = try babillard("source", "add", "--db", database, "@boulangerie@piaille.fr")
        #expect(again.standardOutput.hasPrefix("1\t"), "the same source is not added twice")
        let bad = try babillard("source", "add", "--db", database, "@a@b@c")
        #expect(bad.status != 0)
        #expect(bad.standardError.contains("is neither @user@instance"))
        let list = try babillard("source", "list", "--db", database)
        #expect(list.standardOutput.contains("never read"))
        #expect(try babillard("source", "remove", "--db", database, "1").status == 0)
        let removedAgain = try babillard("source", "remove", "--db", database, "1")
        #expect(removedAgain.status != 0)
        #expect(removedAgain.standardError.contains("There is no source 1"))
    }

    @Test func demoBuildsAWorkspaceOnceAndShowsIt() throws {
        let first = try babillard("demo", "--db", database, "--items", "1000", "--no-serve")
        #expect(first.status == 0)
        #expect(first.standardOutput.contains("Boulangerie Mélisse"))
        #expect(first.standardOutput.contains("1 000 items"))
        #expect(first.standardOutput.contains("by kind: post"))
        let again = try babillard("demo", "--db", database, "--items", "1000", "--no-serve")
        #expect(again.standardOutput.contains(" 0 new records"), "the same seed on the same day adds nothing")
        let found = try babillard("search", "--db", database, "--json", "livraison")
        let items = (try JSONSerialization.jsonObject(with: Data(found.standardOutput.utf8)) as? [String: Any])?["items"] as? [Any]
        #expect((items?.count ?? 0) > 0, "the demo speaks of delivery")
        let tooFew = try babillard("demo", "--db", database, "--items", "10", "--no-serve")
        #expect(tooFew.status != 0)
        #expect(tooFew.standardError.contains("--items must be between 1000 and 10000000"))
    }

    @Test func generateWritesMastodonStatusesTheImporterReads() throws {
        let file = directory.path("g.jsonl")
        #expect(try babillard("generate", "mastodon-statuses", "--count", "500", "--output", file).status == 0)
        let dryRun = try babillard("import", "--dry-run", "--json", file)
        let summary = try JSONSerialization.jsonObject(with: Data(dryRun.standardOutput.utf8)) as? [String: Any]
        #expect((summary?["read"] as? Int ?? 0) >= 500)
        #expect(summary?["rejected"] as? Int == 0)
        #expect(dryRun.status == 0)
        #expect(!FileManager.default.fileExists(atPath: directory.path("babillard.sqlite")), "a dry run creates no database")
        #expect(try babillard("generate", "mastodon-statuses", "--output", directory.path("no/such/dir/x.jsonl")).standardError.contains("cannot write"))
        #expect(try babillard("generate", "myspace").standardError.contains("Unknown kind 'myspace'"))
    }
}
