"""Fixtures of the hostile-input suite (helpers live in ``hostile_helpers``)."""

from __future__ import annotations

import pytest


@pytest.fixture
def db(tmp_path) -> str:
    return str(tmp_path / "hostile.db")
