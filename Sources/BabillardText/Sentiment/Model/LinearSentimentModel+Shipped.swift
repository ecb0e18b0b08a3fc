import Foundation

extension LinearSentimentModel {
    /// A model shipped with Babillard: `Resources/models/<name>.bsm` ("fr-reviews", "fr-social").
    ///
    /// Loaded once per file and kept: a model holds `1 << hashBits` weights per column (4 MB for
    /// a two-class model with 20 bits), which is worth reading once, not once per text.
    public static func shipped(_ name: String) throws(TextResourceError) -> LinearSentimentModel {
        guard !name.isEmpty, !name.contains("/"), !name.hasPrefix(".") else {
            throw TextResourceError(file: TextResources.url("models/\(name).bsm").path, problem: .missing)
        }
        return try ShippedModelCache.shared.model(at: TextResources.url("models/\(name).bsm"))
    }

    /// The names of the models Babillard ships.
    public static let shippedNames = ["fr-reviews", "fr-social"]
}

/// The loaded shipped models, by file path. A model is read outside the lock, so that two
/// models load at once (`TextAnalyzer` asks for both together); two threads asking for the same
/// model at once may both read it, and the first stored is kept. Errors are not kept (a file
/// installed later is found on the next call).
private final class ShippedModelCache: @unchecked Sendable {
    static let shared = ShippedModelCache()

    private let lock = NSLock()
    private var models: [String: LinearSentimentModel] = [:]

    func model(at url: URL) throws(TextResourceError) -> LinearSentimentModel {
        if let model = lock.withLock({ models[url.path] }) { return model }
        let model = try LinearSentimentModel(contentsOf: url)
        return lock.withLock {
            if let stored = models[url.path] { return stored }
            models[url.path] = model
            return model
        }
    }
}
