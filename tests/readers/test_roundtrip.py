"""Property tests: whatever the text, a dump written by a standard writer reads back identically."""

import csv
import gzip
import io
import json
from pathlib import Path
from tempfile import TemporaryDirectory

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from newsclean.readers import discover_inputs, read_records

# Any text a page could hold, minus NUL (removed by design) and lone surrogates (not encodable),
# with the characters that break naive parsers over-represented.
_ANY = st.text(st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00"), max_size=12)
_NASTY = st.sampled_from([",", ";", "|", "\t", '"', "'", "\r", "\n", "\r\n", " ", '""', "\ufeff", "\u2028"])
TEXT = st.lists(st.one_of(_NASTY, _ANY), min_size=1, max_size=12).map("".join)
ID = st.text(alphabet="abcdef0123456789", min_size=1, max_size=8)
ROWS = st.lists(st.tuples(ID, TEXT, TEXT), min_size=0, max_size=8)
SETTINGS = settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])

EXTENSIONS = {",": [".csv"], "\t": [".tsv", ".tab", ".csv"], ";": [".csv"], "|": [".psv", ".csv"]}


def blank_is_none(value: str) -> str | None:
    """Readers report blank values as missing."""
    return value if value and not value.isspace() else None


def expected(rows: list[tuple[str, str, str]]) -> list[tuple[str, str | None, str | None]]:
    return [(i, blank_is_none(title), blank_is_none(text)) for i, title, text in rows]


def read_back(path: Path) -> list[tuple[str | None, str | None, str | None]]:
    (unit,) = discover_inputs([path])
    records = list(read_records(unit))
    assert [r.error for r in records] == [None] * len(records)
    assert [r.record_index for r in records] == list(range(len(records)))
    return [(r.id, r.title, r.text) for r in records]


def write(path: Path, data: bytes, compress: bool) -> Path:
    target = path.with_name(path.name + ".gz") if compress else path
    target.write_bytes(gzip.compress(data) if compress else data)
    return target


@SETTINGS
@given(
    rows=ROWS,
    delimiter=st.sampled_from([",", "\t", ";", "|"]),
    quoting=st.sampled_from([csv.QUOTE_MINIMAL, csv.QUOTE_ALL]),
    crlf=st.booleans(),
    bom=st.booleans(),
    compress=st.booleans(),
    data=st.data(),
)
def test_delimited_round_trip(
    rows: list[tuple[str, str, str]],
    delimiter: str,
    quoting: int,
    crlf: bool,
    bom: bool,
    compress: bool,
    data: st.DataObject,
) -> None:
    if not crlf and any("\r" in field for row in rows for field in row):
        # Python 3.11's writer leaves a lone CR unquoted unless the line terminator holds one:
        # that output is unreadable by any reader, so quote everything (as a careful writer would).
        quoting = csv.QUOTE_ALL
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=delimiter, quoting=quoting, lineterminator="\r\n" if crlf else "\n")
    writer.writerow(["id", "title", "text"])
    writer.writerows(rows)
    content = (("\ufeff" if bom else "") + buffer.getvalue()).encode("utf-8")
    extension = data.draw(st.sampled_from(EXTENSIONS[delimiter]))
    with TemporaryDirectory() as tmp:
        path = write(Path(tmp) / f"dump{extension}", content, compress)
        assert read_back(path) == expected(rows)


@SETTINGS
@given(
    rows=ROWS,
    ascii_only=st.booleans(),
    crlf=st.booleans(),
    blank_lines=st.booleans(),
    compress=st.booleans(),
)
def test_jsonl_round_trip(
    rows: list[tuple[str, str, str]], ascii_only: bool, crlf: bool, blank_lines: bool, compress: bool
) -> None:
    end = ("\r\n" if crlf else "\n") * (2 if blank_lines else 1)
    lines = [json.dumps({"id": i, "title": t, "text": x}, ensure_ascii=ascii_only) + end for i, t, x in rows]
    # One object carrying the text key first, so an all-blank file still has a content column.
    header = json.dumps({"id": "first", "title": "t", "text": "x"}) + end
    with TemporaryDirectory() as tmp:
        path = write(Path(tmp) / "dump.jsonl", (header + "".join(lines)).encode("utf-8"), compress)
        assert read_back(path) == [("first", "t", "x"), *expected(rows)]


@SETTINGS
@given(pages=st.lists(TEXT, min_size=1, max_size=5), compress=st.booleans())
def test_txt_folder_round_trip(pages: list[str], compress: bool) -> None:
    with TemporaryDirectory() as tmp:
        for n, page in enumerate(pages):
            write(Path(tmp) / f"p{n:02d}.txt", page.encode("utf-8"), compress and n % 2 == 0)
        records = list(read_records(discover_inputs([tmp])[0]))
        assert [r.error for r in records] == [None] * len(pages)
        assert [r.text for r in records] == [blank_is_none(p.removeprefix("\ufeff")) for p in pages]
        assert [r.id for r in records] == [f"p{n:02d}" for n in range(len(pages))]
        assert [r.source_file for r in records] == [
            str(Path(tmp) / (f"p{n:02d}.txt" + (".gz" if compress and n % 2 == 0 else "")))
            for n in range(len(pages))
        ]


def _postgres_text(value: str) -> str:
    """A field as PostgreSQL's COPY text format (and MySQL's and ClickHouse's TSV) writes it."""
    return value.replace("\\", "\\\\").replace("\n", "\\n").replace("\r", "\\r").replace("\t", "\\t")


@SETTINGS
@given(
    rows=st.lists(st.tuples(ID, TEXT, st.tuples(TEXT, TEXT).map("\n".join)), min_size=1, max_size=8),
    compress=st.booleans(),
)
def test_backslash_escaped_export_round_trip(rows: list[tuple[str, str, str]], compress: bool) -> None:
    # Every page has a line break, as multi-paragraph pages do; titles may hold anything.
    lines = ["id\ttitle\ttext", *("\t".join(map(_postgres_text, row)) for row in rows)]
    with TemporaryDirectory() as tmp:
        path = write(Path(tmp) / "dump.tsv", ("\n".join(lines) + "\n").encode("utf-8"), compress)
        assert read_back(path) == expected(rows)
