#!/usr/bin/env bash
# `npm run demo`: build, install the real n8n runtime if needed (cached), run scripts/demo.ts.
set -euo pipefail
cd "$(dirname "$0")/.."
npm run build --silent
bash scripts/n8n-runtime.sh > /dev/null
npx tsx scripts/demo.ts
