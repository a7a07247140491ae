"""One input through read -> clean -> dedupe -> write, without Prefect: accounting and atomicity."""

import gzip
import json
from pathlib import Path

import pyarrow.parquet as pq
import pytest

from newsclean.dedup import Deduplicator
from newsclean.pipeline import UnitJob, ingest_unit, sequential_cleaner
from newsclean.readers import ReaderOptions, discover_inputs
from newsclean.report import FileReport
from newsclean.transform import TransformSettings
from tests.helpers import NOW, write_csv

PAGE = (
    "Local council approves new library budget\n"
    "Home > News > Local\n"
    "The city council voted on Tuesday to approve a budget of 2.4 million dollars for the new "
    "central library, ending a debate that has lasted for almost three years.\n"
    "Council members said the building would open in the spring and would include a reading "
    "room for children, a workshop and a small theatre for local groups.\n"
)


def run(path: Path, out: Path, chunk_size: int = 2) -> FileReport:
    (unit,) = discover_inputs([path])
    job = UnitJob(unit, out, ReaderOptions(), ingest_date=NOW.date(), chunk_size=chunk_size, run_id="test")
    cleaner = sequential_cleaner(TransformSettings(ingested_at=NOW))
    return ingest_unit(job, cleaner, Deduplicator())


def test_accounting_covers_articles_rejects_and_duplicates(tmp_path: Path) -> None:
    dump = write_csv(
        tmp_path / "dump.csv",
        ["id", "text"],
        [
            ["a", PAGE],
            ["b", PAGE],  # exact duplicate of a's cleaned text
            ["c", ""],  # no content: reject
            ["d", PAGE.replace("2.4 million", "3.1 million")],
            ["e", "Home\nMenu\nLogin"],  # nothing survives cleaning: reject
        ],
    )
    report = run(dump, tmp_path / "out")
    assert report.status == "ok"
    assert (report.records_read, report.articles, report.rejects, report.duplicates) == (5, 2, 2, 1)
    assert report.balanced
    assert report.duplicate_records[0].model_dump() == {
        "record_index": 1,
        "id": "b",
        "duplicate_of": "a",
    }
    assert report.reject_codes == {"no_content": 1, "empty_after_cleaning": 1}

    assert report.articles_file is not None
    assert "/articles/ingest_date=2026-11-25/dump_csv-" in report.articles_file
    articles = pq.read_table(report.articles_file)
    assert articles.column("id").to_pylist() == ["a", "d"]
    assert "Home > News" not in articles.column("text")[0].as_py()
    rejects = pq.read_table(report.rejects_file).to_pylist()
    assert [r["record_index"] for r in rejects] == [2, 4]
    assert json.loads(rejects[1]["raw_record"])["text"] == "Home\nMenu\nLogin", "raw record kept whole"
    assert "dump.csv: record 4" in rejects[1]["reason"]


def test_rerun_replaces_output_instead_of_duplicating(tmp_path: Path) -> None:
    dump = write_csv(tmp_path / "dump.csv", ["id", "text"], [["a", PAGE]])
    first = run(dump, tmp_path / "out")
    second = run(dump, tmp_path / "out")
    assert first.articles_file == second.articles_file
    assert len(list((tmp_path / "out" / "articles").rglob("*.parquet"))) == 1
    assert pq.read_table(second.articles_file).num_rows == 1


def test_truncated_gzip_is_a_file_error_and_writes_nothing(tmp_path: Path) -> None:
    rows = [[str(i), PAGE.replace("Tuesday", f"day {i}")] for i in range(300)]
    plain = write_csv(tmp_path / "plain.csv", ["id", "text"], rows)
    data = gzip.compress(plain.read_bytes())
    broken = tmp_path / "broken.csv.gz"
    broken.write_bytes(data[: len(data) // 2])
    report = run(broken, tmp_path / "out")
    assert report.status == "error"
    assert "broken.csv.gz" in (report.error or "")
    assert not list((tmp_path / "out").rglob("*.parquet"))


@pytest.mark.parametrize("hostile", ["../../etc/passwd", "a/b/c", "x" * 5000])
def test_hostile_ids_never_reach_the_filesystem(tmp_path: Path, hostile: str) -> None:
    dump = write_csv(tmp_path / "dump.csv", ["id", "text"], [[hostile, PAGE]])
    report = run(dump, tmp_path / "out")
    assert report.articles == 1
    written = {p.relative_to(tmp_path) for p in tmp_path.rglob("*") if p.is_file()}
    assert all(str(p).startswith(("dump.csv", "out/articles/ingest_date=")) for p in written), written
    assert pq.read_table(report.articles_file).column("id").to_pylist() == [hostile]
