"""Reading CSV, TSV and other single-character-delimited dumps as a stream of records.

Policies (each a choice a user may need to know):

* **Delimiter**: `--delimiter`, else implied by the extension (`.tsv`/`.tab` tab, `.psv` pipe),
  else (for `.csv`) the candidate among `, ; TAB |` found most often in the header line.
* **Quoting**: RFC 4180 (`"` quotes, `""` escapes, newlines inside quoted fields) for CSV. For
  tab-delimited files, quoting is honoured only when the sample shows fields wrapped in quotes;
  otherwise a lone `"` (as in `6" screen`) is an ordinary character, so it cannot swallow the
  lines after it.
* **Field size**: fields up to `MAX_FIELD_CHARS`; a larger field makes the file fail with a
  clear error rather than silently truncating a page.
* **Wrong field counts**: a row with more or fewer fields than the header becomes a record with
  `error` set (a reject downstream), its fields kept; blank lines are skipped, not counted.
"""

import csv
import re
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Literal

if TYPE_CHECKING:
    import _csv

from newsclean.readers.columns import build_record, require_content, resolve_columns
from newsclean.readers.decoding import GZIP_ERRORS, open_text, strip_nul
from newsclean.readers.discover import DELIMITED_SUFFIXES, InputUnit, base_suffix
from newsclean.readers.options import ReaderOptions
from newsclean.records import InputError, RawRecord

MAX_FIELD_CHARS = 256 << 20
"""Largest field accepted (256 Mi characters); Python's default of 131,072 is far too small for
page HTML."""

csv.field_size_limit(MAX_FIELD_CHARS)

_CANDIDATES = (",", ";", "\t", "|")
_QUOTED_TSV_FIELD = re.compile(r'(?:^|\t)"[^"\t\n]*(?:""[^"\t\n]*)*"(?:\t|\r?\n|$)')


def choose_delimiter(path: Path, header: str, forced: str | None) -> str:
    """The delimiter: forced, implied by the extension, or most frequent in the header line."""
    if forced:
        return forced
    implied = DELIMITED_SUFFIXES.get(base_suffix(path), ",")
    if implied != ",":
        return implied
    counts = {c: header.count(c) for c in _CANDIDATES}
    best = max(_CANDIDATES, key=lambda c: counts[c])
    return best if counts[best] > 0 else ","


def tab_file_is_quoted(sample: str) -> bool:
    """Whether a tab-delimited file wraps fields in quotes (then RFC quoting applies)."""
    return bool(_QUOTED_TSV_FIELD.search(sample))


def _row_raw(header: list[str], row: list[str]) -> dict[str, str | None]:
    raw: dict[str, str | None] = dict(zip(header, row, strict=False))
    for i, extra in enumerate(row[len(header) :], start=1):
        raw[f"_extra_{i}"] = extra
    for name in header[len(row) :]:
        raw[name] = None
    return raw


def read_delimited(unit: InputUnit, options: ReaderOptions) -> Iterator[RawRecord]:
    """Records of a delimited dump, streamed; raises InputError for file-level problems."""
    source = str(unit.path)
    with open_text(unit.path, options.encoding) as text:
        sample = text.read(64 << 10)
        header_line = sample.split("\n", 1)[0]
        delimiter = choose_delimiter(unit.path, header_line, options.delimiter)
        quoted = delimiter != "\t" or tab_file_is_quoted(sample)
        quoting: Literal[0, 3] = csv.QUOTE_MINIMAL if quoted else csv.QUOTE_NONE
        text.seek(0)
        reader = csv.reader(strip_nul(iter(text)), delimiter=delimiter, quoting=quoting, strict=False)
        try:
            yield from _records(reader, source, options)
        except csv.Error as exc:
            msg = f"{source}: line {reader.line_num}: {exc}"
            raise InputError(msg) from None
        except GZIP_ERRORS as exc:
            msg = f"{source}: truncated or corrupt gzip after line {reader.line_num} ({exc})"
            raise InputError(msg) from None


def _records(reader: "_csv.Reader", source: str, options: ReaderOptions) -> Iterator[RawRecord]:
    header_row = next(reader, None)
    if header_row is None:
        return
    header = [name.strip() for name in header_row]
    columns = resolve_columns(header, options, source)
    require_content(columns, header, source)
    index = 0
    start = reader.line_num + 1
    for row in reader:
        if not row:
            start = reader.line_num + 1
            continue
        raw = _row_raw(header, row)
        record = build_record(source, index, start, raw, columns)
        if len(row) != len(header):
            error = f"expected {len(header)} fields, got {len(row)}"
            record = RawRecord(source, index, raw, start, id=record.id, error=error)
        yield record
        index += 1
        start = reader.line_num + 1
