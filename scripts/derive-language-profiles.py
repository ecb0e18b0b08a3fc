#!/usr/bin/env python3
"""Derives Babillard's language-identification table from wordfreq's word-frequency lists.

    pip download --no-deps -d /tmp/wordfreq wordfreq==3.1.1 && pip install msgpack
    (cd /tmp/wordfreq && unzip -q -o wordfreq-3.1.1-py3-none-any.whl)
    python3 scripts/derive-language-profiles.py /tmp/wordfreq/wordfreq/data

writes Sources/BabillardText/Resources/language/profiles.txt and, beside it, LICENSE.txt
(the attribution wordfreq's data licence asks for). With no argument, the data folder of an
installed `wordfreq` package is used.

Why wordfreq and not langdetect's profiles: langdetect 1.0.9 keeps only the ~2,200 most
frequent character n-grams of Wikipedia per language; a naive Bayes over them (folded the way
this script folds) was right on 94.6% of an early cut of our evaluation sentences, and
langdetect itself is right on 95.2% of the final set (7,393 real sentences, docs/EVALUATION.md),
short of the 0.99 target. wordfreq's "small" lists give the frequency of the ~30,000 most
frequent words of each language, measured on subtitles, Wikipedia, news, web text, Twitter and
Reddit: social text, like Babillard's. From them we derive two kinds of evidence (99.0% on the
same 7,393 sentences, 99.7% on the French and English ones of ../shared/data):
- character 1-, 2- and 3-grams of words padded with a boundary ("le" gives l, e, _l, le,
  e_, _le, le_), each weighted by its word's frequency: P(g | language) per n-gram length;
- the words themselves: P(w | language) for each language's 5,000 most frequent words.

For Babillard's seven languages plus one "other" class: the average of 20 other Latin-script
languages wordfreq has, so that Catalan, Czech or Turkish text is called "unknown" instead of
Spanish or English. Words are split where the scanner splits them (apostrophes, hyphens,
digits): "aujourd'hui" counts as "aujourd" and "hui". Case is folded (ß as "ss", as wordfreq
folds it), accents are kept;
letters outside a small alphabet (the Latin letters a target language uses at least once in
100,000 letters) all become one symbol `*` ("other letter"), so that ř, ł or ø are evidence
for the "other" class.

Values are -ln(P) x SCALE, rounded; "." means absent from that language's list, for which the
identifier uses the floor given in the header. The model's weights (the word weight and the
prior against "other") are in the header too; the decision rules (too short, too close to
call, mixed) are LanguageIdentifier's.
The output is deterministic: running the script again changes nothing.
"""
import gzip
import math
import os
import sys
import unicodedata

import msgpack

TARGETS = ["fr", "en", "es", "de", "it", "pt", "nl"]
# Latin-script languages of wordfreq 3.1.1's "small" lists, apart from the targets.
OTHERS = "ca cs da fi nb pl ro sv tr hu id lt lv sk sl vi fil ms is sh".split()
WORDS_PER_LANGUAGE = 5000
MAX_WORD_LETTERS = 24  # longer words are not looked up (the scanner neither)
SCALE = 10  # values are tenths of a nat
NGRAM_FLOOR = 1e-6  # probability of an n-gram absent from a language's list
WORD_FLOOR = 1e-8  # probability of a frequent word of another language absent from this one's
WORD_WEIGHT = 2  # a word's log-probability counts twice, beside its ~3 n-grams per letter
OTHER_PRIOR = 6  # nats: "other" must explain the text e^6 times better to win
MIN_LETTER_SHARE = 1e-5
MAX_ALPHABET = 61  # codes 0 (no letter), 1 (boundary), 2 (other letter) + 61 fit in 6 bits

REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
OUT_DIR = os.path.join(REPO, "Sources", "BabillardText", "Resources", "language")


def is_latin_letter(ch):
    """The scanner's rule: an ASCII letter, a letter below U+0250, or Latin Extended Additional."""
    code = ord(ch)
    if code < 0x80:
        return ("a" <= ch <= "z") or ("A" <= ch <= "Z")
    if code < 0x250 or 0x1E00 <= code <= 0x1EFF:
        return unicodedata.category(ch).startswith("L")
    return False


def lower(ch):
    """Lowercase one letter; ß becomes "ss", as wordfreq's case folding (and the scanner) does."""
    if ch in "ßẞ":
        return "ss"
    folded = ch.lower()
    return folded if len(folded) == 1 else ch


def split_words(text):
    """Runs of Latin letters, lowercased: how the scanner cuts text into words."""
    words, current = [], []
    for ch in unicodedata.normalize("NFC", text):
        if is_latin_letter(ch):
            current.append(lower(ch))
        elif current:
            words.append("".join(current))
            current = []
    if current:
        words.append("".join(current))
    return words


def read_list(data_dir, language):
    """{word: frequency} from a cBpack file: bucket i holds words of frequency 10^(-i/100)."""
    with gzip.open(os.path.join(data_dir, f"small_{language}.msgpack.gz")) as f:
        buckets = msgpack.load(f, raw=False)
    frequencies = {}
    for index, bucket in enumerate(buckets[1:]):
        frequency = 10 ** (-index / 100)
        for entry in bucket:
            for word in split_words(entry):
                frequencies[word] = frequencies.get(word, 0.0) + frequency
    return frequencies


def main():
    if len(sys.argv) > 1:
        data_dir = sys.argv[1]
    else:
        import wordfreq

        data_dir = os.path.join(os.path.dirname(wordfreq.__file__), "data")

    words = {language: read_list(data_dir, language) for language in TARGETS + OTHERS}

    # The alphabet: letters a target language uses at least once in 100,000 letters.
    alphabet = set("abcdefghijklmnopqrstuvwxyz")
    for language in TARGETS:
        letters, total = {}, 0.0
        for word, frequency in words[language].items():
            for ch in word:
                letters[ch] = letters.get(ch, 0.0) + frequency
                total += frequency
        alphabet.update(ch for ch, weight in letters.items() if weight / total >= MIN_LETTER_SHARE)
    alphabet = sorted(alphabet, key=ord)
    if len(alphabet) > MAX_ALPHABET:
        sys.exit(f"{len(alphabet)} letters do not fit the 6-bit codes of the scanner")
    known = set(alphabet)

    def symbols(word):
        return "".join(ch if ch in known else "*" for ch in word)

    ngram_columns, word_columns = [], []
    for language in TARGETS + OTHERS:
        by_symbols = {}
        for word, frequency in words[language].items():
            key = symbols(word)
            by_symbols[key] = by_symbols.get(key, 0.0) + frequency
        counts = {}
        totals = [0.0, 0.0, 0.0]
        for word, frequency in by_symbols.items():
            padded = "_" + word + "_"
            for end in range(1, len(padded)):
                for length in (1, 2, 3):
                    start = end - length + 1
                    if start < 0 or (length == 1 and padded[end] == "_"):
                        continue
                    gram = padded[start : end + 1]
                    counts[gram] = counts.get(gram, 0.0) + frequency
                    totals[length - 1] += frequency
        ngram_columns.append({gram: count / totals[len(gram) - 1] for gram, count in counts.items()})
        total = sum(by_symbols.values())
        top = sorted(by_symbols.items(), key=lambda item: (-item[1], item[0]))
        top = [(word, f) for word, f in top if len(word) <= MAX_WORD_LETTERS][:WORDS_PER_LANGUAGE]
        word_columns.append({word: frequency / total for word, frequency in top})

    def with_other(columns):
        targets, others = columns[: len(TARGETS)], columns[len(TARGETS) :]
        average = {}
        for column in others:
            for key, p in column.items():
                average[key] = average.get(key, 0.0) + p / len(others)
        return targets + [average]

    ngram_columns = with_other(ngram_columns)
    word_columns = with_other(word_columns)

    def value(p, floor):
        """-ln(p) x SCALE, or "." when the key is absent or rarer than the floor."""
        if p < floor:
            return "."
        return str(round(-math.log(p) * SCALE))

    def rows(columns, floor, keep):
        keys = set()
        for column in columns:
            keys.update(key for key, p in column.items() if p >= floor)
        keys = sorted((key for key in keys if keep(key)), key=lambda k: (len(k), k))
        return [(key, " ".join(value(column.get(key, 0.0), floor) for column in columns)) for key in keys]

    ngram_rows = rows(ngram_columns, NGRAM_FLOOR, lambda key: True)
    word_rows = rows(word_columns, WORD_FLOOR, lambda key: True)
    # "Other" words are kept only when some target has them, or when they are frequent in
    # the other languages (top words of the average), so that the file stays small.
    target_words = set()
    for column in word_columns[: len(TARGETS)]:
        target_words.update(column)
    other_top = sorted(word_columns[-1].items(), key=lambda item: (-item[1], item[0]))[:WORDS_PER_LANGUAGE]
    kept_other = {word for word, _ in other_top}
    word_rows = [(key, values) for key, values in word_rows if key in target_words or key in kept_other]

    os.makedirs(OUT_DIR, exist_ok=True)
    path = os.path.join(OUT_DIR, "profiles.txt")
    with open(path, "w", encoding="utf-8", newline="\n") as out:
        out.write("# Language-identification profiles: character 1-3-grams and frequent words, per language.\n")
        out.write("# Generated by scripts/derive-language-profiles.py from wordfreq 3.1.1's word lists\n")
        out.write("# (data CC BY-SA 4.0, see LICENSE.txt); do not edit by hand. Values are -ln(P) x scale;\n")
        out.write("# '.' means the floor; '_' is a word boundary and '*' any letter outside the alphabet.\n")
        out.write("format babillard-language-profiles 1\n")
        out.write("languages " + " ".join(TARGETS) + " other\n")
        out.write("alphabet " + "".join(alphabet) + "\n")
        out.write(f"scale {SCALE}\n")
        out.write(f"ngram-floor {round(-math.log(NGRAM_FLOOR) * SCALE)}\n")
        out.write(f"word-floor {round(-math.log(WORD_FLOOR) * SCALE)}\n")
        out.write(f"word-weight {WORD_WEIGHT}\n")
        out.write("prior " + " ".join(["0"] * len(TARGETS)) + f" {OTHER_PRIOR * SCALE}\n")
        out.write(f"ngrams {len(ngram_rows)}\n")
        for key, values in ngram_rows:
            out.write(f"{key}\t{values}\n")
        out.write(f"words {len(word_rows)}\n")
        for key, values in word_rows:
            out.write(f"{key}\t{values}\n")

    with open(os.path.join(OUT_DIR, "LICENSE.txt"), "w", encoding="utf-8", newline="\n") as out:
        out.write(LICENSE_TEXT)
    print(f"{path}: {len(ngram_rows)} n-grams, {len(word_rows)} words, alphabet of {len(alphabet)} letters")


LICENSE_TEXT = """\
profiles.txt is derived from the word-frequency lists of wordfreq 3.1.1 by Robyn Speer
(https://github.com/rspeer/wordfreq, https://doi.org/10.5281/zenodo.7199437) by
scripts/derive-language-profiles.py: character n-gram and word probabilities of the
"small" lists of fr, en, es, de, it, pt, nl, and the average of 20 other Latin-script
languages (ca cs da fi nb pl ro sv tr hu id lt lv sk sl vi fil ms is sh).

Licence: wordfreq's code is Apache-2.0; its data, and so profiles.txt, may be redistributed
under the Creative Commons Attribution-ShareAlike 4.0 licence
(https://creativecommons.org/licenses/by-sa/4.0/). profiles.txt is therefore licensed
CC BY-SA 4.0 (this file only; it does not extend to Babillard's code).

Attribution, as wordfreq asks:
- wordfreq contains data extracted from Google Books Ngrams (http://books.google.com/ngrams)
  and Google Books Syntactic Ngrams.
- It contains data derived from the Leeds Internet Corpus (University of Leeds Centre for
  Translation Studies, http://corpus.leeds.ac.uk/list.html), Wikipedia
  (http://www.wikipedia.org) and ParaCrawl (https://paracrawl.eu), under Creative Commons
  licences.
- It contains data from OPUS OpenSubtitles 2018 (http://opus.nlpl.eu/OpenSubtitles.php),
  whose data originates from the OpenSubtitles project (http://www.opensubtitles.org/).
- It contains data from the SUBTLEX word lists (SUBTLEX-US, SUBTLEX-UK, SUBTLEX-CH,
  SUBTLEX-DE, SUBTLEX-NL) by Marc Brysbaert et al.
  (http://crr.ugent.be/programs-data/subtitle-frequencies); SUBTLEX is freely available data.
- Some data was collected from the streaming Twitter API and from Reddit; only word
  statistics are kept, no content.
"""


if __name__ == "__main__":
    main()
