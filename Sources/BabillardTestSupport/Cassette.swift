import Foundation
import Yams

/// One recorded HTTP exchange of a VCR cassette (the YAML that Python's vcrpy writes).
public struct RecordedExchange: Sendable {
    public var method: String
    public var uri: String
    public var status: Int
    /// Header names in lowercase, values joined with ", ".
    public var headers: [String: String]
    public var body: Data
}

/// Why a cassette could not be read.
public struct CassetteError: Error, CustomStringConvertible {
    public var file: String
    public var reason: String
    public var description: String { "\(file): \(reason)" }
}

public enum Cassette {
    /// The exchanges of a cassette, in recorded order.
    public static func load(_ url: URL) throws -> [RecordedExchange] {
        let text = try String(contentsOf: url, encoding: .utf8)
        guard let document = try Yams.load(yaml: text) as? [String: Any],
              let interactions = document["interactions"] as? [[String: Any]]
        else { throw CassetteError(file: url.lastPathComponent, reason: "no interactions list") }
        return interactions.compactMap { interaction in
            guard let request = interaction["request"] as? [String: Any],
                  let response = interaction["response"] as? [String: Any]
            else { return nil }
            let status = (response["status"] as? [String: Any])?["code"] as? Int ?? 200
            var headers: [String: String] = [:]
            for (name, value) in response["headers"] as? [String: Any] ?? [:] {
                let values = (value as? [Any])?.map { "\($0)" } ?? ["\(value)"]
                headers[name.lowercased()] = values.joined(separator: ", ")
            }
            var body = Data()
            if let bodyObject = response["body"] as? [String: Any] {
                if let string = bodyObject["string"] as? String {
                    body = Data(string.utf8)
                } else if let data = bodyObject["string"] as? Data {
                    body = data
                }
            }
            return RecordedExchange(
                method: (request["method"] as? String ?? "GET").uppercased(), uri: request["uri"] as? String ?? "",
                status: status, headers: headers, body: body
            )
        }
    }
}
