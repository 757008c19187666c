"""Wire format of the library's admin area (``/api/v1/admin/library/…``): what HQ and
a store's supervisor send to manage scripts, groups, materials, sensitive words and
tag groups, decide suggestions, import scripts and read the usage report.

The rows themselves reach every PC through sync as the ``*Data`` models of
:mod:`guide_core.protocol`; these are the request and report bodies. Writes are
online only: the app says so when there is no connection.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Annotated, Literal

from pydantic import Field, StringConstraints

from guide_core.protocol import (
    MAX_NAME,
    MAX_NOTE,
    MAX_SHORT_TEXT,
    NOT_BOOL,
    Id,
    MaterialData,
    MaterialKind,
    MaterialVisibility,
    PosterLayout,
    ScriptBody,
    ScriptData,
    ScriptGroupData,
    ScriptItem,
    ScriptSuggestionData,
    SensitiveWordData,
    Severity,
    Sha256,
    TagChoice,
    TagData,
    TagGroupData,
    WireDate,
    _Wire,
    _Write,
)

Title = Annotated[
    str, StringConstraints(strip_whitespace=True, min_length=1, max_length=MAX_SHORT_TEXT)
]
GroupName = Annotated[
    str, StringConstraints(strip_whitespace=True, min_length=1, max_length=MAX_NAME)
]
Keyword = Annotated[
    str, StringConstraints(strip_whitespace=True, min_length=1, max_length=MAX_NAME)
]
#: Largest material file the server accepts (a video over it is refused, naming the size).
MAX_MATERIAL_BYTES = 100 * 1024 * 1024
#: Rows in one script import file.
MAX_IMPORT_ROWS = 50_000


class ScriptWrite(_Write):
    """``POST /admin/library/scripts`` (create) and ``PUT …/scripts/{id}`` (replace).

    ``scope`` ``hq`` (chain-wide, HQ only) or ``store`` (``store_id``: HQ any, a
    supervisor their own).
    """

    scope: Literal["hq", "store"] = "hq"
    store_id: Id | None = None
    group_id: Id | None = None
    title: Title
    body: ScriptBody
    keywords: list[Keyword] = Field(default_factory=list, max_length=20)
    items: list[ScriptItem] = Field(default_factory=list, max_length=20)
    visibility: MaterialVisibility = Field(default_factory=MaterialVisibility)
    valid_from: WireDate | None = None
    valid_to: WireDate | None = None


class ScriptGroupWrite(_Write):
    """``POST /admin/library/groups`` / ``PUT …/groups/{id}``: name, place (parent, sort)."""

    scope: Literal["hq", "store"] = "hq"
    store_id: Id | None = None
    parent_id: Id | None = None
    name: GroupName
    sort: Annotated[int, Field(ge=0, le=1_000_000), NOT_BOOL] = 0


class GroupMove(_Write):
    """``POST …/groups/{id}/move``: drag a group under another (None: to the root) at a place."""

    parent_id: Id | None = None
    sort: Annotated[int, Field(ge=0, le=1_000_000), NOT_BOOL] = 0


class MaterialWrite(_Write):
    """``POST /admin/library/materials`` / ``PUT …/materials/{id}`` (HQ).

    The file (image, video, PDF, poster template) is uploaded first as a blob
    (``PUT /blobs/{sha256}``); the material names it. A link or mini-program has
    ``url``; 朋友圈 has ``text`` and ``images``.
    """

    kind: MaterialKind
    title: Title
    description: Annotated[str, StringConstraints(max_length=MAX_NOTE)] = ""
    tags: list[Keyword] = Field(default_factory=list, max_length=20)
    blob_sha256: Sha256 | None = None
    file_name: Annotated[str, StringConstraints(max_length=256)] | None = None
    url: Annotated[str, StringConstraints(max_length=1024)] | None = None
    text: Annotated[str, StringConstraints(max_length=MAX_NOTE)] = ""
    images: list[Sha256] = Field(default_factory=list, max_length=9)
    poster: PosterLayout | None = None
    visibility: MaterialVisibility = Field(default_factory=MaterialVisibility)
    valid_from: WireDate | None = None
    valid_to: WireDate | None = None


class SensitiveWordWrite(_Write):
    """``POST /admin/library/sensitive-words`` (HQ); ``DELETE …/{id}`` removes one."""

    word: Annotated[
        str, StringConstraints(strip_whitespace=True, min_length=1, max_length=MAX_NAME)
    ]
    severity: Severity = Severity.BLOCK


class TagGroupWrite(_Write):
    """``POST /admin/library/tag-groups`` / ``PUT …/{id}`` (HQ): a customer tag group and its tags."""

    name: GroupName
    choice: TagChoice = TagChoice.MULTI
    #: roles that see (and may set) the group; empty: everyone
    roles: list[Literal["guide", "supervisor", "hq"]] = Field(default_factory=list)
    sort: Annotated[int, Field(ge=0, le=1_000_000), NOT_BOOL] = 0
    tags: list[GroupName] = Field(default_factory=list, max_length=200)


class SuggestionDecision(_Write):
    """``POST /admin/library/suggestions/{id}/decide`` (HQ): accept into a group, or decline."""

    decision: Literal["accept", "decline"]
    group_id: Id | None = None
    reason: Annotated[str, StringConstraints(strip_whitespace=True, max_length=MAX_SHORT_TEXT)] = ""


class Retired(_Wire):
    """The answer to a retire (``DELETE``): which row, and that stores get the removal."""

    id: Id
    entity: str


class ImportProblem(_Wire):
    """One bad cell or row of an import file: where (row as numbered in the file, 1 =
    the header; column by its header) and why, in Chinese."""

    row: int
    column: str = ""
    reason: str


class ImportReport(_Wire):
    """What an import did (or, with ``problems``, why it did nothing: all or nothing)."""

    file: str = ""
    encoding: str = ""
    rows: int = 0
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    groups_created: int = 0
    problems: list[ImportProblem] = Field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems


class UsageRow(_Wire):
    """One script or material's uses in the period, for one store/guide (or all)."""

    entity: Literal["script", "material"]
    id: Id
    title: str
    uses: int
    store_id: Id | None = None
    guide_id: Id | None = None
    guide_name: str = ""
    last_used_at: datetime | None = None


class UsageReport(_Wire):
    """``GET /admin/library/usage?from=&to=&store_id=&by=``: most used first, and the least
    used (every visible item, zero uses included) at the end of ``least``."""

    date_from: date
    date_to: date
    store_id: Id | None = None
    by: Literal["item", "store", "guide"] = "item"
    most: list[UsageRow] = Field(default_factory=list)
    least: list[UsageRow] = Field(default_factory=list)


# ------------------------------------------------------------------ list answers (GET)


class GroupList(_Wire):
    """``GET /admin/library/groups?store_id=``: HQ's groups and that store's, by sort."""

    groups: list[ScriptGroupData]


class ScriptList(_Wire):
    """``GET /admin/library/scripts``: one page (``offset``/``limit``) and the total."""

    scripts: list[ScriptData]
    total: int = 0


class MaterialList(_Wire):
    """``GET /admin/library/materials``: one page (``offset``/``limit``) and the total."""

    materials: list[MaterialData]
    total: int = 0


class WordList(_Wire):
    """``GET /admin/library/sensitive-words``: every word, by word."""

    words: list[SensitiveWordData]


class TagGroupWithTags(_Wire):
    """A customer tag group and its tags (the answer to a tag-group write)."""

    group: TagGroupData
    tags: list[TagData] = Field(default_factory=list)


class TagGroupList(_Wire):
    """``GET /admin/library/tag-groups``: every HQ tag group with its tags, by sort."""

    tag_groups: list[TagGroupWithTags]


class SuggestionList(_Wire):
    """``GET /admin/library/suggestions?status=``: newest first."""

    suggestions: list[ScriptSuggestionData]
