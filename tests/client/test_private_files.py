"""The data folder is for the OS user only: folders 0700, files 0600 (POSIX).

The cache holds customers' whole phone numbers; with the usual umask 022 an
older version created it 0644 in 0755 folders. New installs are private from
the start, existing ones are tightened at the first use of the folder.
"""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path

import pytest

from guide_app import paths
from guide_app.cache.database import open_cache
from tests.file_probes import file_mode

pytestmark = [
    pytest.mark.skipif(os.name != "posix", reason="Windows: the profile's ACL"),
    pytest.mark.usefixtures("usual_umask"),
]


def test_fresh_data_folder_cache_wal_and_accounts_are_private(clients, tmp_path):
    data_dir = tmp_path / "fresh" / "data"
    s = clients("s001-g1", data_dir=data_dir)
    assert s.sync.sync_once()
    photo = tmp_path / "photo.jpg"
    photo.write_bytes(b"\xff\xd8 evidence")
    sha = s.blobs.add_local(photo)
    cache_file = Path(s.cache.path)
    wal = Path(f"{cache_file}-wal")
    assert wal.exists()  # the engine's connections are open: WAL in use
    folders = [data_dir, cache_file.parent, paths.blob_dir(cache_file)]
    files = [
        data_dir / "accounts.json",
        cache_file,
        wal,
        Path(f"{cache_file}-shm"),
        Path(f"{cache_file}.lock"),
        Path(f"{cache_file}.sync.lock"),
        paths.blob_dir(cache_file) / "index.sqlite",
        s.blobs.path_for(sha),
    ]
    assert {str(f): file_mode(f) for f in folders} == {str(f): "0o700" for f in folders}
    assert {str(f): file_mode(f) for f in files} == {str(f): "0o600" for f in files}


def test_existing_install_is_tightened_and_foreign_files_left_alone(tmp_path):
    data_dir = tmp_path / "old"
    caches = data_dir / "caches"
    caches.mkdir(parents=True, mode=0o755)
    os.chmod(data_dir, 0o755)
    db = caches / "abc.db"
    con = sqlite3.connect(db)
    con.execute("CREATE TABLE x (y)")
    con.close()
    blobs = caches / "abc.blobs"
    blobs.mkdir(mode=0o755)
    (blobs / "ab").write_bytes(b"photo")
    accounts = data_dir / "accounts.json"
    accounts.write_text("{}")
    mine_not = data_dir / "notes.txt"  # not the app's: never touched
    mine_not.write_text("x")
    for f in (db, blobs / "ab", accounts, mine_not):
        os.chmod(f, 0o644)

    assert paths.data_dir(data_dir) == data_dir
    assert [file_mode(p) for p in (data_dir, caches, blobs)] == ["0o700"] * 3
    assert [file_mode(p) for p in (db, blobs / "ab", accounts)] == ["0o600"] * 3
    assert file_mode(mine_not) == "0o644"


def test_rebuild_mark_is_private(tmp_path):
    cache = open_cache(tmp_path / "c.db")
    cache.mark_for_rebuild("后台完整性检查失败: x")
    cache.close()
    assert file_mode(tmp_path / "c.db.rebuild") == "0o600"


def test_opening_an_old_cache_makes_it_and_its_wal_private(tmp_path):
    path = tmp_path / "c.db"
    open_cache(path).close()
    os.chmod(path, 0o644)
    cache = open_cache(path)
    try:
        assert file_mode(path) == "0o600" and file_mode(Path(f"{path}-wal")) == "0o600"
    finally:
        cache.close()
