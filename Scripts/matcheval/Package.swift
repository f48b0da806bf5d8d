// swift-tools-version: 6.1
// matcheval: precision, recall and time of the same-person matcher on a wave made by
// Scripts/generate.py. A standalone package (no GRDB & co.): `run.sh` copies the matcher's files
// (Sources/PrakerjaKit/Matching/*.swift, which depend on nothing else) into Sources/PrakerjaKit first.
import PackageDescription

let package = Package(
    name: "matcheval",
    targets: [
        .target(name: "PrakerjaKit"),
        .executableTarget(name: "matcheval", dependencies: ["PrakerjaKit"]),
    ],
    swiftLanguageModes: [.v6]
)
