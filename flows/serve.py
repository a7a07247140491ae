"""`make serve`: run the ingest flow on its daily schedule from this process, no work pool needed.

For one machine without a Prefect worker; stopping the process stops the schedule (runs are not
left paused: `pause_on_shutdown=False`). Work pools and `prefect.yaml` are the production route.
"""

import os

os.environ.setdefault("PREFECT_SERVER_ANALYTICS_ENABLED", "false")
os.environ.setdefault("DO_NOT_TRACK", "1")

from typing import Annotated

import typer

from flows.ingest import ingest


def main(
    paths: Annotated[list[str] | None, typer.Argument(help="Dump files or folders.")] = None,
    out: Annotated[str, typer.Option(help="Output folder.")] = "data/clean",
    cron: Annotated[str, typer.Option(help="Schedule, cron syntax (UTC).")] = "0 3 * * *",
    workers: Annotated[int, typer.Option(min=1, help="Parallel cleaning processes.")] = 2,
) -> None:
    """Serve the `ingest` flow as the deployment `ingest/newsclean-serve` on a cron schedule."""
    ingest.serve(
        name="newsclean-serve",
        cron=cron,
        parameters={"paths": paths or ["data/raw"], "out": out, "workers": workers},
        pause_on_shutdown=False,
    )


if __name__ == "__main__":
    typer.run(main)
