"""The deployment shipped in prefect.yaml, end to end: a real `prefect server start` on loopback, a
process work pool, `prefect deploy`, a worker, a triggered run, and the Parquet it wrote."""

import json
import os
import signal
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pyarrow.dataset as ds
import pytest

from tests.conftest import REPO
from tests.helpers import free_port

pytestmark = pytest.mark.slow

PREFECT = str(Path(sys.executable).with_name("prefect"))


def wait_healthy(url: str, timeout: float = 120) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(f"{url}/health", timeout=2) as response:
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.5)
    pytest.fail(f"Prefect server at {url} never became healthy")


def prefect(env: dict[str, str], *args: str, timeout: float = 180) -> str:
    proc = subprocess.run(
        [PREFECT, *args], env=env, cwd=REPO, capture_output=True, text=True, timeout=timeout, check=False
    )
    assert proc.returncode == 0, (
        f"prefect {' '.join(args)} failed:\n{proc.stdout[-3000:]}\n{proc.stderr[-3000:]}"
    )
    return proc.stdout


def test_deploy_from_prefect_yaml_and_run_with_a_worker(tmp_path: Path) -> None:
    port = free_port()
    api = f"http://127.0.0.1:{port}/api"
    env = {
        **os.environ,
        "PREFECT_HOME": str(tmp_path / "prefect-home"),
        "PREFECT_API_URL": api,
        "PREFECT_SERVER_ANALYTICS_ENABLED": "false",
        "DO_NOT_TRACK": "1",
        "NEWSCLEAN_HOME": str(REPO),
    }
    server = subprocess.Popen(
        [PREFECT, "server", "start", "--host", "127.0.0.1", "--port", str(port)],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    try:
        wait_healthy(api)
        prefect(env, "work-pool", "create", "newsclean", "--type", "process")
        prefect(env, "--no-prompt", "deploy", "--all")
        out = tmp_path / "out"
        params = {"paths": [str(REPO / "data" / "raw")], "out": str(out), "workers": 1}
        prefect(env, "deployment", "run", "ingest/daily", "--params", json.dumps(params))
        prefect(env, "worker", "start", "--pool", "newsclean", "--run-once", timeout=400)

        table = ds.dataset(out / "articles", format="parquet").to_table()
        assert table.num_rows == 5
        assert list((out / "_runs").glob("*.json")), "the run report was written"
        runs = prefect({**env, "COLUMNS": "250"}, "flow-run", "ls", "--state", "COMPLETED")
        assert "COMPLETED" in runs, runs
        deployment = prefect(env, "deployment", "inspect", "ingest/daily")
        assert "0 3 * * *" in deployment, "the daily cron schedule was deployed"
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        try:
            server.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(server.pid, signal.SIGKILL)
            server.wait(timeout=30)
