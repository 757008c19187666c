"""The usage report as an Excel workbook (openpyxl): a 最常用 and a 最少用 sheet, one row
per script or material (and store or guide, as the report was grouped)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path

from guide_core.library_api import UsageReport, UsageRow


def write_usage_xlsx(
    report: UsageReport,
    path: Path,
    *,
    headers: Sequence[str],
    sheet_names: tuple[str, str],
    cells: Callable[[UsageRow], list[object]],
) -> Path:
    """Write ``report`` to ``path``; ``headers`` and ``cells(row)`` say the columns (the
    page's, translated), ``sheet_names`` the two sheets. Written whole or not at all."""
    from openpyxl import Workbook

    book = Workbook(write_only=True)
    for name, rows in zip(sheet_names, (report.most, report.least), strict=True):
        sheet = book.create_sheet(title=name[:31])
        sheet.append(list(headers))
        for row in rows:
            sheet.append(cells(row))
    tmp = path.with_name(path.name + ".part")
    book.save(tmp)
    tmp.replace(path)
    return path
