"""Importing the member list from the app (会员导入): ``POST /api/v1/admin/members/import``
(wire format in :mod:`guide_core.member_import_api`).

HQ imports into any store (the file's 门店 column, or the store chosen for rows
without one); a store's supervisor into their own store. Who may is asked of
:mod:`guide_core.rules.members`, so the 客户 page shows the dialog exactly to them.
Online only: errors are those of :mod:`guide_app.services.library_admin`
(:class:`AdminOffline`, :class:`AdminRefused`, :class:`FileRefused`).

Calls block on the network: the UI runs them with ``ui.background.run_in_background``.
"""

from __future__ import annotations

from pathlib import Path

from guide_app.cache.database import Cache
from guide_app.domain.permissions import actor_of
from guide_app.services.file_upload import upload_file
from guide_app.services.library_admin import FileRefused, LibraryAdmin
from guide_app.sync.api import ApiClient
from guide_core import protocol
from guide_core.member_import_api import MemberImportReport
from guide_core.rules.members import may_import_members

#: What the dialog says when the server cannot be reached.
OFFLINE_MESSAGE = "导入会员需要连接服务器"
#: The endpoint under the API prefix.
WHERE = "/admin/members/import"
SUFFIXES = (".xlsx", ".csv")


class MemberImport:
    """The member import for one signed-in HQ user or supervisor."""

    def __init__(self, api: ApiClient, user: protocol.UserInfo, cache: Cache | None = None):
        self.api = api
        self.user = user
        self._library = LibraryAdmin(api, user, cache)

    @property
    def is_hq(self) -> bool:
        return actor_of(self.user).is_hq

    def may_import(self) -> bool:
        """HQ, or a supervisor into their own store."""
        store_id = None if self.is_hq else self.user.store_id
        return may_import_members(actor_of(self.user), store_id) is None

    def stores(self) -> list[protocol.StoreData]:
        """The stores HQ may choose for rows without a 门店 (the cached store list)."""
        return self._library.stores()

    def import_file(
        self, path: Path, *, dry_run: bool, store_id: str | None = None
    ) -> MemberImportReport:
        """Send the file; the report (``problem_count`` non-zero: nothing was written)."""
        if path.suffix.lower() not in SUFFIXES:
            raise FileRefused(f"只能导入 .xlsx 或 .csv 文件: {path.name}")
        if not path.is_file():
            raise FileRefused(f"找不到文件: {path.name}")
        params = {"file_name": path.name, "dry_run": "true" if dry_run else "false"}
        if store_id:
            params["store_id"] = store_id
        return upload_file(
            self.api, WHERE, path, params, MemberImportReport, offline_message=OFFLINE_MESSAGE
        )
