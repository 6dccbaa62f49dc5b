"""Score extraction against the annotated fixture corpus (tests/fixtures/articles).

Each article ``name.txt`` / ``name.md`` has a sidecar ``name.expected.json`` written by a
careful human reader: the dated events (matched on date and end) and the programmes
(matched on acronym or on name, ignoring case, "the", hyphens and programme/program).
Entries marked ``"optional": true`` are judgement calls: finding them is not a false
positive, missing them is not a false negative.

Run ``python -m tests.extract.scoring [tuning|heldout|heldout2|...|heldout9] [-v]`` for the
per-article table quoted in docs/extraction.md (``-v`` lists what was missed and what
was found in excess).
"""

from __future__ import annotations

import json
import re
import sys
from dataclasses import dataclass
from pathlib import Path

from bot.articles import parse_article
from bot.extract import extract
from bot.facts import Facts

CORPUS = Path(__file__).parents[1] / "fixtures" / "articles"
# Article sets in the order they were written (see docs/extraction.md, "Measured quality").
SETS = ("tuning", "heldout", *(f"heldout{n}" for n in range(2, 15)))


@dataclass(frozen=True, slots=True)
class Score:
    true_positives: int
    false_positives: int
    false_negatives: int
    missed: tuple[str, ...] = ()
    spurious: tuple[str, ...] = ()

    @property
    def precision(self) -> float:
        found = self.true_positives + self.false_positives
        return self.true_positives / found if found else 1.0

    @property
    def recall(self) -> float:
        wanted = self.true_positives + self.false_negatives
        return self.true_positives / wanted if wanted else 1.0

    def __add__(self, other: Score) -> Score:
        return Score(
            self.true_positives + other.true_positives,
            self.false_positives + other.false_positives,
            self.false_negatives + other.false_negatives,
            self.missed + other.missed,
            self.spurious + other.spurious,
        )


def articles() -> list[Path]:
    return sorted(p for p in CORPUS.iterdir() if p.suffix in (".txt", ".md"))


def expected_for(article: Path) -> dict:
    return json.loads(article.with_suffix(".expected.json").read_text(encoding="utf-8"))


def name_key(name: str | None) -> str:
    if not name:
        return ""
    s = name.lower().replace("’", "'").replace("–", "-")
    s = re.sub(r"^the\s+", "", s)
    s = re.sub(r"\bprogramme\b", "program", s)
    s = re.sub(r"\bcentre\b", "center", s)
    s = re.sub(r"[-\s]+", " ", s)
    return s.strip()


def score_events(facts: Facts, expected: dict) -> Score:
    wanted = [(e["date"], e["end"], bool(e.get("optional"))) for e in expected["events"]]
    got = [(e.date, e.end) for e in facts.events]
    tp = fp = 0
    spurious = []
    remaining = list(wanted)
    for key in got:
        match = next((w for w in remaining if (w[0], w[1]) == key and not w[2]), None)
        match = match or next((w for w in remaining if (w[0], w[1]) == key), None)
        if match is None:
            fp += 1
            spurious.append(f"{key[0]}..{key[1] or ''}")
            continue
        remaining.remove(match)
        if not match[2]:
            tp += 1
    missed = [f"{d}..{e or ''}" for d, e, optional in remaining if not optional]
    return Score(tp, fp, len(missed), tuple(missed), tuple(spurious))


def _programme_matches(got_acronym: str | None, got_name: str | None, want: dict) -> bool:
    """Same acronym, or the same name up to case, "the", hyphens and spelling; `aliases`
    lists other names the text itself uses for the body ("Vienna Convention")."""
    if got_acronym and want.get("acronym") and got_acronym == want["acronym"]:
        return True
    if not got_name:
        return False
    names = [want.get("name"), *want.get("aliases", ())]
    return name_key(got_name) in {name_key(n) for n in names if n}


def score_programmes(facts: Facts, expected: dict) -> Score:
    remaining = list(expected["programmes"])
    tp = fp = 0
    spurious = []
    for p in facts.programmes:
        match = next((w for w in remaining if _programme_matches(p.acronym, p.name, w)), None)
        if match is None:
            fp += 1
            spurious.append(p.key)
            continue
        remaining.remove(match)
        if not match.get("optional"):
            tp += 1
    missed = [w.get("acronym") or w["name"] for w in remaining if not w.get("optional")]
    return Score(tp, fp, len(missed), tuple(missed), tuple(spurious))


def score_corpus(subset: str | None = None) -> dict[str, tuple[Score, Score]]:
    """Per article: (events score, programmes score). `subset` keeps one set of articles:
    "tuning" (written first), or one of the later "heldout" sets (see the docs)."""
    out = {}
    for path in articles():
        if not path.with_suffix(".expected.json").exists():
            continue  # still being annotated (the corpus test requires every sidecar)
        article_set = expected_for(path).get("set", "tuning")
        if subset is not None and article_set != subset:
            continue
        facts = extract(parse_article(path))
        expected = expected_for(path)
        out[path.name] = (score_events(facts, expected), score_programmes(facts, expected))
    return out


def main() -> int:
    subset = next((a for a in sys.argv[1:] if a in SETS), None)
    results = score_corpus(subset)
    total_e = total_p = Score(0, 0, 0)
    print(f"{'article':44} {'events P':>9} {'R':>6} {'progs P':>9} {'R':>6}")
    for name, (ev, pr) in results.items():
        total_e, total_p = total_e + ev, total_p + pr
        print(
            f"{name:44} {ev.precision:9.2f} {ev.recall:6.2f} {pr.precision:9.2f} {pr.recall:6.2f}"
        )
    print(
        f"{'TOTAL':44} {total_e.precision:9.2f} {total_e.recall:6.2f} "
        f"{total_p.precision:9.2f} {total_p.recall:6.2f}"
    )
    if "-v" in sys.argv:
        for name, (ev, pr) in results.items():
            if ev.missed or ev.spurious or pr.missed or pr.spurious:
                print(f"\n{name}")
                print("  events missed:   ", ", ".join(ev.missed))
                print("  events spurious: ", ", ".join(ev.spurious))
                print("  progs missed:    ", ", ".join(pr.missed))
                print("  progs spurious:  ", ", ".join(pr.spurious))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
