"""The run report: per input file, what was read and where every record went.

It is the user's proof of the accounting invariant (read = articles + rejects + duplicates) and
the place file-level errors are listed, so it is a validated model written as JSON under
`OUT/_runs/` and shown as a Prefect table artifact.
"""

from collections import Counter
from datetime import datetime
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

MAX_LISTED_DUPLICATES = 10_000
"""Duplicates listed per file in the report; beyond this only the count grows, keeping the report
small on dumps that are mostly repeats."""


class DuplicateEntry(BaseModel):
    """A record dropped because an earlier record of the run had the same cleaned text."""

    model_config = ConfigDict(frozen=True)

    record_index: int
    id: str
    duplicate_of: str = Field(description="Id of the first record with the same content_hash.")


class RenamedId(BaseModel):
    """A record kept under a new id because an earlier article of the dataset had its id."""

    model_config = ConfigDict(frozen=True)

    record_index: int
    id: str
    new_id: str


class FileReport(BaseModel):
    """What happened to one input (a dump file, or a folder of .txt pages)."""

    source: str
    kind: str
    status: Literal["ok", "error", "skipped"] = "ok"
    error: str | None = None
    fingerprint: str | None = Field(default=None, description="xxh3-128 of the input's bytes.")
    input_bytes: int = Field(default=0, description="Size of the input on disk (compressed if it is).")
    records_read: int = 0
    articles: int = 0
    rejects: int = 0
    duplicates: int = 0
    duplicate_records: list[DuplicateEntry] = Field(default_factory=list)
    renamed_ids: list[RenamedId] = Field(default_factory=list)
    reject_codes: dict[str, int] = Field(default_factory=dict)
    removal_counts: dict[str, int] = Field(
        default_factory=dict,
        description="Removed lines and spans per reason, in the articles written (not duplicates, rejects).",
    )
    articles_file: str | None = None
    rejects_file: str | None = None
    template_lines: int = Field(
        default=0, description="Site template lines found by the cross-page pass (see `sitelines`)."
    )
    seconds: float = 0.0

    @property
    def records_per_second(self) -> float:
        """Throughput of this input's ingest (0 when nothing was timed)."""
        return self.records_read / self.seconds if self.seconds else 0.0

    @property
    def balanced(self) -> bool:
        """The accounting invariant: read = articles + rejects + duplicates.

        A failed input wrote nothing and a skipped one was not read, so only "ok" inputs can
        break it.
        """
        return self.status != "ok" or self.records_read == self.articles + self.rejects + self.duplicates


class RunReport(BaseModel):
    """One run of the ingest flow."""

    run_id: str
    started_at: datetime
    finished_at: datetime | None = None
    out_dir: str
    newsclean_version: str
    cleaner_version: str
    files: list[FileReport] = Field(default_factory=list)

    @property
    def failed_files(self) -> list[FileReport]:
        """Inputs that could not be read at all; they make the run exit non-zero."""
        return [f for f in self.files if f.status == "error"]

    def totals(self) -> dict[str, int]:
        """Sums over files, for the summary line and the artifact."""
        keys = ("records_read", "articles", "rejects", "duplicates")
        return {k: sum(getattr(f, k) for f in self.files) for k in keys}

    def removal_counts(self) -> dict[str, int]:
        """Removed lines/spans per reason over the whole run."""
        total: Counter[str] = Counter()
        for f in self.files:
            total.update(f.removal_counts)
        return dict(total.most_common())


def write_report(report: RunReport, out_dir: Path) -> Path:
    """Write the report as `OUT/_runs/<start>-<run id>.json`, atomically like the data files.

    The `_runs` folder starts with an underscore so Spark and friends skip it when reading `OUT`.
    """
    runs = out_dir / "_runs"
    runs.mkdir(parents=True, exist_ok=True)
    stamp = report.started_at.strftime("%Y%m%dT%H%M%SZ")
    target = runs / f"{stamp}-{report.run_id[:8]}.json"
    tmp = target.with_name(f".{target.name}.tmp")
    tmp.write_text(report.model_dump_json(indent=2), encoding="utf-8")
    tmp.replace(target)
    return target
