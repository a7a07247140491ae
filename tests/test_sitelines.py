"""Cross-page evidence: a site's template lines found in a first pass, then cut from its pages."""

from pathlib import Path

import pyarrow.parquet as pq
from hypothesis import given, settings
from hypothesis import strategies as st

from newsclean.cleaning import line_key
from newsclean.dedup import Deduplicator
from newsclean.pipeline import UnitJob, ingest_unit, sequential_cleaner
from newsclean.readers import ReaderOptions, discover_inputs
from newsclean.records import RawRecord
from newsclean.sitelines import SiteLineCounter, SiteLineSettings, count_site_lines
from newsclean.transform import TransformSettings
from tests.helpers import NOW, write_csv

TEMPLATE = "The Valley Courier has served readers across the county since 1901."
"""A template line that reads like prose, so only cross-page evidence can tell it apart."""

STORIES = [
    "The county board approved a new bridge over the river on Monday after two years of debate.",
    "Farmers in the north of the county reported the best wheat harvest in a decade this summer.",
    "A local bakery won a national award for its rye bread, the first such prize for the town.",
    "The school district hired twelve new teachers ahead of the autumn term, officials said.",
    "Volunteers planted four hundred trees along the old railway line over the weekend.",
    "The library will stay open until nine on weekdays from next month, the council decided.",
]


def page(story: str) -> str:
    """A page of the site: its template line, then a two-paragraph story."""
    return f"{TEMPLATE}\n{story}\n{story.replace('the', 'this')} Residents welcomed the news on Tuesday."


def record(i: int, text: str, url: str = "https://www.courier.example/news") -> RawRecord:
    return RawRecord(source_file="dump.csv", record_index=i, raw={}, text=text, url=f"{url}/{i}")


def test_a_line_on_most_pages_of_a_site_is_its_template() -> None:
    templates = count_site_lines(record(i, page(story)) for i, story in enumerate(STORIES))
    assert templates == {"courier.example": frozenset({line_key(TEMPLATE)})}


def test_a_repeated_page_counts_once_so_a_syndicated_story_is_not_a_template() -> None:
    records = [record(i, page(STORIES[0])) for i in range(10)]
    assert count_site_lines(records) == {}


def test_copies_of_a_story_with_small_changes_count_once() -> None:
    """A re-crawled story (new timestamp line, a counter in one paragraph) is one page, not six."""
    body = [f"{story} It was the main topic at the meeting of the county board." for story in STORIES]
    copies = [
        record(
            i, "\n".join(["Updated at 10:4" + str(i), "Background", *body[:-1], body[-1] + f" Views: {i}."])
        )
        for i in range(6)
    ]
    assert count_site_lines(copies) == {}


def test_small_sites_and_pages_without_a_site_are_not_judged() -> None:
    few = [record(i, page(story)) for i, story in enumerate(STORIES[:4])]
    no_site = [
        RawRecord(source_file="d", record_index=i, raw={}, text=page(s)) for i, s in enumerate(STORIES)
    ]
    assert count_site_lines(few) == {}
    assert count_site_lines(no_site) == {}


def test_sites_are_counted_apart() -> None:
    mixed = [record(i, page(story)) for i, story in enumerate(STORIES)]
    mixed += [record(10 + i, story, url="https://other.example/a") for i, story in enumerate(STORIES)]
    assert set(count_site_lines(mixed)) == {"courier.example"}


pages_strategy = st.lists(
    st.tuples(
        st.sampled_from(["a.example", "b.example", "c.example"]),
        st.lists(st.sampled_from([f"line {n}" for n in range(40)]), min_size=1, max_size=12),
    ),
    max_size=80,
)


@settings(max_examples=200, deadline=None)
@given(pages=pages_strategy, cap=st.integers(min_value=5, max_value=60))
def test_the_memory_cap_can_only_lose_template_lines_never_invent_them(
    pages: list[tuple[str, list[str]]], cap: int
) -> None:
    exact = SiteLineCounter(SiteLineSettings(min_pages=3, max_entries=10**6))
    capped = SiteLineCounter(SiteLineSettings(min_pages=3, max_entries=cap))
    for n, (site, lines) in enumerate(pages):
        text = "\n".join([*lines, f"unique {n}"])
        exact.add(site, text)
        capped.add(site, text)
        assert len(capped._counts) <= cap
    found, truth = capped.templates(), exact.templates()
    for site, keys in found.items():
        assert keys <= truth[site]


def test_the_flow_cuts_a_sites_template_with_its_reason(tmp_path: Path) -> None:
    rows = [
        [f"p{i}", f"https://www.courier.example/news/{i}", page(story)] for i, story in enumerate(STORIES)
    ]
    dump = write_csv(tmp_path / "dump.csv", ["id", "url", "text"], rows)
    (unit,) = discover_inputs([dump])

    def texts(cross_page: SiteLineSettings | None, out: Path) -> list[str]:
        job = UnitJob(unit, out, ReaderOptions(), NOW.date(), run_id="t", cross_page=cross_page)
        report = ingest_unit(job, sequential_cleaner(TransformSettings(ingested_at=NOW)), Deduplicator())
        assert report.articles == len(STORIES)
        assert report.template_lines == (1 if cross_page else 0)
        assert report.articles_file is not None
        table = pq.read_table(report.articles_file)
        if cross_page:
            assert report.removal_counts.get("repeated_across_pages") == len(STORIES)
            removed = table.column("removed").to_pylist()
            assert all(
                {"reason": "repeated_across_pages", "text": TEMPLATE}.items() <= r[0].items() for r in removed
            )
        return [str(t) for t in table.column("text").to_pylist()]

    without = texts(None, tmp_path / "plain")
    assert all(t.startswith(TEMPLATE) for t in without), "the template line passes for prose on its own"
    with_evidence = texts(SiteLineSettings(), tmp_path / "cross")
    assert all(TEMPLATE not in t for t in with_evidence)
    assert [t.split("\n")[0] for t in with_evidence] == STORIES
