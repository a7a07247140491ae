"""Invariants of the cleaner over generated pages: it never raises, only removes (in order), and
cleaning its own output changes nothing."""

import json
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from newsclean import clean_text

TABLE = json.loads((Path(__file__).resolve().parents[1] / "data" / "cleaning" / "lines.json").read_text())
REAL_LINES = [line.format(**TABLE["bodies"]) for case in TABLE["cases"] for line in case["page"]] + list(
    TABLE["bodies"].values()
)

ANY_TEXT = st.text(max_size=400)
PAGES = st.lists(st.one_of(st.sampled_from(REAL_LINES), st.text(max_size=120)), max_size=25).map("\n".join)
SETTINGS = settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def paragraphs(text: str) -> list[str]:
    return [p for p in text.split("\n\n") if p]


@SETTINGS
@given(text=ANY_TEXT, title=st.one_of(st.none(), st.text(max_size=60)))
def test_never_raises_and_output_is_tidy(text: str, title: str | None) -> None:
    result = clean_text(text, title=title)
    assert result.text == result.text.strip()
    assert "\n\n\n" not in result.text
    assert len(result.verdicts) == len(text.splitlines())


@SETTINGS
@given(page=PAGES)
def test_kept_lines_are_an_in_order_subsequence_of_the_input(page: str) -> None:
    result = clean_text(page)
    kept = [v.kept_text for v in result.verdicts if v.keep and not v.continues]
    assert paragraphs(result.text) == kept
    spans = {r.line for r in result.removed if r.kind == "span"}
    originals = iter(line.strip() for line in page.splitlines())
    for verdict in (v for v in result.verdicts if v.keep and v.line not in spans):
        assert any(" ".join(verdict.text.split()) == " ".join(o.split()) for o in originals)


@SETTINGS
@given(page=PAGES, titled=st.booleans())
def test_cleaning_is_idempotent(page: str, titled: bool) -> None:
    # A cleaned record is its text and its title (given, or the headline found): cleaning it
    # again changes neither. (The text alone, without the headline found, is another page: its
    # first line may read as a headline in turn.)
    title = "Council approves the new library budget" if titled else None
    once = clean_text(page, title=title)
    twice = clean_text(once.text, title=once.title)
    assert (twice.text, twice.title) == (once.text, once.title)


def test_huge_single_line_stays_linear() -> None:
    line = ("word " * 400_000) + "(" * 100_000 + "MORE " * 1000
    result = clean_text(line)
    assert len(result.verdicts) == 1


def test_exotic_whitespace_is_normalised_the_same_way_twice() -> None:
    page = f"{TABLE['bodies']['body']}\n:\x1f0\xa0\n\u2003Tab\tseparated\u00a0cells\u200b here"
    once = clean_text(page)
    assert clean_text(once.text).text == once.text
    assert "\x1f" not in once.text and "\xa0" not in once.text and "\u200b" not in once.text
