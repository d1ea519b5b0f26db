"""``python -m build_tools.gazetteer [--out PATH]`` from the repository root."""

from build_tools.gazetteer.build import main

raise SystemExit(main())
