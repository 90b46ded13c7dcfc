#!/usr/bin/env bash
# Installs Debian's `chromium` for the browser test (test/e2e/browser.test.ts) unless
# /usr/bin/chromium is already there. Playwright's own browser download does not work on these
# machines; playwright-core drives this system Chromium instead.
#
# Idempotent and quiet: nothing is printed when Chromium is present; otherwise one line on
# stderr, apt's output goes to a log that is shown only on failure. Needs root (apt-get) and
# never reads stdin (safe with CI=true and no terminal). Exit status != 0 with a reason when
# it cannot install.
set -euo pipefail

CHROMIUM=/usr/bin/chromium

say() { printf '[chromium %s] %s\n' "$(date +%H:%M:%S)" "$*" >&2; }
fail() { say "ERROR: $*"; exit 1; }

[ -x "$CHROMIUM" ] && exit 0

[ "$(id -u)" -eq 0 ] || fail "$CHROMIUM is missing and installing it needs root: run 'apt-get install -y --no-install-recommends chromium' as root, then retry"
command -v apt-get > /dev/null || fail "$CHROMIUM is missing and apt-get is not available (Debian/Ubuntu only)"

export DEBIAN_FRONTEND=noninteractive
LOG=$(mktemp "${TMPDIR:-/tmp}/chromium-install.XXXXXX.log")
# Wait up to 2 min for another apt/dpkg run to finish instead of failing on its lock.
APT=(apt-get -q -y -o DPkg::Lock::Timeout=120)

say "installing Debian's chromium (apt-get update + install, ~20 s; log: $LOG)"
start=$(date +%s)
"${APT[@]}" update < /dev/null >> "$LOG" 2>&1 ||
	fail "apt-get update failed (exit $?); last lines of $LOG:
$(tail -n 20 "$LOG")"
"${APT[@]}" install --no-install-recommends chromium < /dev/null >> "$LOG" 2>&1 ||
	fail "apt-get install chromium failed (exit $?); last lines of $LOG:
$(tail -n 20 "$LOG")"
[ -x "$CHROMIUM" ] || fail "apt-get installed chromium but $CHROMIUM is missing; see $LOG"
say "installed $("$CHROMIUM" --version 2> /dev/null || echo chromium) in $(($(date +%s) - start)) s"
rm -f "$LOG"
