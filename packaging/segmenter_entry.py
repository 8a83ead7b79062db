"""The script PyInstaller freezes: the same entry point as the ``segmenter`` command."""

import multiprocessing
import sys

if __name__ == "__main__":
    # A frozen app that starts worker processes (joblib, multiprocessing) must let them run
    # their task instead of opening a second window.
    multiprocessing.freeze_support()
    from segmenter_app.cli import main

    sys.exit(main())
