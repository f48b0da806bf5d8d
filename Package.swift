// swift-tools-version: 6.1
import PackageDescription

let package = Package(
    name: "prakerja",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "prakerja", targets: ["prakerja"]),
        .library(name: "PrakerjaKit", targets: ["PrakerjaKit"]),
    ],
    dependencies: [
        .package(url: "https://github.com/groue/GRDB.swift", exact: "7.10.0"),
        .package(url: "https://github.com/apple/swift-argument-parser", exact: "1.8.2"),
        .package(url: "https://github.com/apple/swift-crypto", exact: "3.12.3"),
        .package(url: "https://github.com/LebJe/TOMLKit", exact: "0.6.0"),
        .package(url: "https://github.com/apple/swift-log", exact: "1.16.2"),
    ],
    targets: [
        // SQLite's process-wide settings, which only C can make (see CSQLiteTuning.h).
        .target(name: "CSQLiteTuning", linkerSettings: [.linkedLibrary("sqlite3")]),
        // SHA-256's compression function, for millions of short messages (see CSHA256Blocks.h).
        .target(name: "CSHA256Blocks"),
        // A thread's own scheduling priority (see CThreadPriority.h).
        .target(name: "CThreadPriority"),
        .target(
            name: "PrakerjaKit",
            dependencies: [
                "CSQLiteTuning",
                "CSHA256Blocks",
                "CThreadPriority",
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "GRDBSQLite", package: "GRDB.swift"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "TOMLKit", package: "TOMLKit"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        .executableTarget(
            name: "prakerja",
            dependencies: [
                "PrakerjaKit",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        .testTarget(
            name: "PrakerjaKitTests",
            dependencies: ["PrakerjaKit", .product(name: "Crypto", package: "swift-crypto")],
            resources: [.copy("Fixtures")]
        ),
    ],
    swiftLanguageModes: [.v6]
)
