// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "wargame",
    products: [
        .library(name: "WargameKit", targets: ["WargameKit"]),
        .executable(name: "wargame-repl", targets: ["wargame-repl"]),
        .executable(name: "wargame-bench", targets: ["wargame-bench"]),
    ],
    dependencies: [
        // The exercise's web server: each team plays from its own device.
        .package(url: "https://github.com/hummingbird-project/hummingbird", exact: "2.28.1"),
        // Already Hummingbird's own dependencies: named for the types the server uses directly.
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.2"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
    ],
    targets: [
        .systemLibrary(name: "CLua", pkgConfig: "lua5.4", providers: [.apt(["liblua5.4-dev"])]),
        .systemLibrary(name: "CEditLine", pkgConfig: "libedit", providers: [.apt(["libedit-dev"])]),
        .target(
            name: "WargameKit",
            dependencies: ["CLua"],
            resources: [.copy("Resources")]
        ),
        .target(
            name: "WargameServer",
            dependencies: [
                "WargameKit",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdCore", package: "hummingbird"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        .executableTarget(name: "wargame-repl", dependencies: ["WargameKit", "WargameServer", "CEditLine", "CLua"]),
        .executableTarget(name: "wargame-bench", dependencies: ["WargameKit"]),
        .testTarget(
            name: "WargameTests",
            dependencies: ["WargameKit", "WargameServer", "CLua"],
            path: "Tests",
            exclude: ["Fixtures"]
        ),
    ],
    swiftLanguageModes: [.v6]
)
