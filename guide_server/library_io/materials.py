"""Materials in bulk: ``import-materials FOLDER`` with a manifest.

The folder holds ``manifest.csv`` or ``manifest.xlsx`` and the files it names.
Manifest columns: 文件, 类型, 标题 (required), 描述, 标签, 链接, 适用范围, 生效日期,
失效日期. 类型 is 图片 / 视频 / 文件 / 链接 / 小程序 / 文本 / 朋友圈 (or the codes
image, video, …). 图片/视频/文件 name one file; 链接/小程序 need 链接 (http/https);
文本 keeps its text (文案) in 描述; 朋友圈 names up to nine images in 文件 (separated by
、 or ;) and its text in 描述. 海报 needs its QR-code position set in the app, so it
is not imported.

Every row and file is checked first (an image must really decode, no file over
:data:`~guide_core.library_api.MAX_MATERIAL_BYTES`, lengths, dates, 适用范围);
with any problem nothing is stored. Otherwise the files go to the blob store
exactly as an upload would (named by SHA-256) and the rows are written in one
transaction. A material is identified by 标题 + 类型: the same manifest imported
twice changes nothing.
"""

from __future__ import annotations

import hashlib
import mimetypes
import os
import re
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from pydantic import ValidationError
from sqlalchemy import select

from guide_core.library_api import MAX_MATERIAL_BYTES, ImportProblem, ImportReport, MaterialWrite
from guide_core.protocol import MaterialKind, MaterialVisibility, error_message
from guide_core.rules.content import text_refusal
from guide_core.sensitive import Matcher
from guide_server import audit
from guide_server.blobs import BlobStore, remember_blob
from guide_server.db import Database
from guide_server.library_io.cells import (
    CellError,
    Directory,
    normal_reach,
    parse_date,
    parse_reach,
    split_keywords,
)
from guide_server.library_io.scripts import CONSOLE
from guide_server.models import Blob, Material, SensitiveWord
from guide_server.reader import Reader
from guide_server.services import library_materials as material_service
from guide_server.services.rejection import Rejected
from guide_server.tabular import EXTRA, TableError, extra_cells_reason, open_table

COLUMNS = ["文件", "类型", "标题", "描述", "标签", "链接", "适用范围", "生效日期", "失效日期"]
REQUIRED = ["文件", "类型", "标题"]
MANIFESTS = ("manifest.xlsx", "manifest.csv")
KIND_NAMES = {
    "图片": MaterialKind.IMAGE,
    "视频": MaterialKind.VIDEO,
    "文件": MaterialKind.FILE,
    "链接": MaterialKind.LINK,
    "小程序": MaterialKind.MINIPROGRAM,
    "文本": MaterialKind.TEXT,
    "朋友圈": MaterialKind.MOMENTS,
    "海报": MaterialKind.POSTER,
}
_ONE_FILE = {MaterialKind.IMAGE, MaterialKind.VIDEO, MaterialKind.FILE}
_TEXT_KINDS = {MaterialKind.TEXT, MaterialKind.MOMENTS}
_NEEDS_URL = {MaterialKind.LINK, MaterialKind.MINIPROGRAM}
_FILE_SPLIT = re.compile(r"[、;；\n]+")
_FIELD_COLUMN = {
    "title": "标题",
    "description": "描述",
    "text": "描述",
    "tags": "标签",
    "url": "链接",
    "file_name": "文件",
    "images": "文件",
    "visibility": "适用范围",
    "valid_from": "生效日期",
    "valid_to": "失效日期",
}
_CHUNK = 1024 * 1024


@dataclass
class _File:
    path: Path
    size: int
    sha256: str
    mime: str


@dataclass
class _Row:
    number: int
    kind: str
    values: dict
    write: MaterialWrite
    files: list[_File] = field(default_factory=list)


def find_manifest(folder: Path) -> Path:
    """The folder's manifest; :class:`TableError` when there is none or two."""
    if not folder.is_dir():
        raise TableError(f"文件夹「{folder}」不存在")
    found = [folder / name for name in MANIFESTS if (folder / name).is_file()]
    if not found:
        raise TableError(f"文件夹「{folder.name}」里没有清单 manifest.xlsx 或 manifest.csv")
    if len(found) > 1:
        raise TableError(
            f"文件夹「{folder.name}」里同时有 manifest.xlsx 和 manifest.csv, 请只留一个"
        )
    return found[0]


def import_materials(
    db: Database,
    blobs: BlobStore,
    folder: Path | str,
    *,
    dry_run: bool = False,
    reader: Reader | None = None,
) -> ImportReport:
    """Check the manifest and every file, then store the files and write the rows (or nothing)."""
    folder = Path(folder)
    manifest = find_manifest(folder)
    table = open_table(manifest, required=REQUIRED, optional=COLUMNS)
    with db.read() as session:
        directory = Directory.load(session)
        matcher = Matcher(session.execute(select(SensitiveWord.word, SensitiveWord.severity)))
    report = ImportReport(file=manifest.name, encoding=table.describe())
    rows: list[_Row] = []
    first_of: dict[tuple[str, str], int] = {}
    for number, cells in table.rows():
        report.rows += 1
        row = _read_row(folder, number, cells, directory, matcher, report.problems)
        if row is None:
            continue
        key = (row.values["title"], row.kind)
        if key in first_of:
            report.problems.append(
                ImportProblem(
                    row=number,
                    column="标题",
                    reason=f"与第{first_of[key]}行重复 (同一类型的同一标题)",
                )
            )
            continue
        first_of[key] = number
        rows.append(row)
    if report.problems or dry_run:
        if not report.problems:
            with db.read() as session:
                _apply(session, rows, report, None, matcher)
        return report
    writer = reader or CONSOLE
    for row in rows:
        for f in row.files:
            _store(blobs, f)
    try:
        with db.write() as session:
            for row in rows:
                for f in row.files:
                    remember_blob(session, f.sha256, f.size, f.mime, writer.user_id or None)
            _apply(session, rows, report, writer, matcher)
            audit.record(
                session,
                writer,
                "library_import",
                f"materials {folder.name}: rows {report.rows}, created {report.created}, "
                f"updated {report.updated}, unchanged {report.unchanged}",
            )
    except _Refused as refused:  # the write path refused a row after all: nothing is kept
        report.created = report.updated = report.unchanged = 0
        report.problems.append(refused.problem)
    return report


class _Refused(Exception):
    def __init__(self, problem: ImportProblem) -> None:
        super().__init__(problem.reason)
        self.problem = problem


def _read_row(
    folder: Path,
    number: int,
    cells: dict[str, str],
    directory: Directory,
    matcher: Matcher,
    problems: list,
) -> _Row | None:
    before = len(problems)

    def problem(column: str, reason: str) -> None:
        problems.append(ImportProblem(row=number, column=column, reason=reason))

    if EXTRA in cells:
        problem("", extra_cells_reason(cells[EXTRA]))
    kind_text = cells.get("类型", "")
    kind = KIND_NAMES.get(kind_text) or next(
        (k for k in MaterialKind if k.value == kind_text.lower()), None
    )
    if kind is None:
        problem("类型", f"不认识的类型「{kind_text}」(可用: {'、'.join(KIND_NAMES)})")
        return None
    if kind == MaterialKind.POSTER:
        problem("类型", "海报需要在应用里设置二维码、姓名和门店的位置, 不能批量导入")
        return None
    names = [n.strip() for n in _FILE_SPLIT.split(cells.get("文件", "")) if n.strip()]
    files = _check_files(folder, kind, names, problem)
    reach = None
    try:
        reach = parse_reach(cells.get("适用范围", ""), directory)
    except CellError as exc:
        problem("适用范围", str(exc))
    dates = {}
    for column in ("生效日期", "失效日期"):
        try:
            dates[column] = parse_date(cells.get(column, ""))
        except CellError as exc:
            problem(column, str(exc))
            dates[column] = None
    url = cells.get("链接", "") or None
    if kind in _NEEDS_URL and not url:
        problem("链接", f"{kind_text}需要填写链接")
    if url and not re.match(r"^https?://\S+$", url):
        problem("链接", f"链接应以 http:// 或 https:// 开头: 「{url[:60]}」")
    description = cells.get("描述", "")
    if kind == MaterialKind.TEXT and not description:
        problem("描述", "文本素材的内容写在描述里, 不能为空")
    if kind == MaterialKind.MOMENTS and not description and not names:
        problem("描述", "朋友圈素材需要文字(描述)或图片")
    try:
        write = MaterialWrite(
            kind=kind,
            title=cells.get("标题", ""),
            # 朋友圈 and 文本 keep their words as the material's text (文案)
            description="" if kind in _TEXT_KINDS else description,
            text=description if kind in _TEXT_KINDS else "",
            tags=split_keywords(cells.get("标签", "")),
            file_name=names[0] if kind in _ONE_FILE and names else None,
            url=url,
            visibility=MaterialVisibility(**(reach or {})),
            valid_from=dates["生效日期"],
            valid_to=dates["失效日期"],
        )
    except ValidationError as exc:
        for err in exc.errors():
            column = _FIELD_COLUMN.get(str(err["loc"][0]) if err.get("loc") else "", "")
            problem(column, error_message(err))
        return None
    if write.valid_from and write.valid_to and write.valid_to < write.valid_from:
        problem("失效日期", f"失效日期 {write.valid_to} 早于生效日期 {write.valid_from}")
    for column, texts in (("标题", [write.title]), ("描述", [write.description, write.text])):
        refusal = text_refusal(matcher, *texts)
        if refusal:
            problem(column, refusal.reason)
    if len(problems) > before or files is None:
        return None
    single = files[0] if kind in _ONE_FILE else None
    write = write.model_copy(
        update={
            "blob_sha256": single.sha256 if single else None,
            "images": [f.sha256 for f in files] if kind == MaterialKind.MOMENTS else [],
        }
    )
    values = {
        "kind": str(kind),
        "title": write.title,
        "description": write.description,
        "tags": list(write.tags),
        "blob_sha256": single.sha256 if single else None,
        "blob_size": single.size if single else None,
        "mime": single.mime if single else None,
        "file_name": write.file_name,
        "url": write.url,
        "visibility": normal_reach(write.visibility.model_dump(mode="json")),
        "valid_from": write.valid_from,
        "valid_to": write.valid_to,
        "text": write.text,
        "images": [f.sha256 for f in files] if kind == MaterialKind.MOMENTS else [],
    }
    return _Row(number=number, kind=str(kind), values=values, write=write, files=files)


def _check_files(folder: Path, kind: MaterialKind, names: list[str], problem) -> list[_File] | None:
    if kind in _ONE_FILE and len(names) != 1:
        problem("文件", "需要一个文件" if not names else f"只能有一个文件, 这里有{len(names)}个")
        return None
    if kind == MaterialKind.MOMENTS and len(names) > 9:
        problem("文件", f"朋友圈最多9张图片, 这里有{len(names)}张")
        return None
    if kind not in _ONE_FILE and kind != MaterialKind.MOMENTS and names:
        problem("文件", "链接、小程序和文本素材不带文件")
        return None
    files: list[_File] = []
    ok = True
    root = folder.resolve()
    for name in names:
        path = (folder / name).resolve()
        if not path.is_relative_to(root) or path == root:
            problem("文件", f"「{name}」不在素材文件夹里")
            ok = False
            continue
        if not path.is_file():
            problem("文件", f"找不到文件「{name}」")
            ok = False
            continue
        size = path.stat().st_size
        if size > MAX_MATERIAL_BYTES:
            problem("文件", f"「{name}」有 {_mb(size)}, 超过素材上限 {_mb(MAX_MATERIAL_BYTES)}")
            ok = False
            continue
        if size == 0:
            problem("文件", f"「{name}」是空文件")
            ok = False
            continue
        mime = mimetypes.guess_type(name)[0] or "application/octet-stream"
        if kind in (MaterialKind.IMAGE, MaterialKind.MOMENTS):
            image_mime = _image_mime(path)
            if image_mime is None:
                problem("文件", f"「{name}」不是可以打开的图片 (文件已损坏或不是图片)")
                ok = False
                continue
            mime = image_mime
        files.append(_File(path, size, _sha256(path), mime))
    return files if ok else None


def _image_mime(path: Path) -> str | None:
    from PIL import Image

    try:
        with Image.open(path) as image:
            fmt = image.format
            image.verify()
    except Exception:  # Pillow raises many kinds for a broken or non-image file
        return None
    return Image.MIME.get(fmt or "", "application/octet-stream")


def _mb(size: int) -> str:
    return f"{size / (1024 * 1024):.1f} MB".replace(".0 MB", " MB")


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as f:
        while chunk := f.read(_CHUNK):
            digest.update(chunk)
    return digest.hexdigest()


def _store(blobs: BlobStore, f: _File) -> None:
    """Copy the file into the blob store under its hash (as an upload: temp file, then rename)."""
    final = blobs.path_for(f.sha256)
    if final.is_file():
        return
    final.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=final.parent, prefix=".import-")
    try:
        digest = hashlib.sha256()
        with os.fdopen(fd, "wb") as out, f.path.open("rb") as src:
            while chunk := src.read(_CHUNK):
                digest.update(chunk)
                out.write(chunk)
            out.flush()
            os.fsync(out.fileno())
        if digest.hexdigest() != f.sha256:
            raise TableError(f"文件「{f.path.name}」在导入过程中被修改了, 请重新导入")
        os.replace(tmp, final)
    finally:
        Path(tmp).unlink(missing_ok=True)


def _apply(
    session, rows: list[_Row], report: ImportReport, writer: Reader | None, matcher: Matcher
) -> None:
    """Count (``writer`` None: a dry run) or write every row through the library service."""
    existing: dict[tuple[str, str], Material] = {}
    live = select(Material).where(Material.retired_at.is_(None)).order_by(Material.id)
    for material in session.scalars(live):
        existing.setdefault((material.title.strip(), material.kind), material)
    for row in rows:
        blob = session.get(Blob, row.values["blob_sha256"]) if row.values["blob_sha256"] else None
        if blob is not None:  # a file uploaded before keeps the type it was stored with
            row.values.update(mime=blob.mime, blob_size=blob.size)
        material = existing.get((row.values["title"], row.kind))
        if material is None:
            report.created += 1
        elif _same(material, row.values):
            report.unchanged += 1
            continue
        else:
            report.updated += 1
        if writer is None:
            continue
        try:
            material_service.save_material(
                session, writer, row.write, material.id if material else None, matcher=matcher
            )
        except Rejected as exc:
            raise _Refused(ImportProblem(row=row.number, reason=exc.reason)) from None


def _same(material: Material, values: dict) -> bool:
    for key, value in values.items():
        current = getattr(material, key)
        if key == "visibility":
            current = normal_reach(current)
        elif key in ("tags", "images"):
            current = list(current or [])
        elif key in ("description", "text"):
            current = current or ""
        if current != value:
            return False
    return True
