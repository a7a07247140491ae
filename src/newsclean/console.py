"""Human-facing terminal output: the run summary and the cleaner's line-by-line explanation.

Kept apart from the pipeline so the core never prints; rich degrades to plain text when the
output is not a terminal (CI logs, pipes), so the same calls serve both.
"""

from rich.console import Console
from rich.table import Table
from rich.text import Text

from newsclean.cleaning.result import CleanResult, Removal
from newsclean.report import RunReport


def print_run_summary(report: RunReport, console: Console | None = None) -> None:
    """One row per input with the accounting columns, then the failed inputs' reasons."""
    console = console or Console()
    table = Table(title=f"newsclean run {report.run_id[:8]} -> {report.out_dir}")
    for column in ("input", "status", "read", "articles", "rejects", "duplicates"):
        table.add_column(column, justify="left" if column in {"input", "status"} else "right")
    for f in report.files:
        status = Text(f.status, style="green" if f.status == "ok" else "bold red")
        table.add_row(
            f.source,
            status,
            str(f.records_read),
            str(f.articles),
            str(f.rejects),
            str(f.duplicates),
        )
    totals = report.totals()
    table.add_row(
        "total",
        "",
        *(str(totals[k]) for k in ("records_read", "articles", "rejects", "duplicates")),
    )
    console.print(table)
    for f in report.failed_files:
        console.print(f"[bold red]error[/] {f.error}", highlight=False)


def print_explanation(result: CleanResult, console: Console | None = None) -> None:
    """Every input line with its verdict, and under a kept line the spans cut out of it.

    Kept lines are plain ('keep', or 'cut' when spans went), dropped ones dimmed after their
    reason, blank lines bare; the lines of a hard-wrapped paragraph (judged as one) are shown as
    written, the verdict on the first. A kept line is shown as the body has it (spaces tidied), so the
    spans cut from it are listed beneath rather than marked inside.
    """
    console = console or Console()
    spans: dict[int, list[Removal]] = {}
    for removal in result.removed:
        if removal.kind == "span":
            spans.setdefault(removal.line, []).append(removal)
    width = max((len(str(v.reason)) for v in result.verdicts if v.reason), default=4)
    verdicts = list(result.verdicts)
    for at, verdict in enumerate(verdicts):
        cut = spans.get(verdict.line, [])
        # The first line of a hard-wrapped paragraph is shown as written, like the lines continuing it.
        wrapped = verdict.continues or (at + 1 < len(verdicts) and verdicts[at + 1].continues)
        if verdict.continues:
            label = Text(" " * width)
            body = Text(verdict.text, style="" if verdict.keep else "dim")
        elif verdict.keep:
            label = Text(
                ("cut" if cut else "keep").ljust(width), style="bold yellow" if cut else "bold green"
            )
            shown = verdict.text if wrapped or verdict.kept_text is None else verdict.kept_text
            body = Text(shown)
        elif verdict.reason is None:
            console.print()
            continue
        else:
            label = Text(str(verdict.reason).ljust(width), style="red")
            body = Text(verdict.text, style="dim")
        console.print(Text.assemble(label, "  ", body), highlight=False, soft_wrap=True)
        for span in cut:
            tag = f"  - {span.reason}: "
            console.print(
                Text.assemble(" " * width, (tag, "yellow"), (span.text, "dim")),
                highlight=False,
                soft_wrap=True,
            )
