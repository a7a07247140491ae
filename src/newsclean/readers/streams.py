"""Byte streams under the text layer: transparent gzip, NUL removal, transcoding to UTF-8.

Compression is recognised by the gzip magic bytes, not only by the `.gz` extension: exports are
often renamed by hand, and a `dump.csv` that is really gzipped should read, not fail as "binary".

NUL bytes are removed here, on 1 MiB blocks with `bytes.replace` (C speed), rather than line by
line in Python: no text field should hold one, some csv versions refuse them, and doing it below
the decoder keeps the per-line hot path free of Python code. That is only sound for encodings in
which byte 0 is always U+0000 (UTF-8 and the single/multi-byte legacy codecs); UTF-16/32 streams
are transcoded to UTF-8 first (`TranscodingReader`), and the NULs removed from the characters.
"""

import codecs
import gzip
import io
import zlib
from pathlib import Path
from typing import IO, cast

BLOCK_BYTES = 1 << 20
"""Read size of every layer (1 MiB): big enough that per-call overhead vanishes, small enough to
keep memory flat."""

GZIP_MAGIC = b"\x1f\x8b"

GZIP_ERRORS: tuple[type[Exception], ...] = (EOFError, gzip.BadGzipFile, zlib.error)
"""What a truncated or corrupt gzip stream raises while being read."""


def is_gzip(path: Path) -> bool:
    """Whether the file starts with the gzip magic bytes (whatever its name says)."""
    with path.open("rb") as f:
        return f.read(2) == GZIP_MAGIC


def open_binary(path: Path) -> IO[bytes]:
    """The file's bytes, transparently gunzipped when they are gzip-compressed."""
    if is_gzip(path):
        return cast("IO[bytes]", gzip.open(path, "rb"))
    return path.open("rb")


class _BlockReader(io.RawIOBase):
    """A read-only raw stream fed by `_next_block`; subclasses transform the inner stream's blocks.

    The buffered layer above asks for up to `len(buffer)` bytes; whatever a block produced beyond
    that waits in `_pending`, so a transformation may change lengths freely. Blocks come from
    `read1`, which returns what one decompression step produced: `read(n)` on a gzip stream that
    breaks would discard everything decompressed in that call, and the records in it.
    """

    def __init__(self, inner: IO[bytes]) -> None:
        self._inner = cast("io.BufferedIOBase", inner)
        self._pending = memoryview(b"")

    def readable(self) -> bool:
        return True

    def _next_block(self) -> bytes | None:
        """The next transformed block; b"" when it happened to be empty, None at the end."""
        raise NotImplementedError

    def readinto(self, buffer: "memoryview | bytearray") -> int:  # type: ignore[override]
        while not self._pending:
            block = self._next_block()
            if block is None:
                return 0
            self._pending = memoryview(block)
        size = min(len(buffer), len(self._pending))
        buffer[:size] = self._pending[:size]
        self._pending = self._pending[size:]  # a view: no copy of the rest of the block
        return size

    def close(self) -> None:
        self._inner.close()
        super().close()


class NulStrippingReader(_BlockReader):
    """The inner bytes without NUL bytes, for encodings in which byte 0 is always U+0000."""

    def _next_block(self) -> bytes | None:
        block = self._inner.read1(BLOCK_BYTES)
        if not block:
            return None
        return block.replace(b"\x00", b"") if b"\x00" in block else block


class TranscodingReader(_BlockReader):
    """The inner bytes decoded from `codec` (with `errors`), NUL characters removed, as UTF-8.

    Used for every codec but UTF-8, so that the text layer above always decodes UTF-8.
    """

    def __init__(self, inner: IO[bytes], codec: str, errors: str) -> None:
        super().__init__(inner)
        self._decoder = codecs.getincrementaldecoder(codec)(errors=errors)
        self._done = False

    def _next_block(self) -> bytes | None:
        if self._done:
            return None
        block = self._inner.read1(BLOCK_BYTES)
        self._done = not block
        text = self._decoder.decode(block, final=self._done)
        if not text:
            return None if self._done else b""
        return text.replace("\x00", "").encode("utf-8", errors="surrogatepass")


def buffered(raw: io.RawIOBase) -> io.BufferedReader:
    """A 1 MiB buffer over a raw transforming stream (TextIOWrapper needs a buffered stream)."""
    return io.BufferedReader(raw, buffer_size=BLOCK_BYTES)


def read_prefix(path: Path, limit: int) -> tuple[bytes, bool]:
    """Up to `limit` leading (decompressed) bytes, and whether the gzip stream broke before that.

    Reading stops quietly at a gzip error so that a truncated archive still yields the records it
    holds; the error is raised again, with its position, when the full stream reaches it.
    """
    parts: list[bytes] = []
    size = 0
    with open_binary(path) as f:
        try:
            while size < limit and (part := cast("io.BufferedIOBase", f).read1(limit - size)):
                parts.append(part)
                size += len(part)
        except GZIP_ERRORS:
            return b"".join(parts), True
    return b"".join(parts), False
