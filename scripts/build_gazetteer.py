"""Rebuild skylog's bundled gazetteer (skylog/geo/data/gazetteer.sqlite) from open data.

A repository script, not part of the installed package: it needs a checkout and the
``build`` extra (``pip install '.[build]'``). Usage::

    python scripts/build_gazetteer.py [--out PATH] [--quiet]

The sources, their licences and how each is used are in NOTICE and
build_tools/gazetteer/sources/README.md.
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # the checkout, for build_tools

from build_tools.gazetteer.build import main  # noqa: E402

if __name__ == "__main__":
    raise SystemExit(main())
