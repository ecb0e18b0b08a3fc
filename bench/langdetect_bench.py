#!/usr/bin/env python3
"""Times langdetect 1.0.9 (`detect`, seed 0) on texts, one per line, in this process after its
profiles are loaded, for comparison with Babillard's LanguageIdentifier on the same texts.
Prints one line: `langdetect: N texts in S s, R texts/s`. langdetect is slow, so only the
first LIMIT texts are timed (default: all).

    python3 bench/langdetect_bench.py TEXTS [LIMIT]
"""
import sys
import time

from langdetect import DetectorFactory, detect
from langdetect.lang_detect_exception import LangDetectException

path = sys.argv[1]
limit = int(sys.argv[2]) if len(sys.argv) > 2 else None
with open(path, encoding="utf-8", errors="replace") as f:
    texts = [line.rstrip("\r\n") for line in f]
texts = texts[:limit] if limit else texts

DetectorFactory.seed = 0
detect("warm up the profiles")  # loads the 55 profiles outside the timed loop
start = time.perf_counter()
for text in texts:
    try:
        detect(text)
    except LangDetectException:  # no features (empty, only digits or emoji)
        pass
seconds = time.perf_counter() - start
print(f"langdetect: {len(texts)} texts in {seconds:.2f} s, {len(texts) / seconds:.0f} texts/s")
