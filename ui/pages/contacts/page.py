"""客户 page: 我的客户 / 全店客户, the list, the filters panel and saved filters."""

from __future__ import annotations

import logging

from PySide6.QtCore import QModelIndex, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QButtonGroup,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QLabel,
    QLineEdit,
    QPushButton,
    QSplitter,
    QTableView,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from guide_core.duplicates import can_dismiss_duplicate
from ui import options
from ui.background import run_in_background
from ui.labels import LEVELS, STAGES, level_label, stage_label
from ui.pages.contacts.chips import TagChipDelegate
from ui.pages.contacts.filters import FilterPanel
from ui.pages.contacts.model import COLUMNS, ID_ROLE, CustomerTableModel
from ui.pages.registry import PageWidget
from ui.paths import icon

log = logging.getLogger(__name__)

#: QSettings key of the list's column layout ("v2": the tags column stretches;
#: a layout saved by an older version, with the last column stretched, is not reused).
HEADER_LAYOUT_KEY = "ContactsPage.header.v2"
#: Room beside a header title: section padding (style.qss) and the sort arrow.
HEADER_EXTRA_PX = 34
#: Room beside a cell's text: the item's margins.
CELL_EXTRA_PX = 16
#: The 保存筛选 dialog fits a name this many Chinese characters long (20: a roomy dialog).
FILTER_NAME_CHARS = 20


def load_saved_filters(account: str) -> dict[str, dict]:
    """The saved filters of ``account`` (``paths.account_key``).

    The list was once one per computer (option ``saved_filters``) with no record
    of who saved what: the first account to open it takes it over (same names;
    its own win), and the old list is emptied.
    """
    by_account = options.get("saved_filters_by_account")
    mine = by_account.get(account)
    legacy = options.get("saved_filters")
    if legacy:
        mine = {**legacy, **(mine if isinstance(mine, dict) else {})}
        by_account[account] = mine
        options.put("saved_filters_by_account", by_account)
        options.put("saved_filters", {})
        log.info("saved filters of this computer moved to %s", account)
    return dict(mine) if isinstance(mine, dict) else {}


def store_saved_filters(account: str, saved: dict[str, dict]) -> None:
    by_account = options.get("saved_filters_by_account")
    by_account[account] = saved
    options.put("saved_filters_by_account", by_account)


def build_query(mine_only: bool, selection: dict, sort_key: str = "name", sort_desc: bool = False):
    """A ``CustomerQuery`` from the panel's plain-data selection."""
    from guide_app.services.customers import CustomerQuery

    return CustomerQuery(
        mine_only=mine_only,
        tag_ids_by_group={g: set(t) for g, t in selection.get("tags", {}).items() if t},
        levels=set(selection.get("levels", [])),
        stages=set(selection.get("stages", [])),
        owner_id=selection.get("owner_id"),
        in_group=selection.get("in_group"),
        birthday_this_month=bool(selection.get("birthday_this_month")),
        duplicates_only=bool(selection.get("duplicates_only")),
        sort_key=sort_key,
        sort_desc=sort_desc,
    )


def may_import_members_here(session: object) -> bool:
    """Does the signed-in user get the 导入会员 button (HQ; a supervisor, own store)?"""
    from guide_app.domain.permissions import actor_of
    from guide_core.rules.members import may_import_members

    user = session.user
    actor = actor_of(user)
    return may_import_members(actor, None if actor.is_hq else user.store_id) is None


class ContactsPage(PageWidget):
    """The customer list; ``sig_customer_opened(id)`` when a row is opened."""

    sig_customer_opened = Signal(str)
    sig_new_customer = Signal()

    def __init__(self, session: object, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.mine_button = QToolButton()
        self.store_button = QToolButton()
        for b, segment in ((self.mine_button, "first"), (self.store_button, "last")):
            b.setCheckable(True)
            b.setProperty("segment", segment)  # style.qss draws a two-part switch
        self.scope_group = QButtonGroup(self)
        self.scope_group.addButton(self.mine_button)
        self.scope_group.addButton(self.store_button)
        # Supervisors own few customers themselves: they start on the whole store.
        mine = options.get("contacts_scope_mine") and str(session.user.role) == "guide"
        (self.mine_button if mine else self.store_button).setChecked(True)
        self.scope_group.buttonToggled.connect(lambda _b, on: on and self._requery())
        self.filter_button = QToolButton()
        self.filter_button.setObjectName("filterToggle")
        self.filter_button.setIcon(icon("filter"))
        self.filter_button.setCheckable(True)
        self.filter_button.setChecked(True)
        self.new_button = QPushButton(icon("add"), "")
        self.new_button.clicked.connect(self.sig_new_customer)
        self.saved_combo = QComboBox()
        self.saved_combo.setMinimumWidth(140)
        self.saved_combo.activated.connect(self._apply_saved)
        self.save_button = QPushButton()
        self.save_button.clicked.connect(self.save_current_filter)
        self.count_label = QLabel()
        self.count_label.setProperty("role", "hint")
        #: 导入会员: HQ and a store's supervisor (guide_core.rules.members)
        self.import_button = QPushButton(icon("file"), "")
        self.import_button.clicked.connect(self.open_member_import)
        self.import_button.setVisible(may_import_members_here(session))

        bar = QHBoxLayout()
        scope = QHBoxLayout()
        scope.setSpacing(0)
        scope.addWidget(self.mine_button)
        scope.addWidget(self.store_button)
        bar.addLayout(scope)
        bar.addSpacing(6)
        bar.addWidget(self.filter_button)
        bar.addWidget(self.count_label)
        bar.addStretch(1)
        for w in (self.saved_combo, self.save_button, self.new_button, self.import_button):
            bar.addWidget(w)

        self.filters = FilterPanel()
        user = session.user
        self.filters.set_duplicates_available(
            can_dismiss_duplicate(str(user.role), user.store_id, user.store_id)
        )
        self.filters.sig_filters_changed.connect(self._requery)
        self.filters.sig_filters_changed.connect(self._forget_saved_name)
        #: the selection the named saved filter put on the panel (None while applying)
        self._saved_shown: dict | None = None
        self.filter_button.toggled.connect(self.filters.setVisible)

        self.model = CustomerTableModel(session, build_query(mine, {}), self)
        self.model.sig_count_changed.connect(self._show_count)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setAlternatingRowColors(True)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(0, Qt.SortOrder.AscendingOrder)
        self.table.verticalHeader().setDefaultSectionSize(30)
        self.table.verticalHeader().hide()
        self.table.setWordWrap(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        # The tag chips take what the other columns leave (they elide with "…"),
        # so every column fits the default window without a sideways scroll.
        header.setStretchLastSection(False)
        header.setSectionsMovable(True)
        tag_col = [k for k, _ in COLUMNS].index("tags")
        header.setSectionResizeMode(tag_col, QHeaderView.ResizeMode.Stretch)
        self.table.setItemDelegateForColumn(tag_col, TagChipDelegate(self.table))
        layout_state = options.load_layout(HEADER_LAYOUT_KEY)
        if layout_state is not None:
            header.restoreState(layout_state)
        self.table.activated.connect(self._open_index)
        self.table.doubleClicked.connect(self._open_index)

        split = QSplitter()
        split.addWidget(self.filters)
        split.addWidget(self.table)
        split.setStretchFactor(1, 1)
        split.setSizes([240, 900])
        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addWidget(split, 1)
        #: HQ: customers of every store, read from the server (its cache holds none).
        self.remote = None
        if getattr(session, "reads_customers_online", False):
            from ui.pages.contacts.remote import RemoteCustomersView

            self.remote = RemoteCustomersView(session, self)
            for w in (self.mine_button, self.store_button, self.filter_button, split):
                w.hide()
            for w in (self.count_label, self.saved_combo, self.save_button, self.new_button):
                w.hide()
            layout.addWidget(self.remote, 1)
        self.retranslate_ui()
        if layout_state is None:
            self.fit_columns(only_grow=False)
        self._reload_saved()

    def retranslate_ui(self) -> None:
        self.mine_button.setText(self.tr("我的客户"))
        self.store_button.setText(self.tr("全店客户"))
        self.filter_button.setText(self.tr("筛选"))
        self.filter_button.setToolTip(self.tr("显示/隐藏筛选 (Ctrl+F)"))
        self.filter_button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.new_button.setText(self.tr("新建客户"))
        self.new_button.setToolTip("Ctrl+N")
        self.save_button.setText(self.tr("保存筛选"))
        self.import_button.setText(self.tr("导入会员"))
        self.saved_combo.setItemText(
            0, self.tr("保存的筛选…")
        ) if self.saved_combo.count() else None
        self.filters.retranslate_ui()
        if self.remote is not None:
            self.remote.retranslate_ui()
        self._show_count(self.model.rowCount())
        self.model.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, len(COLUMNS) - 1)
        self.fit_columns()

    def open_member_import(self) -> None:
        """The 导入会员 dialog; after an import the list shows what sync brings."""
        from ui.pages.contacts.member_import_dialog import MemberImportDialog

        dialog = MemberImportDialog(self.session, self)
        dialog.setModal(True)
        dialog.show()
        self.member_import_dialog = dialog

    def fit_columns(self, only_grow: bool = True) -> None:
        """Widen each column to its title and typical content (never narrows a column).

        Run at start and after a language change, so a longer English title is
        not cut off; a width the person chose by dragging is kept when larger.
        """
        text = self.table.fontMetrics()
        head = self.table.horizontalHeader().fontMetrics()
        samples = {
            "name": ["陈丽洁（陈小姐-熟客）"],
            "phone": ["13800000000", "138****0000"],
            "level": [level_label(code) for code in LEVELS],
            "stage": [stage_label(code) for code in STAGES],
            "last_purchase_at": ["2026-12-31"],
            "owner": ["欧阳晓明"],
        }
        header = self.table.horizontalHeader()
        for col, (key, _sort) in enumerate(COLUMNS):
            if key not in samples:
                continue  # the tags column stretches
            title = str(self.model.headerData(col, Qt.Orientation.Horizontal) or "")
            wanted = max(
                head.horizontalAdvance(title) + HEADER_EXTRA_PX,
                *(text.horizontalAdvance(s) + CELL_EXTRA_PX for s in samples[key]),
            )
            if header.sectionSize(col) < wanted or not only_grow:
                header.resizeSection(col, wanted)

    # ------------------------------------------------------------------ data

    def load(self) -> None:
        """First fill: tag groups and staff for the filters, then the rows."""
        session = self.session
        if self.remote is not None:  # HQ: the server's customers, nothing local to fill
            self.remote.load()
            return
        run_in_background(
            lambda: (session.tags.groups(), session.users.store_staff()),
            self._filters_loaded,
            lambda exc: log.warning("读取筛选项失败: %s", exc),
        )
        self.model.reload()

    def _filters_loaded(self, result: tuple) -> None:
        groups, staff = result
        self.filters.set_tag_groups(groups)
        self.filters.set_staff(staff)

    def on_entities_changed(self, entities: set[str]) -> None:
        if self.remote is not None:
            return  # HQ's list is the server's, asked for when typed
        # the list shows no order fields; a threshold change moves stages
        if entities & {"customer", "customer_tag", "user", "chain_setting"}:
            self.model.refresh_rows()
        if entities & {"tag_group", "tag", "user"}:
            self.load()

    def current_query(self):
        q = self.model.query
        return build_query(
            self.mine_button.isChecked(), self.filters.selection(), q.sort_key, q.sort_desc
        )

    def _requery(self) -> None:
        options.put("contacts_scope_mine", self.mine_button.isChecked())
        self.model.set_query(self.current_query())

    def _show_count(self, count: int) -> None:
        self.count_label.setText(self.tr("共 {0} 位客户").format(count))

    def _open_index(self, index: QModelIndex) -> None:
        customer_id = index.data(ID_ROLE)
        if customer_id:
            self.sig_customer_opened.emit(customer_id)

    def selected_customer_id(self) -> str | None:
        index = self.table.currentIndex()
        return index.data(ID_ROLE) if index.isValid() else None

    def toggle_filters(self) -> None:
        self.filter_button.toggle()

    # ------------------------------------------------------------------ saved filters

    def saved_filters(self) -> dict[str, dict]:
        """This account's saved filters (server + username), by name."""
        return load_saved_filters(self.session.account_key)

    def _reload_saved(self) -> None:
        saved = self.saved_filters()
        blocked = self.saved_combo.blockSignals(True)
        self.saved_combo.clear()
        self.saved_combo.addItem(self.tr("保存的筛选…"), None)
        for name in sorted(saved):
            self.saved_combo.addItem(name, name)
        self.saved_combo.blockSignals(blocked)

    def filter_name_dialog(self) -> QInputDialog:
        """Asks the saved filter's name; wide enough for a long name and its title."""
        dialog = QInputDialog(self)
        dialog.setWindowTitle(self.tr("保存筛选"))
        dialog.setLabelText(self.tr("为当前筛选起个名字："))
        dialog.setInputMode(QInputDialog.InputMode.TextInput)
        # its layout fixes the dialog's size from the children's: size the field
        edit = dialog.findChild(QLineEdit)
        metrics = edit.fontMetrics()
        edit.setMinimumWidth(
            max(
                metrics.horizontalAdvance("中" * FILTER_NAME_CHARS),
                metrics.horizontalAdvance(dialog.labelText()),
            )
            + 4 * metrics.averageCharWidth()
        )
        return dialog

    def save_current_filter(self, name: str | None = None) -> None:
        if not name:
            dialog = self.filter_name_dialog()
            ok = dialog.exec() == QInputDialog.DialogCode.Accepted
            name = dialog.textValue()
            dialog.deleteLater()
            if not ok or not name.strip():
                return
        name = name.strip()
        saved = self.saved_filters()
        saved[name] = self.filters.selection()
        store_saved_filters(self.session.account_key, saved)
        self._reload_saved()
        self.saved_combo.setCurrentIndex(self.saved_combo.findData(name))
        self._saved_shown = saved[name]

    def _apply_saved(self, index: int) -> None:
        name = self.saved_combo.itemData(index)
        if name:
            selection = self.saved_filters().get(name)
            if isinstance(selection, dict):
                self.saved_combo.setCurrentIndex(index)
                self._saved_shown = None  # applying: its own change keeps the name
                self.filters.apply(selection)
                # as the panel shows it (a tag or guide since removed drops out)
                self._saved_shown = self.filters.selection()

    def _forget_saved_name(self) -> None:
        """The box names a saved filter only while the panel still shows it (清除筛选 or
        any other change puts it back to 保存的筛选…)."""
        if self.saved_combo.currentData() is None or self._saved_shown is None:
            return
        if self.filters.selection() != self._saved_shown:
            self.saved_combo.setCurrentIndex(0)

    def save_layout(self) -> None:
        options.save_layout(HEADER_LAYOUT_KEY, self.table.horizontalHeader().saveState())
