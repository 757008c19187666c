"""Importing orders from the app (订单导入): ``POST /api/v1/admin/orders/import``
(wire format in :mod:`guide_core.order_import_api`).

HQ imports any channel's export; orders matched to no customer go to the store it
chooses. A store's supervisor imports their store's POS file, described by a
column-mapping file (JSON, or YAML when PyYAML is installed). Who may is asked of
:mod:`guide_core.rules.orders`, so the 订单 page offers the dialog exactly to them.
An order file and its item file are uploaded one after the other (the item file then
fills in the items of the orders just imported), each answered by its own report.
The body is streamed in blocks; ``progress(sent, total)`` is called after each one.
Online only: errors are those of :mod:`guide_app.services.library_admin`
(:class:`AdminOffline`, :class:`AdminRefused`, :class:`FileRefused`).

Calls block on the network: the UI runs them with ``ui.background.run_in_background``.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

from guide_app.cache.database import Cache
from guide_app.domain.permissions import actor_of
from guide_app.services.file_upload import upload_file
from guide_app.services.library_admin import FileRefused, LibraryAdmin
from guide_app.sync.api import ApiClient
from guide_core import protocol
from guide_core.order_import_api import OrderImportReport
from guide_core.rules.orders import may_import_orders

#: What the dialog says when the server cannot be reached.
OFFLINE_MESSAGE = "导入订单需要连接服务器"
#: The endpoint under the API prefix.
WHERE = "/admin/orders/import"
SUFFIXES = (".xlsx", ".csv")
MAPPING_SUFFIXES = (".json", ".yaml", ".yml")
#: The server's upload limit (bigger exports: ``guide-server import-orders`` on the server).
MAX_UPLOAD_BYTES = 200 * 1024 * 1024
#: The mapping travels as a query parameter of at most this many characters.
MAX_MAPPING_CHARS = 4000
CHANNELS = ("tmall", "jd", "youzan", "douyin", "pos")

Progress = Callable[[int, int], None]


class OrderImport:
    """The order import for one signed-in HQ user or supervisor."""

    def __init__(self, api: ApiClient, user: protocol.UserInfo, cache: Cache | None = None):
        self.api = api
        self.user = user
        self._library = LibraryAdmin(api, user, cache)

    @property
    def is_hq(self) -> bool:
        return actor_of(self.user).is_hq

    def channels(self) -> list[str]:
        """The channels this user may import: HQ all, a supervisor ``pos``."""
        store_id = None if self.is_hq else self.user.store_id
        return [c for c in CHANNELS if may_import_orders(actor_of(self.user), c, store_id) is None]

    def may_import(self) -> bool:
        """HQ, or a store's supervisor (their store's POS file)."""
        return bool(self.channels())

    def stores(self) -> list[protocol.StoreData]:
        """The stores HQ may choose for unmatched orders (the cached store list)."""
        return self._library.stores()

    def import_files(
        self,
        channel: str,
        paths: list[Path],
        *,
        store_code: str | None = None,
        mapping: Path | None = None,
        progress: Progress | None = None,
    ) -> list[OrderImportReport]:
        """Upload ``paths`` one after the other; one report each. A file the server
        could not use (``failed``) stops the ones after it (an item file without its
        orders would only be refused row by row)."""
        if channel not in CHANNELS:
            raise FileRefused(f"未知的渠道: {channel}")
        if not paths:
            raise FileRefused("请选择要导入的订单文件")
        for path in paths:
            _check_file(path)
        mapping_text = read_mapping(mapping) if mapping is not None else None
        if channel == "pos" and mapping_text is None:
            raise FileRefused("门店POS文件需要列映射文件 (.json 或 .yaml)")
        total = sum(p.stat().st_size for p in paths)
        reports: list[OrderImportReport] = []
        done = 0
        for path in paths:
            report = self._upload(channel, path, store_code, mapping_text, done, total, progress)
            reports.append(report)
            done += path.stat().st_size
            if report.failed:
                break
        return reports

    def _upload(
        self,
        channel: str,
        path: Path,
        store_code: str | None,
        mapping_text: str | None,
        before: int,
        total: int,
        progress: Progress | None,
    ) -> OrderImportReport:
        params = {"channel": channel, "file_name": path.name}
        if store_code:
            params["store_code"] = store_code
        if mapping_text is not None:
            params["mapping"] = mapping_text

        def sent(n: int) -> None:
            if progress is not None:
                progress(before + n, total)

        return upload_file(
            self.api,
            WHERE,
            path,
            params,
            OrderImportReport,
            offline_message=OFFLINE_MESSAGE,
            progress=sent,
        )


def _check_file(path: Path) -> None:
    if path.suffix.lower() not in SUFFIXES:
        raise FileRefused(f"只能导入 .xlsx 或 .csv 文件: {path.name}")
    if not path.is_file():
        raise FileRefused(f"找不到文件: {path.name}")
    if path.stat().st_size > MAX_UPLOAD_BYTES:
        raise FileRefused(
            f"文件过大: {path.name} 超过 {MAX_UPLOAD_BYTES // (1024 * 1024)} MiB;"
            " 请在服务器上用 guide-server import-orders 导入"
        )


def read_mapping(path: Path) -> str:
    """The POS column mapping as the JSON text the server takes."""
    if path.suffix.lower() not in MAPPING_SUFFIXES:
        raise FileRefused(f"列映射文件应为 .json 或 .yaml: {path.name}")
    try:
        text = path.read_text(encoding="utf-8-sig")
    except FileNotFoundError as exc:
        raise FileRefused(f"找不到列映射文件: {path.name}") from exc
    except (OSError, UnicodeDecodeError) as exc:
        raise FileRefused(f"列映射文件无法读取 (应为 UTF-8): {path.name}") from exc
    try:
        if path.suffix.lower() == ".json":
            data = json.loads(text)
        else:
            try:
                import yaml
            except ImportError as exc:
                raise FileRefused(f"无法读取 YAML, 请改用 JSON 列映射文件: {path.name}") from exc
            data = yaml.safe_load(text)
    except FileRefused:
        raise
    except Exception as exc:  # noqa: BLE001 - json/yaml syntax errors of the user's file
        raise FileRefused(f"列映射文件格式错误: {path.name}: {exc}") from exc
    if not isinstance(data, dict):
        raise FileRefused(f"列映射文件应是「键: 列名」的映射: {path.name}")
    out = json.dumps(data, ensure_ascii=False, separators=(",", ":"), default=str)
    if len(out) > MAX_MAPPING_CHARS:
        raise FileRefused(f"列映射文件过大 (最多 {MAX_MAPPING_CHARS} 个字符): {path.name}")
    return out
