"""Project files for the main window: Open, Save, Save As, recent files, unsaved changes.

A mixin of :class:`~segmenter_app.ui.main_window.MainWindow` (it uses the window's ``ctx``,
``tasks``, ``undo_stack`` and ``recent_menu``). Reading and writing are the core's
(``segmenter_app.core.project``) and run on the task runner.
"""

from __future__ import annotations

from pathlib import Path
from types import ModuleType

from PySide6.QtWidgets import QFileDialog, QMessageBox

from segmenter_app.core.analysis import Analysis
from segmenter_app.ui import errors, settings

PROJECT_SUFFIX = ".segmenter"


class ProjectFilesMixin:
    """Open/Save/Save As/recent files for the main window (a QMainWindow subclass)."""

    def _project_module(self) -> ModuleType | None:
        try:
            from segmenter_app.core import project
        except ImportError:
            errors.show_message(
                self,
                self.tr("Projects"),
                self.tr("Project files are coming in a later version of Segmenter."),
            )
            return None
        return project

    def open_project_dialog(self) -> None:
        """Ask for a project file and open it."""
        if not self.confirm_discard():
            return
        path, _ = QFileDialog.getOpenFileName(
            self,
            self.tr("Open project"),
            "",
            self.tr("Segmenter projects (*%1)").replace("%1", PROJECT_SUFFIX),
        )
        if path:
            self.open_project(path, confirmed=True)

    def open_project(self, path: str, confirmed: bool = False) -> None:
        """Load a project file in the background and show it."""
        if not confirmed and not self.confirm_discard():
            return
        project = self._project_module()
        if project is None:
            return

        def load(p: str, progress: object = None, cancel: object = None) -> Analysis:
            return project.load_project(p)

        def done(analysis: Analysis) -> None:
            # Work started on the previous analysis must not land in the opened one.
            self.tasks.cancel_all()
            analysis.project_path = str(Path(path).resolve())
            if analysis.lang != self.ctx.lang:
                from segmenter_app.core.segmentation.names import rename_in

                rename_in(analysis, self.ctx.lang)  # a project made in the other language
            analysis.lang = self.ctx.lang
            self.ctx.replace_analysis(analysis)
            self._remember(path)

        self.tasks.run(load, path, title=self.tr("Opening the project"), key="project", on_done=done)

    def save(self) -> bool:
        """Save to the project's file, or ask where the first time. Returns False if not started."""
        if not self.ctx.analysis.project_path:
            return self.save_as()
        self.save_to(self.ctx.analysis.project_path)
        return True

    def save_as(self) -> bool:
        """Ask for a file name and save the project there."""
        path, _ = QFileDialog.getSaveFileName(
            self,
            self.tr("Save project"),
            "",
            self.tr("Segmenter projects (*%1)").replace("%1", PROJECT_SUFFIX),
        )
        if not path:
            return False
        if not path.lower().endswith(PROJECT_SUFFIX):
            path += PROJECT_SUFFIX
        self.save_to(path)
        return True

    def save_to(self, path: str) -> None:
        """Save the project to ``path`` in the background."""
        project = self._project_module()
        if project is None:
            return
        scratch = self.ctx.snapshot()
        scratch.project_path = str(Path(path).resolve())

        def write(analysis: Analysis, target: str, progress: object = None, cancel: object = None) -> None:
            project.save_project(analysis, target)

        def done(_: object) -> None:
            self.ctx.analysis.project_path = scratch.project_path
            self.undo_stack.setClean()
            self.setWindowModified(False)
            self._update_title()
            self._remember(path)
            self.statusBar().showMessage(self.tr("Project saved."), 5000)

        self.tasks.run(write, scratch, path, title=self.tr("Saving the project"), key="project", on_done=done)

    def _remember(self, path: str) -> None:
        settings.add_recent_file(path)
        self._fill_recent_menu()

    def _fill_recent_menu(self) -> None:
        self.recent_menu.clear()
        files = settings.recent_files()
        for number, path in enumerate(files, start=1):
            action = self.recent_menu.addAction(f"&{number} {Path(path).name}")
            action.setToolTip(path)
            action.triggered.connect(lambda _=False, p=path: self.open_project(p))
        if files:
            self.recent_menu.addSeparator()
            clear = self.recent_menu.addAction(self.tr("Clear the list"))
            clear.triggered.connect(lambda: (settings.clear_recent_files(), self._fill_recent_menu()))
        self.recent_menu.setEnabled(bool(files))

    def _ask_discard(self) -> bool:
        if not self.isWindowModified():
            return True
        answer = QMessageBox.question(
            self,
            self.tr("Unsaved changes"),
            self.tr("This project has changes that are not saved. Save them first?"),
            QMessageBox.StandardButton.Save
            | QMessageBox.StandardButton.Discard
            | QMessageBox.StandardButton.Cancel,
        )
        if answer == QMessageBox.StandardButton.Save:
            if not self.save():
                return False
            self.tasks.wait_idle(60)
            return not self.isWindowModified()
        return answer == QMessageBox.StandardButton.Discard
