"""One input file through read -> clean (in chunks) -> dedupe -> write, with its accounting.

The orchestrator (the Prefect flow, a test, a benchmark) supplies only *how* chunks are cleaned
(`ChunkCleaner`: in-process, on a process pool, on a Dask cluster); everything else, including
the bookkeeping that proves no record was lost, lives here and knows nothing of Prefect.
"""

import itertools
import time
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

import xxhash

from newsclean import __version__
from newsclean.cleaning import CLEANER_VERSION
from newsclean.dedup import ChunkVerdict, Deduplicator
from newsclean.models import SCHEMA_VERSION, Article
from newsclean.readers import InputUnit, ReaderOptions, read_records
from newsclean.records import InputError, RawRecord
from newsclean.report import MAX_LISTED_DUPLICATES, FileReport
from newsclean.schema import ARTICLE_SCHEMA, REJECT_SCHEMA
from newsclean.sitelines import SiteLineSettings, SiteTemplates, count_site_lines, record_site
from newsclean.state import InputState, StateStore
from newsclean.transform import TransformSettings, article_row, reject_row, transform_record
from newsclean.writer import ParquetPartWriter

_NO_TEMPLATE: frozenset[str] = frozenset()

DEFAULT_CHUNK_SIZE = 500
"""Records per cleaning task. A benchmark page cleans in ~4.5 ms, so 500 records (~2 s of work)
amortise Prefect's per-task cost (measured: chunks under ~100 records ran slower, larger ones no
faster), while 2 x workers chunks in flight stay a few tens of MB; see README "Benchmarks"."""


@dataclass(slots=True)
class ChunkResult:
    """What cleaning one chunk produced: Arrow-ready rows plus the counts the report needs."""

    records: int
    articles: list[dict[str, Any]] = field(default_factory=list)
    rejects: list[dict[str, Any]] = field(default_factory=list)


@dataclass(frozen=True, slots=True)
class Chunk:
    """A unit of cleaning work: some records, and the template lines of the sites they are from."""

    records: list[RawRecord]
    templates: SiteTemplates = field(default_factory=dict)

    @classmethod
    def of(cls, records: list[RawRecord], templates: SiteTemplates) -> "Chunk":
        """A chunk carrying only its own sites' templates, so what travels to a worker stays small."""
        if not templates:
            return cls(records)
        sites = {site for record in records if (site := record_site(record)) in templates}
        return cls(records, {site: templates[site] for site in sites if site is not None})


ChunkCleaner = Callable[[Iterable[Chunk]], Iterator[ChunkResult]]
"""Cleans a stream of chunks, yielding results in the same order (parallel or not)."""


def process_chunk(chunk: Chunk, settings: TransformSettings) -> ChunkResult:
    """Clean and validate a chunk of records; every record becomes one article or one reject."""
    templates = chunk.templates
    result = ChunkResult(records=len(chunk.records))
    for record in chunk.records:
        boilerplate = templates.get(record_site(record) or "", _NO_TEMPLATE) if templates else _NO_TEMPLATE
        outcome = transform_record(record, settings, boilerplate)
        if isinstance(outcome, Article):
            result.articles.append(article_row(outcome))
        else:
            result.rejects.append(reject_row(outcome))
    return result


def batched(records: Iterable[RawRecord], size: int) -> Iterator[list[RawRecord]]:
    """Lists of up to `size` records, pulled lazily so only one chunk is held at a time."""
    iterator = iter(records)
    while chunk := list(itertools.islice(iterator, size)):
        yield chunk


def sequential_cleaner(settings: TransformSettings) -> ChunkCleaner:
    """The in-process ChunkCleaner, for tests, the CLI and single-worker runs."""

    def clean(chunks: Iterable[Chunk]) -> Iterator[ChunkResult]:
        for chunk in chunks:
            yield process_chunk(chunk, settings)

    return clean


def input_bytes(unit: InputUnit) -> int:
    """Bytes on disk of an input (all its pages, for a folder of .txt pages)."""
    files = unit.members or (unit.path,)
    return sum(path.stat().st_size for path in files if path.is_file())


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
    ingest_date: date
    chunk_size: int = DEFAULT_CHUNK_SIZE
    run_id: str = ""
    fingerprint: str | None = None
    cross_page: SiteLineSettings | None = field(default_factory=SiteLineSettings)
    """How to find site template lines in a first pass over the input; None skips the pass."""

    @property
    def key(self) -> str:
        """The input's identity in the state file: its resolved path."""
        return str(self.unit.path.resolve())

    def target(self, dataset: str) -> Path:
        """Where this input's file of `dataset` goes: hive-partitioned by ingest date."""
        return self.out_dir / dataset / f"ingest_date={self.ingest_date.isoformat()}" / part_name(self.unit)


def _metadata(job: UnitJob) -> dict[str, str]:
    return {
        "newsclean.version": __version__,
        "newsclean.cleaner_version": CLEANER_VERSION,
        "newsclean.schema_version": SCHEMA_VERSION,
        "newsclean.source": str(job.unit.path),
        "newsclean.source_fingerprint": job.fingerprint or "",
        "newsclean.run_id": job.run_id,
    }


@dataclass(slots=True)
class _Tally:
    """Counters accumulated over an input's chunks."""

    removals: Counter[str] = field(default_factory=Counter)
    reject_codes: Counter[str] = field(default_factory=Counter)

    def add(self, chunk: ChunkResult, verdict: ChunkVerdict, report: FileReport) -> None:
        report.records_read += chunk.records
        report.articles += len(verdict.kept)
        report.rejects += len(chunk.rejects)
        report.duplicates += len(verdict.duplicates)
        room = max(MAX_LISTED_DUPLICATES - len(report.duplicate_records), 0)
        report.duplicate_records.extend(verdict.duplicates[:room])
        report.renamed_ids.extend(verdict.renamed)
        # Counted on the articles written: a duplicate's removals would count a page twice.
        self.removals.update(str(item["reason"]) for row in verdict.kept for item in row["removed"])
        self.reject_codes.update(str(r["reason_code"]) for r in chunk.rejects)


def ingest_unit(
    job: UnitJob, cleaner: ChunkCleaner, dedup: Deduplicator, store: StateStore | None = None
) -> FileReport:
    """Ingest one input: all its output appears atomically, or none of it (file-level error).

    A file that fails part-way (truncated archive, undecodable bytes) writes nothing and keeps
    its previous output, so a fixed file can simply be re-run; the report says how far reading
    got. With a `store`, the write is journaled so a killed run leaves no duplicate behind.
    """
    started = time.perf_counter()
    report = FileReport(
        source=str(job.unit.path),
        kind=job.unit.kind,
        fingerprint=job.fingerprint,
        input_bytes=input_bytes(job.unit),
    )
    metadata = _metadata(job)
    articles = ParquetPartWriter(job.target("articles"), ARTICLE_SCHEMA, metadata)
    rejects = ParquetPartWriter(job.target("rejects"), REJECT_SCHEMA, metadata)
    if store is not None:
        store.begin(job.key, [articles.target, rejects.target])
    tally = _Tally()
    try:
        templates: SiteTemplates = {}
        if job.cross_page is not None:
            templates = count_site_lines(read_records(job.unit, job.reader_options), job.cross_page)
            report.template_lines = sum(len(keys) for keys in templates.values())
        records = read_records(job.unit, job.reader_options)
        chunks = (Chunk.of(batch, templates) for batch in batched(records, job.chunk_size))
        for chunk in cleaner(chunks):
            verdict = dedup.judge(chunk.articles)
            articles.write(verdict.kept)
            rejects.write(chunk.rejects)
            tally.add(chunk, verdict, report)
        written = [p for p in (articles.commit(), rejects.commit()) if p is not None]
    except Exception as exc:
        articles.abort()
        rejects.abort()
        if store is not None:
            store.abandon(job.key)
        report.status = "error"
        report.error = (
            str(exc) if isinstance(exc, InputError) else f"{job.unit.path}: {type(exc).__name__}: {exc}"
        )
    else:
        if store is not None:
            entry = InputState(
                fingerprint=job.fingerprint, cleaner_version=CLEANER_VERSION, run_id=job.run_id
            )
            store.finish(job.key, entry, written)
        report.articles_file = str(written[0]) if articles.rows_written else None
        report.rejects_file = str(written[-1]) if rejects.rows_written else None
    report.removal_counts = dict(tally.removals.most_common())
    report.reject_codes = dict(tally.reject_codes.most_common())
    report.seconds = round(time.perf_counter() - started, 3)
    return report
