#!/usr/bin/env python3
"""Out-of-fold macro-F1 of Babillard's French post readings on DEFT 2017's train split.

The shipped `fr-social` model was trained on the whole train split, so its readings of those
tweets are not a measure. This script splits the train split in five folds (tweet i goes to fold
i mod 5), trains a model on four with `babillard train`, reads the fifth with `babillard analyze`
(the shipped resources, with the fold's model in place of fr-social.bsm) and reports the macro-F1
of every tweet read by a model that never saw it: the default engine choice (`auto`) and the
model alone. docs/EVALUATION.md uses it to choose rules on the train split before looking at val.

Usage: scripts/deft-out-of-fold.py [BABILLARD [RESOURCES [DEFT_DIR]]]
  BABILLARD  the executable (default .build/release/babillard)
  RESOURCES  its text resources (default Sources/BabillardText/Resources)
  DEFT_DIR   ../shared/data/sentiment/fr/deft2017-tweets
"""
import json
import os
import shutil
import subprocess
import sys
import tempfile

FOLDS = 5
LABELS = {"0": "negative", "1": "neutral", "2": "positive"}


def macro_f1(predicted, gold):
    scores = []
    for label in ("negative", "neutral", "positive"):
        tp = sum(p == label and g == label for p, g in zip(predicted, gold))
        fp = sum(p == label and g != label for p, g in zip(predicted, gold))
        fn = sum(p != label and g == label for p, g in zip(predicted, gold))
        precision = tp / (tp + fp) if tp + fp else 0
        recall = tp / (tp + fn) if tp + fn else 0
        scores.append(2 * precision * recall / (precision + recall) if precision + recall else 0)
    return sum(scores) / len(scores)


def read_labels(binary, resources, texts, engine):
    environment = dict(os.environ, BABILLARD_TEXT_RESOURCES=resources)
    arguments = [binary, "analyze"] + (["--lang", "fr", "--engine", engine] if engine != "auto" else [])
    output = subprocess.run(
        arguments, input="\n".join(texts) + "\n", capture_output=True, text=True, env=environment, check=True
    ).stdout
    return [json.loads(line)["sentiment"]["label"] for line in output.splitlines()]


def main():
    binary = os.path.abspath(sys.argv[1] if len(sys.argv) > 1 else ".build/release/babillard")
    resources = os.path.abspath(sys.argv[2] if len(sys.argv) > 2 else "Sources/BabillardText/Resources")
    deft = sys.argv[3] if len(sys.argv) > 3 else "../shared/data/sentiment/fr/deft2017-tweets"
    if not os.path.isdir(deft):
        sys.exit(f"{deft} is absent: this script needs ../shared/data (see the README)")
    with open(os.path.join(deft, "french_train_text.txt"), encoding="utf-8") as f:
        texts = f.read().split("\n")
    with open(os.path.join(deft, "french_train_labels.txt"), encoding="utf-8") as f:
        gold = [LABELS[line.strip()] for line in f if line.strip()]
    texts = texts[: len(gold)]
    predicted = {"auto": [None] * len(gold), "model": [None] * len(gold)}
    with tempfile.TemporaryDirectory() as work:
        for fold in range(FOLDS):
            train = [i for i in range(len(gold)) if i % FOLDS != fold]
            held = [i for i in range(len(gold)) if i % FOLDS == fold]
            base = os.path.join(work, f"fold{fold}")
            with open(base + "_text.txt", "w", encoding="utf-8") as f:
                f.write("\n".join(texts[i] for i in train) + "\n")
            with open(base + "_labels.txt", "w", encoding="utf-8") as f:
                f.write("\n".join({v: k for k, v in LABELS.items()}[gold[i]] for i in train) + "\n")
            fold_resources = os.path.join(work, f"resources{fold}")
            shutil.copytree(resources, fold_resources)
            subprocess.run(
                [binary, "train", "--dataset", base + "_text.txt",
                 "--output", os.path.join(fold_resources, "models", "fr-social.bsm")],
                check=True, capture_output=True)
            for engine in predicted:
                for index, label in zip(held, read_labels(binary, fold_resources, [texts[i] for i in held], engine)):
                    predicted[engine][index] = label
            print(f"fold {fold + 1}/{FOLDS} done", file=sys.stderr)
    for engine, labels in predicted.items():
        print(f"{engine}: out-of-fold macro-F1 {macro_f1(labels, gold):.4f} on {len(gold)} tweets")


if __name__ == "__main__":
    main()
