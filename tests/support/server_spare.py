"""A server interpreter started ahead of time: imports done, waiting for its command line.

``python tests/support/server_spare.py`` imports what ``python -m guide_server run``
imports (FastAPI, SQLAlchemy, uvicorn, the app: about a second of CPU), then reads
one JSON line from stdin — ``{"argv": [...], "env": {...}, "cwd": ..., "log": ...}`` —
takes that environment, working directory and log file (stdout and stderr), and runs
``guide_server.cli.main(argv)``: from then on it is the same server process as a cold
start. :class:`tests.support.server.ServerProcess` keeps one spare warming up in the
background while a test runs, so the next server answers in a fraction of the time.
Test support only; nothing in ``guide_server`` knows about it.
"""

from __future__ import annotations

import json
import os
import sys


def _warm_up() -> None:
    # What cmd_run and uvicorn import on the way to the first answer.
    import uvicorn  # noqa: F401
    import uvicorn.config  # noqa: F401
    import uvicorn.lifespan.on  # noqa: F401
    import uvicorn.loops.auto  # noqa: F401
    import uvicorn.protocols.http.auto  # noqa: F401
    import uvicorn.protocols.websockets.auto  # noqa: F401
    import uvicorn.server  # noqa: F401

    import guide_server.app  # noqa: F401
    import guide_server.cli  # noqa: F401
    import guide_server.http_protocol  # noqa: F401
    import guide_server.migrate  # noqa: F401

    try:
        import uvicorn.loops.uvloop  # noqa: F401
    except ImportError:
        pass


def main() -> int:
    sys.path[0] = os.getcwd()  # as ``python -m`` would have it, not this file's folder
    _warm_up()
    line = sys.stdin.readline()
    if not line.strip():  # the suite ended without needing this spare
        return 0
    order = json.loads(line)
    devnull = os.open(os.devnull, os.O_RDONLY)
    os.dup2(devnull, 0)
    os.close(devnull)
    log = os.open(order["log"], os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o666)
    os.dup2(log, 1)
    os.dup2(log, 2)
    os.close(log)
    os.environ.clear()
    os.environ.update(order["env"])
    os.chdir(order["cwd"])
    import guide_server.__main__ as entry
    from guide_server.cli import main as server_main

    sys.argv = [entry.__file__, *order["argv"]]

    return server_main(order["argv"])


if __name__ == "__main__":
    raise SystemExit(main())
