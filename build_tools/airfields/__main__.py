"""``python -m build_tools.airfields [--csv PATH] [--out PATH]`` from the repository root."""

from build_tools.airfields.build import main

raise SystemExit(main())
