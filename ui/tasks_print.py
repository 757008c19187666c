"""打印今日清单: the guide's day (open tasks, checklist boxes, outreach names) as a PDF.

Drawn with ``QTextDocument`` onto a ``QPdfWriter`` (A4, 300 dpi): text stays
text in the PDF (searchable, selectable), and no printer driver is needed; the
guide prints the file or keeps it on the phone.
"""

from __future__ import annotations

import html
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QMarginsF
from PySide6.QtGui import QPageLayout, QPageSize, QPdfWriter, QTextDocument

if TYPE_CHECKING:
    from guide_app.services.tasks_query import DayEntry

#: Customers listed under an outreach item on paper (the rest: "等N位").
NAMES_ON_PAPER = 60


def _time(value: str | None) -> str:
    if not value:
        return QCoreApplication.translate("TasksPrint", "无截止时间")
    try:
        return datetime.fromisoformat(value).astimezone().strftime("%m-%d %H:%M")
    except ValueError:
        return value


def _texts() -> dict[str, str]:
    return {
        "title": QCoreApplication.translate("TasksPrint", "今日任务清单"),
        "count": QCoreApplication.translate("TasksPrint", "共 {0} 项任务"),
        "nothing": QCoreApplication.translate("TasksPrint", "今天没有待办任务"),
        "overdue": QCoreApplication.translate("TasksPrint", "已逾期"),
        "due": QCoreApplication.translate("TasksPrint", "截止"),
        "reason": QCoreApplication.translate("TasksPrint", "退回原因"),
        "unsynced": QCoreApplication.translate("TasksPrint", "(未同步的客户)"),
    }


def day_html(entries: list[DayEntry], guide_name: str, day: datetime) -> str:
    """The checklist as HTML (a box per item; ☑ for what is done already)."""
    e = html.escape
    t = _texts()
    parts = [
        '<html><body style=\'font-family: "Noto Sans CJK SC", "Microsoft YaHei", sans-serif\'>',
        f"<h2>{e(t['title'])}</h2>",
        f"<p>{e(guide_name)} · {e(day.strftime('%Y-%m-%d'))} · "
        f"{e(t['count'].format(len(entries)))}</p>",
    ]
    if not entries:
        parts.append(f"<p>{e(t['nothing'])}</p>")
    for entry in entries:
        v = entry.view
        overdue = entry.section == "overdue"
        flag = f" <span style='color:#c0392b'>[{e(t['overdue'])}]</span>" if overdue else ""
        parts.append(
            f"<h3>{e(v.title)}{flag}</h3>"
            f"<p style='color:#555'>{e(v.kind_label)} · {e(v.status_label)} · "
            f"{e(t['due'])} {e(_time(v.due_at))} · {v.items_done}/{v.items_total}</p>"
        )
        if v.review_reason and v.status == "sent_back":
            parts.append(f"<p><b>{e(t['reason'])}:</b> {e(v.review_reason)}</p>")
        parts.append("<table cellspacing='0' cellpadding='3' width='100%'>")
        for item in entry.items:
            box = "☑" if item.done else "☐"
            needs = []
            if item.requires_note:
                needs.append(QCoreApplication.translate("TasksPrint", "需备注"))
            if item.requires_evidence:
                needs.append(QCoreApplication.translate("TasksPrint", "需照片"))
            need = f" <span style='color:#777'>({e('、'.join(needs))})</span>" if needs else ""
            parts.append(
                f"<tr><td width='24' style='font-size:14pt'>{box}</td>"
                f"<td>{e(item.text)}{need}</td></tr>"
            )
            if item.is_outreach and item.targets:
                contacted = set(item.contacted_ids)
                names = []
                for cid in item.targets[:NAMES_ON_PAPER]:
                    mark = "☑" if cid in contacted else "☐"
                    names.append(f"{mark} {e(entry.names.get(cid) or t['unsynced'])}")
                more = len(item.targets) - NAMES_ON_PAPER
                if more > 0:
                    names.append(
                        e(QCoreApplication.translate("TasksPrint", "等{0}位").format(more))
                    )
                count = QCoreApplication.translate("TasksPrint", "已联系 {0} / {1}").format(
                    item.contacted_count, len(item.targets)
                )
                parts.append(
                    f"<tr><td></td><td style='color:#333'>{e(count)}<br/>"
                    + "&nbsp;&nbsp; ".join(names)
                    + "</td></tr>"
                )
        parts.append("</table>")
    parts.append("</body></html>")
    return "".join(parts)


def write_day_pdf(entries: list[DayEntry], path: Path, guide_name: str, day: datetime) -> Path:
    """Write the day's checklist to ``path`` (replaced whole: a temporary file, then renamed)."""
    path = Path(path)
    tmp = path.with_name(path.name + ".part")
    writer = QPdfWriter(str(tmp))
    writer.setResolution(300)
    writer.setTitle(QCoreApplication.translate("TasksPrint", "今日任务清单"))
    writer.setCreator("Guide Workstation")
    writer.setPageLayout(
        QPageLayout(
            QPageSize(QPageSize.PageSizeId.A4),
            QPageLayout.Orientation.Portrait,
            QMarginsF(15, 15, 15, 15),
            QPageLayout.Unit.Millimeter,
        )
    )
    doc = QTextDocument()
    doc.setHtml(day_html(entries, guide_name, day))
    doc.print_(writer)
    del writer  # finishes the file
    tmp.replace(path)
    return path
