"""Readers: discover a run's inputs and stream their records, whatever the dump's format.

Every reader yields `RawRecord`s lazily (memory stays flat whatever the file size), never raises
for one bad record (it is yielded with `error` set), and raises `InputError` only when the file as
a whole cannot be read.
"""

from collections.abc import Iterator

from newsclean.readers.delimited import read_delimited
from newsclean.readers.discover import InputUnit, discover_inputs, unit_fingerprint
from newsclean.readers.jsonl import read_jsonl
from newsclean.readers.options import ReaderOptions
from newsclean.readers.txt import read_txt_dir
from newsclean.records import InputError, RawRecord

_READERS = {"delimited": read_delimited, "jsonl": read_jsonl, "txt_dir": read_txt_dir}


def read_records(unit: InputUnit, options: ReaderOptions | None = None) -> Iterator[RawRecord]:
    """Stream the records of one input unit."""
    return _READERS[unit.kind](unit, options or ReaderOptions())


__all__ = [
    "InputError",
    "InputUnit",
    "RawRecord",
    "ReaderOptions",
    "discover_inputs",
    "read_records",
    "unit_fingerprint",
]
