#!/usr/bin/env python3
"""Build the edition: ``python build.py`` turns content/ into output/ (see README)."""

import sys
from pathlib import Path

from edition.cli import main

if __name__ == "__main__":
    sys.exit(main(project=Path(__file__).resolve().parent))
