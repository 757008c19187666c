"""Orders asked of the server: the counter's lookup beyond the cache, and the
supervisor's match review (``/api/v1/orders/…``, issue 12).

Calls block on the network: the UI runs them with ``ui.background.run_in_background``.
Without the server they raise :class:`~guide_app.services.remote_customers.RemoteOffline`
(the page then says it shows cached orders only).
"""

from __future__ import annotations

from datetime import date
from typing import Any, TypeVar
from urllib.parse import quote

from pydantic import BaseModel, ValidationError

from guide_app.services.order_search import OrderQuery
from guide_app.services.remote_customers import RemoteCustomerService, RemoteError
from guide_app.sync.api import ApiClient
from guide_core import protocol
from guide_core.order_lookup_api import (
    ChooseCustomer,
    MatchDecided,
    MatchSuggestionsPage,
    OrderLookupPage,
)
from guide_core.rules.order_lookup import MAX_LOOKUP_PAGE, MAX_LOOKUP_QUERY

M = TypeVar("M", bound=BaseModel)

#: What the 订单 page says when it cannot ask the server.
OFFLINE_NOTE = "离线: 只显示本机缓存的订单 (近24个月)"


def _day(d: date | None) -> str | None:
    return d.isoformat() if d else None


class OrderRemoteService:
    def __init__(self, api: ApiClient) -> None:
        self.api = api

    def lookup(self, q: OrderQuery, offset: int = 0, limit: int = 50) -> OrderLookupPage:
        """Orders the server finds for the query (older ones, another store's by exact
        order no. or whole phone)."""
        params: dict[str, Any] = {
            "q": " ".join(q.text.split())[:MAX_LOOKUP_QUERY],
            "offset": max(0, int(offset)),
            "limit": max(1, min(int(limit), MAX_LOOKUP_PAGE)),
            "channel": q.channel,
            "status": q.status,
            "date_from": _day(q.date_from),
            "date_to": _day(q.date_to),
        }
        params = {k: v for k, v in params.items() if v not in (None, "")}
        return self._get("/orders/lookup", OrderLookupPage, params)

    def suggestions(
        self, store_id: str | None = None, offset: int = 0, limit: int = 50
    ) -> MatchSuggestionsPage:
        params: dict[str, Any] = {"offset": offset, "limit": limit}
        if store_id:
            params["store_id"] = store_id
        return self._get("/orders/suggestions", MatchSuggestionsPage, params)

    def unmatched(self, store_id: str | None = None, offset: int = 0, limit: int = 50) -> Any:
        from guide_core.order_import_api import UnmatchedOrdersPage

        params: dict[str, Any] = {"offset": offset, "limit": limit}
        if store_id:
            params["store_id"] = store_id
        return self._get("/admin/orders/unmatched", UnmatchedOrdersPage, params)

    def confirm(self, suggestion_id: str) -> MatchDecided:
        return self._post(f"/orders/suggestions/{quote(suggestion_id, safe='')}/confirm", None)

    def reject(self, suggestion_id: str) -> MatchDecided:
        return self._post(f"/orders/suggestions/{quote(suggestion_id, safe='')}/reject", None)

    def choose_customer(self, order_id: str, customer_id: str) -> MatchDecided:
        return self._post(
            f"/orders/{quote(order_id, safe='')}/customer", ChooseCustomer(customer_id=customer_id)
        )

    # ------------------------------------------------------------------ plumbing

    def _get(self, path: str, model: type[M], params: dict[str, Any]) -> M:
        resp = RemoteCustomerService._call(lambda: self.api._send("GET", path, params=params))
        return _parsed(self.api._json(resp, path), model, path)

    def _post(self, path: str, body: BaseModel | None) -> MatchDecided:
        payload = body.model_dump_json().encode() if body is not None else b""
        headers = {"Content-Type": "application/json"}
        resp = RemoteCustomerService._call(
            lambda: self.api._send("POST", path, content=payload, headers=headers)
        )
        return _parsed(self.api._json(resp, path), MatchDecided, path)


def _parsed(data: Any, model: type[M], where: str) -> M:
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        raise RemoteError(
            f"服务器回复格式错误（{where}）：{protocol.describe_validation_error(exc)}"
        ) from exc
