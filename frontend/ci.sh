#!/usr/bin/env bash
# The dashboard's checks for CI: install, type-check, lint (ESLint's CLI; Next 16 has no
# `next lint`), build. The e2e run is separate (it needs the platform; see README.md).
set -euo pipefail
cd "$(dirname "$0")"
export NEXT_TELEMETRY_DISABLED=1

command -v node >/dev/null || { echo "frontend/ci.sh: Node.js 20+ is required (apt-get install -y nodejs npm)" >&2; exit 1; }
started=$SECONDS
step() {
  local name=$1; shift
  local t=$SECONDS
  printf '\n--> %s\n' "$name"
  "$@"
  printf -- '--> %s took %ss\n' "$name" "$((SECONDS - t))"
}

step "npm ci" npm ci --no-audit --no-fund
step "type-check (tsc --noEmit)" npx tsc --noEmit
step "lint (eslint)" npx eslint --max-warnings=0 .
# Standalone output, as the container image builds it, so that the smoke test below runs what the image runs.
step "build (next build, standalone)" env THRIFTSTORE_STANDALONE=1 npx next build
step "standalone server (the container's entry point)" ./standalone-smoke.sh
printf '\n--> frontend checks passed in %ss\n' "$((SECONDS - started))"
