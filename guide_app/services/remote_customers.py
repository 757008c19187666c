"""HQ's customers: read online from the server, never from the local cache (issue 9 §2).

HQ's counter app does not pull the stores' customers (a chain of 1,000 stores would not
fit in one cache file), so its 客户 page and search ask the server
(``GET /admin/customers``, ``GET /admin/customers/{id}``) through this service. It is
read-only. Without the server it raises :class:`RemoteOffline` with
:data:`OFFLINE_MESSAGE`, which the pages show instead of an empty list. Guides and
supervisors keep their whole store offline and never call this.

Calls block on the network: the UI runs them with ``ui.background.run_in_background``.
"""

from __future__ import annotations

import orjson

from guide_app.cache.database import Cache
from guide_app.domain.labels import LEVELS, label
from guide_app.search.results import PREFIX, Hit, SearchGroup, SearchResults
from guide_app.sync.api import ApiClient
from guide_app.sync.errors import Rejected4xx, ReplyCut, ServerError, SyncError, Unreachable
from guide_core import protocol
from guide_core.protocol import Role, UserInfo

#: What HQ's pages say when the server cannot be reached.
OFFLINE_MESSAGE = "离线: 总部查看客户需要连接服务器"


def reads_customers_online(user: UserInfo) -> bool:
    """HQ reads customers from the server; guides and supervisors from their cache."""
    return str(user.role) == Role.HQ


class RemoteError(Exception):
    """The server could not answer; ``message`` is for people (Chinese first)."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class RemoteOffline(RemoteError):
    """No connection to the server (or it is down): :data:`OFFLINE_MESSAGE`."""


class RemoteNotFound(RemoteError):
    """No such customer (any more)."""


class RemoteCustomerService:
    """HQ's online view of the chain's customers (and the stores to narrow it to)."""

    def __init__(self, api: ApiClient, cache: Cache | None = None) -> None:
        self.api = api
        self._cache = cache

    def stores(self) -> list[protocol.StoreData]:
        """The chain's stores, from the cache (HQ pulls them), by code: the store filter."""
        if self._cache is None:
            return []
        with self._cache.read() as conn:
            rows = conn.exec_driver_sql("SELECT data FROM stores").all()
        stores = [protocol.StoreData.model_validate(orjson.loads(r[0])) for r in rows]
        return sorted(stores, key=lambda s: (s.code, s.id))

    def search(
        self,
        text: str = "",
        *,
        store_id: str | None = None,
        offset: int = 0,
        limit: int = protocol.DEFAULT_CUSTOMER_PAGE,
    ) -> protocol.RemoteCustomerPage:
        """One page of customers matching ``text`` (name, member no., phone or its tail).

        Whitespace is collapsed and the text cut to what the server takes
        (:data:`~guide_core.protocol.MAX_CUSTOMER_QUERY`); ``limit`` and ``offset``
        are held to the server's bounds.
        """
        q = " ".join(text.split())[: protocol.MAX_CUSTOMER_QUERY]
        limit = max(1, min(int(limit), protocol.MAX_CUSTOMER_PAGE))
        offset = max(0, min(int(offset), protocol.MAX_CUSTOMER_OFFSET))
        return self._call(
            lambda: self.api.search_customers(q, store_id=store_id, offset=offset, limit=limit)
        )

    def card(self, customer_id: str) -> protocol.RemoteCustomerCard:
        """The customer's card: profile, tags, newest follow-ups and orders."""
        return self._call(lambda: self.api.customer_card(customer_id))

    @staticmethod
    def _call(fn):
        try:
            return fn()
        except (Unreachable, ReplyCut) as exc:
            raise RemoteOffline(OFFLINE_MESSAGE) from exc
        except ServerError as exc:
            if exc.status_code in (502, 503, 504):  # a proxy in front of a stopped server
                raise RemoteOffline(OFFLINE_MESSAGE) from exc
            raise RemoteError(f"服务器出错, 请稍后再试: {exc.message}") from exc
        except Rejected4xx as exc:
            if exc.status_code == 404:
                raise RemoteNotFound(f"客户不存在 (可能已被删除): {exc.detail}") from exc
            raise RemoteError(exc.message) from exc
        except SyncError as exc:  # signed out, throttled, another protocol, a bad reply
            raise RemoteError(exc.message) from exc


def customer_hit(row: protocol.RemoteCustomer, score: int = PREFIX) -> Hit:
    """A search hit for a customer the server found (like a local customer's hit, with
    the store it belongs to)."""
    c = row.customer
    title = f"{c.name}（{c.remark_name}）" if c.remark_name else c.name
    parts = [
        row.store_name,
        label(LEVELS, str(c.level)),
        c.phone,
        f"会员号 {c.member_no}" if c.member_no else "",
    ]
    return Hit("customer", c.id, title, " · ".join(p for p in parts if p), score)


def with_remote_customers(
    results: SearchResults, service: RemoteCustomerService, text: str, limit: int
) -> SearchResults:
    """``results`` (the local search) with the server's customers as its customer group,
    first; offline, the same results with :data:`OFFLINE_MESSAGE` as their notice."""
    if not " ".join(text.split()):
        return results
    others = [g for g in results.groups if g.kind != "customer"]
    try:
        page = service.search(text, limit=limit)
    except RemoteError as exc:
        return SearchResults(text=results.text, groups=others, notice=exc.message)
    hits = [customer_hit(row) for row in page.customers]
    groups = ([SearchGroup("customer", hits)] if hits else []) + others
    return SearchResults(text=results.text, groups=groups)
