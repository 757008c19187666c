"""Server tests use the shared fixtures (``db_kind``, ``live_server``…)."""
