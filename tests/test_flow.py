"""End to end through the real Prefect flow, on the repo's sample dumps."""

import json
import logging
import os
import subprocess
import sys
from pathlib import Path

import duckdb
import pyarrow.dataset as ds
import pytest

from tests.conftest import REPO

pytestmark = pytest.mark.slow

NOISE = [
    "Current:Home",
    "Date:2025",
    "View",
    "Leroy Wright",
    "Getty Images",
    "TwitterveryGood",
    "- In:",
    "is a politics reporter",
    "Related",
    "Ranking",
    "Recommendation",
    "Kehlani",
    "Donald John Trump",
    " MORE ",
]


@pytest.fixture(scope="module")
def seed_run(prefect_server: None, tmp_path_factory: pytest.TempPathFactory):
    from flows.ingest import ingest

    out = tmp_path_factory.mktemp("clean")
    report = ingest(paths=[str(REPO / "data" / "raw")], out=str(out), workers=1, chunk_size=2)
    return out, report


def test_seed_dumps_become_five_clean_articles(seed_run) -> None:
    out, report = seed_run
    assert not report.failed_files
    totals = report.totals()
    # the same five pages arrive three times (a CSV dump, a PostgreSQL COPY export with its line
    # breaks escaped, and a .txt folder): written once, then counted as duplicates of the same text
    assert totals == {"records_read": 15, "articles": 5, "rejects": 0, "duplicates": 10}
    assert all(f.balanced for f in report.files)

    table = ds.dataset(out / "articles", format="parquet").to_table()
    assert table.num_rows == 5
    for text in table.column("text").to_pylist():
        for noise in NOISE:
            assert noise not in text, f"{noise!r} left in output"
    assert any("President Trump issued a tweet" in t for t in table.column("text").to_pylist())
    titles = set(table.column("title").to_pylist())
    assert "White House lauds Mexico for efforts to stop migrant caravan" in titles


def test_run_report_is_written_and_readable_by_duckdb(seed_run) -> None:
    out, report = seed_run
    (report_file,) = (out / "_runs").glob("*.json")
    saved = json.loads(report_file.read_text())
    assert saved["run_id"] == report.run_id
    assert sum(f["records_read"] for f in saved["files"]) == 15
    files = f"{out}/articles/**/*.parquet"
    sql = f"select count(*), min(ingest_date) from read_parquet('{files}', hive_partitioning=true)"
    count, ingest_date = duckdb.connect().execute(sql).fetchall()[0]
    assert count == 5
    assert str(ingest_date) == report.started_at.date().isoformat()


def test_cli_exits_nonzero_for_unreadable_input_after_processing_the_rest(tmp_path: Path) -> None:
    missing = tmp_path / "missing.csv"
    out = tmp_path / "out"
    proc = subprocess.run(
        [
            sys.executable,
            str(REPO / "flows" / "ingest.py"),
            str(REPO / "data" / "raw" / "seeds.csv"),
            str(missing),
            "--out",
            str(out),
            "--workers",
            "2",
        ],
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    assert proc.returncode == 1, proc.stderr[-3000:]
    assert "missing.csv" in proc.stdout + proc.stderr
    assert "Traceback" not in proc.stdout + proc.stderr
    assert ds.dataset(out / "articles", format="parquet").count_rows() == 5


def test_an_input_given_twice_is_read_once(
    prefect_server: None, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from flows.ingest import ingest

    monkeypatch.chdir(REPO)
    raw = REPO / "data" / "raw"
    paths = [str(raw), "data/raw/seeds.csv", "data/raw"]
    report = ingest(paths=paths, out=str(tmp_path / "out"), workers=1, chunk_size=2)
    assert [Path(f.source).name for f in report.files] == ["pages", "seeds.csv", "seeds_copy.tsv"]
    assert report.totals() == {"records_read": 15, "articles": 5, "rejects": 0, "duplicates": 10}


def _run_cli(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, str(REPO / "flows" / "ingest.py"), *args],
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
        env=env,
    )


@pytest.mark.parametrize(
    ("option", "expected"),
    [
        (["--delimiter", ";;"], "--delimiter ';;': String should have at most 1 character"),
        (["--delimiter", '"'], "cannot be a delimiter"),
        (["--out", "{file}"], "is a file, not a folder"),
        (["--out", "{file}/sub"], "is a file, not a folder"),
    ],
)
def test_a_bad_option_is_one_line_and_exit_2_before_the_flow_starts(
    tmp_path: Path, option: list[str], expected: str
) -> None:
    afile = tmp_path / "afile"
    afile.write_text("not a folder")
    args = [a.replace("{file}", str(afile)) for a in option]
    proc = _run_cli(str(REPO / "data" / "raw"), "--out", str(tmp_path / "out"), *args)
    assert proc.returncode == 2, proc.stderr[-3000:]
    assert proc.stdout == ""
    assert proc.stderr.strip().splitlines() == [proc.stderr.strip()], proc.stderr[-3000:]
    assert proc.stderr.startswith(f"newsclean: {args[0]} ") and expected in proc.stderr
    assert not (tmp_path / "out").exists()


def test_failed_inputs_fail_the_flow_run_after_the_rest_is_written(
    prefect_server: None, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    from flows.ingest import FailedInputsError, ingest
    from prefect import get_client

    out = tmp_path / "out"
    paths = [str(REPO / "data" / "raw" / "seeds.csv"), str(tmp_path / "missing.csv")]
    run_logs = logging.getLogger("prefect.flow_runs")  # does not reach caplog's root handler
    run_logs.addHandler(caplog.handler)
    try:
        state = ingest(paths=paths, out=str(out), workers=1, return_state=True)
    finally:
        run_logs.removeHandler(caplog.handler)
    assert state.is_failed(), "a scheduled run with a missing input must show as failed"
    assert "missing.csv" in (state.message or "")
    with get_client(sync_client=True) as client:
        assert client.read_flow_run(state.state_details.flow_run_id).state_type.value == "FAILED"
    failure = state.result(raise_on_failure=False)
    assert isinstance(failure, FailedInputsError)
    assert [f.status for f in failure.report.files] == ["error", "ok"]
    assert list((out / "_runs").glob("*.json")), "the run report is written before the run fails"
    assert ds.dataset(out / "articles", format="parquet").count_rows() == 5
    errors = [r.getMessage() for r in caplog.records if r.levelname == "ERROR"]
    assert any(m.endswith("missing.csv: no such file or folder") for m in errors), errors
    with pytest.raises(FailedInputsError, match="1 of 2 inputs could not be read"):
        ingest(paths=paths, out=str(tmp_path / "again"), workers=1)


def test_an_unreachable_dask_cluster_fails_the_run_not_an_input(prefect_server: None, tmp_path: Path) -> None:
    from prefect.settings import PREFECT_API_URL

    env = {
        **os.environ,
        "PREFECT_API_URL": str(PREFECT_API_URL.value()),  # the session's server: no startup cost
        "DASK_DISTRIBUTED__COMM__TIMEOUTS__CONNECT": "2s",
    }
    out = tmp_path / "out"
    proc = _run_cli(
        str(REPO / "data" / "raw"), "--out", str(out), "--dask-address", "tcp://127.0.0.1:1", env=env
    )
    console = proc.stdout + proc.stderr
    assert proc.returncode == 1, console[-3000:]
    assert "newsclean: run failed: cannot reach the Dask scheduler at tcp://127.0.0.1:1" in proc.stderr
    assert "Traceback" not in console
    assert "seeds.csv" not in console, "no input is blamed for the cluster"
    assert not (out / "articles").exists()


def test_help_names_state_folder_delimiter_names_and_workers_with_dask() -> None:
    proc = _run_cli("--help", env={**os.environ, "COLUMNS": "250", "NO_COLOR": "1"})
    assert proc.returncode == 0, proc.stderr[-3000:]
    assert "_state/" in proc.stdout
    assert "one character, or tab, \\t, comma, semicolon, pipe" in proc.stdout
    assert "With --dask-address the cluster's workers do the cleaning" in proc.stdout
