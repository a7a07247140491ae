"""The cleaner's settings: one frozen, documented object passed explicitly to every step.

Defaults were chosen on the dev split of the shared benchmark (README, "Cleaner quality").
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
        default=30,
        ge=1,
        description="After a 'Related'/'Most read' header, lines up to this many words are list items.",
    )
    title_similarity: float = Field(
        default=0.8,
        gt=0.0,
        le=1.0,
        description="Token overlap with the title above which a short line counts as its repeat.",
    )


DEFAULT_CONFIG = CleanerConfig()
