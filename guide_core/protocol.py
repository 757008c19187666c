"""The wire format between the counter app and the central server.

This module is the single definition of what crosses the network: request and
response bodies, the entity names and the shape of each entity's ``data`` in a
pull, and the fields each push operation takes. The server
(``guide_server``) and the client (``guide_app.sync``) both import it; nothing
else defines a field name that travels.

Conventions:
- ids are UUID strings (``str(uuid.uuid4())``), except link rows whose id is
  derived from the pair they link (:func:`customer_tag_id`,
  :func:`item_check_id`) so that two offline devices adding the same tag
  produce the same row.
- money is integer cents (``*_cents``); times are ISO 8601 with an offset
  (the server stores UTC); dates are ``YYYY-MM-DD``.
- enum values are short ASCII codes; the UI shows their Chinese labels.
"""

from __future__ import annotations

import re
import uuid
from collections.abc import Mapping
from datetime import UTC, date, datetime, timedelta
from enum import StrEnum
from typing import Annotated, Any, Literal

from pydantic import (
    AfterValidator,
    AwareDatetime,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    SkipValidation,
    StringConstraints,
    ValidationError,
    field_validator,
    model_validator,
)

from guide_core import templates
from guide_core.phone import InvalidPhone, normalize_cn_mobile

PROTOCOL_VERSION = 1
#: Sent by both sides on every request/response; a mismatch is refused with 409/426.
PROTOCOL_HEADER = "X-Guide-Protocol"
API_PREFIX = "/api/v1"

#: Largest page a pull may ask for, and largest batch a push may carry.
MAX_PULL_LIMIT = 5000
DEFAULT_PULL_LIMIT = 1000
#: ``GET /sync/pull?wait=`` (seconds, the largest a request may ask): when nothing is new,
#: the server may hold the pull until a change in the reader's scopes or until ``wait``
#: passes (long-poll; the server caps it lower with ``Settings.pull_wait_max_seconds``).
#: The default 0, which older clients send by leaving it out: answer at once.
MAX_PULL_WAIT_S = 60
MAX_PUSH_BATCH = 500

# Text limits shared by client-side validation and the server.
MAX_NAME = 64
MAX_SHORT_TEXT = 200
MAX_NOTE = 2000
MAX_BODY = 10000

#: Largest JSON encoding of one valid mutation: the biggest operation's fields (a
#: personal script: title 200 + body 10,000 + 20 keywords of 64 characters + a group
#: id) at 12 bytes a character (one outside the BMP written as two ``\\uXXXX``
#: escapes), plus the mutation's ids and keys. tests/server/test_limits.py checks it.
MAX_MUTATION_BYTES = 160 * 1024
#: Largest push body the server reads (413 above it): a full batch of the largest mutations.
MAX_PUSH_BYTES = MAX_PUSH_BATCH * MAX_MUTATION_BYTES + 4 * 1024

_NAMESPACE = uuid.UUID("6f1c1d52-6a57-4b7e-9a37-1f0f3c2d9e10")


def customer_tag_id(customer_id: str, tag_id: str) -> str:
    """Id of the link row between a customer and a tag (same on every device)."""
    return str(uuid.uuid5(_NAMESPACE, f"customer_tag:{customer_id}:{tag_id}"))


def favorite_id(user_id: str, kind: str, item_id: str) -> str:
    """Id of a user's favourite (收藏) of a script or material (same on every device)."""
    return str(uuid.uuid5(_NAMESPACE, f"favorite:{user_id}:{kind}:{item_id}"))


def today_action_id(user_id: str, entry_key: str) -> str:
    """Id of a user's mark on one Today entry (same on every device)."""
    return str(uuid.uuid5(_NAMESPACE, f"today_action:{user_id}:{entry_key}"))


def item_check_id(assignment_id: str, item_id: str) -> str:
    """Id of a guide's check of one checklist item (same on every device)."""
    return str(uuid.uuid5(_NAMESPACE, f"item_check:{assignment_id}:{item_id}"))


def assignment_id(task_id: str, guide_id: str, occurrence: date) -> str:
    """Id of one guide's assignment of one occurrence of a task (same on every device).

    A supervisor's PC makes a store task offline and shows its assignments before the
    server has seen them; the server makes the same ids, so nothing is doubled.
    """
    return str(uuid.uuid5(_NAMESPACE, f"assignment:{task_id}:{guide_id}:{occurrence}"))


# --------------------------------------------------------------------------- enums


class Role(StrEnum):
    GUIDE = "guide"
    SUPERVISOR = "supervisor"
    HQ = "hq"


class Level(StrEnum):
    NORMAL = "normal"  # 普通
    SILVER = "silver"  # 银卡
    GOLD = "gold"  # 金卡
    BLACK = "black"  # 黑金


class FollowUpChannel(StrEnum):
    CHAT = "chat"  # 私聊
    GROUP = "group"  # 社群
    PHONE = "phone"  # 电话
    VISIT = "visit"  # 到店


class OrderChannel(StrEnum):
    TMALL = "tmall"  # 天猫
    JD = "jd"  # 京东
    YOUZAN = "youzan"  # 有赞
    DOUYIN = "douyin"  # 抖音
    POS = "pos"  # 门店POS


class OrderStatus(StrEnum):
    PAID = "paid"
    SHIPPED = "shipped"
    FINISHED = "finished"
    REFUNDED = "refunded"
    CANCELLED = "cancelled"


class TagChoice(StrEnum):
    SINGLE = "single"
    MULTI = "multi"


class ContentScope(StrEnum):
    HQ = "hq"
    STORE = "store"
    PERSONAL = "personal"


class MaterialKind(StrEnum):
    TEXT = "text"
    IMAGE = "image"
    VIDEO = "video"
    LINK = "link"
    MINIPROGRAM = "miniprogram"
    FILE = "file"
    POSTER = "poster"
    MOMENTS = "moments"  # 朋友圈: text plus up to nine images


class SuggestionStatus(StrEnum):
    PENDING = "pending"  # 待处理
    ACCEPTED = "accepted"  # 已采纳
    DECLINED = "declined"  # 未采纳


class FavoriteKind(StrEnum):
    SCRIPT = "script"
    MATERIAL = "material"


class TodayActionKind(StrEnum):
    """A guide's mark on a Today entry (``guide_core.today_rules``)."""

    DONE = "done"  # 已完成
    SNOOZED = "snoozed"  # 稍后 (until a date)
    DISMISSED = "dismissed"  # 不适用


class TaskKind(StrEnum):
    OUTREACH = "outreach"  # 1v1 触达
    BROADCAST = "broadcast"  # 群发
    MOMENTS = "moments"  # 朋友圈
    DISPLAY = "display"  # 陈列
    TRAINING = "training"  # 培训
    OTHER = "other"  # 其他


class TaskStatus(StrEnum):
    ACTIVE = "active"  # 进行中 (published)
    WITHDRAWN = "withdrawn"  # 已撤回: open assignments are gone, submitted/approved stay


class Recurrence(StrEnum):
    DAILY = "daily"  # 每天
    WEEKLY = "weekly"  # 每周
    MONTHLY = "monthly"  # 每月


class ItemKind(StrEnum):
    CHECK = "check"  # 勾选 (with note / evidence if required)
    OUTREACH = "outreach"  # 1v1 触达: a list of target customers, contacted one by one


class Stage(StrEnum):
    """Lifecycle stage codes (``guide_core.lifecycle``)."""

    NEW = "new"  # 新客
    ACTIVE = "active"  # 活跃
    DORMANT = "dormant"  # 沉睡
    LOST = "lost"  # 流失


class AssignmentStatus(StrEnum):
    TODO = "todo"
    IN_PROGRESS = "in_progress"
    SUBMITTED = "submitted"
    APPROVED = "approved"
    SENT_BACK = "sent_back"


class Severity(StrEnum):
    BLOCK = "block"
    WARN = "warn"


EntityName = Literal[
    "store",
    "user",
    "customer",
    "tag_group",
    "tag",
    "customer_tag",
    "follow_up",
    "script_group",
    "script",
    "material",
    "order",
    "task",
    "task_item",
    "assignment",
    "item_check",
    "sensitive_word",
    "script_suggestion",
    "favorite",
    "chain_setting",
    "today_action",
]
ENTITIES: tuple[str, ...] = EntityName.__args__  # type: ignore[attr-defined]

MutationStatus = Literal["applied", "duplicate", "rejected"]

# --------------------------------------------------------------------------- helpers

Name = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=MAX_NAME)]
OptName = Annotated[str, StringConstraints(strip_whitespace=True, max_length=MAX_NAME)] | None
ShortText = Annotated[str, StringConstraints(max_length=MAX_SHORT_TEXT)]
Note = Annotated[str, StringConstraints(max_length=MAX_NOTE)]
Body = Annotated[str, StringConstraints(max_length=MAX_BODY)]
Sha256 = Annotated[str, StringConstraints(pattern=r"^[0-9a-f]{64}$")]
Id = Annotated[str, StringConstraints(min_length=1, max_length=64)]
#: An id in a write that carries many of them (a task's items, targets, customer
#: lists): ASCII only, so the largest such write stays inside MAX_MUTATION_BYTES.
AsciiId = Annotated[str, StringConstraints(pattern=r"^[0-9A-Za-z_.:-]{1,64}$")]


class _Wire(BaseModel):
    """Base of every wire model: unknown fields are an error, never silently dropped."""

    model_config = ConfigDict(extra="forbid", use_enum_values=True)


# ------------------------------------------------- what a write may carry (text and times)
#
# A client's write is checked here, by the client before it queues the edit and by the
# server before it applies it, so that no value reaches the server that its database
# cannot store: a refused value is one field's message (this edit), never an error that
# stalls the whole outbox (issue 8). Pulled rows (``*Data``) are read as they come.

#: Characters with no place in a text a person typed: the C0 controls but TAB, LF and
#: CR (NUL cannot be stored in PostgreSQL text at all; the others come from pasting
#: terminal or binary output), DEL, the C1 controls, and lone UTF-16 surrogates (no
#: UTF-8 form, so the edit could not even be sent).
_CONTROL_CHARS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff]")


def _visible(text: str) -> str:
    """``text`` with each control character written as ``\\uXXXX`` (for messages and logs)."""
    return _CONTROL_CHARS.sub(lambda m: f"\\u{ord(m.group()):04x}", text)


def _printable(value: str) -> str:
    """``value`` unchanged, or ValueError naming the first control character and where."""
    bad = _CONTROL_CHARS.search(value)
    if bad is not None:
        raise ValueError(
            f"含有不可见的控制字符 U+{ord(bad.group()):04X} (第{bad.start() + 1}个字符), "
            "请删除后重试 (control character)"
        )
    return value


#: The same rule as a JSON Schema pattern, for the OpenAPI document (documented, not
#: validated with: ``_printable`` names the character). Lone surrogates are left out:
#: a regex engine over Unicode scalars cannot name them, and JSON tools do not make them.
PRINTABLE_PATTERN = "^[^\\u0000-\\u0008\\u000b\\u000c\\u000e-\\u001f\\u007f-\\u009f]*$"

#: A text that may travel in a write (see :data:`_CONTROL_CHARS`).
Printable = Annotated[
    str, AfterValidator(_printable), Field(json_schema_extra={"pattern": PRINTABLE_PATTERN})
]

#: Times a write may carry: ``[MIN_TIME, MAX_TIME)``, compared in UTC. Wide enough for
#: any real follow-up or check (the app dates from the 2020s) and narrow enough that
#: every database and every client stores it (``0001-01-01T00:00:00+14:00`` is before
#: year 1 in UTC; ``9999-12-31T23:59:59-14:00`` after 9999).
MIN_TIME = datetime(2000, 1, 1, tzinfo=UTC)
MAX_TIME = datetime(2100, 1, 1, tzinfo=UTC)
#: Earliest birthday; the latest is today (plus one day: the writer's today may be the
#: server's tomorrow).
MIN_BIRTHDAY = date(1900, 1, 1)
_FIRST_DAY = MIN_TIME.date().isoformat()
_LAST_DAY = (MAX_TIME.date() - timedelta(days=1)).isoformat()


def _in_time_range(value: datetime) -> datetime:
    try:
        inside = MIN_TIME <= value.astimezone(UTC) < MAX_TIME
    except (OverflowError, ValueError):  # beyond year 1..9999 once in UTC
        inside = False
    if not inside:
        raise ValueError(
            f"不在合理范围内: 应在 {_FIRST_DAY} 至 {_LAST_DAY} 之间 (UTC), "
            f"实际 {value.isoformat()} (out of range; 请检查电脑时钟)"
        )
    return value


def _in_date_range(value: date) -> date:
    if not MIN_TIME.date() <= value < MAX_TIME.date():
        raise ValueError(
            f"不在合理范围内: 应在 {_FIRST_DAY} 至 {_LAST_DAY} 之间, "
            f"实际 {value.isoformat()} (out of range)"
        )
    return value


def _birthday_in_range(value: date) -> date:
    if not MIN_BIRTHDAY <= value <= date.today() + timedelta(days=1):
        raise ValueError(
            f"不在合理范围内: 应在 {MIN_BIRTHDAY:%Y-%m-%d} 至今天之间, "
            f"实际 {value.isoformat()} (out of range)"
        )
    return value


#: A time in a write: with its UTC offset (a time without one is refused: whose clock
#: was it?), inside ``[MIN_TIME, MAX_TIME)``.
WireTime = Annotated[AwareDatetime, AfterValidator(_in_time_range)]
#: A calendar day in a write (e.g. the next follow-up), inside the same years.
WireDate = Annotated[date, AfterValidator(_in_date_range)]
#: A customer's birthday: from :data:`MIN_BIRTHDAY` to today.
Birthday = Annotated[date, AfterValidator(_birthday_in_range)]


def _check_printable(value: Any) -> Any:
    if isinstance(value, str):
        return _printable(value)
    if isinstance(value, (list, tuple)):
        for index, item in enumerate(value):
            try:
                _check_printable(item)
            except ValueError as exc:
                raise ValueError(f"第{index + 1}项{exc}") from None
    return value


class _Write(_Wire):
    """Base of everything a client sends: no field's text may hold a control character.

    A validator on every field (``"*"``, inherited by each subclass, so a field added
    later is covered too) rather than a type on each, with the field's name in the
    message. ``dict`` values are left to the model that reads them (``Mutation.fields``
    is checked by its operation's model).
    """

    @field_validator("*")
    @classmethod
    def _no_control_chars(cls, value: Any) -> Any:
        return _check_printable(value)


# --------------------------------------------------------------------------- auth


class LoginRequest(_Wire):
    username: Annotated[
        Printable, StringConstraints(strip_whitespace=True, min_length=1, max_length=64)
    ]
    #: Any character: it is only hashed, never stored or looked up.
    password: Annotated[str, StringConstraints(min_length=1, max_length=256)]
    device_id: Annotated[Printable, StringConstraints(min_length=1, max_length=64)]


class UserInfo(_Wire):
    id: Id
    username: str
    display_name: str
    role: Role
    store_id: Id | None = None


class LoginResponse(_Wire):
    token: str
    user: UserInfo
    expires_at: datetime


class MeResponse(_Wire):
    user: UserInfo
    scopes: list[str]


class HealthResponse(_Wire):
    """``GET /health``: the process is up, speaks this protocol, and which server it is.

    ``server_id`` names the server's database for good (made once; the same
    under every address and across epochs). The client records it in each
    cache, so a cache left under another address of the same server (the demo
    server on another port, ``localhost`` for ``127.0.0.1``) is recognised and
    its unsent edits are sent (``guide_app.cache.adopt``).
    """

    status: str
    protocol: int
    epoch: str
    server_id: str | None = None


class ErrorBody(BaseModel):
    """Every 4xx/5xx body: ``detail`` is a message a person can read (or ``"resync"``)."""

    detail: str


# --------------------------------------------------------------------------- admin: users
#
# ``/api/v1/admin/users`` (HQ, and a store's supervisor for its guides). Answers carry
# :class:`UserData`, the same shape a pulled ``user`` row has.

#: A new password: at least 6 characters (the CLI's rule), at most what sign-in takes.
NewPassword = Annotated[str, StringConstraints(min_length=6, max_length=256)]


class UserCreate(_Write):
    """``POST /admin/users``: ``store_id`` is required for a guide or supervisor, absent for HQ."""

    username: Annotated[
        Printable, StringConstraints(strip_whitespace=True, min_length=1, max_length=MAX_NAME)
    ]
    display_name: Annotated[
        Printable, StringConstraints(strip_whitespace=True, max_length=MAX_NAME)
    ] = ""
    role: Role
    store_id: Annotated[Printable, StringConstraints(min_length=1, max_length=64)] | None = None
    password: NewPassword


class PasswordReset(_Write):
    """``POST /admin/users/{id}/reset-password``: the new password (every token is revoked)."""

    password: NewPassword


# --------------------------------------------------------------------------- pull


class Change(_Wire):
    entity: EntityName
    id: Id
    version: int
    deleted: bool = False
    #: The row as the entity's ``*Data`` model below; ``None`` for a tombstone.
    #: Not checked here: the receiver validates it with the entity's model
    #: (``ENTITY_DATA``), which a generic dict check would only copy first.
    data: SkipValidation[dict[str, Any] | None] = None


class PullResponse(_Wire):
    changes: list[Change]
    cursor: str
    has_more: bool


RESYNC = "resync"  # the ``detail`` of a 409 on pull: throw the scope away and start over


# --------------------------------------------------------------------------- push


class Mutation(_Write):
    mutation_id: uuid.UUID
    #: Per-device increasing number; the server applies a batch in ``seq`` order.
    seq: int = Field(ge=0)
    entity: EntityName
    op: Annotated[str, StringConstraints(min_length=1, max_length=32)]
    entity_id: Id
    fields: dict[str, Any] = Field(default_factory=dict)
    #: The row version the client last saw (``None`` for a create); informative
    #: for last-writer-wins entities, decisive where the entity rule says so.
    base_version: int | None = None


class PushRequest(_Write):
    device_id: Annotated[str, StringConstraints(min_length=1, max_length=64)]
    mutations: list[Mutation] = Field(max_length=MAX_PUSH_BATCH)


class MutationResult(_Wire):
    mutation_id: uuid.UUID
    status: MutationStatus
    reason: str | None = None
    #: Why it was rejected, for programs (``guide_core.rules.Code``); ``reason`` is
    #: the Chinese for people. Added later: older servers send none.
    code: str | None = None
    #: The server's row after the mutation (or as it stands, on a rejection).
    row: Change | None = None


class PushResponse(_Wire):
    results: list[MutationResult]


# --------------------------------------------------------------------------- entity data (pull)


class StoreData(_Wire):
    id: Id
    code: str
    name: str
    region_id: Id
    region_name: str
    city: str = ""
    address: str = ""


class UserData(_Wire):
    id: Id
    username: str
    display_name: str
    role: Role
    store_id: Id | None = None
    active: bool = True
    #: The guide's personal WeCom QR code (image blob), set once in Settings.
    wecom_qr_sha256: Sha256 | None = None


class UserList(_Wire):
    """``GET /admin/users``: the accounts the caller may manage, by username."""

    users: list[UserData]


class CustomerData(_Wire):
    id: Id
    store_id: Id
    owner_id: Id | None = None
    name: str
    remark_name: str = ""
    #: Whole number for the owner guide, supervisors and HQ; masked
    #: (``138****5678``) for everyone else. Never ``None`` when the customer has one.
    phone: str = ""
    phone_masked: bool = False
    member_no: str = ""
    level: Level = Level.NORMAL
    birthday: date | None = None
    member_since: date | None = None
    source_channel: str = ""
    in_group: bool = False
    consent_sms: bool = False
    consent_wecom: bool = True
    notes: str = ""
    # derived by the server from orders
    first_purchase_at: datetime | None = None
    last_purchase_at: datetime | None = None
    order_count: int = 0
    total_spent_cents: int = 0
    created_at: datetime | None = None
    #: Set by the server: an earlier customer of the same store with the same
    #: phone or member no. (``guide_core.duplicates``), for the supervisor
    #: to check; cleared when that is no longer so or by ``dismiss_duplicate``.
    duplicate_of: Id | None = None
    #: Set by the server when a supervisor handed this customer over (``user.handover``,
    #: 离职继承): when, and who owned it before (Today shows 新接手 from these).
    handed_over_at: datetime | None = None
    previous_owner_id: Id | None = None


class TagGroupData(_Wire):
    id: Id
    name: str
    choice: TagChoice = TagChoice.MULTI
    scope: ContentScope = ContentScope.HQ  # hq or store
    store_id: Id | None = None
    #: Roles that may see and use this group; empty = everyone.
    visible_roles: list[Role] = Field(default_factory=list)
    sort: int = 0


class TagData(_Wire):
    id: Id
    group_id: Id
    name: str
    color: str = "#888888"
    sort: int = 0


class CustomerTagData(_Wire):
    id: Id  # customer_tag_id(customer_id, tag_id)
    customer_id: Id
    tag_id: Id
    store_id: Id
    added_by: Id | None = None
    added_at: datetime | None = None
    #: Who set it: ``""`` a person (manual), ``"rule:<tag_rule id>"`` an HQ auto-tag rule
    #: (自动打标; the card marks it 自动). A rule never removes a manual tag.
    source: str = ""


class FollowUpData(_Wire):
    id: Id
    customer_id: Id
    store_id: Id
    guide_id: Id
    channel: FollowUpChannel
    text: str
    at: datetime  # when it happened, the guide's clock
    next_follow_up_on: date | None = None
    created_at: datetime | None = None  # server arrival


class MaterialVisibility(_Wire):
    """Who sees a script or material: empty lists mean no restriction on that axis."""

    region_ids: list[Id] = Field(default_factory=list)
    store_ids: list[Id] = Field(default_factory=list)
    roles: list[Role] = Field(default_factory=list)


#: The same shape for scripts (the name stays for the materials that had it first).
Visibility = MaterialVisibility


class ScriptGroupData(_Wire):
    id: Id
    parent_id: Id | None = None
    name: str
    scope: ContentScope = ContentScope.HQ
    store_id: Id | None = None
    owner_id: Id | None = None
    sort: int = 0


class ScriptItem(_Wire):
    kind: Literal["text", "material"]
    text: str = ""
    material_id: Id | None = None


class ScriptData(_Wire):
    id: Id
    group_id: Id | None = None
    title: str
    #: Text with variables: {称呼} {姓名} {导购} {门店} {生日} {上次购买} …
    body: str
    keywords: list[str] = Field(default_factory=list)
    scope: ContentScope = ContentScope.HQ
    store_id: Id | None = None
    owner_id: Id | None = None
    valid_from: date | None = None
    valid_to: date | None = None
    #: Optional sequence of text and material items sent after the body.
    items: list[ScriptItem] = Field(default_factory=list)
    visibility: MaterialVisibility = Field(default_factory=MaterialVisibility)
    use_count: int = 0
    last_used_at: datetime | None = None


def _not_bool(value: Any) -> Any:
    """JSON ``true``/``false`` is no number (pydantic would take it as 1/0)."""
    if isinstance(value, bool):
        raise ValueError("应为整数 (integer expected)")
    return value


#: For a whole number in a request body (after its ``Field`` bounds, so the schema keeps
#: them): true/false refused, where pydantic would read 1/0.
NOT_BOOL = BeforeValidator(_not_bool)


class Box(_Wire):
    """A rectangle on a poster template, in the template image's pixels."""

    x: Annotated[int, Field(ge=0, le=20000), NOT_BOOL]
    y: Annotated[int, Field(ge=0, le=20000), NOT_BOOL]
    w: Annotated[int, Field(gt=0, le=20000), NOT_BOOL]
    h: Annotated[int, Field(gt=0, le=20000), NOT_BOOL]


class TextSpot(_Wire):
    """Where a line of text goes on a poster: its box, size (px) and colour (#RRGGBB)."""

    x: Annotated[int, Field(ge=0, le=20000), NOT_BOOL]
    y: Annotated[int, Field(ge=0, le=20000), NOT_BOOL]
    size: Annotated[int, Field(ge=6, le=400), NOT_BOOL] = 36
    color: Annotated[str, StringConstraints(pattern=r"^#[0-9a-fA-F]{6}$")] = "#333333"


class PosterLayout(_Wire):
    """Where a poster's template takes the guide's QR code, name and store."""

    qr: Box
    name: TextSpot | None = None
    store: TextSpot | None = None


class MaterialData(_Wire):
    id: Id
    kind: MaterialKind
    title: str
    description: str = ""
    tags: list[str] = Field(default_factory=list)
    blob_sha256: Sha256 | None = None
    blob_size: int | None = None
    mime: str | None = None
    file_name: str | None = None
    url: str | None = None
    visibility: MaterialVisibility = Field(default_factory=MaterialVisibility)
    valid_from: date | None = None
    valid_to: date | None = None
    use_count: int = 0
    #: 朋友圈: the post's text and its images (at most nine blobs, in order).
    text: str = ""
    images: list[Sha256] = Field(default_factory=list, max_length=9)
    #: 海报: where the template (``blob_sha256``) takes the guide's QR code, name, store.
    poster: PosterLayout | None = None


class OrderItem(_Wire):
    sku: str
    name: str
    qty: int
    price_cents: int


class OrderData(_Wire):
    id: Id
    channel: OrderChannel
    channel_order_no: str
    store_id: Id
    customer_id: Id | None = None
    status: OrderStatus
    amount_cents: int
    items: list[OrderItem] = Field(default_factory=list)
    paid_at: datetime | None = None
    shipped_at: datetime | None = None
    finished_at: datetime | None = None
    logistics_no: str = ""


class Segment(_Write):
    """Target customers of an outreach item, resolved per guide among their own customers.

    A customer matches when every non-empty list matches: any of ``tag_ids``, any of
    ``levels``, any of ``stages`` (lifecycle stage on the day of resolution).
    """

    tag_ids: list[AsciiId] = Field(default_factory=list, max_length=20)
    levels: list[Level] = Field(default_factory=list, max_length=4)
    stages: list[Stage] = Field(default_factory=list, max_length=4)

    @model_validator(mode="after")
    def _something(self) -> Segment:
        if not (self.tag_ids or self.levels or self.stages):
            raise ValueError("至少要选一个标签、等级或生命周期 (empty segment)")
        return self


class TaskData(_Wire):
    id: Id
    title: str
    kind: TaskKind
    description: str = ""
    created_by: Id | None = None
    #: ``hq`` tasks target stores (empty store_ids and region_ids = every store);
    #: ``store`` tasks one store (``store_ids == [it]``).
    scope: ContentScope = ContentScope.HQ
    #: The stores the task reaches, resolved by the server from the chosen stores,
    #: regions and guides when it was published or edited.
    store_ids: list[Id] = Field(default_factory=list)
    #: What the publisher chose, for display (already part of ``store_ids``).
    region_ids: list[Id] = Field(default_factory=list)
    #: Roles that get an assignment; empty = guides only.
    roles: list[Role] = Field(default_factory=list)
    guide_ids: list[Id] = Field(default_factory=list)  # empty = every guide of the stores
    #: First occurrence: shown from ``start_at``, due at ``due_at``. A recurring task's
    #: later occurrences keep the same times of day, one period later each.
    start_at: datetime | None = None
    due_at: datetime | None = None
    recurrence: Recurrence | None = None
    #: Last day an occurrence may start (inclusive); None = no end.
    until: date | None = None
    status: TaskStatus = TaskStatus.ACTIVE
    #: What the last edit changed, in plain Chinese (shown to guides at the top).
    edit_note: str = ""
    edited_at: datetime | None = None
    revision: int = 1
    withdrawn_at: datetime | None = None
    withdraw_reason: str = ""
    created_at: datetime | None = None


class TaskItemData(_Wire):
    id: Id
    task_id: Id
    sort: int = 0
    text: str
    kind: ItemKind = ItemKind.CHECK
    script_id: Id | None = None
    material_id: Id | None = None
    #: A fixed list of target customers (store tasks); ``segment`` for a rule.
    customer_ids: list[Id] = Field(default_factory=list)
    segment: Segment | None = None
    requires_note: bool = False
    requires_evidence: bool = False


class AssignmentData(_Wire):
    id: Id  # assignment_id(task_id, guide_id, occurrence)
    task_id: Id
    guide_id: Id
    store_id: Id
    status: AssignmentStatus = AssignmentStatus.TODO
    #: The occurrence's day (chain time, +08:00); its own start and due time.
    occurrence: date | None = None
    start_at: datetime | None = None
    due_at: datetime | None = None
    #: Outreach items: item id → this guide's target customer ids (resolved once).
    targets: dict[str, list[Id]] = Field(default_factory=dict)
    submitted_at: datetime | None = None
    reviewed_by: Id | None = None
    reviewed_at: datetime | None = None
    review_reason: str = ""
    created_at: datetime | None = None


class ItemCheckData(_Wire):
    id: Id  # item_check_id(assignment_id, item_id)
    assignment_id: Id
    item_id: Id
    store_id: Id
    done: bool
    done_at: datetime | None = None  # the guide's clock, recorded offline
    note: str = ""
    evidence_sha256: Sha256 | None = None
    checked_by: Id | None = None
    #: Outreach items: customers marked contacted (x of the assignment's targets y).
    contacted_ids: list[Id] = Field(default_factory=list)


class SensitiveWordData(_Wire):
    id: Id
    word: str
    severity: Severity = Severity.BLOCK


class ScriptSuggestionData(_Wire):
    """A guide's personal script suggested to HQ (建议加入总部话术库), in ``user:<owner>``.

    HQ accepts it into a group (a new HQ script, ``accepted_script_id``) or declines
    it with a reason; the guide sees which.
    """

    id: Id
    script_id: Id  # the personal script
    owner_id: Id
    store_id: Id | None = None
    title: str
    body: str
    keywords: list[str] = Field(default_factory=list)
    status: SuggestionStatus = SuggestionStatus.PENDING
    reason: str = ""
    group_id: Id | None = None
    accepted_script_id: Id | None = None
    created_at: datetime | None = None
    decided_at: datetime | None = None
    decided_by: Id | None = None


class FavoriteData(_Wire):
    """A user's 收藏 of a script or material (``user:<id>``; id :func:`favorite_id`)."""

    id: Id
    user_id: Id
    kind: FavoriteKind
    item_id: Id
    created_at: datetime | None = None


class ChainSettingData(_Wire):
    """The chain's settings HQ edits (``global``, one row, id ``chain``).

    The lifecycle thresholds (新客/活跃/沉睡/流失, ``guide_core.lifecycle.thresholds_from``):
    both sides derive a customer's stage from its figures with these.
    """

    id: Id
    lifecycle_new_days: int = 30
    lifecycle_new_max_orders: int = 1
    lifecycle_active_days: int = 90
    lifecycle_dormant_days: int = 180
    #: Today's contact guard: a customer followed up within this many days is left off.
    contact_guard_days: int = 7
    updated_at: datetime | None = None


class TodayActionData(_Wire):
    """A user's mark on one Today entry (``user:<id>``; id :func:`today_action_id`)."""

    id: Id
    user_id: Id
    entry_key: str
    action: TodayActionKind
    until: date | None = None
    at: datetime | None = None


ENTITY_DATA: dict[str, type[_Wire]] = {
    "store": StoreData,
    "user": UserData,
    "customer": CustomerData,
    "tag_group": TagGroupData,
    "tag": TagData,
    "customer_tag": CustomerTagData,
    "follow_up": FollowUpData,
    "script_group": ScriptGroupData,
    "script": ScriptData,
    "material": MaterialData,
    "order": OrderData,
    "task": TaskData,
    "task_item": TaskItemData,
    "assignment": AssignmentData,
    "item_check": ItemCheckData,
    "sensitive_word": SensitiveWordData,
    "script_suggestion": ScriptSuggestionData,
    "favorite": FavoriteData,
    "chain_setting": ChainSettingData,
    "today_action": TodayActionData,
}

# ------------------------------------------------------------- admin: customers (HQ, online)
#
# HQ's counter app holds no store's customers (a chain of 1,000 stores would not fit in
# one cache): ``GET /api/v1/admin/customers`` searches them across stores and
# ``GET /api/v1/admin/customers/{id}`` gives one card, online, for HQ only.

#: Longest search text (characters): a name, a member no., a phone or its last digits.
MAX_CUSTOMER_QUERY = 64
#: Customers per page of a search (``limit``), and the default.
MAX_CUSTOMER_PAGE = 100
DEFAULT_CUSTOMER_PAGE = 50
#: Furthest a search pages (``offset``): past it, narrow the search instead.
MAX_CUSTOMER_OFFSET = 10_000
#: Follow-ups and orders on a card (newest first).
CARD_RECENT = 20


class RemoteCustomer(_Wire):
    """A customer as HQ's search lists it: the pulled row's shape and where it belongs."""

    customer: CustomerData
    store_code: str = ""
    store_name: str = ""
    owner_name: str = ""


class RemoteCustomerPage(_Wire):
    """``GET /admin/customers``: one page, ordered by name then id."""

    customers: list[RemoteCustomer]
    offset: int
    has_more: bool


class RemoteCustomerTag(_Wire):
    tag_id: Id
    name: str
    color: str = "#888888"
    group_id: Id | None = None
    group_name: str = ""


class RemoteCustomerCard(_Wire):
    """``GET /admin/customers/{id}``: the card (tags, newest follow-ups and orders)."""

    customer: RemoteCustomer
    tags: list[RemoteCustomerTag]
    follow_ups: list[FollowUpData]
    orders: list[OrderData]


# --------------------------------------------------------------------------- push operations


def _phone(value: str | None) -> str | None:
    if value is None or value == "":
        return value
    try:
        return normalize_cn_mobile(value)
    except InvalidPhone as exc:
        raise ValueError(str(exc)) from None


class _CustomerFields(_Write):
    remark_name: OptName = None
    #: As typed or pasted (spaces, dashes, +86 …); normalised to 11 digits by the validator.
    phone: Annotated[str, StringConstraints(max_length=32)] | None = None
    member_no: Annotated[str, StringConstraints(strip_whitespace=True, max_length=32)] | None = None
    level: Level | None = None
    birthday: Birthday | None = None
    source_channel: Annotated[str, StringConstraints(max_length=32)] | None = None
    in_group: bool | None = None
    consent_sms: bool | None = None
    consent_wecom: bool | None = None
    notes: Note | None = None

    _check_phone = field_validator("phone")(classmethod(lambda cls, v: _phone(v)))


class CustomerCreate(_CustomerFields):
    name: Name
    #: Defaults to the signed-in guide; HQ must name the store.
    owner_id: Id | None = None
    store_id: Id | None = None


class CustomerUpdate(_CustomerFields):
    """Only the fields present are written (last writer wins per field)."""

    name: Name | None = None


class CustomerReassign(_Write):
    owner_id: Id


class CustomerDismissDuplicate(_Write):
    """The supervisor checked the flag: not the same person. ``duplicate_of`` names
    the flag being dismissed, so a stale dismiss leaves a newer flag alone."""

    duplicate_of: Id


class CustomerMerge(_Write):
    """合并重复客户: ``entity_id`` is the card kept, ``merged_id`` the duplicate merged
    into it (its follow-ups, tags and orders move over; it is removed). The rule is
    ``guide_core.rules.merge``."""

    merged_id: Id


class CustomerTagOp(_Write):
    customer_id: Id
    tag_id: Id


class FollowUpCreate(_Write):
    customer_id: Id
    channel: FollowUpChannel
    text: Annotated[
        str, StringConstraints(strip_whitespace=True, min_length=1, max_length=MAX_NOTE)
    ]
    at: WireTime
    next_follow_up_on: WireDate | None = None


class ItemCheckSet(_Write):
    assignment_id: Id
    item_id: Id
    done: bool
    done_at: WireTime | None = None
    note: Note = ""
    evidence_sha256: Sha256 | None = None


class ItemCheckContact(_Write):
    """An outreach item's customer marked contacted (联系过); the client queues the
    ``follow_up.create`` it logs in the same transaction and names it here."""

    assignment_id: Id
    item_id: Id
    customer_id: Id
    at: WireTime
    follow_up_id: Id | None = None


#: Largest checklist of a task made in one write, and of its lists.
MAX_TASK_ITEMS = 15
MAX_ITEM_CUSTOMERS = 50
MAX_TASK_GUIDES = 50


class TaskItemSpec(_Write):
    """One checklist item as a publisher writes it (``task.create``, admin publish/edit).

    ``id``: the client makes it (uuid4) so its PC can show the item offline; the admin
    API fills it in when absent, and an edit keeps items by id (their checks stay).
    """

    id: AsciiId | None = None
    text: Annotated[
        Printable, StringConstraints(strip_whitespace=True, min_length=1, max_length=MAX_SHORT_TEXT)
    ]
    kind: ItemKind = ItemKind.CHECK
    requires_note: bool = False
    requires_evidence: bool = False
    script_id: AsciiId | None = None
    material_id: AsciiId | None = None
    segment: Segment | None = None
    customer_ids: list[AsciiId] = Field(default_factory=list, max_length=MAX_ITEM_CUSTOMERS)


class TaskCreate(_Write):
    """``task.create``: a supervisor's store task for chosen guides of the store (offline).

    The server makes one assignment per guide and occurrence with ids
    :func:`assignment_id`, so the supervisor's PC may show them before it syncs.
    """

    title: Annotated[
        Printable, StringConstraints(strip_whitespace=True, min_length=1, max_length=MAX_SHORT_TEXT)
    ]
    kind: TaskKind
    description: Note = ""
    start_at: WireTime | None = None
    due_at: WireTime
    recurrence: Recurrence | None = None
    until: WireDate | None = None
    guide_ids: list[AsciiId] = Field(min_length=1, max_length=MAX_TASK_GUIDES)
    items: list[TaskItemSpec] = Field(min_length=1, max_length=MAX_TASK_ITEMS)


class Empty(_Write):
    pass


class AssignmentReview(_Write):
    decision: Literal["approve", "send_back"]
    reason: Annotated[str, StringConstraints(strip_whitespace=True, max_length=MAX_SHORT_TEXT)] = ""


def _template(value: str | None) -> str | None:
    """A script body must be a valid template (guide_core.templates): say where it breaks."""
    if value is not None:
        try:
            templates.check(value)
        except templates.TemplateError as exc:
            raise ValueError(str(exc)) from None
    return value


#: A script's body: 1..MAX_BODY characters, braces balanced (``{称呼|亲}``).
ScriptBody = Annotated[
    str, StringConstraints(min_length=1, max_length=MAX_BODY), AfterValidator(_template)
]


class PersonalScriptCreate(_Write):
    title: Annotated[
        str, StringConstraints(strip_whitespace=True, min_length=1, max_length=MAX_SHORT_TEXT)
    ]
    body: ScriptBody
    keywords: list[Annotated[str, StringConstraints(max_length=MAX_NAME)]] = Field(
        default_factory=list, max_length=20
    )
    group_id: Id | None = None


class PersonalScriptUpdate(_Write):
    title: (
        Annotated[
            str, StringConstraints(strip_whitespace=True, min_length=1, max_length=MAX_SHORT_TEXT)
        ]
        | None
    ) = None
    body: ScriptBody | None = None
    keywords: list[Annotated[str, StringConstraints(max_length=MAX_NAME)]] | None = Field(
        default=None, max_length=20
    )
    group_id: Id | None = None


class UseRecord(_Write):
    """A script or material copied out (用了一次): when, on the guide's clock, and for whom."""

    at: WireTime | None = None
    customer_id: Id | None = None


class SuggestionCreate(_Write):
    """Suggest one's personal script to HQ (the server snapshots its title and body)."""

    script_id: Id


class FavoriteOp(_Write):
    kind: FavoriteKind
    item_id: Id


#: A Today entry's key (``guide_core.today_rules.entry_key``): ``kind:id[:occasion]``.
TodayEntryKey = Annotated[str, StringConstraints(pattern=r"^[a-z_]{1,20}:[0-9A-Za-z_.:-]{1,170}$")]


class TodayActionSet(_Write):
    """``today_action.set``: done, not applicable, or snoozed until a day (then back)."""

    entry_key: TodayEntryKey
    action: TodayActionKind
    until: WireDate | None = None
    at: WireTime | None = None

    @model_validator(mode="after")
    def _until_with_snooze(self) -> TodayActionSet:
        if self.action == TodayActionKind.SNOOZED and self.until is None:
            raise ValueError("稍后处理需要选择日期 (until is required when snoozed)")
        return self


class TodayActionClear(_Write):
    """``today_action.clear``: the mark taken back (the entry shows again)."""

    entry_key: TodayEntryKey


class UserQr(_Write):
    """The guide's personal WeCom QR code (an uploaded image), for posters and cards."""

    qr_sha256: Sha256 | None = None


#: Most customers one ``user.handover`` carries (it stays inside MAX_MUTATION_BYTES with
#: 64-character ASCII ids); a larger handover is queued as several, the last deactivating.
MAX_HANDOVER_CUSTOMERS = 2000


class UserHandover(_Write):
    """``user.handover`` (离职继承; ``entity_id``: the leaving guide): their customers go to
    colleagues of the store, receiver id → customer ids, applied by the server as one
    transaction; ``deactivate``: the account is stopped and its sessions revoked with it
    (``guide_core.rules.handover`` holds the rules and the plan of who gets whom)."""

    receivers: dict[AsciiId, list[AsciiId]] = Field(max_length=200)
    deactivate: bool = True

    @model_validator(mode="after")
    def _sizes(self) -> UserHandover:
        total = sum(len(v) for v in self.receivers.values())
        if total == 0:
            raise ValueError("customers: 没有选择要交接的客户 (no customer selected)")
        if total > MAX_HANDOVER_CUSTOMERS:
            raise ValueError(
                f"customers: 一次最多交接{MAX_HANDOVER_CUSTOMERS}位客户, 实际{total}位"
            )
        return self


#: (entity, op) → the model its ``fields`` must satisfy. Anything not listed is
#: rejected as ``unknown operation``. Who may do each is the server's rule:
#: see ``docs/ARCHITECTURE.md`` (write permissions).
MUTATION_FIELDS: dict[tuple[str, str], type[_Wire]] = {
    ("customer", "create"): CustomerCreate,
    ("customer", "update"): CustomerUpdate,
    ("customer", "reassign"): CustomerReassign,
    ("customer", "dismiss_duplicate"): CustomerDismissDuplicate,
    ("customer", "merge"): CustomerMerge,
    ("customer_tag", "add"): CustomerTagOp,
    ("customer_tag", "remove"): CustomerTagOp,
    ("follow_up", "create"): FollowUpCreate,
    ("item_check", "set"): ItemCheckSet,
    ("assignment", "start"): Empty,
    ("assignment", "submit"): Empty,
    ("assignment", "review"): AssignmentReview,
    ("assignment", "reopen"): Empty,
    ("item_check", "contact"): ItemCheckContact,
    ("task", "create"): TaskCreate,
    ("script", "create"): PersonalScriptCreate,
    ("script", "update"): PersonalScriptUpdate,
    ("script", "delete"): Empty,
    ("script", "use"): UseRecord,
    ("material", "use"): UseRecord,
    ("script_suggestion", "create"): SuggestionCreate,
    ("favorite", "add"): FavoriteOp,
    ("favorite", "remove"): FavoriteOp,
    ("today_action", "set"): TodayActionSet,
    ("today_action", "clear"): TodayActionClear,
    ("user", "set_qr"): UserQr,
    ("user", "handover"): UserHandover,
}


class InvalidMutation(ValueError):
    """A mutation whose entity, op or fields do not fit the protocol."""


def validate_fields(entity: str, op: str, fields: dict[str, Any]) -> dict[str, Any]:
    """Validate ``fields`` of an (entity, op) and return them normalised.

    Only the keys that were sent come back (so an update stays partial), with
    values normalised (phone digits, stripped names, enum codes, dates as
    ``date``/``datetime``). Raises :class:`InvalidMutation` whose message names
    the field and what is wrong with it, in Chinese first.
    """
    model = MUTATION_FIELDS.get((entity, op))
    if model is None:
        raise InvalidMutation(f"unknown operation: {entity}.{op}")
    try:
        parsed = model.model_validate(fields)
    except ValidationError as exc:
        raise InvalidMutation(describe_validation_error(exc)) from None
    return parsed.model_dump(include=set(fields), mode="python")


_FIELD_LABELS = {
    "name": "姓名",
    "remark_name": "备注名",
    "phone": "手机号",
    "member_no": "会员号",
    "level": "等级",
    "birthday": "生日",
    "notes": "备注",
    "text": "内容",
    "note": "备注",
    "title": "标题",
    "body": "正文",
    "reason": "原因",
    "receivers": "接收人",
    "deactivate": "停用账号",
    "channel": "渠道",
    "at": "时间",
    "done_at": "完成时间",
    "next_follow_up_on": "下次跟进",
    "keywords": "关键词",
    "source_channel": "来源",
    "username": "用户名",
    "device_id": "设备",
    "password": "密码",
    "new_password": "新密码",
    "role": "角色",
    "display_name": "显示名",
    "store_code": "门店编码",
    "assignment_id": "任务分配",
    "consent_sms": "短信授权",
    "consent_wecom": "企微授权",
    "customer_id": "客户",
    "decision": "审核结果",
    "entry_key": "今日事项",
    "action": "操作",
    "done": "完成",
    "duplicate_of": "疑似重复",
    "merged_id": "并入的客户",
    "evidence_sha256": "凭证文件",
    "group_id": "分组",
    "in_group": "进群",
    "item_id": "检查项",
    "owner_id": "负责导购",
    "store_id": "门店",
    "tag_id": "标签",
    "mutations": "修改",
    "entity_id": "记录编号",
    "kind": "类型",
    "qr_sha256": "企微二维码",
    "script_id": "话术",
    "material_id": "素材",
    "images": "图片",
    "url": "链接",
    "poster": "海报位置",
    "visibility": "可见范围",
    "valid_from": "生效日期",
    "valid_to": "失效日期",
    "parent_id": "上级分组",
    "sort": "排序",
    "word": "敏感词",
    "severity": "级别",
    "tags": "标签",
    "description": "描述",
    "file_name": "文件名",
    "items": "附带内容",
    "scope": "范围",
    "start_at": "开始时间",
    "due_at": "截止时间",
    "recurrence": "重复",
    "until": "重复截止日期",
    "guide_ids": "导购",
    "store_ids": "门店",
    "store_codes": "门店编码",
    "region_ids": "区域",
    "regions": "区域",
    "roles": "角色",
    "guides": "导购",
    "segment": "客户分群",
    "tag_ids": "标签",
    "levels": "等级",
    "stages": "生命周期",
    "customer_ids": "客户名单",
    "requires_note": "需要备注",
    "requires_evidence": "需要凭证照片",
    "follow_up_id": "跟进记录",
    "occurrence": "日期",
    "targets": "目标",
}


def field_label(name: str) -> str:
    """A field as people know it (``phone`` → ``手机号``); an unlabelled one as ``字段 x``."""
    return _FIELD_LABELS.get(name) or f"字段 {name}"


#: What a type error says, for the kinds a person can cause (others keep pydantic's text).
_TYPE_MESSAGES = {
    "string_type": "应为文字",
    "int_type": "应为整数",
    "int_parsing": "应为整数",
    "int_from_float": "应为整数",
    "float_type": "应为数字",
    "float_parsing": "应为数字",
    "bool_type": "应为是或否",
    "bool_parsing": "应为是或否",
    "list_type": "应为列表",
    "dict_type": "格式不对",
    "model_type": "格式不对",
    "date_type": "应为日期, 如 2024-01-31",
    "date_parsing": "应为日期, 如 2024-01-31",
    "date_from_datetime_parsing": "应为日期, 如 2024-01-31",
    "datetime_type": "应为时间, 如 2024-01-31T10:00:00+08:00",
    "datetime_parsing": "应为时间, 如 2024-01-31T10:00:00+08:00",
    "datetime_from_date_parsing": "应为时间, 如 2024-01-31T10:00:00+08:00",
    "uuid_type": "格式不对",
    "uuid_parsing": "格式不对",
    "string_pattern_mismatch": "含有不允许的字符",
}


def _where(loc: tuple) -> str:
    """The field as a person knows it: its Chinese label, never the internal name."""
    if not loc:
        return "请求"
    label = _FIELD_LABELS.get(str(loc[0]))
    rest = [
        f"第{p + 1}项" if isinstance(p, int) else _FIELD_LABELS.get(str(p), str(p)) for p in loc[1:]
    ]
    head = label if label else f"字段 {loc[0]}"
    return " ".join([head, *rest])


def error_message(err: Mapping[str, Any]) -> str:
    """What one pydantic error says, in Chinese (the field is named by the caller)."""
    ctx = err.get("ctx") or {}
    kind = err.get("type", "")
    if kind == "string_too_long":
        given = err.get("input")
        actual = f", 实际{len(given)}字" if isinstance(given, str) else ""
        return f"最多{ctx.get('max_length')}字{actual}"
    if kind == "string_too_short":
        return (
            "不能为空 (至少1字)"
            if ctx.get("min_length", 1) <= 1
            else f"至少{ctx.get('min_length')}字"
        )
    if kind == "too_long":
        return f"最多{ctx.get('max_length')}项"
    if kind == "missing":
        return "必填"
    if kind == "extra_forbidden":
        return "不认识的字段 (unknown field)"
    if kind == "value_error":
        return str(ctx.get("error", err.get("msg", "")))
    if kind in ("enum", "literal_error"):
        choices = str(ctx.get("expected", "")).replace(" or ", ", ").replace("'", "")
        return f"只能是以下之一: {choices.replace(', ', ' / ')}"
    if kind in ("greater_than_equal", "greater_than"):
        return f"应不小于 {ctx.get('ge', ctx.get('gt'))}"
    if kind in ("less_than_equal", "less_than"):
        return f"应不大于 {ctx.get('le', ctx.get('lt'))}"
    if kind == "string_unicode":
        return "含有无法编码的字符 (invalid unicode: lone surrogate)"
    if kind == "timezone_aware":
        return "须带时区, 如 +08:00 (timezone offset required)"
    if kind == "string_pattern_mismatch" and ctx.get("pattern") == PRINTABLE_PATTERN:
        return "含有不可见的控制字符 (control characters)"
    return _TYPE_MESSAGES.get(kind, str(err.get("msg", kind)))


def describe_validation_error(exc: ValidationError) -> str:
    """One line per problem, e.g. ``备注: 最多2000字, 实际5000字``."""
    lines = []
    for err in exc.errors():
        where = _where(tuple(err["loc"]))
        msg = error_message(err)
        # 手机号: 手机号应为11位 → 手机号应为11位
        line = msg if msg.startswith(where) else f"{where}: {msg}"
        # A field name or a parser's message may quote what was sent: never echo a
        # control character back (the message is stored and shown).
        lines.append(_visible(line))
    return "; ".join(lines)
