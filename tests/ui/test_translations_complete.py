"""Every text the UI shows has its English, and the shipped .ts/.qm are up to date.

lupdate is run over ``ui/`` into a scratch copy; each source text must have an
entry in ``fill_en.EN`` and must already be in the committed ``guide_en.ts``
with that translation (the .qm is compiled from it, so it must be newer).
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
TS = ROOT / "resources" / "translations" / "guide_en.ts"


def _lupdate() -> str:
    found = shutil.which("pyside6-lupdate") or str(Path(sys.executable).parent / "pyside6-lupdate")
    return found


def _messages(ts: Path) -> dict[tuple[str, str], str]:
    out = {}
    for context in ET.parse(ts).getroot().iter("context"):
        name = context.findtext("name") or ""
        for message in context.iter("message"):
            if (message.find("translation") is not None) and message.find("translation").get(
                "type"
            ) in ("obsolete", "vanished"):
                continue
            out[(name, message.findtext("source") or "")] = message.findtext("translation") or ""
    return out


def test_every_ui_text_is_translated_in_the_shipped_files(tmp_path):
    sys.path.insert(0, str(ROOT / "resources" / "translations"))
    try:
        import fill_en
    finally:
        sys.path.pop(0)
    scratch = tmp_path / "scratch.ts"
    sources = [str(p) for p in sorted((ROOT / "ui").rglob("*.py"))]
    subprocess.run(
        [
            _lupdate(),
            *sources,
            "-ts",
            str(scratch),
            "-source-language",
            "zh_CN",
            "-target-language",
            "en_US",
            "-silent",
        ],
        check=True,
        capture_output=True,
    )
    seen = _messages(scratch)
    shipped = _messages(TS)
    no_english = sorted({text for (_ctx, text) in seen if text not in fill_en.EN})
    not_shipped = sorted(
        f"{ctx}: {text}" for (ctx, text) in seen if shipped.get((ctx, text)) != fill_en.EN.get(text)
    )
    assert no_english == [], "add these to fill_en.EN"
    assert not_shipped == [], "run pyside6-lupdate and fill_en.py (see fill_en's docstring)"
    lrelease = shutil.which("pyside6-lrelease") or str(
        Path(sys.executable).parent / "pyside6-lrelease"
    )
    fresh = tmp_path / "fresh.qm"
    subprocess.run(
        [lrelease, str(TS), "-qm", str(fresh), "-silent"], check=True, capture_output=True
    )
    assert fresh.read_bytes() == TS.with_suffix(".qm").read_bytes(), "the .qm is older than the .ts"
