// swift-tools-version: 6.1
import Foundation
import PackageDescription

/// Settings shared by every target: Swift 6 language mode (the tools version's default)
/// plus the upcoming features swift-log turns on, so that the compiler stays strict.
let strictSettings: [SwiftSetting] = [
    .enableUpcomingFeature("ExistentialAny"),
    .enableUpcomingFeature("MemberImportVisibility"),
]

/// The Swift runtime and Foundation as static archives (swift_static), for the release executable
/// on Linux: linked statically only when the toolchain building the package has every one of them,
/// so that another toolchain, whose archives are named otherwise, still builds (dynamically). The
/// toolchain is the one whose PackageDescription library this manifest runs with (read from
/// /proc/self/maps), else the `swift` found on PATH. `BABILLARD_DYNAMIC_RUNTIME=1` turns it off,
/// for instance when cross-compiling with the Static Linux SDK (musl), which links statically on
/// its own. Building on another system than Linux, the flags are never added.
let staticRuntimeFlags: [String] = {
    #if os(Linux)
    let environment = ProcessInfo.processInfo.environment
    guard environment["BABILLARD_DYNAMIC_RUNTIME"] != "1" else { return [] }
    let archives = [
        "swiftCore", "swift_Concurrency", "swift_StringProcessing", "swift_RegexParser", "swiftSynchronization",
        "swiftGlibc", "BlocksRuntime", "dispatch", "swiftDispatch", "_FoundationICU", "CoreFoundation", "Foundation",
        "FoundationEssentials", "FoundationInternationalization", "_FoundationCShims", "_FoundationCollections",
    ].map { "lib\($0).a" }
    let files = FileManager.default
    // <toolchain>/usr/lib/swift/pm/ManifestAPI/libPackageDescription.so → <toolchain>/usr/lib
    var libraryFolder: URL?
    if let maps = try? String(contentsOfFile: "/proc/self/maps", encoding: .utf8),
       let line = maps.split(separator: "\n").first(where: { $0.hasSuffix("/libPackageDescription.so") }),
       let path = line.split(separator: " ", omittingEmptySubsequences: true).last {
        libraryFolder = URL(fileURLWithPath: String(path)).resolvingSymlinksInPath()
            .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    } else if let directory = (environment["PATH"] ?? "").split(separator: ":").first(where: { files.isExecutableFile(atPath: "\($0)/swift") }) {
        // <toolchain>/usr/bin/swift → <toolchain>/usr/lib
        libraryFolder = URL(fileURLWithPath: "\(directory)/swift").resolvingSymlinksInPath()
            .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("lib")
    }
    guard let folder = libraryFolder?.appendingPathComponent("swift_static/linux").path,
          archives.allSatisfy({ files.fileExists(atPath: "\(folder)/\($0)") }) else { return [] }
    return ["-static-stdlib", "-Xlinker", "--start-group"] + archives.flatMap { ["-Xlinker", "-l:\($0)"] } + ["-Xlinker", "--end-group"]
    #else
    return []
    #endif
}()

let package = Package(
    name: "Babillard",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "babillard", targets: ["babillard"]),
        .library(name: "BabillardCore", targets: ["BabillardCore"]),
        .library(name: "BabillardIngest", targets: ["BabillardIngest"]),
        .library(name: "BabillardStore", targets: ["BabillardStore"]),
        .library(name: "BabillardText", targets: ["BabillardText"]),
        .library(name: "BabillardMetrics", targets: ["BabillardMetrics"]),
        .library(name: "BabillardWeb", targets: ["BabillardWeb"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        .package(url: "https://github.com/swift-server/async-http-client", from: "1.37.0"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.2"),
        .package(url: "https://github.com/jpsim/Yams", from: "5.0.1"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1"),
        .package(url: "https://github.com/hummingbird-project/hummingbird-auth", from: "2.5.0"),
        .package(url: "https://github.com/hummingbird-project/swift-mustache", from: "2.1.1"),
        .package(url: "https://github.com/apple/swift-metrics", from: "2.13.0"),
        .package(url: "https://github.com/swift-server/swift-prometheus", from: "2.4.1"),
        .package(url: "https://github.com/apple/swift-crypto", from: "3.12.3"),
        .package(url: "https://github.com/apple/swift-http-types", from: "1.8.0"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle", from: "2.13.0"),
    ],
    targets: [
        // Domain types, ids and errors. Imports nothing but Foundation.
        .target(name: "BabillardCore", swiftSettings: strictSettings),
        // Format readers: bytes → raw items. Pure; no network, no SQL.
        .target(name: "BabillardIngest", dependencies: ["BabillardCore"], swiftSettings: strictSettings),
        // Text analysis: tokens, language, sentiment with its explanation, intents, near-duplicate
        // fingerprints, watch terms, keyphrases. Pure and synchronous; lexicons and model weights
        // are resources (their origin and licence in docs/DATA.md).
        .target(
            name: "BabillardText",
            dependencies: ["BabillardCore"],
            resources: [.copy("Resources")],
            swiftSettings: strictSettings
        ),
        // Metrics: pure functions over counts and graphs (spike detection so far).
        .target(name: "BabillardMetrics", dependencies: ["BabillardCore"], swiftSettings: strictSettings),
        // The Store protocol and its SQLite implementation (the only place that writes SQL).
        .target(
            name: "BabillardStore",
            dependencies: [
                "BabillardCore", .product(name: "GRDB", package: "GRDB.swift"),
                // SQLite's C API, for the import's hot loop (RawStatement).
                .product(name: "GRDBSQLite", package: "GRDB.swift"),
            ],
            swiftSettings: strictSettings
        ),
        // Composition shared by the CLI and the web: the import pipeline (reader → batches → store).
        .target(
            name: "BabillardPipeline",
            dependencies: ["BabillardCore", "BabillardIngest", "BabillardStore", "BabillardText", "BabillardMetrics"],
            swiftSettings: strictSettings
        ),
        // Fetchers: poll feeds, Mastodon and Bluesky over HTTP (conditional GET, Retry-After, backoff);
        // deliver alerts to webhooks (HMAC-signed, retried with backoff).
        .target(
            name: "BabillardFetch",
            dependencies: [
                "BabillardCore", "BabillardIngest", "BabillardStore", "BabillardPipeline",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "Crypto", package: "swift-crypto"),
            ],
            swiftSettings: strictSettings
        ),
        // Seeded generator of a realistic bilingual demo workspace.
        .target(name: "BabillardDemo", dependencies: ["BabillardCore"], swiftSettings: strictSettings),
        // The workbench: HTTP server (Hummingbird), pages rendered from Mustache templates, SVG
        // charts, sessions and API tokens, the JSON API, French and English strings. The only
        // target that imports a server library.
        .target(
            name: "BabillardWeb",
            dependencies: [
                "BabillardCore", "BabillardStore", "BabillardText", "BabillardPipeline", "BabillardFetch",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdBcrypt", package: "hummingbird-auth"),
                .product(name: "HummingbirdOTP", package: "hummingbird-auth"),
                .product(name: "Mustache", package: "swift-mustache"),
                .product(name: "Metrics", package: "swift-metrics"),
                .product(name: "Prometheus", package: "swift-prometheus"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ],
            resources: [.copy("Resources")],
            swiftSettings: strictSettings
        ),
        // The command line, as a library so that tests can drive it.
        .target(
            name: "BabillardCLI",
            dependencies: [
                "BabillardCore", "BabillardIngest", "BabillardStore", "BabillardText", "BabillardDemo", "BabillardPipeline",
                "BabillardFetch", "BabillardWeb", .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            swiftSettings: strictSettings
        ),
        // Helpers for tests and benchmarks only: finding ../shared/data, temporary folders, VCR
        // cassettes and a local HTTP server on 127.0.0.1 that replays recorded responses.
        .target(
            name: "BabillardTestSupport",
            dependencies: [
                .product(name: "Yams", package: "Yams"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
            ],
            swiftSettings: strictSettings
        ),
        // Release builds on Linux link the Swift runtime and Foundation statically: a binary to copy
        // onto a server that needs only the system's libsqlite3, libstdc++ and zlib, and that starts
        // a third sooner (21 → 14 ms: no symbol resolution across a dozen shared libraries at every
        // command; BENCHMARKS.md). The modules were compiled against the shared runtime, whose link
        // entries do not name Foundation's own parts, so the static archives are listed here, in a
        // group (their order does not matter). Debug builds and tests link dynamically.
        .executableTarget(
            name: "babillard",
            dependencies: ["BabillardCLI"],
            swiftSettings: strictSettings,
            linkerSettings: [.unsafeFlags(staticRuntimeFlags, .when(platforms: [.linux], configuration: .release))]
        ),

        .testTarget(name: "BabillardCoreTests", dependencies: ["BabillardCore", "BabillardTestSupport"], swiftSettings: strictSettings),
        .testTarget(
            name: "BabillardIngestTests",
            dependencies: ["BabillardIngest", "BabillardCore", "BabillardTestSupport"],
            resources: [.copy("Fixtures")],
            swiftSettings: strictSettings
        ),
        .testTarget(
            name: "BabillardStoreTests",
            dependencies: [
                "BabillardStore", "BabillardCore", "BabillardTestSupport",
                .product(name: "GRDB", package: "GRDB.swift"),
            ],
            swiftSettings: strictSettings
        ),
        .testTarget(
            name: "BabillardPipelineTests",
            dependencies: ["BabillardPipeline", "BabillardStore", "BabillardIngest", "BabillardText", "BabillardCore", "BabillardTestSupport"],
            swiftSettings: strictSettings
        ),
        .testTarget(
            name: "BabillardFetchTests",
            dependencies: [
                "BabillardFetch", "BabillardPipeline", "BabillardStore", "BabillardIngest", "BabillardCore", "BabillardTestSupport",
            ],
            swiftSettings: strictSettings
        ),

        .testTarget(
            name: "BabillardTextTests",
            dependencies: ["BabillardText", "BabillardCore", "BabillardTestSupport"],
            resources: [.copy("Fixtures")],
            swiftSettings: strictSettings
        ),
        .testTarget(
            name: "BabillardWebTests",
            dependencies: [
                "BabillardWeb", "BabillardStore", "BabillardCore", "BabillardPipeline", "BabillardText", "BabillardFetch", "BabillardTestSupport",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdTesting", package: "hummingbird"),
                .product(name: "HummingbirdOTP", package: "hummingbird-auth"),
                .product(name: "NIOFoundationCompat", package: "swift-nio"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
            ],
            swiftSettings: strictSettings
        ),
        .testTarget(name: "BabillardMetricsTests", dependencies: ["BabillardMetrics"], swiftSettings: strictSettings),
        .testTarget(
            name: "BabillardDemoTests",
            dependencies: ["BabillardDemo", "BabillardCore", "BabillardIngest"],
            swiftSettings: strictSettings
        ),
        .testTarget(
            name: "BabillardCLITests",
            dependencies: [
                "BabillardCLI", "BabillardStore", "BabillardCore", "BabillardTestSupport",
                .product(name: "GRDB", package: "GRDB.swift"),
            ],
            swiftSettings: strictSettings
        ),
    ]
)
