"""A measurement as a pseudonymized export shows it: the customers it lists under their pseudonyms.

A measurement names customers only in its migration (the customers who left the best segments,
``{"customer_id", "from", "to"}``); every other figure is per segment. The workbook's Results
sheet and the ``measure`` report of a pseudonymized export use the same keyed hash as the
customer sheets, so a customer who left the Champions can still be found on All customers.
"""

from __future__ import annotations

from typing import Any, Protocol

# Keys whose text value is one customer's id.
CUSTOMER_KEYS = frozenset({"customer_id"})


class Hasher(Protocol):
    """What :class:`segmenter_app.core.export.pseudonymize.Pseudonymizer` offers here."""

    def hash_value(self, text: str) -> str: ...

    def hide_listed_ids(self, value: Any, ids: set[str]) -> Any: ...


def pseudonymize_measurement(measurement: dict[str, Any], pseudonym: Hasher, ids: set[str]) -> dict[str, Any]:
    """A copy of ``measurement`` with each customer id replaced by its pseudonym: the values of
    ``customer_id`` keys, and the texts of lists that are customer ids (``ids``)."""
    return _hide(measurement, pseudonym, ids)


def _hide(value: Any, pseudonym: Hasher, ids: set[str]) -> Any:
    if isinstance(value, dict):
        return {
            key: (
                pseudonym.hash_value(item)
                if key in CUSTOMER_KEYS and isinstance(item, str)
                else _hide(item, pseudonym, ids)
            )
            for key, item in value.items()
        }
    if isinstance(value, (list, tuple)):
        listed = pseudonym.hide_listed_ids([v for v in value if isinstance(v, str)], ids)
        texts = iter(listed)
        return [next(texts) if isinstance(v, str) else _hide(v, pseudonym, ids) for v in value]
    return value
