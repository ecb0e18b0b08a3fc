import ArgumentParser
import BabillardText

/// `--lang` and `--engine`, shared by the commands that analyse texts (`analyze`, `evaluate`).
struct TextAnalysisOptions: ParsableArguments {
    @Option(help: ArgumentHelp("The language of the texts, or auto to identify each one (auto, fr, en, es, de, it, pt, nl).", valueName: "lang"))
    var lang: String = "auto"

    @Option(help: ArgumentHelp("The sentiment engine: auto (the best for the language and kind of text), lexicon or model (French only: texts in other languages keep the lexicon).", valueName: "engine"))
    var engine: String = "auto"

    func validate() throws {
        if lang != "auto" && Language(code: lang) == nil {
            throw ValidationError("Unknown language '\(lang)'. Use auto, fr, en, es, de, it, pt or nl.")
        }
        if SentimentEngineChoice(rawValue: engine) == nil {
            throw ValidationError("Unknown engine '\(engine)'. Use auto, lexicon or model.")
        }
        if engine == "model", let language = forcedLanguage, language != .french {
            throw ValidationError("There is no trained model for --lang \(language.code): the models are French (docs/DATA.md). Use --engine lexicon or auto for these texts.")
        }
    }

    /// The language to assume, or nil to identify each text.
    var forcedLanguage: Language? { lang == "auto" ? nil : Language(code: lang) }
    var engineChoice: SentimentEngineChoice { SentimentEngineChoice(rawValue: engine) ?? .auto }
    var isDefault: Bool { lang == "auto" && engine == "auto" }
}
