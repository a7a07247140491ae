"""Planning a run: which inputs to (re)ingest, which to skip, and what the dataset already holds.

An input is skipped when the state file says it was ingested from the same bytes by the same
cleaner version (a scheduled run then only touches new or changed dumps); `force` reprocesses.
The deduplicator is seeded from every article file this run will not rewrite, so duplicates and
id clashes are judged against the whole dataset.
"""

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from newsclean.cleaning import CLEANER_VERSION
from newsclean.dedup import Deduplicator
from newsclean.pipeline import DEFAULT_CHUNK_SIZE, UnitJob
from newsclean.readers import InputUnit, ReaderOptions, discover_inputs, unique_units, unit_fingerprint
from newsclean.records import InputError
from newsclean.report import FileReport
from newsclean.sitelines import SiteLineSettings
from newsclean.state import StateStore


@dataclass(slots=True)
class RunPlan:
    """The work of one run, and what was decided without doing any."""

    store: StateStore
    dedup: Deduplicator
    jobs: list[UnitJob] = field(default_factory=list)
    settled: list[FileReport] = field(default_factory=list)
    recovered: list[str] = field(default_factory=list)
    seeded_articles: int = 0


def _discover(paths: Sequence[str], plan: RunPlan) -> list[InputUnit]:
    """Inputs per path; a path that cannot be used is an input-level error, not the end of the run.

    Each input is kept once over all paths: one named twice, or named and also inside a given
    folder, would otherwise be read twice and its records counted as duplicates of themselves.
    """
    units: list[InputUnit] = []
    for path in paths:
        try:
            units.extend(discover_inputs([path]))
        except InputError as exc:
            plan.settled.append(FileReport(source=str(path), kind="unknown", status="error", error=str(exc)))
    return unique_units(units)


def plan_run(
    paths: Sequence[str],
    out_dir: Path,
    options: ReaderOptions,
    *,
    ingest_date: date,
    run_id: str,
    force: bool = False,
    chunk_size: int = DEFAULT_CHUNK_SIZE,
    cross_page: bool = True,
) -> RunPlan:
    """Recover from any interrupted run, then decide each input's fate.

    `cross_page` makes each input get a first pass that finds its sites' template lines.
    """
    store = StateStore(out_dir)
    plan = RunPlan(store=store, dedup=Deduplicator(), recovered=store.recover())
    for unit in _discover(paths, plan):
        try:
            fingerprint = unit_fingerprint(unit)
        except (InputError, OSError) as exc:
            failed = FileReport(source=str(unit.path), kind=unit.kind, status="error", error=str(exc))
            plan.settled.append(failed)
            continue
        job = UnitJob(
            unit,
            out_dir,
            options,
            ingest_date=ingest_date,
            chunk_size=chunk_size,
            run_id=run_id,
            fingerprint=fingerprint,
            cross_page=SiteLineSettings() if cross_page else None,
        )
        if not force and store.is_current(job.key, fingerprint, CLEANER_VERSION):
            plan.settled.append(
                FileReport(source=str(unit.path), kind=unit.kind, status="skipped", fingerprint=fingerprint)
            )
        else:
            plan.jobs.append(job)
    plan.seeded_articles = plan.dedup.seed(store.retained_outputs({job.key for job in plan.jobs}))
    return plan
