"""Readers: discover a run's inputs and stream their records, whatever the dump's format.

Every reader yields `RawRecord`s lazily (memory stays flat whatever the file size), never raises
for one bad record (it is yielded with `error` set), and raises `InputError` only when the file as
a whole cannot be read: missing, empty, binary, no text/html column, or (after yielding the
records before the damage) a truncated gzip stream.

Modules, one job each:

* `discover`: input units (dump files, folders of `.txt` pages) and their content fingerprints.
* `streams`: byte layer (gzip by magic bytes, NUL removal, transcoding to UTF-8).
* `errors`: counting codec error handlers; `decoding`: encoding/binary detection, text streams.
* `dialect`: delimiter and quoting choice; `delimited`: CSV/TSV/PSV records.
* `jsonl`: JSON Lines records; `txt`: page-folder records; `columns`: role synonyms/overrides.
"""

from collections.abc import Callable, Iterator

from newsclean.readers.delimited import read_delimited
from newsclean.readers.discover import (
    InputUnit,
    UnitKind,
    discover_inputs,
    unique_units,
    unit_fingerprint,
)
from newsclean.readers.jsonl import read_jsonl
from newsclean.readers.options import ReaderOptions
from newsclean.readers.txt import read_txt_dir
from newsclean.records import InputError, RawRecord

_READERS: dict[UnitKind, Callable[[InputUnit, ReaderOptions], Iterator[RawRecord]]] = {
    "delimited": read_delimited,
    "jsonl": read_jsonl,
    "txt_dir": read_txt_dir,
}


def read_records(unit: InputUnit, options: ReaderOptions | None = None) -> Iterator[RawRecord]:
    """Stream the records of one input unit, in file order.

    Nothing is read until the first `next()`; file-level problems surface then (or later, for
    damage found mid-stream) as `InputError` naming the file.
    """
    return _READERS[unit.kind](unit, options or ReaderOptions())


__all__ = [
    "InputError",
    "InputUnit",
    "RawRecord",
    "ReaderOptions",
    "discover_inputs",
    "read_records",
    "unique_units",
    "unit_fingerprint",
]
