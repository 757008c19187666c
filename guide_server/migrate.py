"""Bringing a database to the current schema (Alembic) and its one-time facts."""

from __future__ import annotations

import secrets
from pathlib import Path

from sqlalchemy import select, text
from sqlalchemy.exc import SQLAlchemyError

from guide_server.db import Database
from guide_server.models import ServerMeta

_MIGRATIONS = Path(__file__).parent / "migrations"


def alembic_config(database_url: str):
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", str(_MIGRATIONS))
    cfg.set_main_option("sqlalchemy.url", database_url.replace("%", "%%"))
    return cfg


#: The newest migration; ``upgrade`` skips Alembic entirely when the database is there
#: (a server start costs half a second less). A test checks it matches the scripts.
HEAD_REVISION = "0013"


def current_revision(db: Database) -> str | None:
    try:
        with db.read() as session:
            return session.execute(text("SELECT version_num FROM alembic_version")).scalar()
    except SQLAlchemyError:
        return None


def upgrade(database_url: str) -> None:
    """Run every pending migration, then make sure the server meta rows exist."""
    db = Database(database_url)
    try:
        if current_revision(db) != HEAD_REVISION:
            from alembic import command

            command.upgrade(alembic_config(database_url), "head")
        ensure_meta(db)
    finally:
        db.dispose()


def ensure_meta(db: Database) -> None:
    """Create the epoch, the cursor signing secret and the server id once per database."""
    with db.write() as session:
        have = set(session.scalars(select(ServerMeta.key)))
        if "epoch" not in have:
            session.add(ServerMeta(key="epoch", value=secrets.token_hex(8)))
        if "cursor_secret" not in have:
            session.add(ServerMeta(key="cursor_secret", value=secrets.token_hex(32)))
        if "server_id" not in have:  # names this database for good (clients: GET /health)
            session.add(ServerMeta(key="server_id", value=secrets.token_hex(16)))


def read_meta(db: Database) -> dict[str, str]:
    with db.read() as session:
        return {m.key: m.value for m in session.scalars(select(ServerMeta))}


def rotate_epoch(db: Database) -> str:
    """Start a new epoch (after restoring a backup): every client must resync."""
    new = secrets.token_hex(8)
    with db.write() as session:
        session.merge(ServerMeta(key="epoch", value=new))
    return new
