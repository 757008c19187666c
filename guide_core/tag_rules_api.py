"""Auto-tag rules (自动打标, issue 12): what HQ sends to ``/api/v1/admin/tag-rules`` and gets back.

A rule gives its tag to every customer meeting its condition and takes it off when the
condition no longer holds, after each order import and on demand
(``guide-server apply-tag-rules``). A tag set by a rule carries
``CustomerTagData.source = "rule:<id>"`` (the card marks it 自动). A guide's own tagging
always wins: a rule never removes a tag a person set, never adds back a tag a person
took off, and never adds a tag of a single-choice group where the customer already has
another tag of that group.

Conditions (one per rule), over the customer's figures and counted orders (paid,
shipped, finished):

- ``bought``: an order paid in the last ``days`` days has an item whose name contains
  ``text``;
- ``spent``: counted orders paid in the last ``days`` days total at least ``min_cents``;
- ``channel``: the customer's source channel (来源) is ``channel``, or they have a counted
  order of that sales channel (``tmall``, ``pos``…);
- ``stage``: the lifecycle stage today (with HQ's thresholds) is ``stage``.
"""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Literal

from pydantic import Field, StringConstraints

from guide_core.protocol import NOT_BOOL, Id, _Wire, _Write

Days = Annotated[int, Field(ge=1, le=3650), NOT_BOOL]
Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=64)]


class BoughtCondition(_Write):
    kind: Literal["bought"]
    text: Text
    days: Days = 365


class SpentCondition(_Write):
    kind: Literal["spent"]
    min_cents: Annotated[int, Field(ge=1, le=10**12), NOT_BOOL]
    days: Days = 365


class ChannelCondition(_Write):
    kind: Literal["channel"]
    channel: Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=32)]


class StageCondition(_Write):
    kind: Literal["stage"]
    stage: Literal["new", "active", "dormant", "lost"]


Condition = Annotated[
    BoughtCondition | SpentCondition | ChannelCondition | StageCondition,
    Field(discriminator="kind"),
]


class TagRuleWrite(_Write):
    name: Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=64)]
    tag_id: Id
    condition: Condition
    active: bool = True


class TagRuleOut(_Wire):
    id: str
    name: str
    tag_id: str
    condition: Condition
    active: bool
    created_at: datetime | None = None
    updated_at: datetime | None = None
    #: Customers holding the rule's tag by this rule now.
    tagged: int = 0


class TagRuleRun(_Wire):
    """What one run of the rules changed."""

    rules: int = 0
    added: int = 0
    removed: int = 0


def rule_source(rule_id: str) -> str:
    """``CustomerTagData.source`` of a tag a rule set."""
    return f"rule:{rule_id}"


def is_rule_source(source: str | None) -> bool:
    return bool(source) and str(source).startswith("rule:")
