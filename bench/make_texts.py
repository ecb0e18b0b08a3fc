#!/usr/bin/env python3
"""Writes N real texts, one per line, for the text-analysis benchmark: the English and French
texts of ../shared/data/sentiment (VADER's tweets and snippets, Allociné, DEFT and SemEval
tweets), repeated in order until N lines. Usage: make_texts.py OUT N"""
import csv, os, sys

out, n = sys.argv[1], int(sys.argv[2])
root = os.environ.get("BABILLARD_SHARED_DATA") or os.path.join(os.path.dirname(__file__), "..", "..", "shared", "data")
s = os.path.join(root, "sentiment")
texts = []
for name in ["tweets_GroundTruth.txt", "movieReviewSnippets_GroundTruth.txt"]:
    with open(os.path.join(s, "en/vader-ground-truth", name), encoding="utf-8", errors="replace") as f:
        texts += [line.rstrip("\n").split("\t", 2)[2] for line in f if line.count("\t") >= 2]
for split in ["train", "dev"]:
    with open(os.path.join(s, "fr/allocine-sample", split + ".csv"), encoding="utf-8") as f:
        texts += [row["text"] for row in csv.DictReader(f)]
for path in ["fr/deft2017-tweets/french_train_text.txt", "en/semeval2017-tweets/english_train_text.txt"]:
    with open(os.path.join(s, path), encoding="utf-8") as f:
        texts += [line.rstrip("\n") for line in f]
texts = [" ".join(t.split()) for t in texts if t.strip()]
with open(out, "w", encoding="utf-8") as f:
    for i in range(n):
        f.write(texts[i % len(texts)] + "\n")
