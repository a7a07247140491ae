"""How often the headline found in a page's text agrees with the title its HTML declares.

    .venv/bin/python tools/eval_titles.py [--split dev] [--misses 20]

The benchmark's gold holds bodies only, so this is a proxy: the reference is the title
trafilatura reads from the page's HTML (og:title, else <title> or the first <h1>), and a found
title agrees when either one's words contain the other's (references often carry the site's
name: 'Best tech gadgets of 2019 | ZDNet'). Pages whose HTML declares no title are left out.
`clean_text` is given the page's raw_text and no title, as the flow does for a dump without a
title column. Tune on dev.
"""

import argparse
import re

import trafilatura

from newsclean.cleaning import clean_text
from newsclean.evaluation import find_eval_dir, iter_pages

_WORD = re.compile(r"\w+")


def _words(text: str | None) -> str:
    return " ".join(_WORD.findall((text or "").lower()))


def agrees(found: str | None, reference: str) -> bool:
    """Whether the found title and the reference contain one another, word for word."""
    a, b = _words(found), _words(reference)
    return bool(a and b) and (f" {a} " in f" {b} " or f" {b} " in f" {a} ")


def main() -> None:
    """Print the share of pages whose found title agrees with their HTML's, and some misses."""
    parser = argparse.ArgumentParser()
    parser.add_argument("--split", default="dev")
    parser.add_argument("--misses", type=int, default=0, help="list N pages where they disagree")
    args = parser.parse_args()
    eval_dir = find_eval_dir()
    if eval_dir is None:
        parser.error("no eval set: set NEWSCLEAN_EVAL_DIR or put it at ../shared/eval")
    pages = found = agreeing = 0
    misses: list[tuple[str, str | None, str]] = []
    for page in iter_pages(eval_dir, args.split):
        metadata = trafilatura.extract_metadata(page["html"]) if page["html"] else None
        reference = metadata.title if metadata is not None else None
        if not reference:
            continue
        title = clean_text(page["raw_text"]).title
        pages += 1
        found += title is not None
        if agrees(title, reference):
            agreeing += 1
        else:
            misses.append((page["id"], title, reference))
    print(
        f"{args.split}: {pages} pages with a declared title; a title found on {found} "
        f"({found / pages:.0%}), agreeing on {agreeing} ({agreeing / pages:.0%})"
    )
    for page_id, title, reference in misses[: args.misses]:
        print(f"  {page_id:24} found {title!r:.70}  declared {reference!r:.70}")


if __name__ == "__main__":
    main()
