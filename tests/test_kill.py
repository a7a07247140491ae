"""A real ingest process killed with SIGKILL mid-run leaves nothing partial, and the next run
completes the work without duplicates."""

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pyarrow.dataset as ds
import pyarrow.parquet as pq
import pytest

from tests.conftest import REPO
from tests.helpers import write_csv

pytestmark = pytest.mark.slow

PARAGRAPH = (
    "The harbour authority confirmed on {day} that the number {n} berth would be closed for repairs "
    "after inspectors found corrosion in the supports, and that ferries would use the northern quay."
)


def make_dump(path: Path, count: int, offset: int) -> Path:
    rows = [
        [f"r{offset + i}", "\n".join(PARAGRAPH.format(day=d, n=offset + i) for d in ("Monday", "Friday"))]
        for i in range(count)
    ]
    return write_csv(path, ["id", "text"], rows)


def command(out: Path, *inputs: Path) -> list[str]:
    return [
        sys.executable,
        str(REPO / "flows" / "ingest.py"),
        *map(str, inputs),
        "--out",
        str(out),
        "--chunk-size",
        "50",
    ]


def wait_for_pending(state_file: Path, name: str, timeout: float = 180) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if state_file.is_file():
            entries = json.loads(state_file.read_text())["inputs"]
            if any(name in key and entry["pending"] for key, entry in entries.items()):
                return
        time.sleep(0.05)
    pytest.fail(f"the run never started writing {name}")


def test_sigkill_mid_run_then_rerun(tmp_path: Path) -> None:
    small = make_dump(tmp_path / "a_small.csv", 20, 0)
    big = make_dump(tmp_path / "b_big.csv", 4000, 1000)
    out = tmp_path / "out"
    proc = subprocess.Popen(
        command(out, small, big), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True
    )
    try:
        wait_for_pending(out / "_state" / "ingested.json", "b_big.csv")
        time.sleep(0.5)
    finally:
        os.killpg(proc.pid, signal.SIGKILL)
        proc.wait(timeout=30)

    visible = sorted(out.rglob("*.parquet"))
    for path in visible:
        assert pq.read_metadata(path).num_rows > 0, f"{path} is readable and complete"
    assert all("a_small" in p.name for p in visible), "nothing of the interrupted input is visible"

    rerun = subprocess.run(command(out, small, big), capture_output=True, text=True, timeout=600, check=False)
    assert rerun.returncode == 0, rerun.stdout[-2000:] + rerun.stderr[-2000:]
    table = ds.dataset(out / "articles", format="parquet", partitioning="hive").to_table()
    ids = table.column("id").to_pylist()
    assert len(ids) == 4020
    assert len(set(ids)) == 4020, "no duplicates after the re-run"
    assert not [p for p in out.rglob(".*") if p.is_file() and ".tmp" in p.name], "no temp files left"
    assert "skipped" in rerun.stdout, "the input finished before the kill is not redone"
