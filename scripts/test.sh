#!/usr/bin/env bash
# `npm test`: type-check, lint, then every test (server on the real database, then browser tests).
# Runs on embedded PGlite; set TEST_DATABASE_URL to run the same suite on a PostgreSQL server.
set -euo pipefail
cd "$(dirname "$0")/.."
echo "▸ typecheck"
npx tsc -b
echo "▸ lint"
npx biome check .
echo "▸ build the chat widget (the server serves it; tests load it)"
npm run build -w @charla/widget --silent
echo "▸ IMAP server for the email tests (Dovecot)"
bash scripts/ensure-dovecot.sh
if [ -n "${TEST_DATABASE_URL:-}" ]; then echo "▸ tests on PostgreSQL"; else echo "▸ tests on embedded PGlite"; fi
npx vitest run
echo "▸ browser tests (Chromium)"
bash scripts/ensure-chromium.sh
npx vitest run --config e2e/vitest.config.ts
