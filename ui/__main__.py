"""``python -m ui`` and the bundle's entry point: same as the ``guide-app`` script."""

from ui.main import main

raise SystemExit(main())
