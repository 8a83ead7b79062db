"""Entry point for ``python -m segmenter_app``."""

import sys

from segmenter_app.cli import main

sys.exit(main())
