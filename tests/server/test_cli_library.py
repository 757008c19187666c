"""``guide-server import-scripts / export-scripts / import-materials``: reports and exit codes.

0: imported (or nothing to change), 1: the file has problems (nothing written), 2: a
usage or file error (no such file, not a table, unknown store).
"""

from __future__ import annotations

import subprocess
import sys

import pytest
from PIL import Image

COLUMNS = "分组,标题,内容,关键词,适用范围,生效日期,失效日期"


def _cli(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "guide_server", *args], capture_output=True, text=True, timeout=120
    )


@pytest.fixture
def db_flags(demo_template, tmp_path) -> list[str]:
    url, data_dir = demo_template.fresh_copy(tmp_path)
    return ["--database-url", url, "--data-dir", str(data_dir)]


def test_import_export_and_again(db_flags, tmp_path):
    good = tmp_path / "话术.csv"
    good.write_bytes(
        (
            f"{COLUMNS}\r\n"
            "开场/节日,元旦问候,{称呼|亲}，元旦快乐！,元旦 节日,门店:S001;角色:导购,2026-12-25,2027/1/3\r\n"
            "开场,进店欢迎,欢迎光临，{称呼}！,欢迎,全部,,\r\n"
        ).encode("gbk")
    )
    first = _cli("import-scripts", str(good), *db_flags)
    assert first.returncode == 0, first.stderr
    assert "话术.csv (gb18030)" in first.stdout
    assert "共 2 行: 新建 2, 更新 0, 未变 0, 新建分组 2" in first.stdout

    again = _cli("import-scripts", str(good), *db_flags)
    assert again.returncode == 0 and "新建 0, 更新 0, 未变 2" in again.stdout

    out = tmp_path / "全部话术.xlsx"
    exported = _cli("export-scripts", str(out), *db_flags)
    assert exported.returncode == 0 and out.is_file(), exported.stderr
    count = int(exported.stdout.split("已导出 ")[1].split(" ")[0])
    back = _cli("import-scripts", str(out), "--dry-run", *db_flags)
    assert back.returncode == 0
    assert f"共 {count} 行: 新建 0, 更新 0, 未变 {count} (试运行, 未写入)" in back.stdout

    store = _cli("import-scripts", str(good), "--store", "S002", *db_flags)
    assert store.returncode == 0 and "新建 2" in store.stdout


def test_problems_exit_1_and_name_row_and_column(db_flags, tmp_path):
    bad = tmp_path / "bad.csv"
    bad.write_text(
        f"{COLUMNS}\n好,ok,正常,,,,\n好,坏,{{称呼,,,,\n好,日期,内容,,,2026-02-30,\n",
        encoding="utf-8-sig",
    )
    done = _cli("import-scripts", str(bad), *db_flags)
    assert done.returncode == 1, done.stdout + done.stderr
    assert "发现 2 个问题, 没有导入任何内容" in done.stdout
    assert "第3行 [内容]: " in done.stdout and "第4行 [生效日期]: 「2026-02-30」" in done.stdout
    nothing = _cli("import-scripts", str(tmp_path / "bad.csv"), "--dry-run", *db_flags)
    assert nothing.returncode == 1


def test_file_and_usage_errors_exit_2(db_flags, tmp_path):
    missing = _cli("import-scripts", str(tmp_path / "nope.csv"), *db_flags)
    assert missing.returncode == 2 and "nope.csv" in missing.stderr and "不存在" in missing.stderr
    junk = tmp_path / "junk.xlsx"
    junk.write_bytes(b"\x00junk" * 100)
    bad_file = _cli("import-scripts", str(junk), *db_flags)
    assert bad_file.returncode == 2 and "不是有效的 .xlsx 文件" in bad_file.stderr
    ok = tmp_path / "ok.csv"
    ok.write_text(f"{COLUMNS}\n,t,b,,,,\n", encoding="utf-8")
    store = _cli("import-scripts", str(ok), "--store", "S404", *db_flags)
    assert store.returncode == 2 and "S404" in store.stderr
    assert _cli("import-scripts").returncode == 2  # argparse: the file is required
    assert _cli("export-scripts", str(tmp_path / "x.txt"), *db_flags).returncode == 2
    assert _cli("import-materials", str(tmp_path), *db_flags).returncode == 2  # no manifest


def test_import_materials_reports_and_exit_codes(db_flags, tmp_path):
    folder = tmp_path / "素材"
    folder.mkdir()
    Image.new("RGB", (10, 10), "red").save(folder / "red.png")
    manifest = folder / "manifest.csv"
    manifest.write_text("文件,类型,标题\nred.png,图片,红色\n", encoding="utf-8")
    done = _cli("import-materials", str(folder), *db_flags)
    assert done.returncode == 0, done.stderr
    assert "manifest.csv (utf-8)" in done.stdout and "共 1 行: 新建 1" in done.stdout
    (folder / "fake.jpg").write_bytes(b"GIF89a but not really")
    manifest.write_text("文件,类型,标题\nred.png,图片,红色\nfake.jpg,图片,假的\n", encoding="utf-8")
    bad = _cli("import-materials", str(folder), *db_flags)
    assert bad.returncode == 1
    assert "第3行 [文件]: 「fake.jpg」不是可以打开的图片" in bad.stdout


def test_help_documents_the_columns_and_the_scope_syntax():
    text = _cli("import-scripts", "--help").stdout
    for words in ("分组", "适用范围", "门店:S001,S002;角色:导购", "退出码"):
        assert words in text
    assert "manifest.xlsx" in _cli("import-materials", "--help").stdout
    listed = _cli("--help").stdout
    assert all(c in listed for c in ("import-scripts", "export-scripts", "import-materials"))
