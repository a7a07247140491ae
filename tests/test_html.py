"""The HTML adapter: same output as trafilatura with metadata, and a per-record budget that holds."""

import threading
import time
from pathlib import Path

import pytest
from trafilatura import bare_extraction

from newsclean import html_meta
from newsclean.html import (
    MAX_HTML_TAGS,
    MAX_TAG_ATTRIBUTES,
    HtmlExtraction,
    HtmlOverBudget,
    Wanted,
    check_html_shape,
    extract_html,
)
from newsclean.htmlsniff import is_html_document
from newsclean.models import Article, Reject
from newsclean.records import RawRecord
from newsclean.transform import TransformSettings, transform_record
from tests.helpers import NOW

PAGES = sorted((Path(__file__).parent / "data" / "html").glob("*.html"))
URL = "https://valleycourier.example/news/reservoirs"
SENTENCE = "The council met on Tuesday to discuss the new budget for the coming year and its effects."
TEXT = (
    "Reservoirs recover after wet autumn\n"
    "The regional water authority said on Monday that reservoir levels had recovered to 85 percent "
    "of capacity after the wettest autumn in more than a decade, easing fears of summer restrictions."
)


def siblings(count: int) -> str:
    """A page of `count` sibling paragraphs: trafilatura's cost grows with the square of it."""
    return "<html><body><article>" + "<p>word word word.</p>" * count + "</article></body></html>"


def page(body: str) -> str:
    return f"<html><body><article>{body}</article></body></html>"


def trafilatura_with_metadata(html: str, url: str | None) -> tuple[str | None, ...]:
    """What the adapter returned before: one bare_extraction call with every metadata field."""
    doc = bare_extraction(
        html,
        url=url,
        include_comments=False,
        favor_recall=True,
        include_tables=True,
        deduplicate=False,
        with_metadata=True,
        date_extraction_params=html_meta.DATE_PARAMS,
    )
    assert doc is not None
    assert not isinstance(doc, dict)
    return (doc.text, doc.title, doc.author, doc.date, doc.sitename)


@pytest.mark.parametrize("path", PAGES, ids=[p.stem for p in PAGES])
def test_same_text_and_metadata_as_trafilatura_with_metadata(path: Path) -> None:
    """The selective metadata and the one-pass author search change speed, not output.

    The pages put author-like elements in comment threads, sidebars, around <time> and <figure>,
    behind a second <html> root: wherever trafilatura's pruning decides which one wins.
    """
    html = path.read_text(encoding="utf-8")
    for url in (URL, None):
        ours = extract_html(html, url)
        assert isinstance(ours, HtmlExtraction)
        assert (ours.text, ours.title, ours.author, ours.published, ours.site) == trafilatura_with_metadata(
            html, url
        )


def test_author_search_finds_what_trafilatura_finds() -> None:
    """Spot checks that the pages above do exercise the fallback author search."""
    authors = {p.stem: extract_html(p.read_text(encoding="utf-8"), URL) for p in PAGES}
    found = {name: result.author for name, result in authors.items() if isinstance(result, HtmlExtraction)}
    assert found["byline_with_time"] == "Jane Doe"  # the <time> inside the byline is pruned, tails joined
    assert found["author_in_comments"] == "Tom Baker"  # not the commenters
    assert found["sidebar_first"] == "Priya Natarajan"  # not the sidebar columnist
    assert found["meta_author"] == "Maria Lopez"  # meta tags win over the page
    assert found["json_ld"] == "Amal Haddad"
    assert found["no_author"] is None
    assert found["second_root"] is None  # trafilatura only searches the first <html>


@pytest.mark.eval
@pytest.mark.slow
def test_same_output_as_trafilatura_on_every_dev_page(shared_eval: Path) -> None:
    from newsclean.evaluation import iter_pages

    for eval_page in iter_pages(shared_eval, "dev"):
        ours = extract_html(eval_page["html"], eval_page["url"])
        expected = trafilatura_with_metadata(eval_page["html"], eval_page["url"])
        assert isinstance(ours, HtmlExtraction), eval_page["id"]
        text, *fields = expected
        assert ours.text == text, eval_page["id"]
        wanted = [(field and field.strip()) or None for field in fields]
        assert [ours.title, ours.author, ours.published, ours.site] == wanted, eval_page["id"]


def test_fields_the_record_has_are_not_looked_for(monkeypatch: pytest.MonkeyPatch) -> None:
    """Date extraction is the costliest field lookup; a record with a date skips it."""
    calls: list[str] = []

    def counting_find_date(*args: object, **kwargs: object) -> str | None:
        calls.append("find_date")
        return None

    monkeypatch.setattr(html_meta, "find_date", counting_find_date)
    html = PAGES[0].read_text(encoding="utf-8")
    skipped = extract_html(html, URL, wanted=Wanted(title=False, published=False, site=False))
    assert isinstance(skipped, HtmlExtraction)
    assert (skipped.title, skipped.published, skipped.site) == (None, None, None)
    assert calls == []
    extract_html(html, URL)
    assert calls == ["find_date"]


def test_record_fields_win_and_html_fills_the_rest() -> None:
    html = (Path(__file__).parent / "data" / "html" / "meta_author.html").read_text(encoding="utf-8")
    record = RawRecord(
        source_file="dump.csv",
        record_index=0,
        raw={},
        html=html,
        url=URL,
        title="Reservoirs recover after wet autumn",
        site="courier",
    )
    out = transform_record(record, TransformSettings(ingested_at=NOW))
    assert isinstance(out, Article)
    assert out.title == "Reservoirs recover after wet autumn"
    assert (out.site, out.author) == ("courier", "Maria Lopez")
    assert out.published is not None
    assert out.published.isoformat() == "2026-03-02T08:00:00+00:00"  # the page's time of day is kept


META_TIME = '<meta property="article:published_time" content="{}">'


@pytest.mark.parametrize(
    ("head", "body", "published"),
    [
        (META_TIME.format("2024-05-01T09:00:00Z"), "", "2024-05-01T09:00:00"),
        (META_TIME.format("2024-05-01T01:30:00+02:00"), "", "2024-04-30T23:30:00"),  # the day before, in UTC
        ('<meta itemprop="datePublished" content="2024-05-01T09:00:00-04:00">', "", "2024-05-01T13:00:00"),
        (
            '<script type="application/ld+json">'
            '{"@type":"NewsArticle","datePublished":"2024-05-01T09:00:00+02:00"}</script>',
            "",
            "2024-05-01T07:00:00",
        ),
        ("", '<time datetime="2024-05-01T09:00:00+02:00">1 May 2024</time>', "2024-05-01T07:00:00"),
        ("", '<time datetime="2024-05-01T09:00:00">1 May 2024</time>', "2024-05-01T09:00:00"),  # no zone: UTC
        (META_TIME.format("2024-05-01"), "", "2024-05-01T00:00:00"),  # a date is all the page has
    ],
    ids=["meta-utc", "meta-offset", "itemprop", "json-ld", "time-element", "naive", "date-only"],
)
def test_html_publication_time_keeps_time_of_day_and_zone(head: str, body: str, published: str) -> None:
    """A full timestamp in the page is stored to the second, in UTC; a date alone is midnight UTC."""
    html = f"<html><head>{head}</head><body><article>{body}<p>{TEXT}</p></article></body></html>"
    out = transform_record(html_record(html, None), TransformSettings(ingested_at=NOW))
    assert isinstance(out, Article)
    assert out.published is not None
    assert out.published.isoformat() == published + "+00:00"


def test_html_timestamp_wins_over_a_date_in_the_url() -> None:
    """``/2024/04/30/`` in the URL is a day; the page's own timestamp says when (as venturebeat.com)."""
    html = page(f"<p>{TEXT}</p>").replace(
        "<html>", f"<html><head>{META_TIME.format('2024-05-01T01:30:00+02:00')}</head>"
    )
    dated_url = "https://valleycourier.example/2024/04/30/reservoirs"
    out = transform_record(
        RawRecord(source_file="dump.csv", record_index=0, raw={}, html=html, url=dated_url),
        TransformSettings(ingested_at=NOW),
    )
    assert isinstance(out, Article)
    assert out.published is not None
    assert out.published.isoformat() == "2024-04-30T23:30:00+00:00"
    no_date_in_page = page(f"<p>{TEXT}</p>")
    out = transform_record(
        RawRecord(source_file="dump.csv", record_index=0, raw={}, html=no_date_in_page, url=dated_url),
        TransformSettings(ingested_at=NOW),
    )
    assert isinstance(out, Article)
    assert out.published is not None
    assert out.published.isoformat() == "2024-04-30T00:00:00+00:00"  # the URL's day, when the page has none


# --- the budget --------------------------------------------------------------------------------


def test_shape_check_passes_real_pages_and_names_what_is_over() -> None:
    assert check_html_shape(PAGES[0].read_text(encoding="utf-8")) is None
    assert check_html_shape(siblings(MAX_HTML_TAGS - 10)) is None
    too_many = check_html_shape(siblings(MAX_HTML_TAGS + 1))
    assert too_many is not None
    assert "30,004 tags" in too_many  # 30,001 paragraphs in html, body, article
    attributes = " ".join(f"a{i}='v'" for i in range(MAX_TAG_ATTRIBUTES + 1))
    wide = page(f"<div {attributes}>{SENTENCE}</div>" + "<p>x=y</p>" * 10_000)
    refused = check_html_shape(wide)
    assert refused is not None
    assert "1,001 attributes" in refused
    # '=' in text and scripts is not an attribute: only the tag itself is counted.
    script = page("<script>" + "a=1;" * 20_000 + "</script><p>" + "x = y " * 2_000 + "</p>")
    assert check_html_shape(script) is None
    assert check_html_shape("<" * 40_000) is None  # '<' that opens no tag
    assert check_html_shape("x" * 5_000_001) is not None


@pytest.mark.parametrize(
    ("name", "html"),
    [
        ("100k sibling paragraphs (32 s before)", siblings(100_000)),
        ("50k attributes on one tag (57 s before)", page("<div " + " a='v'" * 50_000 + f">{SENTENCE}</div>")),
        ("100k links (10 s before)", page("".join(f"<a href='/x{i}'>link {i}</a> " for i in range(100_000)))),
        ("50k nested divs", "<html><body>" + "<div>" * 50_000 + SENTENCE + "</body></html>"),
    ],
)
def test_pathological_pages_are_refused_before_parsing(name: str, html: str) -> None:
    started = time.perf_counter()
    result = extract_html(html)
    assert isinstance(result, HtmlOverBudget), name
    assert result.kind == "size"
    assert time.perf_counter() - started < 0.5, name


def test_deep_nesting_needs_no_check() -> None:
    """libxml2 stops at depth 255: a deeper page is cheap and just yields nothing usable."""
    deep = "<html><body>" + "<div>" * 5_000 + f"<p>{SENTENCE}</p>" * 5 + "</div>" * 5_000 + "</body></html>"
    started = time.perf_counter()
    assert extract_html(deep) is None
    assert time.perf_counter() - started < 1.0


def test_time_budget_stops_a_slow_page() -> None:
    slow = siblings(8_000)  # ~0.25 s, under the shape limits
    started = time.perf_counter()
    result = extract_html(slow, time_budget=0.02)
    elapsed = time.perf_counter() - started
    assert isinstance(result, HtmlOverBudget)
    assert result.kind == "time"
    assert "0.02-second budget" in result.detail
    assert elapsed < 0.2
    # And the same page, given time, extracts.
    assert isinstance(extract_html(slow), HtmlExtraction)


def test_time_budget_holds_in_a_worker_thread_too() -> None:
    """Prefect's thread pool (the single-worker default) and Dask clean outside the main thread."""
    results: list[object] = []
    worker = threading.Thread(target=lambda: results.append(extract_html(siblings(8_000), time_budget=0.02)))
    started = time.perf_counter()
    worker.start()
    worker.join()
    assert time.perf_counter() - started < 0.2
    assert isinstance(results[0], HtmlOverBudget)
    assert results[0].kind == "time"


def test_no_interrupt_escapes_after_extract_html_returns() -> None:
    """Budgets that end just as extraction ends: an interrupt must land inside, or never."""
    html = siblings(300)
    started = time.perf_counter()
    extract_html(html)
    typical = time.perf_counter() - started
    outcomes = set()
    for n in range(60):
        budget = typical * (0.5 + n / 40)
        outcomes.add(type(extract_html(html, time_budget=budget)).__name__)
        # Pure Python work for longer than the watchdog's tick: a stray interrupt would land here.
        until = time.perf_counter() + 0.06
        while time.perf_counter() < until:
            pass
    assert "HtmlExtraction" in outcomes


def html_record(html: str, text: str | None) -> RawRecord:
    return RawRecord(source_file="dump.csv", record_index=3, raw={"id": "p1"}, id="p1", html=html, text=text)


def test_over_budget_html_falls_back_to_text_and_says_why() -> None:
    out = transform_record(html_record(siblings(40_000), TEXT), TransformSettings(ingested_at=NOW))
    assert isinstance(out, Article)
    assert out.extraction == "html_fallback_text"
    assert out.text.startswith("The regional water authority")
    note = out.removed[0]
    assert note.reason == "size_cap"
    assert note.text == "[HTML not used: 40,003 tags, over the 30,000-tag budget]"


def test_over_budget_html_without_text_is_rejected_as_too_large() -> None:
    out = transform_record(html_record(siblings(40_000), None), TransformSettings(ingested_at=NOW))
    assert isinstance(out, Reject)
    assert out.reason_code == "too_large"
    assert "30,000-tag budget" in out.reason
    assert out.id == "p1"


def test_slow_html_without_text_is_rejected_as_timeout(monkeypatch: pytest.MonkeyPatch) -> None:
    import newsclean.transform as transform_module

    def impatient(html: str, url: str | None = None, *, wanted: Wanted) -> object:
        return extract_html(html, url, wanted=wanted, time_budget=0.02)

    monkeypatch.setattr(transform_module, "extract_html", impatient)
    out = transform_record(html_record(siblings(8_000), None), TransformSettings(ingested_at=NOW))
    assert isinstance(out, Reject)
    assert out.reason_code == "timeout"
    with_text = transform_record(html_record(siblings(8_000), TEXT), TransformSettings(ingested_at=NOW))
    assert isinstance(with_text, Article)
    assert with_text.extraction == "html_fallback_text"
    assert with_text.removed[0].text.startswith("[HTML not used: HTML extraction stopped after")


@pytest.mark.parametrize(
    ("text", "is_source"),
    [
        ("<!DOCTYPE html><html><head><title>T</title></head><body><p>Hi</p></body></html>", True),
        ("\ufeff\n  <div class='story'><h1>Title</h1><p>First paragraph.</p></div>", True),
        ("<html>\n<body>\n<p>One</p>\n</body>\n</html>", True),
        ("<3 this recipe, said one reader.\nThe cake takes an hour.", False),
        ("<<< Back to the story\nThe council voted on Tuesday.", False),
        ("The tag <p> opens a paragraph, and <div> a block, and <span> a run of text.", False),
    ],
)
def test_a_pages_source_is_told_from_its_text(text: str, is_source: bool) -> None:
    assert is_html_document(text) is is_source
