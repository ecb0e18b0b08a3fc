import BabillardTestSupport
import BabillardText
import Foundation
import Testing

@Suite("Evaluation datasets and figures")
struct EvaluationTests {
    private func write(_ text: String, named name: String, in directory: TemporaryDirectory) throws -> URL {
        let url = directory.url.appendingPathComponent(name)
        try Data(text.utf8).write(to: url)
        return url
    }

    @Test("Allociné CSV with quoted fields, commas and line breaks")
    func allocine() throws {
        let directory = TemporaryDirectory()
        let url = try write("text,label\n\"Super, vraiment\",1\n\"Nul.\nÀ fuir\",0\n", named: "dev.csv", in: directory)
        let data = try LabeledDataset(contentsOf: url)
        #expect(data.format == .allocineCSV)
        #expect(data.examples.map(\.text) == ["Super, vraiment", "Nul.\nÀ fuir"])
        #expect(data.examples.map(\.label) == [.positive, .negative])
        #expect(data.examples[1].line == 3)
    }

    @Test("A bad label is an error naming the file and line")
    func badLabel() throws {
        let directory = TemporaryDirectory()
        let url = try write("text,label\nbien,1\nbof,7\n", named: "bad.csv", in: directory)
        let error = try #require(throws: DatasetError.self) { try LabeledDataset(contentsOf: url) }
        #expect(error.description.contains("bad.csv, line 3"))
        #expect(error.description.contains("'7'"))
    }

    @Test("labels-txt pairs the text file with its labels and checks the counts")
    func labelsText() throws {
        let directory = TemporaryDirectory()
        let textURL = try write("bon\nbof\nnul\n", named: "x_val_text.txt", in: directory)
        _ = try write("2\n1\n0\n", named: "x_val_labels.txt", in: directory)
        let data = try LabeledDataset(contentsOf: textURL)
        #expect(data.examples.map(\.label) == [.positive, .neutral, .negative])
        _ = try write("2\n1\n", named: "x_val_labels.txt", in: directory)
        #expect(throws: DatasetError.self) { try LabeledDataset(contentsOf: textURL) }
    }

    @Test("Accuracy, macro-F1 and confusion on a worked example")
    func report() {
        // truth: 3 neg, 2 neu, 3 pos
        let truth: [SentimentLabel] = [.negative, .negative, .negative, .neutral, .neutral, .positive, .positive, .positive]
        let guess: [SentimentLabel] = [.negative, .negative, .neutral, .neutral, .positive, .positive, .positive, .negative]
        let report = ClassificationReport(classes: [.negative, .neutral, .positive], truth: truth, predicted: guess)
        #expect(report.confusion == [[2, 1, 0], [0, 1, 1], [1, 0, 2]])
        #expect(report.accuracy == 5.0 / 8.0)
        // F1: negative P 2/3 R 2/3 → 2/3; neutral P 1/2 R 1/2 → 1/2; positive P 2/3 R 2/3 → 2/3.
        #expect(abs(report.macroF1 - (2.0 / 3.0 + 0.5 + 2.0 / 3.0) / 3.0) < 1e-12)
    }

    @Test("Pearson's r")
    func pearson() {
        #expect(Correlation.pearson([1, 2, 3], [2, 4, 6]).map { abs($0 - 1) < 1e-12 } == true)
        #expect(Correlation.pearson([1, 2, 3], [3, 2, 1]).map { abs($0 + 1) < 1e-12 } == true)
        #expect(Correlation.pearson([1, 1, 1], [1, 2, 3]) == nil)
    }

    @Test("WordTable finds what it holds and nothing else")
    func wordTable() {
        var table = WordTable(minimumCapacity: 2)
        let words = (0..<5_000).map { "mot\($0)" }
        let ids = words.map { table.insert($0) }
        #expect(Set(ids).count == 5_000)
        #expect(words.indices.allSatisfy { table.id(of: words[$0]) == ids[$0] })
        #expect(table.id(of: "absent") == nil)
        #expect(table.insert("mot42") == ids[42])
        #expect(table.word(ids[7]) == "mot7")
    }
}
