import BabillardCore
import Foundation

/// Which column of a CSV file (or which key of a JSON lines object) holds which field of an item:
/// what `--map text=avis,rating=note,created_at=date,author=client` says.
///
/// Column names are compared after `FieldMapping.normalizedName(_:)`: case, accents, spaces,
/// dashes and camelCase do not matter (`Date de publication`, `date_de_publication` and
/// `dateDePublication` are one name). For JSON lines a column may be a dotted path (`user.name`).
///
/// Without `--map`, `guess(columns:)` picks columns by their usual names in French and English:
///
/// | field | names recognised, in order of preference |
/// |---|---|
/// | text | text, body, content, comment, review, review_text, avis, commentaire, message, texte, contenu |
/// | rating | rating, star_rating, stars, note, score, etoiles |
/// | created_at | created_at, date, time, published, published_at, create_time, timestamp, created, date_publication |
/// | author | author, author_name, name, nom, user, username, user_name, client, reviewer, auteur |
/// | external_id | review_id, id |
/// | title | title, titre |
/// | url | url, link, lien |
/// | language | language, lang, langue |
///
/// and any column named exactly like a field (`author_id`, `rating_scale`, `likes`, `tags`…).
/// When no column has one of these names, a column whose first word, else last word, is one of
/// them is taken (`Nom du client`, `Note /5`, `Date de publication`, `Votre avis`), except for
/// external_id: `ID client` does not identify a row.
/// An explicit mapping is used as written: nothing is guessed beside it, so a column that
/// happens to be called `id` never becomes the identity of the rows unless the user says so.
public struct FieldMapping: Sendable, Hashable, CustomStringConvertible {
    /// The fields of a `RawItem` a column can fill, by the name `--map` takes.
    public enum Field: String, CaseIterable, Sendable, Hashable {
        case externalID = "external_id"
        case kind
        case parentExternalID = "parent_external_id"
        case rootExternalID = "root_external_id"
        case reshareOfExternalID = "reshare_of_external_id"
        /// The author's handle or name (a handle when it starts with '@').
        case author
        /// The author's stable id on the platform; the author name stands in when absent.
        case authorID = "author_id"
        case createdAt = "created_at"
        case title
        case text
        case url
        case language
        case rating
        case ratingScale = "rating_scale"
        /// Split on ',' or ';'; a leading '#' is dropped.
        case tags
        case channel
        case likes
        case reshares
        case replies
        /// The name of the place a review or check-in is about.
        case place
        case latitude
        case longitude

        /// Position in `allCases`, for arrays indexed by field.
        var index: Int {
            switch self {
            case .externalID: 0
            case .kind: 1
            case .parentExternalID: 2
            case .rootExternalID: 3
            case .reshareOfExternalID: 4
            case .author: 5
            case .authorID: 6
            case .createdAt: 7
            case .title: 8
            case .text: 9
            case .url: 10
            case .language: 11
            case .rating: 12
            case .ratingScale: 13
            case .tags: 14
            case .channel: 15
            case .likes: 16
            case .reshares: 17
            case .replies: 18
            case .place: 19
            case .latitude: 20
            case .longitude: 21
            }
        }

        static let count = 22
    }

    /// One `field=column` pair.
    public struct Entry: Sendable, Hashable {
        public var field: Field
        /// The column (CSV) or key path (JSON lines) as the user or the guess named it.
        public var column: String

        public init(field: Field, column: String) {
            self.field = field
            self.column = column
        }
    }

    /// The pairs in the order they were given.
    public private(set) var entries: [Entry]

    /// A mapping from pairs; a field given twice keeps its last column.
    public init(_ entries: [Entry]) {
        var kept: [Entry] = []
        for entry in entries {
            kept.removeAll { $0.field == entry.field }
            kept.append(entry)
        }
        self.entries = kept
    }

    public init(_ pairs: KeyValuePairs<Field, String>) {
        self.init(pairs.map { Entry(field: $0.key, column: $0.value) })
    }

    /// The column mapped to a field.
    public subscript(field: Field) -> String? {
        entries.first { $0.field == field }?.column
    }

    public var isEmpty: Bool { entries.isEmpty }

    /// `text=avis,rating=note`: the form `--map` takes.
    public var description: String {
        entries.map { "\($0.field.rawValue)=\($0.column)" }.joined(separator: ",")
    }

    /// Where `parse` errors point: the option, since there is no file yet.
    static let optionLocation = SourceLocation(file: "--map")

    /// Parses `field=column,field=column`. Field names are case-insensitive (`-` and `_` alike);
    /// columns are kept as written and matched loosely when the input is read.
    /// A column name cannot contain ','.
    public static func parse(_ text: String) throws(ReadError) -> FieldMapping {
        var entries: [Entry] = []
        for piece in text.split(separator: ",", omittingEmptySubsequences: false) {
            let pair = piece.trimmingCharacters(in: .whitespaces)
            if pair.isEmpty { continue }
            guard let equals = pair.firstIndex(of: "=") else {
                throw ReadError(.malformed, at: optionLocation, "'\(pair)' has no '=': write field=column, like text=avis,rating=note.")
            }
            let name = pair[..<equals].trimmingCharacters(in: .whitespaces)
            let column = pair[pair.index(after: equals)...].trimmingCharacters(in: .whitespaces)
            let key = name.lowercased().replacingOccurrences(of: "-", with: "_")
            guard let field = Field(rawValue: key) else {
                throw ReadError(
                    .malformed, at: optionLocation,
                    "'\(name)' is not a field Babillard knows; the fields are: \(Field.allCases.map(\.rawValue).joined(separator: ", "))."
                )
            }
            guard !column.isEmpty else {
                throw ReadError(.malformed, at: optionLocation, "'\(pair)' names no column: write \(field.rawValue)=COLUMN.")
            }
            if entries.contains(where: { $0.field == field }) {
                throw ReadError(.malformed, at: optionLocation, "the field \(field.rawValue) is mapped twice; keep one \(field.rawValue)=COLUMN.")
            }
            entries.append(Entry(field: field, column: column))
        }
        guard !entries.isEmpty else {
            throw ReadError(.malformed, at: optionLocation, "the mapping is empty: write field=column pairs, like text=avis,rating=note.")
        }
        return FieldMapping(entries)
    }

    /// Names tried for each field when there is no explicit mapping, in order of preference
    /// (already normalised). Keep the table in the type's doc comment in step.
    static let guesses: [(Field, [String])] = [
        (.text, ["text", "body", "content", "comment", "review", "review_text", "avis", "commentaire", "message", "texte", "contenu"]),
        (.rating, ["rating", "star_rating", "stars", "note", "score", "etoiles"]),
        (.createdAt, ["created_at", "date", "time", "published", "published_at", "create_time", "timestamp", "created", "date_publication"]),
        (.author, ["author", "author_name", "name", "nom", "user", "username", "user_name", "client", "reviewer", "auteur"]),
        (.externalID, ["review_id", "id"]),
        (.title, ["title", "titre"]),
        (.url, ["url", "link", "lien"]),
        (.language, ["language", "lang", "langue"]),
    ]

    /// The mapping guessed from a header's column names (see the type's doc comment). A column
    /// fills one field at most; the mapping may be empty.
    public static func guess(columns: [String]) -> FieldMapping {
        let normalized = columns.map(normalizedName)
        var used = Set<Int>()
        var entries: [Entry] = []
        func take(_ field: Field, _ names: [String]) {
            guard !entries.contains(where: { $0.field == field }) else { return }
            for name in names {
                if let index = normalized.indices.first(where: { normalized[$0] == name && !used.contains($0) }) {
                    used.insert(index)
                    entries.append(Entry(field: field, column: columns[index]))
                    return
                }
            }
        }
        // Exact field names first, so that a file exported by Babillard itself maps back as is.
        for field in Field.allCases { take(field, [field.rawValue]) }
        for (field, names) in guesses { take(field, names) }
        // Then names whose first, else last, word is a known name ("Nom du client", "Note /5",
        // "Votre avis"); never for the id, since "ID client" is not the identity of a row.
        let words = normalized.map { $0.split(separator: "_") }
        for pick in [\[Substring].first, \[Substring].last] {
            for (field, names) in guesses where field != .externalID && !entries.contains(where: { $0.field == field }) {
                outer: for name in names {
                    for index in columns.indices where !used.contains(index) && words[index].count > 1 && words[index][keyPath: pick].map(String.init) == name {
                        used.insert(index)
                        entries.append(Entry(field: field, column: columns[index]))
                        break outer
                    }
                }
            }
        }
        return FieldMapping(entries)
    }

    /// A column name reduced for loose matching: accents and case folded, camelCase split,
    /// and every run of spaces or punctuation turned into one '_' (`"Date de publication"` →
    /// `date_de_publication`, `"createdAt"` → `created_at`, `"Note /5"` → `note_5`).
    public static func normalizedName(_ name: String) -> String {
        var split = ""
        var previousWasLower = false
        for scalar in name.unicodeScalars {
            let isUpper = scalar.properties.isUppercase
            if isUpper && previousWasLower { split.append("_") }
            split.unicodeScalars.append(scalar)
            previousWasLower = scalar.properties.isLowercase || (scalar.properties.numericType != nil)
        }
        let folded = split.folding(options: [.diacriticInsensitive, .caseInsensitive], locale: nil)
        var result = ""
        var pendingSeparator = false
        for scalar in folded.unicodeScalars {
            if scalar.properties.isAlphabetic || scalar.properties.numericType != nil {
                if pendingSeparator && !result.isEmpty { result.append("_") }
                pendingSeparator = false
                result.unicodeScalars.append(scalar)
            } else {
                pendingSeparator = true
            }
        }
        return result
    }
}
