"""Delimited dumps: dialects, quoting policies, malformed rows, the field-size cap."""

import csv
import gzip
import tracemalloc
from collections.abc import Iterator
from pathlib import Path

import pytest

from newsclean.readers import InputError, ReaderOptions, discover_inputs, read_records
from newsclean.readers.dialect import choose_dialect
from newsclean.readers.options import DEFAULT_MAX_FIELD_CHARS
from newsclean.records import RawRecord

DATA = Path(__file__).resolve().parents[1] / "data" / "readers"


def read(path: Path, options: ReaderOptions | None = None) -> list[RawRecord]:
    (unit,) = discover_inputs([path])
    return list(read_records(unit, options))


@pytest.fixture(autouse=True)
def _restore_field_limit() -> Iterator[None]:
    """The csv field limit is process-wide: leave it as a normal run sets it."""
    yield
    csv.field_size_limit(DEFAULT_MAX_FIELD_CHARS)


def test_bom_crlf_and_synonyms_from_a_data_file() -> None:
    records = read(DATA / "bom_crlf.csv")
    assert [(r.id, r.title, r.text) for r in records] == [
        ("1", "Crlf, with BOM", "First body\r\nsecond line"),
        ("2", "Plain", "Second body"),
    ]
    assert [r.line_number for r in records] == [2, 4]
    assert "ID" in records[0].raw, "the BOM is not part of the first column name"


def test_pipe_delimited_by_extension() -> None:
    records = read(DATA / "pipe.psv")
    assert [r.text for r in records] == ["Body, with; commas and semicolons", "Quoted | pipe"]


def test_pipe_in_a_csv_is_sniffed(tmp_path: Path) -> None:
    path = tmp_path / "p.csv"
    path.write_text("id|text\n1|a, b, c\n2|d; e, f\n", encoding="utf-8")
    assert [r.text for r in read(path)] == ["a, b, c", "d; e, f"]


def test_tsv_fields_starting_with_a_lone_quote_stay_literal() -> None:
    records = read(DATA / "lone_quote.tsv")
    assert [(r.title, r.text) for r in records] == [
        ('"Best" deals', "Starts with a quote."),
        ("Inches", '" is the symbol for inches.'),
        ("Third", "Still its own record."),
    ]
    assert all(r.error is None for r in records)


def test_quoted_tsv_honours_rfc_quoting() -> None:
    records = read(DATA / "quoted.tsv")
    assert [r.text for r in records] == ['Tab\tinside and\nnewline, "quoted"', "plain"]


@pytest.mark.parametrize(
    "content",
    [
        '"id"\t"text"\n""\t"First line\nsecond line"\t"extra"\n',  # every field quoted
        'id\ttext\n\t"First line\nsecond line"\textra\n',  # quoted only where needed
    ],
)
def test_quoted_tsv_whose_only_row_is_broken_still_honours_quotes(tmp_path: Path, content: str) -> None:
    """Quoted fields holding only text are real quoting, even when the rows disagree with the header."""
    path = tmp_path / "dump.tsv"
    path.write_text(content, encoding="utf-8")
    (record,) = read(path)
    assert record.error == "expected 2 fields, got 3"
    assert record.raw["text"] == "First line\nsecond line"


def test_forced_delimiter_and_aliases(tmp_path: Path) -> None:
    path = tmp_path / "x.csv"
    path.write_text("id\ttext\n1\ta,b\n", encoding="utf-8")
    assert ReaderOptions(delimiter="tab").delimiter == "\t"
    assert ReaderOptions(delimiter="\\t").delimiter == "\t"
    (record,) = read(path, ReaderOptions(delimiter="tab"))
    assert record.text == "a,b"
    with pytest.raises(ValueError, match="cannot be a delimiter"):
        ReaderOptions(delimiter='"')


def test_dialect_prefers_columns_over_single_field_readings() -> None:
    sample = 'id,text,title\n1,"Line one; two\nline three",T\n2,x;y;z,T\n'
    assert choose_dialect(sample, True, None, None).delimiter == ","
    assert choose_dialect("id;text\n", True, None, None).delimiter == ";"
    assert choose_dialect("text\nhello, world\n", True, None, None).delimiter != ","


def test_blank_lines_and_wrong_field_counts() -> None:
    records = read(DATA / "field_counts.csv")
    assert [r.error for r in records] == [None, "expected 2 fields, got 4", "expected 2 fields, got 1", None]
    assert [r.record_index for r in records] == [0, 1, 2, 3]
    assert [r.line_number for r in records] == [2, 3, 5, 6]
    assert records[1].raw == {"id": "2", "text": "too", "_extra_1": "many", "_extra_2": "fields"}
    assert records[1].id == "2"
    assert records[2].raw == {"id": "3", "text": None}


def test_nul_bytes_are_removed_even_inside_quoted_fields() -> None:
    records = read(DATA / "nul.csv")
    assert [r.text for r in records] == ["Some text", "multi\nline"]


def test_synonyms_ignore_case_spaces_and_separators() -> None:
    (record,) = read(DATA / "synonyms.csv")
    assert (record.id, record.title, record.text, record.html) == ("a1", "T", "Body", "<p>x</p>")
    assert (record.url, record.site, record.published) == ("http://x/", "x.com", "2024-01-02")


def test_duplicate_and_blank_header_names_are_kept_apart() -> None:
    (record,) = read(DATA / "dup_header.csv")
    assert record.raw == {"text": "first", "text_2": "second", "_col3": "anon", "title": "T"}
    assert record.text == "first"


def test_override_must_name_an_existing_column() -> None:
    with pytest.raises(InputError, match=r"'story' \(--text-column\) not found"):
        read(DATA / "synonyms.csv", ReaderOptions(text_column="story"))
    (record,) = read(DATA / "synonyms.csv", ReaderOptions(text_column="raw html", title_column="site name"))
    assert (record.text, record.title) == ("<p>x</p>", "x.com")


def test_whitespace_only_file_is_empty(tmp_path: Path) -> None:
    path = tmp_path / "blank.csv"
    path.write_text("\n  \n\n", encoding="utf-8")
    with pytest.raises(InputError, match="empty file"):
        read(path)


def test_empty_gzip_is_empty(tmp_path: Path) -> None:
    path = tmp_path / "e.csv.gz"
    path.write_bytes(gzip.compress(b""))
    with pytest.raises(InputError, match=r"e\.csv\.gz: empty file"):
        read(path)


def test_field_over_the_cap_is_one_error_record_then_reading_resumes(tmp_path: Path) -> None:
    big = "\n".join(["x" * 300 + ' "q" '] * 20)  # ~6,000 characters over 20 lines, quotes escaped
    path = tmp_path / "big.csv"
    with path.open("w", encoding="utf-8", newline="") as f:
        writer = csv.writer(f, lineterminator="\n")
        writer.writerows([["id", "text"], ["1", "before"], ["2", big], ["3", "after"], ["4", "x" * 5000]])
        writer.writerow(["5", "last"])
    records = read(path, ReaderOptions(max_field_chars=2048))
    assert [r.record_index for r in records] == [0, 1, 2, 3, 4]
    assert [r.text for r in records] == ["before", None, "after", None, "last"]
    oversized = records[1]
    assert oversized.error is not None and "exceeds 2,048 characters" in oversized.error
    assert oversized.line_number == 3
    assert (oversized.raw["_raw"] or "").startswith('2,"xxx')
    assert [r.line_number for r in records[2:]] == [23, 24, 25]
    assert records[3].error is not None


def test_field_over_the_default_csv_limit_reads_whole(tmp_path: Path) -> None:
    big = "word, " * 40_000  # 240,000 characters: above Python's default of 131,072
    path = tmp_path / "big.csv"
    path.write_text(f'id,text\n1,"{big}"\n2,small\n', encoding="utf-8")
    records = read(path)
    assert [r.text for r in records] == [big, "small"]


def test_truncated_gzip_inside_the_sample_still_yields_records(tmp_path: Path) -> None:
    rows = "".join(f"{i},row number {i}\n" for i in range(300))
    data = gzip.compress(f"id,text\n{rows}".encode(), mtime=0)
    path = tmp_path / "small.csv.gz"
    path.write_bytes(data[: len(data) - 40])
    (unit,) = discover_inputs([path])
    seen: list[RawRecord] = []
    with pytest.raises(InputError, match=r"small\.csv\.gz: truncated or corrupt gzip after line \d+"):
        seen.extend(read_records(unit))
    assert len(seen) > 100
    assert [r.text for r in seen] == [f"row number {i}" for i in range(len(seen))]


def test_memory_stays_flat_as_the_file_grows(tmp_path: Path) -> None:
    path = tmp_path / "many.csv.gz"
    row = "x" * 2000
    with gzip.open(path, "wt", encoding="utf-8", newline="") as f:
        f.write("id,text\n")
        f.writelines(f"{i},{row}\n" for i in range(6000))  # 12 MB of text
    (unit,) = discover_inputs([path])
    tracemalloc.start()
    try:
        count = sum(1 for _ in read_records(unit))
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert count == 6000
    assert peak < 6 << 20, f"peak {peak:,} bytes for a 12 MB file"


def test_tsv_lone_quote_in_a_long_file_is_not_mistaken_for_a_long_quoted_field(tmp_path: Path) -> None:
    rows = "".join(f"{i}\tTitle {i}\tBody number {i}\n" for i in range(5000))  # > the 64 Ki sample
    path = tmp_path / "long.tsv"
    path.write_text(f'id\ttitle\ttext\nx\t" inches\tlone quote\n{rows}', encoding="utf-8")
    records = read(path)
    assert len(records) == 5001
    assert records[0].title == '" inches'
    assert records[-1].text == "Body number 4999"


def test_tsv_long_quoted_html_field_keeps_quoting(tmp_path: Path) -> None:
    html = "\n".join(f"<p>paragraph {i}</p>" for i in range(8000))  # one field longer than the sample
    path = tmp_path / "long.tsv"
    path.write_text(f'id\thtml\n1\t"{html}"\n2\t"<p>short</p>"\n', encoding="utf-8")
    records = read(path)
    assert [r.html for r in records] == [html, "<p>short</p>"]


def test_postgres_style_tsv_is_decoded_and_raw_stays_as_read(tmp_path: Path) -> None:
    # COPY ... TO (text format): line breaks, tabs and backslashes escaped, NULL as \N, quotes as is.
    path = tmp_path / "copy.tsv"
    path.write_text(
        "id\ttitle\ttext\n"
        '1\t"Best" deals\tMenu\\nHome\\n\\nFirst paragraph.\\tTabbed.\\nC:\\\\temp\n'
        "2\t\\N\tSecond page.\\n\\nIts second paragraph.\n",
        encoding="utf-8",
    )
    records = read(path)
    assert [(r.title, r.text) for r in records] == [
        ('"Best" deals', "Menu\nHome\n\nFirst paragraph.\tTabbed.\nC:\\temp"),
        (None, "Second page.\n\nIts second paragraph."),
    ]
    assert records[1].raw["title"] == "\\N"
    assert records[1].raw["text"] == "Second page.\\n\\nIts second paragraph."


def test_escaped_csv_from_a_scraper_is_decoded(tmp_path: Path) -> None:
    path = tmp_path / "flat.csv"
    rows = ['1,"Home | News\\nThe story starts here.\\nIt goes on."', '2,"Menu\\nSecond story."']
    path.write_text("id,text\n" + "\n".join(rows) + "\n", encoding="utf-8")
    texts = [r.text for r in read(path)]
    assert texts == ["Home | News\nThe story starts here.\nIt goes on.", "Menu\nSecond story."]


@pytest.mark.parametrize(
    "content",
    [
        # Real line breaks in quoted fields: a `\n` is text (a code sample).
        'id,text\n1,"First line\nprint(\'a\\n\')"\n2,"Also\\n code\nand a break"\n',
        # Only one record in four has a `\n`: not an escaping export.
        'id\ttext\n1\tprintf("%d\\n", x) is C.\n2\tPlain.\n3\tPlain too.\n4\tAnd plain.\n',
    ],
)
def test_literal_backslash_n_stays_text(tmp_path: Path, content: str) -> None:
    path = tmp_path / ("code.csv" if content.startswith("id,") else "code.tsv")
    path.write_text(content, encoding="utf-8")
    assert any("\\n" in (r.text or "") for r in read(path))
