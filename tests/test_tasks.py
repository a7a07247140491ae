"""The flow's task wiring: what process-pool workers inherit from the run."""

import os

import pytest
from flows.tasks import workers_share_this_api
from prefect import flow, task
from prefect.task_runners import ProcessPoolTaskRunner

pytestmark = pytest.mark.slow


@task
def api_url_seen_by_worker() -> str | None:
    return os.environ.get("PREFECT_API_URL")


@flow(task_runner=ProcessPoolTaskRunner(max_workers=1))
def probe() -> tuple[str | None, str | None]:
    with workers_share_this_api():
        exported = os.environ.get("PREFECT_API_URL")
        seen = api_url_seen_by_worker.submit().result()
    return exported, seen


def test_pool_workers_report_to_the_runs_own_server(
    prefect_server: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Without an exported API URL each worker started a temporary server of its own (~10 s)."""
    monkeypatch.delenv("PREFECT_API_URL", raising=False)
    exported, seen = probe()
    assert exported is not None and exported.startswith("http://127.0.0.1")
    assert seen == exported
    assert "PREFECT_API_URL" not in os.environ, "the run leaves the environment as it found it"
