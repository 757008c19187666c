"""The bundled executable's entry point (build.spec): the counter app, or the demo server.

``guide-app --demo`` / ``--self-test`` start the demo server as a child process
(:func:`guide_app.demo_server.server_command`). From a checkout that is
``python -m guide_server``; a bundle has no Python to run, so it runs its own
executable with :data:`~guide_app.demo_server.SERVER_FLAG` first. That flag is
decided here, before anything of ``ui`` is imported, so the app package never
imports the server (``tests/test_package_boundaries.py``) and the server process loads no Qt.
"""

from __future__ import annotations

import sys


def main(argv: list[str] | None = None) -> int:
    """``--run-guide-server ARGS…`` → ``guide-server ARGS…``; anything else → ``guide-app``."""
    argv = list(sys.argv[1:] if argv is None else argv)
    from guide_app.demo_server import SERVER_FLAG

    if argv[:1] == [SERVER_FLAG]:
        from guide_server.cli import main as server_main

        return int(server_main(argv[1:]) or 0)
    from ui.main import main as app_main

    return app_main(argv)


if __name__ == "__main__":
    raise SystemExit(main())
