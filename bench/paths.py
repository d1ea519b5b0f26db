"""Where the bench finds the shared development corpora (``shared/``, outside the repository).

The repository's sibling ``../shared`` in a plain checkout; a worktree (``wt/NAME``) sits one
level deeper, so ``../../shared`` is tried next; ``$SKYLOG_SHARED`` overrides both.
"""

from __future__ import annotations

import os
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent


def shared_dir() -> Path:
    """The shared folder (the first candidate holding ``bench/``), else ``../shared`` (areas then say
    what is missing)."""
    env = os.environ.get("SKYLOG_SHARED")
    if env:
        return Path(env)
    candidates = (REPO.parent / "shared", REPO.parent.parent / "shared")
    return next((p for p in candidates if (p / "bench").is_dir()), candidates[0])


SHARED = shared_dir()
