"""Table-driven cleaner cases from tests/data/cleaning/lines.json, and the five seed pages."""

import json
from pathlib import Path
from typing import Any

import pytest

from newsclean import CleanerConfig, clean_text
from newsclean.cleaning.classify import _keep_references, _keep_table_runs
from newsclean.cleaning.config import DEFAULT_CONFIG
from newsclean.cleaning.facts import PageLines
from newsclean.cleaning.titles import looks_like_headline
from newsclean.reasons import Reason

DATA = Path(__file__).resolve().parents[1] / "data"
TABLE = json.loads((DATA / "cleaning" / "lines.json").read_text(encoding="utf-8"))
SEEDS = sorted(p for p in (DATA / "seeds").glob("*.txt") if not p.name.endswith(".expected.txt"))


def build(case: dict[str, Any]) -> list[str]:
    return [line.format(**TABLE["bodies"]) for line in case["page"]]


BODY = f"{TABLE['bodies']['body']}\n\n{TABLE['bodies']['body2']}"
"""The two-paragraph story of the table, as the cleaned text holds it."""


def above_story(*lines: str) -> str:
    """A page: these lines, then the two-paragraph story."""
    return "\n".join([*lines, TABLE["bodies"]["body"], TABLE["bodies"]["body2"]])


@pytest.mark.parametrize("case", TABLE["cases"], ids=[c["name"] for c in TABLE["cases"]])
def test_line_verdicts(case: dict[str, Any]) -> None:
    lines = build(case)
    result = clean_text("\n".join(lines), title=case.get("title"))
    verdict = result.verdicts[case["line"]]
    got = None if verdict.keep else str(verdict.reason)
    assert got == case["reason"], f"{lines[case['line']]!r}: {got} != {case['reason']}"
    for body in TABLE["bodies"].values():
        if body in lines:
            assert body in result.text, "the surrounding story is kept"


@pytest.mark.parametrize("page", SEEDS, ids=[p.stem for p in SEEDS])
def test_seed_pages_come_out_exactly(page: Path) -> None:
    text = page.read_text(encoding="utf-8")
    first_line = next(line.strip() for line in text.splitlines() if line.strip())
    expected = page.with_name(f"{page.stem}.expected.txt").read_text(encoding="utf-8").strip()
    result = clean_text(text, title=first_line)
    assert result.text == expected
    assert "Current:" not in (result.title or "")
    assert all(r.reason for r in result.removed)


SEED_TITLES = json.loads((DATA / "seeds" / "titles.json").read_text(encoding="utf-8"))


@pytest.mark.parametrize("page", SEEDS, ids=[p.stem for p in SEEDS])
def test_seed_pages_without_a_title_give_the_same_body_and_their_headline(page: Path) -> None:
    expected = page.with_name(f"{page.stem}.expected.txt").read_text(encoding="utf-8").strip()
    result = clean_text(page.read_text(encoding="utf-8"))
    assert result.text == expected
    assert result.title == SEED_TITLES[page.stem]


def test_hover_card_span_is_cut_and_recorded() -> None:
    (seed,) = [p for p in SEEDS if p.name.startswith("000_")]
    result = clean_text(seed.read_text(encoding="utf-8"))
    assert "the same time President Trump issued a tweet" in result.text
    (span,) = [r for r in result.removed if r.kind == "span"]
    assert span.reason == "hover_card"
    assert span.text.startswith("Donald John Trump")
    assert span.text.endswith("MORE")


def test_title_is_found_when_not_given() -> None:
    lines = build({"page": ["Menu", "Storm closes schools across the region", "{body}", "{body2}"]})
    result = clean_text("\n".join(lines))
    assert result.title == "Storm closes schools across the region"
    assert "Storm closes" not in result.text


def test_other_languages_are_not_emptied() -> None:
    page = (
        "A prefeitura anunciou nesta terça-feira um novo plano para reduzir o trânsito no centro da cidade, "
        "com mais linhas de ônibus e ciclovias.\n"
        "Segundo o secretário de transportes, as obras devem começar no próximo mês e durar cerca de um ano, "
        "com investimento de dez milhões de reais."
    )
    result = clean_text(page)
    assert result.language == "pt"
    assert result.text.count("\n\n") == 1


SPANS = json.loads((DATA / "cleaning" / "spans.json").read_text(encoding="utf-8"))


@pytest.mark.parametrize("case", SPANS["cases"], ids=[c["name"] for c in SPANS["cases"]])
def test_glued_junk_is_cut_and_the_sentence_kept(case: dict[str, str]) -> None:
    body = TABLE["bodies"]["body"]
    result = clean_text(f"{body}\n{case['line']}")
    assert result.verdicts[1].keep
    assert result.verdicts[1].kept_text == case["kept"]
    (span,) = [r for r in result.removed if r.kind == "span"]
    assert (span.reason, span.text, span.line) == (case["reason"], case["cut"], 1)


@pytest.mark.parametrize("line", SPANS["untouched"])
def test_lookalikes_of_glued_junk_are_left_alone(line: str) -> None:
    result = clean_text(f"{TABLE['bodies']['body']}\n{line}")
    assert result.verdicts[1].kept_text == line
    assert not [r for r in result.removed if r.kind == "span"]


@pytest.mark.parametrize(
    ("language", "page"),
    [
        (
            "de",
            "Der Stadtrat hat am Dienstag den Haushalt für die neue Bibliothek beschlossen, nachdem die "
            "Debatte fast drei Jahre gedauert hatte.\nDie Bauarbeiten sollen im Frühjahr beginnen und "
            "werden nach Angaben der Stadt etwa zwei Jahre dauern, wenn das Wetter mitspielt.",
        ),
        (
            "es",
            "El ayuntamiento aprobó el martes el presupuesto para la nueva biblioteca, después de un debate "
            "que ha durado casi tres años.\nLas obras comenzarán en la primavera y durarán unos dos años, "
            "según explicó la alcaldesa en una rueda de prensa.",
        ),
    ],
)
def test_pages_in_other_languages_keep_their_prose(language: str, page: str) -> None:
    result = clean_text(f"Menü\n{page}\nImpressum")
    assert result.language == language
    assert result.text == page.replace("\n", "\n\n")


def test_lines_recurring_across_a_site_go_when_the_caller_names_them() -> None:
    from newsclean.cleaning import line_key

    promo = "Support local journalism: become a member today and get unlimited access."
    page = "\n".join([TABLE["bodies"]["body"], promo, TABLE["bodies"]["body2"]])
    assert promo in clean_text(page).text
    result = clean_text(
        page,
        boilerplate_lines=frozenset(
            {line_key("SUPPORT local journalism, become a member today and get unlimited access")}
        ),
    )
    assert promo not in result.text
    assert result.verdicts[1].reason == "repeated_across_pages"
    assert TABLE["bodies"]["body2"] in result.text


@pytest.mark.parametrize(
    ("top", "title"),
    [
        # Datelines, bylines and menus around the headline are not it.
        (
            [
                "News Sport Weather Business Culture Travel Science Health Opinion",
                "Library plans divide the old town as the council approves the budget",
                "Nov 19, 2019 at 6:46 pm ET • 2 min read",
                "By Maria Gonzalez",
                "Share",
            ],
            "Library plans divide the old town as the council approves the budget",
        ),
        # A 'Trending' box swallowed the headline; its byline (a numeric date) gives it away.
        (
            [
                "Facebook Twitter LinkedIn",
                "Search form",
                "TRENDING:",
                "Donald Trump",
                "Impeachment",
                "Governor doubles down on anti-drug campaign slogan",
                "By Tess Bonn - 11/19/19 06:56 AM EST",
            ],
            "Governor doubles down on anti-drug campaign slogan",
        ),
    ],
)
def test_the_headline_found_above_the_story(top: list[str], title: str) -> None:
    result = clean_text(above_story(*top))
    assert result.title == title
    assert result.text == BODY


def test_size_cap_is_noted_on_the_line_it_cut_through() -> None:
    config = CleanerConfig(max_text_chars=1000)
    one_line = "word " * 400
    (note,) = [r for r in clean_text(one_line, config=config).removed if r.reason == "size_cap"]
    assert note.line == 0
    assert note.text == f"[{len(one_line) - 1000} characters beyond the 1000-character cap]"
    lines = "\n".join(f"Line {i} of a long page with many short lines." for i in range(100))
    (note,) = [r for r in clean_text(lines, config=config).removed if r.reason == "size_cap"]
    assert note.line == lines[:1000].count("\n")


def test_a_wire_dateline_is_not_taken_for_the_headline() -> None:
    page = "\n".join(
        [
            "Salmon return to river after dam removal",
            "PORTLAND, Ore. (AP) —",
            TABLE["bodies"]["body"],
            TABLE["bodies"]["body2"],
        ]
    )
    assert clean_text(page).title == "Salmon return to river after dam removal"


def test_the_headline_found_is_removed_as_the_title_whatever_sits_above_it() -> None:
    page = "\n".join(["Home > News", "Bridge to close for repairs", TABLE["bodies"]["body"]])
    result = clean_text(page)
    assert result.title == "Bridge to close for repairs"
    assert [r.reason for r in result.removed if r.text == result.title] == ["title_repeat"]


def test_a_first_paragraph_ending_in_a_quoted_sentence_is_not_taken_for_the_headline() -> None:
    opening = (
        "Gov. Dana Ortiz is defending the state's new road safety campaign "
        "with the slogan “Slow down, we're on it.”"
    )
    page = "\n".join(["Menu", "Search", opening, TABLE["bodies"]["body"], TABLE["bodies"]["body2"]])
    result = clean_text(page)
    assert result.title is None
    assert result.text.startswith(opening)


def test_a_breadcrumb_run_into_the_headline_is_not_the_title() -> None:
    page = "\n".join(
        [
            "Home News Business News Council approves budget for new library",
            "Council approves budget for new library",
            "October 12, 2017",
            TABLE["bodies"]["body"],
            TABLE["bodies"]["body2"],
        ]
    )
    result = clean_text(page)
    assert result.title == "Council approves budget for new library"
    assert result.text.startswith(TABLE["bodies"]["body"])


def test_a_news_brief_keeps_its_short_paragraphs_and_gives_its_headline() -> None:
    """A short record has no context for the scorer: its sentences stand on their own."""
    brief = (
        "Storm closes schools\n"
        "Heavy snow closed schools across the county on Monday, officials said.\n"
        "Buses will run again on Tuesday if the roads are cleared overnight."
    )
    result = clean_text(brief)
    assert result.title == "Storm closes schools"
    assert result.text == (
        "Heavy snow closed schools across the county on Monday, officials said.\n\n"
        "Buses will run again on Tuesday if the roads are cleared overnight."
    )


@pytest.mark.parametrize(
    "page",
    [
        "Menu\nYou have reached your limit of free articles this month.\nSubscribe now",
        "Home\nSorry, this content is not available in your region.",
        "404 - Page Not Found\nThe page you are looking for does not exist or has been moved.",
        "Just a moment...\nChecking your browser before accessing example.com.\nPlease verify you are human.",
        "Attention Required! | Cloudflare\nSorry, you have been blocked\n"
        "You are unable to access example.com\nWhy have I been blocked?\n"
        "This website is using a security service to protect itself from online attacks. "
        "The action you just performed triggered the security solution.\nWhat can I do to resolve this?\n"
        "You can email the site owner to let them know you were blocked. Please say what you did.\n"
        "Cloudflare Ray ID: 8a1b2c3d4e5f6789",
    ],
)
def test_a_short_record_of_prompts_or_an_error_page_comes_out_empty(page: str) -> None:
    assert clean_text(page).text == ""


UNSPACED = json.loads((DATA / "cleaning" / "unspaced.json").read_text(encoding="utf-8"))["pages"]


@pytest.mark.parametrize("language", UNSPACED)
def test_chinese_and_japanese_pages_keep_their_story_and_headline(language: str) -> None:
    """Written without spaces and without stop-word lists: once read as menus and emptied."""
    case = UNSPACED[language]
    result = clean_text("\n".join(case["page"]))
    assert result.language == language
    assert result.title == case["title"]
    assert result.text == "\n\n".join(case["text"])


def test_a_link_to_a_translation_is_not_the_headline() -> None:
    """A longer headline-shaped line nearer the body, but in another script than the page's."""
    lines = build(
        {"page": ["Menu", "Trade talks stall again", "阅读简体中文版閱讀繁體中文版", "{body}", "{body2}"]}
    )
    assert clean_text("\n".join(lines)).title == "Trade talks stall again"


def test_a_numbered_list_item_is_never_the_headline() -> None:
    """An agenda's or a listicle's item has a headline's shape, but is the story's own list."""
    from newsclean.cleaning.titles import in_numbered_list

    agenda = [
        "Agenda",
        "4. Budget report",
        "5. Public hearing: Proposed amendment to the zoning ordinance",
        "6. Adjourn",
    ]
    assert in_numbered_list(agenda, 2)
    assert not in_numbered_list(["Sport", "1. FC Köln verliert das Derby gegen Gladbach", "Der Text."], 1)


def test_a_numbered_headline_standing_alone_is_found() -> None:
    page = build({"page": ["Menü", "1. FC Köln verliert das Derby gegen Gladbach", "{body}", "{body2}"]})
    assert clean_text("\n".join(page)).title == "1. FC Köln verliert das Derby gegen Gladbach"


def test_unspaced_script_is_counted_by_its_characters() -> None:
    from newsclean.cleaning import word_count

    assert [word_count(t) for t in ("日本 東京", "好", "iPhone16发布了", "café au lait")] == [2, 1, 2, 3]


def test_a_related_list_above_the_story_stops_at_its_headline() -> None:
    # A 'Most commented' box above the story, read straight into its headline and byline: the
    # list ends at the headline, which becomes the title.
    page = above_story(
        "Most Commented",
        "Vikings come back to beat the Broncos (145)",
        "Week 12 power rankings (133)",
        "Coach says the team needed to win this game",
        "Posted by Jo Roe on November 19, 2019, 6:21 AM EST",
    )
    result = clean_text(page)
    assert result.title == "Coach says the team needed to win this game"
    reasons = {r.text: r.reason for r in result.removed}
    assert reasons["Week 12 power rankings (133)"] == "related_list"
    assert reasons["Posted by Jo Roe on November 19, 2019, 6:21 AM EST"] == "byline"
    assert result.text == BODY


_LOW, _OUT, _DATE = Reason.LOW_CONTENT_SCORE, Reason.OUTSIDE_CONTENT, Reason.DATELINE


@pytest.mark.parametrize(
    ("tabs", "verdicts", "expected"),
    [
        # A table whose prose-like rows the scorer kept: the other rows come back with them.
        ([0, 2, 2, 2, 2, 0], [None, _LOW, None, _LOW, _LOW, None], [None] * 6),
        # Every row between kept paragraphs (low_content_score): the story's table.
        ([0, 4, 4, 4, 0], [None, _LOW, _LOW, _LOW, None], [None] * 5),
        # A rule's verdict on a row stands.
        ([0, 2, 2, 2, 0], [None, None, _DATE, _LOW, None], [None, None, _DATE, None, None]),
        # Below the story (outside_content) it stays dropped, as does a two-row "table".
        ([0, 2, 2, 2], [None, _OUT, _OUT, _OUT], [None, _OUT, _OUT, _OUT]),
        ([0, 2, 2, 0], [None, None, _LOW, None], [None, None, _LOW, None]),
        # Rows with another number of cells are another table.
        ([2, 2, 3, 3, 3], [None, _LOW, _LOW, _LOW, _OUT], [None, _LOW, _LOW, _LOW, _OUT]),
    ],
)
def test_a_table_is_one_block(
    tabs: list[int], verdicts: list[Reason | None], expected: list[Reason | None]
) -> None:
    _keep_table_runs(tabs, verdicts)
    assert verdicts == expected


@pytest.mark.parametrize(
    "widget",
    [
        "Show more sharing options",
        "Facebook Twitter LinkedIn Email",
        "You are signed in as",
        "These are external links and will open in a new window",
        "Jo Roe @joroe / 2 days",
        "Copy this link",
    ],
)
def test_widget_lines_above_the_story_are_never_the_title(widget: str) -> None:
    assert clean_text(above_story("Home", "News", widget)).title is None


def test_a_title_case_headline_repeated_above_the_story_is_the_title() -> None:
    # Every word capitalised reads as a run of menu items, unless the line recurs on the page.
    headline = "Sweden Drops Its Investigation Into Rape Allegation Against Julian Assange"
    menu = ["FB", "Linkedin", "Twitter", "NEWS", "Home", "NEWS"]
    assert clean_text(above_story(*menu, headline, headline, "Highlights")).title == headline


def test_the_headline_over_its_date_beats_a_table_of_contents_above_the_story() -> None:
    # The table of contents between the headline and the story is longer than the headline.
    top = ["Sign in", "Restaurant Tips", "10 Trends in catering to look for this year", "Last updated"]
    byline = ["Aug 04, 2025", "Written by", "Edzel Tabing"]
    contents = [
        "Table of contents",
        "10 Catering Trends Currently Defining the Industry",
        "Menu innovation strategies that build memorable dining",
        "Future-proofing: what to expect beyond this year",
        "Frequently Asked Questions",
    ]
    page = (
        above_story(*top, *byline, *contents)
        + "\nFrequently Asked Questions\nIs catering a growing business?"
    )
    assert clean_text(page).title == "10 Trends in catering to look for this year"


def test_a_short_call_to_action_is_never_the_title() -> None:
    assert clean_text(above_story("Home", "Blog", "Back to blog")).title is None


@pytest.mark.parametrize(
    ("line", "headline"),
    [
        ("YouTube and McDonald launch new iPhone app", True),  # brand names join case once each
        ("LegalPrivacy PolicyTerms of ServiceToS", False),  # a footer menu glued into one line
        ("Made with Squarespace→", False),
        ("Reading time 15 minutes", False),
        ("Shares fall as the bank warns on profits", True),
    ],
)
def test_headline_shape(line: str, headline: bool) -> None:
    assert looks_like_headline(line) is headline


@pytest.mark.parametrize(
    ("verdicts", "expected"),
    [
        # Inside the story (kept or low_content_score around it): header and items come back.
        ([None, _LOW, _LOW, _LOW, None], [None] * 5),
        ([None, _LOW, _LOW, _LOW, _OUT], [None, None, None, None, _OUT]),
        # Below the story, or with no item before a line a rule took: left alone.
        ([None, _OUT, _OUT, _OUT], [None, _OUT, _OUT, _OUT]),
        ([None, _LOW, _DATE, _LOW], [None, _LOW, _DATE, _LOW]),
    ],
)
def test_a_storys_references_are_kept(verdicts: list[Reason | None], expected: list[Reason | None]) -> None:
    # Line 1 is the header ('References'); the lines below it are its items.
    _keep_references([1], verdicts)
    assert verdicts == expected


def test_references_headers_are_found_once_per_page() -> None:
    lines = ["Body.", "References:", "Fair use | NPR", "Sources", "Notes on my trip to the coast"]
    assert PageLines(lines, DEFAULT_CONFIG, frozenset()).references == {1, 3}
