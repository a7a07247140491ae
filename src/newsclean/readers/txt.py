"""Reading a folder of pages: one page per file, the shape of most scraper exports.

id = file stem (`a.txt` and `a.txt.gz` -> `a`), text = the whole file (`html` for an `.html` or
`.htm` page holding HTML, which goes through the HTML path), no title: the cleaner takes the
headline from the text, as it does for any record without one. (Taking the first line as the
title lost it from the body when it was no headline: a page of paragraphs only, or a menu line.)
Each page is decoded on its own (a folder may mix encodings; `--encoding` forces one for all),
NUL characters removed. A page that cannot be read (vanished, binary, over `MAX_PAGE_BYTES`,
broken gzip) becomes a record with `error`, not a failed folder.
"""

from collections.abc import Iterator
from pathlib import Path

from newsclean.htmlsniff import is_html_document
from newsclean.readers.decoding import decode_bytes
from newsclean.readers.discover import HTML_PAGE_SUFFIXES, InputUnit, base_suffix, page_id
from newsclean.readers.options import ReaderOptions
from newsclean.readers.streams import GZIP_ERRORS, open_binary
from newsclean.records import InputError, RawRecord

MAX_PAGE_BYTES = 64 << 20
"""Pages above 64 MiB (decompressed) are rejected as records rather than held in memory whole."""


def _read_page(path: Path) -> bytes:
    """The page's bytes (gunzipped); InputError when it is too big or broken."""
    try:
        with open_binary(path) as f:
            data = f.read(MAX_PAGE_BYTES + 1)
    except GZIP_ERRORS as exc:
        msg = f"{path}: truncated or corrupt gzip ({exc})"
        raise InputError(msg) from None
    if len(data) > MAX_PAGE_BYTES:
        msg = f"{path}: page exceeds {MAX_PAGE_BYTES:,} bytes"
        raise InputError(msg)
    return data


def read_page(path: Path, encoding: str | None = None) -> str:
    """One page file's text, decoded as every page is (the `newsclean clean` command reads so too).

    Raises:
        InputError: too big, broken gzip, binary, or an unknown forced `encoding`.
        OSError: the file cannot be opened.
    """
    return decode_bytes(_read_page(path), str(path), encoding)


def read_txt_dir(unit: InputUnit, options: ReaderOptions) -> Iterator[RawRecord]:
    """One record per page file, in sorted file order."""
    for index, path in enumerate(unit.members):
        source = str(path)
        try:
            text = read_page(path, options.encoding)
        except (OSError, InputError) as exc:
            yield RawRecord(source, index, {"_path": source}, error=str(exc))
            continue
        stem = page_id(path)
        body = text if text and not text.isspace() else None
        if base_suffix(path) in HTML_PAGE_SUFFIXES and is_html_document(text):
            yield RawRecord(source, index, {"id": stem, "html": text}, 1, id=stem, html=body)
        else:
            yield RawRecord(source, index, {"id": stem, "text": text}, 1, id=stem, text=body)
