"""Synthetic corpora for the document benchmark (seeded, so every run reads the same text).

* ``news``: sentences from a large vocabulary of pseudo-words (syllable strings, Zipf-like
  frequencies), capitalised like prose, with the German article mixed in every ~50 KB: text
  with a realistic token-length mix and a few true mentions.
* ``common``: capitalised stop words and common name parts only (the rules' own lists): the
  hardest ordinary text for a name matcher; every mention in it is a false alarm.
* ``korean_syllables``: Russian stop words and the commonest Korean name syllables written in
  Cyrillic and in German (``Ким``, ``Чен``, ``Ын``, ``Dschong``…), capitalised: what the
  Cyrillic and German Korean readings could take for names.
"""

from __future__ import annotations

import random
from importlib import resources
from pathlib import Path

SHARED = Path(__file__).resolve().parents[2] / ".." / "shared" / "data"
ARTICLE = SHARED / "documents" / "2024-03-28_russia_veto_panel_of_experts_de.txt"
SYLLABLES = ["ka", "ri", "to", "me", "na", "su", "ve", "lo", "pi", "da", "ne", "go", "ra", "mi", "tu", "se", "ko", "ba", "di", "fe", "lu", "mo", "sa", "ti", "ve", "wa", "ze", "ar", "en", "ol", "um", "is", "or", "an", "el"]  # fmt: skip


def _vocabulary(rng: random.Random, size: int) -> list[str]:
    words: set[str] = set()
    while len(words) < size:
        words.add("".join(rng.choice(SYLLABLES) for _ in range(rng.randint(1, 4))))
    return sorted(words)


def news(size_chars: int, seed: int = 1) -> str:
    """Pseudo-prose of about ``size_chars`` characters with the article every ~50 KB."""
    rng = random.Random(seed)
    vocabulary = _vocabulary(rng, 50_000)
    weights = [1.0 / (rank + 1) for rank in range(len(vocabulary))]
    article = ARTICLE.read_text("utf-8")
    parts: list[str] = []
    total = 0
    while total < size_chars:
        words = rng.choices(vocabulary, weights, k=8_000)
        sentence = " ".join(w.capitalize() if i % 9 == 0 else w for i, w in enumerate(words))
        parts += [sentence, ".\n", article, "\n"]
        total += len(sentence) + len(article) + 2
    return "".join(parts)[:size_chars]


def common(words: int, seed: int = 8) -> str:
    """Capitalised stop words and common name parts, in sentences of twelve words."""
    vocabulary: list[str] = []
    for name in ("stopwords.txt", "common_names.txt"):
        data = resources.files("vigil.documents").joinpath(f"data/{name}").read_text("utf-8")
        for line in data.splitlines():
            if line and not line.startswith("#"):
                vocabulary.extend(line.partition(":")[2].split())
    rng = random.Random(seed)
    picked = [rng.choice(vocabulary).capitalize() for _ in range(words)]
    return " ".join(w + ("." if i % 12 == 11 else "") for i, w in enumerate(picked))


# Common Korean name syllables: as Russian (informal and Kontsevich) or German press writes
# them, and in the UN's romanization (data: the same run of syllables in both scripts).
KOREAN_SYLLABLES: dict[str, str] = {
    "Ким": "Kim", "Пак": "Pak", "Ли": "Ri", "Ри": "Ri", "Чен": "Jong", "Чон": "Jon", "Ын": "Un",
    "Ир": "Il", "Сон": "Song", "Ён": "Yong", "Хо": "Ho", "Чхоль": "Chol", "Мин": "Min",
    "Нам": "Nam", "Хэ": "Hae", "Гук": "Guk", "Сик": "Sik", "Су": "Su", "Чжон": "Jong", "Ё": "Yo",
    "Кан": "Kang", "Чо": "Jo", "Хан": "Han", "Юн": "Yun", "Мун": "Mun", "Сим": "Sim",
    "Сун": "Sun", "Хёк": "Hyok", "Гван": "Gwan", "Чхве": "Choe", "Рён": "Ryong", "Ман": "Man",
    "Ок": "Ok", "Хи": "Hui", "Чжу": "Ju", "Бок": "Bok", "Чан": "Jang", "Чун": "Chun", "Ун": "Un",
    "Иль": "Il", "Док": "Dok", "Dschong": "Jong", "Tschol": "Chol", "Dschu": "Ju",
    "Tschang": "Chang", "Dschin": "Jin", "Tschoe": "Choe",
}  # fmt: skip
RUSSIAN = "и в на с по для что не это как он она они был была также заявил сказал год после"


def korean_syllables(words: int, seed: int = 9, latin: bool = False) -> str:
    """Capitalised Korean name syllables (Cyrillic and German, or with ``latin`` the same
    syllables romanized) among Russian stop words, in sentences of twelve words."""
    rng = random.Random(seed)
    syllables, stop = sorted(KOREAN_SYLLABLES), RUSSIAN.split(" ")
    picked = []
    for _ in range(words):
        word = rng.choice(syllables) if rng.random() < 0.7 else rng.choice(stop).capitalize()
        picked.append(KOREAN_SYLLABLES.get(word, word) if latin else word)
    return " ".join(w + ("." if i % 12 == 11 else "") for i, w in enumerate(picked))
