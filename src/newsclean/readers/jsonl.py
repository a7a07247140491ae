"""Reading JSON Lines dumps: one object per line, streamed.

A line that is not a JSON object becomes a record with `error` set and the raw line kept, so it
reaches the rejects dataset instead of stopping the file. Non-string values are kept as text:
numbers and booleans as JSON literals, nested values as JSON.
"""

import json
from collections.abc import Iterator
from typing import Any

from newsclean.readers.columns import ColumnMap, build_record, require_content, resolve_columns
from newsclean.readers.decoding import GZIP_ERRORS, open_text
from newsclean.readers.discover import InputUnit
from newsclean.readers.options import ReaderOptions
from newsclean.records import InputError, RawRecord


def _as_text(value: Any) -> str | None:
    if value is None or isinstance(value, str):
        return value
    return json.dumps(value, ensure_ascii=False)


def _parse(line: str) -> tuple[dict[str, str | None] | None, str | None]:
    """The object's fields as text, or (None, why not)."""
    try:
        value = json.loads(line)
    except json.JSONDecodeError as exc:
        return None, f"not valid JSON ({exc.msg} at column {exc.colno})"
    if not isinstance(value, dict):
        return None, f"a JSON {type(value).__name__}, not an object"
    return {str(k): _as_text(v) for k, v in value.items()}, None


def read_jsonl(unit: InputUnit, options: ReaderOptions) -> Iterator[RawRecord]:
    """Records of a JSON Lines dump; raises InputError for file-level problems."""
    source = str(unit.path)
    columns_by_keys: dict[tuple[str, ...], ColumnMap] = {}
    checked = False
    index = 0
    line_number = 0
    with open_text(unit.path, options.encoding) as text:
        try:
            for line_number, line in enumerate(text, start=1):
                if not line.strip():
                    continue
                fields, error = _parse(line.replace("\x00", ""))
                if fields is None:
                    raw: dict[str, str | None] = {"_raw": line.rstrip("\r\n")}
                    yield RawRecord(source, index, raw, line_number, error=error)
                    index += 1
                    continue
                keys = tuple(fields)
                if keys not in columns_by_keys:
                    columns_by_keys[keys] = resolve_columns(keys, options, source)
                columns = columns_by_keys[keys]
                if not checked:
                    require_content(columns, keys, source)
                    checked = True
                yield build_record(source, index, line_number, fields, columns)
                index += 1
        except GZIP_ERRORS as exc:
            msg = f"{source}: truncated or corrupt gzip after line {line_number} ({exc})"
            raise InputError(msg) from None
