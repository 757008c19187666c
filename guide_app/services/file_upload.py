"""Sending one file to an admin import endpoint and reading the report it answers.

The order and member imports (and any later file import) stream the file in blocks
(``progress(sent)`` after each), and read the endpoint's report: a refused file (HTTP
422) carries its report as the body too, so the dialog can list the problems. Errors
are those of :mod:`guide_app.services.library_admin`: :class:`AdminOffline` (with the
caller's message), :class:`AdminRefused`, :class:`AdminError` for a reply that is no
report.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TypeVar

import orjson
from pydantic import BaseModel, ValidationError

from guide_app.services.library_admin import AdminError, AdminOffline, LibraryAdmin, _send_raw
from guide_app.sync.api import ApiClient

#: Bytes read and sent at a time.
CHUNK = 256 * 1024

Report = TypeVar("Report", bound=BaseModel)


def upload_file(
    api: ApiClient,
    where: str,
    path: Path,
    params: dict[str, str],
    report_type: type[Report],
    *,
    offline_message: str,
    progress: Callable[[int], None] | None = None,
) -> Report:
    """POST ``path``'s bytes to ``where`` (under the API prefix); the report it answers."""
    headers = {
        "Content-Type": "application/octet-stream",
        "Content-Length": str(path.stat().st_size),
    }

    def chunks() -> Iterator[bytes]:
        sent = 0
        with path.open("rb") as fh:
            while block := fh.read(CHUNK):
                yield block
                sent += len(block)
                if progress is not None:
                    progress(sent)

    def send() -> Report:
        resp = _send_raw(api, "POST", where, params=params, content=chunks(), headers=headers)
        if resp.status_code == 422:  # the report of a refused file is the body
            report = read_report(report_type, resp.content)
            if report is not None:
                return report
        api._check(resp, where)
        report = read_report(report_type, resp.content)
        if report is None:
            raise AdminError(f"服务器回复格式错误（{where}）")
        return report

    try:
        return LibraryAdmin._call(send)
    except AdminOffline as exc:
        raise AdminOffline(offline_message, exc.status) from exc


def read_report(report_type: type[Report], content: bytes) -> Report | None:
    """The report in a reply body, or None when the body is not one."""
    try:
        data = orjson.loads(content)
    except orjson.JSONDecodeError:
        return None
    if not isinstance(data, dict) or "problems" not in data:
        return None
    try:
        return report_type.model_validate(data)
    except ValidationError:
        return None
