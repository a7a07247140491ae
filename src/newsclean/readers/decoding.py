"""Opening an input as text: encoding detection, binary detection, undecodable bytes.

Policy:

* A byte-order mark decides (UTF-8, UTF-16, UTF-32). Otherwise UTF-8 is tried on the first
  `SAMPLE_BYTES` (most dumps are UTF-8, and the check is exact and fast); only when that sample is
  not valid UTF-8 is charset-normalizer asked, so a Windows-1252 or Latin-1 export decodes to the
  right characters instead of replacement marks. `ReaderOptions.encoding` skips detection.
* A sample with many NUL or control bytes, a known binary signature (ZIP/XLSX, PDF, images,
  Parquet...) or no fitting encoding is "binary": the file fails with `InputError`.
* Decoding never fails mid-file. Bytes that are not valid in the chosen codec are replaced with
  U+FFFD, except in UTF-8 files, where each stray byte is read as Windows-1252: files that are
  UTF-8 at the start and Windows-1252 further down (appended exports) are common, and "é" beats
  "\ufffd" for the cleaner. Either way the count is logged as a warning when the file closes.
"""

import codecs
import io
import logging
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import TextIO

from charset_normalizer import from_bytes

from newsclean.readers.errors import ReplacementSlot
from newsclean.readers.streams import (
    NulStrippingReader,
    TranscodingReader,
    buffered,
    open_binary,
    read_prefix,
)
from newsclean.records import InputError

log = logging.getLogger(__name__)

SAMPLE_BYTES = 256 << 10
"""Bytes read to decide the encoding (256 KiB): enough for charset-normalizer to be confident."""

_BOMS = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
_SIGNATURES = (
    (b"PK\x03\x04", "a ZIP archive (an .xlsx workbook?)"),
    (b"%PDF", "a PDF document"),
    (b"\x89PNG", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF8", "a GIF image"),
    (b"PAR1", "a Parquet file"),
    (b"BZh", "a bzip2 archive"),
    (b"\xfd7zXZ", "an xz archive"),
    (b"7z\xbc\xaf", "a 7-Zip archive"),
    (b"SQLite format 3\x00", "an SQLite database"),
    (b"\xd0\xcf\x11\xe0", "an OLE document (an .xls workbook?)"),
)
_BINARY_SHARE = 0.05
"""A non-UTF-8 sample more than 5% C0 controls (other than tab, newlines, form feed and escape)
is binary."""
_UTF8_CONTROL_SHARE = 0.2
"""A UTF-8-valid sample more than 20% NUL/control bytes is binary (or BOM-less UTF-16: ~50%)."""
_MIN_JUDGED_BYTES = 256
"""Shares are not judged on smaller samples: three stray NULs in a 40-byte file are noise."""
_CONTROL_BYTES = bytes(b for b in range(32) if b not in b"\t\n\r\x0b\x0c\x1b")
_UTF8_NAMES = frozenset({"utf-8", "utf-8-sig"})


def _binary_reason(sample: bytes, utf8: bool) -> str | None:
    """Why a BOM-less sample is not text, or None if it may be.

    Valid UTF-8 gets a generous threshold (text may hold stray control characters); a sample that
    is not even UTF-8 and full of control bytes is binary, whatever single-byte codec
    charset-normalizer could still make of it.
    """
    for signature, what in _SIGNATURES:
        if sample.startswith(signature):
            return what
    count = len(sample) - len(sample.translate(None, _CONTROL_BYTES))
    share = _UTF8_CONTROL_SHARE if utf8 else _BINARY_SHARE
    if len(sample) >= _MIN_JUDGED_BYTES and count / len(sample) > share:
        return f"{count} NUL/control bytes in the first {len(sample)}"
    return None


def _valid_utf8_prefix(sample: bytes) -> bool:
    try:
        codecs.getincrementaldecoder("utf-8")().decode(sample, final=False)
    except UnicodeDecodeError:
        return False
    return True


def canonical_codec(name: str, source: str) -> str:
    """The codec's canonical name (`UTF8` -> `utf-8`); InputError for an unknown encoding."""
    try:
        return codecs.lookup(name).name
    except LookupError:
        msg = f"{source}: unknown encoding {name!r}"
        raise InputError(msg) from None


def detect_encoding(sample: bytes, source: str) -> str:
    """The codec to read a file with, judged from its first bytes.

    Raises:
        InputError: the sample looks binary.
    """
    for bom, codec in _BOMS:
        if sample.startswith(bom):
            return codec
    utf8 = _valid_utf8_prefix(sample)
    reason = _binary_reason(sample, utf8)
    if reason is not None:
        msg = f"{source}: looks binary, not text ({reason})"
        raise InputError(msg)
    if utf8:
        return "utf-8"
    best = from_bytes(sample).best()
    if best is None:
        # Not binary by the checks above, yet no codec fits cleanly (control characters in a
        # tiny sample, say): Windows-1252 decodes every byte that matters, bad ones replaced.
        return "cp1252"
    codec = canonical_codec(str(best.encoding), source)
    if codec.startswith(("utf-16", "utf-32")) and b"\x00" not in sample:
        # Without a BOM and without NUL bytes the text cannot be UTF-16/32; charset-normalizer
        # guesses so on tiny samples with one non-ASCII byte. Windows-1252 is the likely truth.
        return "cp1252"
    return codec


@dataclass(frozen=True, slots=True)
class Prefix:
    """A file's first bytes and the codec chosen from them, shared by detection and sniffing."""

    codec: str
    data: bytes
    truncated: bool
    """The (gzip) stream broke inside the prefix: records before the damage are still read."""

    def text(self, max_chars: int) -> tuple[str, bool]:
        """The prefix decoded (NUL-free, at most `max_chars`), and whether that is the whole file."""
        decoded = codecs.getincrementaldecoder(self.codec)(errors="replace").decode(self.data, final=False)
        decoded = decoded.replace("\x00", "")
        whole = not self.truncated and len(self.data) < SAMPLE_BYTES and len(decoded) <= max_chars
        return decoded[:max_chars], whole


def choose_codec(path: Path, forced: str | None) -> Prefix:
    """The codec for a file: forced, or detected from its first bytes.

    Raises:
        InputError: the file is empty, looks binary, or the forced encoding is unknown.
    """
    sample, truncated = read_prefix(path, SAMPLE_BYTES)
    if not sample:
        msg = f"{path}: empty file" + (" (or a gzip stream broken at its start)" if truncated else "")
        raise InputError(msg)
    codec = canonical_codec(forced, str(path)) if forced else detect_encoding(sample, str(path))
    if codec == "utf-8" and sample.startswith(codecs.BOM_UTF8):
        codec = "utf-8-sig"
    return Prefix(codec, sample, truncated)


@contextmanager
def open_text(
    path: Path, encoding: str | None = None, newline: str = "", prefix: Prefix | None = None
) -> Iterator[TextIO]:
    """Open a file as text, NUL-free, with line endings untouched (as the csv module requires).

    Args:
        path: the file.
        encoding: the user's forced encoding, if any.
        newline: as for `open`; "" keeps CR, LF and CRLF endings and splits on all three.
        prefix: the result of `choose_codec` when the caller already has it.

    Raises:
        InputError: empty, binary, or unknown forced encoding. Later gzip corruption surfaces
            as `GZIP_ERRORS` while reading, which readers turn into InputError.
    """
    codec = (prefix or choose_codec(path, encoding)).codec
    utf8 = codec in _UTF8_NAMES
    with ReplacementSlot(cp1252_fallback=utf8) as slot:
        binary = open_binary(path)
        if utf8:
            raw: io.RawIOBase = NulStrippingReader(binary)
            text_codec, text_errors = codec, slot.name
        else:
            raw, text_codec, text_errors = TranscodingReader(binary, codec, slot.name), "utf-8", "replace"
        with io.TextIOWrapper(
            buffered(raw), encoding=text_codec, errors=text_errors, newline=newline
        ) as text:
            yield text
        if slot.count:
            how = "read as Windows-1252" if utf8 else "replaced with U+FFFD"
            log.warning("%s: %d bytes not valid %s were %s", path, slot.count, codec, how)


def decode_bytes(data: bytes, source: str, forced: str | None = None) -> str:
    """A whole small file (one page) decoded as `open_text` would, NUL characters removed.

    Raises:
        InputError: binary, or an unknown forced encoding.
    """
    codec = canonical_codec(forced, source) if forced else detect_encoding(data[:SAMPLE_BYTES], source)
    with ReplacementSlot(cp1252_fallback=codec in _UTF8_NAMES) as slot:
        text = data.decode(codec, errors=slot.name)
    if slot.count:
        log.warning("%s: %d bytes not valid %s were replaced", source, slot.count, codec)
    return text.replace("\x00", "") if "\x00" in text else text
