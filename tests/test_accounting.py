"""Property: for any generated dump (noise, quoting, encodings, broken rows, duplicates), every
record read is an article, a reject or a listed duplicate, and every row written can be found.

Thousands of dumps per run (the issue's bar); marked slow, as together they take about a minute.
"""

import csv
import gzip
import io
import json
from collections import Counter
from pathlib import Path
from tempfile import TemporaryDirectory

import pyarrow.parquet as pq
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from newsclean.dedup import Deduplicator
from newsclean.pipeline import UnitJob, ingest_unit, sequential_cleaner
from newsclean.readers import ReaderOptions, discover_inputs
from newsclean.report import FileReport
from newsclean.transform import TransformSettings
from tests.helpers import NOW

PROSE = [
    "The council approved the budget on Tuesday after a debate that lasted for most of the evening.",
    "Residents said the new bus lines would make it easier to reach the hospital and the schools.",
    "The company reported higher profits for the third quarter, driven by strong sales abroad.",
]
NOISE = ["Home", "Menu", "Share this article", "© 2024 Example Media", "Related", ""]
LINE = st.one_of(st.sampled_from(PROSE), st.sampled_from(NOISE), st.text(max_size=40))
PAGE = st.lists(LINE, max_size=6).map("\n".join)
ROW = st.tuples(st.one_of(st.none(), st.text(alphabet="abc123/.", max_size=6)), PAGE, st.booleans())
DIALECT = st.fixed_dictionaries(
    {
        "delimiter": st.sampled_from([",", "\t", ";", "|"]),
        "quoting": st.sampled_from([csv.QUOTE_MINIMAL, csv.QUOTE_ALL]),
        "lineterminator": st.sampled_from(["\n", "\r\n"]),
    }
)
SETTINGS = settings(max_examples=2000, deadline=None, suppress_health_check=[HealthCheck.too_slow])
pytestmark = pytest.mark.slow


def write_dump(
    rows: list[tuple[str | None, str, bool]],
    encoding: str,
    compress: bool,
    folder: Path,
    dialect: dict[str, object] | None = None,
) -> Path:
    buffer = io.StringIO()
    writer = csv.writer(buffer, **(dialect or {}))  # type: ignore[arg-type]
    writer.writerow(["id", "text"])
    tab = dialect is not None and dialect["delimiter"] == "\t"
    for record_id, raw_text, broken in rows:
        # A TAB inside a TSV field is the one thing that format cannot carry unambiguously;
        # exporters escape or replace it, and so does this generator.
        text = raw_text.replace("\t", " ") if tab else raw_text
        if dialect is not None and dialect["lineterminator"] == "\n":
            # With a LF terminator, Python's writer leaves a bare CR unquoted: a broken file no
            # exporter writes (CR is a line break to every reader), so the generator avoids it.
            text = text.replace("\r", "\n")
        writer.writerow([record_id or "", text, "extra field"] if broken else [record_id or "", text])
    data = buffer.getvalue().encode(encoding, errors="replace")
    path = folder / ("dump.tsv" if tab else "dump.csv")
    if compress:
        path = path.with_name(path.name + ".gz")
    path.write_bytes(gzip.compress(data) if compress else data)
    return path


def ingest(path: Path) -> FileReport:
    (unit,) = discover_inputs([path])
    job = UnitJob(
        unit, path.parent / "out", ReaderOptions(), ingest_date=NOW.date(), chunk_size=3, run_id="p"
    )
    return ingest_unit(job, sequential_cleaner(TransformSettings(ingested_at=NOW)), Deduplicator())


def assert_accounted(report: FileReport) -> list[dict[str, object]]:
    """The invariant, checked against what is on disk too; returns the rejects written."""
    assert report.records_read == report.articles + report.rejects + report.duplicates
    articles = pq.read_table(report.articles_file).to_pylist() if report.articles_file else []
    rejected = pq.read_table(report.rejects_file).to_pylist() if report.rejects_file else []
    assert len(articles) == report.articles
    removals = Counter(str(item["reason"]) for row in articles for item in row["removed"])
    assert report.removal_counts == dict(removals), "removals are counted on the articles written"
    assert len(rejected) == report.rejects
    assert all(json.loads(str(r["raw_record"])) for r in rejected), "every reject keeps its raw record"
    return rejected


@SETTINGS
@given(
    rows=st.lists(ROW, min_size=1, max_size=12),
    encoding=st.sampled_from(["utf-8", "utf-8-sig", "cp1252", "utf-16"]),
    compress=st.booleans(),
    dialect=DIALECT,
)
def test_every_record_is_accounted_for(
    rows: list[tuple[str | None, str, bool]], encoding: str, compress: bool, dialect: dict[str, object]
) -> None:
    with TemporaryDirectory() as tmp:
        report = ingest(write_dump(rows, encoding, compress, Path(tmp), dialect))
        assert report.status == "ok", report.error
        assert report.records_read == len(rows)
        rejected = assert_accounted(report)
        broken = sum(1 for _, _, is_broken in rows if is_broken)
        assert sum(1 for r in rejected if r["reason_code"] == "malformed") == broken


FRAGMENT = st.one_of(
    st.sampled_from(PROSE),
    st.sampled_from(['"', '""', ",", "\t", "\n", "\r\n", "\x00", "\u2028", "id,text\n", "{", "}"]),
    st.text(max_size=20),
)


@SETTINGS
@given(
    body=st.lists(FRAGMENT, max_size=30).map("".join),
    junk=st.binary(max_size=8),
    suffix=st.sampled_from(["dump.csv", "dump.tsv", "dump.jsonl", "dump.csv.gz"]),
)
def test_hostile_bytes_never_escape_as_an_exception(body: str, junk: bytes, suffix: str) -> None:
    """Whatever the bytes, an input ends as an accounted report or as one file-level error."""
    data = ("id,text\n" + body).encode("utf-8") + junk
    if suffix.endswith(".gz"):
        half = max(10, len(data) // 2)
        data = gzip.compress(data)
        if junk[:1] == b"\x00":  # a truncated archive
            data = data[:half]
    with TemporaryDirectory() as tmp:
        path = Path(tmp) / suffix
        path.write_bytes(data)
        report = ingest(path)
        if report.status == "ok":
            assert_accounted(report)
        else:
            assert report.error and suffix in report.error and "\n" not in report.error
            assert report.articles_file is None and report.rejects_file is None
