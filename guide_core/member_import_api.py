"""Wire format of the member import (会员导入, issue 12): the columns a member file
has, and the report of one import as the admin API answers it, the command line
prints it and the app's dialog shows it.

An import is all or nothing per file: every row is checked first; with any problem
nothing is written and the report lists the problems (row as numbered in the file,
1 = the header; column by its header; reason in Chinese).
"""

from __future__ import annotations

from pydantic import Field

from guide_core.library_api import ImportProblem
from guide_core.protocol import Level, _Wire

#: The columns of a member file, in this order (a file may use the aliases the
#: importer documents, or a column-mapping file, for other headers).
MEMBER_COLUMNS = (
    "姓名",
    "手机号",
    "会员号",
    "门店",
    "导购",
    "等级",
    "生日",
    "入会日期",
    "来源渠道",
    "标签",
    "备注",
)
#: Columns every file must have.
REQUIRED_COLUMNS = ("姓名",)

#: A level as people write it → the wire value (the codes themselves are accepted too).
LEVEL_WORDS = {
    "普通": Level.NORMAL,
    "普卡": Level.NORMAL,
    "银卡": Level.SILVER,
    "金卡": Level.GOLD,
    "黑金": Level.BLACK,
    "黑卡": Level.BLACK,
    "黑金卡": Level.BLACK,
}

#: Problems kept in a report; beyond this only ``problem_count`` grows (a file of
#: 100,000 broken rows must not make a report of 100,000 lines).
MAX_REPORTED_PROBLEMS = 1000


class MemberImportReport(_Wire):
    """What a member import did, or (with problems) why it wrote nothing."""

    file: str = ""
    #: How the file was read: ``utf-8-sig``, ``gb18030``, ``工作表「会员」``.
    encoding: str = ""
    rows: int = 0
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    #: New customers without a 导购 in the file, spread over their store's guides.
    spread: int = 0
    tags_added: int = 0
    dry_run: bool = False
    #: Headers of the file that no member column uses (not read).
    ignored_columns: list[str] = Field(default_factory=list)
    #: Every problem found (``problems`` holds the first :data:`MAX_REPORTED_PROBLEMS`).
    problem_count: int = 0
    problems: list[ImportProblem] = Field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problem_count and not self.problems

    def add_problem(self, row: int, column: str, reason: str) -> None:
        self.problem_count += 1
        if len(self.problems) < MAX_REPORTED_PROBLEMS:
            self.problems.append(ImportProblem(row=row, column=column, reason=reason))
