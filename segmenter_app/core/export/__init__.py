"""Export: the segmented Excel workbook, the mailing CSV files and the pseudonymized option.

Public API: :func:`write_workbook` and :func:`write_mailing_csvs`.
"""

from __future__ import annotations

from segmenter_app.core.export.workbook import write_workbook

__all__ = ["write_mailing_csvs", "write_workbook"]


def write_mailing_csvs(analysis, folder):
    """Placeholder until mailing.py lands."""
    from segmenter_app.core.export.mailing import write_mailing_csvs as real

    return real(analysis, folder)
