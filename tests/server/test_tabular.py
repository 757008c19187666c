"""guide_server.tabular: CSV in every encoding a chain's PCs write, XLSX sheets, bad files."""

from __future__ import annotations

import os
from datetime import date, datetime

import openpyxl
import pytest

from guide_server.tabular import EXTRA, TableError, cell_text, open_table

ROWS = [
    ["分组", "标题", "会员号"],
    ["欢迎/新客", "初次见面", "00123"],
    ["售后", "退换货说明，请看", "456"],
]


def _csv(rows: list[list[str]], newline: str = "\r\n") -> str:
    return newline.join(",".join(r) for r in rows) + newline


@pytest.mark.parametrize(
    ("encoding", "expected"),
    [("utf-8", "utf-8"), ("utf-8-sig", "utf-8-sig"), ("gbk", "gb18030"), ("utf-16", "utf-16")],
)
@pytest.mark.parametrize("newline", ["\r\n", "\n"])
def test_csv_encodings_and_line_ends(tmp_path, encoding, expected, newline):
    rows = [r[:] for r in ROWS]
    rows[2][1] = '"退换货说明，请看"'
    path = tmp_path / "t.csv"
    path.write_bytes(_csv(rows, newline).encode(encoding))
    table = open_table(path, required=["分组", "标题"])
    assert table.encoding == expected
    assert table.describe() == expected
    got = list(table.rows())
    assert got == [
        (2, {"分组": "欢迎/新客", "标题": "初次见面", "会员号": "00123"}),
        (3, {"分组": "售后", "标题": "退换货说明，请看", "会员号": "456"}),
    ]


def test_short_gbk_file_is_read_as_gb18030(tmp_path):
    path = tmp_path / "short.csv"
    path.write_bytes("标题\n好\n".encode("gbk"))
    table = open_table(path, required=["标题"])
    assert table.encoding == "gb18030"
    assert list(table.rows()) == [(2, {"标题": "好"})]


def test_headers_tolerate_spaces_and_bom_and_rows_keep_file_numbers(tmp_path):
    path = tmp_path / "spaces.csv"
    text = ' 分组 ,\u3000标题\u3000,x\n\n a , b ,\n,,\n"多\n行",c,\n'
    path.write_bytes(b"\xef\xbb\xbf" + text.encode("utf-8"))
    rows = list(open_table(path, required=["分组", "标题"]).rows())
    # blank rows are skipped but keep their numbers; a quoted cell may span lines
    assert rows == [
        (3, {"分组": "a", "标题": "b", "x": ""}),
        (5, {"分组": "多\n行", "标题": "c", "x": ""}),
    ]


def test_excel_number_wrappers_are_cleaned_on_request(tmp_path):
    path = tmp_path / "nums.csv"
    path.write_text('手机号,会员号\n="13800000000",\'00123\n', encoding="utf-8")
    assert list(open_table(path, clean_numbers=True).rows()) == [
        (2, {"手机号": "13800000000", "会员号": "00123"})
    ]
    assert list(open_table(path).rows())[0][1]["手机号"] == '="13800000000"'


def test_missing_and_unknown_columns_are_named(tmp_path):
    path = tmp_path / "cols.csv"
    path.write_text("分组,标 题\n", encoding="utf-8")
    with pytest.raises(TableError) as err:
        open_table(path, required=["分组", "标题", "内容"])
    assert "cols.csv" in str(err.value) and "缺少列: 标题、内容" in str(err.value)
    path.write_text("分组,标题,内容,备注\n", encoding="utf-8")
    with pytest.raises(TableError, match="不认识的列: 备注"):
        open_table(path, required=["分组", "标题"], optional=["内容"])
    path.write_text("标题,标题\n", encoding="utf-8")
    with pytest.raises(TableError, match="「标题」出现了两次"):
        open_table(path, required=["标题"])


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("empty.csv", b"", "是空的"),
        ("junk.csv", bytes(range(256)) * 64, "不是可读的文本表格"),
        ("junk.xlsx", b"\x00\x01garbage" * 100, "不是有效的 .xlsx 文件"),
        ("zip.xlsx", b"PK\x03\x04" + os.urandom(2000), "不是有效的 .xlsx 文件"),
        ("old.xlsx", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 600, "旧版 Excel"),
        ("table.pdf", b"%PDF-1.4", "只支持 .xlsx 和 .csv"),
        ("blank.csv", b"\n\nx\n", "第1行是空的"),
        ("wrong.csv", b"PK\x03\x04" + b"\x00" * 100, "是 Excel 文件, 不是 CSV"),
    ],
)
def test_bad_files_say_which_and_what(tmp_path, name, content, message):
    path = tmp_path / name
    path.write_bytes(content)
    with pytest.raises(TableError) as err:
        open_table(path, required=["标题"])
    assert name in str(err.value) and message in str(err.value)


def test_undecodable_bytes_later_in_a_big_csv_name_the_row(tmp_path):
    path = tmp_path / "late.csv"
    good = "标题\n" + "".join(f"第{n}条\n" for n in range(40_000))
    path.write_bytes(good.encode("utf-8") + b"\xff\xfe\xfa bad\n")
    table = open_table(path, required=["标题"])
    assert table.encoding == "utf-8"
    with pytest.raises(TableError, match="late.csv」第40002行有无法按 utf-8 解码的字节"):
        for _ in table.rows():
            pass


def _xlsx(path, sheets: dict[str, list[list[object]]]) -> None:
    book = openpyxl.Workbook()
    book.remove(book.active)
    for title, rows in sheets.items():
        ws = book.create_sheet(title)
        for row in rows:
            ws.append(row)
    book.save(path)


def test_xlsx_first_sheet_by_default_or_a_named_one(tmp_path):
    path = tmp_path / "two.xlsx"
    _xlsx(
        path,
        {
            "话术": [[" 标题 ", "生效日期", "号码"], ["A", datetime(2026, 3, 1), 13800000000]],
            "说明": [["标题"], ["B"], [None], ["C"]],
        },
    )
    first = open_table(path, required=["标题"])
    assert (first.sheet, first.sheets) == ("话术", ["话术", "说明"])
    assert first.describe() == "工作表「话术」(共2个工作表)"
    assert list(first.rows()) == [
        (2, {"标题": "A", "生效日期": "2026-03-01", "号码": "13800000000"})
    ]
    second = open_table(path, required=["标题"], sheet="说明")
    assert list(second.rows()) == [(2, {"标题": "B"}), (4, {"标题": "C"})]
    with pytest.raises(TableError, match="没有名为「其他」的工作表 \\(有: 话术、说明\\)"):
        open_table(path, sheet="其他")
    with pytest.raises(TableError, match="two.xlsx」的工作表「说明」\\(共2个工作表\\)缺少列: 内容"):
        open_table(path, required=["标题", "内容"], sheet="说明")


def test_cell_text_is_what_a_person_sees():
    assert cell_text(13800000000.0) == "13800000000"
    assert cell_text(1.5) == "1.5"
    assert cell_text(date(2026, 1, 2)) == "2026-01-02"
    assert cell_text(datetime(2026, 1, 2, 9, 30)) == "2026-01-02 09:30:00"
    assert cell_text(None) == ""
    assert cell_text(True) == "TRUE"


def test_text_outside_the_headers_is_kept_apart_not_dropped(tmp_path):
    path = tmp_path / "split.csv"
    path.write_text("标题,内容,\n甲,你好,朋友,再见\n乙,好\n", encoding="utf-8")
    assert list(open_table(path, required=["标题"]).rows()) == [
        (2, {"标题": "甲", "内容": "你好", EXTRA: "朋友|再见"}),
        (3, {"标题": "乙", "内容": "好"}),
    ]
