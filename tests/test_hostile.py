"""The hostile-dump corpus (tests/data/hostile/) through the real CLI and flow, as a user runs it.

One run over every kind of bad input the README's "Bad input" table lists: the run finishes,
exits 1 because some files are unreadable, prints no traceback, names each bad file with a
one-line reason, and accounts for every record of every readable file.
"""

import csv
import json
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pyarrow.dataset as ds
import pytest

from tests.conftest import REPO

pytestmark = pytest.mark.slow

CORPUS = REPO / "tests" / "data" / "hostile"
FILE_ERRORS = {
    "empty.csv": "empty file",
    "garbage.csv": "looks binary",
    "no_text_column.csv": "columns found: ['id', 'price', 'colour']",
    "truncated.csv.gz": "truncated or corrupt gzip",
}
BIG_FIELD = 200_000
"""Characters in one field: beyond Python's csv default limit (131,072)."""
HUGE_LINE = 5_000_000
"""Characters on one line of one record: beyond the cleaner's documented 2 M size cap."""


@pytest.fixture(scope="module")
def hostile_run(tmp_path_factory: pytest.TempPathFactory) -> tuple[subprocess.CompletedProcess[str], Path]:
    root = tmp_path_factory.mktemp("hostile")
    inputs = root / "in"
    shutil.copytree(CORPUS, inputs)
    sentence = "The tide tables for the harbour were published again this week after a long delay. "
    with (inputs / "big_field.csv").open("w", newline="", encoding="utf-8") as f:
        writer = csv.writer(f)
        writer.writerow(["id", "text"])
        writer.writerow(["big", (sentence * (BIG_FIELD // len(sentence) + 1))[:BIG_FIELD]])
        writer.writerow(["huge", "word " * (HUGE_LINE // 5)])
    out = root / "out"
    proc = subprocess.run(
        [sys.executable, str(REPO / "flows" / "ingest.py"), str(inputs), "--out", str(out)],
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
        cwd=root,
    )
    return proc, out


def _report(out: Path) -> dict[str, Any]:
    (path,) = (out / "_runs").glob("*.json")
    return dict(json.loads(path.read_text()))


def _by_id(out: Path, dataset: str) -> dict[str, dict[str, Any]]:
    rows = ds.dataset(out / dataset, format="parquet", partitioning="hive").to_table().to_pylist()
    return {
        row["id"] if dataset == "articles" else f"{row['source_file']}#{row['record_index']}": row
        for row in rows
    }


def test_the_run_finishes_exits_1_and_names_every_unreadable_file(
    hostile_run: tuple[subprocess.CompletedProcess[str], Path],
) -> None:
    proc, out = hostile_run
    console = proc.stdout + proc.stderr
    assert proc.returncode == 1, console[-3000:]
    assert "Traceback" not in console
    files = {Path(f["source"]).name: f for f in _report(out)["files"]}
    for name, reason in FILE_ERRORS.items():
        assert files[name]["status"] == "error"
        assert reason in files[name]["error"] and name in files[name]["error"]
        assert "\n" not in files[name]["error"]
    assert files["header_only.csv"]["status"] == "ok"
    assert files["header_only.csv"]["records_read"] == 0
    assert all(f["records_read"] == f["articles"] + f["rejects"] + f["duplicates"] for f in files.values())
    assert {name for name, f in files.items() if f["status"] == "ok" and f["records_read"]} == {
        "bad_lines.jsonl",
        "broken_rows.csv",
        "control_chars.csv",
        "hostile_ids.csv",
        "lone_quote.tsv",
        "mojibake.csv",
        "windows_1252.csv",
        "big_field.csv",
    }


def test_bad_records_are_rejects_that_keep_the_raw_record(
    hostile_run: tuple[subprocess.CompletedProcess[str], Path],
) -> None:
    _, out = hostile_run
    rejects = {Path(key).name: row for key, row in _by_id(out, "rejects").items()}
    assert set(rejects) == {
        "bad_lines.jsonl#1",
        "bad_lines.jsonl#2",
        "broken_rows.csv#1",
        "broken_rows.csv#2",
    }
    assert {row["reason_code"] for row in rejects.values()} == {"malformed"}
    assert "record 1, line 2: not valid JSON" in rejects["bad_lines.jsonl#1"]["reason"]
    assert "unterminated" in json.loads(rejects["bad_lines.jsonl#1"]["raw_record"])["_raw"]
    assert "expected 3 fields, got 5" in rejects["broken_rows.csv#2"]["reason"]
    assert json.loads(rejects["broken_rows.csv#2"]["raw_record"])["id"] == "r3"


def test_readable_records_come_out_repaired(
    hostile_run: tuple[subprocess.CompletedProcess[str], Path],
) -> None:
    _, out = hostile_run
    articles = _by_id(out, "articles")
    assert {"r1", "r4", "j1", "j4", "t1", "t2", "t3"} <= set(articles)
    assert articles["t1"]["text"].startswith('The 6" screen is bright'), "a lone quote stays literal"
    control = articles["c1"]["text"]
    assert not any(ch in control for ch in "\x00\x07\u200b\u2028\u2029")
    assert "approved a plan on Monday" in control
    assert "Le café du port" in articles["w1"]["text"]
    assert "La crème brûlée" in articles["m1"]["text"], "mojibake is repaired"
    assert articles["big"]["chars_in"] == BIG_FIELD
    huge = articles["huge"]
    assert huge["chars_out"] <= 2_000_000
    assert "size_cap" in {item["reason"] for item in huge["removed"]}


def test_hostile_ids_are_data_only(hostile_run: tuple[subprocess.CompletedProcess[str], Path]) -> None:
    _, out = hostile_run
    articles = _by_id(out, "articles")
    assert {"../../../etc/passwd", "../../../etc/passwd#2", "a/b\\c", "x" * 5000} <= set(articles)
    inputs = out.parent / "in"
    written = [p for p in out.parent.rglob("*") if p.is_file() and not p.is_relative_to(inputs)]
    assert written
    outside = [p for p in written if not p.resolve().is_relative_to(out.resolve())]
    assert not outside
    assert all(len(p.name) < 100 for p in written)
