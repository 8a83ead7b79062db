"""The ``defusedxml`` check: openpyxl refuses a workbook carrying an XML bomb."""

from __future__ import annotations

from typing import Any

from segmenter_app.selftest.context import CheckFailed, Context

BOMB = (
    '<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">'
    '<!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">]><lolz>&lol2;</lolz>'
)


def check_defusedxml(ctx: Context) -> dict[str, Any]:
    """openpyxl must parse through defusedxml, so a workbook with an XML bomb is refused."""
    import defusedxml
    import openpyxl.xml
    import openpyxl.xml.functions as xml_functions

    if not openpyxl.xml.DEFUSEDXML:
        raise CheckFailed(
            "openpyxl does not use defusedxml (is defusedxml installed? is OPENPYXL_DEFUSEDXML set to False?)"
        )
    for name in ("fromstring", "iterparse"):
        module = getattr(getattr(xml_functions, name), "__module__", "")
        if not module.startswith("defusedxml"):
            raise CheckFailed(f"openpyxl's {name} comes from {module}, not defusedxml")
    try:
        xml_functions.fromstring(BOMB)
    except defusedxml.DefusedXmlException as exc:
        return {"bomb_refused_with": type(exc).__name__, "defusedxml": defusedxml.__version__}
    raise CheckFailed("openpyxl parsed an XML document with entity declarations (an XML bomb)")
