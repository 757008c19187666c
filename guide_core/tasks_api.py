"""Admin bodies of the task area: publish, edit, withdraw, the publish report, the board.

``/api/v1/admin/tasks`` (HQ any target; a store's supervisor their store's tasks),
and ``guide-server publish-task FILE`` (YAML or XLSX, read into :class:`TaskPublish`).
Entities that sync (task, task_item, assignment, item_check) are in
``guide_core.protocol``; these are the request and answer bodies of the admin API.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Annotated, Literal

from pydantic import Field, StringConstraints

from guide_core.protocol import (
    MAX_NOTE,
    MAX_SHORT_TEXT,
    AsciiId,
    Note,
    Printable,
    Recurrence,
    Role,
    TaskData,
    TaskItemData,
    TaskItemSpec,
    TaskKind,
    WireDate,
    WireTime,
    _Wire,
    _Write,
)

#: Largest checklist and target lists an admin publish takes.
MAX_PUBLISH_ITEMS = 50
MAX_PUBLISH_TARGETS = 1000
#: Largest publish/edit body (bytes): 50 items and five target lists of 1,000 codes of
#: 64 characters at 12 bytes of JSON a character fit (the server's body limit).
MAX_TASK_PUBLISH_BYTES = 8 * 1024 * 1024
#: Weeks the board looks back at most (default 12).
MAX_BOARD_WEEKS = 52
DEFAULT_BOARD_WEEKS = 12

Title = Annotated[
    Printable, StringConstraints(strip_whitespace=True, min_length=1, max_length=MAX_SHORT_TEXT)
]
Code_ = Annotated[Printable, StringConstraints(strip_whitespace=True, min_length=1, max_length=64)]


class TaskTargets(_Write):
    """Who gets the task. Stores and regions by code/name as people write them in a
    file, or by id; every list may be empty (all empty: every store of the chain).

    A guide named in ``guides`` (username) gets it whatever the other lists say;
    otherwise every active user of ``roles`` (default: guides) in the chosen stores.
    A supervisor's task: ``store_codes`` is their store (or empty) and ``guides``
    names guides of it.
    """

    store_codes: list[Code_] = Field(default_factory=list, max_length=MAX_PUBLISH_TARGETS)
    store_ids: list[AsciiId] = Field(default_factory=list, max_length=MAX_PUBLISH_TARGETS)
    regions: list[Code_] = Field(default_factory=list, max_length=200)  # region names or ids
    roles: list[Role] = Field(default_factory=list, max_length=2)
    guides: list[Code_] = Field(default_factory=list, max_length=MAX_PUBLISH_TARGETS)  # usernames
    guide_ids: list[AsciiId] = Field(default_factory=list, max_length=MAX_PUBLISH_TARGETS)


class TaskPublish(_Write):
    """``POST /admin/tasks``: one task, all or nothing (one transaction).

    ``id``: the caller's id for the task (the app makes one, so a retry after a lost
    answer publishes once); absent: the server makes one. ``dry_run``: check and
    report (who gets it, segment counts) without writing.
    """

    id: AsciiId | None = None
    title: Title
    kind: TaskKind
    description: Note = ""
    start_at: WireTime | None = None
    due_at: WireTime | None = None  # required: None gives the report's clear message
    recurrence: Recurrence | None = None
    until: WireDate | None = None
    targets: TaskTargets = Field(default_factory=TaskTargets)
    items: list[TaskItemSpec] = Field(min_length=1, max_length=MAX_PUBLISH_ITEMS)
    dry_run: bool = False


class TaskEdit(_Write):
    """``PATCH /admin/tasks/{id}``: only the fields present change.

    ``items``, when present, is the whole new checklist: items keep their id (and
    every guide's checks on them); an item left out is removed (checks on it stay
    stored, no longer shown); an item without id is new. Targets do not change
    by edit (withdraw and publish again). ``note``: the publisher's own words, put
    before the server's plain list of what changed in ``TaskData.edit_note``.
    """

    title: Title | None = None
    description: Note | None = None
    start_at: WireTime | None = None
    due_at: WireTime | None = None
    until: WireDate | None = None
    items: list[TaskItemSpec] | None = Field(
        default=None, min_length=1, max_length=MAX_PUBLISH_ITEMS
    )
    note: Annotated[
        Printable, StringConstraints(strip_whitespace=True, max_length=MAX_SHORT_TEXT)
    ] = ""


class TaskWithdraw(_Write):
    """``POST /admin/tasks/{id}/withdraw``: open assignments vanish from guides' PCs;
    submitted and approved ones stay for the record (and may still be reviewed)."""

    reason: Annotated[
        Printable, StringConstraints(strip_whitespace=True, max_length=MAX_SHORT_TEXT)
    ] = ""


class PublishProblem(_Wire):
    """One thing wrong with a task file or request: where (``第3项 客户分群``,
    ``门店 S999``) and what, in Chinese."""

    where: str
    message: str


class GuideTargets(_Wire):
    """One assignment a publish makes (or would make): whom, which day, how many customers."""

    guide_id: str
    guide_name: str
    store_id: str
    store_code: str
    occurrence: date
    #: Outreach items: item id → number of target customers found for this guide.
    targets: dict[str, int] = Field(default_factory=dict)


class PublishReport(_Wire):
    """The answer of a publish, dry run or edit. ``published`` is false when nothing
    was written (``problems`` says why; the whole task is refused, never half-written).

    ``warnings``: published anyway, e.g. a guide whose segment matched nobody of
    their customers (their item shows 0 / 0). A segment that matches nobody for
    every targeted guide is a problem: nothing is published.
    """

    task_id: str | None = None
    published: bool = False
    dry_run: bool = False
    stores: int = 0
    guides: int = 0
    assignments: int = 0
    assigned: list[GuideTargets] = Field(default_factory=list)
    problems: list[PublishProblem] = Field(default_factory=list)
    warnings: list[PublishProblem] = Field(default_factory=list)


class TaskDetail(_Wire):
    """``GET /admin/tasks/{id}`` and the answer of an edit or withdrawal."""

    task: TaskData
    items: list[TaskItemData]
    assignments: int = 0
    submitted: int = 0
    approved: int = 0


class TaskList(_Wire):
    """``GET /admin/tasks``: tasks the caller manages (HQ all, a supervisor their store's
    and the HQ tasks reaching it), newest first."""

    tasks: list[TaskData]


# --------------------------------------------------------------------------- board


class BoardCounts(_Wire):
    """Assignments due in the window, by where they stand.

    ``done`` = submitted + approved (the guide finished); ``rate`` = done / assigned
    (0 when nothing was assigned); ``approved_rate`` = approved / assigned;
    ``overdue``: past due and neither submitted nor approved.
    """

    assigned: int = 0
    todo: int = 0
    in_progress: int = 0
    submitted: int = 0
    approved: int = 0
    sent_back: int = 0
    overdue: int = 0
    done: int = 0
    rate: float = 0.0
    approved_rate: float = 0.0


class BoardWeek(_Wire):
    week_start: date  # Monday, chain time
    counts: BoardCounts


class BoardRow(_Wire):
    """One guide, task, store or region on the board, with its weekly series."""

    id: str
    name: str
    store_id: str | None = None
    store_name: str = ""
    region_name: str = ""
    counts: BoardCounts
    weeks: list[BoardWeek] = Field(default_factory=list)


class Board(_Wire):
    """``GET /admin/tasks/board?store_id=&region_id=&weeks=``: completion by guide and by
    task (a store), or by store (HQ across stores and regions), over the last weeks;
    assignments counted by their due time."""

    since: date
    until: date
    weeks: list[date]
    total: BoardCounts
    by_guide: list[BoardRow] = Field(default_factory=list)
    by_task: list[BoardRow] = Field(default_factory=list)
    by_store: list[BoardRow] = Field(default_factory=list)
    generated_at: datetime


class RankRow(_Wire):
    rank: int
    id: str
    name: str
    store_name: str = ""
    region_name: str = ""
    counts: BoardCounts


class Ranking(_Wire):
    """``GET /admin/tasks/ranking?by=guide|store|region&store_id=&region_id=&weeks=``:
    best completion rate first (ties: more approved, then name)."""

    by: Literal["guide", "store", "region"]
    since: date
    until: date
    rows: list[RankRow]
    generated_at: datetime


__all__ = [
    "DEFAULT_BOARD_WEEKS",
    "MAX_BOARD_WEEKS",
    "MAX_NOTE",
    "Board",
    "BoardCounts",
    "BoardRow",
    "BoardWeek",
    "GuideTargets",
    "PublishProblem",
    "PublishReport",
    "RankRow",
    "Ranking",
    "TaskDetail",
    "TaskEdit",
    "TaskList",
    "TaskPublish",
    "TaskTargets",
    "TaskWithdraw",
]
