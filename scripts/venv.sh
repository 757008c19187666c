#!/usr/bin/env bash
# The project's venv (.venv), installed editable with the given extras:
#   bash scripts/venv.sh          # the app and server
#   bash scripts/venv.sh test     # plus the test tools
# Code changes need no reinstall; a changed pyproject.toml (dependencies,
# commands) does, so its hash marks what the venv holds.
set -euo pipefail
cd "$(dirname "$0")/.."
extras="${1:-}"
if [ ! -x .venv/bin/python ]; then python3 -m venv .venv; fi
hash="$(sha256sum pyproject.toml | cut -c1-16)"
stamp=".venv/.installed-${extras:-app}-$hash"
[ -f "$stamp" ] && exit 0
.venv/bin/python -m pip install -q --disable-pip-version-check -e ".${extras:+[$extras]}"
touch "$stamp"
# the test extras include the app's
[ "$extras" = test ] && touch ".venv/.installed-app-$hash"
exit 0
