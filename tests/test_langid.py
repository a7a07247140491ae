"""`langid.identify` gives py3langid's exact answer: same language, confidence equal as a float.

These tests are the guard on the py3langid internals `identify` mirrors: a py3langid upgrade that
changes its model layout, its encoding or its scoring fails them rather than shifting languages
quietly. They also prove the windowed walk right for every state and byte of the shipped model.
"""

import threading
from collections.abc import Callable
from functools import cache
from pathlib import Path
from typing import Any

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from py3langid.langid import MODEL_FILE, LanguageIdentifier

from newsclean.cleaning import clean_text, stopwords
from newsclean.cleaning import langid as fast
from newsclean.evaluation import iter_pages

SETTINGS = settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@cache
def reference() -> Callable[[str], Any]:
    """py3langid's own classifier, as the cleaner used it before `langid.identify`."""
    return LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True).classify  # type: ignore[no-any-return]


def assert_same(sample: str) -> None:
    language, confidence = reference()(sample)
    expected = (str(language), float(confidence))
    assert fast.identify(sample) == expected, repr(sample[:80])


def model() -> Any:
    found = fast._model()
    assert found is not None, "the fast path fell back to py3langid: see the warning it logged"
    return found


# --- the samples the cleaner really takes ------------------------------------------------------


@pytest.mark.eval
def test_same_answer_on_every_sample_of_the_eval_pages(
    shared_eval: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    samples: dict[str, None] = {}

    def record(sample: str) -> tuple[str, float]:
        samples[sample] = None
        return fast.identify(sample)

    # Every sample the cleaner identifies, as the golden check cleans each page (twice).
    monkeypatch.setattr(stopwords, "_identify", record)
    for split in ("dev", "test"):
        for row in iter_pages(shared_eval, split):
            first = clean_text(row["raw_text"])
            clean_text(row["raw_text"], title=first.title)
    assert len(samples) > 300
    for sample in samples:
        assert_same(sample)


# --- generated and fixed text ------------------------------------------------------------------

SENTENCES = [
    "The government announced on Tuesday that it would raise interest rates again.",
    "Le gouvernement a annoncé mardi qu'il relèverait de nouveau les taux d'intérêt.",
    "Die Regierung kündigte am Dienstag an, die Zinsen erneut anzuheben. Straße, Größe, ẞ.",
    "El gobierno anunció el martes que volvería a subir los tipos de interés.",
    "O governo anunciou na terça-feira que voltaria a aumentar as taxas de juro.",
    "Il governo ha annunciato martedì che alzerà di nuovo i tassi di interesse.",
    "De regering maakte dinsdag bekend dat ze de rente opnieuw verhoogt.",
    "Правительство во вторник объявило о новом повышении процентных ставок.",
    "Уряд у вівторок оголосив про нове підвищення процентних ставок.",
    "Η κυβέρνηση ανακοίνωσε την Τρίτη ότι θα αυξήσει ξανά τα επιτόκια.",
    "政府は火曜日、再び金利を引き上げると発表した。",
    "政府周二宣布将再次提高利率。",
    "정부는 화요일 금리를 다시 인상하겠다고 발표했다.",
    "أعلنت الحكومة يوم الثلاثاء أنها سترفع أسعار الفائدة مرة أخرى.",
    "הממשלה הודיעה ביום שלישי כי תעלה שוב את הריבית.",
    "सरकार ने मंगलवार को घोषणा की कि वह फिर से ब्याज दरें बढ़ाएगी।",
    "รัฐบาลประกาศเมื่อวันอังคารว่าจะขึ้นอัตราดอกเบี้ยอีกครั้ง",
    "Hükümet salı günü faiz oranlarını yeniden artıracağını açıkladı.",
    "Vlada je u utorak objavila da će ponovno podići kamatne stope.",
    "Влада је у уторак објавила да ће поново подићи каматне стопе.",
    "Chính phủ hôm thứ Ba thông báo sẽ tiếp tục tăng lãi suất.",
    "Rząd ogłosił we wtorek, że ponownie podniesie stopy procentowe.",
    "THE GOVERNMENT ANNOUNCED ON TUESDAY THAT IT WOULD RAISE RATES.",
    "ΗΚΥΒΈΡΝΗΣΗ ΑΝΑΚΟΊΝΩΣΕ ΤΗΝ ΤΡΊΤΗ",
    "Cafe\u0301 na\u0308ive \u1100\u1161\u11a8 \ufb01ne \u212b",  # NFC composes these
    "🎉🚀👍🏽 👨‍👩‍👧 ❤️ 2024!!!",
    "https://example.com/news/2024/05/story.html?id=42&ref=home",
    "\x00\x01\t\n\r \x7f\u200b\u200d\ufeff\ufffe\uffff\U0010ffff",
    "",
    " ",
    "a",
    "ab",
    "İ",
]


@pytest.mark.parametrize("sentence", SENTENCES)
def test_same_answer_on_fixed_sentences(sentence: str) -> None:
    assert_same(sentence)
    assert_same(sentence * 7)


def test_same_answer_on_the_sentences_together() -> None:
    assert_same(" ".join(SENTENCES))
    assert_same("\n".join(SENTENCES)[:600])


PIECES = [s[:24] for s in SENTENCES if s] + list("aZ .,-'\"é日한ЖΩ🎉\u0301\u0308")


@SETTINGS
@given(st.text())
def test_same_answer_on_any_text(text: str) -> None:
    assert_same(text)


@SETTINGS
@given(st.text(alphabet=st.characters(codec="ascii"), max_size=800))
def test_same_answer_on_ascii(text: str) -> None:
    assert_same(text)
    assert_same(text.upper())


@SETTINGS
@given(st.lists(st.sampled_from(PIECES), max_size=60).map("".join))
def test_same_answer_on_mixed_scripts(text: str) -> None:
    assert_same(text)
    assert_same(text.upper())


@SETTINGS
@given(
    st.text(
        alphabet=st.one_of(
            st.characters(min_codepoint=0x1F300, max_codepoint=0x1FAFF),  # emoji
            st.characters(min_codepoint=0x4E00, max_codepoint=0x9FFF),  # CJK
            st.characters(min_codepoint=0xAC00, max_codepoint=0xD7A3),  # Hangul syllables
            st.characters(categories=["Mn", "Me", "Cc", "Cf", "Co", "Zs", "Zl", "Zp"]),
            st.characters(categories=["Cs"]),  # lone surrogates: py3langid keeps them (surrogatepass)
            st.sampled_from(["\ufffe", "\uffff", "\U0010ffff", "\U000e0001", "ß", "ẞ", "İ", "ı"]),
        ),
        max_size=300,
    )
)
def test_same_answer_on_unusual_code_points(text: str) -> None:
    assert_same(text)


@settings(SETTINGS, max_examples=40)
@given(st.text(min_size=2000, max_size=6000))
def test_same_answer_on_long_text(text: str) -> None:
    assert_same(text)


# --- the walk ----------------------------------------------------------------------------------


def sequential_states(text: bytes) -> list[int]:
    """py3langid's walk: one byte at a time from state 0."""
    m = model()
    state, states = 0, []
    for byte in text:
        state = int(m.nextmove[m.rowbase[state] + byte])
        states.append(state)
    return states


@SETTINGS
@given(st.binary(max_size=400))
def test_windowed_walk_matches_the_sequential_walk_on_any_bytes(text: bytes) -> None:
    assert fast._states(model(), text).tolist() == sequential_states(text)


def test_windowed_walk_is_exact_for_every_state_and_byte() -> None:
    """Proof that a `window`-byte window gives the state of the whole text, for this model.

    Label each state s with a shortest string w(s) reaching it (breadth-first), d(s) = len(w(s)).
    If, for every state s and byte b with t = next(s, b),
      (i)  w(t) is a suffix of w(s) + b, and
      (ii) the walk from state 0 over the last k bytes of w(s) + b ends in t, d(t) < k <= d(s),
    then, by induction on the text, the walk over any suffix of the text at least d(state) long
    ends in the text's state, and every state is at most max d = `window` deep.
    """
    m = model()
    width = m.window + 1
    n_states = len(m.rowbase)

    def step(states: np.ndarray, byte: int | np.ndarray) -> np.ndarray:
        moved: np.ndarray = m.nextmove[m.rowbase[states] + byte].astype(np.intp)
        return moved

    # Breadth-first labels, right-aligned in `labels` (last byte in the last column).
    depth = np.full(n_states, -1, dtype=np.intp)
    labels = np.zeros((n_states, width), dtype=np.intp)
    depth[0] = 0
    frontier = np.zeros(1, dtype=np.intp)
    level = 0
    while len(frontier):
        level += 1
        parents = np.repeat(frontier, 256)
        edges = np.tile(np.arange(256), len(frontier))
        targets = step(parents, edges)
        fresh, first = np.unique(targets, return_index=True)
        keep = depth[fresh] < 0
        fresh, first = fresh[keep], first[keep]
        depth[fresh] = level
        labels[fresh, :-1] = labels[parents[first], 1:]
        labels[fresh, -1] = edges[first]
        frontier = fresh
    assert (depth >= 0).all()
    assert depth.max() == m.window

    # ends[s, j]: the walk from state 0 over the last j bytes of w(s) (j <= d(s)).
    ends = np.zeros((n_states, width), dtype=np.intp)
    for j in range(1, width):
        states = np.zeros(n_states, dtype=np.intp)
        for column in range(width - j, width):
            states = step(states, labels[:, column])
        ends[:, j] = states
    every = np.arange(n_states)
    assert (ends[every, depth] == every).all()  # each label reaches its state

    for byte in range(256):
        target = step(every, byte)
        d_t = depth[target]
        # (i): w(t) is a suffix of w(s) + byte.
        assert (d_t <= depth + 1).all()
        assert ((d_t == 0) | (labels[target, -1] == byte)).all()
        for back in range(2, width):
            inside = d_t >= back
            assert (labels[target[inside], -back] == labels[inside, 1 - back]).all()
        # (ii): shorter suffixes of w(s) + byte, at least d(t) long, end in t too.
        for j in range(width - 1):
            inside = (d_t <= j) & (j < depth)
            assert (step(ends[inside, j], byte) == target[inside]).all()


# --- the rest of the contract ------------------------------------------------------------------


def test_falls_back_to_py3langid_when_its_internals_move(monkeypatch: pytest.MonkeyPatch) -> None:
    def moved() -> None:
        raise AttributeError("'LanguageIdentifier' object has no attribute 'tk_row'")

    fast._model.cache_clear()
    try:
        monkeypatch.setattr(fast, "_load", moved)
        assert fast._model() is None
        for sentence in SENTENCES[:5]:
            assert_same(sentence)
    finally:
        monkeypatch.undo()
        fast._model.cache_clear()
    assert fast._model() is not None


def test_threads_get_their_own_answers() -> None:
    texts = [s * (1 + i % 5) for i, s in enumerate(SENTENCES * 4)]
    expected = [fast.identify(t) for t in texts]
    results: dict[int, list[tuple[str, float]]] = {}

    def run(worker: int) -> None:
        results[worker] = [fast.identify(t) for t in texts[worker:] + texts[:worker]]

    threads = [threading.Thread(target=run, args=(w,)) for w in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    for worker, got in results.items():
        assert got == expected[worker:] + expected[:worker]


def test_stopwords_identify_uses_the_fast_path() -> None:
    stopwords._identify.cache_clear()
    language, confidence = stopwords._identify(SENTENCES[0])
    assert (language, confidence) == fast.identify(SENTENCES[0])
    assert language == "en"
    assert confidence > 0.5
