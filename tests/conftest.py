"""Shared fixtures: an isolated Prefect home, one Prefect test server per session, the eval set.

PREFECT_HOME must be set before Prefect is first imported, or cached results and the SQLite
database of earlier sessions leak into this one.
"""

import os
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest

os.environ["PREFECT_HOME"] = tempfile.mkdtemp(prefix="newsclean-prefect-")
os.environ.setdefault("PREFECT_SERVER_ANALYTICS_ENABLED", "false")
os.environ.setdefault("DO_NOT_TRACK", "1")
os.environ.setdefault("PREFECT_LOGGING_LEVEL", "WARNING")

REPO = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="session")
def prefect_server() -> Iterator[None]:
    """One temporary Prefect server for every flow test of the session (it takes ~10 s to start)."""
    from prefect.testing.utilities import prefect_test_harness

    with prefect_test_harness(server_startup_timeout=120):
        yield


def eval_dir() -> Path | None:
    """The shared evaluation set, from NEWSCLEAN_EVAL_DIR or ../shared/eval beside the repo."""
    candidate = Path(os.environ.get("NEWSCLEAN_EVAL_DIR", REPO.parent / "shared" / "eval"))
    return candidate if (candidate / "score.py").is_file() else None


@pytest.fixture(scope="session")
def shared_eval() -> Path:
    """The eval set; skips where it is absent, except in CI (NEWSCLEAN_REQUIRE_EVAL=1) where it fails."""
    found = eval_dir()
    if found is None:
        message = "shared eval set not found: set NEWSCLEAN_EVAL_DIR or place it at ../shared/eval"
        if os.environ.get("NEWSCLEAN_REQUIRE_EVAL") == "1":
            pytest.fail(message)
        pytest.skip(message)
    return found
