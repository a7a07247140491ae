"""Property: for any generated dump (noise, quoting, encodings, broken rows, duplicates), every
record read is an article, a reject or a listed duplicate, and every row written can be found."""

import csv
import gzip
import io
import json
from pathlib import Path
from tempfile import TemporaryDirectory

import pyarrow.parquet as pq
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from newsclean.dedup import Deduplicator
from newsclean.pipeline import UnitJob, ingest_unit, sequential_cleaner
from newsclean.readers import ReaderOptions, discover_inputs
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
SETTINGS = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def write_dump(rows: list[tuple[str | None, str, bool]], encoding: str, compress: bool, folder: Path) -> Path:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(["id", "text"])
    for record_id, text, broken in rows:
        writer.writerow([record_id or "", text, "extra field"] if broken else [record_id or "", text])
    data = buffer.getvalue().encode(encoding, errors="replace")
    path = folder / ("dump.csv.gz" if compress else "dump.csv")
    path.write_bytes(gzip.compress(data) if compress else data)
    return path


@SETTINGS
@given(
    rows=st.lists(ROW, min_size=1, max_size=12),
    encoding=st.sampled_from(["utf-8", "utf-8-sig", "cp1252"]),
    compress=st.booleans(),
)
def test_every_record_is_accounted_for(
    rows: list[tuple[str | None, str, bool]], encoding: str, compress: bool
) -> None:
    with TemporaryDirectory() as tmp:
        folder = Path(tmp)
        (unit,) = discover_inputs([write_dump(rows, encoding, compress, folder)])
        job = UnitJob(unit, folder / "out", ReaderOptions(), ingest_date=NOW.date(), chunk_size=3, run_id="p")
        report = ingest_unit(job, sequential_cleaner(TransformSettings(ingested_at=NOW)), Deduplicator())
        assert report.status == "ok", report.error
        assert report.records_read == len(rows)
        assert report.records_read == report.articles + report.rejects + report.duplicates
        written = pq.read_table(report.articles_file).num_rows if report.articles_file else 0
        rejected = pq.read_table(report.rejects_file).to_pylist() if report.rejects_file else []
        assert written == report.articles
        assert len(rejected) == report.rejects
        assert all(json.loads(r["raw_record"]) for r in rejected), "every reject keeps its raw record"
        broken = sum(1 for _, _, is_broken in rows if is_broken)
        assert sum(1 for r in rejected if r["reason_code"] == "malformed") == broken
