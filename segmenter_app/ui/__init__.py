"""The desktop window (PySide6). The core (``segmenter_app.core``) never imports anything from here."""
