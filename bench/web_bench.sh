#!/usr/bin/env bash
# The workbench under load: a demo workspace of ITEMS items (default 1,000,000) served by the
# release build on 127.0.0.1, then wrk on the overview, the inbox and the JSON item search
# (DURATION seconds each, CONNECTIONS connections on THREADS wrk threads: one is enough for a few
# hundred requests a second and takes less of the two cores from the server), with p50/p95/p99,
# errors, and the server's resident memory before and after the load.
#
#   bench/web_bench.sh
#   ITEMS=100000 DURATION=10 bench/web_bench.sh
set -euo pipefail
cd "$(dirname "$0")/.."
ITEMS=${ITEMS:-1000000}
DURATION=${DURATION:-20}
CONNECTIONS=${CONNECTIONS:-8}
THREADS=${THREADS:-1}
PORT=${PORT:-18080}
OUT=bench/out
mkdir -p "$OUT"
command -v wrk >/dev/null || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk >/dev/null; }
swift build -c release --product babillard >&2
B=.build/release/babillard
DB="$OUT/web-$ITEMS.sqlite"
if [ ! -s "$DB" ]; then
    echo "# building a demo workspace of $ITEMS items (once; kept in $DB)" >&2
    /usr/bin/time -f "demo: %e s, %M KiB" "$B" demo --db "$DB" --items "$ITEMS" --no-serve >/dev/null
fi
"$B" user add --db "$DB" --email bench@example.test --password 'bench password 1' --role owner >/dev/null 2>&1 || true
TOKEN=$("$B" token create --db "$DB" --role viewer --label bench)

"$B" serve --db "$DB" --port "$PORT" > "$OUT/web-server.log" 2>&1 &
SERVER=$!
trap 'kill $SERVER 2>/dev/null || true' EXIT
for _ in $(seq 60); do curl -fsS "http://127.0.0.1:$PORT/health" >/dev/null 2>&1 && break; sleep 1; done
JAR="$OUT/web-cookies"
rm -f "$JAR"
CSRF=$(curl -fsS -c "$JAR" -b "$JAR" "http://127.0.0.1:$PORT/login" | sed -n 's/.*name="_csrf" value="\([^"]*\)".*/\1/p' | head -1)
curl -fsS -c "$JAR" -b "$JAR" -o /dev/null --data-urlencode "_csrf=$CSRF" --data-urlencode "email=bench@example.test" \
    --data-urlencode "password=bench password 1" "http://127.0.0.1:$PORT/login"
SESSION=$(awk '$6 == "babillard_session" {print $7}' "$JAR")
[ -n "$SESSION" ] || { echo "could not sign in" >&2; exit 1; }

cat > "$OUT/p95.lua" <<'LUA'
done = function(summary, latency, requests)
  io.write(string.format("RESULT requests=%d errors=%d non2xx=%d rps=%.0f p50=%.2fms p95=%.2fms p99=%.2fms\n",
    summary.requests, summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout,
    summary.errors.status, summary.requests / (summary.duration / 1e6),
    latency:percentile(50) / 1000, latency:percentile(95) / 1000, latency:percentile(99) / 1000))
end
LUA
rss() { awk '/VmRSS/ {print $2}' "/proc/$SERVER/status"; }
echo "## workbench under wrk: $ITEMS items, ${DURATION}s per URL, $CONNECTIONS connections, $THREADS threads"
echo "server RSS before: $(rss) KiB"
run() {
    local name=$1 url=$2; shift 2
    # Warm the page once, then measure.
    curl -fsS -o /dev/null "$@" "$url"
    printf '%-22s ' "$name"
    wrk -t "$THREADS" -c "$CONNECTIONS" -d "${DURATION}s" -s "$OUT/p95.lua" "$@" "$url" | grep RESULT | sed 's/RESULT //'
    echo "  server RSS after: $(rss) KiB"
}
run overview "http://127.0.0.1:$PORT/w/1/overview" -H "Cookie: babillard_session=$SESSION"
run inbox "http://127.0.0.1:$PORT/w/1/inbox" -H "Cookie: babillard_session=$SESSION"
run "api items q=livraison" "http://127.0.0.1:$PORT/api/v1/items?q=livraison&limit=20" -H "Authorization: Bearer $TOKEN"
run "api items q=croissant" "http://127.0.0.1:$PORT/api/v1/items?q=croissant&limit=20" -H "Authorization: Bearer $TOKEN"
run mentions "http://127.0.0.1:$PORT/w/1/mentions" -H "Cookie: babillard_session=$SESSION"
# Search by relevance (sort=relevance) ranks every match with FTS5's bm25: it costs more, and its
# latency depends on how many such searches run at once.
run "api relevance q=croissant" "http://127.0.0.1:$PORT/api/v1/items?q=croissant&sort=relevance&limit=20" -H "Authorization: Bearer $TOKEN"
CONNECTIONS=2 run "api relevance, 2 conn." "http://127.0.0.1:$PORT/api/v1/items?q=croissant&sort=relevance&limit=20" -H "Authorization: Bearer $TOKEN"
CONNECTIONS=1 run "api relevance, 1 conn." "http://127.0.0.1:$PORT/api/v1/items?q=croissant&sort=relevance&limit=20" -H "Authorization: Bearer $TOKEN"
# Memory under load: the same pages again, after every other; RSS should not grow any more.
run "overview again" "http://127.0.0.1:$PORT/w/1/overview" -H "Cookie: babillard_session=$SESSION"
run "inbox again" "http://127.0.0.1:$PORT/w/1/inbox" -H "Cookie: babillard_session=$SESSION"
run "api q=croissant again" "http://127.0.0.1:$PORT/api/v1/items?q=croissant&limit=20" -H "Authorization: Bearer $TOKEN"
echo "server RSS at the end: $(rss) KiB"
