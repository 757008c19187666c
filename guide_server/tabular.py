"""Reading a table a person made in Excel or another tool: ``.csv`` or ``.xlsx``.

One reader for every bulk import (scripts, materials' manifests, orders, members):
:func:`open_table` checks the file, finds its encoding (CSV) or sheet (XLSX) and
its header, and :meth:`Table.rows` yields ``(row_number, {header: text})`` one row at
a time, numbered as the file shows them (1 = the header), so a problem can say
where it is. A CSV is decoded while it streams, never read whole into memory.

Encodings of a CSV: UTF-8 (with or without BOM), UTF-16 with BOM (Excel's
"Unicode text"), and the GBK family (Excel on a Chinese Windows) read as GB18030,
which contains GBK and GB2312. Anything that is not a table gets a
:class:`TableError` whose message names the file and says what is wrong, in Chinese.
"""

from __future__ import annotations

import codecs
import csv
import io
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from pathlib import Path

#: Bytes looked at to decide a CSV's encoding and delimiter.
SAMPLE_BYTES = 256 * 1024
#: A CSV cell longer than this is refused (Python's csv default is 128 KiB).
MAX_CELL_CHARS = 1_000_000

_ZIP_MAGIC = b"PK\x03\x04"
_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # the old binary .xls (and .doc)
_EXCEL_TEXT = re.compile(r'^="(.*)"$', re.S)


class TableError(ValueError):
    """A file that cannot be read as a table; the message says which file and why (Chinese)."""


@dataclass
class Table:
    """An opened table: where it came from, how it was read, and its rows."""

    path: Path
    kind: str  # "csv" or "xlsx"
    headers: list[str]
    #: The CSV's encoding as found (``utf-8``, ``utf-8-sig``, ``gb18030``, ``utf-16``); "" for XLSX.
    encoding: str = ""
    #: The XLSX sheet read, and every sheet's name (first by default).
    sheet: str = ""
    sheets: list[str] = field(default_factory=list)
    clean_numbers: bool = False
    #: The file's name as the person knows it (an upload is read from a temporary copy).
    display_name: str = ""
    _rows: Iterator[tuple[int, list[str]]] | None = None

    @property
    def name(self) -> str:
        return self.display_name or self.path.name

    def describe(self) -> str:
        """How the file was read, for a report: ``GB18030`` or ``工作表「话术」(共2个)``."""
        if self.kind == "csv":
            return self.encoding
        if len(self.sheets) > 1:
            return f"工作表「{self.sheet}」(共{len(self.sheets)}个工作表)"
        return f"工作表「{self.sheet}」"

    def rows(self) -> Iterator[tuple[int, dict[str, str]]]:
        """``(row number in the file, {header: text})`` for each row that is not blank.

        Text in a cell with no header (past the last header, or under an empty one)
        is kept under :data:`EXTRA` (cells joined by ``|``): usually a comma in an
        unquoted CSV cell that split it, which the importer should report, not drop.
        """
        if self._rows is None:
            raise RuntimeError("rows() already consumed")
        source, self._rows = self._rows, None
        headers = self.headers
        for number, cells in source:
            values = [_clean(c, self.clean_numbers) for c in cells]
            if not any(values):
                continue
            row = dict.fromkeys((h for h in headers if h), "")
            extra = []
            for index, value in enumerate(values):
                header = headers[index] if index < len(headers) else ""
                if header:
                    row[header] = value
                elif value:
                    extra.append(value)
            if extra:
                row[EXTRA] = "|".join(extra)
            yield number, row


#: Key of a row's text in cells without a header (see :meth:`Table.rows`).
EXTRA = "(表头以外)"


def extra_cells_reason(text: str) -> str:
    """What an importer says about text outside the header's columns."""
    return (
        f"这一行在表头以外的列里还有内容「{text[:40]}」"
        "(单元格里的逗号需要用英文双引号把整个单元格括起来)"
    )


def normalize_header(text: str) -> str:
    """A header as matched: BOM, surrounding (also full-width) spaces removed."""
    return text.replace("\ufeff", "").strip().strip("\u3000").strip()


def _clean(value: str, clean_numbers: bool) -> str:
    value = value.strip()
    if clean_numbers and value:
        m = _EXCEL_TEXT.match(value)
        if m:
            value = m.group(1).strip()
        elif value.startswith("'"):
            value = value[1:].strip()
    return value


def open_table(
    path: Path | str,
    *,
    required: Sequence[str] = (),
    optional: Sequence[str] = (),
    sheet: str | None = None,
    clean_numbers: bool = False,
    name: str | None = None,
) -> Table:
    """Open ``path`` (``.csv`` or ``.xlsx``) and check its header.

    ``required`` columns must all be there (matched ignoring spaces and a BOM);
    with ``optional`` given, any other column is an error too (a typo in a
    header would otherwise be silently ignored). ``sheet`` picks an XLSX sheet
    by name (default: the first). ``clean_numbers`` turns ``="0123"`` and
    ``'0123`` (how spreadsheets keep leading zeros) into ``0123``. ``name``: the
    file's name in messages and the report when ``path`` is a temporary copy (an upload).
    """
    path = Path(path)
    label = f"文件「{name or path.name}」"
    if not path.is_file():
        raise TableError(f"{label}不存在或不是文件")
    suffix = path.suffix.lower()
    with path.open("rb") as f:
        head = f.read(SAMPLE_BYTES)
    if not head:
        raise TableError(f"{label}是空的 (0 字节)")
    if suffix in (".xlsx", ".xlsm"):
        table = _open_xlsx(path, head, label, sheet)
    elif suffix in (".csv", ".txt"):
        table = _open_csv(path, head, label)
    else:
        raise TableError(f"{label}: 只支持 .xlsx 和 .csv 文件 (扩展名是「{path.suffix or '无'}」)")
    table.clean_numbers = clean_numbers
    table.display_name = name or path.name
    _check_headers(table, label, required, optional)
    return table


def _check_headers(
    table: Table, label: str, required: Sequence[str], optional: Sequence[str]
) -> None:
    headers = table.headers
    where = f"{label}{'' if table.kind == 'csv' else '的' + table.describe()}"
    if not any(headers):
        raise TableError(f"{where}第1行没有表头 (应为: {'、'.join(required)})")
    seen: set[str] = set()
    for h in headers:
        if h and h in seen:
            raise TableError(f"{where}的表头「{h}」出现了两次")
        seen.add(h)
    missing = [c for c in required if c not in seen]
    if missing:
        raise TableError(
            f"{where}缺少列: {'、'.join(missing)} (第1行的表头是: {'、'.join(h for h in headers if h)})"
        )
    if optional:
        known = {*required, *optional}
        unknown = [h for h in headers if h and h not in known]
        if unknown:
            raise TableError(
                f"{where}有不认识的列: {'、'.join(unknown)} (可用的列: {'、'.join(known_order(required, optional))})"
            )


def known_order(required: Sequence[str], optional: Sequence[str]) -> list[str]:
    return [*required, *(c for c in optional if c not in required)]


# ------------------------------------------------------------------------------ CSV


def detect_encoding(sample: bytes, complete: bool) -> str:
    """The encoding of a CSV from its first bytes; :class:`UnknownEncoding` if none fits.

    ``complete``: the sample is the whole file (a multi-byte character may be cut
    at the end of a partial sample, which is not an error).
    """
    if sample.startswith(codecs.BOM_UTF8):
        return "utf-8-sig"
    if sample.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return "utf-16"
    if b"\x00" in sample:
        raise UnknownEncoding("")
    if _decodes(sample, "utf-8", complete):
        return "utf-8"
    # What a Chinese chain's PC writes otherwise is the GBK family (GB18030 contains GBK
    # and GB2312). Short GBK samples are often guessed as a Western code page, so the
    # normalizer's guess only names the encoding of a file GB18030 cannot read.
    if _decodes(sample, "gb18030", complete):
        return "gb18030"
    from charset_normalizer import from_bytes

    best = from_bytes(sample).best()
    raise UnknownEncoding(best.encoding if best else "")


class UnknownEncoding(ValueError):
    """Not text in an encoding we read; ``args[0]``: the normalizer's guess, if any."""


def _decodes(sample: bytes, encoding: str, complete: bool) -> bool:
    try:
        codecs.getincrementaldecoder(encoding)().decode(sample, final=complete)
    except (UnicodeDecodeError, LookupError):
        return False
    return True


def _open_csv(path: Path, head: bytes, label: str) -> Table:
    complete = len(head) < SAMPLE_BYTES
    if head.startswith(_ZIP_MAGIC) or head.startswith(_OLE_MAGIC):
        raise TableError(f"{label}是 Excel 文件, 不是 CSV: 请把扩展名改为 .xlsx 或另存为 CSV")
    try:
        encoding = detect_encoding(head, complete)
    except UnknownEncoding as exc:
        guess = f"; 看起来是 {exc.args[0]} 编码, 请另存为 UTF-8" if exc.args[0] else ""
        raise TableError(
            f"{label}不是可读的文本表格 (无法识别编码{guess}; 支持 UTF-8、UTF-8 BOM、GBK/GB18030)"
        ) from None
    text = head.decode(encoding, errors="ignore")
    first_line = text.lstrip("\ufeff").splitlines()[0] if text.strip() else ""
    if not first_line.strip():
        raise TableError(f"{label}第1行是空的, 应为表头")
    delimiter = max((",", "\t", ";"), key=first_line.count) if first_line else ","
    # undecodable bytes become lone surrogates, found per row below (a strict stream would
    # fail a whole read-ahead chunk early, naming the wrong row)
    stream = path.open("r", encoding=encoding, newline="", errors="surrogateescape")
    try:
        reader = csv.reader(stream, delimiter=delimiter)
        try:
            header = next(reader)
        except csv.Error as exc:
            raise TableError(f"{label}第1行格式不对: {exc}") from None
    except BaseException:
        stream.close()
        raise
    return Table(
        path=path,
        kind="csv",
        headers=[normalize_header(h) for h in header],
        encoding=encoding,
        _rows=_csv_rows(reader, stream, label, encoding),
    )


def _csv_rows(
    reader, stream: io.TextIOBase, label: str, encoding: str
) -> Iterator[tuple[int, list[str]]]:
    number = 1
    with stream:
        while True:
            try:
                cells = next(reader)
            except StopIteration:
                return
            except csv.Error as exc:
                raise TableError(f"{label}第{number + 1}行格式不对: {exc}") from None
            number += 1
            joined = "".join(cells)  # one search and one length for the whole row
            if _UNDECODED.search(joined):
                raise TableError(
                    f"{label}第{number}行有无法按 {encoding} 解码的字节 (文件编码不一致或已损坏)"
                )
            if len(joined) > MAX_CELL_CHARS and max(map(len, cells)) > MAX_CELL_CHARS:
                raise TableError(f"{label}第{number}行有超过{MAX_CELL_CHARS}字的单元格")
            yield number, cells


_UNDECODED = re.compile("[\udc80-\udcff]")
csv.field_size_limit(MAX_CELL_CHARS + 1)


# ------------------------------------------------------------------------------ XLSX


def _open_xlsx(path: Path, head: bytes, label: str, sheet: str | None) -> Table:
    if head.startswith(_OLE_MAGIC):
        raise TableError(f"{label}是旧版 Excel (.xls) 格式: 请在 Excel 里另存为 .xlsx")
    if not head.startswith(_ZIP_MAGIC):
        raise TableError(f"{label}不是有效的 .xlsx 文件 (可能是改了扩展名的其他文件, 或已损坏)")
    from python_calamine import CalamineWorkbook

    try:
        book = CalamineWorkbook.from_path(str(path))
        names = list(book.sheet_names)
    except Exception as exc:  # calamine raises its own error types for broken zips/xml
        raise TableError(f"{label}不是有效的 .xlsx 文件 ({type(exc).__name__})") from None
    if not names:
        raise TableError(f"{label}里没有工作表")
    chosen = names[0] if sheet is None else _find_sheet(names, sheet, label)
    try:
        rows = book.get_sheet_by_name(chosen).iter_rows()
        first = next(rows, None)
    except Exception as exc:
        raise TableError(f"{label}的工作表「{chosen}」无法读取 ({type(exc).__name__})") from None
    if first is None:
        raise TableError(f"{label}的工作表「{chosen}」是空的")
    return Table(
        path=path,
        kind="xlsx",
        headers=[normalize_header(cell_text(c)) for c in first],
        sheet=chosen,
        sheets=names,
        _rows=_xlsx_rows(rows),
    )


def _find_sheet(names: list[str], wanted: str, label: str) -> str:
    for name in names:
        if name.strip() == wanted.strip():
            return name
    raise TableError(f"{label}里没有名为「{wanted}」的工作表 (有: {'、'.join(names)})")


def _xlsx_rows(rows: Iterator[list]) -> Iterator[tuple[int, list[str]]]:
    for number, cells in enumerate(rows, start=2):
        yield number, [cell_text(c) for c in cells]


def cell_text(value: object) -> str:
    """A spreadsheet cell as the text a person sees: 13800000000 not 1.38e10, dates ISO."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, float):
        if value.is_integer() and abs(value) < 1e16:
            return str(int(value))
        return repr(value)
    if isinstance(value, datetime):
        if value.time() == time(0):
            return value.date().isoformat()
        return value.isoformat(" ", "seconds")
    if isinstance(value, date | time):
        return value.isoformat()
    if isinstance(value, timedelta):
        return str(value)
    return str(value)
