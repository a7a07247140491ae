"""Opening an input as text: gzip, byte-order marks, encoding detection, undecodable bytes.

UTF-8 is tried first on a sample (most dumps are UTF-8, and the check is exact); only when the
sample is not valid UTF-8 is charset-normalizer asked, so a Windows-1252 or Latin-1 export decodes
to the right characters instead of replacement marks. Decoding then uses ``errors="replace"``: a
stray bad byte deep in a file costs one character, not the file.
"""

import codecs
import gzip
import io
import zlib
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO, TextIO, cast

from charset_normalizer import from_bytes

from newsclean.records import InputError

SAMPLE_BYTES = 256 << 10
"""Bytes read to decide the encoding (256 KiB): enough for charset-normalizer to be confident."""

_BOMS = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
_BINARY_NUL_SHARE = 0.1
"""A sample with more than 10% NUL bytes (and no UTF-16/32 BOM) is binary, not text."""

GZIP_ERRORS = (EOFError, gzip.BadGzipFile, zlib.error)
"""What a truncated or corrupt gzip stream raises while being read."""


def open_binary(path: Path) -> IO[bytes]:
    """The file's bytes, transparently gunzipped when it ends in `.gz`."""
    if path.suffix.lower() == ".gz":
        return cast("IO[bytes]", gzip.open(path, "rb"))
    return path.open("rb")


def _valid_utf8_prefix(sample: bytes) -> bool:
    try:
        codecs.getincrementaldecoder("utf-8")().decode(sample, final=False)
    except UnicodeDecodeError:
        return False
    return True


def detect_encoding(sample: bytes, source: str) -> str:
    """The codec to read a file with, judged from its first bytes.

    Raises:
        InputError: the sample looks binary (many NUL bytes, or no text encoding fits).
    """
    for bom, codec in _BOMS:
        if sample.startswith(bom):
            return codec
    if sample and sample.count(0) / len(sample) > _BINARY_NUL_SHARE:
        msg = f"{source}: looks binary, not text ({sample.count(0)} NUL bytes in the first {len(sample)})"
        raise InputError(msg)
    if _valid_utf8_prefix(sample):
        return "utf-8"
    best = from_bytes(sample).best()
    if best is None:
        msg = f"{source}: looks binary, not text (no text encoding fits its first {len(sample)} bytes)"
        raise InputError(msg)
    return str(best.encoding)


def read_sample(path: Path) -> bytes:
    """The first bytes of the (decompressed) file; raises InputError for a corrupt archive."""
    try:
        with open_binary(path) as f:
            return f.read(SAMPLE_BYTES)
    except GZIP_ERRORS as exc:
        msg = f"{path}: truncated or corrupt gzip ({exc})"
        raise InputError(msg) from None


@contextmanager
def open_text(path: Path, encoding: str | None = None) -> Iterator[TextIO]:
    """Open a file as text with newlines untouched (as the csv module requires).

    Raises:
        InputError: empty, binary, or corrupt at the start; later corruption surfaces as
            `GZIP_ERRORS` while reading, which readers turn into InputError.
    """
    sample = read_sample(path)
    if not sample:
        msg = f"{path}: empty file"
        raise InputError(msg)
    codec = encoding or detect_encoding(sample, str(path))
    if codec == "utf-8" and sample.startswith(codecs.BOM_UTF8):
        codec = "utf-8-sig"
    binary = open_binary(path)
    try:
        with io.TextIOWrapper(binary, encoding=codec, errors="replace", newline="") as text:
            yield text
    finally:
        binary.close()


def strip_nul(lines: Iterator[str]) -> Iterator[str]:
    """Drop NUL characters, which no text field should hold and some tools choke on."""
    for line in lines:
        yield line.replace("\x00", "") if "\x00" in line else line


def decode_bytes(data: bytes, source: str) -> str:
    """A whole small file (one page) decoded as `open_text` would, for `.txt` pages."""
    codec = detect_encoding(data[:SAMPLE_BYTES], source)
    return data.decode(codec, errors="replace").replace("\x00", "")
