"""Facts built by hand for store tests: the store is tested without the extractor."""

from __future__ import annotations

import hashlib
from datetime import date

from bot.facts import Article, Block, Event, Facts, Person, Programme
from bot.store import Store

PFP = Programme("PfP", "Partnership for Peace", "A NATO programme for bilateral cooperation.")
PARP = Programme(
    "PARP", "PfP Planning and Review Process", "Plans forces with partners.", part_of="PfP"
)
NACC = Programme(
    "NACC", "North Atlantic Cooperation Council", "A consultative forum.", succeeded_by="EAPC"
)
EAPC = Programme("EAPC", "Euro-Atlantic Partnership Council", "The forum after the NACC.")
ISAF = Programme("ISAF", "International Security Assistance Force", "The mission in Afghanistan.")


def article(
    title: str = "Azerbaijan is a reliable partner of NATO",
    *,
    text: str | None = None,
    path: str | None = "/seeds/azerbaijan.txt",
    published_on: date | None = date(2018, 11, 29),
    source: str | None = "Azernews",
    author: str | None = "Abdul Kerimkhanov",
) -> Article:
    """An article whose sha256 is that of `text` (default: the title), like a real file's."""
    body = text if text is not None else title
    return Article(
        title=title,
        published_on=published_on,
        author=author,
        source=source,
        blocks=(Block("paragraph", body),),
        sha256=hashlib.sha256(body.encode()).hexdigest(),
        path=path,
    )


def event(
    when: str,
    summary: str,
    *programmes: str,
    end: str | None = None,
    sentence: str | None = None,
    open_ended: bool = False,
) -> Event:
    """An event with the precision its date is written in."""
    precision = {4: "year", 7: "month", 10: "day"}[len(when)]
    sentence = sentence or f"{summary}."
    return Event(when, end, precision, summary, sentence, tuple(programmes), open_ended)


def facts(
    *events: Event,
    programmes: tuple[Programme, ...] = (),
    people: tuple[Person, ...] = (),
    **article_fields: object,
) -> Facts:
    return Facts(
        article=article(**article_fields),  # type: ignore[arg-type]
        events=events,
        programmes=programmes,
        people=people,
    )


def seed_facts(**article_fields: object) -> Facts:
    """The seed article's main facts, as the extractor would give them."""
    return facts(
        event("1992-03", "Azerbaijan joined the North Atlantic Cooperation Council", "NACC"),
        event("1994", "Azerbaijan joined the Partnership for Peace programme", "PfP"),
        event("1997", "Azerbaijan began taking part in PARP", "PARP", "PfP", open_ended=True),
        event("1997", "The NACC was succeeded by the EAPC", "NACC", "EAPC"),
        event("2002", "Azerbaijan supported ISAF in Afghanistan", "ISAF", end="2014"),
        event("2018-11-29", "Stoltenberg called Azerbaijan a reliable partner"),
        programmes=(PFP, PARP, NACC, EAPC, ISAF),
        people=(Person("Jens Stoltenberg", "NATO Secretary General"), Person("Gaya Mammadov")),
        **article_fields,
    )


async def dump(store: Store) -> list[str]:
    """Every row of every table (the search index's included), to compare a store before and
    after something."""
    return [line async for line in store.conn.iterdump()]
