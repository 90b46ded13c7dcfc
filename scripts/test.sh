#!/usr/bin/env bash
# `npm test`: everything a fresh clone needs, in order.
#  1. lint: ESLint with n8n's community-node rules, then Prettier (`npm run lint`);
#  2. build dist/ (the e2e tests load it into the real n8n);
#  3. install Node 24 + n8n 2.41.1 into the tool cache, once (scripts/n8n-runtime.sh);
#  4. run every jest project: unit, workflow (n8n-core + sandbox) and e2e (real n8n).
# Extra arguments go to jest, e.g. `npm test -- --selectProjects unit`.
set -euo pipefail
cd "$(dirname "$0")/.."
npm run lint --silent
npm run build --silent
bash scripts/n8n-runtime.sh
# Debian's chromium for the editor test (test/e2e/browser.test.ts); installing it needs root (CI is root).
if [ -n "${CI:-}" ] || [ "$(id -u)" -eq 0 ]; then bash scripts/chromium.sh; fi
npx jest --ci "$@"
