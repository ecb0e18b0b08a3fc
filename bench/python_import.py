#!/usr/bin/env python3
"""The Python pipeline Babillard's import is measured against (BENCHMARKS.md).

It does the work a careful Python developer would write for the same job, with the standard
library only: read Mastodon status JSON lines, parse each with `json`, turn the HTML content
into text (`re` + `html.unescape`), parse the date, upsert the account and the status
(idempotent by (platform, external id)), index title and text in FTS5 with accents folded,
and commit every 2,000 lines. Usage: python_import.py STATUSES.jsonl DATABASE.sqlite
"""
import datetime
import html
import json
import re
import sqlite3
import sys
import time

TAGS = re.compile(r"<[^>]+>")
BREAKS = re.compile(r"</p>|<br\s*/?>", re.I)
SPACES = re.compile(r"[ \t]+")

SCHEMA = """
CREATE TABLE IF NOT EXISTS actors (id INTEGER PRIMARY KEY, platform TEXT NOT NULL, external_id TEXT NOT NULL,
  handle TEXT, display_name TEXT, followers INTEGER, following INTEGER, UNIQUE (platform, external_id));
CREATE TABLE IF NOT EXISTS items (id INTEGER PRIMARY KEY, platform TEXT NOT NULL, external_id TEXT NOT NULL,
  kind TEXT NOT NULL, parent_external_id TEXT, reshare_of_external_id TEXT, actor_id INTEGER, created_at INTEGER,
  title TEXT, body TEXT NOT NULL, url TEXT, language TEXT, likes INTEGER, reshares INTEGER, replies INTEGER,
  UNIQUE (platform, external_id));
CREATE VIRTUAL TABLE IF NOT EXISTS items_fts USING fts5(title, body, content='items', content_rowid='id',
  tokenize='unicode61 remove_diacritics 2');
"""


def text_of(content):
    content = BREAKS.sub("\n", content or "")
    content = html.unescape(TAGS.sub("", content))
    return "\n".join(SPACES.sub(" ", line).strip() for line in content.splitlines() if line.strip())


def millis(stamp):
    if not stamp:
        return None
    return int(datetime.datetime.fromisoformat(stamp.replace("Z", "+00:00")).timestamp() * 1000)


def main(source, database):
    db = sqlite3.connect(database)
    db.execute("PRAGMA journal_mode=WAL")
    db.execute("PRAGMA synchronous=NORMAL")
    db.executescript(SCHEMA)
    started = time.perf_counter()
    count = rejected = 0
    cursor = db.cursor()
    cursor.execute("BEGIN")
    with open(source, "rb") as lines:
        for line in lines:
            try:
                status = json.loads(line)
            except ValueError:
                rejected += 1
                continue
            account = status.get("account") or {}
            cursor.execute(
                "INSERT INTO actors (platform, external_id, handle, display_name, followers, following) VALUES ('mastodon', ?, ?, ?, ?, ?) "
                "ON CONFLICT (platform, external_id) DO UPDATE SET handle = excluded.handle, display_name = excluded.display_name, "
                "followers = excluded.followers, following = excluded.following RETURNING id",
                (account.get("uri") or account.get("url"), "@" + (account.get("acct") or ""), account.get("display_name"),
                 account.get("followers_count"), account.get("following_count")),
            )
            actor_id = cursor.fetchone()[0]
            reblog = status.get("reblog")
            kind = "reshare" if reblog else ("reply" if status.get("in_reply_to_id") else "post")
            body = text_of(status.get("content"))
            cursor.execute(
                "INSERT INTO items (platform, external_id, kind, parent_external_id, reshare_of_external_id, actor_id, created_at, "
                "title, body, url, language, likes, reshares, replies) VALUES ('mastodon', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
                "ON CONFLICT (platform, external_id) DO NOTHING",
                (status.get("uri"), kind, status.get("in_reply_to_id"), reblog and reblog.get("uri"), actor_id,
                 millis(status.get("created_at")), status.get("spoiler_text") or None, body, status.get("url"),
                 status.get("language"), status.get("favourites_count"), status.get("reblogs_count"),
                 status.get("replies_count")),
            )
            if cursor.rowcount:
                cursor.execute("INSERT INTO items_fts (rowid, title, body) VALUES (last_insert_rowid(), ?, ?)",
                               (status.get("spoiler_text") or None, body))
            count += 1
            if count % 2000 == 0:
                cursor.execute("COMMIT")
                cursor.execute("BEGIN")
    cursor.execute("COMMIT")
    elapsed = time.perf_counter() - started
    print(json.dumps({"read": count, "rejected": rejected, "seconds": round(elapsed, 3),
                      "items_per_second": round(count / elapsed)}))


if __name__ == "__main__":
    if len(sys.argv) != 3:
        sys.exit("usage: python_import.py STATUSES.jsonl DATABASE.sqlite")
    main(sys.argv[1], sys.argv[2])
