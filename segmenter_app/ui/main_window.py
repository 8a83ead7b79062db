"""The main window: the five steps in a side navigator, Back/Next, menus, status bar with progress.

A step opens in the navigator when every step before it is complete (``StepPage.is_complete``);
going back keeps every choice because the pages read and write the one shared ``Analysis``.
Export is enabled as soon as a segmentation exists. The title shows the project's name and the
unsaved-changes mark ``[*]``.

Pages for Group, Act and Measure come from their own modules; if one cannot be imported (it is
not built yet) a placeholder page says so, so the window always opens.
"""

from __future__ import annotations

import importlib
import logging
import threading
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLocale, Qt, QTimer, Signal
from PySide6.QtGui import (
    QAction,
    QActionGroup,
    QCloseEvent,
    QDragEnterEvent,
    QDropEvent,
    QIcon,
    QKeySequence,
    QUndoStack,
)
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QMenu,
    QPushButton,
    QScrollArea,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from segmenter_app.core.analysis import Analysis
from segmenter_app.resources import icon_path
from segmenter_app.ui import settings
from segmenter_app.ui.main_window_files import PROJECT_SUFFIX, ProjectFilesMixin
from segmenter_app.ui.steps.base import CHANGE_PROJECT, PlaceholderPage, StepContext, StepPage
from segmenter_app.ui.tasks import TaskProgress, TaskRunner

_LOG = logging.getLogger("segmenter_app.ui")

# (step id, module, class name, English title for the placeholder's context)
STEPS: tuple[tuple[str, str, str], ...] = (
    ("collect", "segmenter_app.ui.steps.collect", "CollectPage"),
    ("criteria", "segmenter_app.ui.steps.criteria", "CriteriaPage"),
    ("group", "segmenter_app.ui.steps.group", "GroupPage"),
    ("act", "segmenter_app.ui.steps.act", "ActPage"),
    ("measure", "segmenter_app.ui.steps.measure", "MeasurePage"),
)


def step_title(step_id: str) -> str:
    """The translated name of a step (navigator and placeholders)."""
    titles = {
        "collect": QCoreApplication.translate("MainWindow", "Collect"),
        "criteria": QCoreApplication.translate("MainWindow", "Choose criteria"),
        "group": QCoreApplication.translate("MainWindow", "Group"),
        "act": QCoreApplication.translate("MainWindow", "Act"),
        "measure": QCoreApplication.translate("MainWindow", "Measure"),
    }
    return titles[step_id]


# Core modules the first steps need. Importing them runs C extension initialisers that hold the
# GIL for 100-300 ms: done on a background thread right after the window shows, the cost is paid
# while the user looks at the window, not as a freeze in the middle of their first import.
# Clustering and the model fits are left out: only the Group step's methods need them.
WARM_UP_MODULES = (
    "segmenter_app.core.collect",
    "segmenter_app.core.customers",
    "pyarrow.csv",
    "segmenter_app.core.export.labels",
    "segmenter_app.core.segmentation.criteria",
    "segmenter_app.core.segmentation.rfm",
    "segmenter_app.core.summary",
)
_warm_up_started = False


def start_warm_up() -> None:
    """Import the first steps' core modules on a background thread (once per process)."""
    global _warm_up_started
    if _warm_up_started:
        return
    _warm_up_started = True

    def run() -> None:
        for name in WARM_UP_MODULES:
            try:
                importlib.import_module(name)
            except ImportError:  # a module of a later version: its step says so when used
                _LOG.info("warm-up: %s not available", name)

    threading.Thread(target=run, name="segmenter-warm-up", daemon=True).start()


def make_page(step_id: str, module: str, class_name: str) -> StepPage:
    """Create a step's page, or a placeholder when its module is not available (ImportError only)."""
    try:
        cls = getattr(importlib.import_module(module), class_name)
    except ImportError as exc:
        _LOG.info("step %s not available: %s", step_id, exc)
        return PlaceholderPage(step_id, step_title(step_id))
    page = cls()
    page.step_id = step_id
    return page


class MainWindow(ProjectFilesMixin, QMainWindow):
    """Segmenter's window: navigator, step pages, menus and the task progress."""

    languageChangeRequested = Signal(object)  # "en", "fr" or None (system)

    def __init__(self, analysis: Analysis | None = None, lang: str = "en") -> None:
        super().__init__()
        self.setObjectName("MainWindow")
        self.setWindowIcon(QIcon(str(icon_path())))
        self.setAcceptDrops(True)
        self.undo_stack = QUndoStack(self)
        self.tasks = TaskRunner(self, dialog_parent=self)
        analysis = analysis or Analysis(lang=lang)
        analysis.lang = lang
        self.ctx = StepContext(analysis, self.tasks, self.undo_stack, self)
        self.ctx.changed.connect(self._on_changed)
        self.ctx.exportRequested.connect(self.export)
        self.undo_stack.indexChanged.connect(lambda *_: self._update_actions())
        self.pages: list[StepPage] = []
        self._visited: set[int] = {0}  # steps shown at least once (the check mark needs a visit)
        self.confirm_discard: Callable[[], bool] = self._ask_discard  # tests replace it

        central = QWidget(self)
        outer = QHBoxLayout(central)
        self.navigator = QListWidget(central)
        self.navigator.setObjectName("navigator")
        self.navigator.setFixedWidth(210)
        # Roomier rows than a plain list: the navigator is the wizard's table of contents.
        self.navigator.setStyleSheet("QListWidget#navigator::item { padding: 6px 4px; }")
        self.navigator.currentRowChanged.connect(self._on_navigator_row)
        outer.addWidget(self.navigator)
        right = QVBoxLayout()
        self.heading = QLabel(central)
        self.heading.setObjectName("stepHeading")
        font = self.heading.font()
        font.setPointSizeF(font.pointSizeF() * 1.4)
        font.setBold(True)
        self.heading.setFont(font)
        right.addWidget(self.heading)
        self.stack = QStackedWidget(central)
        right.addWidget(self.stack, 1)
        buttons = QHBoxLayout()
        self.export_button = QPushButton(central)
        self.export_button.setObjectName("exportButton")
        self.export_button.clicked.connect(self.export)
        buttons.addWidget(self.export_button)
        self.back_button = QPushButton(central)
        self.back_button.clicked.connect(self.back)
        self.next_button = QPushButton(central)
        self.next_button.clicked.connect(self.next)
        self.next_button.setDefault(True)
        buttons.addStretch(1)
        buttons.addWidget(self.back_button)
        buttons.addWidget(self.next_button)
        right.addLayout(buttons)
        outer.addLayout(right, 1)
        self.setCentralWidget(central)

        self.progress = TaskProgress(self.tasks, self)
        self.statusBar().addPermanentWidget(self.progress)
        self.tasks.taskFinished.connect(self._on_task_finished)

        self._build_menus()
        self._build_pages()
        self.retranslate()
        self._restore_geometry()
        self.go_to(0)
        QTimer.singleShot(0, start_warm_up)

    # -- construction -----------------------------------------------------------------------
    def _build_pages(self, current: int = 0) -> None:
        while self.stack.count():
            holder = self.stack.widget(0)
            self.stack.removeWidget(holder)
            holder.deleteLater()
        self.pages = []
        self.navigator.blockSignals(True)
        self.navigator.clear()
        for step_id, module, class_name in STEPS:
            page = make_page(step_id, module, class_name)
            page.setObjectName(f"page_{step_id}")
            page.set_context(self.ctx)
            page.completeChanged.connect(self._update_navigation)
            self.pages.append(page)
            # In a scroll area, so a page wider than a small laptop screen scrolls instead of
            # forcing the window wider than the screen.
            holder = QScrollArea(self.stack)
            holder.setWidgetResizable(True)
            holder.setFrameShape(QFrame.Shape.NoFrame)
            holder.setWidget(page)
            self.stack.addWidget(holder)
            self.navigator.addItem(QListWidgetItem())
        self.navigator.blockSignals(False)
        self._current = min(current, len(self.pages) - 1)

    def page(self, step_id: str) -> StepPage:
        """The page of a step by id ("collect", "criteria", "group", "act", "measure")."""
        return next(p for p in self.pages if p.step_id == step_id)

    def _build_menus(self) -> None:
        bar = self.menuBar()
        bar.clear()
        self.file_menu = QMenu(self)
        self.open_files_action = QAction(self, triggered=self.open_data_files)
        self.open_action = QAction(self, triggered=self.open_project_dialog)
        self.open_action.setShortcut(QKeySequence.StandardKey.Open)
        self.save_action = QAction(self, triggered=self.save)
        self.save_action.setShortcut(QKeySequence.StandardKey.Save)
        self.save_as_action = QAction(self, triggered=self.save_as)
        self.save_as_action.setShortcut(QKeySequence.StandardKey.SaveAs)
        self.recent_menu = QMenu(self)
        self.export_action = QAction(self, triggered=self.export)
        self.export_action.setShortcut(QKeySequence("Ctrl+E"))
        self.quit_action = QAction(self, triggered=self.close)
        self.quit_action.setShortcut(QKeySequence.StandardKey.Quit)
        self.quit_action.setMenuRole(QAction.MenuRole.QuitRole)
        for action in (self.open_files_action, self.open_action):
            self.file_menu.addAction(action)
        self.file_menu.addMenu(self.recent_menu)
        self.file_menu.addSeparator()
        self.file_menu.addAction(self.save_action)
        self.file_menu.addAction(self.save_as_action)
        self.file_menu.addSeparator()
        self.file_menu.addAction(self.export_action)
        self.file_menu.addSeparator()
        self.file_menu.addAction(self.quit_action)
        bar.addMenu(self.file_menu)

        self.edit_menu = QMenu(self)
        self.undo_action = self.undo_stack.createUndoAction(self)
        self.undo_action.setShortcut(QKeySequence.StandardKey.Undo)
        self.redo_action = self.undo_stack.createRedoAction(self)
        self.redo_action.setShortcut(QKeySequence.StandardKey.Redo)
        self.edit_menu.addAction(self.undo_action)
        self.edit_menu.addAction(self.redo_action)
        bar.addMenu(self.edit_menu)

        self.preferences_menu = QMenu(self)
        self.language_menu = QMenu(self)
        self.language_group = QActionGroup(self)
        self.language_actions: dict[str | None, QAction] = {}
        for code in (None, "en", "fr"):
            action = QAction(self, checkable=True)
            action.setData(code or "")
            action.triggered.connect(lambda _=False, c=code: self.languageChangeRequested.emit(c))
            self.language_group.addAction(action)
            self.language_menu.addAction(action)
            self.language_actions[code] = action
        self.language_actions[settings.language()].setChecked(True)
        self.preferences_menu.addMenu(self.language_menu)
        bar.addMenu(self.preferences_menu)
        self._fill_recent_menu()

    def retranslate(self) -> None:
        """Set every text of the window in the current language (pages are rebuilt by the caller)."""
        self.file_menu.setTitle(self.tr("&File"))
        self.open_files_action.setText(self.tr("Open sales &files…"))
        self.open_action.setText(self.tr("&Open project…"))
        self.save_action.setText(self.tr("&Save project"))
        self.save_as_action.setText(self.tr("Save project &as…"))
        self.recent_menu.setTitle(self.tr("&Recent projects"))
        self.export_action.setText(self.tr("&Export…"))
        self.quit_action.setText(self.tr("&Quit"))
        self.edit_menu.setTitle(self.tr("&Edit"))
        self.undo_action.setText(self.tr("&Undo"))
        self.redo_action.setText(self.tr("&Redo"))
        self.preferences_menu.setTitle(self.tr("&Preferences"))
        self.language_menu.setTitle(self.tr("&Language"))
        self.language_actions[None].setText(self.tr("Same as the system"))
        self.language_actions["en"].setText("English")
        self.language_actions["fr"].setText("Français")
        self.export_button.setText(self.tr("Expor&t…"))
        self.export_button.setToolTip(
            self.tr("Write the segmented workbook (once the customers are grouped)")
        )
        self.back_button.setText(self.tr("< &Back"))
        self.back_button.setAccessibleName(self.tr("Previous step"))
        self.next_button.setText(self.tr("&Next >"))
        self.next_button.setAccessibleName(self.tr("Next step"))
        self.navigator.setAccessibleName(self.tr("Steps"))
        self.progress.retranslate()
        self._fill_recent_menu()
        self._update_title()
        self._update_navigation()

    def rebuild_for_language(self, lang: str) -> None:
        """After the translators changed: rebuild the pages and menus in ``lang``, keep the analysis."""
        # The pages are about to be replaced: work they started must not report to them.
        self.tasks.cancel_all()
        self.tasks.wait_idle(2.0)
        if self.ctx.analysis.lang != lang:
            from segmenter_app.core.segmentation.names import rename_in

            rename_in(self.ctx.analysis, lang)  # the names the app gave, in the new language
        self.ctx.analysis.lang = lang
        if self.ctx.analysis.plans and self.ctx.analysis.segmentation is not None:
            from segmenter_app.core import actions

            # The suggested plans were written in the old language (objective, message, persona):
            # suggest them again in the new one; the fields the user edited are kept.
            actions.suggest_plans(self.ctx.analysis)
        # Widgets take their parent's locale: the window kept the one it was created in, and the
        # rebuilt pages' number boxes read "€0,05" in English. Follow the new default.
        self.setLocale(QLocale())
        current = self._current
        self._build_menus()
        self._build_pages(current)
        self.retranslate()
        self.go_to(current, force=True)

    # -- navigation -----------------------------------------------------------------------------
    def step_open(self, index: int) -> bool:
        """True when every step before ``index`` is complete."""
        return all(p.is_complete() for p in self.pages[:index])

    def current_index(self) -> int:
        """The index of the step shown."""
        return self._current

    def current_page(self) -> StepPage:
        """The page shown."""
        return self.pages[self._current]

    def go_to(self, index: int, force: bool = False) -> bool:
        """Show step ``index`` if it is open; return whether the step is now shown."""
        if index < 0 or index >= len(self.pages) or not (force or self.step_open(index)):
            self._select_navigator_row(self._current)
            return False
        self._current = index
        self._visited.add(index)
        self.stack.setCurrentIndex(index)
        self._select_navigator_row(index)
        page = self.pages[index]
        self.heading.setText(f"{index + 1}. {page.title()}")
        page.refresh()
        self._update_navigation()
        return True

    def back(self) -> None:
        """Go to the previous step."""
        self.go_to(self._current - 1)

    def next(self) -> None:
        """Go to the next step (when the current one is complete)."""
        self.go_to(self._current + 1)

    def _select_navigator_row(self, row: int) -> None:
        self.navigator.blockSignals(True)
        self.navigator.setCurrentRow(row)
        self.navigator.blockSignals(False)

    def _on_navigator_row(self, row: int) -> None:
        if row != self._current:
            self.go_to(row)

    def _update_navigation(self) -> None:
        if not self.pages:
            return
        for index, page in enumerate(self.pages):
            item = self.navigator.item(index)
            if item is None:
                continue
            opened = self.step_open(index)
            done = page.is_complete()
            mark = " ✓" if done and opened and index in self._visited and index < len(self.pages) - 1 else ""
            item.setText(f"{index + 1}. {page.title()}{mark}")
            flags = (
                Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemIsEnabled
                if opened
                else Qt.ItemFlag.NoItemFlags
            )
            item.setFlags(flags)
            item.setToolTip("" if opened else self.tr("Finish the steps before this one first."))
        self.back_button.setEnabled(self._current > 0)
        self.next_button.setEnabled(
            self._current < len(self.pages) - 1 and self.pages[self._current].is_complete()
        )
        self._update_actions()

    def _update_actions(self) -> None:
        has_segments = self.ctx.analysis.segmentation is not None
        self.export_action.setEnabled(has_segments)
        self.export_button.setEnabled(has_segments)

    # -- analysis changes ---------------------------------------------------------------------
    def _on_changed(self, what: str) -> None:
        if what == CHANGE_PROJECT:
            self._visited = {0}
            self.setWindowModified(False)
            self.go_to(0, force=True)
        else:
            self.setWindowModified(True)
        self._update_title()
        self._update_navigation()

    def _on_task_finished(self, task: object) -> None:
        outcome = getattr(task, "outcome", "")
        if outcome == "cancelled" and not getattr(task, "superseded", False):
            self.statusBar().showMessage(self.tr("Cancelled."), 5000)

    def _update_title(self) -> None:
        path = self.ctx.analysis.project_path
        name = Path(path).stem if path else self.tr("Untitled project")
        self.setWindowTitle(f"{name}[*] – Segmenter")

    # -- files and projects ----------------------------------------------------------------------
    def open_data_files(self) -> None:
        """Ask for sales/customer files and import them in the Collect step."""
        self.go_to(0, force=True)
        collect = self.page("collect")
        if hasattr(collect, "open_files_dialog"):
            collect.open_files_dialog()

    def import_files(self, paths: list[str]) -> None:
        """Import data files (or open a project file) given on the command line or dropped."""
        projects = [p for p in paths if str(p).lower().endswith(PROJECT_SUFFIX)]
        data = [str(p) for p in paths if not str(p).lower().endswith(PROJECT_SUFFIX)]
        if projects:
            self.open_project(projects[0])
            return
        if data:
            self.go_to(0, force=True)
            collect = self.page("collect")
            if hasattr(collect, "add_files"):
                collect.add_files(data)

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        """Accept dropped files."""
        if event.mimeData().hasUrls():
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:
        """Import dropped files (or open a dropped project)."""
        paths = [u.toLocalFile() for u in event.mimeData().urls() if u.isLocalFile()]
        if paths:
            event.acceptProposedAction()
            self.import_files(paths)

    def export(self) -> None:
        """Open the Export dialog (once segments exist)."""
        if self.ctx.analysis.segmentation is None:
            return
        from segmenter_app.ui.export_dialog import ExportDialog

        dialog = ExportDialog(self.ctx, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.export_dialog = dialog
        dialog.open()

    # -- window life ---------------------------------------------------------------------------
    def _restore_geometry(self) -> None:
        blob = settings.geometry("main_window/geometry")
        if blob is None or not self.restoreGeometry(blob):
            self.resize(1200, 800)

    def closeEvent(self, event: QCloseEvent) -> None:
        """Ask about unsaved changes, stop running work, remember the geometry."""
        if not self.confirm_discard():
            event.ignore()
            return
        self.tasks.cancel_all()
        self.tasks.wait_idle(2.0)
        settings.set_geometry("main_window/geometry", self.saveGeometry())
        event.accept()
