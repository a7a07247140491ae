"""Progress of a run: a live bar in a terminal, a Prefect progress artifact, periodic log lines.

Wraps the flow's ChunkCleaner, so it sees every cleaned chunk as it comes back; the pure pipeline
stays unaware of how progress is shown.
"""

import sys
import time
from collections.abc import Iterable, Iterator
from types import TracebackType
from typing import Self, cast
from uuid import UUID

from prefect import get_run_logger
from prefect.artifacts import create_progress_artifact, update_progress_artifact
from rich.progress import BarColumn, Progress, TextColumn, TimeElapsedColumn

from newsclean.pipeline import Chunk, ChunkCleaner, ChunkResult

LOG_EVERY_SECONDS = 30.0
"""Without a terminal (deployments, CI), a progress line is logged at most this often."""


class RunProgress:
    """Counts records and input bytes done, and shows them where the run is watched."""

    def __init__(self, total_bytes: int, inputs: int) -> None:
        self.total_bytes = max(total_bytes, 1)
        self.done_bytes = 0
        self.records = 0
        self.started = time.perf_counter()
        self._last_log = self.started
        self._logger = get_run_logger()
        artifact = create_progress_artifact(
            progress=0.0, key="ingest-progress", description=f"{inputs} inputs to ingest"
        )
        self._artifact = cast("UUID", artifact)  # the sync API returns the id; async callers get a coroutine
        self._bar: Progress | None = None
        if sys.stderr.isatty():
            self._bar = Progress(
                TextColumn("{task.description}"),
                BarColumn(),
                TextColumn("{task.fields[records]:,} records  {task.fields[rate]:,.0f}/s"),
                TextColumn("{task.fields[mbps]:.1f} MB/s"),
                TimeElapsedColumn(),
            )
            self._task = self._bar.add_task("ingest", total=self.total_bytes, records=0, rate=0.0, mbps=0.0)

    def __enter__(self) -> Self:
        if self._bar is not None:
            self._bar.start()
        return self

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        if self._bar is not None:
            self._bar.stop()

    def watch(self, cleaner: ChunkCleaner) -> ChunkCleaner:
        """The same cleaner, counting each chunk's records as its result comes back."""

        def clean(chunks: Iterable[Chunk]) -> Iterator[ChunkResult]:
            for result in cleaner(chunks):
                self.records += result.records
                self._show()
                yield result

        return clean

    def input_done(self, size: int) -> None:
        """One input finished: advance the byte total and the Prefect progress artifact."""
        self.done_bytes += size
        update_progress_artifact(
            self._artifact, progress=min(100.0, 100.0 * self.done_bytes / self.total_bytes)
        )
        self._show(force=True)

    def _show(self, force: bool = False) -> None:
        elapsed = max(time.perf_counter() - self.started, 1e-9)
        rate, mbps = self.records / elapsed, self.done_bytes / elapsed / 1e6
        if self._bar is not None:
            self._bar.update(
                self._task, completed=self.done_bytes, records=self.records, rate=rate, mbps=mbps
            )
        elif force or time.perf_counter() - self._last_log >= LOG_EVERY_SECONDS:
            self._last_log = time.perf_counter()
            self._logger.info(
                "progress: %d records, %.0f records/s, %.1f MB/s of input", self.records, rate, mbps
            )
