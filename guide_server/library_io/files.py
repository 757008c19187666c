"""Writing a table for a person to open: ``.xlsx`` (openpyxl, write-only) or ``.csv``.

The CSV is UTF-8 with a BOM, so Excel on a Chinese Windows opens it without
garbling; the XLSX keeps dates as date cells and text as text (a cell starting
with ``=`` stays text, not a formula), so reading it back gives the same values.
"""

from __future__ import annotations

import csv
import os
from collections.abc import Callable, Sequence
from datetime import date
from pathlib import Path

FORMATS = (".xlsx", ".csv")


def write_table(
    path: Path,
    headers: Sequence[str],
    rows: Sequence[Sequence[object]],
    *,
    date_format: Callable[[date | None], str],
    sheet: str = "Sheet1",
) -> None:
    """Write ``rows`` under ``headers`` to ``path`` (by its suffix), replacing it whole."""
    suffix = path.suffix.lower()
    if suffix not in FORMATS:
        raise ValueError(f"只能导出为 .xlsx 或 .csv (文件「{path.name}」)")
    tmp = path.with_name(f".{path.name}.part")
    try:
        if suffix == ".csv":
            _write_csv(tmp, headers, rows, date_format)
        else:
            _write_xlsx(tmp, headers, rows, sheet)
        os.replace(tmp, path)
    finally:
        tmp.unlink(missing_ok=True)


def _write_csv(path: Path, headers, rows, date_format) -> None:
    with path.open("w", encoding="utf-8-sig", newline="") as f:
        out = csv.writer(f, lineterminator="\r\n")
        out.writerow(headers)
        for row in rows:
            out.writerow([date_format(v) if isinstance(v, date) or v is None else v for v in row])


def _write_xlsx(path: Path, headers, rows, sheet: str) -> None:
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell

    book = Workbook(write_only=True)
    ws = book.create_sheet(sheet)
    ws.append(list(headers))
    for row in rows:
        cells = []
        for value in row:
            cell = WriteOnlyCell(ws, value=value)
            if isinstance(value, date):
                cell.number_format = "yyyy-mm-dd"
            elif isinstance(value, str):
                cell.data_type = "s"  # "=…" is text, not a formula
            cells.append(cell)
        ws.append(cells)
    book.save(path)
