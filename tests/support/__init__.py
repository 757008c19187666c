"""Test support shared by the suite and the benchmarks; never shipped (see pyproject.toml).

- :mod:`tests.support.server`: the real server in a subprocess (``ServerProcess``),
  test databases (SQLite files, PostgreSQL databases dropped at exit), seeding the
  demo chain, ``sign_in`` over HTTP; the benchmarks use ``seeded_server``.
- :mod:`tests.support.server_spare`: a server interpreter that imports ahead of time
  (the suite keeps one warming up so the next server start takes ~0.1 s, not ~1.5 s).
- :mod:`tests.support.plugin`: the pytest fixtures over it (``db_kind``,
  ``live_server``, ``sqlite_live_server``, ``server_factory``), registered in
  ``tests/conftest.py``.
"""
