"""`make bench`: throughput and memory of the ingest path, written to benchmarks/RESULTS.md.

Measures, in one run on this machine:

* the text path end to end (read -> clean -> validate -> write) through the real flow CLI, on the
  eval set's raw_text replicated to N records (each copy made unique so duplicates do not shrink
  the work), for 1 and 2 workers, at 10k and 100k records, with peak RSS of the whole process
  tree (flow process + pool workers, excluding Prefect's temporary server);
* the I/O floor: pyarrow reading the same CSV and writing Parquet, no cleaning;
* the HTML path (trafilatura + our cleaner) beside plain `trafilatura.extract` on the same pages.

Timed tests would be flaky on shared CI machines; this is a report, not a gate.
"""

import argparse
import csv
import json
import os
import platform
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import psutil
import pyarrow as pa
import pyarrow.csv as pcsv
import pyarrow.parquet as pq

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "src"))

from newsclean.cleaning import clean_text  # noqa: E402
from newsclean.evaluation import find_eval_dir, iter_pages  # noqa: E402
from newsclean.records import RawRecord  # noqa: E402
from newsclean.transform import TransformSettings, transform_record  # noqa: E402


def eval_pages(eval_dir: Path) -> list[dict[str, str]]:
    """All 400 eval pages (dev + test): real pages of real size, the closest thing to a dump."""
    return [*iter_pages(eval_dir, "dev"), *iter_pages(eval_dir, "test")]


def replicated(pages: list[dict[str, str]], count: int) -> Iterator[list[str]]:
    """`count` rows cycling through the pages, each made unique by a reference in its longest line."""
    for n in range(count):
        page = pages[n % len(pages)]
        lines = page["raw_text"].split("\n")
        longest = max(range(len(lines)), key=lambda i: len(lines[i]))
        lines[longest] += f" Ref {n}."
        yield [f"{page['id']}-{n}", page["url"], "\n".join(lines)]


def write_dump(path: Path, pages: list[dict[str, str]], count: int) -> float:
    """Write a CSV dump of `count` records; returns its size in MB."""
    with path.open("w", encoding="utf-8", newline="") as f:
        writer = csv.writer(f)
        writer.writerow(["id", "url", "text"])
        writer.writerows(replicated(pages, count))
    return path.stat().st_size / 1e6


class TreeRss:
    """Samples the summed RSS of a process and its descendants, minus any Prefect server."""

    def __init__(self, pid: int) -> None:
        self.root = psutil.Process(pid)
        self.peak = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def _rss(self) -> int:
        total = 0
        try:
            procs = [self.root, *self.root.children(recursive=True)]
        except psutil.Error:
            return 0
        for proc in procs:
            try:
                if "uvicorn" in " ".join(proc.cmdline()) or "prefect server" in " ".join(proc.cmdline()):
                    continue
                total += proc.memory_info().rss
            except psutil.Error:
                continue
        return total

    def _run(self) -> None:
        while not self._stop.is_set():
            self.peak = max(self.peak, self._rss())
            time.sleep(0.2)

    def __enter__(self) -> "TreeRss":
        self._thread.start()
        return self

    def __exit__(self, *_: object) -> None:
        self._stop.set()
        self._thread.join()


def run_flow(dump: Path, out: Path, workers: int) -> dict[str, float]:
    """One flow run through the CLI; throughput from the run report (excludes server start-up)."""
    cmd = [
        sys.executable,
        str(REPO / "flows" / "ingest.py"),
        str(dump),
        "--out",
        str(out),
        "--workers",
        str(workers),
    ]
    env = {**os.environ, "PREFECT_LOGGING_LEVEL": "WARNING"}
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env)
    with TreeRss(proc.pid) as rss:
        _, err = proc.communicate()
    if proc.returncode != 0:
        raise RuntimeError(err.decode()[-2000:])
    (report_file,) = sorted((out / "_runs").glob("*.json"))[-1:]
    report = json.loads(report_file.read_text())
    seconds = sum(f["seconds"] for f in report["files"])
    records = sum(f["records_read"] for f in report["files"])
    return {"records": records, "seconds": seconds, "rss_mb": rss.peak / 1e6}


def io_floor(dump: Path, out: Path) -> float:
    """Seconds for pyarrow to stream the CSV and write it as zstd Parquet, no cleaning."""
    started = time.perf_counter()
    opts = pcsv.ReadOptions(block_size=64 << 20)
    parse = pcsv.ParseOptions(newlines_in_values=True)
    reader = pcsv.open_csv(dump, read_options=opts, parse_options=parse)
    with pq.ParquetWriter(out, reader.schema, compression="zstd") as writer:
        for batch in reader:
            writer.write_table(pa.Table.from_batches([batch]))
    return time.perf_counter() - started


def html_path(pages: list[dict[str, str]]) -> tuple[float, float]:
    """Pages/s of trafilatura.extract alone and of our HTML path (extract + clean + validate)."""
    import trafilatura  # noqa: PLC0415 - only this measurement needs it directly

    started = time.perf_counter()
    for page in pages:
        trafilatura.extract(page["html"], url=page["url"], include_comments=False, favor_recall=True)
    plain = len(pages) / (time.perf_counter() - started)
    settings = TransformSettings(ingested_at=datetime.now(UTC))
    started = time.perf_counter()
    for i, page in enumerate(pages):
        record = RawRecord(source_file="bench", record_index=i, raw={}, html=page["html"], url=page["url"])
        transform_record(record, settings)
    ours = len(pages) / (time.perf_counter() - started)
    return plain, ours


def cleaner_alone(pages: list[dict[str, str]], repeats: int = 3) -> float:
    """Pages/s of `clean_text` alone on the pages' raw text, one core, best of `repeats` passes."""
    texts = [page["raw_text"] for page in pages]
    best = float("inf")
    for _ in range(repeats):
        started = time.perf_counter()
        for text in texts:
            clean_text(text)
        best = min(best, time.perf_counter() - started)
    return len(texts) / best


def machine() -> str:
    """One line describing this machine, so figures are never quoted without their context."""
    cpu = platform.processor() or platform.machine()
    mem = psutil.virtual_memory().total / 2**30
    python = platform.python_version()
    return f"{os.cpu_count()} cores ({cpu}), {mem:.0f} GiB RAM, Python {python}, {platform.system()}"


def main() -> int:
    """Run every measurement and write the Markdown report."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000])
    parser.add_argument("--workers", type=int, nargs="+", default=[1, 2])
    parser.add_argument("--output", type=Path, default=REPO / "benchmarks" / "RESULTS.md")
    args = parser.parse_args()
    eval_dir = find_eval_dir()
    if eval_dir is None:
        print("eval set not found: set NEWSCLEAN_EVAL_DIR or place it at ../shared/eval", file=sys.stderr)
        return 2
    pages = eval_pages(eval_dir)
    rows = []
    with tempfile.TemporaryDirectory(prefix="newsclean-bench-") as tmp:
        for size in args.sizes:
            dump = Path(tmp) / f"dump-{size}.csv"
            mb = write_dump(dump, pages, size)
            floor = io_floor(dump, Path(tmp) / f"floor-{size}.parquet")
            rows.append(
                f"| I/O floor (pyarrow CSV -> Parquet) | {size:,} | - | {size / floor:,.0f} "
                f"| {mb / floor:,.1f} | - | - |"
            )
            single = None
            for workers in args.workers:
                res = run_flow(dump, Path(tmp) / f"out-{size}-{workers}", workers)
                rate = res["records"] / res["seconds"]
                single = single or rate
                rows.append(
                    f"| text path, end to end | {size:,} | {workers} | {rate:,.0f} "
                    f"| {mb / res['seconds']:,.1f} | {rate / single:.2f}x | {res['rss_mb']:,.0f} |"
                )
                print(rows[-1], flush=True)
            dump.unlink()
    alone = cleaner_alone(pages)
    plain, ours = html_path(pages)
    table = "\n".join(
        [
            "| measurement | records | workers | records/s | MB/s | vs 1 worker | peak RSS (MB) |",
            "|---|---|---|---|---|---|---|",
            *rows,
        ]
    )
    html = (
        "| HTML path (400 eval pages, one process) | pages/s |\n|---|---|\n"
        f"| trafilatura.extract alone | {plain:.1f} |\n"
        f"| newsclean (trafilatura + cleaner + validation) | {ours:.1f} |\n"
        f"| ratio | {plain / ours:.2f}x |"
    )
    text = (
        f"# Benchmarks\n\nMachine: {machine()}. Date: {datetime.now(UTC):%Y-%m-%d}. "
        "Reproduce: `make bench`.\n\n"
        f"{table}\n\nThe text cleaner alone (`clean_text` on the 400 pages' raw text, one core): "
        f"{alone:,.0f} pages/s.\n\n{html}\n"
    )
    print(text)
    args.output.write_text(text, encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
