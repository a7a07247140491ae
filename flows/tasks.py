"""Prefect tasks and task runners of the ingest flow.

Kept in their own importable module (`flows.tasks`) so that process-pool and Dask workers can
unpickle the task by name however the flow itself was loaded: as a script, from a deployment
entrypoint path, or as `flows.ingest`.
"""

import os
from collections import deque
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from typing import Any

from prefect import task
from prefect.cache_policies import NO_CACHE
from prefect.client.orchestration import get_client
from prefect.task_runners import ProcessPoolTaskRunner, TaskRunner, ThreadPoolTaskRunner

from newsclean.pipeline import Chunk, ChunkCleaner, ChunkResult, process_chunk
from newsclean.transform import TransformSettings


@task(name="clean-chunk", cache_policy=NO_CACHE, persist_result=False, retries=0)
def clean_chunk(chunk: Chunk, settings: TransformSettings) -> ChunkResult:
    """Clean one chunk; a thin wrapper so the pure function runs on any Prefect task runner."""
    return process_chunk(chunk, settings)


class ClusterUnreachableError(RuntimeError):
    """The Dask scheduler of `--dask-address` did not answer: the run's failure, not an input's."""


@contextmanager
def make_runner(workers: int, dask_address: str | None) -> Iterator[TaskRunner[Any]]:
    """Processes for real parallelism (cleaning is CPU-bound); one thread when single-worker.

    With a Dask address, chunks go to that existing cluster instead (its workers need newsclean
    installed and this run's PREFECT_API_URL reachable). prefect-dask connects on the first
    submit, inside the first input's ingest, where a dead scheduler became that input's error;
    connecting here makes it the run's. The wait is Dask's `distributed.comm.timeouts.connect`
    (30 s unless set, e.g. DASK_DISTRIBUTED__COMM__TIMEOUTS__CONNECT=5s).

    Raises:
        ClusterUnreachableError: the scheduler could not be reached (or the address is not one).
    """
    if dask_address:
        from prefect_dask.task_runners import DaskTaskRunner  # noqa: PLC0415 - dask costs ~1 s to import; load it only when asked

        with DaskTaskRunner(address=dask_address) as dask_runner:
            try:
                _ = dask_runner.client
            except (OSError, ValueError) as exc:
                msg = f"cannot reach the Dask scheduler at {dask_address}: {type(exc).__name__}: {exc}"
                raise ClusterUnreachableError(msg) from exc
            yield dask_runner
        return
    runner: TaskRunner[Any] = (
        ThreadPoolTaskRunner(max_workers=1) if workers <= 1 else ProcessPoolTaskRunner(max_workers=workers)
    )
    with runner:
        yield runner


@contextmanager
def workers_share_this_api() -> Iterator[None]:
    """Point pool workers at this run's Prefect API for the duration of the run.

    With no API configured, a one-off run talks to a temporary local server, but its URL lives in
    this process's settings only: each process-pool worker then found no API and started its own
    temporary server (~10 s per worker, measured), which dominated short runs. Workers inherit
    the environment, so exporting the URL here makes them report to the run's own server.
    """
    if os.environ.get("PREFECT_API_URL"):
        yield
        return
    with get_client(sync_client=True) as client:
        os.environ["PREFECT_API_URL"] = str(client.api_url)
    try:
        yield
    finally:
        os.environ.pop("PREFECT_API_URL", None)


def ordered_cleaner(runner: TaskRunner[Any], settings: TransformSettings, window: int) -> ChunkCleaner:
    """A ChunkCleaner submitting chunks to `runner`, at most `window` in flight, results in order.

    The window bounds memory (records waiting in the pipe) whatever the input size.
    """

    def clean(chunks: Iterable[Chunk]) -> Iterator[ChunkResult]:
        pending: deque[Any] = deque()
        for chunk in chunks:
            pending.append(runner.submit(clean_chunk, {"chunk": chunk, "settings": settings}))
            if len(pending) >= window:
                yield pending.popleft().result()
        while pending:
            yield pending.popleft().result()

    return clean
