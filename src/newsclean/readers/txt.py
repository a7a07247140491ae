"""Reading a folder of `.txt` pages: one page per file, the shape of most scraper exports.

id = file stem, title = first non-empty line, text = the whole file (the cleaner drops the title's
repeat). A page that cannot be decoded becomes a record with `error` set, not a failed folder.
"""

from collections.abc import Iterator

from newsclean.readers.decoding import decode_bytes
from newsclean.readers.discover import InputUnit
from newsclean.readers.options import ReaderOptions
from newsclean.records import InputError, RawRecord

MAX_PAGE_BYTES = 64 << 20
"""Pages above 64 MiB are rejected as records rather than read into memory whole."""


def read_txt_dir(unit: InputUnit, options: ReaderOptions) -> Iterator[RawRecord]:
    """One record per page file, in sorted file order."""
    for index, path in enumerate(unit.members):
        source = str(path)
        try:
            size = path.stat().st_size
            if size > MAX_PAGE_BYTES:
                raw: dict[str, str | None] = {"_path": source}
                yield RawRecord(source, index, raw, error=f"page of {size} bytes exceeds {MAX_PAGE_BYTES}")
                continue
            text = decode_bytes(path.read_bytes(), source)
        except (OSError, InputError) as exc:
            yield RawRecord(source, index, {"_path": source}, error=str(exc))
            continue
        title = next((line.strip() for line in text.splitlines() if line.strip()), None)
        raw = {"id": path.stem, "title": title, "text": text}
        yield RawRecord(source, index, raw, 1, id=path.stem, text=text or None, title=title)
