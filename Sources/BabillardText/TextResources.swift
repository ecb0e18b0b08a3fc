import Foundation

/// Finds the data files the analysis ships with (lexicons, language profiles, model weights):
/// `$BABILLARD_TEXT_RESOURCES` when set (a folder holding them), else the package's resource
/// bundle. Every loader goes through here, so that a missing or unreadable file is reported
/// the same way, naming the file.
public enum TextResources {
    /// The folder the resources are read from.
    public static var directory: URL {
        if let configured = ProcessInfo.processInfo.environment["BABILLARD_TEXT_RESOURCES"], !configured.isEmpty {
            return URL(fileURLWithPath: configured, isDirectory: true)
        }
        return bundledDirectory
    }

    /// The URL of a resource file, whether or not it exists.
    public static func url(_ name: String) -> URL {
        directory.appendingPathComponent(name)
    }

    /// The bytes of a resource file.
    public static func data(_ name: String) throws(TextResourceError) -> Data {
        let url = url(name)
        guard FileManager.default.fileExists(atPath: url.path) else {
            throw TextResourceError(file: url.path, problem: .missing)
        }
        do {
            return try Data(contentsOf: url, options: .mappedIfSafe)
        } catch {
            throw TextResourceError(file: url.path, problem: .unreadable(error.localizedDescription))
        }
    }

    /// The text of a UTF-8 resource file.
    public static func text(_ name: String) throws(TextResourceError) -> String {
        String(decoding: try utf8Bytes(name), as: UTF8.self)
    }

    /// The bytes of a resource file that must be UTF-8 text (checked).
    public static func utf8Bytes(_ name: String) throws(TextResourceError) -> [UInt8] {
        let bytes = [UInt8](try data(name))
        guard String(validating: bytes, as: UTF8.self) != nil else {
            throw TextResourceError(file: url(name).path, problem: .corrupt("it is not UTF-8 text"))
        }
        return bytes
    }

    /// The copied `Resources` folder of the resource bundle SwiftPM puts beside the executable
    /// (`Babillard_BabillardText.resources` on Linux, `.bundle` on macOS). Found by hand rather
    /// than with `Bundle.module`, whose generated accessor stops the program (`fatalError`) when
    /// the bundle is not where the build left it: a copied binary must get a clear error naming
    /// the missing file instead.
    private static let bundledDirectory: URL = {
        let executable = (Bundle.main.executableURL ?? URL(fileURLWithPath: CommandLine.arguments.first ?? "."))
            .resolvingSymlinksInPath()
        let folder = executable.deletingLastPathComponent()
        let candidates = [
            "Babillard_BabillardText.resources/Resources", "Babillard_BabillardText.resources",
            "Babillard_BabillardText.bundle/Contents/Resources/Resources", "Babillard_BabillardText.bundle/Resources",
        ].map { folder.appendingPathComponent($0, isDirectory: true) }
        return candidates.first { FileManager.default.fileExists(atPath: $0.appendingPathComponent("lexicons").path) }
            ?? candidates[0]
    }()
}

/// A resource (lexicon, profile, model) that is missing, unreadable or corrupt.
public struct TextResourceError: Error, CustomStringConvertible, Sendable, Equatable {
    public enum Problem: Sendable, Equatable {
        case missing
        case unreadable(String)
        case corrupt(String)
    }

    public var file: String
    public var problem: Problem

    public init(file: String, problem: Problem) {
        self.file = file
        self.problem = problem
    }

    public var description: String {
        switch problem {
        case .missing:
            return "The analysis resource \(file) is missing. Reinstall Babillard, or point BABILLARD_TEXT_RESOURCES at a folder that holds it."
        case .unreadable(let reason):
            return "The analysis resource \(file) cannot be read (\(reason))."
        case .corrupt(let reason):
            return "The analysis resource \(file) is corrupt: \(reason). Reinstall Babillard, or point BABILLARD_TEXT_RESOURCES at a good copy (a model of yours: train it again with `babillard train`)."
        }
    }
}
