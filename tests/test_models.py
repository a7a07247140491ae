"""Validation rules of the data contract."""

from datetime import UTC, datetime, timedelta, timezone

import pytest
from pydantic import ValidationError

from newsclean.models import Article, Reject
from newsclean.reasons import Reason, RejectReason

NOW = datetime(2026, 11, 25, 12, 0, tzinfo=UTC)


def article(**overrides: object) -> Article:
    values: dict[str, object] = {
        "id": "a1",
        "id_derived": False,
        "source_file": "dump.csv",
        "record_index": 0,
        "url": "https://example.com/a",
        "site": "example.com",
        "title": "A title",
        "author": None,
        "published": None,
        "language": "en",
        "text": "Body paragraph.",
        "word_count": 2,
        "content_hash": "0" * 32,
        "chars_in": 100,
        "chars_out": 15,
        "extraction": "text",
        "removed": [{"reason": "navigation", "kind": "line", "line": 0, "text": "Home"}],
        "cleaner_version": "1.0.0",
        "ingested_at": NOW,
    }
    values.update(overrides)
    return Article.model_validate(values)


def test_valid_article_round_trips() -> None:
    a = article()
    assert a.removed[0].reason is Reason.NAVIGATION
    assert Article.model_validate(a.model_dump()) == a


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("text", ""),
        ("id", ""),
        ("content_hash", "xyz"),
        ("word_count", 0),
        ("record_index", -1),
        ("extraction", "pdf"),
        ("ingested_at", datetime(2026, 1, 1)),  # naive: ambiguous, refused
    ],
)
def test_invalid_article_fields_are_refused(field: str, value: object) -> None:
    with pytest.raises(ValidationError):
        article(**{field: value})


def test_unknown_removal_reason_is_refused() -> None:
    with pytest.raises(ValidationError):
        article(removed=[{"reason": "vibes", "kind": "line", "line": 0, "text": "x"}])


def test_timestamps_are_normalised_to_utc() -> None:
    paris = timezone(timedelta(hours=1))
    a = article(published=datetime(2026, 1, 1, 13, 0, tzinfo=paris))
    assert a.published == datetime(2026, 1, 1, 12, 0, tzinfo=UTC)
    assert a.published is not None and a.published.tzinfo == UTC


def test_reject_keeps_raw_record_and_reason() -> None:
    r = Reject(
        source_file="dump.jsonl",
        record_index=3,
        line_number=4,
        id=None,
        reason_code=RejectReason.MALFORMED,
        reason="dump.jsonl: record 3, line 4: not valid JSON",
        raw_record='{"_raw": "{broken"}',
        cleaner_version="1.0.0",
        ingested_at=NOW,
    )
    assert r.reason_code == "malformed"
    with pytest.raises(ValidationError):
        Reject.model_validate({**r.model_dump(), "reason": ""})
