"""The Export dialog: what to write (workbook, mailing CSV files, pseudonymized), where, progress,
and "Open folder" at the end. The writing runs on the task runner, off the GUI thread."""

from __future__ import annotations

import os
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from PySide6.QtCore import QStandardPaths, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from segmenter_app.core.analysis import Analysis
from segmenter_app.core.progress import CancelToken, ProgressFn, StageProgress, no_progress
from segmenter_app.ui.steps.base import StepContext
from segmenter_app.ui.tasks import Task


@dataclass
class ExportChoices:
    """What the user asked to export."""

    workbook: str | None = None  # path of the .xlsx, None = no workbook
    mailing_folder: str | None = None  # folder for the mailing CSV files, None = none
    pseudonymize: bool = False
    key_file: str | None = None  # where the pseudonymization key is read from or created


def export_all(
    analysis: Analysis,
    choices: ExportChoices,
    *,
    progress: ProgressFn = no_progress,
    cancel: CancelToken | None = None,
) -> dict[str, Any]:
    """Write what ``choices`` asks for (worker thread); return the paths and the workbook's stats."""
    from segmenter_app.core import export

    cancel = cancel or CancelToken()
    outputs: dict[str, Any] = {}
    if choices.workbook:
        kwargs: dict[str, Any] = {}
        if choices.pseudonymize:
            kwargs["pseudonymize_key_path"] = choices.key_file
            outputs["key_file"] = choices.key_file
        end = 0.9 if choices.mailing_folder else 1.0
        outputs["export"] = export.write_workbook(
            analysis,
            choices.workbook,
            progress=StageProgress(progress, 0.0, end, cancel),
            cancel=cancel,
            **kwargs,
        )
        outputs["workbook"] = outputs["export"]["path"]
    if choices.mailing_folder:
        cancel.check()
        progress(0.9, "")
        Path(choices.mailing_folder).mkdir(parents=True, exist_ok=True)
        outputs["csv_files"] = [str(p) for p in export.write_mailing_csvs(analysis, choices.mailing_folder)]
    progress(1.0, "")
    return outputs


def default_workbook_path(analysis: Analysis, lang: str) -> str:
    """Beside the project, else in Documents: ``<project or segments>-<date>.xlsx``."""
    if analysis.project_path:
        folder, stem = Path(analysis.project_path).parent, Path(analysis.project_path).stem
    else:
        docs = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
        folder = Path(docs or Path.home())
        stem = "segments-clients" if lang == "fr" else "customer-segments"
    return str(folder / f"{stem}-{date.today().isoformat()}.xlsx")


class ExportDialog(QDialog):
    """Choose what to export and where; watch the progress; open the folder at the end."""

    def __init__(self, ctx: StepContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("ExportDialog")
        self.ctx = ctx
        self.task: Task | None = None
        self.outputs: dict[str, Any] | None = None
        self.setWindowTitle(self.tr("Export"))
        self.setMinimumWidth(560)
        layout = QVBoxLayout(self)
        intro = QLabel(self.tr("Choose what to write. Your input files are never changed."), self)
        intro.setWordWrap(True)
        layout.addWidget(intro)

        form = QFormLayout()
        self.workbook_check = QCheckBox(
            self.tr("Excel &workbook (summary, action plan, one sheet per segment)"), self
        )
        self.workbook_check.setChecked(True)
        form.addRow(self.workbook_check)
        self.workbook_path = QLineEdit(default_workbook_path(ctx.analysis, ctx.lang), self)
        self.workbook_path.setAccessibleName(self.tr("Workbook file"))
        self.workbook_path.setCursorPosition(0)  # the file name matters more than the folder
        form.addRow(
            self.tr("File:"),
            self._with_browse(self.workbook_path, self._browse_workbook, self.tr("Choose the workbook file")),
        )

        self.mailing_check = QCheckBox(
            self.tr("&Mailing files (one CSV per segment, for your e-mail tool)"), self
        )
        form.addRow(self.mailing_check)
        self.mailing_folder = QLineEdit(self)
        self.mailing_folder.setAccessibleName(self.tr("Folder for the mailing files"))
        form.addRow(
            self.tr("Folder:"),
            self._with_browse(self.mailing_folder, self._browse_folder, self.tr("Choose the folder")),
        )

        self.pseudo_check = QCheckBox(
            self.tr("&Pseudonymize the workbook (for sharing it outside the shop)"), self
        )
        self.pseudo_check.setToolTip(
            self.tr(
                "Customer ids are replaced by codes, and names, e-mails and phones are left out. Keep the key file to find who is who."
            )
        )
        form.addRow(self.pseudo_check)
        self.key_path = QLineEdit(self)
        self.key_path.setAccessibleName(self.tr("Key file"))
        form.addRow(
            self.tr("Key file:"),
            self._with_browse(self.key_path, self._browse_key, self.tr("Choose the key file")),
        )
        layout.addLayout(form)

        self.progress = QProgressBar(self)
        self.progress.setRange(0, 1000)
        self.progress.setAccessibleName(self.tr("Export progress"))
        self.progress.setVisible(False)
        layout.addWidget(self.progress)
        self.result_label = QLabel(self)
        self.result_label.setWordWrap(True)
        layout.addWidget(self.result_label)

        self.buttons = QDialogButtonBox(self)
        self.export_button = self.buttons.addButton(
            self.tr("&Export"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.open_folder_button = self.buttons.addButton(
            self.tr("&Open folder"), QDialogButtonBox.ButtonRole.ActionRole
        )
        self.open_folder_button.setVisible(False)
        self.close_button = self.buttons.addButton(QDialogButtonBox.StandardButton.Close)
        self.cancel_button = self.buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        self.cancel_button.setVisible(False)
        self.export_button.clicked.connect(self.start)
        self.open_folder_button.clicked.connect(self.open_folder)
        self.close_button.clicked.connect(self.reject)
        self.cancel_button.clicked.connect(self.cancel)
        layout.addWidget(self.buttons)

        for box in (self.workbook_check, self.mailing_check, self.pseudo_check):
            box.toggled.connect(self._update)
        self.workbook_path.textChanged.connect(self._update)
        self._update()

    def _with_browse(self, edit: QLineEdit, slot: Any, accessible: str) -> QWidget:
        row = QWidget(self)
        layout = QHBoxLayout(row)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(edit, 1)
        button = QPushButton(self.tr("Browse…"), row)
        button.setAccessibleName(accessible)
        button.clicked.connect(slot)
        layout.addWidget(button)
        return row

    def _update(self) -> None:
        wb = self.workbook_check.isChecked()
        self.workbook_path.setEnabled(wb)
        self.pseudo_check.setEnabled(wb)
        stem = Path(self.workbook_path.text() or "export.xlsx")
        if self.mailing_check.isChecked() and not self.mailing_folder.text():
            self.mailing_folder.setText(
                str(stem.with_name(stem.stem + ("-envois" if self.ctx.lang == "fr" else "-mailing")))
            )
        if self.pseudo_check.isChecked() and not self.key_path.text():
            from segmenter_app.core.pipeline import default_key_path

            self.key_path.setText(default_key_path(str(stem)))
        self.mailing_folder.setEnabled(self.mailing_check.isChecked())
        self.key_path.setEnabled(wb and self.pseudo_check.isChecked())
        ready = (wb and bool(self.workbook_path.text().strip())) or (
            self.mailing_check.isChecked() and bool(self.mailing_folder.text().strip())
        )
        self.export_button.setEnabled(ready and self.task is None)

    def _browse_workbook(self) -> None:
        path, _ = QFileDialog.getSaveFileName(
            self, self.tr("Export workbook"), self.workbook_path.text(), self.tr("Excel workbook (*.xlsx)")
        )
        if path:
            self.workbook_path.setText(path if path.lower().endswith(".xlsx") else path + ".xlsx")

    def _browse_folder(self) -> None:
        path = QFileDialog.getExistingDirectory(
            self, self.tr("Folder for the mailing files"), self.mailing_folder.text()
        )
        if path:
            self.mailing_folder.setText(path)

    def _browse_key(self) -> None:
        path, _ = QFileDialog.getSaveFileName(
            self,
            self.tr("Key file"),
            self.key_path.text(),
            self.tr("Key file (*.txt)"),
            options=QFileDialog.Option.DontConfirmOverwrite,
        )
        if path:
            self.key_path.setText(path)

    def choices(self) -> ExportChoices:
        """The user's choices as they stand."""
        wb = self.workbook_check.isChecked()
        return ExportChoices(
            workbook=self.workbook_path.text().strip() if wb else None,
            mailing_folder=self.mailing_folder.text().strip() if self.mailing_check.isChecked() else None,
            pseudonymize=wb and self.pseudo_check.isChecked(),
            key_file=self.key_path.text().strip() or None,
        )

    def start(self) -> Task:
        """Start writing in the background."""
        self.outputs = None
        self.result_label.setText("")
        self.progress.setValue(0)
        self.progress.setVisible(True)
        self.open_folder_button.setVisible(False)
        self.cancel_button.setVisible(True)
        self.close_button.setEnabled(False)
        self.task = self.ctx.tasks.run(
            export_all,
            self.ctx.analysis,
            self.choices(),
            title=self.tr("Exporting"),
            key="export",
            on_done=self._done,
        )
        self.task.progressed.connect(lambda f, _m: self.progress.setValue(int(f * 1000)))
        self.task.finished.connect(self._finished)
        self._update()
        return self.task

    def cancel(self) -> None:
        """Stop the export (nothing half-written is left: the core writes atomically)."""
        if self.task is not None:
            self.task.cancel()

    def _finished(self) -> None:
        outcome = self.task.outcome if self.task else ""
        self.task = None
        self.cancel_button.setVisible(False)
        self.close_button.setEnabled(True)
        if outcome == "cancelled":
            self.progress.setVisible(False)
            self.result_label.setText(self.tr("Export cancelled; nothing was written."))
        elif outcome == "failed":
            self.progress.setVisible(False)
            self.result_label.setText(self.tr("The export failed; see the message."))
        self._update()

    def _done(self, outputs: dict[str, Any]) -> None:
        self.outputs = outputs
        self.progress.setValue(1000)
        lines = []
        if "workbook" in outputs:
            stats = outputs.get("export", {})
            lines.append(
                self.tr("Workbook written: %1 (%2 sheets).")
                .replace("%1", Path(outputs["workbook"]).name)
                .replace("%2", self.locale().toString(len(stats.get("sheets", []))))
            )
            if stats.get("cut_cells"):
                lines.append(
                    self.tr("%1 cells were too long for Excel and were cut.").replace(
                        "%1", self.locale().toString(len(stats["cut_cells"]))
                    )
                )
        if "csv_files" in outputs:
            lines.append(
                self.tr("%1 mailing files written.").replace(
                    "%1", self.locale().toString(len(outputs["csv_files"]))
                )
            )
        if "key_file" in outputs:
            lines.append(self.tr("Keep the key file private: %1").replace("%1", str(outputs["key_file"])))
        self.result_label.setText("\n".join(lines))
        self.open_folder_button.setVisible(True)
        self.open_folder_button.setFocus()

    def output_folder(self) -> str | None:
        """The folder holding what was written."""
        if not self.outputs:
            return None
        if "workbook" in self.outputs:
            return str(Path(self.outputs["workbook"]).parent)
        if self.outputs.get("csv_files"):
            return str(Path(self.outputs["csv_files"][0]).parent)
        return None

    def open_folder(self) -> None:
        """Show the folder in the file manager."""
        folder = self.output_folder()
        if folder and os.path.isdir(folder):
            QDesktopServices.openUrl(QUrl.fromLocalFile(folder))
