"""``python -m guide_server`` is the same as the ``guide-server`` console script."""

from guide_server.cli import main

if __name__ == "__main__":
    raise SystemExit(main())
