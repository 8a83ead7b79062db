"""The desktop window (PySide6). The core (``segmenter_app.core``) never imports anything from here."""

from segmenter_app.ui import none_refcount as _none_refcount

# Before any Qt call: shiboken6 6.12 on Python 3.11 would otherwise abort after a few thousand calls.
_none_refcount.apply()
