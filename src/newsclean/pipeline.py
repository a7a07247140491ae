"""One input file through read -> clean (in chunks) -> dedupe -> write, with its accounting.

The orchestrator (the Prefect flow, a test, a benchmark) supplies only *how* chunks are cleaned
(`ChunkCleaner`: in-process, on a process pool, on a Dask cluster); everything else, including
the bookkeeping that proves no record was lost, lives here and knows nothing of Prefect.
"""

import itertools
import time
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import xxhash

from newsclean import __version__
from newsclean.cleaning import CLEANER_VERSION
from newsclean.models import SCHEMA_VERSION, Article
from newsclean.readers import InputUnit, ReaderOptions, read_records
from newsclean.records import InputError, RawRecord
from newsclean.report import MAX_LISTED_DUPLICATES, DuplicateEntry, FileReport
from newsclean.schema import ARTICLE_SCHEMA, REJECT_SCHEMA
from newsclean.transform import TransformSettings, article_row, reject_row, transform_record
from newsclean.writer import ParquetPartWriter

DEFAULT_CHUNK_SIZE = 500
"""Records per cleaning task. Text pages clean in ~1 ms each, so 500 records (~0.5 s of work)
amortise Prefect's ~100 ms process-pool task overhead to under 20%; see README "Scaling"."""


@dataclass(slots=True)
class ChunkResult:
    """What cleaning one chunk produced: Arrow-ready rows plus the counts the report needs."""

    records: int
    articles: list[dict[str, Any]] = field(default_factory=list)
    rejects: list[dict[str, Any]] = field(default_factory=list)
    removal_counts: Counter[str] = field(default_factory=Counter)


ChunkCleaner = Callable[[Iterable[list[RawRecord]]], Iterator[ChunkResult]]
"""Cleans a stream of chunks, yielding results in the same order (parallel or not)."""


def process_chunk(records: Sequence[RawRecord], settings: TransformSettings) -> ChunkResult:
    """Clean and validate a chunk of records; every record becomes one article or one reject."""
    result = ChunkResult(records=len(records))
    for record in records:
        outcome = transform_record(record, settings)
        if isinstance(outcome, Article):
            result.articles.append(article_row(outcome))
            result.removal_counts.update(str(item.reason) for item in outcome.removed)
        else:
            result.rejects.append(reject_row(outcome))
    return result


def sequential_cleaner(settings: TransformSettings) -> ChunkCleaner:
    """The in-process ChunkCleaner, for tests, the CLI and single-worker runs."""

    def clean(chunks: Iterable[list[RawRecord]]) -> Iterator[ChunkResult]:
        for chunk in chunks:
            yield process_chunk(chunk, settings)

    return clean


class DuplicateFilter:
    """Drops articles whose cleaned text was already seen in this run.

    Keeps only 16-byte digests, so a million distinct articles cost ~100 MB at most; the first
    occurrence wins, which keeps the output deterministic for a given input order.
    """

    def __init__(self) -> None:
        self._first_id: dict[str, str] = {}

    def split(self, rows: list[dict[str, Any]]) -> tuple[list[dict[str, Any]], list[DuplicateEntry]]:
        """Return (rows to write, duplicates dropped)."""
        kept: list[dict[str, Any]] = []
        dropped: list[DuplicateEntry] = []
        for row in rows:
            first = self._first_id.get(row["content_hash"])
            if first is None:
                self._first_id[row["content_hash"]] = row["id"]
                kept.append(row)
            else:
                dropped.append(
                    DuplicateEntry(record_index=row["record_index"], id=row["id"], duplicate_of=first)
                )
        return kept, dropped


def part_name(unit: InputUnit) -> str:
    """Deterministic output file name for an input: readable stem plus a hash of its path.

    Never derived from record ids (hostile or huge ids must not reach the filesystem); the same
    input path always maps to the same name, so a re-run replaces rather than duplicates.
    """
    stem = "".join(c if c.isalnum() or c in "-_" else "_" for c in unit.path.name)[:60] or "input"
    digest = xxhash.xxh3_64_hexdigest(str(unit.path.resolve()).encode("utf-8", "surrogateescape"))
    return f"{stem}-{digest[:12]}.parquet"


@dataclass(frozen=True, slots=True)
class UnitJob:
    """Everything needed to ingest one input unit."""

    unit: InputUnit
    out_dir: Path
    reader_options: ReaderOptions
    chunk_size: int = DEFAULT_CHUNK_SIZE
    run_id: str = ""


def _metadata(job: UnitJob) -> dict[str, str]:
    return {
        "newsclean.version": __version__,
        "newsclean.cleaner_version": CLEANER_VERSION,
        "newsclean.schema_version": SCHEMA_VERSION,
        "newsclean.source": str(job.unit.path),
        "newsclean.run_id": job.run_id,
    }


def ingest_unit(job: UnitJob, cleaner: ChunkCleaner, duplicates: DuplicateFilter) -> FileReport:
    """Ingest one input: all its output appears atomically, or none of it (file-level error).

    A file that fails part-way (truncated archive, undecodable bytes) writes nothing at all, so a
    fixed file can simply be re-run; the report says how far reading got.
    """
    started = time.perf_counter()
    report = FileReport(source=str(job.unit.path), kind=job.unit.kind)
    name = part_name(job.unit)
    metadata = _metadata(job)
    articles = ParquetPartWriter(job.out_dir / "articles" / name, ARTICLE_SCHEMA, metadata)
    rejects = ParquetPartWriter(job.out_dir / "rejects" / name, REJECT_SCHEMA, metadata)
    removals: Counter[str] = Counter()
    reject_codes: Counter[str] = Counter()
    try:
        chunks = itertools.batched(read_records(job.unit, job.reader_options), job.chunk_size)
        for chunk in cleaner(list(c) for c in chunks):
            kept, dropped = duplicates.split(chunk.articles)
            articles.write(kept)
            rejects.write(chunk.rejects)
            report.records_read += chunk.records
            report.articles += len(kept)
            report.rejects += len(chunk.rejects)
            report.duplicates += len(dropped)
            room = MAX_LISTED_DUPLICATES - len(report.duplicate_records)
            report.duplicate_records.extend(dropped[: max(room, 0)])
            removals.update(chunk.removal_counts)
            reject_codes.update(str(r["reason_code"]) for r in chunk.rejects)
        written_articles = articles.commit()
        written_rejects = rejects.commit()
    except InputError as exc:
        articles.abort()
        rejects.abort()
        report.status, report.error = "error", str(exc)
    else:
        report.articles_file = str(written_articles) if written_articles else None
        report.rejects_file = str(written_rejects) if written_rejects else None
    report.removal_counts = dict(removals.most_common())
    report.reject_codes = dict(reject_codes.most_common())
    report.seconds = round(time.perf_counter() - started, 3)
    return report
