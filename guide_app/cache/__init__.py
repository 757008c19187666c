"""The counter PC's local SQLite cache: plumbing, no business rules.

- ``database.open_cache(path) -> Cache``: WAL + ``synchronous=FULL``; a corrupt or
  incompatible file is moved aside (``<name>.corrupt-<ts>``) and rebuilt with
  its readable outbox (``cache.rebuilt``). Sync state is methods on ``Cache``:
  ``cursor()``, ``apply_pull_page()``, ``apply_push_results()``,
  ``reset_for_resync()``, ``device_id()``; plus ``cache.outbox`` (``pending``,
  ``count``), ``cache.attention`` (``list``, ``retry``, ``discard``, ``count``)
  and ``add_write_listener(cb)`` (``cb(entities)`` after every committed local
  edit, with the entity names it changed).
- ``tables`` (table definitions and FTS DDL), ``migrations`` (versioned in-place
  steps), ``rows`` (read/write pulled rows), ``overlay`` + ``outbox`` (a local
  edit applied over the pulled row and queued in one transaction),
  ``sync_state``, ``attention`` (rejected edits), ``owner_lock`` and ``adopt``
  (one process per cache file; adopting a stranded cache), ``fts`` and
  ``pinyin_index`` (the search indexes).
"""
