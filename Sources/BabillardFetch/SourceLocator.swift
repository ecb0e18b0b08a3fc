import BabillardCore
import BabillardStore
import Foundation

/// Where the public APIs live. Overridable so that tests (and self-hosted instances behind
/// another URL) can point the fetchers elsewhere.
public struct FetchEndpoints: Sendable, Hashable {
    /// The Mastodon instance used for `#hashtag` sources that name none (`#tag@instance` names one).
    public var defaultMastodonInstance: String
    /// When set, every Mastodon API call goes to this base URL instead of `https://<instance>`.
    public var mastodonBaseOverride: String?
    /// Bluesky's public AppView.
    public var blueskyAppView: String
    /// Statuses per Mastodon page (`limit`; 40 is the API's maximum); nil leaves the server's default.
    public var mastodonPageSize: Int?

    public init(
        defaultMastodonInstance: String = "mastodon.social", mastodonBaseOverride: String? = nil,
        blueskyAppView: String = "https://public.api.bsky.app", mastodonPageSize: Int? = 40
    ) {
        self.defaultMastodonInstance = defaultMastodonInstance
        self.mastodonBaseOverride = mastodonBaseOverride
        self.blueskyAppView = blueskyAppView
        self.mastodonPageSize = mastodonPageSize
    }

    var mastodonLimitQuery: String {
        mastodonPageSize.map { "?limit=\($0)" } ?? ""
    }

    func mastodonBase(for instance: String) -> String {
        (mastodonBaseOverride ?? "https://\(instance)").trimmingTrailingSlash
    }
}

/// What a user types to `babillard source add`, understood.
public struct SourceSpecification: Sendable, Hashable {
    public var kind: SourceKind
    public var locator: String
    public var endpoint: String
    public var label: String
}

/// Why a locator cannot become a source.
public struct SourceLocatorError: UserFacingError, Hashable {
    public var message: String
}

/// Turns `https://…`, `@user@instance`, `@handle.bsky.social`, `#tag[@instance]` or a query
/// into the source to poll.
///
/// - A URL is a feed (RSS, Atom or JSON Feed; a blog's comment feed is a feed too).
/// - `@user@instance` is a Mastodon account; `@name.domain` (one `@`, a dot) a Bluesky account.
/// - `#tag` is a Mastodon hashtag timeline on the default instance, `#tag@instance` on that one.
/// - Anything else is a Bluesky post search.
public enum SourceLocator {
    public static func parse(_ text: String, endpoints: FetchEndpoints = FetchEndpoints()) throws(SourceLocatorError) -> SourceSpecification {
        let locator = text.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !locator.isEmpty else {
            throw SourceLocatorError(message: "Say what to follow: a feed URL, @user@instance, @handle.bsky.social, #hashtag or a search.")
        }
        let lower = locator.lowercased()
        if lower.hasPrefix("http://") || lower.hasPrefix("https://") {
            guard let url = URL(string: locator), url.host != nil else {
                throw SourceLocatorError(message: "\(locator) is not a valid URL.")
            }
            return SourceSpecification(kind: .feed, locator: locator, endpoint: url.absoluteString, label: url.host.map { "\($0)\(url.path)" } ?? locator)
        }
        if locator.hasPrefix("@") {
            let parts = locator.dropFirst().split(separator: "@", omittingEmptySubsequences: false)
            if parts.count == 2 {
                let user = String(parts[0]), instance = String(parts[1]).lowercased()
                guard isName(user), isHost(instance) else {
                    throw SourceLocatorError(message: "\(locator) is not a Mastodon address; write it as @user@instance.social.")
                }
                let base = endpoints.mastodonBase(for: instance)
                return SourceSpecification(
                    kind: .mastodonAccount, locator: "@\(user)@\(instance)",
                    endpoint: "\(base)/api/v1/accounts/lookup?acct=\(percentEncoded(user))", label: "@\(user)@\(instance)"
                )
            }
            let handle = String(locator.dropFirst()).lowercased()
            guard parts.count == 1, handle.contains("."), isHost(handle) else {
                throw SourceLocatorError(message: "\(locator) is neither @user@instance (Mastodon) nor @name.bsky.social (Bluesky).")
            }
            return SourceSpecification(
                kind: .blueskyAuthor, locator: "@\(handle)",
                endpoint: "\(endpoints.blueskyAppView.trimmingTrailingSlash)/xrpc/app.bsky.feed.getAuthorFeed?actor=\(percentEncoded(handle))&limit=50",
                label: "@\(handle)"
            )
        }
        if locator.hasPrefix("#") {
            let parts = locator.dropFirst().split(separator: "@", maxSplits: 1)
            guard let tagPart = parts.first, isName(String(tagPart)) else {
                throw SourceLocatorError(message: "\(locator) is not a hashtag; write it as #tag or #tag@instance.")
            }
            let tag = String(tagPart)
            let instance = parts.count == 2 ? String(parts[1]).lowercased() : endpoints.defaultMastodonInstance
            guard isHost(instance) else { throw SourceLocatorError(message: "\(instance) is not an instance name like mastodon.social.") }
            return SourceSpecification(
                kind: .mastodonHashtag, locator: "#\(tag)@\(instance)",
                endpoint: "\(endpoints.mastodonBase(for: instance))/api/v1/timelines/tag/\(percentEncoded(tag))\(endpoints.mastodonLimitQuery)",
                label: "#\(tag) on \(instance)"
            )
        }
        return SourceSpecification(
            kind: .blueskySearch, locator: locator,
            endpoint: "\(endpoints.blueskyAppView.trimmingTrailingSlash)/xrpc/app.bsky.feed.searchPosts?q=\(percentEncoded(locator))&limit=50",
            label: "search \(locator)"
        )
    }

    static func isName(_ text: String) -> Bool {
        !text.isEmpty && text.unicodeScalars.allSatisfy { CharacterSet.alphanumerics.contains($0) || $0 == "_" || $0 == "-" || $0 == "." }
    }

    static func isHost(_ text: String) -> Bool {
        let labels = text.split(separator: ".", omittingEmptySubsequences: false)
        return labels.count >= 2 && labels.allSatisfy { label in
            !label.isEmpty && label.unicodeScalars.allSatisfy { CharacterSet.alphanumerics.contains($0) || $0 == "-" }
        } || text.hasPrefix("127.0.0.1") || text.hasPrefix("localhost")
    }

    static func percentEncoded(_ text: String) -> String {
        var allowed = CharacterSet.alphanumerics
        allowed.insert(charactersIn: "-._~")
        return text.addingPercentEncoding(withAllowedCharacters: allowed) ?? text
    }
}

extension String {
    var trimmingTrailingSlash: String {
        var copy = self
        while copy.hasSuffix("/") { copy.removeLast() }
        return copy
    }
}
