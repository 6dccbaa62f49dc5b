"""The in-memory index of programme names: lookup, suggestions and autocomplete without SQL.

Built once when the store opens and updated after each ingest; its lookup tables are rebuilt
lazily on the first query after a change. All matching goes through bot.store.names, so
"PfP", "Partnership for Peace programme" and "partnership for peace program" meet.
"""

from __future__ import annotations

import heapq
import re
from bisect import bisect_left
from collections.abc import Iterable
from dataclasses import dataclass

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
    """Lookup structures derived from the programmes; immutable once built."""

    def __init__(self, programmes: Iterable[IndexedProgramme]) -> None:
        ordered = sorted(programmes, key=lambda p: (-p.mentions, fold(p.ref.label), p.ref.id))
        self.order = [p.ref.id for p in ordered]
        self.rank = {pid: i for i, pid in enumerate(self.order)}
        self.by_acronym: dict[str, int] = {}
        self.by_name: dict[str, int] = {}
        keyed: list[tuple[str, int]] = []
        postings: dict[str, set[int]] = {}
        for p in ordered:  # most mentioned first, so setdefault keeps the best owner of a key
            pid = p.ref.id
            for key in p.acronym_keys:
                self.by_acronym.setdefault(key, pid)
                keyed.append((key, pid))
                postings.setdefault(key, set()).add(pid)
            for key in p.name_keys:
                self.by_name.setdefault(key, pid)
                keyed.append((key, pid))
                for word in key.split():
                    if word not in STOPWORDS:
                        postings.setdefault(word, set()).add(pid)
        keyed.sort()
        self.prefix_keys = [k for k, _ in keyed]
        self.prefix_ids = [pid for _, pid in keyed]
        self.names = [k for p in ordered for k in sorted(p.name_keys)]
        self.name_ids = [p.ref.id for p in ordered for _ in p.name_keys]
        self.vocabulary = sorted(postings)
        self.postings = {w: frozenset(ids) for w, ids in postings.items()}


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
        """The programme `query` names, or None when it names none (or several equally well).

        Tries, in order: "Name (ACR)" labels, the exact acronym (so "PfP" never loses to a
        fuzzy name), the exact normalised name, and a close whole-name typo match.
        """
        text = " ".join(query.split())
        if not text:
            return None
        tables = self._tables
        label = _LABEL.match(text)
        if label:
            found = tables.by_acronym.get(acronym_key(label["acronym"])) or tables.by_name.get(
                name_key(label["name"])
            )
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
        matches = process.extract(
            key, tables.names, scorer=fuzz.ratio, limit=8, score_cutoff=RESOLVE_CUTOFF
        )
        if not matches:
            return None
        best_score, best_id = matches[0][1], tables.name_ids[matches[0][2]]
        for _, score, index in matches[1:]:
            if tables.name_ids[index] != best_id and score > best_score - RESOLVE_MARGIN:
                return None
        return best_id

    def suggest(self, query: str, limit: int = 5) -> list[ProgrammeRef]:
        """Up to `limit` programmes `query` may have meant, best first."""
        return self._refs(self._ranked(query, limit))

    def choices(self, current: str, limit: int = 25) -> list[ProgrammeRef]:
        """Autocomplete: programmes whose acronym or name starts with `current`, then those
        with words starting with its words, then typo matches; the most mentioned first within
        each group. An empty `current` gives the most mentioned programmes."""
        if limit <= 0:
            return []
        if not current.strip():
            return self._refs(self._tables.order[:limit])
        return self._refs(self._ranked(current, limit))

    def top(self, limit: int) -> list[ProgrammeRef]:
        """The `limit` most mentioned programmes."""
        return self._refs(self._tables.order[:limit])

    def _refs(self, ids: Iterable[int]) -> list[ProgrammeRef]:
        return [self._programmes[i].ref for i in ids]

    def _ranked(self, text: str, limit: int) -> list[int]:
        tables = self._tables
        found: list[int] = []
        seen: set[int] = set()

        def take(candidates: Iterable[int]) -> bool:
            fresh = [c for c in candidates if c not in seen]
            for pid in heapq.nsmallest(limit - len(found), fresh, key=tables.rank.__getitem__):
                found.append(pid)
                seen.add(pid)
            return len(found) >= limit

        key = name_key(text)
        acronym = acronym_key(text)
        if not key and not acronym:
            return found
        # 1. Acronyms and names that start with the text.
        prefixes = {key, acronym} - {""}
        if take({pid for p in prefixes for pid in self._with_prefix(p)}):
            return found
        # 2. Names whose words start with the text's words (the last word may be unfinished).
        tokens = [w for w in words(text) if w not in STOPWORDS] or words(text)
        if not tokens:
            return found
        per_token = [self._word_matches(t, last=i == len(tokens) - 1) for i, t in enumerate(tokens)]
        if all(per_token) and take(frozenset.intersection(*per_token)):
            return found
        # 3. Typos: words close to the text's words, most words matched first.
        typo_matches = [self._similar_words(t) | m for t, m in zip(tokens, per_token, strict=True)]
        hits: dict[int, int] = {}
        for ids in typo_matches:
            for pid in ids:
                hits[pid] = hits.get(pid, 0) + 1
        needed = max(1, len(tokens) - 1)
        for count in range(len(tokens), needed - 1, -1):
            if take(pid for pid, n in hits.items() if n == count):
                return found
        # 4. Whole-name similarity, best first.
        if key:
            similar = process.extract(
                key, tables.names, scorer=fuzz.ratio, limit=limit * 2, score_cutoff=SUGGEST_CUTOFF
            )
            for _, _, index in similar:
                pid = tables.name_ids[index]
                if pid not in seen:
                    found.append(pid)
                    seen.add(pid)
                    if len(found) >= limit:
                        break
        return found

    def _with_prefix(self, prefix: str) -> list[int]:
        tables = self._tables
        start = bisect_left(tables.prefix_keys, prefix)
        end = bisect_left(tables.prefix_keys, prefix + "\U0010ffff", lo=start)
        return tables.prefix_ids[start:end]

    def _word_matches(self, token: str, *, last: bool) -> frozenset[int]:
        tables = self._tables
        if not last:
            return tables.postings.get(token, frozenset())
        start = bisect_left(tables.vocabulary, token)
        end = bisect_left(tables.vocabulary, token + "\U0010ffff", lo=start)
        if end - start == 1:
            return tables.postings[tables.vocabulary[start]]
        return frozenset().union(*(tables.postings[w] for w in tables.vocabulary[start:end]))

    def _similar_words(self, token: str) -> frozenset[int]:
        if len(token) < 3:  # two letters are too little to guess a typo from
            return frozenset()
        tables = self._tables
        close = process.extract(
            token, tables.vocabulary, scorer=fuzz.ratio, limit=10, score_cutoff=WORD_CUTOFF
        )
        return frozenset().union(*(tables.postings[w] for w, _, _ in close))
