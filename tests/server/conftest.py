"""Server tests use the shared fixtures (``db_kind``, ``live_server``…)."""

pytest_plugins = ["guide_server.pytest_plugin"]
