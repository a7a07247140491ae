"""One raw record -> Article or Reject: ids, dates, sites, the HTML path and its fallback."""

from datetime import UTC, datetime

import pytest

from newsclean.models import Article, Reject
from newsclean.records import RawRecord
from newsclean.transform import (
    TransformSettings,
    derive_id,
    parse_published,
    site_from_url,
    transform_record,
)
from tests.helpers import NOW

SETTINGS = TransformSettings(ingested_at=NOW)
BODY = (
    "The regional water authority said on Monday that reservoir levels had recovered to 85 percent "
    "of capacity after the wettest autumn in more than a decade, easing fears of summer restrictions.\n"
    "Engineers will nonetheless continue repairs on the main pipeline, which lost an estimated fifth "
    "of its flow to leaks last year, the authority said in a statement."
)
HTML = (
    "<html><head><title>Reservoirs recover</title></head><body><nav><a href='/'>Home</a></nav>"
    "<article><h1>Reservoirs recover after wet autumn</h1>"
    + "".join(f"<p>{para}</p>" for para in BODY.split("\n"))
    + "</article><footer>Copyright 2026 Example Media. All rights reserved.</footer></body></html>"
)


def record(**fields: str | None) -> RawRecord:
    return RawRecord(source_file="dump.csv", record_index=7, raw=dict(fields), line_number=9, **fields)


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2025-04-18 23:17:52", datetime(2025, 4, 18, 23, 17, 52, tzinfo=UTC)),
        ("2025-04-18T23:17:52+02:00", datetime(2025, 4, 18, 21, 17, 52, tzinfo=UTC)),
        ("Fri, 18 Apr 2025 23:17:52 GMT", datetime(2025, 4, 18, 23, 17, 52, tzinfo=UTC)),
        ("2025-04-18", datetime(2025, 4, 18, tzinfo=UTC)),
        ("not a date", None),
        ("", None),
        (None, None),
    ],
)
def test_parse_published(value: str | None, expected: datetime | None) -> None:
    assert parse_published(value) == expected


def test_site_from_url() -> None:
    assert site_from_url("https://www.example.co.uk/news/1") == "example.co.uk"
    assert site_from_url("not a url") is None
    assert site_from_url(None) is None


def test_derived_id_is_stable_and_content_based() -> None:
    a = record(text=BODY)
    b = RawRecord(source_file="other.csv", record_index=0, raw={}, text=BODY)
    assert derive_id(a) == derive_id(b)
    assert derive_id(a) != derive_id(record(text=BODY + " More."))
    assert derive_id(a).startswith("nc-")


def test_text_record_becomes_article() -> None:
    out = transform_record(record(id="x1", text=BODY, url="https://www.example.org/a"), SETTINGS)
    assert isinstance(out, Article)
    assert out.id == "x1"
    assert not out.id_derived
    assert out.site == "example.org"
    assert out.extraction == "text"
    assert out.text.startswith("The regional water authority")
    assert out.word_count == len(out.text.split())
    assert out.chars_in == len(BODY)


def test_html_record_uses_trafilatura_and_keeps_its_metadata() -> None:
    out = transform_record(record(html=HTML), SETTINGS)
    assert isinstance(out, Article)
    assert out.extraction == "html"
    assert "reservoir levels had recovered" in out.text
    assert "Copyright" not in out.text
    assert out.id_derived


def test_useless_html_falls_back_to_text() -> None:
    out = transform_record(record(html="<html><body><nav>Home</nav></body></html>", text=BODY), SETTINGS)
    assert isinstance(out, Article)
    assert out.extraction == "html_fallback_text"


@pytest.mark.parametrize(
    ("fields", "code"),
    [
        ({"text": "   "}, "no_content"),
        ({"text": "Home\nLogin\nMenu"}, "empty_after_cleaning"),
        (
            {"text": "Home\nNews\n404 - Page Not Found\nThe page you are looking for does not exist."},
            "error_page",
        ),
        (
            {
                "html": "<html><body><nav>Home</nav><main><h1>Page not found</h1><p>Sorry, the page "
                "you are looking for does not exist or has been moved. Try searching our site.</p>"
                "</main></body></html>"
            },
            "error_page",
        ),
    ],
)
def test_rejects_name_the_record(fields: dict[str, str], code: str) -> None:
    out = transform_record(record(id="r1", **fields), SETTINGS)
    assert isinstance(out, Reject)
    assert out.reason_code == code
    assert out.reason.startswith("dump.csv: record 7, line 9:")
    assert out.id == "r1"


@pytest.mark.parametrize("text", [None, "", "  \n "])
def test_html_only_record_without_use_html_has_no_content(text: str | None) -> None:
    """With use_html=False the HTML is not content: no text means nothing to clean, as with neither."""
    out = transform_record(
        record(id="r1", html=HTML, text=text), TransformSettings(ingested_at=NOW, use_html=False)
    )
    assert isinstance(out, Reject)
    assert out.reason_code == "no_content"
    assert out.reason == "dump.csv: record 7, line 9: no text (HTML not used)"
    with_text = transform_record(
        record(html=HTML, text=BODY), TransformSettings(ingested_at=NOW, use_html=False)
    )
    assert isinstance(with_text, Article)
    assert with_text.extraction == "text"


def test_an_error_page_reject_quotes_the_page() -> None:
    out = transform_record(
        record(text="Menu\nAccess denied\nYou do not have permission to access this page."), SETTINGS
    )
    assert isinstance(out, Reject)
    assert out.reason == (
        "dump.csv: record 7, line 9: an error page, not an article "
        "('You do not have permission to access this page.')"
    )


def test_reader_error_becomes_malformed_reject_with_raw() -> None:
    bad = RawRecord(source_file="d.jsonl", record_index=2, raw={"_raw": "{oops"}, error="not valid JSON")
    out = transform_record(bad, SETTINGS)
    assert isinstance(out, Reject)
    assert out.reason_code == "malformed"
    assert out.raw_record == '{"_raw": "{oops"}'


def test_mojibake_and_control_characters_are_repaired_before_cleaning() -> None:
    broken = BODY.replace("regional water", "Câ€™s regional water").replace("Engineers", "\x07Engineers")
    out = transform_record(record(text=broken.replace("\n", "\u2028")), SETTINGS)
    assert isinstance(out, Article)
    assert "C’s regional water" in out.text
    assert "\x07" not in out.text
    assert "\n\nEngineers will" in out.text, "a Unicode line separator splits paragraphs"


def test_a_pages_source_in_the_text_column_goes_through_the_html_path() -> None:
    out = transform_record(record(text=HTML, html=None), SETTINGS)
    assert isinstance(out, Article)
    assert out.extraction == "html"
    assert "<" not in out.text
    assert out.text.startswith("The regional water authority said on Monday")


def test_a_pages_source_in_the_text_column_is_not_content_without_use_html() -> None:
    out = transform_record(record(text=HTML, html=None), TransformSettings(ingested_at=NOW, use_html=False))
    assert isinstance(out, Reject)
    assert out.reason == "dump.csv: record 7, line 9: the text is HTML (HTML not used)"


def test_html_entities_left_in_the_text_are_decoded_but_not_lookalikes() -> None:
    escaped = BODY.replace("regional water", "Tom &amp; Jerry&#8217;s regional water").replace(
        "Engineers", "Caf&eacute; engineers (see example.com/?a=1&copy=2, this&not that)"
    )
    out = transform_record(record(text=escaped, title="Floods &amp; roads"), SETTINGS)
    assert isinstance(out, Article)
    assert "Tom & Jerry’s regional water" in out.text
    assert "Café engineers (see example.com/?a=1&copy=2, this&not that)" in out.text
    assert out.title == "Floods & roads"


def test_entities_stay_in_text_that_quotes_tags() -> None:
    about_html = BODY.replace("regional water", "regional <p> water, written &lt;p&gt;,")
    out = transform_record(record(text=about_html), SETTINGS)
    assert isinstance(out, Article)
    assert "written &lt;p&gt;," in out.text


@pytest.mark.parametrize("tag", ["<br>", "<BR/>", "<br />", "</p><p>"])
def test_line_break_tags_in_a_one_line_text_become_its_lines(tag: str) -> None:
    # An export that kept each record on one line wrote the page's line breaks as tags.
    menu = ["Home", "News", "Sport", "Weather", "Contact"]
    one_line = tag.join([*menu, *BODY.split("\n"), "Copyright 2026 Example Media. All rights reserved."])
    out = transform_record(record(text=one_line), SETTINGS)
    assert isinstance(out, Article)
    assert out.text == BODY.replace("\n", "\n\n")


def test_tags_in_a_text_with_line_breaks_are_left_as_written() -> None:
    text = BODY.replace("regional water", "regional <br> water, <br> written so,")
    out = transform_record(record(text=text), SETTINGS)
    assert isinstance(out, Article)
    assert "regional <br> water, <br> written so," in out.text
