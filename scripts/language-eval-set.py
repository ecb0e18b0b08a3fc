#!/usr/bin/env python3
"""Builds the evaluation set of language identification: real sentences with a trustworthy
language label, one per line as `language<TAB>source<TAB>id<TAB>text` (text with tabs and
newlines turned into spaces), on standard output.

    python3 scripts/language-eval-set.py > /tmp/language-eval.tsv
    python3 scripts/language-eval-set.py --more > /tmp/language-eval-more.tsv
    pip install --target /tmp/evalpkgs --no-deps django==5.2.19
    python3 scripts/language-eval-set.py --django /tmp/evalpkgs/django > /tmp/language-eval-all.tsv

Sources (never copied into the repository; read where they are):
- ../shared/data/sentiment (what the Swift test `LanguageIdentifierRealSentences` reads):
  fr: allocine-sample/dev.csv (reviews), deft2017-tweets/french_val_text.txt (tweets);
  en: semeval2017-tweets/english_val_text.txt, vader-ground-truth/tweets_GroundTruth.txt.
  The language is the dataset's; a text that is in fact in another language stays in, so
  that it shows up among the failures (see docs/EVALUATION.md).
- --more adds the training splits and VADER's movie-review snippets.
- --django DIR: the translations Django ships (`DIR/**/locale/LANG/LC_MESSAGES/*.po`), the
  only real human-written es/de/it/pt/nl sentences within reach here (the shared data has
  none: its Mastodon and Bluesky language tags are mostly wrong, see below). A message is
  kept when it is translated, not fuzzy, not a copy of the English original, and 20+
  characters once placeholders (%(name)s, %s, {name}) and HTML tags are removed; English
  comes from the msgids. Exact duplicates are dropped.

Only texts of 20 or more characters once @mentions and links are removed are written.
Labels that a dataset gets wrong are corrected from
Tests/BabillardTextTests/Fixtures/language-label-corrections.tsv (ids and our labels: "und"
for a language Babillard does not know, which must come out `.unknown`; "mixed" items are left
out); --raw keeps the datasets' own labels.
Set BABILLARD_SHARED (default: ../shared beside the repository) to read another copy.
"""
import csv
import glob
import os
import re
import sys

REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SHARED = os.environ.get("BABILLARD_SHARED", os.path.join(os.path.dirname(REPO), "shared"))
DATA = os.path.join(SHARED, "data", "sentiment")
MIN_LENGTH = 20


CORRECTIONS = os.path.join(REPO, "Tests", "BabillardTextTests", "Fixtures", "language-label-corrections.tsv")


def load_corrections():
    corrections = {}
    with open(CORRECTIONS, encoding="utf-8") as f:
        for line in f:
            if line.startswith("#") or not line.strip():
                continue
            source, ident, language = line.rstrip("\n").split("\t")[:3]
            corrections[(source, ident)] = language
    return corrections


def clean(text):
    return re.sub(r"[\t\r\n]+", " ", text).strip()


def content_length(text):
    """Characters once @mentions and links are removed: "@anonymous Haha!" is no sentence of
    20 characters. Words starting with @, "http" or "www." are dropped (LanguageIdentifierTests
    does the same)."""
    kept = [w for w in text.split() if not (w.startswith("@") or w.lower().startswith(("http", "www.")))]
    return len(" ".join(kept))


def emit(language, source, ident, text):
    text = clean(text)
    language = CORRECTED.get((source, ident), language)
    if language == "mixed" or content_length(text) < MIN_LENGTH:
        return
    print(f"{language}\t{source}\t{clean(ident)}\t{text}")


def lines(language, relative):
    with open(os.path.join(DATA, relative), encoding="utf-8") as f:
        for number, line in enumerate(f, start=1):
            emit(language, relative, f"line:{number}", line)


def allocine(relative):
    with open(os.path.join(DATA, relative), encoding="utf-8", newline="") as f:
        for number, row in enumerate(csv.DictReader(f), start=1):
            emit("fr", relative, f"row:{number}", row["text"])


def vader(relative):
    with open(os.path.join(DATA, relative), encoding="utf-8", errors="replace", newline="") as f:
        for number, line in enumerate(f.read().splitlines(), start=1):
            parts = line.split("\t", 2)
            if len(parts) == 3:
                emit("en", relative, f"line:{number}", parts[2])


PLACEHOLDER = re.compile(r"%\([^)]*\)[sdfir]|%[sdfir]|\{[^}]*\}|<[^>]*>")


def po_messages(path):
    """(msgid, msgstr, fuzzy) for each singular message of a .po file."""
    entries, msgid, msgstr, fuzzy, field = [], None, None, False, None

    def unquote(s):
        return bytes(s[1:-1], "utf-8").decode("unicode_escape").encode("latin-1").decode("utf-8")

    def flush():
        if msgid and msgstr:
            entries.append((msgid, msgstr, fuzzy))

    with open(path, encoding="utf-8") as f:
        for raw in f:
            line = raw.strip()
            if line.startswith("#,"):
                flush()
                msgid, msgstr, field = None, None, None
                fuzzy = "fuzzy" in line
            elif line.startswith("msgid "):
                if field == "msgstr":
                    flush()
                    fuzzy = False
                msgid, msgstr, field = unquote(line[6:]), None, "msgid"
            elif line.startswith("msgstr "):
                msgstr, field = unquote(line[7:]), "msgstr"
            elif line.startswith("msgid_plural") or line.startswith("msgstr["):
                field = "plural"  # plural forms are skipped
                msgstr = None
            elif line.startswith('"') and field == "msgid":
                msgid += unquote(line)
            elif line.startswith('"') and field == "msgstr":
                msgstr += unquote(line)
            elif not line:
                flush()
                msgid, msgstr, field, fuzzy = None, None, None, False
    flush()
    return entries


def django(root):
    locales = {"fr": ["fr"], "es": ["es"], "de": ["de"], "it": ["it"], "pt": ["pt", "pt_BR"], "nl": ["nl"]}
    english, seen = {}, set()
    copies = 0
    for language, folders in locales.items():
        for folder in folders:
            for path in sorted(glob.glob(os.path.join(root, "**", "locale", folder, "LC_MESSAGES", "*.po"), recursive=True)):
                relative = os.path.relpath(path, os.path.dirname(root))
                for msgid, msgstr, fuzzy in po_messages(path):
                    source_text = clean(PLACEHOLDER.sub(" ", msgid))
                    english.setdefault(source_text, relative)
                    if fuzzy:
                        continue
                    if msgstr.strip() == msgid.strip():
                        copies += 1
                        continue
                    text = clean(re.sub(r"\s+", " ", PLACEHOLDER.sub(" ", msgstr)))
                    if (language, text) in seen:
                        continue
                    seen.add((language, text))
                    emit(language, "django:" + relative, "msgid:" + msgid[:60].replace("\t", " "), text)
    for text, relative in sorted(english.items()):
        emit("en", "django:msgids", "msgid:" + text[:60], re.sub(r"\s+", " ", text))
    print(f"django: {copies} untranslated copies of the English msgid skipped", file=sys.stderr)


CORRECTED = {}


def main():
    arguments = sys.argv[1:]
    if "--raw" not in arguments:
        CORRECTED.update(load_corrections())
    allocine("fr/allocine-sample/dev.csv")
    lines("fr", "fr/deft2017-tweets/french_val_text.txt")
    lines("en", "en/semeval2017-tweets/english_val_text.txt")
    vader("en/vader-ground-truth/tweets_GroundTruth.txt")
    if "--more" in arguments:
        allocine("fr/allocine-sample/train.csv")
        lines("fr", "fr/deft2017-tweets/french_train_text.txt")
        lines("en", "en/semeval2017-tweets/english_train_text.txt")
        vader("en/vader-ground-truth/movieReviewSnippets_GroundTruth.txt")
    if "--django" in arguments:
        django(os.path.abspath(arguments[arguments.index("--django") + 1]))


if __name__ == "__main__":
    main()
