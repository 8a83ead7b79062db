"""Questions the Collect step asks after an import when the files cannot tell by themselves.

:class:`TwinsBanner`: rows identical to an earlier row were set aside as duplicates, but the file
has no order number and no time of purchase, so they may be separate sales of the same amount on
the same day (a coffee bought twice). The shop owner knows: the banner offers to keep them.
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QWidget

from segmenter_app.core.analysis import Analysis


def same_day_twins(analysis: Analysis) -> int:
    """Rows set aside as duplicates in files where they may be separate purchases."""
    return sum(int(item.details.get("duplicates_same_day") or 0) for item in analysis.inputs)


class TwinsBanner(QFrame):
    """Asks whether identical rows are separate purchases; ``keepAsked`` when the user says so."""

    keepAsked = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setFrameShape(QFrame.Shape.StyledPanel)
        layout = QHBoxLayout(self)
        self.question = QLabel(self)
        self.question.setWordWrap(True)
        self.keep_button = QPushButton(self.tr("&Keep as purchases"), self)
        self.keep_button.clicked.connect(self.keepAsked.emit)
        # The other answer: they are true duplicates. Without it the question stayed on screen
        # for a shop owner who knew the rows were copies.
        self.dismiss_button = QPushButton(self.tr("&They are duplicates"), self)
        self.dismiss_button.clicked.connect(self._dismiss)
        self._asked: tuple[object, ...] = ()
        self._dismissed: tuple[object, ...] | None = None
        layout.addWidget(self.question, 1)
        layout.addWidget(self.keep_button)
        layout.addWidget(self.dismiss_button)
        self.setVisible(False)

    def _dismiss(self) -> None:
        self._dismissed = self._asked
        self.setVisible(False)

    def show_for(self, analysis: Analysis, duplicates: str) -> None:
        """Show the question when the last import set such rows aside (and was not told to keep them)."""
        count = same_day_twins(analysis) if duplicates != "keep" else 0
        # Asked again only when the files (or their twins) change after "They are duplicates".
        self._asked = (count, *sorted(str(i.path) for i in analysis.inputs))
        self.setVisible(count > 0 and self._asked != self._dismissed)
        if count:
            # One row is kept as "a purchase": the button agrees with the question beside it.
            self.keep_button.setText(self.tr("&Keep as purchase(s)", "", count))
            self.dismiss_button.setText(self.tr("&They are duplicate(s)", "", count))
            self.question.setText(
                self.tr(
                    "%Ln row(s) repeat an earlier row exactly and were set aside as duplicates. The file has "
                    "no order number and no time of purchase: were they separate purchases of the same "
                    "amount on the same day?",
                    "",
                    count,
                )
            )
