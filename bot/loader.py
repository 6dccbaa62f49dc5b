"""Files -> store: read articles, extract their facts and save them, one file at a time.

Used by ``python -m bot ingest`` and by the bot at start-up (SEEDS_DIR). Re-running it on the
same files changes nothing (the store recognises unchanged content).
"""

from __future__ import annotations

import asyncio
import logging
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from bot.articles import ArticleError, parse_article
from bot.extract import extract
from bot.facts import Facts
from bot.store import Store
from bot.store.errors import StoreError
from bot.store.results import IngestResult
from bot.wording import plural

log = logging.getLogger(__name__)

ARTICLE_SUFFIXES = (".txt", ".md")


@dataclass(frozen=True, slots=True)
class FileOutcome:
    """What happened to one file: its IngestResult, or the reason it was not loaded."""

    path: str
    result: IngestResult | None = None
    error: str | None = None

    @property
    def status(self) -> str:
        """ "added", "updated", "unchanged" or "failed"."""
        return self.result.status if self.result else "failed"

    def line(self) -> str:
        """One line for people, e.g.
        "added      seeds/a.txt: 'Title' (6 events, 5 programmes, 2 people)"."""
        if self.result is None:
            return f"{'failed':<10} {self.error}"
        r = self.result
        counts = (
            f"{plural(r.events, 'event')}, {plural(r.programmes, 'programme')}, "
            f"{plural(r.people, 'person', 'people')}"
        )
        return f"{r.status:<10} {self.path}: {r.title!r} ({counts})"


@dataclass(frozen=True, slots=True)
class LoadReport:
    files: tuple[FileOutcome, ...]

    @property
    def failed(self) -> tuple[FileOutcome, ...]:
        return tuple(f for f in self.files if f.result is None)

    def counts(self) -> Counter[str]:
        """Files per status."""
        return Counter(f.status for f in self.files)

    def __str__(self) -> str:
        counts = self.counts()
        parts = ", ".join(
            f"{counts[s]} {s}" for s in ("added", "updated", "unchanged", "failed") if counts[s]
        )
        return f"{plural(len(self.files), 'file')}" + (f": {parts}" if parts else "")


def article_paths(paths: Iterable[Path | str]) -> list[Path]:
    """`paths` with each folder replaced by its *.txt and *.md files (not its subfolders),
    sorted by name; files are kept as given, whatever their name, and so are paths that do
    not exist (reading them reports the error)."""
    found: list[Path] = []
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            found += sorted(
                p
                for p in path.iterdir()
                if p.suffix.lower() in ARTICLE_SUFFIXES
                and p.is_file()
                and not p.name.startswith(".")
            )
        else:
            found.append(path)
    return found


def read_facts(path: Path) -> Facts:
    """Parse and extract one file (blocking: run it in a thread). Raises ArticleError."""
    return extract(parse_article(path))


async def ingest_paths(store: Store, paths: Iterable[Path | str]) -> LoadReport:
    """Ingest every article in `paths` (folders expanded by article_paths), each in its own
    transaction; a file that fails is reported and the others still load.

    Files are identified by their resolved absolute path, so the same file given as a
    relative or an absolute path is the same article. Parsing and extraction run off the event loop.
    """
    files = await asyncio.to_thread(article_paths, paths)
    outcomes: list[FileOutcome] = []
    for path in files:
        shown = str(path)
        try:
            absolute = await asyncio.to_thread(path.resolve)
            facts = await asyncio.to_thread(read_facts, absolute)
            result = await store.ingest(facts)
        except ArticleError as exc:  # its message names the file
            outcomes.append(FileOutcome(shown, error=str(exc)))
        except StoreError as exc:
            outcomes.append(FileOutcome(shown, error=f"{shown}: {exc}"))
        except Exception as exc:  # a bug in extraction must not stop the other files
            log.exception("could not load %s", shown)
            outcomes.append(FileOutcome(shown, error=f"{shown}: could not extract facts ({exc})"))
        else:
            outcomes.append(FileOutcome(shown, result=result))
    return LoadReport(tuple(outcomes))
