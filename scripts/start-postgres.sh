#!/usr/bin/env bash
# Makes sure PostgreSQL answers on 127.0.0.1:5432 with a database "test"
# (trust auth, user postgres). Under CI=true a failure is fatal; elsewhere the
# PostgreSQL tests skip with a visible reason instead.
set -uo pipefail
fail() { echo "start-postgres: $*" >&2; if [ "${CI:-}" = "true" ]; then exit 1; else exit 0; fi; }
ready() { pg_isready -q -h 127.0.0.1 -p 5432 2>/dev/null; }

if ! command -v pg_isready >/dev/null 2>&1 || ! ls /etc/postgresql/*/main >/dev/null 2>&1; then
  if [ "$(id -u)" -eq 0 ]; then
    apt-get update -qq >/dev/null
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null || fail "could not install postgresql"
  else
    fail "PostgreSQL is not installed"
  fi
fi
if ! ready; then
  ver=$(ls /etc/postgresql | sort -V | tail -n 1)
  pg_ctlcluster --skip-systemctl-redirect "$ver" main start >/dev/null 2>&1 || true
  for _ in $(seq 1 30); do ready && break; sleep 1; done
fi
ready || fail "PostgreSQL does not answer on 127.0.0.1:5432"
psql -h 127.0.0.1 -U postgres -d postgres -tAc "SELECT 1 FROM pg_database WHERE datname='test'" 2>/dev/null | grep -q 1 \
  || psql -h 127.0.0.1 -U postgres -d postgres -qc "CREATE DATABASE test" >/dev/null 2>&1 \
  || fail "cannot reach PostgreSQL as postgres with trust auth"
exit 0
