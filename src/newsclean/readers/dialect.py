r"""Choosing how to split a delimited dump: the delimiter, and whether quotes mean anything.

Delimiter: `--delimiter` wins. Otherwise each candidate (`, TAB ; |`, the extension's own first:
TAB for `.tsv`/`.tab`, `|` for `.psv`) parses the first `SAMPLE_CHARS` of the file with the csv
module itself, and the one whose rows agree best with the header's field count wins (ties: more
header fields, then candidate order). `csv.Sniffer` is not used: its character-frequency
tables misjudge samples made of one or two multi-line quoted HTML fields, and it is slow on 64 KB;
parsing with the real parser judges by exactly what reading will do. See `_Fit` for the ranking.

Quoting: RFC 4180 (`"` quotes, `""` escapes, newlines inside quoted fields) for every delimiter
but TAB. Tab-separated exports are usually written without quoting, and there a `"` starting a
field (`"Best" deals`, a lone `"` for inches) would swallow every following line up to the next
quote. So TSV is read with quoting off (`QUOTE_NONE`: quotes are ordinary characters) unless the
sample (1) has fields that start with `"`, (2) is well-formed RFC 4180 under a strict parse (no
`"Best" deals`, no quote left open over lines shaped like records), and (3) splits into rows at
least as consistently with quotes as without. The sample decides for the whole file: a TSV whose
first quoted field comes after the sample is read with its quotes kept literally.

Escapes: a file whose fields write line breaks as `\n` (PostgreSQL, MySQL and ClickHouse
exports) is read with its content fields decoded; the sample decides that too (`escapes`).
"""

import contextlib
import csv
import io
import re
from dataclasses import dataclass
from typing import Literal

from newsclean.readers.escapes import uses_backslash_escapes

SAMPLE_CHARS = 64 << 10
"""Characters of the file the dialect is judged on (64 Ki)."""

Quoting = Literal[0, 3]
"""csv.QUOTE_MINIMAL (0) or csv.QUOTE_NONE (3): the two policies a reader can get."""

CANDIDATES = (",", "\t", ";", "|")
_FIELD_STARTS_WITH_QUOTE = re.compile(r'(?:^|[\t\r\n])"')
_LINE_BREAK = re.compile(r"\r\n|\r|\n")
_SWALLOWED_RECORDS = 2
"""Lines shaped like whole records inside a quoted field still open at the end of the sample
that make the quote look like a lone one, not the start of a long multi-line field."""


@dataclass(frozen=True, slots=True)
class Dialect:
    """How to split one file."""

    delimiter: str
    quoting: Quoting
    escapes: bool = False
    """Fields write line breaks and tabs as backslash escapes: see the `escapes` module."""


@dataclass(frozen=True, slots=True, order=True)
class _Fit:
    """How well a candidate splits the sample; larger is better (compared field by field)."""

    tabular: bool
    """At least two header fields and at least half the rows agreeing: a real table. Any absent
    delimiter "splits" every row into one consistent field, so such readings only win when
    nothing splits the file into columns."""
    agreeing: float
    """Share of data rows with the header's field count (1.0 for a header-only sample)."""
    width: int
    """Header field count: with equal agreement, the reading that finds more columns."""


def _fit(sample: str, complete: bool, delimiter: str, quoting: Quoting) -> _Fit:
    rows = [row for row in _sample_rows(sample, delimiter, quoting) if row]
    if not complete and len(rows) > 1:
        rows.pop()  # the sample ends mid-row; a truncated row proves nothing
    if not rows:
        return _Fit(tabular=False, agreeing=0.0, width=0)
    width = len(rows[0])
    data = rows[1:]
    agreeing = sum(1 for row in data if len(row) == width) / len(data) if data else 1.0
    return _Fit(tabular=width >= 2 and agreeing >= 0.5, agreeing=agreeing, width=width)


def _sample_rows(sample: str, delimiter: str, quoting: Quoting) -> list[list[str]]:
    rows: list[list[str]] = []
    reader = csv.reader(io.StringIO(sample, newline=""), delimiter=delimiter, quoting=quoting, strict=False)
    with contextlib.suppress(csv.Error):  # only an over-long field raises (strict=False)
        rows.extend(reader)
    return rows


def _best_fit(sample: str, complete: bool, delimiter: str) -> _Fit:
    """A candidate's fit; TAB is judged under whichever quoting suits it better."""
    fit = _fit(sample, complete, delimiter, csv.QUOTE_MINIMAL)
    if delimiter == "\t":
        fit = max(fit, _fit(sample, complete, delimiter, csv.QUOTE_NONE))
    return fit


def _tab_quoting(sample: str, complete: bool) -> Quoting:
    """QUOTE_MINIMAL only when fields start with quotes and honouring them does no harm.

    Quotes are honoured when the sample is well-formed RFC 4180 under them (a strict parse
    succeeds: no `"Best" deals`, no quote left open at the end of a whole file) and rows agree
    with the header at least as well as without them. A lone quote swallowing the rest of the
    sample can look perfectly consistent, hence the strict parse.
    """
    if not _FIELD_STARTS_WITH_QUOTE.search(sample) or not _strict_rfc(sample, complete):
        return csv.QUOTE_NONE
    if not _swallows_records(sample):
        # Quoted fields hold only text, not lines shaped like records: quoting is real, even
        # when some rows disagree with the header (those become malformed records either way).
        return csv.QUOTE_MINIMAL
    quoted = _fit(sample, complete, "\t", csv.QUOTE_MINIMAL)
    literal = _fit(sample, complete, "\t", csv.QUOTE_NONE)
    return csv.QUOTE_MINIMAL if quoted.agreeing >= literal.agreeing else csv.QUOTE_NONE


def _swallows_records(sample: str) -> bool:
    """Whether some quoted field, read with quotes honoured, spans lines shaped like whole records.

    A lone quote opening a field and another closing one lines later would turn the records in
    between into the text of one field; their lines keep the header's number of tabs.
    """
    rows = _sample_rows(sample, "\t", csv.QUOTE_MINIMAL)
    if not rows or len(rows[0]) < 2:
        return False
    tabs = len(rows[0]) - 1
    return any(
        segment.count("\t") == tabs and segment.strip()
        for row in rows[1:]
        for value in row
        if "\n" in value or "\r" in value
        for segment in _LINE_BREAK.split(value)[1:]
    )


def _strict_rfc(sample: str, complete: bool) -> bool:
    """Whether the tab-separated sample parses under strict RFC 4180 quoting.

    A cut sample may end inside a quoted field, which is fine for a long multi-line page, but
    not when the open "field" holds lines that look like whole records: a lone quote swallowing.
    """
    reader = csv.reader(io.StringIO(sample, newline=""), delimiter="\t", strict=True)
    row_start = 1
    try:
        for _ in reader:
            row_start = reader.line_num + 1
    except csv.Error as exc:
        if complete or "unexpected end of data" not in str(exc):
            return False
        lines = _LINE_BREAK.split(sample)
        width = lines[0].count("\t")
        record_like = sum(1 for line in lines[row_start:-1] if width and line.count("\t") == width)
        return record_like < _SWALLOWED_RECORDS
    return True


def choose_dialect(sample: str, complete: bool, hint: str | None, forced: str | None) -> Dialect:
    """The dialect for a file from its first characters.

    Args:
        sample: the file's first characters (up to `SAMPLE_CHARS`).
        complete: whether the sample is the whole file (else its last row may be cut).
        hint: the delimiter the file's extension implies, if any.
        forced: the user's `--delimiter`, if any.
    """
    if forced:
        delimiter = forced
    else:
        order = ((hint,) if hint else ()) + tuple(c for c in CANDIDATES if c != hint)
        fits = {c: _best_fit(sample, complete, c) for c in order}
        delimiter = max(order, key=lambda c: (fits[c], -order.index(c)))
        if not fits[delimiter].tabular:
            # No reading makes a table (every sampled row malformed, say): the first candidate
            # (the extension's, else comma) that splits the header into columns beats a
            # one-column reading, so the rows become malformed records, not a missing column.
            delimiter = next((c for c in order if fits[c].width >= 2), delimiter)
    if delimiter != "\t":
        return Dialect(delimiter, csv.QUOTE_MINIMAL, _escapes(sample, complete, delimiter, csv.QUOTE_MINIMAL))
    if _escapes(sample, complete, delimiter, csv.QUOTE_NONE):
        # The tools that escape line breaks write quotes as they are: a field '"Best" deals'.
        return Dialect(delimiter, csv.QUOTE_NONE, escapes=True)
    quoting = _tab_quoting(sample, complete)
    # Read without quotes the sample was just found unescaped; only quoted reading is left to judge.
    escapes = quoting == csv.QUOTE_MINIMAL and _escapes(sample, complete, delimiter, quoting)
    return Dialect(delimiter, quoting, escapes)


def _escapes(sample: str, complete: bool, delimiter: str, quoting: Quoting) -> bool:
    """Whether the sample's data rows, so split, write line breaks as backslash escapes."""
    rows = [row for row in _sample_rows(sample, delimiter, quoting) if row]
    if not complete and len(rows) > 1:
        rows.pop()  # the sample ends mid-row
    return uses_backslash_escapes(rows[1:])
