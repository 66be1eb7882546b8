#!/usr/bin/env bash
# Opens an HTML backtest report in headless Chromium and fails unless it rendered cleanly:
#   - Chromium exits 0 within the time limit;
#   - the page wrote nothing to the console (no JS error, no console.error, no blocked load: the
#     report logs nothing when all is well, so any console line is treated as a failure);
#   - the dumped DOM has <body data-rendered="ok">, set by the page's own script once every chart
#     has content (the script also checks the sections exist);
#   - the dumped DOM has the sections run, stats, equity, drawdown, price, signals, refusals, trades.
#
# Usage: scripts/check-report.sh HTML_FILE
# Environment: CHROMIUM (default /usr/bin/chromium), CHECK_TIMEOUT_S (default 60).
# Exit status: 0 passed, 1 check failed, 2 usage error or Chromium missing.
set -euo pipefail

if [[ $# -ne 1 ]]; then
    echo "usage: $0 HTML_FILE" >&2
    exit 2
fi
file=$1
if [[ ! -f $file ]]; then
    echo "check-report: no such file: $file" >&2
    exit 2
fi
chromium=${CHROMIUM:-/usr/bin/chromium}
if [[ ! -x $chromium ]]; then
    echo "check-report: Chromium not found at $chromium (apt-get install chromium)" >&2
    exit 2
fi
timeout_s=${CHECK_TIMEOUT_S:-60}

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
url="file://$(realpath "$file")"

status=0
timeout --kill-after=5 "$timeout_s" "$chromium" \
    --headless --no-sandbox --disable-gpu --disable-quic --no-first-run \
    --disable-background-networking --disable-component-update --disable-sync \
    --user-data-dir="$work/profile" --enable-logging=stderr --v=0 \
    --dump-dom "$url" >"$work/dom.html" 2>"$work/chromium.log" </dev/null || status=$?

fail() {
    echo "check-report: FAIL: $*" >&2
    exit 1
}

if [[ $status -ne 0 ]]; then
    tail -n 20 "$work/chromium.log" >&2 || true
    if [[ $status -eq 124 || $status -eq 137 ]]; then
        fail "Chromium did not finish within ${timeout_s}s"
    fi
    fail "Chromium exited with status $status"
fi

if grep -q ':CONSOLE' "$work/chromium.log"; then
    grep ':CONSOLE' "$work/chromium.log" >&2
    fail "the page wrote to the console (error, exception or blocked load)"
fi

if [[ ! -s $work/dom.html ]]; then
    fail "Chromium dumped no DOM"
fi

rendered=$(grep -o '<body[^>]*>' "$work/dom.html" | head -n 1 || true)
if [[ $rendered != *'data-rendered="ok"'* ]]; then
    fail "the page's script did not report success: ${rendered:-no <body> tag}"
fi

for id in run stats equity drawdown price signals refusals trades; do
    grep -q "id=\"$id\"" "$work/dom.html" || fail "section '$id' is missing"
done

echo "check-report: OK: $file"
