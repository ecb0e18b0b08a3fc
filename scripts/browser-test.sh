#!/usr/bin/env bash
# A real-browser test of the web workbench: headless Chromium driven by Selenium.
#
#   scripts/browser-test.sh PATH_TO_BABILLARD_BINARY [OUTPUT_DIR]
#
# Builds a demo workspace in a temporary database, adds an owner and an agent,
# serves it on a free port of 127.0.0.1 and runs Tests/Browser/browser_test.py,
# which saves its screenshots into OUTPUT_DIR (default: artifacts/screenshots).
# Installs Debian's chromium and chromium-driver and Python's selenium when
# they are missing (as root, or through sudo). Exits non-zero if anything fails.
set -euo pipefail

usage() { echo "usage: $0 PATH_TO_BABILLARD_BINARY [OUTPUT_DIR]" >&2; exit 2; }
[[ $# -ge 1 && $# -le 2 ]] || usage

say() { printf '==> %s\n' "$*"; }
die() { printf 'browser-test: %s\n' "$*" >&2; exit 1; }

BIN=$1
[[ -x $BIN ]] || die "no executable at $BIN"
BIN=$(cd "$(dirname "$BIN")" && pwd)/$(basename "$BIN")
REPO=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
if [[ $# -ge 2 ]]; then
    mkdir -p "$2"
    OUT=$(cd "$2" && pwd)
else
    OUT=$REPO/artifacts/screenshots
    mkdir -p "$OUT"
fi
cd "$REPO"

export SE_AVOID_STATS=true
export DEBIAN_FRONTEND=noninteractive

as_root() {
    if [[ $(id -u) -eq 0 ]]; then "$@"
    elif command -v sudo >/dev/null; then sudo -E "$@"
    else die "need root (or sudo) to run: $*"
    fi
}

# --- what the test needs --------------------------------------------------
if [[ ! -x /usr/bin/chromedriver ]]; then
    say "installing chromium and chromium-driver"
    as_root apt-get update -qq
    as_root apt-get install -y -qq chromium chromium-driver >/dev/null
fi
[[ -x /usr/bin/chromedriver ]] || die "/usr/bin/chromedriver is still missing after installing chromium-driver"

if ! python3 -c 'import selenium' 2>/dev/null; then
    say "installing selenium"
    if ! python3 -m pip --version >/dev/null 2>&1; then
        as_root apt-get update -qq
        as_root apt-get install -y -qq python3-pip >/dev/null
    fi
    # Debian's own python3 refuses pip installs outside a virtual environment (PEP 668).
    python3 -m pip install --quiet selenium 2>/dev/null \
        || python3 -m pip install --quiet --break-system-packages selenium
fi
python3 -c 'import selenium' || die "selenium cannot be imported by $(command -v python3)"
command -v curl >/dev/null || { as_root apt-get update -qq; as_root apt-get install -y -qq curl >/dev/null; }

say "$(/usr/bin/chromium --version 2>/dev/null), $(/usr/bin/chromedriver --version | cut -d' ' -f1-2), selenium $(python3 -c 'import selenium; print(selenium.__version__)')"

# --- a database with a demo workspace, an owner and an agent ----------------
TMP=$(mktemp -d "${TMPDIR:-/tmp}/babillard-browser.XXXXXX")
DB=$TMP/b.sqlite
LOG=$TMP/server.log
SERVER_PID=

print_server_log() {
    if [[ -s $LOG ]]; then
        echo "---- server log ($LOG), last 80 lines ----" >&2
        tail -n 80 "$LOG" >&2
        echo "---- end of server log ----" >&2
    fi
}

cleanup() {
    local status=$?
    if [[ -n $SERVER_PID ]] && kill -0 "$SERVER_PID" 2>/dev/null; then
        kill "$SERVER_PID" 2>/dev/null || true
        for _ in $(seq 1 50); do kill -0 "$SERVER_PID" 2>/dev/null || break; sleep 0.1; done
        kill -9 "$SERVER_PID" 2>/dev/null || true
        wait "$SERVER_PID" 2>/dev/null || true
    elif [[ -n $SERVER_PID && $status -ne 0 ]]; then
        echo "browser-test: the server (pid $SERVER_PID) is not running any more" >&2
    fi
    if [[ $status -ne 0 ]]; then
        print_server_log
        echo "browser-test: FAILED (exit $status); screenshots in $OUT" >&2
    fi
    rm -rf "$TMP"
    exit "$status"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

say "building the demo workspace in $DB"
"$BIN" demo --db "$DB" --no-serve --items 2000 || die "babillard demo failed"

say "adding the owner owner@example.test"
"$BIN" user add --db "$DB" --email owner@example.test --password 'correct horse battery' \
    --workspace default --role owner || die "babillard user add (owner) failed"

AGENT_NAME='Agnès Agent'
say "adding the agent agent@example.test ($AGENT_NAME)"
if ! "$BIN" user add --db "$DB" --email agent@example.test --password 'agent password 42' \
        --workspace default --role agent --name "$AGENT_NAME"; then
    say "user add refused --name; adding the agent without a name"
    AGENT_NAME=agent@example.test
    "$BIN" user add --db "$DB" --email agent@example.test --password 'agent password 42' \
        --workspace default --role agent || die "babillard user add (agent) failed"
fi

# --- the server -------------------------------------------------------------
PORT=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()')
BASE=http://127.0.0.1:$PORT
say "starting babillard serve on $BASE (log: $LOG)"
"$BIN" serve --db "$DB" --host 127.0.0.1 --port "$PORT" >"$LOG" 2>&1 &
SERVER_PID=$!

ready=
for _ in $(seq 1 120); do
    if ! kill -0 "$SERVER_PID" 2>/dev/null; then
        wait "$SERVER_PID" && code=0 || code=$?
        SERVER_PID=
        die "the server exited (status $code) before it answered /health"
    fi
    if curl -fsS -o /dev/null --max-time 2 "$BASE/health" 2>/dev/null; then ready=1; break; fi
    sleep 0.5
done
[[ -n $ready ]] || die "the server did not answer $BASE/health within 60 s"
say "the server answers /health"

# --- the browser test -------------------------------------------------------
say "running Tests/Browser/browser_test.py (screenshots in $OUT)"
test_status=0
python3 Tests/Browser/browser_test.py --base "$BASE" --screenshots "$OUT" \
    --agent-name "$AGENT_NAME" || test_status=$?

if ! kill -0 "$SERVER_PID" 2>/dev/null; then
    SERVER_PID=
    die "the server died during the browser test"
fi
[[ $test_status -eq 0 ]] || die "the browser test failed (exit $test_status)"
say "browser test passed; screenshots in $OUT"
