#!/usr/bin/env bash
# Installs everything the test suite needs on a fresh machine and runs it.
#   bash scripts/test.sh            # the whole suite
#   bash scripts/test.sh tests/server -k pull   # any pytest arguments
set -euo pipefail
cd "$(dirname "$0")/.."

bash scripts/install-system-deps.sh
bash scripts/start-postgres.sh

bash scripts/venv.sh test

export QT_QPA_PLATFORM=offscreen
export GUIDE_TEST_PG_URL="${GUIDE_TEST_PG_URL:-postgresql+psycopg://postgres@127.0.0.1:5432/test}"
# Parallel (pytest-xdist): one worker per core, at most 4, whole files per worker (each worker
# has its own servers, database templates, temp folders and keyring file).
# GUIDE_TEST_WORKERS=N picks the number; 0 runs everything in this one process.
cores=$(nproc 2>/dev/null || echo 1)
workers="${GUIDE_TEST_WORKERS:-$(( cores < 4 ? cores : 4 ))}"
parallel=()
if [ "$workers" -gt 1 ]; then parallel=(-n "$workers" --dist loadfile); fi
exec .venv/bin/python -m pytest -q -p no:cacheprovider "${parallel[@]}" "$@"
