"""The API pages (/docs, /redoc) work on an intranet: every script and style comes from the server."""

from __future__ import annotations

import re

import httpx
import pytest


@pytest.mark.parametrize("page", ["/docs", "/redoc"])
def test_docs_pages_load_everything_from_the_server(sqlite_live_server, page):
    html = httpx.get(sqlite_live_server.url + page, timeout=10)
    assert html.status_code == 200
    refs = re.findall(r"""(?:src|href)\s*=\s*['"]([^'"]+)['"]""", html.text)
    refs += re.findall(r"""url:\s*['"]([^'"]+)['"]""", html.text)  # Swagger UI's spec url
    assets = [r for r in refs if r.endswith((".js", ".css", ".png"))]
    assert assets, html.text  # the page does name its scripts
    assert [r for r in refs if re.match(r"(https?:)?//", r)] == []  # no CDN, no other host
    for ref in assets:
        got = httpx.get(sqlite_live_server.url + ref, timeout=10)
        assert got.status_code == 200, ref
        assert len(got.content) > 1000, ref
    spec = httpx.get(sqlite_live_server.url + "/openapi.json", timeout=10)
    assert spec.status_code == 200 and spec.json()["info"]["title"].startswith("Guide")
