"""Hard-wrapped pages (terminal browsers, converters, e-mail) are joined back into paragraphs."""

import textwrap

from hypothesis import given, settings
from hypothesis import strategies as st

from newsclean import clean_text
from newsclean.cleaning.wrapping import MIN_WIDTH, continuations

STORY = [
    "Scientists say the river has recovered faster than anyone expected after the dam was removed, "
    "with salmon returning to spawn in stretches that had been empty for a century.",
    "The removal, completed in 2022, was the largest of its kind in the country and cost about 450 "
    "million dollars, shared between the state and federal governments over several years.",
    "Local fishermen said they had seen more fish this autumn than at any time in their lives, and "
    "tribal leaders described the return of the salmon as a cultural homecoming for their people.",
]


def wrapped(width: int, paragraphs: list[str] = STORY) -> str:
    return "\n\n".join(textwrap.fill(p, width) for p in paragraphs)


def test_a_wrapped_story_is_kept_whole_at_any_common_width() -> None:
    for width in (60, 72, 80, 100):
        page = (
            "Home | News | Sport\n\nSalmon return to the river\n\n"
            + wrapped(width)
            + "\n\n© 2024 Example News"
        )
        result = clean_text(page)
        assert result.text == "\n\n".join(STORY), width
        assert result.title == "Salmon return to the river"
        assert clean_text(result.text, title=result.title).text == result.text


def test_joined_lines_share_their_paragraphs_verdict() -> None:
    result = clean_text(wrapped(72))
    first, second = result.verdicts[0], result.verdicts[1]
    assert first.keep and not first.continues and first.kept_text == STORY[0]
    assert second.keep and second.continues and second.kept_text is None


# Pages that must be left line by line: their breaks are not wraps.
UNWRAPPED = {
    "visible text, one block a line": "\n".join(STORY),
    "headlines of similar length": "\n".join(
        [
            "Council approves the new library budget after long debate",
            "Storm closes schools across the region for a second day",
            "Local bakery wins national award for its sourdough loaf",
            "Police appeal for witnesses after crash on the ring road",
            "Hospital opens new children's ward with forty more beds",
        ]
    ),
    "a menu": "\n".join(["Home", "News", "Sport", "Business", "Opinion", "Culture", "Travel"]),
    "a poem": "\n".join(
        [
            "Whose woods these are I think I know.",
            "His house is in the village though;",
            "He will not see me stopping here",
            "To watch his woods fill up with snow.",
        ]
    ),
}


def test_pages_that_are_not_wrapped_are_left_alone() -> None:
    for name, page in UNWRAPPED.items():
        assert continuations(page.splitlines()) == frozenset(), name


WORDS = st.text(alphabet="abcdefghijklmnopqrstuvwxyz", min_size=1, max_size=12)
PARAGRAPH = st.lists(WORDS, min_size=30, max_size=80).map(" ".join)


@settings(max_examples=200, deadline=None)
@given(paragraphs=st.lists(PARAGRAPH, min_size=1, max_size=4), width=st.integers(40, 100))
def test_every_join_found_is_a_wrap_and_full_lines_are_all_found(paragraphs: list[str], width: int) -> None:
    lines: list[str] = []
    wraps: set[int] = set()
    full: set[int] = set()
    for paragraph in paragraphs:
        if lines:
            lines.append("")
        pieces = textwrap.wrap(paragraph, width)
        for k, piece in enumerate(pieces):
            if k:
                wraps.add(len(lines))
                if len(pieces[k - 1]) >= 0.6 * max(len(p) for p in pieces):
                    full.add(len(lines))
            lines.append(piece)
    found = continuations(lines)
    assert found <= wraps
    widest = max(map(len, lines))
    if len(full) >= 3 and widest >= MIN_WIDTH:
        assert {i for i in full if len(lines[i - 1]) >= 0.6 * widest} <= found


def test_chinese_paragraphs_of_even_length_are_not_taken_for_wraps() -> None:
    """With no spaces, any break after a long line looks like a wrap; a full stop says it is not."""
    paragraphs = [
        "周一大雪导致全县学校关闭，官员表示，这是十年来最严重的一次降雪，许多道路被积雪覆盖。",
        "县教育局在声明中说，所有公立学校和私立学校将在周一和周二停课，家长应关注学校通知。",
        "如果道路在夜间清理完毕，公交车将于周二恢复运行，但官员提醒司机在结冰路段小心驾驶。",
        "气象部门预测，本周晚些时候气温将逐渐回升，积雪有望在周末前融化，山区可能再次降雪。",
        "当地居民表示，他们已经储备了足够的食物和饮用水，并希望电力供应不会因为大风而中断。",
    ]
    assert continuations(paragraphs) == frozenset()
    quoted = [p[:-1] + "。”" for p in paragraphs]  # each ending in a closing quote
    assert continuations(quoted) == frozenset()
