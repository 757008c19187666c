"""Telling "the database is busy or unreachable" from "the database refused this statement".

The first passes (a lock, a serialization conflict, a restart, a full disk): the request
is worth sending again, so the server answers 503 and the client retries later. The
second is about what was being written (a value the column cannot hold, a constraint, a
statement the schema does not fit): sending it again gives the same error, so a push
rejects that one mutation instead of stalling the device's whole outbox.
"""

from __future__ import annotations

from sqlalchemy.exc import DBAPIError, InterfaceError, OperationalError
from sqlalchemy.exc import TimeoutError as PoolTimeout

#: PostgreSQL SQLSTATE classes that say nothing about the statement: connection (08),
#: transaction rollback (40: serialization failure, deadlock), insufficient resources
#: (53: disk full, out of memory, too many connections), operator intervention (57:
#: shutdown, cannot connect now, statement timeout), system error (58: I/O).
_PG_CLASSES = frozenset({"08", "40", "53", "57", "58"})
#: ...and single codes: lock not available (55P03), object in use (55006).
_PG_STATES = frozenset({"55P03", "55006"})
#: SQLite primary result codes of the same kind: BUSY, LOCKED, NOMEM, READONLY, IOERR,
#: CORRUPT, FULL, CANTOPEN, PROTOCOL, NOTADB (the file, not the statement).
_SQLITE_CODES = frozenset({5, 6, 7, 8, 10, 11, 13, 14, 15, 26})


class DatabaseUnavailable(Exception):
    """The database stayed busy or unreachable through the retries: answer 503."""


def is_transient(exc: BaseException) -> bool:
    """True when ``exc`` says the database could not run a statement right now (any statement)."""
    if isinstance(exc, PoolTimeout):  # every pooled connection busy
        return True
    if not isinstance(exc, DBAPIError):
        return False
    if exc.connection_invalidated:
        return True
    orig = exc.orig
    state = getattr(orig, "sqlstate", None)
    if state:
        return state[:2] in _PG_CLASSES or state in _PG_STATES
    code = getattr(orig, "sqlite_errorcode", None)
    if code is not None:
        return code & 0xFF in _SQLITE_CODES
    # No code at all: the driver failed before the server answered (connection refused,
    # closed, timed out).
    return isinstance(exc, (OperationalError, InterfaceError))


def error_name(exc: BaseException) -> str:
    """A short, safe name for a message: the DB-API class (``DataError``), what a
    statement failed on (``OverflowError`` while binding a value), or the exception's."""
    if isinstance(exc, DBAPIError):
        return type(exc).__name__
    orig = getattr(exc, "orig", None)
    return type(orig if isinstance(orig, BaseException) else exc).__name__
