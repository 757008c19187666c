"""A thin HTTP helper for server tests: sign in once, then pull and push as that user."""

from __future__ import annotations

import uuid
from typing import Any

import httpx

from tests.support.server import sign_in

API = "/api/v1"


class Api:
    def __init__(self, server, username: str, device_id: str = "test-device") -> None:
        self.server = server
        self.token, self.user = sign_in(server.url, username, device_id=device_id)
        self.device_id = device_id
        self.http = httpx.Client(
            base_url=server.url + API, headers={"Authorization": f"Bearer {self.token}"}, timeout=30
        )

    def pull_all(self, cursor: str = "", limit: int = 1000) -> tuple[list[dict], str]:
        """Every page until ``has_more`` is false: (changes, final cursor)."""
        changes: list[dict] = []
        while True:
            r = self.http.get("/sync/pull", params={"cursor": cursor, "limit": limit})
            assert r.status_code == 200, r.text
            body = r.json()
            changes.extend(body["changes"])
            cursor = body["cursor"]
            if not body["has_more"]:
                return changes, cursor

    def state(self, cursor: str = "") -> tuple[dict[tuple[str, str], dict], str]:
        """What a client holds after pulling everything: {(entity, id): data} (tombstones applied)."""
        held: dict[tuple[str, str], dict] = {}
        changes, cursor = self.pull_all(cursor)
        for c in changes:
            key = (c["entity"], c["id"])
            if c["deleted"]:
                held.pop(key, None)
            else:
                held[key] = c["data"]
        return held, cursor

    def push(self, *mutations: dict) -> list[dict]:
        r = self.http.post(
            "/sync/push", json={"device_id": self.device_id, "mutations": list(mutations)}
        )
        assert r.status_code == 200, r.text
        return r.json()["results"]

    def push_one(
        self, entity: str, op: str, entity_id: str, fields: dict | None = None, **kw: Any
    ) -> dict:
        return self.push(mutation(entity, op, entity_id, fields, **kw))[0]


def mutation(
    entity: str,
    op: str,
    entity_id: str,
    fields: dict | None = None,
    *,
    mutation_id: str | None = None,
    seq: int = 0,
    base_version: int | None = None,
) -> dict:
    return {
        "mutation_id": mutation_id or str(uuid.uuid4()),
        "seq": seq,
        "entity": entity,
        "op": op,
        "entity_id": entity_id,
        "fields": fields or {},
        "base_version": base_version,
    }


def of(held: dict, entity: str) -> list[dict]:
    return [d for (e, _), d in held.items() if e == entity]
