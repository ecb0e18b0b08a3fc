import Foundation



/// Charts drawn by the server as SVG: no script, readable by screen readers (a title, a
/// description and the numbers as a table beside the drawing), printable, themable in CSS
/// through the `series-N` classes.
enum SVGChart {
    struct Series {
        var name: String
        var values: [Double]
        /// The CSS class that colours it; `series-N` by position when nil.
        var cssClass: String? = nil
    }

    static let width = 640.0
    static let height = 200.0
    static let margin = (left: 44.0, right: 8.0, top: 10.0, bottom: 26.0)

    /// Stacked bars (one per label), e.g. items per day by platform.
    static func stackedBars(id: String, title: String, description: String, labels: [String], series: [Series]) -> String {
        let count = labels.count
        let totals = (0..<count).map { index in series.reduce(0) { $0 + ($1.values.indices.contains(index) ? $1.values[index] : 0) } }
        let top = niceMaximum(totals.max() ?? 0)
        let plotWidth = width - margin.left - margin.right, plotHeight = height - margin.top - margin.bottom
        let slot = count == 0 ? plotWidth : plotWidth / Double(count)
        var svg = open(id: id, title: title, description: description)
        svg += axis(top: top, labels: labels, slot: slot)
        for index in 0..<count {
            var base = 0.0
            for (seriesIndex, line) in series.enumerated() {
                let value = line.values.indices.contains(index) ? line.values[index] : 0
                guard value > 0 else { continue }
                let barHeight = value / top * plotHeight
                let y = margin.top + plotHeight - (base + value) / top * plotHeight
                svg += "<rect class=\"series-\(seriesIndex)\" x=\"\(format(margin.left + Double(index) * slot + slot * 0.1))\" y=\"\(format(y))\" width=\"\(format(max(1, slot * 0.8)))\" height=\"\(format(barHeight))\"><title>\(escape(labels[index])) · \(escape(line.name)): \(Int(value))</title></rect>"
                base += value
            }
        }
        svg += "</svg>"
        return svg + legend(series) + table(id: id, title: title, labels: labels, series: series)
    }

    /// Lines, e.g. positive and negative items per day.
    static func lines(id: String, title: String, description: String, labels: [String], series: [Series], minimum: Double? = nil) -> String {
        let all = series.flatMap(\.values)
        let low = minimum ?? min(0, all.min() ?? 0)
        let top = niceMaximum(max(all.max() ?? 0, low + 1))
        let plotWidth = width - margin.left - margin.right, plotHeight = height - margin.top - margin.bottom
        let slot = labels.isEmpty ? plotWidth : plotWidth / Double(labels.count)
        var svg = open(id: id, title: title, description: description)
        svg += axis(top: top, labels: labels, slot: slot, low: low)
        for (seriesIndex, line) in series.enumerated() where !line.values.isEmpty {
            let points = line.values.enumerated().map { index, value in
                "\(format(margin.left + (Double(index) + 0.5) * slot)),\(format(margin.top + plotHeight - (value - low) / (top - low) * plotHeight))"
            }
            svg += "<polyline class=\"\(line.cssClass ?? "series-\(seriesIndex)")\" fill=\"none\" points=\"\(points.joined(separator: " "))\"><title>\(escape(line.name))</title></polyline>"
        }
        svg += "</svg>"
        return svg + legend(series) + table(id: id, title: title, labels: labels, series: series)
    }

    /// One horizontal bar per entry, e.g. share of voice. Narrower than the time charts, so that
    /// its labels stay readable in a half-width card.
    static func horizontalBars(id: String, title: String, description: String, entries: [(label: String, value: Double, text: String)]) -> String {
        let chartWidth = 400.0, labelWidth = 170.0, textWidth = 50.0, rowHeight = 28.0
        let chartHeight = max(rowHeight, Double(entries.count) * rowHeight)
        let top = max(entries.map(\.value).max() ?? 0, 1)
        var svg = "<svg class=\"chart bars\" role=\"img\" aria-labelledby=\"\(id)-title \(id)-desc\" viewBox=\"0 0 \(Int(chartWidth)) \(Int(chartHeight))\" xmlns=\"http://www.w3.org/2000/svg\"><title id=\"\(id)-title\">\(escape(title))</title><desc id=\"\(id)-desc\">\(escape(description))</desc>"
        for (index, entry) in entries.enumerated() {
            let y = Double(index) * rowHeight
            let barWidth = entry.value / top * (chartWidth - labelWidth - textWidth)
            svg += "<text class=\"label\" x=\"0\" y=\"\(format(y + 18))\">\(escape(String(entry.label.prefix(20))))</text>"
            svg += "<rect class=\"series-\(index % 6)\" x=\"\(format(labelWidth))\" y=\"\(format(y + 5))\" width=\"\(format(max(barWidth, 1)))\" height=\"18\"></rect>"
            svg += "<text class=\"value\" x=\"\(format(labelWidth + 6 + barWidth))\" y=\"\(format(y + 18))\">\(escape(entry.text))</text>"
        }
        return svg + "</svg>"
    }

    private static func open(id: String, title: String, description: String) -> String {
        "<svg class=\"chart\" role=\"img\" aria-labelledby=\"\(id)-title \(id)-desc\" viewBox=\"0 0 \(Int(width)) \(Int(height))\" xmlns=\"http://www.w3.org/2000/svg\"><title id=\"\(id)-title\">\(escape(title))</title><desc id=\"\(id)-desc\">\(escape(description))</desc>"
    }

    private static func axis(top: Double, labels: [String], slot: Double, low: Double = 0) -> String {
        let plotHeight = height - margin.top - margin.bottom
        var svg = ""
        for step in 0...4 {
            let value = low + (top - low) * Double(step) / 4
            let y = margin.top + plotHeight - Double(step) / 4 * plotHeight
            svg += "<line class=\"grid\" x1=\"\(format(margin.left))\" x2=\"\(format(width - margin.right))\" y1=\"\(format(y))\" y2=\"\(format(y))\"></line>"
            svg += "<text class=\"tick\" x=\"\(format(margin.left - 4))\" y=\"\(format(y + 4))\" text-anchor=\"end\">\(format(value))</text>"
        }
        // About six date labels, whatever the period.
        let every = max(1, labels.count / 6)
        for (index, label) in labels.enumerated() where index % every == 0 {
            svg += "<text class=\"tick\" x=\"\(format(margin.left + (Double(index) + 0.5) * slot))\" y=\"\(format(height - 8))\" text-anchor=\"middle\">\(escape(label))</text>"
        }
        return svg
    }

    private static func legend(_ series: [Series]) -> String {
        guard series.count > 1 else { return "" }
        return "<ul class=\"legend\">" + series.enumerated().map { "<li><span class=\"swatch \($0.element.cssClass ?? "series-\($0.offset)")\"></span>\(escape($0.element.name))</li>" }.joined() + "</ul>"
    }

    /// The numbers behind a chart, for screen readers and for anyone who wants them exactly.
    private static func table(id: String, title: String, labels: [String], series: [Series]) -> String {
        var html = "<details class=\"chart-data\"><summary>\(escape(title))</summary><table id=\"\(id)-data\"><thead><tr><th scope=\"col\"></th>"
        html += series.map { "<th scope=\"col\">\(escape($0.name))</th>" }.joined() + "</tr></thead><tbody>"
        for (index, label) in labels.enumerated() {
            html += "<tr><th scope=\"row\">\(escape(label))</th>"
            html += series.map { "<td>\(format($0.values.indices.contains(index) ? $0.values[index] : 0))</td>" }.joined() + "</tr>"
        }
        return html + "</tbody></table></details>"
    }

    /// 1, 2 or 5 times a power of ten, at least `value`.
    static func niceMaximum(_ value: Double) -> Double {
        guard value > 0 else { return 1 }
        var power = 1.0
        while power * 10 <= value { power *= 10 }
        while power > value { power /= 10 }
        for factor in [1.0, 2, 5, 10] where factor * power >= value { return factor * power }
        return 10 * power
    }

    /// A coordinate with at most one decimal ("12", "12.5", "-3.2"), written by hand: a chart
    /// writes hundreds and `String(format:)` cost a fifth of the overview.
    static func format(_ value: Double) -> String {
        guard value.isFinite, value.magnitude < 1e15 else { return "0" }
        let tenths = Int((value * 10).rounded())
        if tenths % 10 == 0 { return String(tenths / 10) }
        let magnitude = tenths.magnitude
        return (tenths < 0 ? "-" : "") + String(magnitude / 10) + "." + String(magnitude % 10)
    }

    static func escape(_ text: String) -> String {
        var result = ""
        result.reserveCapacity(text.utf8.count)
        for character in text {
            switch character {
            case "&": result += "&amp;"
            case "<": result += "&lt;"
            case ">": result += "&gt;"
            case "\"": result += "&quot;"
            case "'": result += "&#39;"
            default: result.append(character)
            }
        }
        return result
    }
}
