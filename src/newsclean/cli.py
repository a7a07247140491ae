"""The `newsclean` console command: clean one page and show why each line went.

Ingesting whole dumps is the flow's job (`flows/ingest.py`); this command is for the person
tuning or auditing the cleaner on a single page.
"""

import sys
from pathlib import Path
from typing import Annotated

import typer

from newsclean.cleaning import clean_text
from newsclean.console import print_explanation

app = typer.Typer(add_completion=False, no_args_is_help=True, help=__doc__)


@app.callback()
def _root() -> None:
    """Clean news and web page text of its boilerplate."""


@app.command()
def clean(
    source: Annotated[str, typer.Argument(help="A text file holding one page, or - for stdin.")],
    title: Annotated[
        str | None, typer.Option(help="The page's known title (its repeats are dropped).")
    ] = None,
    explain: Annotated[bool, typer.Option(help="Show every line with its verdict and reason.")] = False,
) -> None:
    """Print the cleaned text of one page (or, with --explain, the verdict on every line)."""
    if source == "-":
        text = sys.stdin.read()
    else:
        path = Path(source)
        try:
            text = path.read_text(encoding="utf-8", errors="replace")
        except OSError as exc:
            typer.echo(f"newsclean: cannot read {source}: {exc.strerror}", err=True)
            raise typer.Exit(code=2) from None
    result = clean_text(text, title=title)
    if explain:
        print_explanation(result)
    else:
        typer.echo(result.text)
