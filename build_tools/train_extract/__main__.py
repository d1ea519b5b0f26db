"""``python -m build_tools.train_extract [--out PATH]``: rebuild ``skylog/extract/learned/model.json``.

Reproducible: fixed seed, deterministic solvers, weights rounded, keys sorted, so the same rules and
corpus give a byte-identical file (``tests/test_learned.py`` checks the hash). Data, by split:

- fit: the ``train`` split of ``bench/data/extract-real.jsonl`` and the shared dev sets
  (``reports-dev.jsonl``; ``mod-russia-dev.jsonl`` for relevance only: its gold has no event fields);
- decisions (relevance and type withholding, the retyper, each toll decision): switched on, and their
  thresholds chosen, out of fold by outlet over train+dev (``switch.py``: the gain must hold under outlet
  resampling);
- field confidences: weights on train+dev; regularisation and calibrator (Platt or isotonic steps,
  ``calibrate.py``) chosen, and the calibrator fitted, on out-of-fold scores by outlet over train+dev. The
  test split is never read here.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from build_tools.train_extract.fit import train


def main(argv: list[str] | None = None) -> int:
    from bench.paths import shared_dir
    from skylog.extract.learned.model import MODEL_PATH

    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--out", type=Path, default=MODEL_PATH)
    ap.add_argument("--shared", type=Path, default=shared_dir() / "bench" / "extract")
    args = ap.parse_args(argv)
    if not (args.shared / "regions.py").is_file():
        print(f"error: {args.shared} has no regions.py (the shared bench folder is needed)", file=sys.stderr)
        return 2
    model, summary = train(args.shared)
    args.out.write_text(json.dumps(model, sort_keys=True, separators=(",", ":")) + "\n", encoding="utf-8")
    print(json.dumps(summary, indent=1, sort_keys=True))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
