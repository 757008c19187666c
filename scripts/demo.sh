#!/usr/bin/env bash
# README command 1: install what the app needs and open it on the demo chain
# (an embedded server with demo data on SQLite, the app signed in to it).
#   bash scripts/demo.sh               # any guide-app arguments may follow, e.g. --lang en
set -euo pipefail
cd "$(dirname "$0")/.."

bash scripts/install-system-deps.sh --app

bash scripts/venv.sh

self_test=0
for arg in "$@"; do [ "$arg" = "--self-test" ] && self_test=1; done
if [ "$(uname -s)" = Linux ] && [ $self_test -eq 0 ] && [ -z "${DISPLAY:-}${WAYLAND_DISPLAY:-}" ]; then
  echo "guide-app: 没有图形界面 (DISPLAY 未设置)。请在桌面会话中运行, 或: xvfb-run bash scripts/demo.sh" >&2
  echo "guide-app: no screen (DISPLAY is not set): run it in a desktop session, or under xvfb-run" >&2
  exit 1
fi
exec .venv/bin/guide-app --demo "$@"
