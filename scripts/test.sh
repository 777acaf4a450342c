#!/usr/bin/env bash
# `npm test`: type-check, lint, then every test (server on the real database, then browser tests).
# Runs on embedded PGlite; set TEST_DATABASE_URL to run the same suite on a PostgreSQL server.
set -euo pipefail
cd "$(dirname "$0")/.."
echo "▸ typecheck"
npx tsc -b
echo "▸ lint"
npx biome check .
echo "▸ tests (database: ${TEST_DATABASE_URL:+PostgreSQL}${TEST_DATABASE_URL:-embedded PGlite})"
npx vitest run
echo "▸ browser tests (Chromium)"
bash scripts/ensure-chromium.sh
npx vitest run --config e2e/vitest.config.ts
