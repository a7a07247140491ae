"""End to end through the real Prefect flow, on the repo's sample dumps."""

import json
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
    # the same five pages arrive twice (CSV dump and .txt folder): written once, then counted as duplicates
    assert totals == {"records_read": 10, "articles": 5, "rejects": 0, "duplicates": 5}
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
    assert sum(f["records_read"] for f in saved["files"]) == 10
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
    assert [Path(f.source).name for f in report.files] == ["pages", "seeds.csv"]
    assert report.totals() == {"records_read": 10, "articles": 5, "rejects": 0, "duplicates": 5}
