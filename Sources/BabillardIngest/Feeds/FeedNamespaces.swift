/// The namespaces feed and WordPress readers understand, with the prefix each reader uses for them
/// whatever prefix a document chose. RSS's and Atom's own namespaces map to bare names, so that
/// `atom:link` in an RSS channel and `link` in an Atom feed read alike.
enum FeedNamespaces {
    static let canonicalPrefixes: [String: String] = [
        "http://www.w3.org/2005/atom": "",
        "http://www.w3.org/2005/Atom": "",
        "http://purl.org/atom/ns#": "",
        "http://purl.org/rss/1.0/": "",
        "http://my.netscape.com/rdf/simple/0.9/": "",
        "http://backend.userland.com/rss2": "",
        "http://blogs.law.harvard.edu/tech/rss": "",
        "http://purl.org/dc/elements/1.1/": "dc",
        "http://purl.org/dc/terms/": "dcterms",
        "http://purl.org/rss/1.0/modules/content/": "content",
        "http://wellformedweb.org/CommentAPI/": "wfw",
        "http://purl.org/rss/1.0/modules/slash/": "slash",
        "http://purl.org/syndication/thread/1.0": "thr",
        "http://www.w3.org/1999/02/22-rdf-syntax-ns#": "rdf",
        "http://www.w3.org/1999/xhtml": "xhtml",
        "http://search.yahoo.com/mrss/": "media",
        "http://search.yahoo.com/mrss": "media",
        "http://www.itunes.com/dtds/podcast-1.0.dtd": "itunes",
        "http://www.georss.org/georss": "georss",
        "http://www.w3.org/2003/01/geo/wgs84_pos#": "geo",
        "http://purl.org/rss/1.0/modules/annotate/": "annotate",
        "http://wordpress.org/export/1.0/": "wp",
        "http://wordpress.org/export/1.1/": "wp",
        "http://wordpress.org/export/1.2/": "wp",
        "http://wordpress.org/export/1.0/excerpt/": "excerpt",
        "http://wordpress.org/export/1.1/excerpt/": "excerpt",
        "http://wordpress.org/export/1.2/excerpt/": "excerpt",
    ]
}
