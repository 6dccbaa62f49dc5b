"""The in-memory index of programme names: lookup, suggestions and autocomplete without SQL.

Built once when the store opens and updated after each ingest; its lookup tables are rebuilt
lazily on the first query after a change. All matching goes through bot.store.names, so
"PfP", "Partnership for Peace programme" and "partnership for peace program" meet.
"""

from __future__ import annotations

import heapq
import re
from bisect import bisect_left
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from itertools import islice

from rapidfuzz import fuzz, process

from bot.store.names import STOPWORDS, acronym_key, fold, name_key, words
from bot.store.results import ProgrammeRef

# A whole-name typo match ("partnrship for peace") must score at least this (rapidfuzz ratio).
RESOLVE_CUTOFF = 88
# ...and beat the best match of any other programme by this much, else it is ambiguous.
RESOLVE_MARGIN = 3
# A word of the query matches a word of a name with a typo at this ratio or more.
WORD_CUTOFF = 75
# Whole-name similarity at which a programme is still worth suggesting.
SUGGEST_CUTOFF = 60
_LABEL = re.compile(r"^(?P<name>.*\S)\s*\((?P<acronym>[^()]+)\)$")  # "Name (ACR)"


@dataclass(frozen=True, slots=True)
class IndexedProgramme:
    """A programme as the index knows it: how to show it, how much it is mentioned, and every
    acronym and name (normalised) that articles call it by."""

    ref: ProgrammeRef
    mentions: int
    acronym_keys: frozenset[str]
    name_keys: frozenset[str]


class _Tables:
    """Lookup structures derived from the programmes; immutable once built.

    Inside, a programme is its rank: 0 for the most mentioned. Sets of candidates are sets of
    ranks, so the best of them are simply the smallest numbers.
    """

    def __init__(self, programmes: Iterable[IndexedProgramme]) -> None:
        ordered = sorted(programmes, key=lambda p: (-p.mentions, fold(p.ref.label), p.ref.id))
        self.ids = [p.ref.id for p in ordered]  # rank -> programme id
        self.by_acronym: dict[str, int] = {}  # key -> rank of its most mentioned owner
        self.by_name: dict[str, int] = {}
        keyed: list[tuple[str, int]] = []
        postings: dict[str, set[int]] = {}
        self.words: list[frozenset[str]] = []  # rank -> its words and acronyms
        for rank, p in enumerate(ordered):
            self.words.append(
                frozenset(w for k in p.name_keys for w in k.split() if w not in STOPWORDS)
                | p.acronym_keys
            )
            for key in p.acronym_keys:
                self.by_acronym.setdefault(key, rank)
                keyed.append((key, rank))
            for key in p.name_keys:
                self.by_name.setdefault(key, rank)
                keyed.append((key, rank))
            for word in self.words[rank]:
                postings.setdefault(word, set()).add(rank)
        keyed.sort()
        self.prefix_keys = [k for k, _ in keyed]
        self.prefix_ranks = [r for _, r in keyed]
        # Every name key, sorted (for typo matching by first letter), and whose it is.
        named = sorted((k, rank) for rank, p in enumerate(ordered) for k in p.name_keys)
        self.names = [k for k, _ in named]
        self.name_ranks = [rank for _, rank in named]
        self.vocabulary = sorted(postings)
        self.postings = {w: frozenset(ranks) for w, ranks in postings.items()}
        self.short_answers: dict[tuple[str, str, int], list[int]] = {}


def _starting_with(keys: list[str], prefix: str) -> tuple[int, int]:
    """The bounds of the slice of sorted `keys` that start with `prefix`."""
    start = bisect_left(keys, prefix)
    return start, bisect_left(keys, prefix + "\U0010ffff", lo=start)


class ProgrammeIndex:
    """Programme names in memory. Not thread-safe; used from the event loop only."""

    def __init__(self, programmes: Iterable[IndexedProgramme] = ()) -> None:
        self._programmes = {p.ref.id: p for p in programmes}
        self._built: _Tables | None = None

    def __len__(self) -> int:
        return len(self._programmes)

    def get(self, programme_id: int) -> ProgrammeRef | None:
        entry = self._programmes.get(programme_id)
        return entry.ref if entry else None

    def update(self, changed: Iterable[IndexedProgramme], removed: Iterable[int] = ()) -> None:
        """Replace or add `changed` programmes and forget `removed` ones."""
        for programme_id in removed:
            self._programmes.pop(programme_id, None)
        for programme in changed:
            self._programmes[programme.ref.id] = programme
        self._built = None

    @property
    def _tables(self) -> _Tables:
        if self._built is None:
            self._built = _Tables(self._programmes.values())
        return self._built

    def resolve(self, query: str) -> int | None:
        """The id of the programme `query` names, or None when it names none (or several
        equally well).

        Tries, in order: "Name (ACR)" labels, the exact acronym (so "PfP" never loses to a
        fuzzy name), the exact normalised name, and a close whole-name typo match (among names
        with the same first letter: typos rarely touch it, and it keeps the search small).
        """
        rank = self._resolve(" ".join(query.split()))
        return None if rank is None else self._tables.ids[rank]

    def _resolve(self, text: str) -> int | None:
        if not text:
            return None
        tables = self._tables
        label = _LABEL.match(text)
        if label:
            found = tables.by_acronym.get(acronym_key(label["acronym"]))
            if found is None:
                found = tables.by_name.get(name_key(label["name"]))
            if found is not None:
                return found
        found = tables.by_acronym.get(acronym_key(text))
        if found is not None:
            return found
        key = name_key(text)
        if not key:
            return None
        found = tables.by_name.get(key)
        if found is not None:
            return found
        if " " not in key and key in tables.by_acronym:  # "PfP programme"
            return tables.by_acronym[key]
        start, end = _starting_with(tables.names, key[0])  # typos spare the first letter
        matches = process.extract(
            key, tables.names[start:end], scorer=fuzz.ratio, limit=8, score_cutoff=RESOLVE_CUTOFF
        )
        if not matches:
            return None
        best_score, best = matches[0][1], tables.name_ranks[start + matches[0][2]]
        for _, score, index in matches[1:]:
            if tables.name_ranks[start + index] != best and score > best_score - RESOLVE_MARGIN:
                return None
        return best

    def suggest(self, query: str, limit: int = 5) -> list[ProgrammeRef]:
        """Up to `limit` programmes `query` may have meant, best first."""
        return self._refs(self._ranked(query, limit))

    def choices(self, current: str, limit: int = 25) -> list[ProgrammeRef]:
        """Autocomplete: programmes whose acronym or name starts with `current`, then those
        whose words start with its words, then typo matches; the most mentioned first within
        each group. An empty `current` gives the most mentioned programmes."""
        if limit <= 0:
            return []
        if not current.strip():
            return self.top(limit)
        return self._refs(self._ranked(current, limit))

    def top(self, limit: int) -> list[ProgrammeRef]:
        """The `limit` most mentioned programmes."""
        return self._refs(range(min(limit, len(self._tables.ids))))

    def _refs(self, ranks: Iterable[int]) -> list[ProgrammeRef]:
        ids = self._tables.ids
        return [self._programmes[ids[r]].ref for r in ranks]

    def _ranked(self, text: str, limit: int) -> list[int]:
        tables = self._tables
        key = name_key(text)
        acronym = acronym_key(text)
        if not key and not acronym:
            return []
        # One or two letters match thousands of names: remember their answers.
        short = len(key) <= 2 and len(acronym) <= 2
        if short and (key, acronym, limit) in tables.short_answers:
            return tables.short_answers[(key, acronym, limit)]
        found: list[int] = []

        def take(candidates: Iterable[int]) -> bool:
            fresh = set(candidates).difference(found)
            found.extend(heapq.nsmallest(limit - len(found), fresh))
            return len(found) >= limit

        self._rank_into(take, key, acronym, text, limit)
        if not found and key:
            # Nothing shares a word with the text: fall back to whole-name similarity.
            start, end = _starting_with(tables.names, key[0])  # typos spare the first letter
            similar = process.extract(
                key,
                tables.names[start:end],
                scorer=fuzz.ratio,
                limit=limit * 2,
                score_cutoff=SUGGEST_CUTOFF,
            )
            best_first = sorted((-score, tables.name_ranks[start + i]) for _, score, i in similar)
            ranks = dict.fromkeys(rank for _, rank in best_first)
            found.extend(list(ranks)[:limit])
        if short:
            tables.short_answers[(key, acronym, limit)] = found
        return found

    def _rank_into(
        self,
        take: Callable[[Iterable[int]], bool],
        key: str,
        acronym: str,
        text: str,
        limit: int,
    ) -> None:
        """Feed `take` the candidates best group first, until it has enough."""
        tables = self._tables
        # 1. Acronyms and names that start with the text.
        prefixed: set[int] = set()
        for prefix in {key, acronym} - {""}:
            start, end = _starting_with(tables.prefix_keys, prefix)
            prefixed.update(tables.prefix_ranks[start:end])
        if take(prefixed):
            return
        # 2. Names with words starting with the text's words (the last may be unfinished).
        tokens = [w for w in words(text) if w not in STOPWORDS] or words(text)
        if not tokens:
            return
        *head, last = tokens
        head_sets = [tables.postings.get(t, frozenset()) for t in head]
        if all(head_sets):
            if head_sets:
                common = frozenset.intersection(*head_sets)
                if len(common) > 200 and len(last) > 2:
                    candidates = common & self._with_word_starting(last)
                else:  # filter the best few rather than gather the last word's programmes
                    matching = (
                        r
                        for r in sorted(common)
                        if any(w.startswith(last) for w in tables.words[r])
                    )
                    # Earlier groups hold fewer than `limit`: twice as many covers their overlap.
                    candidates = set(islice(matching, 2 * limit))
            else:
                candidates = self._with_word_starting(last)
            if take(candidates):
                return
        # 3. Typos: words the index lacks are matched to similar words; names matching all
        # words first, then all but one.
        head_sets = [
            found or self._with_similar_word(t) for t, found in zip(head, head_sets, strict=True)
        ]
        last_set = (
            self._with_word_starting(last) if len(last) > 2 else frozenset()
        ) or self._with_similar_word(last)
        sets = [*head_sets, last_set]
        if take(frozenset.intersection(*sets)) or len(sets) == 1:
            return
        for left_out in range(len(sets)):
            if take(frozenset.intersection(*sets[:left_out], *sets[left_out + 1 :])):
                return

    def _with_word_starting(self, prefix: str) -> frozenset[int]:
        """Programmes with a word (or acronym) starting with `prefix`."""
        tables = self._tables
        start, end = _starting_with(tables.vocabulary, prefix)
        if end - start == 1:
            return tables.postings[tables.vocabulary[start]]
        return frozenset().union(*(tables.postings[w] for w in tables.vocabulary[start:end]))

    def _with_similar_word(self, token: str) -> frozenset[int]:
        """Programmes with a word like `token` (a typo away; the first letter is trusted)."""
        if len(token) < 3:  # two letters are too little to guess a typo from
            return frozenset()
        tables = self._tables
        start, end = _starting_with(tables.vocabulary, token[0])
        close = process.extract(
            token,
            tables.vocabulary[start:end],
            scorer=fuzz.ratio,
            limit=10,
            score_cutoff=WORD_CUTOFF,
        )
        return frozenset().union(*(tables.postings[w] for w, _, _ in close))
