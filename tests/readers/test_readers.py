"""Readers on small real-shaped files: every format, encoding and malformation they must survive."""

import gzip
import json
from pathlib import Path

import pytest

from newsclean.readers import InputError, ReaderOptions, discover_inputs, read_records, unit_fingerprint
from newsclean.records import RawRecord

DATA = Path(__file__).resolve().parents[1] / "data" / "readers"


def read(path: Path, options: ReaderOptions | None = None) -> list[RawRecord]:
    (unit,) = discover_inputs([path])
    return list(read_records(unit, options))


def test_multiline_quoted_fields_and_escaped_quotes() -> None:
    records = read(DATA / "multiline.csv")
    assert [r.id for r in records] == ["1", "2"]
    assert records[0].text == 'Line one\nline two "quoted"'
    assert records[0].title == "T1"
    assert (records[0].line_number, records[1].line_number) == (2, 4)


def test_tsv_lone_quote_does_not_swallow_following_lines() -> None:
    records = read(DATA / "unbalanced_quote.tsv")
    assert [r.text for r in records] == [
        'The 6" screen model is cheaper this week.',
        "A normal line of text that follows.",
        "Another one.",
    ]


def test_windows_1252_is_detected_and_decoded() -> None:
    records = read(DATA / "cp1252.csv")
    assert records[0].text is not None
    assert "Café owners in Köln say “business is back”" in records[0].text
    assert "5 € per menu — a change" in records[0].text


def test_semicolon_delimiter_sniffed_and_synonyms_resolved() -> None:
    (record,) = read(DATA / "semicolon.csv")
    assert (record.title, record.text) == ("A title", "Body with, commas, inside.")


def test_jsonl_bad_lines_become_records_with_errors() -> None:
    records = read(DATA / "mixed.jsonl")
    assert [r.record_index for r in records] == [0, 1, 2, 3]
    assert records[1].error is not None and "not valid JSON" in records[1].error
    assert records[1].raw == {"_raw": '{"id": "b", "text": broken}'}
    assert records[2].error == "a JSON list, not an object"
    assert records[3].id == "3"
    assert json.loads(records[3].raw["meta"] or "") == {"k": 1}
    assert records[3].line_number == 5


@pytest.mark.parametrize(
    ("name", "message"),
    [("empty.csv", "empty file"), ("no_text_column.csv", "columns found: ['name', 'value']")],
)
def test_file_level_errors_name_the_file(name: str, message: str) -> None:
    with pytest.raises(InputError) as info:
        read(DATA / name)
    assert name in str(info.value)
    assert message in str(info.value)


def test_header_only_file_has_no_records() -> None:
    assert read(DATA / "header_only.csv") == []


def test_bom_crlf_and_gzip(tmp_path: Path) -> None:
    content = '\ufeffID,Content\r\n7,"Body with\r\nCRLF inside"\r\n'
    path = tmp_path / "dump.csv.gz"
    path.write_bytes(gzip.compress(content.encode("utf-8")))
    (record,) = read(path)
    assert (record.id, record.text) == ("7", "Body with\r\nCRLF inside")


def test_nul_bytes_are_stripped(tmp_path: Path) -> None:
    path = tmp_path / "nul.csv"
    path.write_bytes(b"id,text\n1,Some\x00 text\n")
    (record,) = read(path)
    assert record.text == "Some text"


def test_wrong_field_counts_are_record_errors(tmp_path: Path) -> None:
    path = tmp_path / "counts.csv"
    path.write_text("id,text\n1,ok\n2,too,many,fields\n3\n4,fine\n", encoding="utf-8")
    records = read(path)
    assert [r.error for r in records] == [None, "expected 2 fields, got 4", "expected 2 fields, got 1", None]
    assert records[1].raw["_extra_1"] == "many"
    assert records[3].text == "fine"


def test_field_larger_than_csv_default_limit(tmp_path: Path) -> None:
    big = "word " * 60_000
    path = tmp_path / "big.csv"
    path.write_text(f'id,text\n1,"{big}"\n', encoding="utf-8")
    (record,) = read(path)
    assert record.text == big


def test_binary_garbage_with_text_extension(tmp_path: Path) -> None:
    path = tmp_path / "garbage.csv"
    path.write_bytes(bytes(range(256)) * 64)
    with pytest.raises(InputError, match="looks binary"):
        read(path)


def test_truncated_gzip_raises_after_yielding(tmp_path: Path) -> None:
    rows = "".join(f"{i},{'some text ' * 50}{i}\n" for i in range(2000))
    data = gzip.compress(f"id,text\n{rows}".encode())
    path = tmp_path / "cut.csv.gz"
    path.write_bytes(data[: len(data) // 2])
    (unit,) = discover_inputs([path])
    seen = []
    with pytest.raises(InputError, match=r"cut\.csv\.gz: truncated or corrupt gzip"):
        seen.extend(read_records(unit))
    assert seen, "records before the damage were yielded"


def test_column_overrides(tmp_path: Path) -> None:
    path = tmp_path / "custom.csv"
    path.write_text("key,story,text\nk1,the story,not this\n", encoding="utf-8")
    (record,) = read(path, ReaderOptions(text_column="STORY"))
    assert (record.id, record.text) == ("k1", "the story")
    with pytest.raises(InputError, match="'nope' \\(--text-column\\) not found"):
        read(path, ReaderOptions(text_column="nope"))


def test_txt_folder_is_one_unit_of_pages(tmp_path: Path) -> None:
    (tmp_path / "b.txt").write_text("\n  Second title\nBody two.\n", encoding="utf-8")
    (tmp_path / "a.txt").write_text("First title\n\nBody one.\n", encoding="utf-8")
    (tmp_path / "notes.md").write_text("ignored", encoding="utf-8")
    (unit,) = discover_inputs([tmp_path])
    assert unit.kind == "txt_dir"
    records = list(read_records(unit))
    assert [(r.id, r.title, r.record_index) for r in records] == [
        ("a", None, 0),
        ("b", None, 1),
    ]
    assert records[0].source_file.endswith("a.txt")


def test_discovery_walks_folders_and_rejects_missing_paths(tmp_path: Path) -> None:
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "x.jsonl.gz").write_bytes(gzip.compress(b'{"text": "t"}\n'))
    (tmp_path / "y.tsv").write_text("text\nt\n", encoding="utf-8")
    kinds = [(u.path.name, u.kind) for u in discover_inputs([tmp_path])]
    assert kinds == [("x.jsonl.gz", "jsonl"), ("y.tsv", "delimited")]
    with pytest.raises(InputError, match="no such file"):
        discover_inputs([tmp_path / "missing.csv"])
    with pytest.raises(InputError, match="unsupported file type"):
        discover_inputs([Path(__file__)])


def test_an_input_reached_twice_is_listed_once_in_first_seen_order(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "raw" / "pages").mkdir(parents=True)
    (tmp_path / "raw" / "pages" / "a.txt").write_text("A\nbody\n", encoding="utf-8")
    (tmp_path / "raw" / "seeds.csv").write_text("text\nt\n", encoding="utf-8")
    (tmp_path / "other.tsv").write_text("text\nt\n", encoding="utf-8")
    units = discover_inputs(
        ["other.tsv", tmp_path / "raw", "raw/seeds.csv", "raw", "raw/pages/a.txt", "./other.tsv"]
    )
    assert [(u.path.name, u.kind) for u in units] == [
        ("other.tsv", "delimited"),
        ("pages", "txt_dir"),
        ("seeds.csv", "delimited"),
    ]
    # a page named on its own before its folder is read with the folder, not twice
    (unit,) = discover_inputs(["raw/pages/a.txt", "raw/pages"])
    assert unit.path.name == "pages"


def test_fingerprint_changes_with_content(tmp_path: Path) -> None:
    path = tmp_path / "f.csv"
    path.write_text("text\none\n", encoding="utf-8")
    (unit,) = discover_inputs([path])
    before = unit_fingerprint(unit)
    assert before == unit_fingerprint(unit)
    path.write_text("text\ntwo\n", encoding="utf-8")
    assert unit_fingerprint(unit) != before
