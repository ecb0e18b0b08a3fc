import ArgumentParser
import BabillardCore
import BabillardFetch
import BabillardPipeline
import BabillardStore
import Foundation

/// Options that point fetchers somewhere else than the public services.
struct EndpointOptions: ParsableArguments {
    @Option(help: ArgumentHelp("Mastodon instance for #hashtag sources that name none.", valueName: "host"))
    var instance: String = "mastodon.social"

    @Option(help: ArgumentHelp("Send every Mastodon API call to this base URL (a self-hosted instance behind another address).", valueName: "url"))
    var mastodonURL: String?

    @Option(help: ArgumentHelp("Bluesky AppView base URL.", valueName: "url"))
    var blueskyURL: String = "https://public.api.bsky.app"

    var endpoints: FetchEndpoints {
        FetchEndpoints(defaultMastodonInstance: instance, mastodonBaseOverride: mastodonURL, blueskyAppView: blueskyURL)
    }
}

struct SourceCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "source",
        abstract: "Manage the sources that `babillard fetch` polls.",
        subcommands: [Add.self, List.self, Remove.self],
        defaultSubcommand: List.self
    )

    struct Add: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "add",
            abstract: "Follow a feed URL, @user@instance (Mastodon), @name.bsky.social (Bluesky), #hashtag[@instance] or a Bluesky search.",
            discussion: """
                Examples:
                  babillard source add https://blog.example/feed/
                  babillard source add https://blog.example/comments/feed/
                  babillard source add @boulangerie@piaille.fr
                  babillard source add @boulangerie.bsky.social
                  babillard source add '#croissant@mastodon.social'
                  babillard source add 'boulangerie lumière'
                """
        )

        @OptionGroup var store: StoreOptions
        @OptionGroup var endpoints: EndpointOptions

        @Argument(help: ArgumentHelp("What to follow.", valueName: "url|@handle|#tag|query"))
        var locator: String

        func run() async throws {
            let spec: SourceSpecification
            do {
                spec = try SourceLocator.parse(locator, endpoints: endpoints.endpoints)
            } catch {
                throw CommandFailure(error.message)
            }
            let database = try store.openStore()
            let workspace = try await database.workspace(named: store.workspace)
            let source = try await database.addSource(
                kind: spec.kind, locator: spec.locator, endpoint: spec.endpoint, label: spec.label, in: workspace,
                at: Timestamp(epochSeconds: Date().timeIntervalSince1970)
            )
            Terminal.print("\(source.id)\t\(source.kind.rawValue)\t\(source.label)")
            Terminal.printError("Source \(source.id) (\(source.kind.rawValue)) will be read by: babillard fetch --workspace \(workspace.name)")
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "list", abstract: "List the sources and their health.")

        @OptionGroup var store: StoreOptions

        @Flag(help: "Print one JSON object per source.")
        var json = false

        func run() async throws {
            let database = try store.openStore()
            let workspace = try await database.workspace(named: store.workspace)
            let sources = try await database.sources(in: workspace)
            if sources.isEmpty && !json {
                Terminal.printError("No sources in workspace \(workspace.name); add one with: babillard source add URL|@handle|#tag|query")
            }
            for source in sources {
                if json {
                    var object = JSONObjectWriter()
                    object.add("id", Int(source.id))
                    object.add("kind", source.kind.rawValue)
                    object.add("locator", source.locator)
                    object.add("endpoint", source.endpoint)
                    object.add("last_success_at", source.health.lastSuccessAt?.iso8601UTC)
                    object.add("last_error", source.health.lastError)
                    object.add("last_error_at", source.health.lastErrorAt?.iso8601UTC)
                    object.add("consecutive_failures", source.health.consecutiveFailures)
                    object.add("next_fetch_at", source.health.nextFetchAt?.iso8601UTC)
                    object.add("items_last_fetch", source.health.itemsLastFetch)
                    Terminal.print(object.finish())
                } else {
                    Terminal.print(describe(source))
                }
            }
        }

        func describe(_ source: SourceRecord) -> String {
            let health = source.health
            var state: String
            if let success = health.lastSuccessAt {
                state = "last read \(success.iso8601UTC.prefix(16)) (\(health.itemsLastFetch ?? 0) items)"
            } else {
                state = "never read"
            }
            if health.consecutiveFailures > 0, let error = health.lastError {
                state += "; \(health.consecutiveFailures) failure(s) in a row, last: \(error)"
            }
            if let next = health.nextFetchAt {
                state += "; not before \(next.iso8601UTC.prefix(16))"
            }
            return "\(source.id)\t\(source.kind.rawValue)\t\(source.label)\t\(state)"
        }
    }

    struct Remove: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "remove", abstract: "Stop following a source (its items stay).")

        @OptionGroup var store: StoreOptions

        @Argument(help: "The source's number, as `babillard source list` shows it.")
        var id: Int64

        func run() async throws {
            let database = try store.openStore()
            let workspace = try await database.workspace(named: store.workspace)
            guard try await database.removeSource(id, in: workspace) else {
                throw CommandFailure("There is no source \(id) in workspace \(workspace.name); see babillard source list.")
            }
            Terminal.printError("Source \(id) removed; its items stay in the workspace.")
        }
    }
}

struct FetchCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "fetch",
        abstract: "Poll every source that is due and import what is new.",
        discussion: """
            Feeds are asked only for changes (ETag, Last-Modified); Mastodon timelines continue \
            from the newest status already read. A server that asks to wait (429, 503 with \
            Retry-After) is waited for when the wait is short and postponed otherwise; failures are \
            retried with backoff and recorded in the source's health (babillard source list).
            """
    )

    @OptionGroup var store: StoreOptions

    @Flag(help: "Poll every source now, even those postponed after failures.")
    var force = false

    @Flag(help: "Print one JSON object per source on standard output.")
    var json = false

    func run() async throws {
        let database = try store.openStore()
        let workspace = try await database.workspace(named: store.workspace)
        let fetcher = SourceFetcher(store: database, workspace: workspace)
        let reports = try await fetcher.fetchAll(force: force)
        if reports.isEmpty {
            Terminal.printError("No sources in workspace \(workspace.name); add one with: babillard source add URL|@handle|#tag|query")
        }
        for report in reports {
            let counts = report.imports.reduce(into: ImportCounts()) { $0 += $1.counts }
            if json {
                var object = JSONObjectWriter()
                object.add("source", Int(report.source.id))
                object.add("label", report.source.label)
                object.add("not_modified", report.notModified)
                object.add("read", counts.read)
                object.add("imported", counts.imported)
                object.add("updated", counts.updated)
                object.add("rejected", counts.rejected)
                object.add("error", report.error)
                object.add("next_fetch_at", report.skippedUntil?.iso8601UTC)
                Terminal.print(object.finish())
                continue
            }
            if let error = report.error {
                Terminal.printError("\(report.source.label): \(error)")
            } else if let until = report.skippedUntil {
                Terminal.printError("\(report.source.label): postponed until \(until.iso8601UTC.prefix(16)) (use --force to poll now).")
            } else if report.notModified {
                Terminal.printError("\(report.source.label): nothing new (not modified).")
            } else {
                Terminal.printError("\(report.source.label): \(counts.read) read, \(counts.imported) new, \(counts.updated) updated, \(counts.rejected) rejected.")
            }
        }
        let changed = reports.reduce(0) { total, report in total + report.imports.reduce(0) { $0 + $1.counts.imported + $1.counts.updated } }
        if changed > 0 { await AnalyzeStoreRun.analyzeAfterImport(database: database, workspace: workspace) }
    }
}
