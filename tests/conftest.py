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


@pytest.fixture(scope="session", autouse=True)
def _run_keyring(tmp_path_factory):
    """The file keyring in this run's temp folder, not the shared ~/.local/share one.

    Parallel runs (pytest-xdist workers, or two people's runs on one machine) would
    otherwise read and rewrite the same file. Tests that need their own keyring still
    set one (``test_keyring`` in tests/client/conftest.py).
    """
    import keyring
    from keyrings.alt.file import PlaintextKeyring

    before = keyring.get_keyring()
    if type(before) is not PlaintextKeyring:  # someone chose another backend: leave it
        yield
        return
    kr = PlaintextKeyring()
    kr.file_path = str(tmp_path_factory.mktemp("run-keyring") / "keyring_pass.cfg")
    keyring.set_keyring(kr)
    yield
    keyring.set_keyring(before)


@pytest.fixture
def usual_umask():
    """The common default umask (022), which makes new files 0644 unless the app says otherwise."""
    before = os.umask(0o022)
    yield
    os.umask(before)
