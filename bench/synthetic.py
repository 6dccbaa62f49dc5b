"""Deterministic synthetic articles, with the dated events each one states.

``generate(n, seed)`` builds n articles of realistic size (roughly 350-900 words) from
varied templates: partnership histories, programme histories, company and sports notes.
Every template sentence knows which events it states (date and end, as Almanac writes
them), so a benchmark can measure recall; distractor sentences add plans, counts, codes,
times and durations that must not become events.

The same (n, seed) always gives the same articles. No I/O.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date, timedelta

Expected = tuple[str, str | None]  # (date, end) as in bot.facts.Event


def _words(text: str) -> tuple[str, ...]:
    return tuple(text.split())


_MONTHS = _words(
    "January February March April May June July August September October November December"
)
_COUNTRIES = _words(
    "Georgia Armenia Moldova Kazakhstan Mongolia Serbia Montenegro Finland Sweden Austria "
    "Ireland Malta Tunisia Jordan Colombia Chile Peru Ghana Kenya Vietnam"
)
_CITIES = _words("Brussels Vienna Geneva Tbilisi Astana Riga Tallinn Lisbon Oslo Nairobi")
_FIRST = _words("Anna Boris Carla David Elena Farid Greta Hugo Irina Jonas Katrin Luis Mira")
_LAST = _words("Petrov Lindqvist Haddad Moreau Novak Osei Varga Kowalski Brennan Tanaka")
_ROLES = ("Foreign Minister", "Defence Minister", "Secretary General", "Ambassador")
_PROGRAMMES = (
    ("Partnership for Peace", "PfP"),
    ("Individual Partnership Action Plan", "IPAP"),
    ("Planning and Review Process", "PARP"),
    ("Science for Peace and Security Programme", "SPS"),
    ("Defence Education Enhancement Programme", "DEEP"),
    ("Building Integrity Initiative", "BII"),
    ("Regional Maritime Security Initiative", "RMSI"),
    ("Joint Research Fund", "JRF"),
    ("Coastal Monitoring Network", "CMN"),
    ("Clean Water Programme", "CWP"),
)
_BODIES = (
    ("Cooperation Council", "CC"),
    ("Joint Training Centre", "JTC"),
    ("Regional Security Commission", "RSC"),
    ("Development Agency", "DA"),
    ("Standards Committee", "SC"),
)
# Undated sentences, built from parts so an article rarely repeats one.
_FILLER_SUBJECTS = (
    "The talks", "Officials from both sides", "Civil society groups", "Regional experts",
    "The defence ministry", "Opposition politicians", "Diplomats in the capital",
    "The parliamentary committee", "Business leaders", "Independent analysts",
    "Local journalists", "The foreign ministry",
)  # fmt: skip
_FILLER_PREDICATES = (
    "described the cooperation as constructive and forward-looking",
    "argued for closer ties and more transparency in public spending",
    "said that much of the work is technical, from shared standards to joint training",
    "noted that progress has been uneven and depends heavily on domestic politics",
    "stressed that cooperation is not directed against any third country",
    "pointed to practical projects rather than slogans as the real measure of success",
    "called for more attention to energy security and critical infrastructure",
    "warned that reforms of the armed forces will take a generation to complete",
    "welcomed the growing number of exchanges between universities and research institutes",
    "asked for clearer reporting on how the money is spent and what it achieves",
)  # fmt: skip


@dataclass(frozen=True, slots=True)
class SyntheticArticle:
    text: str
    published_on: date
    expected: tuple[Expected, ...]  # the dated events a careful reader would list


def generate(n: int, seed: int = 7) -> list[SyntheticArticle]:
    """n deterministic articles; the same (n, seed) always gives the same list."""
    rng = random.Random(seed)
    return [_article(rng, i) for i in range(n)]


def _article(rng: random.Random, index: int) -> SyntheticArticle:
    published = date(2015, 1, 1) + timedelta(days=rng.randrange(0, 3650))
    country = rng.choice(_COUNTRIES)
    author = f"{rng.choice(_FIRST)} {rng.choice(_LAST)}"
    programmes = rng.sample(_PROGRAMMES, 5)
    body = rng.choice(_BODIES)
    writer = _Writer(rng, published, country, programmes, body)
    paragraphs: list[str] = []
    expected: list[Expected] = []
    for _ in range(rng.randint(10, 18)):
        sentences: list[str] = []
        for _ in range(rng.randint(2, 4)):
            text, events = writer.sentence()
            sentences.append(text)
            expected.extend(events)
        paragraphs.append(" ".join(sentences))
    title = f"{country} and its partners: notes on cooperation ({index + 1})"
    header = f"date {published.isoformat()} By {author}\ntitle: {title}\n"
    return SyntheticArticle(
        header + "\n" + "\n\n".join(paragraphs) + "\n", published, tuple(expected)
    )


class _Writer:
    """Picks sentence templates; each returns its text and the events it states."""

    def __init__(
        self,
        rng: random.Random,
        published: date,
        country: str,
        programmes: list[tuple[str, str]],
        body: tuple[str, str],
    ) -> None:
        self.rng = rng
        self.published = published
        self.country = country
        self.programmes = programmes
        self.body = body
        self.defined: set[str] = set()
        self.texts: set[str] = set()
        self.used: set[tuple[str, Expected]] = set()
        self.dated = [
            self._joined, self._signed_on_day, self._established_month, self._from_to,
            self._between, self._since, self._resolved_day, self._two_events, self._year_list,
            self._short_range, self._parenthesis, self._decade, self._following_year,
        ]  # fmt: skip
        self.distractors = [self._plan, self._expected, self._counts, self._duration, self._clock]

    def sentence(self) -> tuple[str, list[Expected]]:
        """A template sentence. A template never states the same date twice in an article:
        the same clause with the same date is one event, however often it is repeated."""
        for _ in range(20):
            roll = self.rng.random()
            # Roughly a third of a news article's sentences carry a date.
            if roll < 0.35:
                template = self.rng.choice(self.dated)
            elif roll < 0.5:
                template = self.rng.choice(self.distractors)
            else:
                template = self._filler
            text, events = template()
            keys = {(template.__name__, e) for e in events}
            if text not in self.texts and not keys & self.used:
                self.texts.add(text)
                self.used |= keys
                return text, events
        return self._filler()

    # helpers -----------------------------------------------------------------------
    def _year(self, lo: int = 1991, hi: int | None = None) -> int:
        return self.rng.randint(lo, hi if hi is not None else self.published.year - 1)

    def _programme(self) -> str:
        name, acronym = self.rng.choice(self.programmes)
        if acronym in self.defined:
            return f"the {acronym}"
        self.defined.add(acronym)
        return f"the {name} ({acronym})"

    def _person(self) -> str:
        return f"{self.rng.choice(_ROLES)} {self.rng.choice(_FIRST)} {self.rng.choice(_LAST)}"

    # templates that state events ----------------------------------------------------
    def _joined(self) -> tuple[str, list[Expected]]:
        year = self._year()
        return f"In {year}, {self.country} joined {self._programme()}.", [(str(year), None)]

    def _signed_on_day(self) -> tuple[str, list[Expected]]:
        year, month, day = self._year(), self.rng.randint(1, 12), self.rng.randint(1, 28)
        style = self.rng.randrange(3)
        when = (
            f"{day} {_MONTHS[month - 1]} {year}",
            f"{_MONTHS[month - 1]} {day}, {year}",
            f"{year}-{month:02d}-{day:02d}",
        )[style]
        text = f"{self.country} signed a cooperation agreement with the alliance on {when}."
        return text, [(f"{year}-{month:02d}-{day:02d}", None)]

    def _established_month(self) -> tuple[str, list[Expected]]:
        year, month = self._year(), self.rng.randint(1, 12)
        name, acronym = self.body
        text = (
            f"The {name} ({acronym}) was established in {_MONTHS[month - 1]} {year} to "
            "oversee the work."
        )
        return text, [(f"{year}-{month:02d}", None)]

    def _from_to(self) -> tuple[str, list[Expected]]:
        start = self._year(1991, self.published.year - 3)
        end = self.rng.randint(start + 1, self.published.year - 1)
        text = f"{self.country} took part in {self._programme()} from {start} to {end}."
        return text, [(str(start), str(end))]

    def _between(self) -> tuple[str, list[Expected]]:
        start = self._year(1991, self.published.year - 3)
        end = self.rng.randint(start + 1, self.published.year - 1)
        text = (
            f"Between {start} and {end}, {self.country} contributed troops to the "
            "International Security Assistance Force (ISAF)."
        )
        return text, [(str(start), str(end))]

    def _since(self) -> tuple[str, list[Expected]]:
        year = self._year()
        return f"Since {year}, {self.country} has taken part in {self._programme()}.", [
            (str(year), None)
        ]

    def _resolved_day(self) -> tuple[str, list[Expected]]:
        back = self.published - timedelta(days=self.rng.randint(1, 20))
        text = (
            f"On {_MONTHS[back.month - 1]} {back.day}, {self._person()} met officials in "
            f"{self.rng.choice(_CITIES)}."
        )
        return text, [(back.isoformat(), None)]

    def _two_events(self) -> tuple[str, list[Expected]]:
        first = self._year(1991, self.published.year - 3)
        second = self.rng.randint(first + 1, self.published.year - 1)
        text = (
            f"{self.country} opened a liaison office in {first} and the office moved to "
            f"{self.rng.choice(_CITIES)} in {second}."
        )
        return text, [(str(first), None), (str(second), None)]

    def _year_list(self) -> tuple[str, list[Expected]]:
        years = sorted(self.rng.sample(range(1992, self.published.year), 3))
        text = f"Joint exercises were held in {years[0]}, {years[1]} and {years[2]}."
        return text, [(str(y), None) for y in years]

    def _short_range(self) -> tuple[str, list[Expected]]:
        start = self._year(2000, self.published.year - 3)
        end = self.rng.randint(start + 1, min(start + 9, self.published.year - 1))
        text = f"A border monitoring mission operated in {start}–{end % 100:02d}."
        return text, [(str(start), str(end))]

    def _parenthesis(self) -> tuple[str, list[Expected]]:
        signed = self._year(1991, self.published.year - 2)
        force = self.rng.randint(signed + 1, self.published.year - 1)
        text = f"The framework treaty (signed {signed}) entered into force in {force}."
        return text, [(str(signed), None), (str(force), None)]

    def _decade(self) -> tuple[str, list[Expected]]:
        decade = self.rng.choice((1990, 2000))
        text = f"In the {decade}s, the {self.body[0]} expanded its work to the whole region."
        return text, [(str(decade), str(decade + 9))]

    def _following_year(self) -> tuple[str, list[Expected]]:
        year = self._year(1991, self.published.year - 2)
        text = (
            f"The first joint report appeared in {year}, and a second edition followed the "
            "following year."
        )
        return text, [(str(year), None), (str(year + 1), None)]

    # distractors: no events ------------------------------------------------------------
    def _plan(self) -> tuple[str, list[Expected]]:
        year = self.published.year + self.rng.randint(1, 8)
        return f"{self.country} plans to join {self._programme()} by {year}.", []

    def _expected(self) -> tuple[str, list[Expected]]:
        year = self.published.year + self.rng.randint(1, 5)
        text = f"The new training centre is expected to reach full capability in {year}."
        return text, []

    def _counts(self) -> tuple[str, list[Expected]]:
        troops = self.rng.randint(1000, 2100)
        text = (
            f"Some {troops:,} troops and {self.rng.randint(12, 95)} aircraft took part, "
            f"under Resolution {self.rng.randint(1000, 2100)}."
        )
        return text, []

    def _duration(self) -> tuple[str, list[Expected]]:
        years = self.rng.randint(2, 20)
        return f"The plan is agreed for a {years}-year period and reviewed every year.", []

    def _clock(self) -> tuple[str, list[Expected]]:
        hour, minute = self.rng.randint(8, 22), self.rng.choice((0, 15, 30, 45))
        share = self.rng.randint(5, 60)
        text = f"Voting closed at {hour}:{minute:02d}, and turnout rose by {share} percent."
        return text, []

    def _filler(self) -> tuple[str, list[Expected]]:
        subject = self.rng.choice(_FILLER_SUBJECTS)
        return f"{subject} {self.rng.choice(_FILLER_PREDICATES)}.", []
