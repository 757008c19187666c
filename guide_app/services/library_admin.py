"""HQ's and a store supervisor's library management: the server's admin API
(``/api/v1/admin/library/…``, wire format in :mod:`guide_core.library_api`).

Writes are online only. Without the server every call raises :class:`AdminOffline`
with :data:`OFFLINE_MESSAGE`; a refusal (403/404/409/422) raises :class:`AdminRefused`
with the server's own Chinese ``detail``. Who may do what is asked of
:mod:`guide_core.rules.content`, so the page disables exactly what the server refuses.

Calls block on the network: the UI runs them with ``ui.background.run_in_background``.
"""

from __future__ import annotations

import hashlib
import mimetypes
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any, TypeVar
from urllib.parse import quote

import httpx
import orjson
from pydantic import BaseModel, ValidationError

from guide_app.cache.database import Cache
from guide_app.domain.permissions import actor_of
from guide_app.sync.api import ApiClient, transport_reason
from guide_app.sync.blobs import BlobCache
from guide_app.sync.errors import (
    Rejected4xx,
    ReplyCut,
    ServerError,
    SyncError,
    Unreachable,
)
from guide_core import library_api as lib
from guide_core import protocol
from guide_core.rules import content as rules
from guide_core.rules.facts import Actor

#: What the library admin page says when the server cannot be reached.
OFFLINE_MESSAGE = "管理话术素材需要连接服务器"
#: The admin area's path under the API prefix.
PREFIX = "/admin/library"
#: Scripts asked for per page.
SCRIPT_PAGE = 100
#: The most rows the server answers per page.
MAX_PAGE = 200
#: What a material upload checks is an image before it is sent.
IMAGE_KINDS = frozenset({"image", "poster"})

M = TypeVar("M", bound=BaseModel)
_CHUNK = 256 * 1024


class AdminError(Exception):
    """The server could not do it; ``message`` is for people (Chinese first)."""

    def __init__(self, message: str, status: int | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.status = status


class AdminOffline(AdminError):
    """No connection to the server: :data:`OFFLINE_MESSAGE`."""


class AdminRefused(AdminError):
    """The server refused (403/404/409/422): ``message`` is its ``detail``."""


class FileRefused(AdminError):
    """A file picked for upload or import cannot be used (too large, not an image…)."""


def human_size(n: int) -> str:
    """``104857600`` → ``100 MB`` (one decimal under 10)."""
    size = float(n)
    for unit in ("B", "KB", "MB", "GB"):
        if size < 1024 or unit == "GB":
            if unit == "B":
                return f"{int(size)} B"
            return f"{size:.1f} {unit}" if size < 10 else f"{size:.0f} {unit}"
        size /= 1024
    return f"{n} B"  # pragma: no cover


def check_material_file(path: Path, kind: str) -> int:
    """The file's size, or :class:`FileRefused` naming what is wrong with it."""
    if not path.is_file():
        raise FileRefused(f"找不到文件: {path.name}")
    size = path.stat().st_size
    if size > lib.MAX_MATERIAL_BYTES:
        raise FileRefused(
            f"文件 {path.name} 有 {human_size(size)}, 超过素材上限 "
            f"{human_size(lib.MAX_MATERIAL_BYTES)}"
        )
    if size == 0:
        raise FileRefused(f"文件 {path.name} 是空的")
    if kind in IMAGE_KINDS or kind == "moments":
        check_image(path)
    return size


def mime_of(path: Path) -> str:
    """The file's type by its name, or by its content for a picture with an odd name."""
    guessed = mimetypes.guess_type(path.name)[0]
    if guessed and guessed != "application/octet-stream":
        return guessed
    from PIL import Image, UnidentifiedImageError

    try:
        with Image.open(path) as img:
            return Image.MIME.get(img.format or "", "application/octet-stream")
    except (UnidentifiedImageError, OSError, ValueError):
        return "application/octet-stream"


def _sha256_of(path: Path) -> str:
    h = hashlib.sha256()
    with path.open("rb") as fh:
        while block := fh.read(_CHUNK):
            h.update(block)
    return h.hexdigest()


def check_image(path: Path) -> None:
    """:class:`FileRefused` unless ``path`` decodes as an image (Pillow)."""
    from PIL import Image, UnidentifiedImageError

    try:
        with Image.open(path) as img:
            img.load()
    except (UnidentifiedImageError, OSError, ValueError, SyntaxError) as exc:
        raise FileRefused(f"文件 {path.name} 不是有效的图片, 无法打开") from exc


@dataclass(frozen=True)
class WordImport:
    """What a word-list import did."""

    added: int
    skipped: int  # already listed, or repeated in the file
    problems: list[str]


class LibraryAdmin:
    """The admin library API for one signed-in HQ user or supervisor."""

    def __init__(
        self,
        api: ApiClient,
        user: protocol.UserInfo,
        cache: Cache | None = None,
        blobs: BlobCache | None = None,
    ) -> None:
        self.api = api
        self.user = user
        self._cache = cache
        self._blobs = blobs
        #: the session's blob cache (thumbnails of local files), or None
        self.blobs = blobs
        self._stores: list[protocol.StoreData] | None = None

    # ------------------------------------------------------------------ who may

    @property
    def actor(self) -> Actor:
        return actor_of(self.user)

    @property
    def is_hq(self) -> bool:
        return self.actor.is_hq

    def may_manage(self, scope: str, store_id: str | None) -> bool:
        """May this user write content of ``scope`` (``hq``/``store``) and store?"""
        return rules.may_manage_content(self.actor, scope, store_id) is None

    def may_manage_row(self, row: protocol.ScriptData | protocol.ScriptGroupData) -> bool:
        return self.may_manage(str(row.scope), row.store_id)

    def may_manage_global(self) -> bool:
        """Materials, sensitive words, tag groups, suggestions, import: HQ's."""
        return rules.may_manage_global(self.actor) is None

    def may_see_usage(self, store_id: str | None) -> bool:
        return rules.may_see_usage(self.actor, store_id) is None

    def default_scope(self) -> tuple[str, str | None]:
        """Where a new script or group goes: HQ's library, a supervisor's store."""
        return ("hq", None) if self.is_hq else ("store", self.user.store_id)

    # ------------------------------------------------------------------ cached facts

    def stores(self, *, refresh: bool = False) -> list[protocol.StoreData]:
        """The stores in the cache (HQ: every store; others: their own), by code; read
        once (``refresh`` reads again)."""
        if self._stores is not None and not refresh:
            return list(self._stores)
        if self._cache is None:
            return []
        with self._cache.read() as conn:
            rows = conn.exec_driver_sql("SELECT data FROM stores").all()
        stores = [protocol.StoreData.model_validate(orjson.loads(r[0])) for r in rows]
        self._stores = sorted(stores, key=lambda s: (s.code, s.id))
        return list(self._stores)

    def regions(self) -> list[tuple[str, str]]:
        """(id, name) of the regions of the cached stores, by name."""
        seen = {s.region_id: s.region_name for s in self.stores()}
        return sorted(seen.items(), key=lambda kv: (kv[1], kv[0]))

    def cached_groups(self) -> list[protocol.ScriptGroupData]:
        """The groups this PC holds (the offline read-only view)."""
        return self._cached("script_groups", protocol.ScriptGroupData, "sort, id")

    def cached_scripts(self, group_id: str | None = None, q: str = "") -> list[protocol.ScriptData]:
        rows = self._cached("scripts", protocol.ScriptData, "title, id")
        if group_id:
            rows = [r for r in rows if r.group_id == group_id]
        if q := q.strip():
            rows = [r for r in rows if q in r.title or q in r.body or q in " ".join(r.keywords)]
        return [r for r in rows if str(r.scope) != "personal"]

    def cached_materials(self) -> list[protocol.MaterialData]:
        return self._cached("materials", protocol.MaterialData, "title, id")

    def cached_words(self) -> list[tuple[str, str]]:
        """(word, severity) of the sensitive words this PC holds (the editor's live check)."""
        if self._cache is None:
            return []
        with self._cache.read() as conn:
            rows = conn.exec_driver_sql("SELECT word, severity FROM sensitive_words").all()
        return [(w, s) for w, s in rows]

    def user_names(self) -> dict[str, str]:
        """id → display name of the accounts this PC holds (HQ: every store's)."""
        return {u.id: u.display_name for u in self._cached("users", protocol.UserData, "id")}

    def _cached(self, table: str, model: type[M], order: str) -> list[M]:
        # a failed request answered after the window signed out: nothing to show
        if self._cache is None or self._cache.closed:
            return []
        with self._cache.read() as conn:
            rows = conn.exec_driver_sql(f"SELECT data FROM {table} ORDER BY {order}").all()
        return [model.model_validate(orjson.loads(r[0])) for r in rows]

    # ------------------------------------------------------------------ groups

    def groups(self, store_id: str | None = None) -> list[protocol.ScriptGroupData]:
        store_id = store_id if self.is_hq else self.user.store_id
        params = {"store_id": store_id} if store_id else {}
        return self._get("/groups", lib.GroupList, params=params).groups

    def create_group(self, write: lib.ScriptGroupWrite) -> protocol.ScriptGroupData:
        return self._write("POST", "/groups", write, protocol.ScriptGroupData)

    def update_group(self, group_id: str, write: lib.ScriptGroupWrite) -> protocol.ScriptGroupData:
        return self._write("PUT", f"/groups/{_q(group_id)}", write, protocol.ScriptGroupData)

    def move_group(
        self, group_id: str, parent_id: str | None, sort: int = 0
    ) -> protocol.ScriptGroupData:
        body = lib.GroupMove(parent_id=parent_id, sort=sort)
        return self._write("POST", f"/groups/{_q(group_id)}/move", body, protocol.ScriptGroupData)

    def delete_group(self, group_id: str) -> lib.Retired:
        return self._delete(f"/groups/{_q(group_id)}")

    # ------------------------------------------------------------------ scripts

    def scripts(
        self,
        group_id: str | None = None,
        q: str = "",
        *,
        store_id: str | None = None,
        offset: int = 0,
        limit: int = SCRIPT_PAGE,
    ) -> lib.ScriptList:
        params: dict[str, Any] = {"retired": "false", "offset": max(0, offset)}
        params["limit"] = max(1, min(limit, MAX_PAGE))
        if group_id:
            params["group_id"] = group_id
        if q := " ".join(q.split()):
            params["q"] = q[: protocol.MAX_SHORT_TEXT]
        store_id = store_id if self.is_hq else self.user.store_id
        if store_id:
            params["store_id"] = store_id
        return self._get("/scripts", lib.ScriptList, params=params)

    def create_script(self, write: lib.ScriptWrite) -> protocol.ScriptData:
        return self._write("POST", "/scripts", write, protocol.ScriptData)

    def update_script(self, script_id: str, write: lib.ScriptWrite) -> protocol.ScriptData:
        return self._write("PUT", f"/scripts/{_q(script_id)}", write, protocol.ScriptData)

    def retire_script(self, script_id: str) -> lib.Retired:
        return self._delete(f"/scripts/{_q(script_id)}")

    # ------------------------------------------------------------------ import / export

    def import_scripts(self, path: Path, *, dry_run: bool) -> lib.ImportReport:
        """Send an .xlsx/.csv file; the report (``problems`` non-empty: nothing written)."""
        suffix = path.suffix.lower()
        if suffix not in (".xlsx", ".csv"):
            raise FileRefused(f"只能导入 .xlsx 或 .csv 文件: {path.name}")
        if not path.is_file():
            raise FileRefused(f"找不到文件: {path.name}")
        data = path.read_bytes()
        params = {"file_name": path.name, "dry_run": "true" if dry_run else "false"}
        where = f"{PREFIX}/scripts/import"
        headers = {"Content-Type": "application/octet-stream"}

        def send() -> lib.ImportReport:
            # A refused import answers 422 with the whole report as its body, which the
            # client's error mapping would cut short: read the reply here.
            resp = _send_raw(self.api, "POST", where, params=params, content=data, headers=headers)
            if resp.status_code == 422:
                report = _import_report(_json_or_none(resp.content))
                if report is not None:
                    return report
            self.api._check(resp, where)
            return _parsed(self.api._json(resp, where), lib.ImportReport, where)

        return self._call(send)

    def export_scripts(self, dest: Path, fmt: str = "xlsx", store_id: str | None = None) -> Path:
        """Write HQ's scripts (or one store's) in the import's columns to ``dest``."""
        where = f"{PREFIX}/scripts/export"
        params = {"format": fmt, **({"store_id": store_id} if store_id else {})}
        resp = self._call(lambda: self.api._send("GET", where, params=params))
        tmp = dest.with_name(dest.name + ".part")
        tmp.write_bytes(resp.content)
        tmp.replace(dest)
        return dest

    # ------------------------------------------------------------------ materials

    def materials(self, offset: int = 0, limit: int = MAX_PAGE) -> lib.MaterialList:
        params = {"offset": max(0, offset), "limit": max(1, min(limit, MAX_PAGE))}
        return self._get("/materials", lib.MaterialList, params=params)

    def upload(self, path: Path, kind: str) -> tuple[str, int]:
        """Check and upload a material's file (size, image decodes); its (sha256, size).

        The file goes up under its own type (the server keeps the first upload's
        ``Content-Type`` as the material's ``mime``, which decides how the counter app
        shows and copies it). A picture is also put in this PC's blob cache, so its
        thumbnail shows at once.
        """
        size = check_material_file(path, kind)
        sha = _sha256_of(path)
        mime = mime_of(path)
        self._call(lambda: self._put_blob(sha, path, size, mime))
        if self._blobs is not None and mime.startswith("image/"):
            self._blobs.add_local(path)
            # a second PUT (idempotent: the server keeps the first type) marks it sent
            self._call(lambda: self._blobs.ensure_uploaded(sha))
        return sha, size

    def _put_blob(self, sha: str, path: Path, size: int, mime: str) -> None:
        def chunks():
            with path.open("rb") as fh:
                while block := fh.read(_CHUNK):
                    yield block

        headers = {"Content-Type": mime, "Content-Length": str(size)}
        self.api._send("PUT", f"/blobs/{sha}", content=chunks(), headers=headers)

    def save_material(
        self,
        material_id: str | None,
        fields: dict[str, Any],
        *,
        file: Path | None = None,
        images: list[str | Path] | None = None,
    ) -> protocol.MaterialData:
        """Upload a new file (and 朋友圈 images given as paths), then create or replace
        the material. ``fields`` are :class:`~guide_core.library_api.MaterialWrite`'s
        (``blob_sha256``/``file_name`` kept when no new ``file``). Checked before anything
        is sent: a bad field or file uploads nothing."""
        kind = str(fields.get("kind", ""))
        fields = dict(fields)
        if images is not None and len(images) > 9:
            raise FileRefused(f"朋友圈最多9张图片, 现在有{len(images)}张")
        _model(lib.MaterialWrite, **{**fields, "images": []})  # the fields, before any upload
        if file is not None:
            check_material_file(file, kind)
        for img in images or []:
            if isinstance(img, Path):
                check_material_file(img, "image")
        if file is not None:
            sha, _size = self.upload(file, kind)
            fields["blob_sha256"] = sha
            fields["file_name"] = file.name[:256]
        if images is not None:
            shas = []
            for img in images:
                shas.append(self.upload(img, "image")[0] if isinstance(img, Path) else img)
            fields["images"] = shas
        write = _model(lib.MaterialWrite, **fields)
        if material_id:
            return self.update_material(material_id, write)
        return self.create_material(write)

    def create_material(self, write: lib.MaterialWrite) -> protocol.MaterialData:
        return self._write("POST", "/materials", write, protocol.MaterialData)

    def update_material(self, material_id: str, write: lib.MaterialWrite) -> protocol.MaterialData:
        return self._write("PUT", f"/materials/{_q(material_id)}", write, protocol.MaterialData)

    def retire_material(self, material_id: str) -> lib.Retired:
        return self._delete(f"/materials/{_q(material_id)}")

    def local_file(self, sha256: str | None) -> Path | None:
        """A material's file if this PC has it (for a thumbnail; never downloads)."""
        if not sha256 or self._blobs is None:
            return None
        return self._blobs.path_for(sha256)

    # ------------------------------------------------------------------ sensitive words

    def words(self) -> list[protocol.SensitiveWordData]:
        return self._get("/sensitive-words", lib.WordList).words

    def add_word(self, word: str, severity: str = "block") -> protocol.SensitiveWordData:
        write = _model(lib.SensitiveWordWrite, word=word, severity=severity)
        return self._write("POST", "/sensitive-words", write, protocol.SensitiveWordData)

    def delete_word(self, word_id: str) -> lib.Retired:
        return self._delete(f"/sensitive-words/{_q(word_id)}")

    def import_words(self, path: Path, severity: str = "block") -> WordImport:
        """Add every word of a text file (one a line, UTF-8 or GBK); known words are skipped."""
        lines = read_word_file(path)
        known = {w.word for w in self.words()}
        added = skipped = 0
        problems: list[str] = []
        for n, word in lines:
            if word in known:
                skipped += 1
                continue
            try:
                self.add_word(word, severity)
            except AdminRefused as exc:
                problems.append(f"第{n}行 {word}: {exc.message}")
                continue
            known.add(word)
            added += 1
        return WordImport(added, skipped, problems)

    # ------------------------------------------------------------------ tag groups

    def tag_groups(self) -> list[lib.TagGroupWithTags]:
        return self._get("/tag-groups", lib.TagGroupList).tag_groups

    def create_tag_group(self, write: lib.TagGroupWrite) -> lib.TagGroupWithTags:
        return self._write("POST", "/tag-groups", write, lib.TagGroupWithTags)

    def update_tag_group(self, group_id: str, write: lib.TagGroupWrite) -> lib.TagGroupWithTags:
        return self._write("PUT", f"/tag-groups/{_q(group_id)}", write, lib.TagGroupWithTags)

    def delete_tag_group(self, group_id: str) -> lib.Retired:
        return self._delete(f"/tag-groups/{_q(group_id)}")

    # ------------------------------------------------------------------ suggestions

    def suggestions(self, status: str = "pending") -> list[protocol.ScriptSuggestionData]:
        return self._get("/suggestions", lib.SuggestionList, params={"status": status}).suggestions

    def accept_suggestion(self, suggestion_id: str, group_id: str | None) -> Any:
        body = lib.SuggestionDecision(decision="accept", group_id=group_id)
        return self._decide(suggestion_id, body)

    def decline_suggestion(self, suggestion_id: str, reason: str) -> Any:
        if not reason.strip():
            raise AdminRefused("不采纳时请填写原因")
        body = _model(lib.SuggestionDecision, decision="decline", reason=reason)
        return self._decide(suggestion_id, body)

    def _decide(self, suggestion_id: str, body: lib.SuggestionDecision) -> Any:
        path = f"/suggestions/{_q(suggestion_id)}/decide"
        return self._write("POST", path, body, protocol.ScriptSuggestionData)

    # ------------------------------------------------------------------ usage

    def usage(
        self,
        date_from: date,
        date_to: date,
        *,
        store_id: str | None = None,
        by: str = "item",
    ) -> lib.UsageReport:
        if date_to < date_from:
            raise AdminRefused("结束日期不能早于开始日期")
        if not self.is_hq:
            store_id = self.user.store_id
        params: dict[str, Any] = {
            "date_from": date_from.isoformat(),
            "date_to": date_to.isoformat(),
            "by": by,
        }
        if store_id:
            params["store_id"] = store_id
        return self._get("/usage", lib.UsageReport, params=params)

    # ------------------------------------------------------------------ plumbing

    def _get(self, path: str, model: type[M], *, params: dict | None = None) -> M:
        where = PREFIX + path
        resp = self._call(lambda: self.api._send("GET", where, params=params or {}))
        return _parsed(self.api._json(resp, where), model, where)

    def _write(self, method: str, path: str, body: BaseModel, model: type[M]) -> M:
        where = PREFIX + path
        payload = body.model_dump_json().encode()
        headers = {"Content-Type": "application/json"}
        resp = self._call(lambda: self.api._send(method, where, content=payload, headers=headers))
        return _parsed(self.api._json(resp, where), model, where)

    def _delete(self, path: str) -> lib.Retired:
        where = PREFIX + path
        resp = self._call(lambda: self.api._send("DELETE", where))
        return _parsed(self.api._json(resp, where), lib.Retired, where)

    @staticmethod
    def _call(fn: Callable[[], Any]) -> Any:
        try:
            return fn()
        except (Unreachable, ReplyCut) as exc:
            raise AdminOffline(OFFLINE_MESSAGE) from exc
        except ServerError as exc:
            if exc.status_code in (502, 503, 504):  # a proxy in front of a stopped server
                raise AdminOffline(OFFLINE_MESSAGE, exc.status_code) from exc
            raise AdminError(f"服务器出错, 请稍后再试: {exc.detail}", exc.status_code) from exc
        except Rejected4xx as exc:
            detail = exc.detail if isinstance(exc.detail, str) else exc.message
            raise AdminRefused(detail or exc.message, exc.status_code) from exc
        except SyncError as exc:  # signed out, throttled, another protocol, a bad reply
            raise AdminError(exc.message) from exc
        except RuntimeError as exc:  # the blob cache has no server connection
            raise AdminOffline(OFFLINE_MESSAGE) from exc


def _q(row_id: str) -> str:
    return quote(row_id, safe="")


def _parsed(data: Any, model: type[M], where: str) -> M:
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        raise AdminError(
            f"服务器回复格式错误（{where}）：{protocol.describe_validation_error(exc)}"
        ) from exc


def _model(model: type[M], **fields: Any) -> M:
    """``model(**fields)``, or :class:`AdminRefused` saying which field is wrong (Chinese)."""
    try:
        return model(**fields)
    except ValidationError as exc:
        raise AdminRefused(protocol.describe_validation_error(exc)) from exc


def _send_raw(api: ApiClient, method: str, where: str, **kwargs: Any) -> httpx.Response:
    """One request through ``api``'s connection and token, the reply not yet judged."""
    api._ensure_token()
    headers = {**api._auth_headers(), **kwargs.pop("headers", {})}
    request = api._client.build_request(
        method, protocol.API_PREFIX + where, headers=headers, **kwargs
    )
    try:
        return api._client.send(request)
    except httpx.TimeoutException as exc:
        raise Unreachable(f"服务器无响应（{where}）：超时") from exc
    except httpx.TransportError as exc:
        raise Unreachable(f"无法连接服务器（{api.base_url}）：{transport_reason(exc)}") from exc


def _json_or_none(content: bytes) -> Any:
    try:
        return orjson.loads(content)
    except orjson.JSONDecodeError:
        return None


def _import_report(data: Any) -> lib.ImportReport | None:
    """The ImportReport a refused import (422) carries, however the server wrapped it."""
    if isinstance(data, dict) and "problems" not in data and isinstance(data.get("detail"), dict):
        data = data["detail"]
    if isinstance(data, dict) and "problems" in data:
        try:
            return lib.ImportReport.model_validate(data)
        except ValidationError:
            return None
    return None


def read_word_file(path: Path) -> list[tuple[int, str]]:
    """(line number, word) of a one-word-a-line text file (UTF-8, UTF-8 BOM or GBK)."""
    raw = path.read_bytes()
    for encoding in ("utf-8-sig", "gbk"):
        try:
            text = raw.decode(encoding)
            break
        except UnicodeDecodeError:
            continue
    else:
        raise FileRefused(f"无法识别文件 {path.name} 的编码 (应为 UTF-8 或 GBK)")
    out: list[tuple[int, str]] = []
    seen: set[str] = set()
    for n, line in enumerate(text.splitlines(), start=1):
        word = line.strip()
        if word and word not in seen:
            seen.add(word)
            out.append((n, word))
    return out
