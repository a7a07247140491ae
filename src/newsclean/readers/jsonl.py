"""Reading JSON Lines dumps: one object per line, streamed.

Policies:

* Lines end at LF only (CRLF works too): a stray CR inside a string must not split a record.
  Strings may hold raw control characters (`strict=False`): many exporters write them.
* A line that is not a JSON object becomes a record with `error` and `raw={"_raw": line}`, so it
  reaches the rejects instead of stopping the file. Blank lines are skipped and not counted.
* A line longer than `ReaderOptions.max_field_chars` (the delimited field cap, applied to the
  whole line) becomes an error record with its first characters, never read whole into memory.
* Values are kept as text: strings as they are, null as None, numbers and booleans as their
  JSON literals (`3`, `true`), nested objects and arrays as compact JSON.
* Objects may differ in their keys, so columns are resolved per key set (cached). Overrides are
  checked against the first object only; a later object without the key just lacks the value.
* A file fails (`InputError`) when none of its first `CONTENT_PROBE` objects has a text or html
  key; those records are held back until one does, so a leading object without text is fine.
"""

import json
from collections.abc import Iterator
from typing import Any, TextIO

from newsclean.readers.columns import ColumnMap, build_record, require_content, resolve_columns
from newsclean.readers.decoding import open_text
from newsclean.readers.discover import InputUnit
from newsclean.readers.options import ReaderOptions
from newsclean.readers.streams import GZIP_ERRORS
from newsclean.records import InputError, RawRecord

RAW_PREVIEW_CHARS = 1000
"""How much of an over-long line is kept in `raw["_raw"]`."""

CONTENT_PROBE = 100
"""Objects read, at most, before a file without any text/html key is declared unusable."""

_decode = json.JSONDecoder(strict=False).decode


def _as_text(value: Any) -> str | None:
    if value is None or isinstance(value, str):
        return value
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


def _parse(line: str) -> tuple[dict[str, str | None] | None, str | None]:
    """The object's fields as text, or (None, why not)."""
    try:
        value = _decode(line)
    except json.JSONDecodeError as exc:
        return None, f"not valid JSON ({exc.msg} at column {exc.colno})"
    except RecursionError:
        return None, "not valid JSON (nested too deeply)"
    if not isinstance(value, dict):
        return None, f"a JSON {type(value).__name__}, not an object"
    return {str(k): _as_text(v) for k, v in value.items()}, None


class _Columns:
    """Column maps per key set, and whether the file has shown a content column yet."""

    def __init__(self, options: ReaderOptions, source: str) -> None:
        self.options = options
        self.source = source
        self.by_keys: dict[tuple[str, ...], ColumnMap] = {}
        self.content_seen = False
        self.first_keys: tuple[str, ...] | None = None

    def for_keys(self, keys: tuple[str, ...]) -> ColumnMap:
        columns = self.by_keys.get(keys)
        if columns is None:
            strict = self.first_keys is None
            self.first_keys = self.first_keys or keys
            columns = resolve_columns(keys, self.options, self.source, strict=strict)
            self.by_keys[keys] = columns
        self.content_seen = self.content_seen or columns.has_content
        return columns

    def record(self, index: int, number: int, line: str, oversized: bool) -> RawRecord:
        """The record for one non-blank line: its object's fields, or an error and the raw line."""
        fields: dict[str, str | None] | None = None
        error: str | None = f"line longer than {self.options.max_field_chars:,} characters"
        if not oversized:
            fields, error = _parse(line)
        if fields is None:
            return RawRecord(self.source, index, {"_raw": line.rstrip("\r\n")}, number, error=error)
        return build_record(self.source, index, number, fields, self.for_keys(tuple(fields)))

    def fail(self) -> None:
        """No content column in the probed lines: not JSON Lines, or not a page dump.

        Raises:
            InputError: always, saying which.
        """
        if self.first_keys is None:
            msg = f"{self.source}: not JSON Lines (no line of the first {CONTENT_PROBE} is a JSON object)"
            raise InputError(msg)
        keys = self.first_keys
        require_content(resolve_columns(keys, self.options, self.source), keys, self.source)
        msg = f"{self.source}: no text or html key in the first {CONTENT_PROBE} objects"
        raise InputError(msg)


def _lines(text: TextIO, cap: int) -> Iterator[tuple[str, bool]]:
    """(line, False) for each line, or (its first characters, True) for a line over `cap`.

    `readline(limit)` bounds memory: the rest of an over-long line is read and dropped in pieces.
    """
    while line := text.readline(cap + 1):
        if len(line) <= cap or line.endswith("\n"):
            yield line, False
            continue
        while (rest := text.readline(cap)) and not rest.endswith("\n"):
            pass
        yield line[:RAW_PREVIEW_CHARS], True


def _records(text: TextIO, source: str, options: ReaderOptions) -> Iterator[RawRecord]:
    columns = _Columns(options, source)
    held: list[RawRecord] = []
    index = number = 0
    try:
        for number, (line, oversized) in enumerate(_lines(text, options.max_field_chars), start=1):
            if not line or line.isspace():
                continue
            record = columns.record(index, number, line, oversized)
            index += 1
            if columns.content_seen:
                yield from held
                held.clear()
                yield record
            else:
                held.append(record)
                if len(held) >= CONTENT_PROBE:
                    columns.fail()
    except GZIP_ERRORS as exc:
        msg = f"{source}: truncated or corrupt gzip after line {number} ({exc})"
        raise InputError(msg) from None
    if index == 0:
        msg = f"{source}: empty file (only blank lines)"
        raise InputError(msg)
    if held:
        columns.fail()


def read_jsonl(unit: InputUnit, options: ReaderOptions) -> Iterator[RawRecord]:
    """Records of a JSON Lines dump; raises InputError for file-level problems."""
    with open_text(unit.path, options.encoding, newline="\n") as text:
        yield from _records(text, str(unit.path), options)
