import ArgumentParser

/// `babillard`: listen to what is said about a business, understand it, answer it, measure it.
public struct BabillardCommand: AsyncParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "babillard",
        abstract: "Babillard: a self-hosted workbench for a business's presence on social media.",
        discussion: """
            Data lives in one SQLite file (--db, $BABILLARD_DB, or ./babillard.sqlite), \
            divided into workspaces (--workspace, default "default").
            Start with: babillard demo
            """,
        version: "0.1.0",
        subcommands: [
            DemoCommand.self, ImportCommand.self, ExportCommand.self, SearchCommand.self, StatusCommand.self, SourceCommand.self,
            FetchCommand.self, AnalyzeCommand.self, EvaluateCommand.self, TrainCommand.self, CorrectCommand.self, WatchCommand.self,
            KeyphrasesCommand.self, ServeCommand.self, UserCommand.self, TokenCommand.self, AlertsCommand.self,
            GenerateCommand.self,
        ]
    )

    public init() {}
}

/// The entry point of the `babillard` executable.
public enum BabillardMain {
    public static func run() async {
        await BabillardCommand.main()
    }
}
