"""Index keys: the keys of a name reading, their stable 64-bit hashes, and an entry's keys.

Every name token contributes keys (its text, its metaphone, its Korean keys, and the same for
two adjacent tokens joined, so ``Jongun`` finds ``Jong Un``); identifiers are keys too.
"""

from __future__ import annotations

import zlib
from collections.abc import Iterator, Sequence
from functools import lru_cache
from itertools import pairwise
from typing import Final

from vigil.screening.prefilter import compare_key
from vigil.screening.records import Record
from vigil.screening.variants import NameForm, Token, light_forms

MAX_NAME_NUMBER: Final = 255  # name positions are kept in one byte


@lru_cache(maxsize=1 << 20)
def key_hash(key: str) -> int:
    """A stable 64-bit hash of an index key (the same in every process and run); remembered,
    since a register repeats the same keys many times."""
    data = key.encode("utf-8")
    return (zlib.crc32(data) << 32) | zlib.adler32(data)


def token_keys(tokens: Sequence[Token], weights: Sequence[float]) -> Iterator[str]:
    """The index keys of one reading of a name: its tokens' keys and adjacent pairs joined.

    A joined pair's Korean keys are its parts' keys concatenated (``jong`` + ``un`` is the key
    of ``jongun``), which is what :func:`vigil.screening.korean.korean_key` gives the joined
    token and needs no regular expressions for a million entries.
    """
    only_weak = all(w < 1.0 for w in weights)
    for token, weight in zip(tokens, weights, strict=True):
        if weight < 1.0 and not only_weak:
            continue
        yield "t" + token.text
        if token.phonetic and len(token.text) > 3:
            yield "p" + token.phonetic
        for key in token.korean:
            yield "k" + key
    if len(tokens) > 8:
        return
    if 3 <= len(tokens) <= 4 and not any(t.numeric for t in tokens):  # Chon Ma San = Chonmasan
        yield "t" + "".join(t.text for t in tokens)
    for a, b in pairwise(tokens):
        if a.numeric or b.numeric:
            continue
        yield "t" + a.text + b.text
        for first in a.korean:
            for second in b.korean:
                yield "k" + first + second


def form_keys(form: NameForm) -> Iterator[str]:
    """The index keys of one name form (the query side)."""
    return token_keys(form.tokens, form.weights)


def record_entries(record: Record) -> tuple[set[int], list[str], bytes]:
    """A record's index key hashes, and the first-pass key of each name reading with its name
    number."""
    keys = {key_hash("i" + i) for i in record.identifiers}
    texts: list[str] = []
    owners = bytearray()
    for number, name in enumerate(record.names):
        for tokens, weights in light_forms(name, record.kind):
            keys.update(map(key_hash, token_keys(tokens, weights)))
            texts.append(compare_key(tokens, weights))
            owners.append(min(number, MAX_NAME_NUMBER))
    return keys, texts, bytes(owners)
