"""The page's language, and its stop words.

Stop-word density is the strongest single signal that a line is prose rather than navigation
(jusText's insight), but only in the page's own language: an English list empties a Portuguese
page. The language comes from py3langid; the stop words from jusText's ~100 lists (shipped with
trafilatura's dependency `justext`).
"""

import heapq
from collections.abc import Sequence
from functools import cache, lru_cache

import justext

from newsclean.cleaning.langid import identify

ISO_639_1 = {
    "Afrikaans": "af", "Albanian": "sq", "Arabic": "ar", "Aragonese": "an", "Armenian": "hy",
    "Asturian": "ast", "Azerbaijani": "az", "Basque": "eu", "Belarusian": "be", "Bengali": "bn",
    "Bosnian": "bs", "Breton": "br", "Bulgarian": "bg", "Catalan": "ca", "Cebuano": "ceb",
    "Chuvash": "cv", "Croatian": "hr", "Czech": "cs", "Danish": "da", "Dutch": "nl", "English": "en",
    "Esperanto": "eo", "Estonian": "et", "Finnish": "fi", "French": "fr", "Galician": "gl",
    "Georgian": "ka", "German": "de", "Greek": "el", "Gujarati": "gu", "Haitian": "ht", "Hebrew": "he",
    "Hindi": "hi", "Hungarian": "hu", "Icelandic": "is", "Ido": "io", "Igbo": "ig", "Indonesian": "id",
    "Irish": "ga", "Italian": "it", "Javanese": "jv", "Kannada": "kn", "Kazakh": "kk", "Korean": "ko",
    "Kurdish": "ku", "Kyrgyz": "ky", "Latin": "la", "Latvian": "lv", "Lithuanian": "lt",
    "Luxembourgish": "lb", "Macedonian": "mk", "Malay": "ms", "Malayalam": "ml", "Maltese": "mt",
    "Marathi": "mr", "Nepali": "ne", "Norwegian_Bokmal": "nb", "Norwegian_Nynorsk": "nn",
    "Occitan": "oc", "Persian": "fa", "Polish": "pl", "Portuguese": "pt", "Quechua": "qu",
    "Romanian": "ro", "Russian": "ru", "Serbian": "sr", "Serbo_Croatian": "sh", "Slovak": "sk",
    "Slovenian": "sl", "Spanish": "es", "Sundanese": "su", "Swahili": "sw", "Swedish": "sv",
    "Tagalog": "tl", "Tamil": "ta", "Telugu": "te", "Turkish": "tr", "Turkmen": "tk",
    "Ukrainian": "uk", "Urdu": "ur", "Uzbek": "uz", "Vietnamese": "vi", "Volapuk": "vo",
    "Walloon": "wa", "Welsh": "cy", "West_Frisian": "fy", "Western_Panjabi": "pnb", "Yoruba": "yo",
}  # fmt: skip
"""jusText list names with an ISO 639 code; lists of minor variants (Simple_English, regional
dialects) are left out so they cannot win detection over their main language."""

DETECTION_SAMPLE_CHARS = 600
"""Characters of prose sampled from a page for language identification: enough for a stable
answer from py3langid, and cheap (~0.2 ms in the cleaner with `langid.identify`; the cost grows
with the sample)."""

SAMPLE_LINES = 3
"""The page's longest lines are its prose; they are also the lines later cleaning rounds keep,
so every round samples the same text and the identification is cached."""


@cache
def _stoplists() -> dict[str, frozenset[str]]:
    return {code: frozenset(justext.get_stoplist(name)) for name, code in ISO_639_1.items()}


def stopwords(language: str | None) -> frozenset[str]:
    """The stop words of a language (empty for unknown ones or languages without a list)."""
    if language is None:
        return frozenset()
    return _stoplists().get(language, frozenset())


def detect_language(lines: Sequence[str], min_confidence: float) -> str | None:
    """ISO 639-1 code of the page's language, judged on its prose lines; None when unsure.

    jusText's lists cannot do this themselves: they differ in size by two orders of magnitude and
    share loanwords, so a large list "wins" on an English menu. py3langid (by trafilatura's author)
    is a small shipped model built for the job.
    """
    return language_of(heapq.nlargest(SAMPLE_LINES, lines, key=len), min_confidence)


def language_of(longest: Sequence[str], min_confidence: float) -> str | None:
    """`detect_language` given the page's `SAMPLE_LINES` longest lines, longest first.

    The cleaner keeps its lines in length order, so each round picks them without a sort.
    """
    sample = " ".join(longest)[:DETECTION_SAMPLE_CHARS]
    if not sample.strip():
        return None
    language, confidence = _identify(sample)
    return language if confidence >= min_confidence else None


@lru_cache(maxsize=256)
def _identify(sample: str) -> tuple[str, float]:
    """Cached: successive cleaning rounds of a page usually sample the same prose."""
    return identify(sample)
