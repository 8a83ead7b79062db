"""Export: the segmented Excel workbook, the mailing CSV files and the pseudonymized option.

Public API: :func:`write_workbook` (``pseudonymize_key_path=`` for the pseudonymized option) and
:func:`write_mailing_csvs`.
"""

from __future__ import annotations

from segmenter_app.core.export.mailing import write_mailing_csvs
from segmenter_app.core.export.workbook import write_workbook

__all__ = ["write_mailing_csvs", "write_workbook"]
