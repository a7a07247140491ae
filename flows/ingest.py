"""The `ingest` Prefect flow: raw dumps in, validated Parquet and a run report out.

The same flow function serves one-off runs (`python flows/ingest.py PATH... --out DIR`) and
scheduled deployments (`prefect.yaml`). It only wires the pure pipeline in `newsclean.pipeline`
into Prefect: chunks of records become tasks on a task runner, results come back in order, and
the run report becomes a JSON file and a table artifact. Parameters are flat scalars on purpose:
a deployment's server validates them by JSON Schema and replaces nested objects wholesale.
"""

import logging
import os

os.environ.setdefault("PREFECT_SERVER_ANALYTICS_ENABLED", "false")
os.environ.setdefault("DO_NOT_TRACK", "1")

from datetime import UTC, datetime
from pathlib import Path
from typing import Annotated, Any

import typer
from prefect import State, flow, get_run_logger
from prefect.artifacts import create_table_artifact
from prefect.runtime import flow_run
from prefect.states import Failed
from pydantic import ValidationError

from flows.progress import RunProgress
from flows.tasks import ClusterUnreachableError, make_runner, ordered_cleaner, workers_share_this_api
from newsclean import __version__
from newsclean.cleaning import CLEANER_VERSION
from newsclean.console import print_run_summary
from newsclean.pipeline import DEFAULT_CHUNK_SIZE, ingest_unit, input_bytes
from newsclean.planning import plan_run
from newsclean.readers import ReaderOptions
from newsclean.report import RunReport, write_report
from newsclean.state import out_dir_problem
from newsclean.transform import TransformSettings

DELIMITER_NAMES = "one character, or tab, \\t, comma, semicolon, pipe"
"""What `--delimiter` accepts (the aliases of `ReaderOptions`), for its help and its error."""


class FailedInputsError(Exception):
    """Some inputs could not be read: the flow run fails, and carries the whole run's report.

    A scheduled run with a missing or corrupt dump must show as a failed flow run, yet the report
    (and the CLI's summary of every other input) is still wanted, so it travels with the failure.
    """

    def __init__(self, report: RunReport) -> None:
        super().__init__(report)
        self.report = report

    def __str__(self) -> str:
        failed = [f.source for f in self.report.failed_files]
        listed = ", ".join(failed[:3]) + (f" and {len(failed) - 3} more" if len(failed) > 3 else "")
        return f"{len(failed)} of {len(self.report.files)} inputs could not be read: {listed}"


def _publish(report: RunReport) -> None:
    rows = [
        {
            "source": f.source,
            "status": f.status,
            "read": f.records_read,
            "articles": f.articles,
            "rejects": f.rejects,
            "duplicates": f.duplicates,
            "records/s": round(f.records_per_second, 1),
            "MB/s": round(f.input_bytes / f.seconds / 1e6, 2) if f.seconds else 0.0,
            "error": f.error or "",
        }
        for f in report.files
    ]
    totals = report.totals()
    create_table_artifact(
        key="ingest-file-stats",
        table=rows,
        description=(
            f"newsclean {report.newsclean_version}: {totals['records_read']} read, "
            f"{totals['articles']} articles, {totals['rejects']} rejects, "
            f"{totals['duplicates']} duplicates, {len(report.failed_files)} failed inputs"
        ),
    )
    create_table_artifact(
        key="ingest-removals",
        table=[{"reason": reason, "removed": count} for reason, count in report.removal_counts().items()],
        description="Lines and spans removed by the cleaner in this run, per reason code.",
    )


@flow(name="ingest", log_prints=False)
def ingest(
    paths: list[str],
    out: str = "data/clean",
    id_column: str | None = None,
    text_column: str | None = None,
    html_column: str | None = None,
    title_column: str | None = None,
    url_column: str | None = None,
    site_column: str | None = None,
    date_column: str | None = None,
    delimiter: str | None = None,
    workers: int = 1,
    chunk_size: int = DEFAULT_CHUNK_SIZE,
    use_html: bool = True,
    force: bool = False,
    dask_address: str | None = None,
    cross_page: bool = True,
) -> RunReport | State[Any]:
    """Clean every supported file under `paths` into Parquet datasets under `out`.

    Returns the run report; when an input could not be read, a Failed state instead (after the
    report is written), so a direct call raises `FailedInputsError` holding the report. An unreachable
    Dask cluster fails the run with `ClusterUnreachableError` before any input is read.
    """
    logger = get_run_logger()
    started = datetime.now(UTC)
    run_id = str(flow_run.get_id() or started.strftime("%Y%m%dT%H%M%S"))
    out_dir = Path(out)
    options = ReaderOptions(
        id_column=id_column,
        text_column=text_column,
        html_column=html_column,
        title_column=title_column,
        url_column=url_column,
        site_column=site_column,
        date_column=date_column,
        delimiter=delimiter,
    )
    settings = TransformSettings(ingested_at=started, use_html=use_html)
    report = RunReport(
        run_id=run_id,
        started_at=started,
        out_dir=str(out_dir),
        newsclean_version=__version__,
        cleaner_version=CLEANER_VERSION,
    )
    plan = plan_run(
        paths,
        out_dir,
        options,
        ingest_date=started.date(),
        run_id=run_id,
        force=force,
        chunk_size=chunk_size,
        cross_page=cross_page,
    )
    if plan.recovered:
        logger.warning("removed %d files left by an interrupted run", len(plan.recovered))
    report.files = list(plan.settled)
    total_bytes = sum(input_bytes(job.unit) for job in plan.jobs)
    for failed in report.failed_files:
        logger.error("%s", failed.error)
    try:
        with (
            workers_share_this_api(),
            make_runner(workers, dask_address) as runner,
            RunProgress(total_bytes, len(plan.jobs)) as progress,
        ):
            cleaner = progress.watch(ordered_cleaner(runner, settings, window=max(2, 2 * workers)))
            for job in plan.jobs:
                file_report = ingest_unit(job, cleaner, plan.dedup, plan.store)
                report.files.append(file_report)
                progress.input_done(file_report.input_bytes)
                logger.log(
                    logging.ERROR if file_report.error else logging.INFO,
                    "%s: %d read, %d articles, %d rejects, %d duplicates%s",
                    job.unit.path,
                    file_report.records_read,
                    file_report.articles,
                    file_report.rejects,
                    file_report.duplicates,
                    f", ERROR {file_report.error}" if file_report.error else "",
                )
    except ClusterUnreachableError as exc:
        # a failed state, not a raise: Prefect would log a traceback for what is one line
        logger.error("%s", exc)
        return Failed(message=str(exc), data=exc)
    report.finished_at = datetime.now(UTC)
    report_path = write_report(report, out_dir)
    _publish(report)
    logger.info("run report: %s", report_path)
    unbalanced = [f.source for f in report.files if not f.balanced]
    if unbalanced:
        msg = f"accounting mismatch (read != articles + rejects + duplicates) for: {unbalanced}"
        raise RuntimeError(msg)
    if report.failed_files:
        failure = FailedInputsError(report)
        logger.error("%s", failure)
        return Failed(message=str(failure), data=failure)
    return report


def usage_problem(out: str, columns: dict[str, str | None]) -> str | None:
    """The first option a run would refuse, as one line naming it and its value; None if all pass.

    Checked before the flow starts, so a typo costs one line and exit 2 rather than a failed flow
    run, a temporary Prefect server started for nothing and a screenful of traceback.
    """
    try:
        ReaderOptions.model_validate(columns)
    except ValidationError as exc:
        error = exc.errors()[0]
        name = str(error["loc"][0]) if error["loc"] else "option"
        hint = f" (use {DELIMITER_NAMES})" if name == "delimiter" else ""
        message = error["msg"].removeprefix("Value error, ")
        return f"--{name.replace('_', '-')} {error['input']!r}: {message}{hint}"
    problem = out_dir_problem(Path(out))
    return f"--out {out}: {problem}" if problem else None


def main(
    paths: Annotated[list[str], typer.Argument(help="Dump files or folders (walked for supported files).")],
    out: Annotated[
        str,
        typer.Option(
            help="Output folder: articles/ and rejects/ (Parquet), _runs/ (run reports) and _state/ "
            "(what was ingested from which content; unchanged inputs are skipped next time)."
        ),
    ] = "data/clean",
    id_column: Annotated[str | None, typer.Option(help="Column holding the record id.")] = None,
    text_column: Annotated[str | None, typer.Option(help="Column holding the page text.")] = None,
    html_column: Annotated[str | None, typer.Option(help="Column holding the page HTML.")] = None,
    title_column: Annotated[str | None, typer.Option(help="Column holding the title.")] = None,
    url_column: Annotated[str | None, typer.Option(help="Column holding the URL.")] = None,
    site_column: Annotated[str | None, typer.Option(help="Column holding the site name.")] = None,
    date_column: Annotated[str | None, typer.Option(help="Column holding the publication date.")] = None,
    delimiter: Annotated[
        str | None, typer.Option(help=f"Delimiter: {DELIMITER_NAMES} (sniffed if unset).")
    ] = None,
    workers: Annotated[
        int,
        typer.Option(
            min=1,
            help="Parallel cleaning processes on this machine. With --dask-address the cluster's "
            "workers do the cleaning; this then only sets the chunks in flight (2 x this).",
        ),
    ] = 1,
    chunk_size: Annotated[int, typer.Option(min=1, help="Records per cleaning task.")] = DEFAULT_CHUNK_SIZE,
    use_html: Annotated[bool, typer.Option(help="Extract from HTML when a record has it.")] = True,
    force: Annotated[bool, typer.Option(help="Reprocess inputs already ingested unchanged.")] = False,
    dask_address: Annotated[
        str | None, typer.Option(help="Run cleaning tasks on this Dask scheduler (tcp://HOST:PORT).")
    ] = None,
    cross_page: Annotated[
        bool, typer.Option(help="First pass per input: drop lines repeated on many pages of a site.")
    ] = True,
) -> None:
    """Run the ingest flow once; exit 1 if any input could not be read at all, 2 on a bad option."""
    columns = {
        "id_column": id_column,
        "text_column": text_column,
        "html_column": html_column,
        "title_column": title_column,
        "url_column": url_column,
        "site_column": site_column,
        "date_column": date_column,
        "delimiter": delimiter,
    }
    problem = usage_problem(out, columns)
    if problem:
        typer.echo(f"newsclean: {problem}", err=True)
        raise typer.Exit(code=2)
    state = ingest(
        paths=paths,
        out=out,
        **columns,
        workers=workers,
        chunk_size=chunk_size,
        use_html=use_html,
        force=force,
        dask_address=dask_address,
        cross_page=cross_page,
        return_state=True,
    )
    outcome = state.result(raise_on_failure=False)
    report = outcome.report if isinstance(outcome, FailedInputsError) else outcome
    if not isinstance(report, RunReport):
        typer.echo(f"newsclean: run failed: {outcome}", err=True)
        raise typer.Exit(code=1)
    print_run_summary(report)
    if report.failed_files:
        raise typer.Exit(code=1)


if __name__ == "__main__":
    typer.run(main)
