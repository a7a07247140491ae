"""Throughput of `clean_text` on the eval pages' raw_text, one core.

Usage: .venv/bin/python tools/cleaner_speed.py [--repeat 5] [--split dev] [--profile] [--src DIR]

`--src` times another checkout's `src` directory (e.g. an older commit unpacked with `git archive`)
in alternation with this one's, for an A/B comparison on a busy machine.

Each timed pass runs in a fresh process that first warms up (model, stop lists, language
identifier) on the *other* split, so no per-process cache has seen the timed pages: the number is
what a stream of new pages gets. The best of `--repeat` passes is reported, since other jobs may
share the machine.
"""

import argparse
import cProfile
import pstats
import subprocess
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
SRC = next((sys.argv[i + 1] for i, a in enumerate(sys.argv[:-1]) if a == "--one-src"), str(REPO / "src"))
sys.path.insert(0, SRC)
sys.path.insert(0, str(REPO / "tools"))

from cleaner_golden import SPLITS, load_pages  # noqa: E402

from newsclean.cleaning import clean_text  # noqa: E402


def one_pass(split: str, profile: bool) -> None:
    """Warm up on the other split, then time (or profile) one pass over `split`; prints seconds."""
    other = next(s for s in SPLITS if s != split)
    for _, text in load_pages(other):
        clean_text(text)
    texts = [text for _, text in load_pages(split)]
    if profile:
        profiler = cProfile.Profile()
        profiler.runcall(lambda: [clean_text(t) for t in texts])
        pstats.Stats(profiler).sort_stats("tottime").print_stats(35)
        return
    start = time.perf_counter()
    for text in texts:
        clean_text(text)
    print(time.perf_counter() - start, len(texts), sum(map(len, texts)))


def main() -> None:
    """Time (or profile) the cleaner on each requested split."""
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--split", choices=SPLITS, action="append")
    parser.add_argument("--profile", action="store_true")
    parser.add_argument("--src", help="another src directory to time against this one")
    parser.add_argument("--one-pass", choices=SPLITS, help=argparse.SUPPRESS)
    parser.add_argument("--one-src", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.one_pass:
        one_pass(args.one_pass, args.profile)
        return
    sources = {"this": str(REPO / "src")} | ({"other": args.src} if args.src else {})
    for split in args.split or SPLITS:
        if args.profile:
            command = [sys.executable, __file__, "--one-pass", split, "--profile"]
            subprocess.run(command, check=True)
            continue
        best = dict.fromkeys(sources, float("inf"))
        for _ in range(args.repeat):
            for name, src in sources.items():
                command = [sys.executable, __file__, "--one-pass", split, "--one-src", src]
                out = subprocess.run(command, check=True, capture_output=True, text=True).stdout.split()
                best[name] = min(best[name], float(out[0]))
                pages, chars = int(out[1]), int(out[2])
        for name, seconds in best.items():
            print(
                f"{split} [{name}]: {pages} pages ({chars / pages / 1000:.1f} KB avg), best of "
                f"{args.repeat}: {1000 * seconds / pages:.2f} ms/page, {pages / seconds:.0f} pages/s"
            )


if __name__ == "__main__":
    main()
