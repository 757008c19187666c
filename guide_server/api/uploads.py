"""Uploaded import files (scripts, members, orders): the ``file_name`` a request names,
and the body spooled to a temporary folder under a size limit.

An import reads its file from disk (CSV streamed, XLSX by row), so the body is never
held in memory: a ``Content-Length`` over the limit is answered 413 before a byte is
read, a longer stream as soon as it passes the limit, and the folder goes afterwards
whatever happened.
"""

from __future__ import annotations

import shutil
import tempfile
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Annotated

from fastapi import HTTPException, Query, Request

#: The formats every import reads (``guide_server.tabular``).
SUFFIXES = (".xlsx", ".csv")

FileName = Annotated[
    str,
    Query(
        min_length=1,
        max_length=200,
        pattern=r"^[^\x00-\x1f\x7f/\\]+$",
        description="文件名 (扩展名 .xlsx 或 .csv 决定格式; 报告里用它指代文件)",
    ),
]


def unsupported(file_name: str) -> str | None:
    """Why ``file_name`` cannot be imported (its extension), or None."""
    if Path(file_name).suffix.lower() not in SUFFIXES:
        return f"文件「{file_name}」: 只支持 .xlsx 和 .csv 文件"
    return None


def too_large(detail: str) -> HTTPException:
    return HTTPException(413, detail, {"Connection": "close"})


@asynccontextmanager
async def spooled(
    request: Request, file_name: str, limit: int, detail: str, prefix: str = "guide-upload-"
) -> AsyncIterator[Path]:
    """The request body written to ``<temporary folder>/upload<suffix>``; 413 (``detail``)
    past ``limit`` bytes. The folder (and anything else put in it) goes on exit."""
    declared = request.headers.get("content-length")
    if declared and declared.isdigit() and int(declared) > limit:
        raise too_large(detail)
    folder = Path(tempfile.mkdtemp(prefix=prefix))
    try:
        path = folder / f"upload{Path(file_name).suffix.lower()}"
        size = 0
        with path.open("wb") as out:
            async for chunk in request.stream():
                size += len(chunk)
                if size > limit:
                    raise too_large(detail)
                out.write(chunk)
        yield path
    finally:
        shutil.rmtree(folder, ignore_errors=True)
