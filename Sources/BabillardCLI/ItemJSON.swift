import BabillardCore
import BabillardStore

/// The JSON form of an item in `export` and `search --json`. Keys and their meaning are part
/// of the command-line interface: add keys, never rename them.
enum ItemJSON {
    static func encode(_ stored: StoredItem) -> String {
        let item = stored.item
        var object = JSONObjectWriter()
        object.add("kind", item.kind.rawValue)
        object.add("platform", item.platform.rawValue)
        object.add("external_id", item.externalID)
        object.add("parent_external_id", item.parentExternalID)
        object.add("root_external_id", item.rootExternalID)
        object.add("reshare_of_external_id", item.reshareOfExternalID)
        object.add("author", item.author.map { $0.handle ?? $0.displayName ?? $0.externalID })
        object.add("author_id", item.author?.externalID)
        object.add("author_name", item.author?.displayName)
        object.add("author_followers", item.author?.followers)
        object.add("created_at", item.createdAt?.iso8601Original)
        object.add("edited_at", item.editedAt?.iso8601UTC)
        object.add("title", item.title)
        object.add("text", item.text)
        object.add("url", item.url)
        object.add("language", item.language)
        object.add("rating", item.rating)
        object.add("rating_scale", item.ratingScale)
        if let place = item.place {
            var placeObject = JSONObjectWriter()
            placeObject.add("name", place.name)
            placeObject.add("id", place.externalID)
            placeObject.add("latitude", place.latitude)
            placeObject.add("longitude", place.longitude)
            placeObject.add("address", place.address)
            object.add("place", raw: placeObject.finish())
        }
        object.add("likes", item.engagement?.likes)
        object.add("reshares", item.engagement?.reshares)
        object.add("replies", item.engagement?.replies)
        object.add("quotes", item.engagement?.quotes)
        object.add("status", item.status.rawValue)
        object.add("tags", strings: item.tags)
        object.add("channel", item.channel)
        object.add("deleted_at", stored.deletedAt?.iso8601UTC)
        return object.finish()
    }
}
