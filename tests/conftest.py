"""Shared test helpers: the `shared` marker and the skip for tests that need `../shared` data."""

from __future__ import annotations

import pytest

from extract.paths import shared_dir

requires_shared = pytest.mark.skipif(
    not shared_dir().exists(),
    reason=f"shared data folder not found at {shared_dir()} (set EXTRACT_SHARED_DIR)",
)


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Tests marked `@pytest.mark.shared` skip cleanly when the shared folder is absent."""
    for item in items:
        if item.get_closest_marker("shared") is not None:
            item.add_marker(requires_shared)
