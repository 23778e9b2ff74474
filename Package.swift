// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "wargame",
    products: [
        .library(name: "WargameKit", targets: ["WargameKit"]),
        .executable(name: "wargame-repl", targets: ["wargame-repl"]),
        .executable(name: "wargame-bench", targets: ["wargame-bench"]),
    ],
    targets: [
        .systemLibrary(name: "CLua", pkgConfig: "lua5.4", providers: [.apt(["liblua5.4-dev"])]),
        .systemLibrary(name: "CEditLine", pkgConfig: "libedit", providers: [.apt(["libedit-dev"])]),
        .target(
            name: "WargameKit",
            dependencies: ["CLua"],
            resources: [.copy("Resources")]
        ),
        .executableTarget(name: "wargame-repl", dependencies: ["WargameKit", "CEditLine", "CLua"]),
        .executableTarget(name: "wargame-bench", dependencies: ["WargameKit"]),
        .testTarget(
            name: "WargameTests",
            dependencies: ["WargameKit", "CLua"],
            path: "Tests",
            exclude: ["Fixtures"]
        ),
    ],
    swiftLanguageModes: [.v6]
)
