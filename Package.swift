// swift-tools-version: 6.1
import PackageDescription

/// Settings shared by every target: Swift 6 language mode (the tools version's default)
/// plus the upcoming features swift-log turns on, so that the compiler stays strict.
let strictSettings: [SwiftSetting] = [
    .enableUpcomingFeature("ExistentialAny"),
    .enableUpcomingFeature("MemberImportVisibility"),
]

let package = Package(
    name: "Babillard",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "babillard", targets: ["babillard"]),
        .library(name: "BabillardCore", targets: ["BabillardCore"]),
        .library(name: "BabillardIngest", targets: ["BabillardIngest"]),
        .library(name: "BabillardStore", targets: ["BabillardStore"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
    ],
    targets: [
        // Domain types, ids and errors. Imports nothing but Foundation.
        .target(name: "BabillardCore", swiftSettings: strictSettings),
        // Format readers: bytes → raw items. Pure; no network, no SQL.
        .target(name: "BabillardIngest", dependencies: ["BabillardCore"], swiftSettings: strictSettings),
        // The Store protocol and its SQLite implementation (the only place that writes SQL).
        .target(
            name: "BabillardStore",
            dependencies: ["BabillardCore", .product(name: "GRDB", package: "GRDB.swift")],
            swiftSettings: strictSettings
        ),
        // Composition shared by the CLI and the web: the import pipeline (reader → batches → store).
        .target(
            name: "BabillardPipeline",
            dependencies: ["BabillardCore", "BabillardIngest", "BabillardStore"],
            swiftSettings: strictSettings
        ),
        // Seeded generator of a realistic bilingual demo workspace.
        .target(name: "BabillardDemo", dependencies: ["BabillardCore"], swiftSettings: strictSettings),
        // The command line, as a library so that tests can drive it.
        .target(
            name: "BabillardCLI",
            dependencies: [
                "BabillardCore", "BabillardIngest", "BabillardStore", "BabillardDemo", "BabillardPipeline",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            swiftSettings: strictSettings
        ),
        // Helpers for tests and benchmarks only (finding ../shared/data).
        .target(name: "BabillardTestSupport", swiftSettings: strictSettings),
        .executableTarget(name: "babillard", dependencies: ["BabillardCLI"], swiftSettings: strictSettings),

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
            dependencies: ["BabillardPipeline", "BabillardStore", "BabillardIngest", "BabillardCore", "BabillardTestSupport"],
            swiftSettings: strictSettings
        ),
        .testTarget(
            name: "BabillardCLITests",
            dependencies: ["BabillardCLI", "BabillardStore", "BabillardCore", "BabillardTestSupport"],
            swiftSettings: strictSettings
        ),
    ]
)
