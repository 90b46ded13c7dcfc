#!/usr/bin/env bash
# n8n queue mode ("scaling out") with the AIRudder package, end to end on 127.0.0.1:
#   Redis + PostgreSQL + the AIRudder sandbox + real n8n 2.41.1 as three processes sharing one
#   Postgres DB (sqlite fails under queue mode: SQLITE_BUSY) and one N8N_ENCRYPTION_KEY: `n8n start` (main, EXECUTIONS_MODE=queue, production webhooks off),
#   `n8n worker` (runs every execution) and `n8n webhook` (receives production webhooks).
# It runs examples/task-create.json, the same flow started through the webhook processor (run by the
# worker), and 200 callbacks through the published examples/callback-trigger.json, then checks that
# every execution succeeded and that the AIRudder token was exchanged ONCE in total: the token lives
# in the credential (DB), shared by all processes, not in a process-local cache.
#
# Needs: Node 20+ and npm (`npm ci` done), root or sudo for `apt-get install redis-server postgresql`
# when they are missing. Installs Node 24 + n8n into the tool cache if needed (scripts/n8n-runtime.sh).
# Stops everything it started, also on failure or Ctrl-C. Exit code 0 = all checks passed.
#   QUEUE_CALLBACKS=200  number of callbacks     QUEUE_KEEP=1  keep n8n's work dir (logs, DB)
set -euo pipefail
cd "$(dirname "$0")/.."

say() { printf '[queue-mode %s] %s\n' "$(date +%H:%M:%S)" "$*" >&2; }

# ---------------------------------------------------------------- Redis + PostgreSQL (Debian packages)
pg_bin() { ls -d /usr/lib/postgresql/*/bin 2> /dev/null | sort -V | tail -1; }
missing=()
command -v redis-server > /dev/null || missing+=(redis-server)
[ -n "$(pg_bin)" ] && [ -x "$(pg_bin)/initdb" ] || missing+=(postgresql)
if [ ${#missing[@]} -gt 0 ]; then
	SUDO=
	if [ "$(id -u)" != 0 ]; then
		command -v sudo > /dev/null || { say "missing ${missing[*]} and this is not root (no sudo): apt-get install ${missing[*]}"; exit 1; }
		SUDO="sudo -n"
	fi
	say "installing ${missing[*]} (apt-get)"
	export DEBIAN_FRONTEND=noninteractive
	$SUDO apt-get update -qq > /dev/null
	$SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" > /dev/null
fi
# The packages may start system-wide services (6379, 5432); this script never uses them: it runs
# its own redis-server and its own throw-away Postgres cluster on free ports of 127.0.0.1.
export PG_BIN
PG_BIN=$(pg_bin)

# ---------------------------------------------------------------- build + n8n runtime
npm run build --silent > /dev/null
bash scripts/n8n-runtime.sh > /dev/null

# ---------------------------------------------------------------- run (own process group, killed on exit)
pid=
# Signals the whole process group of the run (npx, tsx and run.ts, which stops the processes it
# started itself); waits up to 60 s for the group to be gone before SIGKILL.
cleanup() {
	if [ -n "$pid" ] && kill -0 -- "-$pid" 2> /dev/null; then
		kill -TERM -- "-$pid" 2> /dev/null || true
		for _ in $(seq 1 120); do kill -0 -- "-$pid" 2> /dev/null || return 0; sleep 0.5; done
		kill -KILL -- "-$pid" 2> /dev/null || true
	fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM
set -m
npx tsx scripts/queue-mode/run.ts < /dev/null &
pid=$!
set +m
wait "$pid"
