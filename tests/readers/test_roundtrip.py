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

# Any text a page could hold, minus NUL (stripped by design) and lone surrogates (not encodable).
TEXT = st.text(
    alphabet=st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00"),
    min_size=1,
    max_size=200,
).filter(lambda s: s.strip())
ROWS = st.lists(
    st.tuples(st.text(alphabet="abcdef0123456789", min_size=1, max_size=8), TEXT), min_size=1, max_size=8
)
SETTINGS = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def read_back(path: Path) -> list[tuple[str | None, str | None]]:
    (unit,) = discover_inputs([path])
    return [(r.id, r.text) for r in read_records(unit)]


def expected(rows: list[tuple[str, str]]) -> list[tuple[str, str]]:
    return [(i, t) for i, t in rows]


@SETTINGS
@given(
    rows=ROWS,
    delimiter=st.sampled_from([",", ";", "|"]),
    quoting=st.sampled_from([csv.QUOTE_MINIMAL, csv.QUOTE_ALL]),
    bom=st.booleans(),
    compress=st.booleans(),
    crlf=st.booleans(),
)
def test_delimited_round_trip(
    rows: list[tuple[str, str]], delimiter: str, quoting: int, bom: bool, compress: bool, crlf: bool
) -> None:
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=delimiter, quoting=quoting, lineterminator="\r\n" if crlf else "\n")
    writer.writerow(["id", "text"])
    writer.writerows(rows)
    data = (("\ufeff" if bom else "") + buffer.getvalue()).encode("utf-8")
    with TemporaryDirectory() as tmp:
        path = Path(tmp) / ("dump.csv.gz" if compress else "dump.csv")
        path.write_bytes(gzip.compress(data) if compress else data)
        assert read_back(path) == expected(rows)


@SETTINGS
@given(rows=ROWS, compress=st.booleans())
def test_jsonl_round_trip(rows: list[tuple[str, str]], compress: bool) -> None:
    data = "".join(json.dumps({"id": i, "text": t}) + "\n" for i, t in rows).encode("utf-8")
    with TemporaryDirectory() as tmp:
        path = Path(tmp) / ("dump.jsonl.gz" if compress else "dump.jsonl")
        path.write_bytes(gzip.compress(data) if compress else data)
        assert read_back(path) == expected(rows)


@SETTINGS
@given(pages=st.lists(TEXT, min_size=1, max_size=5))
def test_txt_folder_round_trip(pages: list[str]) -> None:
    with TemporaryDirectory() as tmp:
        for n, page in enumerate(pages):
            (Path(tmp) / f"p{n:02d}.txt").write_bytes(page.encode("utf-8"))
        records = list(read_records(discover_inputs([tmp])[0]))
        assert [r.text for r in records] == pages
        assert [r.id for r in records] == [f"p{n:02d}" for n in range(len(pages))]
