# cython: language_level=3, boundscheck=False, wraparound=False, cdivision=True, initializedcheck=False
"""The compiled inner loops of a screening query: retrieval, the first pass's selection, and
the alignment of two name forms.

Both loops were numpy calls on arrays of a few dozen to a few thousand values; at that size
each numpy call's fixed cost dominated, and together they took about a third of a query.
The rules are those documented in :mod:`vigil.screening.index` and
:mod:`vigil.screening.prefilter`; ties are broken by the entry with fewer keys, then the lower entry number (retrieval) and by
retrieval order (the first pass), so every result is deterministic.

Both functions hold the GIL throughout and call no Python code while they use their
scratch memory, so threads of one process (a web server's worker pool) may call them at once.
"""

from libc.math cimport log1p
from libc.stdint cimport int32_t, int64_t, uint8_t, uint32_t, uint64_t
from libc.stdlib cimport free, malloc
from libc.string cimport memset
from cpython.object cimport PyObject_GenericSetAttr
from cpython.unicode cimport PyUnicode_DATA, PyUnicode_KIND, PyUnicode_READ


cdef inline bint _better(double t1, int32_t i1, double t2, int32_t i2,
                         const int32_t[::1] sizes) noexcept nogil:
    """Retrieval order: the higher total first, then the entry with fewer keys (more of it
    matched), then the lower entry number."""
    if t1 != t2:
        return t1 > t2
    if sizes[i1] != sizes[i2]:
        return sizes[i1] < sizes[i2]
    return i1 < i2


cdef inline Py_ssize_t _search(const uint64_t[::1] keys, uint64_t wanted) noexcept nogil:
    """The first position whose key is not below ``wanted`` (numpy's searchsorted, left)."""
    cdef Py_ssize_t lo = 0, hi = keys.shape[0], mid
    while lo < hi:
        mid = (lo + hi) >> 1
        if keys[mid] < wanted:
            lo = mid + 1
        else:
            hi = mid
    return lo


def top_entries(
    const uint64_t[::1] keys,
    const int64_t[::1] offsets,
    const int32_t[::1] postings,
    const int32_t[::1] sizes,
    const uint64_t[::1] wanted,
    const uint8_t[::1] is_id,
    Py_ssize_t total,
    Py_ssize_t common,
    Py_ssize_t max_postings,
    Py_ssize_t query_postings,
    double id_weight,
    Py_ssize_t limit,
):
    """Entry numbers sharing the most (rarest) keys with the query, best first, at most ``limit``.

    ``keys``/``offsets``/``postings``: the index (sorted key hashes, CSR offsets, entry numbers);
    ``sizes``: how many keys each entry has (ties go to the entry with fewer, then the lower
    number).
    ``wanted``: the query's key hashes; ``is_id``: 1 where that key is an identifier.
    A key in more than ``common`` entries is a stop-key, skipped unless it is an identifier or
    every key is one (then the rarest key's first ``max_postings`` entries are read); keys are
    read rarest first until ``query_postings`` postings (identifiers always). Each entry's
    score is the sum of its keys' weights: ``id_weight`` for identifiers, ``log1p(total / df)``
    for names.
    """
    cdef Py_ssize_t nwant = wanted.shape[0], nkeys = keys.shape[0]
    if nwant == 0 or nkeys == 0 or limit <= 0:
        return []
    cdef Py_ssize_t *hit_start = <Py_ssize_t *> malloc(nwant * sizeof(Py_ssize_t))
    cdef Py_ssize_t *hit_end = <Py_ssize_t *> malloc(nwant * sizeof(Py_ssize_t))
    cdef Py_ssize_t *hit_size = <Py_ssize_t *> malloc(nwant * sizeof(Py_ssize_t))
    cdef bint *hit_id = <bint *> malloc(nwant * sizeof(bint))
    cdef Py_ssize_t *keep = <Py_ssize_t *> malloc(nwant * sizeof(Py_ssize_t))
    cdef double *weight = <double *> malloc(nwant * sizeof(double))
    cdef int32_t *slot_id = NULL
    cdef double *slot_total = NULL
    cdef int32_t *heap_id = NULL
    cdef double *heap_total = NULL
    cdef Py_ssize_t nhit = 0, nkeep = 0, i, j, k, slot, smallest, m, reads, capacity, mask
    cdef Py_ssize_t h, used = 0, child, best_child
    cdef uint64_t code
    cdef int32_t entry, tid
    cdef double w, tt
    cdef bint within_first
    out = []
    try:
        if (hit_start == NULL or hit_end == NULL or hit_size == NULL or hit_id == NULL
                or keep == NULL or weight == NULL):
            raise MemoryError()
        for i in range(nwant):
            slot = _search(keys, wanted[i])
            if slot >= nkeys:
                slot = nkeys - 1
            if keys[slot] != wanted[i]:
                continue
            hit_start[nhit] = offsets[slot]
            hit_end[nhit] = offsets[slot + 1]
            hit_size[nhit] = hit_end[nhit] - hit_start[nhit]
            hit_id[nhit] = is_id[i] != 0
            nhit += 1
        if nhit == 0:
            return []
        for i in range(nhit):
            if hit_size[i] <= common or hit_id[i]:
                keep[nkeep] = i
                nkeep += 1
        if nkeep == 0:  # only stop-keys: the rarest one's first entries
            smallest = 0
            for i in range(1, nhit):
                if hit_size[i] < hit_size[smallest]:
                    smallest = i
            keep[0] = smallest
            nkeep = 1
            if hit_end[smallest] > hit_start[smallest] + max_postings:
                hit_end[smallest] = hit_start[smallest] + max_postings
        else:  # rarest keys first (stable), within the query's budget of postings
            for i in range(1, nkeep):  # insertion sort: a query has a few dozen keys
                k = keep[i]
                j = i - 1
                while j >= 0 and hit_size[keep[j]] > hit_size[k]:
                    keep[j + 1] = keep[j]
                    j -= 1
                keep[j + 1] = k
            within_first = hit_size[keep[0]] <= query_postings
            if within_first:
                m = 0
                reads = 0
                for i in range(nkeep):
                    k = keep[i]
                    reads += hit_size[k]
                    if reads <= query_postings or hit_id[k]:
                        keep[m] = k
                        m += 1
                nkeep = m
            else:
                nkeep = 1
        reads = 0
        for i in range(nkeep):
            k = keep[i]
            weight[i] = id_weight if hit_id[k] else log1p(<double> total / <double> hit_size[k])
            reads += hit_end[k] - hit_start[k]
        # totals per entry in an open-addressing table (entry -1 = empty), summed in key order
        capacity = 16
        while capacity < 2 * reads:
            capacity <<= 1
        mask = capacity - 1
        slot_id = <int32_t *> malloc(capacity * sizeof(int32_t))
        slot_total = <double *> malloc(capacity * sizeof(double))
        if slot_id == NULL or slot_total == NULL:
            raise MemoryError()
        memset(slot_id, 0xFF, capacity * sizeof(int32_t))
        for i in range(nkeep):
            k = keep[i]
            w = weight[i]
            for j in range(hit_start[k], hit_end[k]):
                entry = postings[j]
                code = (<uint64_t> <uint32_t> entry) * 0x9E3779B97F4A7C15ULL
                h = <Py_ssize_t> (code >> 32) & mask
                while slot_id[h] != -1 and slot_id[h] != entry:
                    h = (h + 1) & mask
                if slot_id[h] == -1:
                    slot_id[h] = entry
                    slot_total[h] = w
                else:
                    slot_total[h] += w
        # the best ``limit``: a heap whose root is the worst kept entry
        heap_id = <int32_t *> malloc(limit * sizeof(int32_t))
        heap_total = <double *> malloc(limit * sizeof(double))
        if heap_id == NULL or heap_total == NULL:
            raise MemoryError()
        for h in range(capacity):
            if slot_id[h] == -1:
                continue
            entry = slot_id[h]
            w = slot_total[h]
            if used < limit:
                j = used
                used += 1
                while j > 0:  # sift up: the worse goes to the root
                    k = (j - 1) >> 1
                    if _better(heap_total[k], heap_id[k], w, entry, sizes):
                        heap_total[j] = heap_total[k]
                        heap_id[j] = heap_id[k]
                        j = k
                    else:
                        break
                heap_total[j] = w
                heap_id[j] = entry
            elif _better(w, entry, heap_total[0], heap_id[0], sizes):
                j = 0
                while True:  # sift down from the root
                    child = 2 * j + 1
                    if child >= used:
                        break
                    best_child = child
                    if child + 1 < used and _better(heap_total[child], heap_id[child],
                                                    heap_total[child + 1], heap_id[child + 1],
                                                    sizes):
                        best_child = child + 1
                    if _better(w, entry, heap_total[best_child], heap_id[best_child], sizes):
                        heap_total[j] = heap_total[best_child]
                        heap_id[j] = heap_id[best_child]
                        j = best_child
                    else:
                        break
                heap_total[j] = w
                heap_id[j] = entry
        for i in range(1, used):  # best first
            tt = heap_total[i]
            tid = heap_id[i]
            j = i - 1
            while j >= 0 and _better(tt, tid, heap_total[j], heap_id[j], sizes):
                heap_total[j + 1] = heap_total[j]
                heap_id[j + 1] = heap_id[j]
                j -= 1
            heap_total[j + 1] = tt
            heap_id[j + 1] = tid
        for i in range(used):
            out.append(heap_id[i])
        return out
    finally:
        free(hit_start)
        free(hit_end)
        free(hit_size)
        free(hit_id)
        free(keep)
        free(weight)
        free(slot_id)
        free(slot_total)
        free(heap_id)
        free(heap_total)


def first_pass(
    list keys,
    list numbers,
    name_keys,
    name_owners,
    Py_ssize_t finalists,
    double margin,
    Py_ssize_t max_names,
    compare,
):
    """The first pass's choice among the retrieved entries ``numbers``: their first-pass keys
    (``name_keys[n]``) are scored against the query's ``keys`` by ``compare(keys, flat)``, a
    uint8 matrix (rapidfuzz's cdist). Returns ``(entry number, best score, name numbers)`` for
    the ``finalists`` entries whose best key scored highest (ties: retrieval order); the names
    are those whose key scored within ``margin`` of the entry's best, best first (ties: key
    order), each once, at most ``max_names``."""
    cdef Py_ssize_t npos = len(numbers), p
    flat = []
    owners = []
    if npos == 0 or not keys:
        return []
    cdef int64_t *widths = <int64_t *> malloc(npos * sizeof(int64_t))
    if widths == NULL:
        raise MemoryError()
    try:
        for p in range(npos):
            n = numbers[p]
            entry_keys = name_keys[n]
            flat.extend(entry_keys)
            widths[p] = len(entry_keys)
            owners.append(name_owners[n])
        if not flat:
            return []
        chosen = _select(compare(keys, flat), widths, npos, finalists, margin, max_names, owners)
        return [(numbers[position], top, names) for position, top, names in chosen]
    finally:
        free(widths)


cdef list _select(
    const uint8_t[:, :] matrix,
    const int64_t *widths,
    Py_ssize_t npos,
    Py_ssize_t finalists,
    double margin,
    Py_ssize_t max_names,
    list owners,
):
    cdef Py_ssize_t rows = matrix.shape[0], cols = matrix.shape[1]
    cdef Py_ssize_t r, c, p, i, j, start, width, chosen, n
    cdef uint8_t v, top
    cdef uint8_t *best = NULL
    cdef int *entry_best = NULL  # -1: the entry has no keys
    cdef Py_ssize_t *order = NULL
    cdef Py_ssize_t *starts = NULL
    cdef Py_ssize_t *names = NULL
    cdef bytes owned
    cdef const unsigned char *owned_ptr
    out = []
    if rows == 0 or cols == 0 or npos == 0:
        return out
    best = <uint8_t *> malloc(cols * sizeof(uint8_t))
    entry_best = <int *> malloc(npos * sizeof(int))
    order = <Py_ssize_t *> malloc(npos * sizeof(Py_ssize_t))
    starts = <Py_ssize_t *> malloc(npos * sizeof(Py_ssize_t))
    names = <Py_ssize_t *> malloc(cols * sizeof(Py_ssize_t))
    try:
        if best == NULL or entry_best == NULL or order == NULL or starts == NULL or names == NULL:
            raise MemoryError()
        for c in range(cols):
            v = matrix[0, c]
            for r in range(1, rows):
                if matrix[r, c] > v:
                    v = matrix[r, c]
            best[c] = v
        start = 0
        for p in range(npos):
            starts[p] = start
            width = widths[p]
            if width == 0:
                entry_best[p] = -1
            else:
                v = best[start]
                for i in range(start + 1, start + width):
                    if best[i] > v:
                        v = best[i]
                entry_best[p] = v
            start += width
        chosen = 0  # a stable selection of the best ``finalists`` positions
        for p in range(npos):
            if entry_best[p] < 0:
                continue
            j = chosen if chosen < finalists else finalists - 1
            if chosen >= finalists and entry_best[p] <= entry_best[order[j]]:
                continue
            if chosen < finalists:
                chosen += 1
            while j > 0 and entry_best[order[j - 1]] < entry_best[p]:
                order[j] = order[j - 1]
                j -= 1
            order[j] = p
        for i in range(chosen):
            p = order[i]
            start = starts[p]
            width = widths[p]
            top = <uint8_t> entry_best[p]
            n = 0
            for j in range(width):  # the key numbers within the margin, best first, stable
                if best[start + j] < <double> top - margin:
                    continue
                c = n
                while c > 0 and best[start + names[c - 1]] < best[start + j]:
                    names[c] = names[c - 1]
                    c -= 1
                names[c] = j
                n += 1
            owned = owners[p]
            owned_ptr = owned
            picked = {}
            for j in range(n):
                picked[owned_ptr[names[j]]] = None
            out.append((p, <double> top, tuple(picked)[:max_names]))
        return out
    finally:
        free(best)
        free(entry_best)
        free(order)
        free(starts)
        free(names)


# -- alignment of two name forms (vigil.screening.features.align) --------------------------

_F = None  # vigil.screening.features, bound on first use (it imports this module)
cdef double SIM_EXACT, SIM_KOREAN, SIM_SPELLING, SIM_PHONETIC_FLOOR, SIM_INITIAL, MIN_PAIR_SIM
cdef Py_ssize_t CACHE_ENTRIES
cdef enum:
    EDIT_TABLE = 64
cdef Py_ssize_t EDITS[EDIT_TABLE]  # features.allowed_edits(n) for n < EDIT_TABLE
_allowed_edits = None
_is_korean_surname = None


cdef object _features():
    """The features module, and its constants and typo rule (the data stay there) read once."""
    global _F, SIM_EXACT, SIM_KOREAN, SIM_SPELLING, SIM_PHONETIC_FLOOR, SIM_INITIAL
    global MIN_PAIR_SIM, CACHE_ENTRIES, _allowed_edits, _is_korean_surname
    cdef Py_ssize_t n
    if _F is None:
        from vigil.screening import features
        from vigil.screening.korean import is_korean_surname
        SIM_EXACT, SIM_KOREAN = features.SIM_EXACT, features.SIM_KOREAN
        SIM_SPELLING, SIM_INITIAL = features.SIM_SPELLING, features.SIM_INITIAL
        SIM_PHONETIC_FLOOR, MIN_PAIR_SIM = features.SIM_PHONETIC_FLOOR, features.MIN_PAIR_SIM
        CACHE_ENTRIES = features.CACHE_ENTRIES
        _allowed_edits = features.allowed_edits
        _is_korean_surname = is_korean_surname
        for n in range(EDIT_TABLE):
            EDITS[n] = _allowed_edits(n)
        _F = features
    return _F


def token_similarity(a, b, bint person, bint korean=True, typo_cost=None):
    """How alike two tokens are, in [0, 1], and how they matched. Korean keys count only when
    ``korean`` (both names read as romanized Korean); each edit costs ``typo_cost`` (default
    ``TYPO_COST``) relative to the token length."""
    F = _features()
    return _similarity(a, b, person, korean, F.TYPO_COST if typo_cost is None else typo_cost)


cdef tuple _similarity(a, b, bint person, bint korean, double cost):
    cdef str a_text = a.text, b_text = b.text
    if a_text == b_text:
        return SIM_EXACT, "exact"
    if a.numeric or b.numeric:
        return 0.0, ""
    a_korean, b_korean = a.korean, b.korean
    if korean and a_korean and b_korean and not a_korean.isdisjoint(b_korean):
        return SIM_KOREAN, "korean"
    cdef str a_skeleton = a.skeleton, b_skeleton = b.skeleton
    if a_skeleton == b_skeleton and len(a_skeleton) > 2:
        return SIM_SPELLING, "spelling"
    cdef Py_ssize_t la = len(a_text), lb = len(b_text)
    cdef Py_ssize_t length = la if la > lb else lb
    cdef Py_ssize_t limit = EDITS[length] if length < EDIT_TABLE else _allowed_edits(length)
    cdef Py_ssize_t edits
    cdef double best = 0.0
    if limit:
        edits = _levenshtein(a_skeleton, b_skeleton, limit)
        if edits <= limit:
            best = 1.0 - cost * edits / length
    cdef str phonetic = a.phonetic
    if phonetic and phonetic == b.phonetic and len(phonetic) > 1 and best > 0:
        best = best if best >= SIM_PHONETIC_FLOOR else SIM_PHONETIC_FLOOR
    if best >= MIN_PAIR_SIM:
        return best, "typo"
    short, long_ = (a_text, b_text) if la < lb else (b_text, a_text)
    if person and len(short) == 1 and long_.startswith(short):
        return SIM_INITIAL, "initial"
    return 0.0, ""


cdef Py_ssize_t _levenshtein(str a, str b, Py_ssize_t limit) except -1:
    """The edit distance of ``a`` and ``b`` when it is at most ``limit``, else ``limit + 1``:
    rapidfuzz's ``Levenshtein.distance(a, b, score_cutoff=limit)``, which the test checks it
    against. Tokens are a few characters long, and the call into rapidfuzz cost more than the
    two-row dynamic programme does here."""
    cdef Py_ssize_t la = len(a), lb = len(b), i, j, low, v
    if la - lb > limit or lb - la > limit:
        return limit + 1
    cdef int a_kind = PyUnicode_KIND(a), b_kind = PyUnicode_KIND(b)
    cdef void *a_data = PyUnicode_DATA(a)
    cdef void *b_data = PyUnicode_DATA(b)
    cdef Py_ssize_t *prev = <Py_ssize_t *> malloc(2 * (lb + 1) * sizeof(Py_ssize_t))
    if prev == NULL:
        raise MemoryError()
    cdef Py_ssize_t *cur = prev + lb + 1
    cdef Py_ssize_t *swap
    cdef Py_UCS4 ch
    try:
        for j in range(lb + 1):
            prev[j] = j
        for i in range(1, la + 1):
            ch = PyUnicode_READ(a_kind, a_data, i - 1)
            cur[0] = i
            low = i
            for j in range(1, lb + 1):
                v = prev[j - 1] + (ch != PyUnicode_READ(b_kind, b_data, j - 1))
                if prev[j] + 1 < v:
                    v = prev[j] + 1
                if cur[j - 1] + 1 < v:
                    v = cur[j - 1] + 1
                cur[j] = v
                if v < low:
                    low = v
            if low > limit:
                return limit + 1
            swap = prev
            prev = cur
            cur = swap
        return prev[lb] if prev[lb] <= limit else limit + 1
    finally:
        free(prev if prev < cur else cur)


def levenshtein(a: str, b: str, limit: int) -> int:
    """:func:`_levenshtein`, for the test."""
    return _levenshtein(a, b, limit)


cdef Py_ssize_t _entries = 0  # similarities in the cache (cleared past CACHE_ENTRIES)


cdef dict _table(dict cache, person, korean, cost):
    key = (person, korean, cost)
    table = cache.get(key)
    if table is None:
        table = cache[key] = {}
    return <dict> table


cdef dict _row(dict table, str q_key):
    row = table.get(q_key)
    if row is None:
        row = table[q_key] = {}
    return <dict> row


cdef object _cached(dict row, a, b, bint person, bint korean, double cost):
    global _entries
    found = row.get(b.sim_key)
    if found is None:
        found = _similarity(a, b, person, korean, cost)
        if _entries >= CACHE_ENTRIES:
            _F._CACHE.clear()  # ``row`` is then forgotten with the rest
            _entries = 0
        row[b.sim_key] = found
        _entries += 1
    return found


# Aligned and NameMatch (frozen slots dataclasses with nothing but fields) are made here
# without their generated __init__, a Python frame that took a third of an alignment: the
# fields are set as dataclasses' frozen __init__ sets them, with object.__setattr__.
cdef object _aligned(cls, query, result, double similarity, how):
    obj = cls.__new__(cls)
    PyObject_GenericSetAttr(obj, "query", query)
    PyObject_GenericSetAttr(obj, "result", result)
    PyObject_GenericSetAttr(obj, "similarity", similarity)
    PyObject_GenericSetAttr(obj, "how", how)
    return obj


cdef object _name_match(cls, double score, query_name, result_name, tuple pairs,
                        tuple query_extra, tuple result_extra):
    obj = cls.__new__(cls)
    PyObject_GenericSetAttr(obj, "score", score)
    PyObject_GenericSetAttr(obj, "query_name", query_name)
    PyObject_GenericSetAttr(obj, "result_name", result_name)
    PyObject_GenericSetAttr(obj, "pairs", pairs)
    PyObject_GenericSetAttr(obj, "query_extra", query_extra)
    PyObject_GenericSetAttr(obj, "result_extra", result_extra)
    return obj


_SURNAMES = {}  # token text -> whether it is a Korean surname (korean.is_korean_surname)


cdef bint _has_surname(tuple tokens) except -1:
    """Whether a token is a Korean surname (``korean.is_korean_surname``, its answers per
    token remembered)."""
    cdef dict known = _SURNAMES
    for token in tokens:
        text = token.text
        found = known.get(text)
        if found is None:
            if len(known) >= CACHE_ENTRIES:
                known.clear()
            found = known[text] = bool(_is_korean_surname(text))
        if found:
            return True
    return False


cdef inline bint _all_korean(tuple tokens):
    for token in tokens:
        if not token.korean:
            return False
    return True


cdef inline bint _any_full(tuple weights, const unsigned char *used, Py_ssize_t n):
    cdef Py_ssize_t i
    for i in range(n):
        if not used[i] and <double> weights[i] >= 1.0:
            return True
    return False


cdef inline bint _option_before(double s1, long z1, long qf1, long ql1, long rf1, long rl1,
                                double s2, long z2, long qf2, long ql2, long rf2, long rl2) noexcept:
    """The order of ``sorted(options, reverse=True)`` over (sim, -size, qi, ri, how): index
    tuples are runs of consecutive tokens, so ``qi`` compares as (first, length)."""
    if s1 != s2:
        return s1 > s2
    if z1 != z2:
        return z1 > z2
    if qf1 != qf2:
        return qf1 > qf2
    if ql1 != ql2:
        return ql1 > ql2
    if rf1 != rf2:
        return rf1 > rf2
    return rl1 > rl2


def align(query, result, bint person, rules):
    """Align two name forms greedily, best pairs first, and score the alignment.

    score = Σ sim·(wq + wr) / (Σ all query weights + Σ aligned result weights
    + p · Σ unaligned result weights), where p = 0.5 when every query part aligned (a result
    may carry middle names the query leaves out) and 1 otherwise (the names disagree). When
    both names keep a full-weight part the other lacks, the score is multiplied by
    ``CONFLICT_FACTOR``: two different given names are evidence of two different people.

    ``rules`` change these constants per algorithm version (:class:`vigil.screening.features.AlignRules`): with
    ``symmetric_missing`` a person's parts missing on either side weigh half when the other
    side aligned completely (``ABDULHAI SALEK`` in ``ABDULHAI ABDUL GHAFOOR SALEK``), while an
    organisation's unaligned parts weigh ``org_missing_weight`` (a distinctive word such as
    ``Chile`` in ``Banco Santander Chile`` names another company); two Korean names compare
    syllable by syllable: different syllables align at most at ``korean_typo_cap``, and a
    syllable one name lacks multiplies the score by ``korean_extra_factor``.
    """
    F = _features()
    cdef tuple q_tokens = query.tokens, r_tokens = result.tokens
    cdef tuple q_weights = query.weights, r_weights = result.weights
    cdef tuple q_units = query.units, r_units = result.units
    cdef Py_ssize_t nq = len(q_tokens), nr = len(r_tokens)
    cdef Py_ssize_t nqu = len(q_units), nru = len(r_units), a, b, i, j, n = 0, k
    cdef bint korean = _all_korean(q_tokens) and _all_korean(r_tokens)
    if rules.korean_names:  # only names with a Korean surname compare as Korean
        korean = korean and _has_surname(q_tokens) and _has_surname(r_tokens)
    cost = rules.typo_cost
    cdef double c_cost = cost
    cdef double cap = rules.korean_typo_cap, sim, gained = 0.0, weight, sq, sr, score
    cdef double min_sim = MIN_PAIR_SIM, denominator, q_missing, r_missing
    cdef double used_qw = 0.0, used_rw = 0.0, extra_qw = 0.0, extra_rw = 0.0
    cdef dict table = _table(F._CACHE, bool(person), bool(korean), cost)
    cdef dict row
    cdef Py_ssize_t most = nqu * nru
    cdef double *o_sim = <double *> malloc((most + 1) * sizeof(double))
    cdef long *o_meta = <long *> malloc((most + 1) * 6 * sizeof(long))  # size, qf, ql, rf, rl, slot
    cdef unsigned char *used_q = <unsigned char *> malloc(nq + 1)
    cdef unsigned char *used_r = <unsigned char *> malloc(nr + 1)
    cdef long qf, ql, rf, rl, size
    cdef bint clash
    hows = []
    pairs = []
    try:
        if o_sim == NULL or o_meta == NULL or used_q == NULL or used_r == NULL:
            raise MemoryError()
        memset(used_q, 0, nq + 1)
        memset(used_r, 0, nr + 1)
        for a in range(nqu):
            qi, qt = q_units[a]
            ql = len(qi)
            qf = qi[0]
            q_korean = qt.korean
            row = _row(table, qt.sim_key)
            for b in range(nru):
                ri, rt = r_units[b]
                rl = len(ri)
                if ql > 1 and rl > 1:
                    continue
                found = _cached(row, qt, rt, person, korean, c_cost)  # the hot loop
                sim = found[0]
                how = found[1]
                if korean and how == "typo" and q_korean and rt.korean:
                    sim, how = (sim if sim <= cap else cap), "korean syllable differs"
                if sim >= min_sim:
                    size = ql + rl
                    rf = ri[0]
                    # insertion into the sorted options (a few dozen at most)
                    k = n
                    while k > 0 and _option_before(
                        sim, -size, qf, ql, rf, rl,
                        o_sim[k - 1], o_meta[6 * (k - 1)], o_meta[6 * (k - 1) + 1],
                        o_meta[6 * (k - 1) + 2], o_meta[6 * (k - 1) + 3], o_meta[6 * (k - 1) + 4],
                    ):
                        o_sim[k] = o_sim[k - 1]
                        for j in range(6):
                            o_meta[6 * k + j] = o_meta[6 * (k - 1) + j]
                        k -= 1
                    o_sim[k] = sim
                    o_meta[6 * k] = -size
                    o_meta[6 * k + 1] = qf
                    o_meta[6 * k + 2] = ql
                    o_meta[6 * k + 3] = rf
                    o_meta[6 * k + 4] = rl
                    o_meta[6 * k + 5] = len(hows)
                    hows.append(how)
                    n += 1
        for k in range(n):
            qf, ql, rf, rl = o_meta[6 * k + 1], o_meta[6 * k + 2], o_meta[6 * k + 3], o_meta[6 * k + 4]
            clash = False
            for i in range(qf, qf + ql):
                if used_q[i]:
                    clash = True
            for i in range(rf, rf + rl):
                if used_r[i]:
                    clash = True
            if clash:
                continue
            sq = 0.0
            for i in range(qf, qf + ql):
                used_q[i] = 1
                sq += <double> q_weights[i]
            sr = 0.0
            for i in range(rf, rf + rl):
                used_r[i] = 1
                sr += <double> r_weights[i]
            weight = sq + sr
            sim = o_sim[k]
            gained += sim * weight
            how = hows[o_meta[6 * k + 5]]
            q_text = q_tokens[qf].text if ql == 1 else " ".join(
                [q_tokens[i].text for i in range(qf, qf + ql)])
            r_text = r_tokens[rf].text if rl == 1 else " ".join(
                [r_tokens[i].text for i in range(rf, rf + rl)])
            pairs.append(_aligned(F.Aligned, q_text, r_text, sim,
                                  how if sim == 1.0 else f"{how} {sim:.2f}"))
        q_extra = [i for i in range(nq) if not used_q[i]]
        r_extra = [i for i in range(nr) if not used_r[i]]
        if not rules.symmetric_missing:  # vigil-v1: the query's parts always count in full
            q_missing, r_missing = 1.0, (1.0 if q_extra else 0.5)
        elif not person:
            q_missing = r_missing = rules.org_missing_weight
        else:
            q_missing, r_missing = (0.5 if not r_extra else 1.0), (0.5 if not q_extra else 1.0)
        if korean and rules.korean_names:  # a Korean syllable is never an optional part
            q_missing = r_missing = 1.0
        for i in range(nq):
            if used_q[i]:
                used_qw += <double> q_weights[i]
            else:
                extra_qw += <double> q_weights[i]
        for i in range(nr):
            if used_r[i]:
                used_rw += <double> r_weights[i]
            else:
                extra_rw += <double> r_weights[i]
        denominator = used_qw + used_rw + q_missing * extra_qw + r_missing * extra_rw
        score = gained / denominator if denominator else 0.0
        q_full = _any_full(q_weights, used_q, nq)
        r_full = _any_full(r_weights, used_r, nr)
        if q_full and r_full:
            score *= <double> rules.conflict_factor
        if korean and (q_full or r_full):
            score *= <double> rules.korean_extra_factor
        return _name_match(
            F.NameMatch,
            score if score < 1.0 else 1.0,
            query.original,
            result.original,
            tuple(pairs),
            tuple([q_tokens[i].text for i in q_extra]),
            tuple([r_tokens[i].text for i in r_extra]),
        )
    finally:
        free(o_sim)
        free(o_meta)
        free(used_q)
        free(used_r)
