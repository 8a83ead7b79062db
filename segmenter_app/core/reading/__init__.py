"""Reading input files: format by content, text and workbook readers, values, column roles.

Importing this package activates defusedxml's protection of the standard library XML parsers
(openpyxl and our own workbook.xml parsing go through them), so an XML entity bomb is refused
rather than expanded.
"""

from __future__ import annotations

import warnings

import defusedxml

with warnings.catch_warnings():
    # defuse_stdlib touches defusedxml's deprecated cElementTree alias; nothing to act on.
    warnings.simplefilter("ignore", DeprecationWarning)
    defusedxml.defuse_stdlib()
