#!/usr/bin/env bash
# Reproduces the figures in BENCHMARKS.md: builds babillard in release, makes the inputs with the
# project's own generators, then runs Babillard and the Python tools a user would otherwise use,
# side by side on the same files, RUNS times each (medians are reported; these machines are noisy).
#
#   bench/run.sh                 # 1M Mastodon statuses, feeds of 1,000 and 10,000 items, 3 runs each
#   N=100000 RUNS=5 bench/run.sh
#   PARTS="feed" bench/run.sh    # only some parts: import, memory, feed, text
set -euo pipefail
cd "$(dirname "$0")/.."
N=${N:-1000000}
PARTS=${PARTS:-"import memory feed text"}
part() { [[ " $PARTS " == *" $1 "* ]]; }
RUNS=${RUNS:-3}
OUT=bench/out
mkdir -p "$OUT"
python3 -c "import feedparser" 2>/dev/null || pip install -q feedparser
python3 -c "import vaderSentiment, langdetect" 2>/dev/null || pip install -q vaderSentiment==3.3.2 langdetect==1.0.9
swift build -c release --product babillard >&2
B=.build/release/babillard

echo "# inputs" >&2
[ -s "$OUT/statuses-$N.jsonl" ] || "$B" generate mastodon-statuses --count "$N" --seed 7 > "$OUT/statuses-$N.jsonl"
ls -l "$OUT/statuses-$N.jsonl" >&2

median() { sort -n | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }

if part import; then
echo "## import of $N Mastodon statuses (JSON lines) into SQLite with full-text index"
for tool in babillard python; do
    : > "$OUT/times-$tool"
    for run in $(seq "$RUNS"); do
        rm -f "$OUT/$tool.sqlite" "$OUT/$tool.sqlite-wal" "$OUT/$tool.sqlite-shm"
        if [ "$tool" = babillard ]; then
            /usr/bin/time -f "%e %M" -o "$OUT/time" "$B" import --no-analysis --db "$OUT/$tool.sqlite" --format mastodon "$OUT/statuses-$N.jsonl" 2>/dev/null
        else
            /usr/bin/time -f "%e %M" -o "$OUT/time" python3 bench/python_import.py "$OUT/statuses-$N.jsonl" "$OUT/$tool.sqlite" >/dev/null
        fi
        cat "$OUT/time" >> "$OUT/times-$tool"
    done
    seconds=$(cut -d' ' -f1 "$OUT/times-$tool" | median)
    peak=$(cut -d' ' -f2 "$OUT/times-$tool" | median)
    echo "$tool: median $seconds s, $(python3 -c "print(round($N/$seconds))") items/s, peak RSS $((peak / 1024)) MiB (runs: $(cut -d' ' -f1 "$OUT/times-$tool" | tr '\n' ' '))"
done

fi

if part memory; then
echo "## memory stays flat: import of N/10 and N statuses, peak RSS"
[ -s "$OUT/statuses-tenth-$N.jsonl" ] || head -n $((N / 10)) "$OUT/statuses-$N.jsonl" > "$OUT/statuses-tenth-$N.jsonl"
rm -f "$OUT/flat.sqlite"*
/usr/bin/time -f "%M" -o "$OUT/time" "$B" import --no-analysis --db "$OUT/flat.sqlite" --format mastodon "$OUT/statuses-tenth-$N.jsonl" 2>/dev/null
echo "babillard, $((N / 10)) statuses: peak RSS $(( $(cat "$OUT/time") / 1024 )) MiB"

fi

if part feed; then
for items in 1000 10000; do
    [ -s "$OUT/feed-$items.xml" ] || python3 bench/make_feed.py "$OUT/feed-$items.xml" "$items"
    echo "## parsing a $items-item RSS feed"
    echo "feedparser: $(python3 bench/feedparser_bench.py "$OUT/feed-$items.xml" "$RUNS")"
    : > "$OUT/times-feed"
    for run in $(seq $((RUNS * 3))); do
        # Wall time to the millisecond (time's %e has two decimals, too coarse at 1,000 items);
        # peak memory from time.
        started=$(date +%s%N)
        /usr/bin/time -f "%M" -o "$OUT/time" "$B" import --dry-run --format feed "$OUT/feed-$items.xml" 2>/dev/null
        ended=$(date +%s%N)
        echo "$(awk -v ns=$((ended - started)) 'BEGIN { printf "%.4f", ns / 1e9 }') $(cat "$OUT/time")" >> "$OUT/times-feed"
    done
    seconds=$(cut -d' ' -f1 "$OUT/times-feed" | median)
    peak=$(cut -d' ' -f2 "$OUT/times-feed" | median)
    echo "babillard (whole process: start, read, parse, exit): median $seconds s (runs: $(cut -d' ' -f1 "$OUT/times-feed" | tr '\n' ' ')), $(python3 -c "print(round($items/max($seconds, 0.001)))") items/s, peak RSS $((peak / 1024)) MiB"
done
fi

if part text; then
TEXTS=${TEXTS:-100000}
[ -s "$OUT/texts-$TEXTS.txt" ] || python3 bench/make_texts.py "$OUT/texts-$TEXTS.txt" "$TEXTS"
echo "## analysis of $TEXTS real texts (English and French tweets, snippets, reviews)"
echo "python, in process after loading: $(python3 bench/text_bench.py "$OUT/texts-$TEXTS.txt" 10000 | tr '\n' ';')"
: > "$OUT/times-text"
for run in $(seq "$RUNS"); do
    /usr/bin/time -f "%e %M" -o "$OUT/time" "$B" analyze < "$OUT/texts-$TEXTS.txt" > "$OUT/analysis.jsonl"
    cat "$OUT/time" >> "$OUT/times-text"
done
seconds=$(cut -d' ' -f1 "$OUT/times-text" | median)
peak=$(cut -d' ' -f2 "$OUT/times-text" | median)
echo "babillard analyze (whole process, full analysis: language, sentiment with explanation, intents, fingerprint, JSON out): median $seconds s, $(python3 -c "print(round($TEXTS/$seconds))") texts/s, peak RSS $((peak / 1024)) MiB"
echo "## import of $N statuses without and with analysis (analysis: every item, on both cores)"
for mode in --no-analysis --with-analysis; do
    rm -f "$OUT/analysed.sqlite"*
    flag=$([ "$mode" = --no-analysis ] && echo --no-analysis || true)
    /usr/bin/time -f "%e %M" -o "$OUT/time" "$B" import $flag --db "$OUT/analysed.sqlite" --format mastodon "$OUT/statuses-$N.jsonl" 2>/dev/null
    echo "babillard import $mode: $(cut -d' ' -f1 "$OUT/time") s, $(python3 -c "print(round($N/$(cut -d' ' -f1 "$OUT/time")))") items/s, peak RSS $(( $(cut -d' ' -f2 "$OUT/time") / 1024 )) MiB"
done
fi
