"""The `newsclean` console command, as a user runs it."""

import subprocess
import sys
from pathlib import Path

from typer.testing import CliRunner

from newsclean.cli import app

SEED = Path(__file__).resolve().parent / "data" / "seeds" / "004_99c168be7e55c513.txt"
runner = CliRunner()


def test_clean_prints_the_body() -> None:
    result = runner.invoke(app, ["clean", str(SEED)])
    assert result.exit_code == 0
    assert result.stdout.startswith("President Biden dispatched top officials")
    assert "Ranking" not in result.stdout


def test_explain_shows_every_line_with_its_reason() -> None:
    result = runner.invoke(app, ["clean", str(SEED), "--explain"])
    assert result.exit_code == 0
    assert "breadcrumb" in result.stdout
    assert "tag_list" in result.stdout
    assert "related_list" in result.stdout
    assert "keep" in result.stdout


def test_stdin_and_missing_file() -> None:
    result = runner.invoke(app, ["clean", "-"], input="Home\nMenu\n")
    assert result.exit_code == 0
    assert result.stdout.strip() == ""
    missing = runner.invoke(app, ["clean", "/nonexistent/page.txt"])
    assert missing.exit_code == 2
    assert "cannot read /nonexistent/page.txt" in missing.output


def test_explain_marks_cut_only_where_spans_went() -> None:
    """A kept line is 'cut' only when a span was removed from it (not when spaces were tidied),
    the span is listed right under it, and blank lines carry no label."""
    seed = SEED.with_name("000_e16d34050141bdde.txt")
    result = runner.invoke(app, ["clean", str(seed), "--explain"], terminal_width=1000)
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    assert not any(line.startswith("None") for line in lines)
    cut = [i for i, line in enumerate(lines) if line.startswith("cut ")]
    assert len(cut) == 1
    assert "President Trump issued a tweet" in lines[cut[0]]
    assert lines[cut[0] + 1].lstrip().startswith("- hover_card: Donald John Trump")
    # The line with non-breaking spaces in the dump is kept as it is, not marked as cut.
    assert any(line.startswith("keep ") and "Asked how, specifically" in line for line in lines)


def test_pages_are_decoded_and_repaired_as_the_flow_does(tmp_path: Path) -> None:
    sentence = "The café was full of people waiting out the storm, and the owner kept the kitchen open late."
    story = (
        "The café on the corner celebrated its tenth anniversary on Saturday with free crème brûlée "
        "for all customers, the owner said.\n\nRegulars said the café, with its façade of old "
        "tiles, had become a fixture of the neighbourhood's social life."
    )
    latin1 = tmp_path / "latin1.txt"
    latin1.write_bytes(story.encode("latin-1"))
    assert runner.invoke(app, ["clean", str(latin1)]).stdout.strip() == story
    mojibake = sentence.encode("utf-8").decode("cp1252")  # 'cafÃ©': UTF-8 read as Windows-1252
    result = runner.invoke(app, ["clean", "-"], input=mojibake.encode("utf-8"))
    assert result.stdout.strip() == sentence
    # Repaired once, as the flow does: an escaped entity ('&amp;amp;') is decoded one level only.
    escaped = story.replace("the owner said", "the owner said, &amp;amp; meant it")
    result = runner.invoke(app, ["clean", "-"], input=escaped.encode("utf-8"))
    assert "the owner said, &amp; meant it" in result.stdout
    binary = tmp_path / "page.txt"
    binary.write_bytes(bytes(range(32)) * 50)
    refused = runner.invoke(app, ["clean", str(binary)])
    assert refused.exit_code == 2
    assert f"cannot read {binary}: looks binary" in refused.output


def test_python_dash_m_runs_the_same_command() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "newsclean", "clean", str(SEED)], capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("President Biden dispatched top officials")


def test_a_pages_html_source_is_extracted_first(tmp_path: Path) -> None:
    page = tmp_path / "page.html"
    page.write_text(
        "<!DOCTYPE html><html><head><title>Reservoirs recover</title></head><body>"
        "<nav><a href='/'>Home</a> <a href='/news'>News</a></nav><article><h1>Reservoirs recover</h1>"
        "<p>The regional water authority said on Monday that reservoir levels had recovered to 85 percent "
        "of capacity after the wettest autumn in more than a decade.</p>"
        "<p>Engineers will continue repairs on the main pipeline, which lost a fifth of its flow to leaks "
        "last year, the authority said in a statement.</p></article></body></html>",
        encoding="utf-8",
    )
    result = runner.invoke(app, ["clean", str(page)])
    assert result.exit_code == 0
    assert result.stdout.startswith("The regional water authority said on Monday")
    assert "<" not in result.stdout
    assert "Home" not in result.stdout
    explained = runner.invoke(app, ["clean", str(page), "--explain"])
    assert "read as HTML" in explained.stderr
    assert "keep" in explained.stdout
