"""The same flow on an existing Dask cluster: a real scheduler and two workers in separate processes."""

import os
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pyarrow.dataset as ds
import pytest

from tests.conftest import REPO
from tests.helpers import free_port

pytestmark = pytest.mark.slow


def wait_for_port(port: int, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        with socket.socket() as s:
            if s.connect_ex(("127.0.0.1", port)) == 0:
                return
        time.sleep(0.2)
    pytest.fail(f"nothing listening on 127.0.0.1:{port}")


@pytest.fixture
def dask_cluster(prefect_server: None, tmp_path: Path) -> Iterator[str]:
    from prefect.settings import PREFECT_API_URL

    port = free_port()
    address = f"tcp://127.0.0.1:{port}"
    dask = str(Path(sys.executable).with_name("dask"))
    env = {**os.environ, "PREFECT_API_URL": str(PREFECT_API_URL.value())}
    log = (tmp_path / "dask.log").open("w")
    procs = [
        subprocess.Popen(
            [dask, "scheduler", "--host", "127.0.0.1", "--port", str(port), "--no-dashboard"],
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
    ]
    try:
        wait_for_port(port)
        for _ in range(2):
            procs.append(
                subprocess.Popen(
                    [dask, "worker", address, "--nthreads", "1", "--no-dashboard", "--host", "127.0.0.1"],
                    env=env,
                    stdout=subprocess.DEVNULL,
                    stderr=log,
                )
            )
        from distributed import Client

        with Client(address, timeout=60) as client:
            client.wait_for_workers(2, timeout=60)
        yield address
    finally:
        for proc in reversed(procs):
            proc.terminate()
        for proc in procs:
            try:
                proc.wait(timeout=30)
            except subprocess.TimeoutExpired:
                proc.kill()


def test_flow_runs_on_an_external_dask_cluster(dask_cluster: str, tmp_path: Path) -> None:
    from flows.ingest import ingest

    report = ingest(
        paths=[str(REPO / "data" / "raw")], out=str(tmp_path), chunk_size=1, dask_address=dask_cluster
    )
    assert not report.failed_files
    assert report.totals()["articles"] == 5
    assert ds.dataset(tmp_path / "articles", format="parquet").count_rows() == 5
    from distributed import Client

    with Client(dask_cluster, timeout=60) as client:
        executed = client.run(_executed_count)
    # 15 records in chunks of 1: every chunk ran on the cluster, none in this process
    assert sum(executed.values()) >= 15, executed


def _executed_count(dask_worker: Any) -> int:
    """Tasks a Dask worker has run (called on each worker by `Client.run`)."""
    return int(dask_worker.state.executed_count)
