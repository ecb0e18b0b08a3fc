import BabillardStore
import Testing

@Suite("Full-text query")
struct FullTextQueryTests {
    @Test(arguments: [
        ("croissant", "\"croissant\""),
        ("croissant chaud", "\"croissant\" AND \"chaud\""),
        ("\"pain au chocolat\" -chocolatine", "(\"pain au chocolat\") NOT \"chocolatine\""),
        ("croissant OR brioche", "(\"croissant\" OR \"brioche\")"),
        ("boulang*", "\"boulang\"*"),
        ("say \"hi", "\"say\" AND \"hi\""),
        ("a\"b", "\"a\"\"b\""),
    ])
    func translatesWhatPeopleType(typed: String, expression: String) throws {
        #expect(try FullTextQuery.fts5Expression(for: typed) == expression)
    }
}
