"""Reading input files: format by content, text and workbook readers, values, column roles.

Importing this package activates defusedxml's protection of the standard library XML parsers
(openpyxl and our own workbook.xml parsing go through them), so an XML entity bomb is refused
rather than expanded.
"""

from __future__ import annotations

import defusedxml

defusedxml.defuse_stdlib()
