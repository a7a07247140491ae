r"""Reading CSV, TSV and other single-character-delimited dumps as a stream of records.

The C csv parser does the splitting, straight off a streaming text layer (`newline=""`, so CRLF,
LF and newlines inside quoted fields all survive); Python code runs once per record, never per
character or per physical line. Delimiter and quoting policy: see `dialect`.

Policies:

* **Header**: the first non-blank row. Names are stripped; blank and duplicate names are made
  unique (`unique_header`). A header-only file has zero records; a file with no header is empty.
* **Blank lines** are skipped and not counted; `record_index` counts data records only.
* **Wrong field counts**: a row with more or fewer fields than the header becomes a record with
  `error` ("expected 5 fields, got 7"), its fields kept in `raw` (extras as `_extra_1`...).
* **Field size cap**: `ReaderOptions.max_field_chars` (64 Mi characters by default; Python's
  default of 131,072 is far too small for page HTML). A record with a larger field becomes one
  record with `error` and the record's first characters in `raw["_raw"]`; reading resumes at the
  next record. To find where that is, the file is re-read up to the failure to learn whether the
  failure happened inside a quoted field: slow, but only on this rare path.
* **Damage**: a truncated or corrupt gzip raises `InputError` after the records before it.
* **Escapes**: in a file whose fields write line breaks as `\n` (`escapes`), the role values
  (text, HTML, title, …) are decoded and `\N` is a missing value; `raw` keeps the fields as read.
"""

import csv
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import _csv

from newsclean.readers.columns import ColumnMap, build_record, require_content, resolve_columns, unique_header
from newsclean.readers.decoding import Prefix, choose_codec, open_text
from newsclean.readers.dialect import SAMPLE_CHARS, Dialect, choose_dialect
from newsclean.readers.discover import DELIMITED_SUFFIXES, InputUnit, base_suffix
from newsclean.readers.escapes import unescape
from newsclean.readers.options import ReaderOptions
from newsclean.readers.streams import GZIP_ERRORS
from newsclean.records import InputError, RawRecord

RAW_PREVIEW_CHARS = 1000
"""How much of an oversized record is kept in `raw["_raw"]`."""


def _row_raw(header: list[str], row: list[str]) -> dict[str, str | None]:
    raw: dict[str, str | None] = dict(zip(header, row, strict=False))
    for i, extra in enumerate(row[len(header) :], start=1):
        raw[f"_extra_{i}"] = extra
    for name in header[len(row) :]:
        raw[name] = None
    return raw


def _content(value: str | None) -> str | None:
    """A decoded role value, None where nothing but whitespace is left (as for plain fields)."""
    return value if value and not value.isspace() else None


def _is_blank(row: list[str]) -> bool:
    return not row or (len(row) == 1 and (not row[0] or row[0].isspace()))


class _Reading:
    """The state of one pass over a delimited file: its reader and where physical lines are."""

    def __init__(self, unit: InputUnit, options: ReaderOptions, prefix: Prefix, dialect: Dialect) -> None:
        self.path = unit.path
        self.source = str(unit.path)
        self.options = options
        self.prefix = prefix
        self.dialect = dialect
        self.skipped_lines = 0
        """Physical lines consumed outside the csv reader (while resyncing after a huge field)."""
        self.reader: _csv.Reader | None = None
        self._next_start = 1
        """Physical line where the next record starts (kept here so a csv.Error can use it)."""

    @property
    def lines_read(self) -> int:
        """Physical lines consumed so far, for messages."""
        return (self.reader.line_num if self.reader else 0) + self.skipped_lines

    def records(self, lines: Iterator[str]) -> Iterator[RawRecord]:
        """Every record of the file, oversized ones as error records."""
        dialect = self.dialect
        reader = csv.reader(lines, delimiter=dialect.delimiter, quoting=dialect.quoting, strict=False)
        self.reader = reader
        header = next((row for row in reader if not _is_blank(row)), None)
        if header is None:
            msg = f"{self.source}: empty file (no header row)"
            raise InputError(msg)
        names = unique_header(header)
        columns = resolve_columns(names, self.options, self.source)
        require_content(columns, names, self.source)
        index = 0
        start = reader.line_num + 1
        while True:
            try:
                for record in self._rows(reader, names, columns, index, start):
                    yield record
                    index += 1
                return
            except csv.Error as exc:
                start = self._next_start
                yield self._oversized(index, start, reader.line_num + self.skipped_lines, lines, exc)
                index += 1
                self._next_start = start = reader.line_num + self.skipped_lines + 1

    def _rows(
        self, reader: "_csv.Reader", names: list[str], columns: ColumnMap, index: int, start: int
    ) -> Iterator[RawRecord]:
        """The hot loop: one dict and one RawRecord per well-formed row, nothing per character.

        Role values are taken by position (`positions`) rather than looked up in `raw`.
        """
        width, source, skipped = len(names), self.source, self.skipped_lines
        positions = tuple(names.index(c) if c is not None else None for c in columns.ordered)
        escapes = self.dialect.escapes
        self._next_start = start
        for row in reader:
            if len(row) == width and (width > 1 or not _is_blank(row)):
                values = [
                    v if i is not None and (v := row[i]) and not v.isspace() else None for i in positions
                ]
                if escapes:
                    values = [v if v is None else _content(unescape(v)) for v in values]
                yield RawRecord(source, index, dict(zip(names, row, strict=True)), start, *values)
                index += 1
            elif not _is_blank(row):
                yield self._malformed(names, columns, index, start, row)
                index += 1
            self._next_start = start = reader.line_num + skipped + 1

    def _malformed(
        self, names: list[str], columns: ColumnMap, index: int, start: int, row: list[str]
    ) -> RawRecord:
        raw = _row_raw(names, row)
        error = f"expected {len(names)} fields, got {len(row)}"
        return RawRecord(
            self.source, index, raw, start, id=build_record("", 0, 0, raw, columns).id, error=error
        )

    def _oversized(
        self, index: int, start: int, failed: int, lines: Iterator[str], exc: csv.Error
    ) -> RawRecord:
        """The error record for a field over the cap, after skipping the rest of that record."""
        preview, inside_quotes = self._rescan(start, failed)
        while inside_quotes and self.dialect.quoting == csv.QUOTE_MINIMAL:
            line = next(lines, None)
            if line is None:
                break
            self.skipped_lines += 1
            inside_quotes ^= line.count('"') % 2 == 1
        end = failed + self.skipped_lines
        error = f"a field exceeds {self.options.max_field_chars:,} characters ({exc}); lines {start}-{end}"
        return RawRecord(self.source, index, {"_raw": preview}, start, error=error)

    def _rescan(self, first: int, last: int) -> tuple[str, bool]:
        """The first characters of physical lines first..last, and whether they leave a quote open.

        Quote parity is exact for RFC 4180 text: `""` escapes and the quotes around a field come
        in pairs, so an odd count means the record continues past `last`.
        """
        preview: list[str] = []
        kept = 0
        odd = False
        with open_text(self.path, prefix=self.prefix) as again:
            for number, line in enumerate(again, start=1):
                if number > last:
                    break
                if number < first:
                    continue
                odd ^= line.count('"') % 2 == 1
                if kept < RAW_PREVIEW_CHARS:
                    preview.append(line[: RAW_PREVIEW_CHARS - kept])
                    kept += len(preview[-1])
        return "".join(preview), odd


def read_delimited(unit: InputUnit, options: ReaderOptions) -> Iterator[RawRecord]:
    """Records of a delimited dump, streamed; raises InputError for file-level problems."""
    source = str(unit.path)
    prefix = choose_codec(unit.path, options.encoding)
    sample, whole = prefix.text(SAMPLE_CHARS)
    hint = DELIMITED_SUFFIXES.get(base_suffix(Path(unit.path)))
    dialect = choose_dialect(sample, whole, None if hint == "," else hint, options.delimiter)
    csv.field_size_limit(options.max_field_chars)
    reading = _Reading(unit, options, prefix, dialect)
    with open_text(unit.path, prefix=prefix) as text:
        try:
            yield from reading.records(text)
        except GZIP_ERRORS as exc:
            msg = f"{source}: truncated or corrupt gzip after line {reading.lines_read} ({exc})"
            raise InputError(msg) from None
        except csv.Error as exc:  # a header field over the cap: there is no record to blame
            msg = f"{source}: line {reading.lines_read}: {exc}"
            raise InputError(msg) from None
