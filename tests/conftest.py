"""Suite-wide settings: Qt offscreen, a file keyring, PostgreSQL location."""

import os

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
# Tests use a file-based keyring in a temporary folder (see tests/client); the
# production app never falls back to a plaintext backend.
os.environ.setdefault("PYTHON_KEYRING_BACKEND", "keyrings.alt.file.PlaintextKeyring")
os.environ.setdefault("GUIDE_TEST_PG_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/test")
# Only the test suite may accept that file keyring (see guide_app.auth).
os.environ.setdefault("GUIDE_ALLOW_INSECURE_KEYRING", "1")

# The real server on loopback (ServerProcess, live_server, db_kind…) for every test folder.
pytest_plugins = ["tests.support.plugin"]


@pytest.fixture
def usual_umask():
    """The common default umask (022), which makes new files 0644 unless the app says otherwise."""
    before = os.umask(0o022)
    yield
    os.umask(before)
