"""The `newsclean` console command, as a user runs it."""

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
