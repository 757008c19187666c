"""Process A of the two-process cache test: a signed-in session that writes without pause.

Run as ``python tests/client/cache_writer.py SERVER DATA_DIR SECONDS TAG``. Signs
in as the demo guide on ``DATA_DIR`` (the real client code: sign-in, cache,
customer service), prints ``READY``, then creates customers (each one local
transaction with its outbox row) for ``SECONDS``, printing ``ROW <id>`` after
each commit, closes the session and prints ``DONE <n>``. Any failure prints
``FAILED <error>`` and exits 1. No keyring (the ``fail`` backend), no sync
thread: the test reads the file afterwards.
"""

from __future__ import annotations

import sys
import time


def main(argv: list[str]) -> int:
    server, data_dir, seconds, tag = argv[0], argv[1], float(argv[2]), argv[3]
    from guide_app.auth import sign_in

    try:
        session = sign_in(server, "s001-g1", "demo1234", data_dir=data_dir, start_sync=False)
    except Exception as exc:  # noqa: BLE001 - reported to the test as it is
        print(f"FAILED sign-in {type(exc).__name__}: {exc}", flush=True)
        return 1
    written = 0
    try:
        if session.cache.cursor() is None:
            session.sync.sync_once()  # the demo store's rows: a cache with real content
        print("READY", flush=True)
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            cid = session.customers.create(name=f"进程A {tag} {written}")
            written += 1
            print(f"ROW {cid}", flush=True)
    except Exception as exc:  # noqa: BLE001
        print(f"FAILED write {type(exc).__name__}: {exc}", flush=True)
        return 1
    finally:
        session.close()
    print(f"DONE {written}", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
