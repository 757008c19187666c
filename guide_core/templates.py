"""Script templates: ``{变量}`` and ``{变量|兜底}`` in a script's body.

One definition of the syntax for both sides: the server refuses a body with
unbalanced braces when a script is saved (HQ's admin API, a personal script,
an import), the client fills variables from the customer in context and flags
the ones with neither a value nor a fallback, so ``{…}`` never reaches a
customer.

Syntax: ``{名}`` is a variable, ``{名|兜底}`` one with a fallback used when the
value is empty. ``{{`` and ``}}`` are a literal brace. Anything else with a
brace is an error, named with its position.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field

#: The variables a script may use, in the order the editor offers them.
VARIABLES: tuple[str, ...] = (
    "称呼",
    "姓名",
    "导购",
    "门店",
    "生日",
    "上次购买",
    "会员等级",
    "会员号",
)
MAX_VARIABLE = 16
MAX_FALLBACK = 32

_TOKEN = re.compile(r"\{\{|\}\}|\{([^{}]*)\}|[{}]")


class TemplateError(ValueError):
    """A body that is not a valid template; the message says what and where (Chinese)."""


@dataclass(frozen=True)
class Slot:
    """One ``{name|fallback}`` occurrence."""

    name: str
    fallback: str | None
    start: int
    end: int


@dataclass
class Rendered:
    """A filled template: ``text`` and what could not be filled."""

    text: str
    #: variables with neither a value nor a fallback: the text must not be sent
    missing: list[str] = field(default_factory=list)
    #: (start, end) in ``text`` of each missing variable (left as ``{名}`` for the eye)
    missing_spans: list[tuple[int, int]] = field(default_factory=list)

    @property
    def complete(self) -> bool:
        return not self.missing


def _line_col(text: str, pos: int) -> str:
    line = text.count("\n", 0, pos) + 1
    col = pos - (text.rfind("\n", 0, pos) + 1) + 1
    return f"第{line}行第{col}个字符"


def parse(body: str) -> list[Slot | str]:
    """``body`` as literal text pieces and :class:`Slot` s; :class:`TemplateError` if broken."""
    parts: list[Slot | str] = []
    pos = 0
    for m in _TOKEN.finditer(body):
        if m.start() > pos:
            parts.append(body[pos : m.start()])
        tok = m.group(0)
        if tok == "{{":
            parts.append("{")
        elif tok == "}}":
            parts.append("}")
        elif tok == "{":
            raise TemplateError(
                f"{_line_col(body, m.start())}的 {{ 没有对应的 }} (unbalanced brace)"
            )
        elif tok == "}":
            raise TemplateError(
                f"{_line_col(body, m.start())}的 }} 没有对应的 {{ (unbalanced brace)"
            )
        else:
            inner = m.group(1)
            name, sep, fallback = inner.partition("|")
            name = name.strip()
            if not name:
                raise TemplateError(
                    f"{_line_col(body, m.start())}的 {{}} 里没有变量名 (empty variable)"
                )
            if len(name) > MAX_VARIABLE or "\n" in inner:
                raise TemplateError(
                    f"{_line_col(body, m.start())}的变量 {{{inner[:20]}}} 太长或跨行 (bad variable)"
                )
            if sep and len(fallback) > MAX_FALLBACK:
                raise TemplateError(
                    f"{_line_col(body, m.start())}的兜底文字超过{MAX_FALLBACK}字 (fallback too long)"
                )
            parts.append(Slot(name, fallback if sep else None, m.start(), m.end()))
        pos = m.end()
    if pos < len(body):
        parts.append(body[pos:])
    return parts


def check(body: str) -> str:
    """``body`` unchanged, or :class:`TemplateError` (a pydantic ``AfterValidator``)."""
    parse(body)
    return body


def unknown_variables(body: str) -> list[str]:
    """Variables ``body`` uses that are not in :data:`VARIABLES` (an editor's warning)."""
    seen: dict[str, None] = {}
    for part in parse(body):
        if isinstance(part, Slot) and part.name not in VARIABLES:
            seen.setdefault(part.name, None)
    return list(seen)


def variables_in(body: str) -> list[str]:
    """The variable names ``body`` uses, in order of first appearance ([] if broken)."""
    try:
        parts = parse(body)
    except TemplateError:
        return []
    seen: dict[str, None] = {}
    for part in parts:
        if isinstance(part, Slot):
            seen.setdefault(part.name, None)
    return list(seen)


def render(body: str, values: Mapping[str, str]) -> Rendered:
    """Fill ``body``: a value, else the fallback, else the slot stays and is reported missing."""
    out: list[str] = []
    missing: list[str] = []
    spans: list[tuple[int, int]] = []
    length = 0
    for part in parse(body):
        if isinstance(part, str):
            piece = part
        else:
            value = (values.get(part.name) or "").strip()
            if value:
                piece = value
            elif part.fallback is not None:
                piece = part.fallback
            else:
                piece = "{" + part.name + "}"
                if part.name not in missing:
                    missing.append(part.name)
                spans.append((length, length + len(piece)))
        out.append(piece)
        length += len(piece)
    return Rendered("".join(out), missing, spans)
