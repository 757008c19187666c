"""Bulk-loading a generated chain into the server database, fast.

Rows arrive as ``(entity, batch)`` in dependency order, shaped like
``protocol.ENTITY_DATA[entity]``; each batch goes through the service layer's
bulk writer (``guide_server.services.bulk.insert_new``: one executemany, versions
per scope in one step, the change index) in one transaction per batch.
"""

from __future__ import annotations

import logging
import time
from collections import defaultdict
from collections.abc import Iterable
from typing import Any

from sqlalchemy import insert
from sqlalchemy.orm import Session

from guide_server.blobs import BlobStore, remember_blob
from guide_server.customer_figures import refresh_customer_figures
from guide_server.db import Database
from guide_server.models import Region
from guide_server.security import hash_password
from guide_server.services import bulk
from guide_server.services.scopes import ScopeBook

log = logging.getLogger("guide_server.demo")

DEMO_PASSWORD = "demo1234"


class ChainLoader:
    """Keeps what later batches need (scopes of groups and tasks, regions seen)."""

    def __init__(self, db: Database, blobs: BlobStore | None = None) -> None:
        self.db = db
        self.blobs = blobs
        self.password_hash = hash_password(DEMO_PASSWORD)
        self.regions: set[str] = set()
        self.scopes = ScopeBook()
        self.counts: dict[str, int] = defaultdict(int)

    def load_batch(self, session: Session, entity: str, batch: list[dict]) -> None:
        if not batch:
            return
        if entity == "store":
            new_regions = {
                s["region_id"]: s.get("region_name", "")
                for s in batch
                if s["region_id"] not in self.regions
            }
            if new_regions:
                session.execute(
                    insert(Region), [{"id": k, "name": v} for k, v in new_regions.items()]
                )
                self.regions.update(new_regions)
        elif entity == "user":
            batch = [{**d, "password_hash": self.password_hash} for d in batch]
        self.counts[entity] += bulk.insert_new(session, entity, batch, self.scopes)

    def load(self, batches: Iterable[tuple[str, list[dict]]]) -> dict[str, int]:
        """Load every batch, one transaction each; returns rows per entity."""
        started = time.perf_counter()
        for entity, batch in batches:
            with self.db.write() as session:
                self.load_batch(session, entity, batch)
        if self.counts.get("order"):
            with self.db.write() as session:
                refresh_customer_figures(session)
        log.info("demo chain loaded in %.1fs: %s", time.perf_counter() - started, dict(self.counts))
        return dict(self.counts)

    def load_assets(self, assets: Iterable[tuple[str, bytes, str, str]]) -> None:
        """Put the demo files into the blob store and remember them."""
        with self.db.write() as session:
            for sha, data, mime, _name in assets:
                if self.blobs is not None:
                    self.blobs.write_bytes(sha, data)
                remember_blob(session, sha, len(data), mime, None)


def chain_source(*, materialize: bool = False, **sizes: Any):
    """``(batches, assets)`` from the demo generator, or the small built-in chain.

    The built-in chain stands in only while the generator cannot run (it is
    being written in parallel); ``materialize`` generates everything first, so
    a generator failing halfway falls back cleanly instead of loading half a chain.
    """
    try:
        from guide_server.demo.generate import demo_assets, generate_chain

        batches = generate_chain(**sizes)
        if materialize:
            batches = iter(list(batches))
        first = next(batches)
        assets = demo_assets()
    except Exception as exc:  # noqa: BLE001 - any generator failure: use the built-in chain
        from guide_server.demo.fixture_chain import fixture_assets, fixture_chain

        log.warning(
            "demo generator unavailable (%s: %s); using the built-in chain", type(exc).__name__, exc
        )
        return fixture_chain(**sizes), fixture_assets()

    def _again():
        yield first
        yield from batches

    return _again(), assets


def seed_chain(
    db: Database, blobs: BlobStore | None, *, materialize: bool = False, **sizes: Any
) -> dict[str, int]:
    """Generate and load a chain of the given sizes into ``db``."""
    batches, assets = chain_source(materialize=materialize, **sizes)
    loader = ChainLoader(db, blobs)
    counts = loader.load(batches)
    loader.load_assets(assets)
    return counts
