#!/usr/bin/env python3
"""Times what a user would otherwise run on the same texts: vaderSentiment's polarity_scores
(sentiment only) and langdetect's detect (language only; on the first LANG_N texts, since it is
slow), in this process, after loading. Prints texts/s for each. Usage: text_bench.py TEXTS [LANG_N]"""
import sys, time
from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer
from langdetect import DetectorFactory, detect
from langdetect.lang_detect_exception import LangDetectException

path = sys.argv[1]
lang_n = int(sys.argv[2]) if len(sys.argv) > 2 else 10000
with open(path, encoding="utf-8") as f:
    texts = [line.rstrip("\n") for line in f]
analyzer = SentimentIntensityAnalyzer()
start = time.perf_counter()
for t in texts:
    analyzer.polarity_scores(t)
seconds = time.perf_counter() - start
print(f"vaderSentiment: {len(texts)} texts in {seconds:.2f} s, {len(texts)/seconds:.0f} texts/s")
DetectorFactory.seed = 0
detect("warm up the profiles")
subset = texts[:lang_n]
start = time.perf_counter()
for t in subset:
    try:
        detect(t)
    except LangDetectException:
        pass
seconds = time.perf_counter() - start
print(f"langdetect: {len(subset)} texts in {seconds:.2f} s, {len(subset)/seconds:.0f} texts/s")
