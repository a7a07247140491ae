"""Run-wide uniqueness of texts and ids."""

from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq

from newsclean.dedup import Deduplicator


def row(record_id: str, digest: str, index: int = 0) -> dict[str, Any]:
    return {"id": record_id, "content_hash": digest, "record_index": index}


def test_exact_duplicates_are_dropped_after_the_first() -> None:
    d = Deduplicator()
    first = d.judge([row("a", "h1", 0), row("b", "h2", 1)])
    second = d.judge([row("c", "h1", 2)])
    assert [r["id"] for r in first.kept] == ["a", "b"]
    assert second.kept == []
    assert second.duplicates[0].model_dump() == {"record_index": 2, "id": "c", "duplicate_of": "a"}


def test_same_id_different_text_is_kept_under_a_new_id() -> None:
    d = Deduplicator()
    verdict = d.judge([row("a", "h1", 0), row("a", "h2", 1), row("a", "h3", 2), row("a#2", "h4", 3)])
    assert [r["id"] for r in verdict.kept] == ["a", "a#2", "a#3", "a#2#2"]
    assert [(r.id, r.new_id) for r in verdict.renamed] == [("a", "a#2"), ("a", "a#3"), ("a#2", "a#2#2")]


def test_same_id_same_text_is_a_duplicate_not_a_rename() -> None:
    verdict = Deduplicator().judge([row("a", "h1", 0), row("a", "h1", 1)])
    assert len(verdict.kept) == 1
    assert len(verdict.duplicates) == 1
    assert verdict.renamed == []


def test_seeding_from_existing_files_spans_runs(tmp_path: Path) -> None:
    path = tmp_path / "old.parquet"
    pq.write_table(pa.table({"id": ["x", "y"], "content_hash": ["h1", "h2"]}), path)
    d = Deduplicator()
    assert d.seed([path]) == 2
    verdict = d.judge([row("z", "h1", 0), row("x", "h9", 1)])
    assert verdict.duplicates[0].duplicate_of == "x"
    assert verdict.kept[0]["id"] == "x#2"


def test_huge_ids_are_remembered_in_bounded_form() -> None:
    d = Deduplicator()
    d.judge([row("i" * 5000, "h1")])
    dup = d.judge([row("j", "h1")]).duplicates[0]
    assert dup.duplicate_of == "i" * 200
