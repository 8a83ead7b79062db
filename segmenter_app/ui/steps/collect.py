"""Step 1, Collect: open or drop files, check how they were read, the column roles and the row account.

The page shows what the core's import did (``core.collect.import_files``) and lets the user
correct it: reading settings per file (encoding, delimiter, sheet, header row), the role of every
column (low-confidence guesses highlighted), the order of ambiguous dates. Each correction is
undoable and re-runs the import in the background. Every row read is accounted for: kept, or
excluded with a reason, and the excluded rows can be inspected.
"""

from __future__ import annotations

import copy
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QFileDialog,
    QFrame,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSplitter,
    QStackedWidget,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from segmenter_app.core.analysis import Analysis
from segmenter_app.core.i18n import UserError
from segmenter_app.ui import errors
from segmenter_app.ui.steps.base import CHANGE_INPUTS, CHANGE_PROJECT, CallbackCommand, StepPage
from segmenter_app.ui.steps.collect_account import AccountPanel, MatchesPanel
from segmenter_app.ui.steps.collect_preview import (
    Preview,
    PreviewGrid,
    RoleTable,
    column_title,
    load_preview,
    missing_columns_text,
)
from segmenter_app.ui.steps.collect_questions import TwinsBanner
from segmenter_app.ui.steps.collect_task import ambiguous_date_columns, import_and_build


class CollectPage(StepPage):
    """Open the shop's files and check how they were read."""

    step_id = "collect"

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.paths: list[str] = []
        self.file_settings: dict[str, dict[str, Any]] = {}  # path -> reading settings + "columns"
        self.date_order = "auto"
        self.duplicates = "exclude"  # or "keep": identical rows kept as purchases (TwinsBanner)
        self.previews: dict[str, Preview] = {}
        self.setAcceptDrops(True)

        layout = QVBoxLayout(self)
        top = QHBoxLayout()
        self.open_button = QPushButton(self.tr("&Open files…"), self)
        self.open_button.clicked.connect(self.open_files_dialog)
        self.hint = QLabel(
            self.tr(
                "Open your sales or customer files (CSV, Excel, OpenDocument), or drop them on this window."
            ),
            self,
        )
        self.hint.setWordWrap(True)
        top.addWidget(self.open_button)
        top.addWidget(self.hint, 1)
        layout.addLayout(top)

        self.date_banner = QFrame(self)
        self.date_banner.setFrameShape(QFrame.Shape.StyledPanel)
        banner = QHBoxLayout(self.date_banner)
        self.date_question = QLabel(self.date_banner)
        self.date_question.setWordWrap(True)
        self.day_first = QPushButton(self.tr("&Day first (31/01/2026)"), self.date_banner)
        self.month_first = QPushButton(self.tr("&Month first (01/31/2026)"), self.date_banner)
        self.day_first.clicked.connect(lambda: self.set_date_order("dmy"))
        self.month_first.clicked.connect(lambda: self.set_date_order("mdy"))
        banner.addWidget(self.date_question, 1)
        banner.addWidget(self.day_first)
        banner.addWidget(self.month_first)
        self.date_banner.setVisible(False)
        layout.addWidget(self.date_banner)
        self.twins_banner = TwinsBanner(self)
        self.twins_banner.keepAsked.connect(lambda: self.set_duplicates("keep"))
        layout.addWidget(self.twins_banner)

        splitter = QSplitter(Qt.Orientation.Horizontal, self)
        left = QWidget(splitter)
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addWidget(QLabel(self.tr("Files:"), left))
        self.files = QListWidget(left)
        self.files.setAccessibleName(self.tr("Imported files"))
        self.files.currentRowChanged.connect(self._on_file_selected)
        left_layout.addWidget(self.files, 1)
        self.remove_button = QPushButton(self.tr("&Remove file"), left)
        self.remove_button.clicked.connect(self.remove_selected)
        left_layout.addWidget(self.remove_button)
        splitter.addWidget(left)

        self.tabs = QTabWidget(splitter)
        self.preview = PreviewGrid(self.tabs)
        self.preview.controls.applied.connect(self._on_settings_applied)
        self.tabs.addTab(self.preview, self.tr("Preview"))

        roles_tab = QWidget(self.tabs)
        roles_layout = QVBoxLayout(roles_tab)
        self.roles_note = QLabel(roles_tab)
        self.roles_note.setWordWrap(True)
        roles_layout.addWidget(self.roles_note)
        self.roles = RoleTable(roles_tab)
        self.roles.roleChanged.connect(self._on_role_changed)
        roles_layout.addWidget(self.roles, 1)
        self.tabs.addTab(roles_tab, self.tr("Columns"))

        self.account_panel = AccountPanel(self.tabs)
        self.tabs.addTab(self.account_panel, self.tr("Row account"))
        self.matches_panel = MatchesPanel(self.tabs)
        self.tabs.addTab(self.matches_panel, self.tr("Matches across files"))

        splitter.addWidget(self.tabs)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([220, 800])
        # Before any file: one large invitation instead of empty tables.
        self.body = QStackedWidget(self)
        self.welcome = QLabel(self.body)
        self.welcome.setObjectName("collectWelcome")
        self.welcome.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.welcome.setWordWrap(True)
        self.welcome.setFrameShape(QFrame.Shape.StyledPanel)
        font = self.welcome.font()
        font.setPointSizeF(font.pointSizeF() * 1.3)
        self.welcome.setFont(font)
        self.welcome.setText(
            self.tr(
                "Drop your sales export here (CSV, Excel or OpenDocument), or click “Open files…”.\n\n"
                "Several files can be combined: orders from the till and the web shop, a customer list. "
                "Your files are only read, never changed, and stay on this computer."
            )
        )
        self.body.addWidget(self.welcome)
        self.body.addWidget(splitter)
        layout.addWidget(self.body, 1)

    # -- StepPage -------------------------------------------------------------------------------
    def title(self) -> str:
        """Step name."""
        return self.tr("Collect")

    def is_complete(self) -> bool:
        """Done when a customer table with at least one customer exists."""
        customers = self.ctx.analysis.customers if self.ctx else None
        return customers is not None and len(customers) > 0

    def on_context_changed(self, what: str) -> None:
        """A project opened: forget the files of the page; otherwise refresh when visible."""
        if what == CHANGE_PROJECT:
            self.paths, self.file_settings, self.previews = [], {}, {}
            self.date_order = "auto"
            self.duplicates = "exclude"
        super().on_context_changed(what)

    def refresh(self) -> None:
        """Show the files, how they were read, the roles and the account of the analysis."""
        analysis = self.ctx.analysis
        if analysis.inputs and not self.paths:
            # Rebuilt page (language switch, opened project): take the files and settings back
            # from what the import recorded.
            self.paths = [i.path for i in analysis.inputs]
            if any(i.details.get("duplicates") == "keep" for i in analysis.inputs):
                self.duplicates = "keep"
            for item in analysis.inputs:
                self.file_settings[item.path] = {
                    "encoding": item.encoding,
                    "delimiter": item.delimiter,
                    "sheet": item.sheet,
                    "header_row": item.header_row,
                    "columns": dict(item.mapping),
                }
        self._show_files()
        self._show_account()
        self._show_dates_question()
        self.twins_banner.show_for(self.ctx.analysis, self.duplicates)
        self._show_matches()

    # -- files ------------------------------------------------------------------------------------
    def _show_files(self) -> None:
        """List the files; selecting one shows its preview (read in the background)."""
        row = max(0, self.files.currentRow())
        self.files.blockSignals(True)
        self.files.clear()
        imported = {i.path: i for i in self.ctx.analysis.inputs} if self.ctx else {}
        for path in self.paths:
            item = QListWidgetItem(Path(path).name)
            found = imported.get(path)
            if found is None and self.account_panel.failure:
                # The import is all or nothing: after a failure no file of the list was read.
                item.setText(f"{Path(path).name}\n" + self.tr("not imported"))
            elif found is not None:
                kind = self.tr("customers") if found.kind == "customers" else self.tr("orders")
                rows = self.locale().toString(found.rows_read)
                item.setText(f"{Path(path).name}\n{kind} · " + self.tr("%1 rows").replace("%1", rows))
            item.setToolTip(path)
            self.files.addItem(item)
        self.files.blockSignals(False)
        self.remove_button.setEnabled(bool(self.paths))
        self.body.setCurrentIndex(1 if self.paths else 0)
        if self.paths:
            self.files.setCurrentRow(min(row, len(self.paths) - 1))

    def open_files_dialog(self) -> None:
        """Ask for files to import."""
        paths, _ = QFileDialog.getOpenFileNames(
            self,
            self.tr("Open sales or customer files"),
            "",
            self.tr("Spreadsheets (*.csv *.tsv *.txt *.gz *.xlsx *.xlsm *.xls *.ods);;All files (*)"),
        )
        if paths:
            self.add_files(paths)

    def dragEnterEvent(self, event: Any) -> None:
        """Accept dropped files."""
        if event.mimeData().hasUrls():
            event.acceptProposedAction()

    def dropEvent(self, event: Any) -> None:
        """Import dropped files."""
        paths = [u.toLocalFile() for u in event.mimeData().urls() if u.isLocalFile()]
        if paths:
            event.acceptProposedAction()
            self.add_files(paths)

    def add_files(self, paths: Sequence[str]) -> None:
        """Add files to the import and re-import everything in the background."""
        self.paths = list(dict.fromkeys([*self.paths, *(str(p) for p in paths)]))
        # Edits recorded on the previous data would replay onto different data: start afresh.
        self.ctx.undo_stack.clear()
        self.run_import()
        self._show_files()  # the files show while the import runs; their preview when it ends

    def remove_selected(self) -> None:
        """Take the selected file out of the import."""
        row = self.files.currentRow()
        if 0 <= row < len(self.paths):
            path = self.paths.pop(row)
            self.file_settings.pop(path, None)
            self.previews.pop(path, None)
            self.ctx.undo_stack.clear()
            self.run_import()
            self._show_files()

    def mapping(self) -> dict[str, Any] | None:
        """The user's corrections: ``{"columns": {column: role}, "files": {path: reading settings}}``.

        Column roles are keyed by column name, so one ``columns`` object serves every file (the
        core's mapping format); the reading settings of each file go to ``ImportOptions.overrides``.
        """
        columns: dict[str, str] = {}
        files: dict[str, dict[str, Any]] = {}
        for path in self.paths:
            chosen = self.file_settings.get(path, {})
            columns.update(chosen.get("columns", {}))
            reading = {k: v for k, v in chosen.items() if k != "columns" and v is not None}
            if reading:
                files[path] = reading
        if not columns and not files and self.date_order == "auto":
            return None
        out: dict[str, Any] = {"version": 1, "columns": columns}
        if files:
            out["files"] = files
        return out

    def run_import(self, remember: bool = False) -> None:
        """(Re-)import every file of the page in the background."""
        self.account_panel.failure = ""  # a new reading: the files are not "not imported" while read
        if not self.paths:
            self._apply(Analysis(lang=self.ctx.lang))
            return
        scratch = Analysis(
            lang=self.ctx.lang, control_share=self.ctx.analysis.control_share, seed=self.ctx.analysis.seed
        )
        self.ctx.tasks.run(
            import_and_build,
            scratch,
            list(self.paths),
            self.mapping(),
            self.date_order,
            remember,
            self.duplicates,
            title=self.tr("Reading the files"),
            key="import",
            on_done=self._apply,
            on_error=self._import_failed,
            on_cancelled=self._show_current_preview,
        )

    def _importing(self) -> bool:
        return any(t.key == "import" for t in self.ctx.tasks.running_tasks())

    def _import_failed(self, error: BaseException) -> bool:
        # The runner shows the message; the preview shows the file as read, to fix it there.
        self._show_current_preview()
        text = missing_columns_text(error.key, error.params) if isinstance(error, UserError) else None
        if isinstance(error, UserError):
            self.account_panel.show_failure(text or error.text(self.ctx.lang))
            self._show_files()
        if text is None:
            return False
        # Said in the window's terms (the sheet box, the Columns tab), not the command line's.
        self.tabs.setCurrentIndex(0 if error.key == "missing_roles_sheet" else 1)
        errors.show_user_text(self, text)
        return True

    def _show_current_preview(self) -> None:
        self._on_file_selected(self.files.currentRow())

    def _apply(self, result: Analysis) -> None:
        analysis = self.ctx.analysis
        for name in (
            "inputs",
            "transactions",
            "customer_attributes",
            "excluded",
            "account",
            "as_of",
            "rows_after_as_of",
            "customers",
        ):
            setattr(analysis, name, getattr(result, name))
        # A new import invalidates what was built on the old customer table.
        analysis.segmentation = None
        analysis.plans = {}
        analysis.edits = []
        for item in analysis.inputs:
            chosen = self.file_settings.setdefault(item.path, {})
            chosen.setdefault("columns", {})
            for column, role in item.mapping.items():
                chosen["columns"].setdefault(column, role)
        self.previews = {p: v for p, v in self.previews.items() if p in self.paths}
        self.account_panel.failure = ""
        self.ctx.notify(CHANGE_INPUTS)  # refreshes this page when it is visible

    # -- preview and roles ------------------------------------------------------------------------
    def current_path(self) -> str | None:
        """The file selected in the list."""
        row = self.files.currentRow()
        return self.paths[row] if 0 <= row < len(self.paths) else None

    def _on_file_selected(self, row: int) -> None:
        path = self.current_path()
        if path is None:
            self.preview.show_preview(None)
            return
        if self._importing():
            # While the import runs, reading a preview beside it and building it on the GUI thread
            # compete with the import for the interpreter (the window stutters, the preview takes
            # several times longer): the preview comes when the import ends.
            return
        if path in self.previews:
            self._show_preview(self.previews[path])
            return
        reading = {k: v for k, v in self.file_settings.get(path, {}).items() if k != "columns"}
        self.ctx.tasks.run(
            load_preview,
            path,
            reading,
            title=self.tr("Reading a preview"),
            key="preview",
            on_done=self._preview_loaded,
            on_error=self._preview_failed,
        )

    def _preview_failed(self, error: BaseException) -> bool:
        # The import reports the same problem in a dialog; the preview just says it in place.
        if isinstance(error, UserError):
            self.preview.show_message(error.text(self.ctx.lang))
            return True
        return False

    def _preview_loaded(self, preview: Preview) -> None:
        self.previews[preview.path] = preview
        if preview.path == self.current_path() and not self._importing():
            self._show_preview(preview)

    def _show_preview(self, preview: Preview) -> None:
        self.preview.show_preview(preview)
        roles = dict(preview.roles)
        imported = next((i for i in self.ctx.analysis.inputs if i.path == preview.path), None)
        chosen = self.file_settings.get(preview.path, {}).get("columns", {})
        for column in preview.frame.columns:
            role = chosen.get(column) or (imported.mapping.get(column) if imported else None)
            if role and role != roles.get(column, ("", 0, ""))[0]:
                roles[column] = (role, 1.0, "user")
        self.roles.show_roles(preview.frame, roles, self.locale())
        low = self.roles.low_confidence_columns()
        if low:
            self.roles_note.setText(
                self.tr(
                    "Check the highlighted columns: their role was guessed with little certainty (%1)."
                ).replace("%1", ", ".join(column_title(c) for c in low))
            )
        else:
            self.roles_note.setText(
                self.tr("Each column's role was recognised. Change one with its list if it is wrong.")
            )

    def _on_settings_applied(self, reading: dict[str, Any]) -> None:
        path = self.current_path()
        if path is None:
            return
        old = copy.deepcopy(self.file_settings.get(path, {}))
        new = {**old, **reading}
        self._push_settings(path, old, new, self.tr("Change how a file is read"))

    def _on_role_changed(self, column: str, role: str) -> None:
        path = self.current_path()
        if path is None:
            return
        old = copy.deepcopy(self.file_settings.get(path, {}))
        new = copy.deepcopy(old)
        new.setdefault("columns", {})[column] = role
        self._push_settings(path, old, new, self.tr("Change a column's role"), remember=True)

    def _push_settings(
        self, path: str, old: dict[str, Any], new: dict[str, Any], text: str, remember: bool = False
    ) -> None:
        def apply(values: dict[str, Any]) -> None:
            self.file_settings[path] = copy.deepcopy(values)
            self.previews.pop(path, None)
            self.run_import(remember=remember)

        self.ctx.undo_stack.push(CallbackCommand(text, lambda: apply(new), lambda: apply(old)))

    # -- dates, account, matches --------------------------------------------------------------------
    def set_date_order(self, order: str) -> None:
        """Answer the ambiguous-date question ("dmy" or "mdy") and re-import, undoably."""
        old = self.date_order

        def apply(value: str) -> None:
            self.date_order = value
            self.run_import()

        self.ctx.undo_stack.push(
            CallbackCommand(self.tr("Choose the date order"), lambda: apply(order), lambda: apply(old))
        )

    def set_duplicates(self, mode: str) -> None:
        """Keep ("keep") or set aside ("exclude") rows identical to an earlier row; re-import, undoably."""
        old = self.duplicates

        def apply(value: str) -> None:
            self.duplicates = value
            self.run_import()

        self.ctx.undo_stack.push(
            CallbackCommand(
                self.tr("Keep identical rows as purchases"), lambda: apply(mode), lambda: apply(old)
            )
        )

    def _show_dates_question(self) -> None:
        columns = ambiguous_date_columns(self.ctx.analysis)
        ask = bool(columns) and self.date_order == "auto"
        self.date_banner.setVisible(ask)
        if ask:
            self.date_question.setText(
                self.tr(
                    "The dates in %1 could be read day first or month first (is 03/04 the 3rd of April or the 4th of March?). Which is it?"
                ).replace("%1", ", ".join(dict.fromkeys(columns)))
            )

    def _show_account(self) -> None:
        self.account_panel.show_account(self.ctx.analysis, self.ctx.lang)

    def _show_matches(self) -> None:
        self.matches_panel.show_matches(self.ctx.analysis, len(self.paths))
