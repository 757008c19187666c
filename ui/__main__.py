"""``python -m ui``: same as the ``guide-app`` script (the bundle starts at scripts/bundle_entry.py)."""

from ui.main import main

raise SystemExit(main())
