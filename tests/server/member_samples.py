"""Member files for the member import's tests and bench: CSV in a chosen encoding, XLSX,
and a generated file of many rows with broken and duplicate rows at known places."""

from __future__ import annotations

import random
from collections.abc import Iterator, Sequence
from pathlib import Path

import openpyxl

from guide_core.member_import_api import MEMBER_COLUMNS

COLUMNS = list(MEMBER_COLUMNS)


def _quote(cell: str) -> str:
    return '"' + cell.replace('"', '""') + '"' if any(c in cell for c in ',"\n;') else cell


def write_csv(
    path: Path, rows: Sequence[Sequence[object]], *, header=COLUMNS, encoding="utf-8-sig"
) -> Path:
    lines = [",".join(_quote(str(c)) for c in header)]
    lines += [",".join(_quote("" if c is None else str(c)) for c in row) for row in rows]
    path.write_bytes(("\r\n".join(lines) + "\r\n").encode(encoding))
    return path


def write_xlsx(path: Path, rows: Sequence[Sequence[object]], *, header=COLUMNS) -> Path:
    book = openpyxl.Workbook()
    ws = book.active
    ws.title = "会员"
    ws.append(list(header))
    for row in rows:
        ws.append(list(row))
    book.save(path)
    return path


SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗"
GIVEN = "丽娜敏静芳秀英华慧巧美娟霞婷雪琳晶颖欣怡"
SKIN = ("干性", "油性", "混合", "敏感")
LIKES = ("护肤", "彩妆", "香水", "母婴", "个护")


def member_rows(
    count: int,
    *,
    stores: Sequence[str] = ("S001", "S002"),
    broken_every: int = 0,
    duplicate_every: int = 0,
    seed: int = 7,
    phone_base: int = 13_900_000_000,
) -> Iterator[list[str]]:
    """``count`` member rows in MEMBER_COLUMNS order, guides left empty (spread).

    Every ``broken_every``-th row (1-based data row) has a bad phone; every
    ``duplicate_every``-th repeats the member no. of the row before it. Rows are made
    one at a time, so a 100,000-row file never sits in memory.
    """
    rng = random.Random(seed)
    for i in range(1, count + 1):
        name = rng.choice(SURNAMES) + rng.choice(GIVEN) + rng.choice(GIVEN)
        phone = str(phone_base + i)
        member_no = f"M{seed:02d}{i:08d}"
        if broken_every and i % broken_every == 0:
            phone = "12345"
        if duplicate_every and i % duplicate_every == 0:
            member_no = f"M{seed:02d}{i - 1:08d}"
        tags = f"肤质:{rng.choice(SKIN)};消费偏好:{rng.choice(LIKES)}"
        yield [
            name,
            phone,
            member_no,
            stores[i % len(stores)],
            "",
            rng.choice(("普通", "银卡", "金卡", "黑金")),
            f"{rng.randint(1960, 2004)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}",
            f"20{rng.randint(10, 25)}/{rng.randint(1, 12)}/{rng.randint(1, 28)}",
            rng.choice(("门店扫码", "天猫会员通", "老带新")),
            tags,
            "",
        ]


def write_generated_csv(path: Path, count: int, **kwargs) -> Path:
    """A generated member file (UTF-8 with BOM), written row by row."""
    with path.open("w", encoding="utf-8-sig", newline="") as f:
        f.write(",".join(COLUMNS) + "\r\n")
        for row in member_rows(count, **kwargs):
            f.write(",".join(_quote(c) for c in row) + "\r\n")
    return path
