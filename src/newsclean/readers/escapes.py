r"""Backslash-escaped fields: telling a dump that writes line breaks as `\n` and undoing it.

Unquoted tab-separated exports cannot hold a real line break inside a field, so the tools that
write them escape it: PostgreSQL's `COPY … TO` (text format), MySQL's `SELECT … INTO OUTFILE`,
ClickHouse's `TabSeparated`, Hive, and many scrapers' own `text.replace("\n", "\\n")`. Read as
is, a page's paragraphs, menus and footers arrive as one line, and a line-based cleaner can cut
nothing from it. Such a file is recognised from its first rows (`uses_backslash_escapes`), and its
content fields decoded as those tools write them (`unescape`); the raw record kept with a reject
stays as read.
"""

import re
from collections.abc import Sequence

_ESCAPED_BREAK = re.compile(r"(?<!\\)(?:\\\\)*\\[nr]")
"""An escaped line break: a backslash before `n` or `r` that is not itself escaped."""
_ESCAPE = re.compile(r"\\(.)", re.DOTALL)
_DECODED = {"n": "\n", "t": "\t", "r": "\r", "b": "\b", "f": "\f", "v": "\v", "0": "\0"}
"""What each escape stands for; any other escaped character stands for itself (a doubled
backslash for one)."""
NULL = "\\N"
"""PostgreSQL's, MySQL's and ClickHouse's spelling of a missing value in these formats."""
_MIN_SHARE = 0.5
"""Share of the sampled records that must hold an escaped line break."""


def uses_backslash_escapes(rows: Sequence[Sequence[str]]) -> bool:
    r"""Whether sampled data rows (header excluded) write line breaks as backslash escapes.

    So judged when no field holds a real line break (a file that can carry them, quoted CSV
    say, has no reason to escape them; a `\n` there is text, a code sample's) and at least half
    the records hold an escaped one: a few pages quoting code with `\n` in it do not qualify.
    """
    if not rows:
        return False
    escaped = 0
    for row in rows:
        for value in row:
            if "\n" in value or "\r" in value:
                return False
        if any("\\" in value and _ESCAPED_BREAK.search(value) for value in row):
            escaped += 1
    return escaped >= _MIN_SHARE * len(rows)


def _decode(match: re.Match[str]) -> str:
    char = match.group(1)
    return _DECODED.get(char, char)


def unescape(value: str) -> str | None:
    r"""A field as the exporting tool meant it: escapes decoded, `\N` as missing (None)."""
    if value == NULL:
        return None
    return _ESCAPE.sub(_decode, value) if "\\" in value else value
