import BabillardCore

extension RawItem {
    /// Hash of everything that makes an item's content, but not its counts: two imports of
    /// the same item with the same fingerprint are duplicates, a different one is an edit.
    var contentFingerprint: Int64 {
        var hash = StableHash()
        hash.combine(kind.rawValue)
        hash.combine(parentExternalID)
        hash.combine(rootExternalID)
        hash.combine(reshareOfExternalID)
        hash.combine(author?.externalID)
        hash.combine(createdAt?.epochMilliseconds)
        hash.combine(createdAt?.utcOffsetMinutes.map { Int64($0) })
        hash.combine(editedAt?.epochMilliseconds)
        hash.combine(title)
        hash.combine(text)
        hash.combine(url)
        hash.combine(language)
        hash.combine(rating)
        hash.combine(ratingScale)
        hash.combine(place?.name)
        hash.combine(place?.externalID)
        hash.combine(place?.latitude)
        hash.combine(place?.longitude)
        hash.combine(place?.address)
        hash.combine(status.rawValue)
        for tag in tags { hash.combine(tag) }
        hash.combine(channel)
        return hash.signedValue
    }
}

extension ActorIdentity {
    /// Hash of the profile facts, to skip rewriting an actor whose profile did not change.
    var profileFingerprint: Int64 {
        var hash = StableHash()
        hash.combine(handle)
        hash.combine(displayName)
        hash.combine(profileURL)
        hash.combine(followers.map { Int64($0) })
        hash.combine(following.map { Int64($0) })
        hash.combine(Int64(isBot ? 1 : 0))
        return hash.signedValue
    }

    /// True when the identity carries nothing but its id (a like from an unknown account).
    var isBare: Bool {
        handle == nil && displayName == nil && profileURL == nil && followers == nil && following == nil && !isBot
    }
}

/// Tags are stored in one column, separated by line breaks (a tag never holds one).
enum TagList {
    static func encode(_ tags: [String]) -> String? {
        tags.isEmpty ? nil : tags.joined(separator: "\n")
    }

    static func decode(_ text: String?) -> [String] {
        guard let text, !text.isEmpty else { return [] }
        return text.split(separator: "\n", omittingEmptySubsequences: true).map(String.init)
    }
}
