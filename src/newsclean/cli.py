"""The `newsclean` console command: clean one page and show why each line went.

Ingesting whole dumps is the flow's job (`flows/ingest.py`); this command is for the person
tuning or auditing the cleaner on a single page.
"""

import sys
from datetime import UTC, datetime
from pathlib import Path
from typing import Annotated

import typer

from newsclean.console import print_explanation
from newsclean.readers.decoding import decode_bytes
from newsclean.readers.txt import read_page
from newsclean.records import InputError, RawRecord
from newsclean.transform import HtmlOverBudgetError, TransformSettings, clean_record, html_source_read_as_html

app = typer.Typer(
    add_completion=False,
    no_args_is_help=True,
    help=(
        "Clean one page of news or web text and show why each line went. Whole dumps are ingested "
        "by the flow (flows/ingest.py); this command is for tuning or auditing the cleaner."
    ),
)


@app.callback()
def _root() -> None:
    """Clean news and web page text of its boilerplate."""


def _read(source: str, encoding: str | None) -> str:
    """The page's text, decoded as the flow decodes a `.txt` page (`clean_record` repairs it)."""
    try:
        if source == "-":
            text = decode_bytes(sys.stdin.buffer.read(), "<stdin>", encoding)
        else:
            text = read_page(Path(source), encoding)
    except InputError as exc:
        typer.echo(f"newsclean: cannot read {exc}", err=True)
        raise typer.Exit(code=2) from None
    except OSError as exc:
        typer.echo(f"newsclean: cannot read {source}: {exc.strerror}", err=True)
        raise typer.Exit(code=2) from None
    return text


@app.command(
    help=(
        "Print the cleaned text of one page, or with --explain the verdict on every line. The page "
        "is decoded, repaired and cleaned as the flow treats a .txt page (a page's HTML source goes "
        "through trafilatura first), so what it shows is what the flow stores."
    )
)
def clean(
    source: Annotated[
        str,
        typer.Argument(
            metavar="FILE", help="A file holding one page's text or HTML (or .gz), or - for stdin."
        ),
    ],
    title: Annotated[
        str | None,
        typer.Option(help="The page's known title (its repeats are dropped); else the headline is found."),
    ] = None,
    explain: Annotated[bool, typer.Option(help="Show every line with its verdict and reason.")] = False,
    encoding: Annotated[
        str | None, typer.Option(help="Force the text encoding (default: detected, as the flow does).")
    ] = None,
) -> None:
    """The `clean` command; its help is given to `app.command` (a docstring's wraps show in --help)."""
    page = RawRecord(source_file=source, record_index=0, raw={}, text=_read(source, encoding), title=title)
    try:
        result, extraction, _, _ = clean_record(
            html_source_read_as_html(page), TransformSettings(datetime.now(UTC))
        )
    except HtmlOverBudgetError as exc:
        typer.echo(f"newsclean: {source}: HTML not used: {exc}", err=True)
        raise typer.Exit(code=2) from None
    if explain and extraction == "html":
        typer.echo("newsclean: read as HTML; the lines below are trafilatura's text", err=True)
    if explain:
        print_explanation(result)
    else:
        typer.echo(result.text)
