"""The state file's journal: incremental skips, idempotent re-runs, recovery after a kill."""

from datetime import UTC, datetime
from pathlib import Path

from newsclean.state import InputState, StateStore


def touch(path: Path) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(b"PAR1")
    return path


def test_finish_confirms_outputs_and_deletes_superseded_ones(tmp_path: Path) -> None:
    store = StateStore(tmp_path)
    old = touch(tmp_path / "articles" / "ingest_date=2026-11-24" / "a.parquet")
    store.begin("in.csv", [old])
    store.finish("in.csv", InputState(fingerprint="f1", cleaner_version="1"), [old])
    assert store.is_current("in.csv", "f1", "1")
    assert not store.is_current("in.csv", "f2", "1"), "changed content is reprocessed"
    assert not store.is_current("in.csv", "f1", "2"), "a new cleaner version reprocesses"

    new = touch(tmp_path / "articles" / "ingest_date=2026-11-25" / "a.parquet")
    store.begin("in.csv", [new])
    store.finish("in.csv", InputState(fingerprint="f2", cleaner_version="1"), [new])
    assert not old.exists(), "the previous day's copy is gone: no duplicates across days"
    assert StateStore(tmp_path).entry("in.csv").outputs == ["articles/ingest_date=2026-11-25/a.parquet"]


def test_recover_removes_files_of_an_interrupted_ingest(tmp_path: Path) -> None:
    store = StateStore(tmp_path)
    kept = touch(tmp_path / "articles" / "d=1" / "a.parquet")
    store.begin("in.csv", [kept])
    store.finish("in.csv", InputState(fingerprint="f1", cleaner_version="1"), [kept])
    orphan = touch(tmp_path / "articles" / "d=2" / "a.parquet")
    store.begin("in.csv", [orphan])  # the run is killed after writing, before confirming
    temp = touch(tmp_path / "articles" / "d=2" / ".b.parquet.tmp-123")

    removed = StateStore(tmp_path).recover()
    assert sorted(removed) == ["articles/d=2/.b.parquet.tmp-123", "articles/d=2/a.parquet"]
    assert kept.exists()
    assert not orphan.exists()
    assert not temp.exists()
    assert StateStore(tmp_path).is_current("in.csv", "f1", "1")


def test_missing_output_makes_the_input_stale(tmp_path: Path) -> None:
    store = StateStore(tmp_path)
    out = touch(tmp_path / "articles" / "a.parquet")
    store.finish("in.csv", InputState(fingerprint="f1", cleaner_version="1"), [out])
    out.unlink()
    assert not store.is_current("in.csv", "f1", "1")


def test_finish_stamps_the_commit_time(tmp_path: Path) -> None:
    store = StateStore(tmp_path)
    out = touch(tmp_path / "articles" / "d=1" / "a.parquet")
    before = datetime.now(UTC)
    store.begin("in.csv", [out])
    store.finish("in.csv", InputState(fingerprint="f1", cleaner_version="1"), [out])
    stamped = StateStore(tmp_path).entry("in.csv").ingested_at
    assert stamped is not None, "ingested_at was left null in _state/ingested.json"
    assert before <= stamped <= datetime.now(UTC)
