import BabillardCore
import BabillardStore
import Foundation
import HTTPTypes
import Hummingbird
import Logging

/// Finds the workbench's files (templates, strings, CSS, the OpenAPI document):
/// `$BABILLARD_WEB_RESOURCES` or the configured folder when set, else the `Resources` folder of
/// the resource bundle SwiftPM puts beside the executable. Found by hand rather than with
/// `Bundle.module`, whose accessor stops a copied binary instead of saying which file is missing.
enum WebResources {
    static func directory(configured: String?) throws(WebStartupError) -> URL {
        if let configured, !configured.isEmpty { return try check(URL(fileURLWithPath: configured, isDirectory: true)) }
        if let configured = ProcessInfo.processInfo.environment["BABILLARD_WEB_RESOURCES"], !configured.isEmpty {
            return try check(URL(fileURLWithPath: configured, isDirectory: true))
        }
        let executable = (Bundle.main.executableURL ?? URL(fileURLWithPath: CommandLine.arguments.first ?? "."))
            .resolvingSymlinksInPath()
        let folder = executable.deletingLastPathComponent()
        let candidates = [
            "Babillard_BabillardWeb.resources/Resources", "Babillard_BabillardWeb.resources",
            "Babillard_BabillardWeb.bundle/Contents/Resources/Resources", "Babillard_BabillardWeb.bundle/Resources",
        ].map { folder.appendingPathComponent($0, isDirectory: true) }
        return try check(candidates.first { FileManager.default.fileExists(atPath: $0.appendingPathComponent("templates").path) } ?? candidates[0])
    }

    private static func check(_ folder: URL) throws(WebStartupError) -> URL {
        for part in ["templates", "strings", "static", "openapi.json"] where !FileManager.default.fileExists(atPath: folder.appendingPathComponent(part).path) {
            throw WebStartupError(
                "The workbench's files are missing: \(folder.appendingPathComponent(part).path) does not exist. Reinstall Babillard, or point BABILLARD_WEB_RESOURCES at its Resources folder.")
        }
        return folder
    }
}

/// Why the workbench could not start, as a sentence a user can act on.
public struct WebStartupError: Error, CustomStringConvertible, Sendable {
    public var description: String
    init(_ description: String) { self.description = description }
}
