"""The cleaner's settings: one frozen, documented object passed explicitly to every step.

Defaults were chosen on the dev split of the shared benchmark (`tools/eval_cleaner.py --set`).
Constants that define the line model's features (features.py) are not settings: the shipped
weights were learned with them, so changing one means retraining (`make train`).
"""

from pydantic import BaseModel, ConfigDict, Field


class CleanerConfig(BaseModel):
    """Every threshold of the plain-text cleaner, with its unit."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    max_text_chars: int = Field(
        default=2_000_000,
        ge=1000,
        description="Characters of a page cleaned; the rest is cut with reason size_cap (keeps time linear).",
    )
    max_line_chars: int = Field(
        default=100_000,
        ge=100,
        description="Lines longer than this (chars) skip span rules and are judged on cheap features only.",
    )
    keep_threshold: float = Field(
        default=0.35,
        gt=0.0,
        lt=1.0,
        description="Probability of being content above which a line is kept after smoothing.",
    )
    stay_probability: float = Field(
        default=0.6,
        gt=0.5,
        lt=1.0,
        description="Chance that a line has the same label as the line before it (context smoothing).",
    )
    min_language_confidence: float = Field(
        default=0.5,
        ge=0.0,
        le=1.0,
        description="py3langid probability needed to name a page's language (else it is left unknown).",
    )
    score_lines: bool = Field(
        default=True,
        description=(
            "Rate lines with the learned scorer. Off for text that an extractor has already reduced "
            "to the article (trafilatura's output): there only rules, span cuts and titles apply."
        ),
    )
    related_run_max_words: int = Field(
        default=25,
        ge=1,
        description=(
            "After a 'Related'/'Most read' header, lines up to this many words are list items. Headlines "
            "rarely run past 20 words; a longer line is a paragraph that lost its full stop."
        ),
    )
    title_similarity: float = Field(
        default=0.8,
        gt=0.0,
        le=1.0,
        description="Token overlap with the title above which a short line counts as its repeat.",
    )

    rule_line_probability: float = Field(
        default=0.02,
        gt=0.0,
        lt=0.5,
        description="P(content) the smoother is told for a line a hard rule removed (almost surely junk).",
    )
    tag_item_max_words: int = Field(
        default=6,
        ge=1,
        description="Bulleted lines up to this many words after a 'Tags:' header are tag items.",
    )
    duplicate_min_words: int = Field(
        default=8,
        ge=1,
        description=(
            "Repeats of a kept line this long (words) are dropped; shorter ones ('Pros', 'Step 2') "
            "legitimately recur in a story (dev: +0.002 F1 over dropping every repeat)."
        ),
    )
    short_page_lines: int = Field(
        default=15,
        ge=0,
        description="Pages with fewer lines give the scorer little context: the prose floor applies.",
    )
    thin_page_prose_lines: int = Field(
        default=2,
        ge=0,
        description=(
            "Pages with at most this many long sentences (those the prose floor lifts) give the "
            "scorer little prose to anchor on: the prose floor applies (dev: 3 cost 0.001 F1)."
        ),
    )
    prose_floor_probability: float = Field(
        default=0.85,
        ge=0.0,
        le=1.0,
        description="P(content) at least given, on short pages, to a long sentence in the page's language.",
    )
    prose_floor_min_words: int = Field(
        default=20,
        ge=1,
        description="Words a line needs for the prose floor.",
    )
    short_page_prose_min_words: int = Field(
        default=8,
        ge=1,
        description="Words a line needs for the prose floor on a short page (a news brief's sentences).",
    )
    prose_floor_min_stop_ratio: float = Field(
        default=0.3,
        ge=0.0,
        le=1.0,
        description="Share of stop words a line needs for the prose floor.",
    )
    comments_after_words: int = Field(
        default=150,
        ge=0,
        description=(
            "Kept words (or half the page's, if fewer) above a comment-section header for it to end "
            "the article, so a 'Comments (12)' link above the story does not empty it."
        ),
    )
    end_marker_min_share: float = Field(
        default=0.6,
        ge=0.0,
        le=1.0,
        description=(
            "Share of the page's kept words above a share bar, tag list or related list for it to "
            "end the article (what the scorer kept below it then goes)."
        ),
    )
    headline_body_min_words: int = Field(
        default=15,
        ge=1,
        description=(
            "With no title given, a headline-shaped first kept line is taken as the title when the "
            "next kept line has at least this many words."
        ),
    )


DEFAULT_CONFIG = CleanerConfig()
