# Types of the compiled screening loops (_fast.pyx).
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

import numpy as np
import numpy.typing as npt

if TYPE_CHECKING:
    from vigil.screening.features import AlignRules, NameMatch
    from vigil.screening.variants import NameForm, Token

def top_entries(
    keys: npt.NDArray[np.uint64],
    offsets: npt.NDArray[np.int64],
    postings: npt.NDArray[np.int32],
    sizes: npt.NDArray[np.int32],
    wanted: npt.NDArray[np.uint64],
    is_id: npt.NDArray[np.uint8],
    total: int,
    common: int,
    max_postings: int,
    query_postings: int,
    id_weight: float,
    limit: int,
) -> list[int]: ...
def first_pass(
    keys: list[str],
    numbers: list[int],
    name_keys: Sequence[tuple[str, ...]],
    name_owners: Sequence[bytes],
    finalists: int,
    margin: float,
    max_names: int,
    compare: Callable[[list[str], list[str]], npt.NDArray[np.uint8]],
) -> list[tuple[int, float, tuple[int, ...]]]: ...
def align(query: NameForm, result: NameForm, person: bool, rules: AlignRules) -> NameMatch: ...
def token_similarity(
    a: Token, b: Token, person: bool, korean: bool = True, typo_cost: float | None = None
) -> tuple[float, str]: ...
def levenshtein(a: str, b: str, limit: int) -> int: ...
