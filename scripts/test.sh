#!/usr/bin/env bash
# `npm test`: type-check, lint, then every test (server on the real database, then browser tests).
# Runs on embedded PGlite; set TEST_DATABASE_URL to run the same suite on a PostgreSQL server.
set -euo pipefail
cd "$(dirname "$0")/.."
echo "▸ typecheck"
npx tsc -b
echo "▸ lint"
npx biome check .
if [ -n "${TEST_DATABASE_URL:-}" ]; then echo "▸ tests on PostgreSQL"; else echo "▸ tests on embedded PGlite"; fi
npx vitest run
echo "▸ browser tests (Chromium)"
bash scripts/ensure-chromium.sh
npx vitest run --config e2e/vitest.config.ts
