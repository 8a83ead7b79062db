"""All of Segmenter's logic: import, cleaning, segmentation, actions, measure, export, project file.

Nothing in this package imports Qt (an import-linter contract in the test suite enforces it),
so every capability is usable from the command line, from tests and from the GUI alike.
"""

from segmenter_app.core.memory import prefer_small_pages

prefer_small_pages()
