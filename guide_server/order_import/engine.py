"""The order import: files in, orders written in whole-order batches, a report out.

1. Every file is opened and recognised first (:mod:`files`); a file that is not the
   channel's export, unreadable, or of an unknown encoding stops the import before
   anything is written (``report.failed``, the file's problem as line 0).
2. Rows stream into a temporary staging file (:mod:`staging`); a row that cannot be
   used (bad date, amount or status, cut short, no order no.) goes to the report with
   its file and line and the import goes on. A file that breaks part-way (bytes of
   another encoding, an unclosed quote) fails the import before anything is written.
3. Orders are read back grouped, assembled (:mod:`assemble`) and written
   :data:`BATCH_ORDERS` at a time, each batch one transaction (:mod:`writer`): an
   order is written whole or not at all. On PostgreSQL a batch is written on a worker
   thread while the next one is assembled (one batch in flight, in order).
4. The figures of every customer the file's orders belong to (or left) are recomputed
   by ``customer_figures.refresh_customer_figures`` in transactions of
   :data:`FIGURE_CHUNK` customers; it versions those whose figures moved, so counter
   PCs pull the figures — and the lifecycle stage the app derives from them — with the
   orders. Once per import rather than per batch: a customer with orders in every
   batch is recomputed and versioned once, not once per batch (500 batches of a
   500,000-row file).

Killed half-way, a re-run writes the remaining orders, finds the written ones
unchanged, and recomputes the figures of all the file's customers (unchanged orders
included), so it converges to the same database as one uninterrupted run.
"""

from __future__ import annotations

import gc
import time
from collections.abc import Callable, Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from pathlib import Path

from sqlalchemy import select, text
from sqlalchemy.exc import DBAPIError, IntegrityError

from guide_core.gc_pause import paused_gc
from guide_core.order_import_api import (
    MAX_REPORTED_PROBLEMS,
    OrderImportFile,
    OrderImportProblem,
    OrderImportReport,
)
from guide_core.protocol import OrderChannel
from guide_server import audit
from guide_server.customer_figures import refresh_customer_figures
from guide_server.db import Database
from guide_server.db_errors import is_transient
from guide_server.models import Store
from guide_server.order_import.assemble import Assembled, ItemsOnly, assemble
from guide_server.order_import.files import OrderFile, open_order_file, parse_rows
from guide_server.order_import.formats import LAYOUTS, Layout, MappingError, load_mapping
from guide_server.order_import.staging import Staging
from guide_server.order_import.writer import BatchResult, write_batch, write_items
from guide_server.reader import Reader
from guide_server.services.tag_rules import apply_tag_rules
from guide_server.tabular import TableError

#: Orders per transaction: big enough for executemany and the per-batch look-ups to pay
#: (1,000 spent a fifth of the time in commits and per-batch queries), small enough
#: that a kill loses little and a transaction holds its locks briefly.
BATCH_ORDERS = 5000
#: Tries per batch when a concurrent import or a busy database gets in the way.
WRITE_ATTEMPTS = 3
#: Customers whose figures are recomputed per transaction at the end of an import (their
#: rows are locked meanwhile; the versions of those that moved are taken in one step).
FIGURE_CHUNK = 1000


class ImportFailed(ValueError):
    """The import cannot start (unknown store, bad mapping file): nothing was written."""


class _Report:
    def __init__(self, channel: str) -> None:
        self.r = OrderImportReport(channel=channel)

    def problem(self, file: str, line: int, reason: str) -> None:
        self.r.rejected += 1
        if len(self.r.problems) < MAX_REPORTED_PROBLEMS:
            self.r.problems.append(OrderImportProblem(file=file, line=line, reason=reason))


def import_orders(
    db: Database,
    channel: str,
    paths: Sequence[Path | str],
    *,
    store_code: str | None = None,
    mapping: Path | str | Layout | None = None,
    file_names: Sequence[str] | None = None,
    batch_orders: int = BATCH_ORDERS,
    progress: Callable[[int], None] | None = None,
    only_store_code: str | None = None,
    reader: Reader | None = None,
) -> OrderImportReport:
    """Import ``paths`` (one channel's export files) into ``db``; the report says what happened.

    ``store_code``: the store of orders that neither match a customer nor name a store
    (POS: the store of the whole file unless its mapping has a store column).
    ``mapping``: POS only, the column-mapping file (or its layout). ``file_names``: the
    names to report (uploads are read from temporary copies). ``progress(orders_done)``.
    ``only_store_code``: a supervisor's upload: orders of any other store are refused.
    ``reader``: who imports (the audit row; ``None``: the command line).
    Raises :class:`ImportFailed` for an unknown store or a bad mapping file.
    """
    if channel not in set(OrderChannel):
        raise ImportFailed(f"不认识的渠道「{channel}」(可选: {'/'.join(OrderChannel)})")
    if channel == "pos":
        if mapping is None:
            raise ImportFailed("门店POS文件需要列映射文件 (--mapping)")
        try:
            layouts = (mapping if isinstance(mapping, Layout) else load_mapping(mapping),)
        except MappingError as exc:
            raise ImportFailed(str(exc)) from None
    else:
        layouts = LAYOUTS[channel]
    with db.read() as session:
        stores = {code: sid for code, sid in session.execute(select(Store.code, Store.id))}
    default_store = None
    if store_code:
        default_store = stores.get(store_code.strip())
        if default_store is None:
            raise ImportFailed(f"门店编码「{store_code}」不存在")
    only_store = stores.get(only_store_code) if only_store_code else None
    if only_store_code and only_store is None:
        raise ImportFailed(f"门店编码「{only_store_code}」不存在")
    report = _Report(channel)
    names = list(file_names) if file_names else [Path(p).name for p in paths]
    files: list[OrderFile] = []
    for number, (path, name) in enumerate(zip(paths, names, strict=True)):
        try:
            files.append(open_order_file(number, Path(path), channel, layouts, name))
        except TableError as exc:
            report.r.failed = True
            report.problem(name, 0, str(exc))
    if report.r.failed:
        return report.r
    staging = Staging()
    # the cyclic collector walked the rows in flight again and again (a seventh of the
    # import's CPU); they are acyclic, reference counting frees them
    try:
        with paused_gc():
            _stage(files, staging, report)
            if report.r.failed:  # nothing is written from a file that cannot be read whole
                return report.r
            kind = "lines" if any(f.layout.kind == "lines" for f in files) else "orders"
            ids = (default_store, only_store)
            _write(db, channel, staging, kind, files, stores, ids, report, batch_orders, progress)
    finally:
        staging.close()
    r = report.r
    with db.write() as session:
        audit.record(
            session,
            reader,
            "orders_import",
            f"{channel} {', '.join(names)}: rows {r.rows_read}, imported {r.orders_imported}, "
            f"updated {r.orders_updated}, unchanged {r.orders_unchanged}, rejected {r.rejected}",
            username="" if reader else "命令行",
        )
    return r


def _analyze(db: Database) -> None:
    """Fresh planner statistics for ``orders`` (PostgreSQL). Without them — a table that
    grew by this import faster than autovacuum looks — the batch lookup by order no. is
    planned as "every order of the channel, then filter", which made each batch slower
    than the one before (100,000 rows: 190 s). Taken at 1, 2, 4, 8 … times the orders
    written so far: a few ANALYZEs per import."""
    with db.write() as session:
        session.execute(text("ANALYZE orders (channel, channel_order_no, customer_id)"))


def _write_retrying(db, channel, batch, stores, store_ids):
    """One batch in one transaction; tried again when another import inserted one of its
    orders first (unique key) or the database was busy or deadlocked."""
    for attempt in range(WRITE_ATTEMPTS):
        try:
            with db.write() as session:
                return write_batch(session, channel, batch, stores, *store_ids)
        except (IntegrityError, DBAPIError) as exc:
            if attempt + 1 == WRITE_ATTEMPTS or not (
                isinstance(exc, IntegrityError) or is_transient(exc)
            ):
                raise
            time.sleep(0.05 * (attempt + 1))
    raise AssertionError("unreachable")


def _stage(files: list[OrderFile], staging: Staging, report: _Report) -> None:
    for f in files:
        entry = OrderImportFile(
            file=f.name, layout=f.layout.label, read_as=f.table.describe() or f.table.kind
        )
        report.r.files.append(entry)
        kind = 1 if f.layout.kind == "items" else 0
        try:
            for line, order_no, record in parse_rows(f):
                entry.rows += 1
                if order_no is None:
                    report.problem(f.name, line, record)
                else:
                    staging.add(order_no, kind, f.number, line, record)
        except TableError as exc:  # a broken quote, undecodable bytes: the file is not whole
            report.r.failed = True
            report.problem(f.name, 0, str(exc))
        report.r.rows_read += entry.rows


def _write(
    db: Database,
    channel: str,
    staging: Staging,
    kind: str,
    files: list[OrderFile],
    stores: dict[str, str],
    store_ids: tuple[str | None, str | None],
    report: _Report,
    batch_orders: int,
    progress: Callable[[int], None] | None,
) -> None:
    names = [f.name for f in files]
    batch: list[Assembled] = []
    customers: set[str] = set()
    done = 0
    analyzed_at = 0

    # One batch is written on a worker thread while the next is assembled here: the
    # database's own work (PostgreSQL's process, SQLite's C code without the GIL) overlaps
    # with reading the staging file. One at a time, in order: a kill still leaves whole
    # batches, and an error of a batch stops the import at the next flush.
    # (PostgreSQL only: SQLite's writes gained nothing from it, and its peak memory grew)
    writer = (
        ThreadPoolExecutor(max_workers=1, thread_name_prefix="order-import-write")
        if db.engine.dialect.name == "postgresql"
        else None
    )
    in_flight: Future | None = None

    def write_one(orders: list[Assembled], analyze: bool) -> BatchResult:
        if analyze:
            _analyze(db)
        result = _write_retrying(db, channel, orders, stores, store_ids)
        gc.collect(0)  # the batch's own cycles (its session, result objects); GC is paused
        return result

    def settle() -> None:
        nonlocal done, in_flight
        if in_flight is None:
            return
        result, in_flight = in_flight.result(), None
        r = report.r
        r.orders_imported += result.created
        r.orders_updated += result.updated
        r.orders_unchanged += result.unchanged
        r.orders_matched += result.matched
        r.orders_unmatched += result.unmatched
        r.orders_suggested += result.suggested
        customers.update(result.customers)
        for order, reason in result.refused:
            report.problem(names[order.file], order.line, reason)
        done += result.orders
        if progress:
            progress(done)

    def flush() -> None:
        nonlocal analyzed_at, in_flight
        if not batch:
            return
        settle()
        analyze = done >= 2 * analyzed_at and db.engine.dialect.name == "postgresql"
        if analyze:
            analyzed_at = max(done, batch_orders)
        if writer is not None:
            in_flight = writer.submit(write_one, list(batch), analyze)
        else:
            in_flight = Future()
            in_flight.set_result(write_one(batch, analyze))
        batch.clear()

    parts: list[ItemsOnly] = []

    def flush_items() -> None:
        if not parts:
            return
        with db.write() as session:
            result = write_items(session, channel, parts)
        report.r.orders_updated += result.updated
        report.r.orders_unchanged += result.unchanged
        for f, line, reason in result.refused_rows:
            report.problem(names[f], line, reason)
        parts.clear()

    try:
        for order_no, rows in staging.orders():
            outcome = assemble(order_no, rows, kind, names)
            for refused in outcome.refused:
                report.problem(names[refused.file], refused.line, refused.reason)
            if outcome.items_only is not None:
                parts.append(outcome.items_only)
                if len(parts) >= batch_orders:
                    settle()  # one writer at a time
                    flush_items()
            order = outcome.order
            if order is None:
                continue
            if order.status is None:
                report.r.orders_skipped += 1
                continue
            batch.append(order)
            if len(batch) >= batch_orders:
                flush()
        flush()
        settle()
    finally:
        if writer is not None:
            writer.shutdown(wait=True, cancel_futures=True)
    flush_items()
    ids = sorted(customers)
    for start in range(0, len(ids), FIGURE_CHUNK):
        with db.write() as session:
            changed = refresh_customer_figures(session, ids[start : start + FIGURE_CHUNK])
        report.r.customers_updated += len(changed)
    # auto-tag rules over the same customers (their figures and orders just changed)
    apply_tag_rules(db, ids)
