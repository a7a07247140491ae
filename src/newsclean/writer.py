"""Atomic, streaming Parquet writing: one file per input per dataset, visible only when complete.

Rows arrive chunk by chunk; they are buffered up to a byte budget and flushed as row groups into
a hidden temporary file beside the target, which is renamed into place by `commit()`. A reader
(or a killed run) therefore sees either the previous complete file or the new complete file,
never a partial one: `os.replace` is atomic within a filesystem.
"""

import contextlib
import os
from collections.abc import Mapping, Sequence
from pathlib import Path
from types import TracebackType
from typing import Any, Self

import pyarrow as pa
import pyarrow.parquet as pq

from newsclean.schema import DICTIONARY_COLUMNS

ROW_GROUP_BYTES = 64 << 20
"""Flush a row group once the buffered Arrow data reaches this many bytes (64 MiB): large enough
for efficient scans, small enough to keep memory flat; pyarrow's 1 Mi-row default suits numbers,
not article bodies."""

ROW_GROUP_MAX_ROWS = 50_000
"""Upper bound on rows per row group whatever their size."""


class ParquetPartWriter:
    """Writes one Parquet file of a dataset atomically.

    Nothing is created on disk until the first row arrives, and `commit()` with no rows removes
    any previous file of the same name, so a re-run that now yields no rows leaves no stale data.
    """

    def __init__(self, target: Path, schema: pa.Schema, metadata: Mapping[str, str]) -> None:
        self.target = target
        self.rows_written = 0
        self._schema = schema.with_metadata({**(schema.metadata or {}), **metadata})
        self._tmp = target.with_name(f".{target.name}.tmp-{os.getpid()}")
        self._writer: pq.ParquetWriter | None = None
        self._buffer: list[pa.Table] = []
        self._buffer_bytes = 0
        self._buffer_rows = 0

    def write(self, rows: Sequence[Mapping[str, Any]]) -> None:
        """Buffer rows, flushing a row group whenever the byte or row budget is reached.

        Rows are turned into Arrow at once: Python dicts of a chunk weigh several times their
        text, Arrow about the text itself, so the byte budget is what memory really holds.
        """
        if not rows:
            return
        table = pa.Table.from_pylist(list(rows), schema=self._schema)
        self._buffer.append(table)
        self._buffer_bytes += table.nbytes
        self._buffer_rows += table.num_rows
        if self._buffer_bytes >= ROW_GROUP_BYTES or self._buffer_rows >= ROW_GROUP_MAX_ROWS:
            self._flush()

    def _flush(self) -> None:
        if not self._buffer:
            return
        table = pa.concat_tables(self._buffer)
        if self._writer is None:
            self.target.parent.mkdir(parents=True, exist_ok=True)
            dictionary = [name for name in DICTIONARY_COLUMNS if name in self._schema.names]
            self._writer = pq.ParquetWriter(
                self._tmp,
                self._schema,
                compression="zstd",
                use_dictionary=dictionary,
                write_page_index=True,
            )
        self._writer.write_table(table, row_group_size=table.num_rows)
        self.rows_written += table.num_rows
        self._buffer = []
        self._buffer_bytes = 0
        self._buffer_rows = 0

    def commit(self) -> Path | None:
        """Make the file visible under its final name; returns it, or None when no rows came."""
        self._flush()
        if self._writer is None:
            self.target.unlink(missing_ok=True)
            return None
        self._writer.close()
        self._writer = None
        self._fsync(self._tmp)
        self._tmp.replace(self.target)
        return self.target

    def abort(self) -> None:
        """Drop everything written so far; the previous file, if any, stays untouched."""
        self._buffer = []
        if self._writer is not None:
            with contextlib.suppress(OSError):
                self._writer.close()
            self._writer = None
        self._tmp.unlink(missing_ok=True)

    @staticmethod
    def _fsync(path: Path) -> None:
        """Flush file contents to disk before the rename, so a crash cannot expose an empty file."""
        fd = os.open(path, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)

    def __enter__(self) -> Self:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        """Abort on any exception; committing is always explicit."""
        if exc_type is not None:
            self.abort()
