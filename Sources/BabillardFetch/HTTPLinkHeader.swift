import Foundation

/// Parses an HTTP `Link` header (RFC 8288) as Mastodon sends it for pagination:
/// `<https://…?max_id=1>; rel="next", <https://…?min_id=9>; rel="prev"`.
public enum HTTPLinkHeader {
    /// The target of each relation, by relation name (`next`, `prev`…).
    public static func relations(_ header: String) -> [String: String] {
        var result: [String: String] = [:]
        var rest = Substring(header)
        while let open = rest.firstIndex(of: "<") {
            guard let close = rest[open...].firstIndex(of: ">") else { break }
            let target = String(rest[rest.index(after: open)..<close])
            let afterTarget = rest[rest.index(after: close)...]
            let end = afterTarget.firstIndex(of: "<") ?? afterTarget.endIndex
            let parameters = afterTarget[..<end]
            for parameter in parameters.split(separator: ";") {
                let pair = parameter.split(separator: "=", maxSplits: 1)
                guard pair.count == 2, pair[0].trimmingCharacters(in: .whitespaces).lowercased() == "rel" else { continue }
                let names = pair[1].trimmingCharacters(in: CharacterSet(charactersIn: " \"',"))
                for name in names.split(separator: " ") where result[String(name)] == nil {
                    result[String(name)] = target
                }
            }
            rest = afterTarget[end...]
        }
        return result
    }
}
