#!/usr/bin/env python3
"""Looks up the text of the items of Babillard's intent evaluation set.

The evaluation set (Tests/BabillardTextTests/Fixtures/intent-annotations.tsv) holds only
ids and our own labels, never other people's text: this script finds each item's text in
../shared (the third-party data every evaluation reads), the same way the Swift test
`IntentEvaluation` does, so that a driver outside the test can measure the detector.

    python3 scripts/intent-eval-texts.py texts [FIXTURE] > /tmp/items.jsonl
        one JSON object per annotated item: source, id, language, labels, split, text
    python3 scripts/intent-eval-texts.py list SOURCE
        every item of one source (as named in the fixture's `source` column), id and text,
        used to pick the items to annotate

Ids by source:
- corpus/seed-posts/*.txt: `line:N`, the first line of a reader comment (a numbered line
  "  2. …", or the line after "1 commentaire:"); the comment runs to the line before the
  next numbered comment, a "RépondreSupprimer" / "Enregistrer un
  commentaire" / "Laisser un commentaire" line, or the end of the file.
- data/mastodon/mastodon-py-cassettes/*.yaml: the status id; its HTML content is turned
  into text (<br> and paragraph ends become newlines, other tags are dropped, character
  references decoded).
- data/reddit/comments-n49rw.json: the comment's fullname (t1_…); its body with character
  references decoded, as Babillard's Reddit reader does (people type "&#3232;").
- data/reddit/announcements-comment-tree.json (a recorded API session): the comment's
  fullname; its body, decoded the same way, from the first response that holds it.
- data/bluesky/*.jsonl: the post's AT URI.
- data/sentiment/*/…_text.txt: `line:N` (1-based).
- data/sentiment/fr/allocine-sample/*.csv: `row:N`, the N-th review after the header.

Set BABILLARD_SHARED (default: ../shared beside the repository) to read another copy.
"""
import csv
import html
import json
import os
import re
import sys

import yaml  # PyYAML, only to read the Mastodon cassettes

REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SHARED = os.environ.get("BABILLARD_SHARED", os.path.join(os.path.dirname(REPO), "shared"))
FIXTURE = os.path.join(REPO, "Tests/BabillardTextTests/Fixtures/intent-annotations.tsv")

COMMENT_END = ("RépondreSupprimer", "Enregistrer un commentaire", "Laisser un commentaire")
NUMBERED = re.compile(r"^\s+\d+\.\s")


def seed_comment(lines, first):
    """Lines first.. (1-based) of a seed post, up to the comment's end."""
    out = [lines[first - 1].strip()]
    for line in lines[first:]:
        if NUMBERED.match(line) or line.strip() in COMMENT_END:
            break
        out.append(line.strip())
    return "\n".join(out).strip()


def decode_references(text):
    return html.unescape(text)


def mastodon_text(content):
    text = re.sub(r"<br\s*/?>", "\n", content)
    text = re.sub(r"</p>\s*<p>", "\n\n", text)
    text = re.sub(r"<[^>]*>", "", text)
    return decode_references(text).strip()


_cache = {}


def load_source(source):
    if source in _cache:
        return _cache[source]
    path = os.path.join(SHARED, source)
    items = {}
    if source.startswith("corpus/seed-posts/"):
        lines = open(path, encoding="utf-8").read().split("\n")
        for number, line in enumerate(lines, 1):
            if NUMBERED.match(line) or (number > 1 and line.strip() and lines[number - 2].strip() == "1 commentaire:"):
                items["line:%d" % number] = seed_comment(lines, number)
    elif source.startswith("data/mastodon/"):
        document = yaml.safe_load(open(path, encoding="utf-8"))
        for interaction in document.get("interactions", []):
            body = interaction["response"]["body"].get("string")
            if isinstance(body, bytes):
                body = body.decode("utf-8", "replace")
            if not body or body.lstrip()[:1] not in "{[":
                continue
            try:
                value = json.loads(body)
            except ValueError:
                continue
            stack = [value]
            while stack:
                node = stack.pop()
                if isinstance(node, dict):
                    if isinstance(node.get("content"), str) and "uri" in node and "id" in node:
                        items.setdefault(str(node["id"]), mastodon_text(node["content"]))
                    stack.extend(node.values())
                elif isinstance(node, list):
                    stack.extend(node)
    elif source == "data/reddit/announcements-comment-tree.json":
        session = json.load(open(path, encoding="utf-8"))
        for interaction in session["interactions"]:
            body = interaction["response"]["body"].get("string")
            try:
                value = json.loads(body) if body else None
            except ValueError:
                continue
            stack = [value]
            while stack:
                node = stack.pop()
                if isinstance(node, dict):
                    data = node.get("data")
                    if node.get("kind") == "t1" and isinstance(data, dict) and isinstance(data.get("body"), str):
                        items.setdefault(data["name"], decode_references(data["body"]))
                    stack.extend(node.values())
                elif isinstance(node, list):
                    stack.extend(node)
    elif source.startswith("data/reddit/"):
        listing = json.load(open(path, encoding="utf-8"))

        def walk(node):
            for child in node["data"]["children"]:
                if child["kind"] == "t1":
                    items[child["data"]["name"]] = decode_references(child["data"]["body"])
                    if child["data"].get("replies"):
                        walk(child["data"]["replies"])

        walk(listing[1])
    elif source.startswith("data/bluesky/"):
        for line in open(path, encoding="utf-8"):
            if not line.strip():
                continue
            event = json.loads(line)
            commit = event.get("commit") or {}
            record = commit.get("record") or {}
            if record.get("$type") == "app.bsky.feed.post":
                uri = "at://%s/%s/%s" % (event["did"], commit["collection"], commit["rkey"])
                items[uri] = record.get("text", "")
    elif source.endswith(".csv"):
        rows = list(csv.reader(open(path, encoding="utf-8", newline="")))
        for number, row in enumerate(rows[1:], 1):
            items["row:%d" % number] = row[0]
    else:
        for number, line in enumerate(open(path, encoding="utf-8").read().split("\n"), 1):
            items["line:%d" % number] = line
    _cache[source] = items
    return items


def read_fixture(path):
    rows = []
    with open(path, encoding="utf-8") as handle:
        header = None
        for line in handle:
            line = line.rstrip("\n")
            if not line or line.startswith("#"):
                continue
            fields = line.split("\t")
            if header is None:
                header = fields
                continue
            rows.append(dict(zip(header, fields)))
    return rows


def main():
    if len(sys.argv) >= 2 and sys.argv[1] == "texts":
        for row in read_fixture(sys.argv[2] if len(sys.argv) > 2 else FIXTURE):
            items = load_source(row["source"])
            if row["id"] not in items:
                sys.exit("%s: no item %s" % (row["source"], row["id"]))
            row["text"] = items[row["id"]]
            print(json.dumps(row, ensure_ascii=False))
    elif len(sys.argv) == 3 and sys.argv[1] == "list":
        for item_id, text in load_source(sys.argv[2]).items():
            print(json.dumps({"id": item_id, "text": text}, ensure_ascii=False))
    else:
        sys.exit(__doc__)


if __name__ == "__main__":
    main()
