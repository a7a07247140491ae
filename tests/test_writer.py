"""Parquet output: explicit schema, metadata, atomic visibility, readable by other engines."""

from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import duckdb
import pyarrow.parquet as pq
import pytest

from newsclean.models import Article
from newsclean.schema import ARTICLE_SCHEMA
from newsclean.writer import ParquetPartWriter

NOW = datetime(2026, 11, 25, 12, 0, tzinfo=UTC)


def rows(n: int, published: datetime | None = None) -> list[dict[str, Any]]:
    return [
        Article(
            id=f"id-{i}",
            id_derived=False,
            source_file="dump.csv",
            record_index=i,
            url=None,
            site=None,
            title=None,
            author=None,
            published=published,
            language=None,
            text=f"Paragraph {i}.\n\nSecond paragraph with ünïcödé.",
            word_count=6,
            content_hash=f"{i:032x}",
            chars_in=120,
            chars_out=44,
            extraction="text",
            removed=[{"reason": "navigation", "kind": "line", "line": 0, "text": "Home > News"}],
            cleaner_version="1.0.0",
            ingested_at=NOW,
        ).model_dump()
        for i in range(n)
    ]


def test_round_trip_pyarrow_and_duckdb(tmp_path: Path) -> None:
    target = tmp_path / "articles" / "part.parquet"
    writer = ParquetPartWriter(target, ARTICLE_SCHEMA, {"newsclean.source": "dump.csv"})
    writer.write(rows(3, published=datetime(2025, 4, 18, 23, 17, tzinfo=UTC)))
    assert writer.commit() == target

    table = pq.read_table(target)
    assert table.schema.remove_metadata() == ARTICLE_SCHEMA.remove_metadata()
    meta = table.schema.metadata
    assert meta[b"newsclean.source"] == b"dump.csv"
    assert meta[b"newsclean.schema_version"] == b"1.0.0"
    assert table.column("text").to_pylist()[1] == "Paragraph 1.\n\nSecond paragraph with ünïcödé."
    assert pq.ParquetFile(target).metadata.row_group(0).column(0).compression == "ZSTD"

    con = duckdb.connect()
    got = con.execute(
        "select id, published, removed[1].reason, len(removed) from read_parquet(?) order by record_index",
        [str(target)],
    ).fetchall()
    assert [g[0] for g in got] == ["id-0", "id-1", "id-2"]
    assert got[0][1] == datetime(2025, 4, 18, 23, 17, tzinfo=UTC)
    assert got[0][2:] == ("navigation", 1)


def test_nothing_visible_until_commit_and_abort_leaves_previous_file(tmp_path: Path) -> None:
    target = tmp_path / "part.parquet"
    first = ParquetPartWriter(target, ARTICLE_SCHEMA, {})
    first.write(rows(2))
    first.commit()

    second = ParquetPartWriter(target, ARTICLE_SCHEMA, {})
    second.write(rows(5))
    second._flush()  # force bytes into the temporary file
    assert pq.read_table(target).num_rows == 2, "readers still see the previous complete file"
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")], "temp file is hidden"
    second.abort()
    assert pq.read_table(target).num_rows == 2
    assert sorted(p.name for p in tmp_path.iterdir()) == ["part.parquet"]


def test_commit_without_rows_removes_stale_file(tmp_path: Path) -> None:
    target = tmp_path / "part.parquet"
    writer = ParquetPartWriter(target, ARTICLE_SCHEMA, {})
    writer.write(rows(1))
    writer.commit()
    assert ParquetPartWriter(target, ARTICLE_SCHEMA, {}).commit() is None
    assert not target.exists()


def test_exception_inside_context_aborts(tmp_path: Path) -> None:
    target = tmp_path / "part.parquet"
    with pytest.raises(RuntimeError), ParquetPartWriter(target, ARTICLE_SCHEMA, {}) as writer:
        writer.write(rows(1))
        writer._flush()
        raise RuntimeError
    assert list(tmp_path.iterdir()) == []
