#!/usr/bin/env python3
"""Parses a feed with Python's feedparser, the tool Babillard's feed reader is measured against.

Usage: feedparser_bench.py FEED.xml [RUNS]. Prints items per second (median of RUNS runs).
"""
import json
import statistics
import sys
import time

import feedparser


def main(path, runs):
    data = open(path, "rb").read()
    timings = []
    items = 0
    for _ in range(runs):
        started = time.perf_counter()
        parsed = feedparser.parse(data)
        timings.append(time.perf_counter() - started)
        items = len(parsed.entries)
    median = statistics.median(timings)
    print(json.dumps({"items": items, "runs": runs, "median_seconds": round(median, 4),
                      "items_per_second": round(items / median)}))


if __name__ == "__main__":
    main(sys.argv[1], int(sys.argv[2]) if len(sys.argv) > 2 else 5)
