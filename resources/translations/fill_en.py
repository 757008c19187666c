"""Fill ``guide_en.ts`` with the English texts below, then compile it to ``guide_en.qm``.

Workflow after changing user-facing strings in ``ui/``::

    .venv/bin/pyside6-lupdate $(find ui -name '*.py') -ts resources/translations/guide_en.ts \
        -source-language zh_CN -target-language en_US
    .venv/bin/python resources/translations/fill_en.py   # fills, then runs pyside6-lrelease

The enum labels (context ``Labels``) are held in ``guide_app.domain.labels``
dicts, which lupdate cannot see: this script writes that context of the .ts from
``ui.labels.TRANSLATED_TABLES`` before filling, so the Chinese exists once.

A source text without an entry here stays untranslated (shown in Chinese) and
is listed on stdout, so a missing translation is visible, never silent.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
TS = HERE / "guide_en.ts"
QM = HERE / "guide_en.qm"

EN = {
    # customer card (issue 10): figures strip, save model, read-only, order's customer
    "客单价": "Avg. order",
    "来源渠道": "Source",
    "负责导购": "Owner",
    "今天": "today",
    "{0}天前": "{0} days ago",
    "未进社群 · 可邀请加入门店社群": "Not in the group · invite them",
    "{0}（{1}）": "{0} ({1})",
    "✓ 已保存": "✓ Saved",
    "只读：这位客户归 {0} 负责": "Read-only: this customer belongs to {0}",
    "资料只读：这位客户归 {0} 负责（可以加标签和跟进）": "Profile read-only: {0}'s customer (tags and follow-ups can be added)",
    "只读：你不能修改这位客户": "Read-only: you may not edit this customer",
    "将自动同步到服务器": "Will sync to the server automatically",
    "这位客户的修改还没有保存。关闭前要保存吗？": "Changes to this customer are not saved. Save before closing?",
    "放弃": "Discard",
    "点「保存」记录这条跟进": "Click Save to record this follow-up",
    "打开客户卡片": "Open the customer's card",
    "未关联客户": "No customer linked",
    "所属客户": "Customer",
    "不在本机（其他门店的客户）": "Not on this PC (another store's customer)",
    " (单选)": " (single choice)",
    " 秒": " s",
    "(待上传)": "(not yet uploaded)",
    "SKU": "SKU",
    "{0}：即将推出": "{0}: coming soon",
    "上次同步 {0}": "Last sync {0}",
    "⚠ 本地缓存需重建": "⚠ Local cache needs rebuilding",
    "下次跟进": "Next follow-up",
    "下次跟进：{0}": "Next follow-up: {0}",
    "不设置": "None",
    "仅所属导购和店长可查看完整手机号": "Only the owner guide and supervisors see the whole number",
    "今日": "Today",
    "付款时间": "Paid at",
    "任务": "Tasks",
    "会员号": "Member no.",
    "会员号 {0}": "Member no. {0}",
    "你好，{0}": "Hello, {0}",
    "保存": "Save",
    "保存失败：{0}": "Save failed: {0}",
    "保存的筛选…": "Saved filters…",
    "保存筛选": "Save filter",
    "修改": "Change",
    "修改服务器地址后需重新登录才会生效": "A new server address takes effect at the next sign-in",
    "全店客户": "All store customers",
    "全部": "All",
    "全部导购": "All guides",
    "共 {0} 位客户": "{0} customers",
    "共 {0} 项": "{0} items",
    "关闭": "Close",
    "关闭卡片/对话框、收起搜索结果": "Close card/dialog, hide search results",
    "功能": "Action",
    "单价": "Unit price",
    "即将推出": "Coming soon",
    "取消": "Cancel",
    "另一窗口正在同步": "Another window is syncing",
    "只读：这位客户不归你管理": "Read-only: this customer is not yours",
    "同步中 %v/%m": "Syncing %v/%m",
    "同步中 {0} 条": "Syncing: {0} rows",
    "同步间隔": "Sync interval",
    "名称": "Name",
    "商品": "Item",
    "在线": "Online",
    "基本": "Basics",
    "备注": "Notes",
    "备注名": "Remark name",
    "姓名": "Name",
    "姓名(备注)": "Name (remark)",
    "审核": "Review",
    "审核 (店长)": "Review (supervisors)",
    "客户": "Customers",
    "客户卡片": "Customer card",
    "客户卡片 - {0}": "Customer card - {0}",
    "客户卡片：保存": "Customer card: save",
    "密码": "Password",
    "导购": "Guide",
    "导购工作台": "Guide Workstation",
    "尚未同步": "Not synced yet",
    "尝试次数过多，请稍后再试。": "Too many attempts. Please try again later.",
    "此账户已在本机另一个窗口中打开，请切换到那个窗口，或关闭它后再登录。": (
        "This account is already open in another window on this PC. "
        "Switch to that window, or close it and sign in again."
    ),
    "已保存，将自动同步到服务器": "Saved; it will sync to the server automatically",
    "已接收 {0} 条": "{0} rows received",
    "已进社群": "In group",
    "帮助": "Help",
    "店长": "Supervisor",
    "待上传 {0}": "Pending {0}",
    "待上传修改": "Edits to upload",
    "待开始任务": "Tasks to start",
    "快捷键": "Keyboard shortcuts",
    "快捷键一览": "Keyboard shortcuts",
    "总部": "HQ",
    "我的客户": "My customers",
    "所属导购": "Owner",
    "手机": "Phone",
    "手机号": "Phone",
    "打开选中的客户": "Open the selected customer",
    "按键": "Keys",
    "搜索": "Search",
    "搜索 (客户/订单/话术…)": "Search (customers/orders/scripts…)",
    "搜索失败：{0}": "Search failed: {0}",
    "搜索客户、订单、话术… 姓名/拼音/手机尾号/会员号 (Ctrl+K)": (
        "Search customers, orders, scripts… name/pinyin/phone tail/member no. (Ctrl+K)"
    ),
    "放弃修改": "Discard",
    "数量": "Qty",
    "文件": "File",
    "新建客户": "New customer",
    "无法连接服务器 {0}，且本机没有该账号的离线数据（需先联网登录一次）。": (
        "Cannot reach {0}, and this PC has no offline data for the account "
        "(sign in online once first)."
    ),
    "无法连接服务器 {0}，请检查地址和网络。": "Cannot reach {0}. Check the address and the network.",
    "日志文件：{0}": "Log file: {0}",
    "时间": "Time",
    "显示/隐藏客户筛选": "Show/hide customer filters",
    "显示/隐藏筛选 (Ctrl+F)": "Show/hide filters (Ctrl+F)",
    "最近订单": "Recent orders",
    "最近购买": "Last purchase",
    "服务器原因": "Server's reason",
    "服务器地址": "Server address",
    "服务器地址格式不对，应类似 http://192.168.1.10:8765": (
        "The server address should look like http://192.168.1.10:8765"
    ),
    "未保存的修改": "Unsaved changes",
    "修改已保存在本机": "Changes kept on this PC",
    "有 {0} 条修改尚未上传，已安全保存在本机，下次联网时自动上传": (
        "{0} changes are not uploaded yet. They are safely kept on this PC and "
        "upload automatically when you are next online"
    ),
    "已找回 {0} 条未上传的修改": "Recovered {0} changes not yet uploaded",
    "未保存：请按提示修改": "Not saved: please correct the marked fields",
    "未进社群": "Not in group",
    "本地没有这位客户（可能已转给其他门店）": (
        "This customer is not in the local cache (perhaps moved to another store)"
    ),
    "本地没有这笔订单": "This order is not in the local cache",
    "本月生日": "Birthday this month",
    "查找失败：{0}": "Lookup failed: {0}",
    "标签": "Tags",
    "正在保存…": "Saving…",
    "正在同步…": "Syncing…",
    "正在登录…": "Signing in…",
    "正在读取…": "Loading…",
    "没有找到“{0}”": "Nothing found for “{0}”",
    "没有找到编号 {0}": "No member or order numbered {0}",
    "没有需要保存的修改": "Nothing to save",
    "没有需要处理的修改": "Nothing needs attention",
    "添加跟进": "Add follow-up",
    "清除筛选": "Clear filters",
    "渠道": "Channel",
    "物流单号": "Tracking no.",
    "状态": "Status",
    "生日": "Birthday",
    "生日格式应为 YYYY-MM-DD，例如 1990-05-20": "Birthday must be YYYY-MM-DD, e.g. 1990-05-20",
    "界面语言": "Language",
    "登录": "Sign in",
    "登录失败：{0}": "Sign-in failed: {0}",
    "登录导购工作台": "Sign in to Guide Workstation",
    "登录已失效，请重新登录（本机修改已保留）": (
        "Your sign-in has expired; please sign in again (local edits are kept)"
    ),
    "社群": "Group",
    "离线": "Offline",
    "离线素材缓存上限": "Offline material cache limit",
    "立即同步": "Sync now",
    "立即同步 (F5)": "Sync now (F5)",
    "等级": "Level",
    "筛选": "Filter",
    "系统密钥环不可用，无法安全保存登录状态。请联系管理员。": (
        "No system keyring is available to keep the sign-in safely. Please contact your admin."
    ),
    "素材": "Materials",
    "订单": "Orders",
    "订单 {0}": "Order {0}",
    "订单号": "Order no.",
    "记录这次跟进的内容…": "What happened in this follow-up…",
    "设置": "Settings",
    "设置…": "Settings…",
    "话术": "Scripts",
    "话术素材": "Scripts",
    "该客户未进社群，可邀请加入门店社群。": (
        "This customer is not in a group yet: invite them to the store group."
    ),
    "该设备的登录已被撤销，请联网重新登录。": (
        "This device's sign-in was revoked. Please sign in again online."
    ),
    "请先选择一项": "Select an item first",
    "请输入密码": "Enter the password",
    "请输入账号": "Enter the username",
    "读取失败：{0}": "Could not load: {0}",
    "读取订单失败：{0}": "Could not load the order: {0}",
    "账号": "Username",
    "账号或密码错误，请重新输入。": "Wrong username or password. Please try again.",
    "资料": "Profile",
    "跟进记录": "Follow-ups",
    "运行日志": "Log",
    "还有 {0} 张客户卡片未保存，确定退出吗？": "{0} customer cards have unsaved changes. Quit anyway?",
    "还没有跟进记录": "No follow-ups yet",
    "这位客户的修改还没有保存，确定要关闭吗？": "This customer's changes are not saved. Close anyway?",
    "进行中任务": "Tasks in progress",
    "连接中…": "Connecting…",
    "退出": "Quit",
    "重试": "Retry",
    "金额": "Amount",
    "阶段": "Stage",
    "需处理 {0}": "Needs attention {0}",
    "需要处理的修改": "Edits needing attention",
    "需要处理的修改，点击查看": "Edits needing attention; click to see them",
    # enum labels (context "Labels")
    "普通": "Regular",
    "银卡": "Silver",
    "金卡": "Gold",
    "黑金": "Black",
    "新客": "New",
    "活跃": "Active",
    "沉睡": "Dormant",
    "流失": "Lost",
    "私聊": "Chat",
    "电话": "Phone call",
    "到店": "Store visit",
    "天猫": "Tmall",
    "京东": "JD",
    "有赞": "Youzan",
    "抖音": "Douyin",
    "门店POS": "Store POS",
    "已付款": "Paid",
    "已发货": "Shipped",
    "已完成": "Finished",
    "已退款": "Refunded",
    "已取消": "Cancelled",
    "登录失败": "Sign-in failed",
    "正在恢复上次登录…": "Resuming your last sign-in…",
    "关于": "About",
    # duplicate customers
    "仍然新建": "Create anyway",
    "仍然保存": "Save anyway",
    "打开": "Open",
    "打开已有客户": "Open existing customer",
    "⚠ 本店已有相同手机号或会员号的客户，可能是同一人：": (
        "⚠ A customer of this store has the same phone or member no. and may be this person:"
    ),
    "⚠ 本店可能已有这位客户：": "⚠ This store may already have this customer:",
    "另有 {0} 位相同的客户": "{0} more customers match",
    "其他导购的客户只显示手机号前三位和后四位，未必是同一人。": (
        "Other guides' customers show only the first 3 and last 4 digits: it may be someone else."
    ),
    "确认不是同一人时，可以继续。": "If it is not the same person, go on.",
    "导购 {0}": "Guide {0}",
    "无所属导购": "No owner guide",
    "会员号相同": "same member no.",
    "手机号相同": "same phone",
    "手机号前三后四位相同": "same first 3 and last 4 digits",
    "⚠ 疑似重复：服务器发现这位客户与下面这位客户的手机号或会员号相同。": (
        "⚠ Possible duplicate: the server found this customer has the same phone "
        "or member no. as the customer below."
    ),
    "⚠ 疑似重复：下面的客户与这位客户的手机号或会员号相同。": (
        "⚠ Possible duplicate: the customers below have the same phone or member no. "
        "as this customer."
    ),
    "不是同一人，忽略提示": "Not the same person: dismiss",
    "请店长核对（合并客户暂不支持）": (
        "A supervisor will check (merging customers is not supported yet)"
    ),
    "（本地还没有这位客户）": "(not on this PC yet)",
    "正在检查是否已有这位客户…": "Checking whether this customer already exists…",
    "未保存：本店可能已有这位客户": "Not saved: this store may already have this customer",
    "未能忽略：{0}": "Could not dismiss: {0}",
    "疑似重复": "Possible duplicates",
    "服务器发现手机号或会员号与本店其他客户相同的客户，请核对": (
        "Customers the server found sharing a phone or member no. with another "
        "customer of the store: please check"
    ),
    # HQ reads customers online (ui/pages/contacts/remote.py)
    "客户 (总部只读)": "Customer (HQ, read-only)",
    "正在从服务器读取…": "Reading from the server…",
    "方式": "Channel",
    "内容": "Text",
    "跟进记录 (最近)": "Follow-ups (latest)",
    "订单 (最近)": "Orders (latest)",
    "{0} · {1} (总部只读)": "{0} · {1} (HQ, read-only)",
    "门店": "Store",
    "订单数": "Orders",
    "累计消费": "Total spent",
    "备注: {0}": "Notes: {0}",
    "标签: {0}": "Tags: {0}",
    "在全部门店中搜索客户: 姓名 / 手机号或尾号 / 会员号": "Search customers of every store: name / phone or its last digits / member no.",
    "正在查询服务器…": "Asking the server…",
    "没有找到客户": "No customers found",
    "已显示 {0} 位, 向下滚动显示更多": "{0} shown, scroll down for more",
    "全部门店": "All stores",  # the .ts gets it at the next lupdate
    # window shell (issue 10): accounts, settings, sync retry, supervisor's 今日
    "切换账号…": "Switch account…",
    "退出登录": "Sign out",
    "退出后，下次需要输入密码才能登录。": "After signing out, the password is asked at the next sign-in.",
    "还有 {0} 条修改未上传，会保留在本机，该账号下次登录时上传。": "{0} changes are not uploaded yet: they stay on this PC and are uploaded when this account signs in again.",
    "同时删除本机保存的该账号数据": "Also remove this account's data from this PC",
    "演示账号（点击即登录）:": "Demo accounts (click to sign in):",
    "修改服务器地址后，下次登录时生效": "A new server address takes effect at the next sign-in",
    "为当前筛选起个名字：": "Name this filter:",
    "无法同步：{0}。将于 {1} 自动重试": "Could not sync: {0}. Retrying automatically at {1}",
    "同步完成": "Sync complete",
    "本店": "My store",
    "我的": "Mine",
    "门店客户数": "Store customers",
    "本店待审核": "Store: to review",
    "本店今日跟进": "Store: follow-ups today",
    "疑似重复客户": "Suspected duplicates",
}


# The pages of issues 11-13 keep their English beside this file, one module per area.
sys.path.insert(0, str(HERE))
from en_figures import EN as _FIGURES  # noqa: E402
from en_handover import EN as _HANDOVER  # noqa: E402
from en_library import EN as _LIBRARY  # noqa: E402
from en_merge import EN as _MERGE  # noqa: E402
from en_orders import EN as _ORDERS  # noqa: E402
from en_tasks import EN as _TASKS  # noqa: E402
from en_today import EN as _TODAY  # noqa: E402

EN = {
    **_LIBRARY,
    **_ORDERS,
    **_TASKS,
    **_FIGURES,
    **_MERGE,
    **_TODAY,
    **_HANDOVER,
    **EN,
}  # the general texts above win a clash


def domain_label_texts() -> list[str]:
    """The Chinese words of every enum table the UI translates (context ``Labels``)."""
    if str(ROOT) not in sys.path:
        sys.path.insert(0, str(ROOT))
    from ui.labels import TRANSLATED_TABLES

    texts: list[str] = []
    for table in TRANSLATED_TABLES.values():
        texts.extend(t for t in table.values() if t not in texts)
    return texts


def write_label_context(root: ET.Element, context_name: str, texts: list[str]) -> None:
    """Replace the messages of ``context_name`` with ``texts`` (contexts stay sorted)."""
    context = next((c for c in root.iter("context") if c.findtext("name") == context_name), None)
    if context is None:
        context = ET.Element("context")
        ET.SubElement(context, "name").text = context_name
        names = [c.findtext("name") or "" for c in root.findall("context")]
        position = sum(1 for n in names if n < context_name)
        root.insert(position, context)
    for message in context.findall("message"):
        context.remove(message)
    for text in texts:
        message = ET.SubElement(context, "message")
        ET.SubElement(message, "source").text = text
        ET.SubElement(message, "translation")
    ET.indent(context, space="    ")
    context.tail = "\n"


def fill(ts_path: Path = TS) -> list[str]:
    """Write translations into the .ts; return the source texts still missing."""
    tree = ET.parse(ts_path)
    write_label_context(tree.getroot(), "Labels", domain_label_texts())
    missing = []
    for message in tree.iter("message"):
        source = message.findtext("source") or ""
        translation = message.find("translation")
        if translation is None:
            translation = ET.SubElement(message, "translation")
        if source in EN:
            translation.text = EN[source]
            translation.attrib.pop("type", None)
        else:
            missing.append(source)
    tree.write(ts_path, encoding="utf-8", xml_declaration=True)
    return missing


def compile_qm() -> None:
    lrelease = shutil.which("pyside6-lrelease") or str(
        Path(sys.executable).parent / "pyside6-lrelease"
    )
    subprocess.run([lrelease, str(TS), "-qm", str(QM)], check=True)


if __name__ == "__main__":
    for text in fill():
        print("untranslated:", text)
    compile_qm()
