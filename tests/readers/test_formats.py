"""JSON Lines, .txt page folders, encodings, binary detection and input discovery."""

import gzip
import json
import logging
import random
from datetime import UTC, datetime
from pathlib import Path

import pytest

from newsclean.models import Article
from newsclean.readers import InputError, ReaderOptions, discover_inputs, read_records, unit_fingerprint
from newsclean.records import RawRecord
from newsclean.transform import TransformSettings, transform_record

DATA = Path(__file__).resolve().parents[1] / "data" / "readers"


def read(path: Path, options: ReaderOptions | None = None) -> list[RawRecord]:
    (unit,) = discover_inputs([path])
    return list(read_records(unit, options))


def write_jsonl(path: Path, *lines: object) -> Path:
    path.write_text("".join((x if isinstance(x, str) else json.dumps(x)) + "\n" for x in lines), "utf-8")
    return path


# --- JSON Lines ---------------------------------------------------------------------------------


def test_jsonl_values_become_text(tmp_path: Path) -> None:
    path = write_jsonl(
        tmp_path / "v.jsonl", {"id": 7, "text": "t", "score": 1.5, "ok": True, "none": None, "tags": ["a"]}
    )
    (record,) = read(path)
    assert record.id == "7"
    assert record.raw == {"id": "7", "text": "t", "score": "1.5", "ok": "true", "none": None, "tags": '["a"]'}


def test_jsonl_lines_end_at_lf_only_and_allow_raw_control_characters(tmp_path: Path) -> None:
    path = tmp_path / "cr.jsonl"
    path.write_bytes(b'{"id": "1", "text": "a\rb\tc"}\r\n{"id": "2", "text": "d\xe2\x80\xa8e"}\n')
    records = read(path)
    assert [r.text for r in records] == ["a\rb\tc", "d\u2028e"]
    assert [r.error for r in records] == [None, None]


def test_jsonl_first_object_without_text_is_fine(tmp_path: Path) -> None:
    path = write_jsonl(tmp_path / "late.jsonl", {"id": "meta"}, {"id": "1", "content": "body"})
    records = read(path)
    assert [(r.id, r.text) for r in records] == [("meta", None), ("1", "body")]


def test_jsonl_without_any_content_key_fails(tmp_path: Path) -> None:
    path = write_jsonl(tmp_path / "none.jsonl", {"id": "1", "name": "x"}, {"id": "2", "name": "y"})
    with pytest.raises(InputError, match=r"no text or html column; columns found: \['id', 'name'\]"):
        read(path)


def test_jsonl_that_is_not_json_lines_fails(tmp_path: Path) -> None:
    path = write_jsonl(tmp_path / "csv.jsonl", "id,text", "1,hello")
    with pytest.raises(InputError, match="not JSON Lines"):
        read(path)


def test_jsonl_blank_only_is_empty(tmp_path: Path) -> None:
    path = tmp_path / "blank.jsonl"
    path.write_text("\n \n", encoding="utf-8")
    with pytest.raises(InputError, match="empty file"):
        read(path)


def test_jsonl_override_checked_on_first_object_only(tmp_path: Path) -> None:
    path = write_jsonl(tmp_path / "o.jsonl", {"id": "1", "story": "s1"}, {"id": "2", "text": "t2"})
    records = read(path, ReaderOptions(text_column="story"))
    assert [r.text for r in records] == ["s1", None]
    with pytest.raises(InputError, match="'body' \\(--text-column\\) not found"):
        read(path, ReaderOptions(text_column="body"))


def test_jsonl_gz_and_truncated_gz(tmp_path: Path) -> None:
    (record,) = read(DATA / "small.jsonl.gz")
    assert (record.id, record.text) == ("z", "gz line")
    lines = "".join(json.dumps({"id": str(i), "text": "t" * 200}) + "\n" for i in range(500))
    data = gzip.compress(lines.encode())
    path = tmp_path / "cut.ndjson.gz"
    path.write_bytes(data[: len(data) * 3 // 4])
    seen: list[RawRecord] = []
    with pytest.raises(InputError, match=r"cut\.ndjson\.gz: truncated or corrupt gzip after line \d+"):
        seen.extend(read_records(discover_inputs([path])[0]))
    assert seen and [r.id for r in seen] == [str(i) for i in range(len(seen))]


# --- .txt pages --------------------------------------------------------------------------------


def test_txt_folder_pages_titles_and_nesting() -> None:
    units = discover_inputs([DATA / "pages"])
    assert [(u.path.name, u.kind, [m.name for m in u.members]) for u in units] == [
        ("pages", "txt_dir", ["a.txt", "b.txt", "c.txt.gz"]),
        ("sub", "txt_dir", ["d.txt"]),
    ]
    assert units[0].display.endswith("(3 pages)")
    records = list(read_records(units[0]))
    assert [(r.id, r.title, r.record_index) for r in records] == [
        ("a", None, 0),
        ("b", None, 1),
        ("c", None, 2),
    ]
    assert records[1].text == "\n   Second title  \r\nBody two.\r\n"
    assert records[2].source_file.endswith("c.txt.gz")


def test_single_txt_file_is_a_one_page_unit() -> None:
    (unit,) = discover_inputs([DATA / "pages" / "a.txt"])
    assert (unit.kind, unit.members) == ("txt_dir", (DATA / "pages" / "a.txt",))
    (record,) = read_records(unit)
    assert record.id == "a"


def test_bad_pages_are_error_records_not_a_failed_folder(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_bytes(random.Random(1).randbytes(4096))
    (tmp_path / "b.txt").write_bytes(b"")
    (tmp_path / "c.txt").write_text("fine\n", encoding="utf-8")
    records = read(tmp_path)
    assert records[0].error is not None and "looks binary" in records[0].error
    assert (records[1].error, records[1].text, records[1].title) == (None, None, None)
    assert records[2].text == "fine\n"


def test_txt_fingerprint_sees_renames(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("same", encoding="utf-8")
    (unit,) = discover_inputs([tmp_path])
    before = unit_fingerprint(unit)
    (tmp_path / "a.txt").rename(tmp_path / "b.txt")
    (unit,) = discover_inputs([tmp_path])
    assert unit_fingerprint(unit) != before


# --- encodings and binary ----------------------------------------------------------------------


def test_utf8_file_with_stray_cp1252_bytes_past_the_sample(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    path = tmp_path / "mixed.csv"
    ascii_rows = "".join(f"{i},plain ascii row number {i}\n" for i in range(12_000))  # > 256 KiB
    path.write_bytes(f"id,text\n{ascii_rows}".encode() + "9999,Caf\xe9 \u201cquoted\u201d\n".encode("cp1252"))
    with caplog.at_level(logging.WARNING, logger="newsclean.readers.decoding"):
        records = read(path)
    assert records[-1].text == "Café “quoted”"
    assert "3 bytes not valid utf-8 were read as Windows-1252" in caplog.text


def test_windows_1252_detected_and_forced_and_unknown(tmp_path: Path) -> None:
    (record, _) = read(DATA / "cp1252.csv")
    assert record.text is not None and "“business is back”" in record.text
    (record, _) = read(DATA / "cp1252.csv", ReaderOptions(encoding="latin-1"))
    assert record.text is not None and "Köln" in record.text
    with pytest.raises(InputError, match="unknown encoding 'klingon'"):
        read(DATA / "cp1252.csv", ReaderOptions(encoding="klingon"))


def test_utf16_with_bom_and_nul_characters(tmp_path: Path) -> None:
    path = tmp_path / "u16.tsv"
    path.write_bytes("id\ttext\n1\t日本\x00語の記事\n".encode("utf-16"))
    (record,) = read(path)
    assert record.text == "日本語の記事"


def test_gzip_is_recognised_by_content_not_name() -> None:
    (record,) = read(DATA / "disguised.csv")
    assert record.text == "gzipped but named .csv"


@pytest.mark.parametrize(
    ("content", "reason"),
    [
        (b"PK\x03\x04" + bytes(600), "ZIP archive"),
        (random.Random(0).randbytes(8192), "looks binary"),
        (b"\x00\x01\x02\x03" * 200, "looks binary"),
    ],
)
def test_binary_garbage_is_refused(tmp_path: Path, content: bytes, reason: str) -> None:
    path = tmp_path / "garbage.csv"
    path.write_bytes(content)
    with pytest.raises(InputError, match=reason):
        read(path)
    with pytest.raises(InputError, match="ZIP archive"):
        read(DATA / "workbook.csv")


# --- discovery ---------------------------------------------------------------------------------


def test_discovery_skips_hidden_and_unknown_and_deduplicates(tmp_path: Path) -> None:
    (tmp_path / ".git").mkdir()
    (tmp_path / ".git" / "x.csv").write_text("text\nt\n", encoding="utf-8")
    (tmp_path / "a.csv").write_text("text\nt\n", encoding="utf-8")
    (tmp_path / "b.parquet").write_bytes(b"PAR1")
    units = discover_inputs([tmp_path, tmp_path / "a.csv", str(tmp_path)])
    assert [u.path.name for u in units] == ["a.csv"]
    with pytest.raises(InputError, match="unsupported file type"):
        discover_inputs([tmp_path / "b.parquet"])
    with pytest.raises(InputError, match="no such file or folder"):
        discover_inputs([tmp_path / "nope"])


def test_jsonl_line_over_the_cap_is_an_error_record(tmp_path: Path) -> None:
    path = write_jsonl(
        tmp_path / "big.jsonl",
        {"id": "1", "text": "a"},
        {"id": "2", "text": "x" * 5000},
        {"id": "3", "text": "c"},
    )
    records = read(path, ReaderOptions(max_field_chars=1024))
    assert [r.id for r in records] == ["1", None, "3"]
    assert records[1].error == "line longer than 1,024 characters"
    assert (records[1].raw["_raw"] or "").startswith('{"id": "2"')
    assert [r.line_number for r in records] == [1, 2, 3]


def test_txt_page_without_a_headline_loses_no_paragraph(tmp_path: Path) -> None:
    """A page of paragraphs only: none is taken for a title and dropped as its repeat."""
    paragraphs = [
        "The café was full of people waiting out the storm, and the owner kept the kitchen open "
        "until the last bus had left the square shortly after midnight.",
        "Volunteers from the parish handed out blankets and soup to those who could not get home, "
        "and the council said the shelter would stay open through the weekend.",
    ]
    (tmp_path / "one.txt").write_text(paragraphs[0] + "\n", encoding="utf-8")
    (tmp_path / "two.txt").write_text("\n\n".join(paragraphs) + "\n", encoding="utf-8")
    (unit,) = discover_inputs([tmp_path])
    settings = TransformSettings(ingested_at=datetime(2026, 1, 1, tzinfo=UTC))
    articles = [transform_record(r, settings) for r in read_records(unit)]
    assert [a.text if isinstance(a, Article) else a for a in articles] == [
        paragraphs[0],
        "\n\n".join(paragraphs),
    ]


def test_html_pages_in_a_folder_are_read_as_html(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(
        "Storm closes schools\nHeavy snow closed schools on Monday.", encoding="utf-8"
    )
    source = (
        "<html><body><article><p>Reservoir levels recovered after a wet autumn.</p></article></body></html>"
    )
    (tmp_path / "b.html").write_text(source, encoding="utf-8")
    with gzip.open(tmp_path / "c.htm.gz", "wt", encoding="utf-8") as f:
        f.write(source)
    (unit,) = discover_inputs([tmp_path])
    assert [m.name for m in unit.members] == ["a.txt", "b.html", "c.htm.gz"]
    records = list(read_records(unit))
    assert [(r.id, r.text is None, r.html == source) for r in records] == [
        ("a", False, False),
        ("b", True, True),
        ("c", True, True),
    ]


def test_an_html_page_file_holding_plain_text_is_read_as_text(tmp_path: Path) -> None:
    (tmp_path / "plain.html").write_text(
        "Storm closes schools\nHeavy snow closed schools on Monday.", encoding="utf-8"
    )
    (unit,) = discover_inputs([tmp_path])
    (record,) = read_records(unit)
    assert (record.text is not None, record.html) == (True, None)
