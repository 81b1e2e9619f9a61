"""Shared test helpers: the `shared` marker and the skip for tests that need `../shared` data."""

from __future__ import annotations

import signal

import pytest

from extract.paths import shared_dir

# The Ctrl-C tests need SIGINT to be deliverable. A shell that starts pytest in the background without job
# control (`.ci/run &`, nohup) leaves it ignored, and every process the tests start would inherit that.
if signal.getsignal(signal.SIGINT) is signal.SIG_IGN:
    signal.signal(signal.SIGINT, signal.default_int_handler)

requires_shared = pytest.mark.skipif(
    not shared_dir().exists(),
    reason=f"shared data folder not found at {shared_dir()} (set EXTRACT_SHARED_DIR)",
)


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Tests marked `@pytest.mark.shared` skip cleanly when the shared folder is absent."""
    for item in items:
        if item.get_closest_marker("shared") is not None:
            item.add_marker(requires_shared)
