"""The counter PC's local SQLite cache and the services the screens call.

- ``cache.open_cache(path) -> Cache``: WAL + ``synchronous=FULL``; a corrupt or
  incompatible file is moved aside (``<name>.corrupt-<ts>``) and rebuilt with
  its readable outbox (``cache.rebuilt``). Sync state is methods on ``Cache``:
  ``cursor()``, ``apply_pull_page()``, ``apply_push_results()``,
  ``reset_for_resync()``, ``device_id()``; plus ``cache.outbox`` (``pending``,
  ``count``), ``cache.attention`` (``list``, ``retry``, ``discard``, ``count``)
  and ``add_write_listener(cb)`` (called after every committed local edit).
- Services, each built as ``Service(cache, user)``: ``customers.CustomerService``
  (``customer_query.CustomerQuery``), ``tags.TagService``, ``users.UserService``,
  ``orders.OrderService``, ``tasks.TaskService``, ``content.ScriptService`` /
  ``MaterialService`` / ``SensitiveWords``. Writes validate first
  (``guide_app.domain.errors.ValidationFailed``), then change the local rows and
  queue the outbox entry in one transaction (``overlay.py`` + ``outbox.py``).
- Search lives in ``guide_app.search``; its indexes (FTS5 trigram tables, the
  customer and content search-key tables, pinyin columns) are kept here
  (``schema.py``, ``rows.py``).
"""
