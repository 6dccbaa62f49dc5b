"""Named programmes, plans, missions, councils, funds, agreements and similar bodies.

Two ways in:

1. an acronym definition ("Partnership for Peace (PfP)", see :mod:`bot.extract.acronyms`)
   whose name is a proper name (its content words capitalised) and not a person's role, a
   place, a disease or a meeting. A definition inside a longer name ("Afghan National Army
   (ANA) Trust Fund") names the longer body; the inner acronym is a programme only if the
   text later uses it on its own, unless it names a body ("World Health Organization
   (WHO) Global Strategy ..." gives WHO and the WHO Global Strategy, part of it). A name
   that starts with another defined acronym ("PfP Planning and Review Process (PARP)")
   keeps it and is *part of* that programme;
2. a capitalised name ending in a head noun that marks a body or a scheme (Programme,
   Mission, Council, Fund, Force, Centre, Agreement, Initiative, ...): "International
   Anti-Terrorism Training Centre"; a capitalised name followed by a lowercase "programme",
   "project" or "initiative" ("the Apollo program"), or before "plan" ("the Vision Zero
   plan"); names in apposition to or listed after a word for a scheme ("CervixCheck, the
   national screening programme", "programmes ..., alongside BreastCheck and
   BowelScreen"); and "Operation X" / "Project X".

Not programmes: lowercase phrases ("reform plans"), government bodies (ministries,
departments, embassies), diplomatic missions ("Azerbaijan's Mission to NATO", "Permanent
Mission of ..."), summits, meetings, declarations and newspapers (their head nouns are not
in the list). Mentions of one body in several forms ("NATO-led Resolute Support Mission",
"the follow-on Resolute Support Mission (RSM)", "the RSM") merge into one programme.

Relations: "X was transformed into / replaced by / succeeded by / renamed / merged into Y",
"Y replaced / succeeded X", "Y, the successor to X", "its successor, Y", "its
predecessor, X", "turned X into Y"
and "the follow-on Y" (after X) set ``X.succeeded_by`` (also across an inserted phrase, or
with "it", "the process" or "that programme" for X); "X, part of Y", "X under / within the
Y", "Y's X" and a name starting with Y's acronym or one-word name set ``X.part_of``
(docs/extraction.md lists every form).

Derived acronyms: a body named without an acronym gets its initials as acronym when the
text uses those initials on their own, or when it is the successor, predecessor or parent
of a programme that has an acronym and its name gives at least three initials
("Euro-Atlantic Partnership Council", successor of the NACC -> EAPC).
"""

from __future__ import annotations

import itertools
import re
from bisect import bisect_right
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from typing import NamedTuple

from bot.extract.acronyms import Definition, find_definitions, initials, is_acronym
from bot.extract.acronyms import matches as _acronym_matches
from bot.extract.joined import Joined
from bot.extract.phrases import find_phrases
from bot.extract.vocabulary import PURPOSE_VERBS, whole_words, words
from bot.facts import Programme

HEADS = words(
    """
    Programme Program Programmes Plan Process Mission Missions Council Fund Force Forces
    Centre Center Partnership Agreement Initiative Operation Agency Commission Organisation
    Organization Alliance Committee Board Institute Foundation Bank Union Treaty Pact Accord
    Accords Project Scheme Strategy Framework Network Facility Corps Authority Association
    Federation League Consortium Forum Observatory Laboratory Campaign Coalition
    Convention Protocol Compact Platform Assembly Secretariat Directorate Bureau Dialogue
    Charter Mechanism Instrument Taskforce Service Services Group Trust Tribunal Court
    Conference Cooperation Co-operation Fellowship Prize Award Games Community
    Commonwealth Act Panel Office Administration Accelerator Commitment Policy Battlegroup
    Package
    Grant Grants Incentive Guarantee Obligation Allowance Discount Rebate Subsidy Voucher
    Bursary Scholarship Loan Payment Benefit Credit Pension
    Amendment Statute Directive Regulation
    Chambers Area Zone
    Capital
    """
)
# (The second group: support schemes, "Energy Company Obligation", "Warm Home Discount",
# "Working Family Payment"; the third: legal instruments, "Kigali Amendment", "Rome
# Statute".)
# Titles a body awards to a city each year ("European Capital of Culture", "World Book
# Capital"): they count only as a demonym's or the world's title, not "Bain Capital" or
# "the Capital of Scotland".
_TITLE_HEADS = words("Capital")
# Heads that only count when the text gives the name an acronym (too often generic).
_ACRONYM_ONLY_HEADS = words(
    """
    Group Court Conference Cooperation Co-operation Prize Award Games Service Panel
    Services Trust Area Zone
    """
)
# Heads that are also people's names ("Hugh Grant", "John Chambers"): without an acronym,
# a name needs three words with them ("Home Upgrade Grant").
_NAME_LIKE_HEADS = words("Grant Chambers Policy Package")
# ("Policy" for another reason: "Foreign Policy" is a journal, "European Neighbourhood
# Policy" a programme; and "Package": "the Software Package", but "Black Sea Security
# Package".)
# "NATO Liaison Office", "a Military Liaison Office": offices of a programme or body, not
# ministries ("the Foreign Office").
_OFFICE_KINDS = words("Liaison Information Coordination Project Programme Field Regional Country")
# A role right before a head makes it a person's name: "Energy Security Secretary Grant".
_ROLES = words(
    """
    Secretary Minister President Chancellor Director Chairman Chairwoman Commissioner
    Ambassador Governor Mayor Senator Spokesman Spokeswoman Minister Premier Judge
    """
)
# Never programmes, whatever the text does: roles, places, diseases, events, documents.
_REJECT_HEADS = words(
    """
    Officer Director President Minister Secretary Chairman Chairwoman Chair Commander General
    Ambassador Chief Executive Manager Representative Envoy Spokesman Spokeswoman Republic
    Kingdom States Emirates Islands Island Territory Territories Province Region District
    County City Peninsula Sea Ocean River Mountains Valley Strait Gulf Bay Syndrome Disease
    Virus Fever Infection Disorder Summit Meeting Declaration Statement Communique Times Post
    Journal Gazette Herald Tribune News Daily Review Ministry Department Embassy Consulate
    Government Cabinet Senate Congress Army Navy Police Party Parliament Document Report
    Paper Memorandum Letter Staff
    """
)
# States whose names end like an organisation's ("Soviet Union").
# With an acronym these name standards and products, not bodies or schemes.
_TECHNICAL_HEADS = words(
    """
    Access Standard Format Language Interface Encryption Algorithm Chip Processor Device
    Technology Software Hardware Display Vaccine Product Index Rate System Engine Drive Port
    Bus Code Syndrome
    """
)
# "Israel Defense Forces", "Japan Self-Defense Forces" (not "Combined Maritime Forces").
_NATIONAL_FORCES = words("Defence Defense Self-Defence Self-Defense")
_STATES = frozenset({"Soviet Union", "United Kingdom", "United States", "Russian Federation"})
# "the Apollo program", "the Healthy Goals initiative". Not "project": "the Dresden project"
# is more often a place and a common noun than a name.
_GENERIC_LOWER = ("programme", "program", "initiative", "scheme", "grant")
_GENERIC_WORDS = frozenset(_GENERIC_LOWER)
# "the ASEAN Plus Three framework", "the Khaan Quest exercise", "the civilian EUCAP Sahel
# Mali mission", "the NDICI-Global Europe instrument": words that say what a name of two
# words or more stands for without being part of it.
_DESCRIPTIVE_LOWER = ("framework", "exercise", "mission", "instrument", "plan", "battlegroup")
_PREFIX_HEADS = ("Operation", "Project")
# (Not "Khaan", "Strategic", "Olympic": "-an" after a consonant, "-ian" or "-ean", and only
# geographic words in "-ic".)
_DEMONYM = re.compile(
    r"^(?:[A-Z][a-z]*(?:[^aeiou\W]an|ian|ean|ese|ish)|(?:Ant)?[Aa]rctic|Atlantic|Pacific|"
    r"Baltic|Nordic|Celtic|Hellenic|Slavic|Arabic|Adriatic|Icelandic|Soviet|French|Dutch|Swiss|Thai|Greek|Afghan|"
    r"Iraqi|Israeli|Pakistani|Azerbaijani|Saudi|Kuwaiti|Qatari|Yemeni|Somali|Nepali|"
    r"Bangladeshi|Emirati|Bahraini|Omani|Kazakh|Uzbek|Tajik|Turkmen|Kyrgyz|Czech|Slovak|"
    r"Welsh|Irish|Scottish|British|English|Finnish|Danish|Swedish|Polish|Turkish|National|"
    r"International|Global|Regional|Federal|State)$"
)
_GOVERNMENT_START = re.compile(r"^(?:Ministry|Department|Embassy|Consulate)\b")

# Letters with the accents of Latin-script languages count as letters: "Brasil Sem
# Miséria", "Cadastro Único" (else a name breaks inside "Mis|éria").
_UP = "A-ZÀ-ÖØ-Þ"
_LOW = "a-zß-öø-ÿ"
# ("EU4Moldova": capitals, a digit and a word.)
_CAP = (
    rf"(?:[{_UP}][{_LOW}’']+\+?|[A-Z]{{2,}}\d[A-Z][a-z]+|[A-Z]{{2,}}[a-z]?"
    rf"|[A-Z][a-z]*[A-Z][A-Za-z]*|[{_UP}])"
    rf"(?![{_UP}{_LOW}])"
)
# Hyphens join the parts of one word ("Euro-Atlantic"); an en dash separates two names
# ("Armenia–European Union relations").
_CAPWORD = rf"{_CAP}(?:-{_CAP})*"
# ("that": "Montreal Protocol on Substances that Deplete the Ozone Layer".)
_CONNECT = r"(?:of|for|and|on|in|the|a|de|du|to|that|&)"
# The first word is _CAP with its capital taken first (and the look-behind after it), so
# that the engine can skip quickly from capital to capital.
_FIRST_CAP = (
    rf"[{_UP}](?<![\w’'-].)(?:[{_LOW}’']+\+?|[A-Z]+\d[A-Z][a-z]+|[A-Z]+[a-z]?"
    rf"|[a-z]*[A-Z][A-Za-z]*|)"
    rf"(?![{_UP}{_LOW}])"
)
# A later word may end in a lowercase part after a hyphen ("Centres for Research-based
# Innovation"); the first may not ("the NATO-led International Security Assistance Force").
_LATER_CAPWORD = rf"{_CAP}(?:-(?:{_CAP}|[a-z]+(?![\w-])))*"
_NAME_RUN = re.compile(
    rf"{_FIRST_CAP}(?:-{_CAP})*"
    rf"(?:\s+(?:{_CONNECT}\s+){{0,2}}(?:{_LATER_CAPWORD}|\d{{1,4}}(?![\w–-]))){{0,9}}"
)
_WORD = re.compile(r"[^\s]+")
_SIGNIFICANT_INITIALS = 3


@dataclass(slots=True)
class _Draft:
    """A programme while the article is being read."""

    acronym: str | None
    name: str | None
    order: int
    defined_in: int | None = None  # sentence index of its definition
    variants: set[str] = field(default_factory=set)  # surface forms to look for
    part_of: str | None = None
    succeeded_by: str | None = None
    inner: bool = False  # an acronym seen only inside a longer name ("ANA")

    @property
    def key(self) -> str:
        return self.acronym or self.name or ""


class Mention(NamedTuple):
    """Where a sentence names a programme."""

    start: int
    end: int
    key: str


@dataclass(frozen=True, slots=True)
class ProgrammeScan:
    programmes: tuple[Programme, ...]
    mentions: tuple[tuple[Mention, ...], ...]  # per sentence, in reading order


_SPELLINGS = {"programme": "program", "centre": "center", "organisation": "organization",
              "defence": "defense"}  # fmt: skip


@lru_cache(maxsize=4096)
def normalise(name: str) -> str:
    """The form under which mentions of one body merge: lowercase, no "the", one spelling."""
    parts = name.lower().replace("’", "'").replace("–", " ").replace("-", " ").split()
    if parts and parts[0] == "the":
        parts = parts[1:]
    parts = [_SPELLINGS.get(p, p) for p in parts]
    s = " ".join(parts)
    if len(parts) > 2 and parts[-1] in ("program", "process", "initiative", "project"):
        s = " ".join(parts[:-1])
    return s


def find_programmes(
    sentences: Sequence[str], prose: Sequence[bool] | None = None, joined: Joined | None = None
) -> ProgrammeScan:
    """The programmes named across `sentences` (one article, in reading order), with where
    each sentence mentions them. Names without an acronym are only looked for where
    `prose` is true (default: everywhere), so link lists and labels add nothing but
    acronym definitions. `joined`, when given, holds the same sentences. Pure; never
    raises on odd text."""
    joined = joined or Joined(sentences)
    definitions = [find_definitions(s) for s in sentences]
    defined = {d.acronym for defs in definitions for d in defs}
    # The head noun of each defined name: "the SPS Programme" is the Science for Peace and
    # Security Programme (SPS) itself, not a part of it.
    own_heads: dict[str, str] = {}
    for sentence, defs in zip(sentences, definitions, strict=True):
        for d in defs:
            tail = _composite_tail(sentence, d.paren_end)
            # "the Science for Peace and Security (SPS) Programme": one head noun after the
            # brackets is the head of the acronym's own name ("the SPS Programme" later).
            head = tail[0] if tail and " " not in tail[0] else d.name.split()[-1]
            own_heads[d.acronym] = normalise(head)
    drafts: list[_Draft] = []
    by_acronym: dict[str, _Draft] = {}
    by_name: dict[str, _Draft] = {}

    def lookup(acronym: str | None, name: str | None, loose: bool = False) -> _Draft | None:
        if acronym and acronym in by_acronym:
            return by_acronym[acronym]
        if name and normalise(name) in by_name:
            return by_name[normalise(name)]
        if loose and name:
            # "the Cooperation Council" after "the EU-Kazakhstan Cooperation Council".
            key = normalise(name)
            dated = _same_but_years(key, by_name)
            if dated is not None:
                # "the Women's Football Strategy" and its "... Strategy 2014–2020".
                if dated.defined_in is None and len(name) > len(dated.name or ""):
                    dated.name = name
                return dated
            short = _short_title_of(name, key, by_name)
            if short is not None:
                return short  # "the CHIPS Act" for the "CHIPS and Science Act"
            for known, draft in by_name.items():
                if len(key.split()) >= 2 and (
                    _ends_with_name(known, key) or _head_form_of(key, known)
                ):
                    # "the Cooperation Council", "the Multilateral Fund" (for the ...)
                    return draft
                if len(known.split()) >= 2 and (
                    _ends_with_name(key, known) or _head_form_of(known, key)
                ):
                    if draft.defined_in is None:
                        draft.name = name
                    return draft
        return None

    def add(
        acronym: str | None, name: str | None, index: int, defining: bool, loose: bool = True
    ) -> _Draft:
        known = by_acronym.get(acronym or "")
        if (
            defining
            and known
            and known.defined_in is not None
            and known.name
            and name
            and normalise(known.name) != normalise(name)
        ):
            # "NUC" first for the Commission, later for the Council that replaced it: the
            # second body is known by its name, so keys stay unique.
            acronym = None
        draft = lookup(acronym, name, loose=loose and not defining)
        longer = None
        if draft is None and defining and acronym and name:
            # "the PfP Planning and Review Process" named earlier, then "the Planning and
            # Review Process (PARP)": the definition names the same body.
            longer = _named_before_with_prefix(name, by_name)
            draft = longer
            if draft is None:
                # "the Resolute Support Mission in Afghanistan", then "the Resolute Support
                # Mission (RSM)": the definition names the same body, by its head form.
                draft = _named_before_with_complement(name, by_name)
                if draft is not None:
                    draft.name = name
        if draft is None:
            draft = _Draft(acronym, name, len(drafts))
            drafts.append(draft)
        if acronym and not draft.acronym:
            draft.acronym = acronym
        if longer is not None and draft.name:
            prefix = draft.name.split()[0]
            if prefix in defined and is_acronym(prefix) and not draft.part_of:
                draft.part_of = prefix
        elif name and (not draft.name or (defining and draft.defined_in is None)):
            draft.name = name
        if defining and draft.defined_in is None:
            draft.defined_in = index
        if acronym:
            by_acronym.setdefault(acronym, draft)
            draft.variants.add(acronym)
        if name:
            by_name.setdefault(normalise(name), draft)
            draft.variants.add(name)
        return draft

    claimed: list[list[tuple[int, int]]] = [[] for _ in sentences]
    # Where sentences hold a head noun or prefix head ("Operation"), and which sentences
    # hold a "programme"-like word: only there can a name without an acronym be.
    heads: dict[int, list[int]] = {}
    for index, base, match in joined.matches(_TRIGGER_WORD):
        heads.setdefault(index, []).append(match.start() - base)
    generic_in: set[int] = set()
    for generic in (*_GENERIC_LOWER, *_DESCRIPTIVE_LOWER):
        holding = joined.holding(generic, _LETTERS_AND_PLUS)
        if generic in _CODED_KINDS:
            # (A name before "mission" needs a code in capitals: only such sentences.)
            holding = {i for i in holding if _TWO_CAPITALS.search(sentences[i])}
        generic_in |= holding
    # "the ATP Tour": a defined acronym and one more capitalised word (found in one pass).
    sub_names = _acronyms_then_nouns(joined, defined) if defined else {}
    # Names after a word for a scheme: "its frequent-flyer scheme, AuroraMiles,".
    after_scheme = _names_after_scheme_words(joined)
    for index, items in _coded_names_in_succession(joined).items():
        after_scheme.setdefault(index, []).extend(items)
    for index, items in _capitals_said_created(joined, defined).items():
        after_scheme.setdefault(index, []).extend(items)
    for index, items in _plus_names(joined).items():
        after_scheme.setdefault(index, []).extend(items)
    for index, items in _names_listed_after_schemes(joined).items():
        after_scheme.setdefault(index, []).extend(items)
    capitals = _names_in_capitals(joined, generic_in, defined) if generic_in else frozenset()
    for index, sentence in enumerate(sentences):
        for d in definitions[index]:
            name, parent, name_start = _extend_with_parent(sentence, d, defined)
            tail = _composite_tail(sentence, d.paren_end)
            if tail and name.split()[-1] in _BODY_HEADS and _acceptable(name, with_acronym=True):
                # "the World Health Organization (WHO) Global Strategy to Accelerate ...": a
                # body's definition, then a programme of that body named after it.
                add(d.acronym, name, index, defining=True)
                end = tail[1]
                to = _TO_COMPLEMENT.match(sentence, end)
                if to:
                    end = to.end()  # "Global Strategy to Accelerate the Elimination of ..."
                if _acceptable(tail[0], with_acronym=False):
                    # The name keeps the acronym, as "PfP Planning and Review Process" does.
                    own = f"{d.acronym} {sentence[d.paren_end : end].strip()}"
                    child = add(None, own, index, defining=False)
                    child.variants.add(own[len(d.acronym) + 1 :])  # as the text has it
                    if not child.part_of:
                        child.part_of = d.acronym
                claimed[index].append((d.start, end))
                continue
            if tail and " " not in tail[0] and _acceptable(f"{name} {tail[0]}", with_acronym=True):
                # "the Heavily Indebted Poor Countries (HIPC) Initiative": one head noun after
                # the brackets; the acronym is the whole body's ("the HIPC Initiative").
                draft = add(d.acronym, f"{name} {tail[0]}", index, defining=True)
                draft.variants.add(sentence[name_start : tail[1]])
                claimed[index].append((d.start, tail[1]))
                continue
            if tail:
                # "Afghan National Army (ANA) Trust Fund": the body is the whole name.
                full = f"{name} {tail[0]}"
                if _acceptable(full, with_acronym=False):
                    whole = add(None, full, index, defining=True)
                    # From the acronym it is part of, if any ("NATO Operational ... (OCC)
                    # Evaluation and Feedback Programme"), so that no shorter name wins there.
                    whole.variants.add(sentence[name_start : tail[1]])
                    if _acceptable(name, with_acronym=True):
                        inner = lookup(d.acronym, None) or add(d.acronym, name, index, True)
                        inner.inner = inner.defined_in == index and not inner.part_of
                claimed[index].append((d.start, tail[1]))
                continue
            if not _acceptable(name, with_acronym=True):
                claimed[index].append((d.start, d.end))
                continue
            owner = None if parent else _one_word_owner(name, by_name)
            draft = add(d.acronym, name, index, defining=True)
            draft.variants.add(sentence[d.start : d.end])  # "Name (ACR)" as one mention
            if parent and parent != d.acronym and not draft.part_of:
                draft.part_of = parent
            elif owner is not None and owner is not draft and not draft.part_of:
                draft.part_of = owner.key  # "the Copernicus Atmosphere Monitoring Service"
            claimed[index].append((d.start, d.end))
        if prose is not None and not prose[index]:
            continue
        if index in sub_names or index in after_scheme or _holds_done_head(sentence):
            for start, end, name, parent in _named_in_passing(
                sentence,
                sub_names.get(index, ()),
                own_heads,
                claimed[index],
                after_scheme.get(index, ()),
            ):
                draft = add(None, name, index, defining=False)
                if parent and not draft.part_of:
                    draft.part_of = parent
                claimed[index].append((start, end))
        if index not in heads and index not in generic_in:
            continue
        candidates = _name_candidates(
            sentence, claimed[index], heads.get(index, []), capitals, by_name
        )
        for start, end, name in candidates:
            if (
                _governments_name(name, joined.text)
                or _firm_before_plan(name, sentence, end, joined.text)
                or _STAGE_OF.search(sentence, max(0, start - 40), start)
            ):
                continue
            purpose = _PURPOSE.match(sentence, end) if _is_head(name.split()[-1]) else None
            if purpose and purpose.group(1) in PURPOSE_VERBS:
                # "the Global Coalition to Defeat ISIS": the purpose is part of the name
                end = purpose.end()
                name = sentence[start:end]
            parts = name.split()
            if len(parts) == 2 and own_heads.get(parts[0]) == normalise(parts[1]):
                continue  # "The SPS Programme": the programme itself
            same = _named_with_its_kind(name, by_name, joined.text)
            if same is None and " " in name:
                # "the ANA Trust Fund" after "Afghan National Army Trust Fund (ANA Trust
                # Fund)": a short form defined in brackets, not a programme of its own.
                same = by_acronym.get(name)
            if same is not None:
                # "the CervixCheck Screening Programme" after "CervixCheck, the national
                # cervical screening programme": the programme itself.
                same.variants.add(name)
                claimed[index].append((start, end))
                continue
            # "The Banking Act of 1933" after the "Emergency Banking Act": the year makes it
            # a law of its own, not a short form of the longer name.
            draft = add(None, name, index, defining=False, loose=not _OF_YEAR.match(sentence, end))
            known_as = _KNOWN_AS.match(sentence, end)
            if known_as and not draft.acronym and known_as.group(1) not in by_acronym:
                # "the Partnership for Peace Training Centre in Almaty, known as KAZCENT,"
                draft.acronym = known_as.group(1)
                by_acronym[draft.acronym] = draft
                draft.variants.add(draft.acronym)
            owner = _one_word_owner(name, by_name) or _acronym_owner(name, by_acronym)
            if owner is not None and owner is not draft and not draft.part_of:
                draft.part_of = owner.key  # "the Copernicus Marine Service"
            claimed[index].append((start, end))

    for draft in drafts:
        # "Operation Serval ... Serval was replaced by Operation Barkhane": the code name
        # alone is a mention.
        if draft.name and draft.name.startswith("Operation ") and len(draft.name) > 13:
            draft.variants.add(draft.name[len("Operation ") :])
    mentions = _find_mentions(sentences, drafts, joined)
    _promote_inner(drafts, mentions)
    live = [d for d in drafts if not d.inner]
    if _add_title_case_acronyms(live, joined.text):
        mentions = _find_mentions(sentences, live, joined)
    if _merge_other_names(sentences, mentions, live):
        live = [d for d in live if not d.inner]
        mentions = _find_mentions(sentences, live, joined)
    _relations(sentences, mentions, {d.key: d for d in live})
    renamed, rescan = _derive_acronyms(live, joined)
    if rescan:
        mentions = _find_mentions(sentences, live, joined)
        # "The IPCP, renewed in 2018, ... The new ITPP replaces it.": relations that a
        # derived acronym's mentions show.
        _relations(sentences, mentions, {d.key: d for d in live})
        # ... and the successors those relations give initials to ("The IPAP was updated
        # ..., and was replaced by an Individual Partnership and Cooperation Programme").
        more, again = _derive_acronyms(live, joined)
        if more or again:
            mentions = _find_mentions(sentences, live, joined)
    elif renamed:
        mentions = tuple(
            tuple(Mention(m.start, m.end, renamed.get(m.key, m.key)) for m in ms) for ms in mentions
        )
    live_keys = {d.key for d in live}
    mentions = tuple(
        ms
        if not ms or all(m.key in live_keys for m in ms)
        else tuple(m for m in ms if m.key in live_keys)
        for ms in mentions
    )
    where: dict[str, list[int]] = {}
    for index, ms in enumerate(mentions):
        if ms:
            for key in dict.fromkeys(m.key for m in ms):
                where.setdefault(key, []).append(index)
    for d in live:  # a relation to something that is not a programme goes
        if d.part_of not in live_keys:
            d.part_of = None
        if d.succeeded_by not in live_keys:
            d.succeeded_by = None
    continued = _continued_by_it(sentences, mentions, prose)
    _continued_by_head(sentences, mentions, prose, {d.key: d for d in live}, continued)
    programmes = tuple(
        _finish(d, sentences, where.get(d.key, []), continued.get(d.key, {}), prose) for d in live
    )
    return ProgrammeScan(programmes, mentions)


_KNOWN_AS = re.compile(
    r"(?:\s+in\s+[A-Z][a-z]+|\s+(?:scheme|programme|program|initiative|plan))?,?\s+"
    r"(?:also\s+|better\s+|commonly\s+)?known\s+as\s+"
    r"([A-Z][A-Z0-9-]*[A-Z0-9])(?![\w-])"
)


# A stage of a competition before a name makes it a competition, not a programme: "the
# semi-finals of the UEFA Women's Champions League", "the final of the League Cup".
_STAGE_OF = re.compile(
    r"\b(?:(?:semi|quarter)-?finals?|finals?|group stage|knockout (?:stage|rounds?)|last 16|"
    r"round of (?:16|32))\s+of\s+(?:the\s+)?$"
)
_TARIFF_WORDS = ("subscri", "Subscri", "tariff", "customers")
_PLAN_AFTER = re.compile(r"\s+plans?\b")


def _firm_before_plan(name: str, sentence: str, end: int, text: str) -> bool:
    """Whether a name before a lowercase "plan" is a firm's or a price plan: its first word
    stands alone in the text ("the Lumen Semiconductor plan" after "Lumen shipped"), or the
    text speaks of subscribers, customers or tariffs ("the Spotify Premium plan"), while
    "the Vision Zero plan" names a programme."""
    if not _PLAN_AFTER.match(sentence, end):
        return False
    if any(word in text for word in _TARIFF_WORDS):
        return True  # "the Spotify Premium plan" among subscribers: a price plan
    first = name.split()[0]
    alone = re.compile(rf"(?<![\w-]){re.escape(first)}(?![\w-])(?!\s+[A-Z0-9])")
    # Not as the last word of another name: "Auxílio Brasil" leaves the "Brasil Sem
    # Miséria plan" a programme.
    return any(
        not _CAPITAL_BEFORE.search(text, max(0, m.start() - 40), m.start())
        for m in alone.finditer(text)
    )


_KIND_HEADS = ("Programme", "Program", "Scheme", "Initiative", "Project")


def _named_with_its_kind(name: str, by_name: dict[str, _Draft], text: str) -> _Draft | None:
    """The programme with a one-word name that `name` is, when `name` is that word and the
    kind the text gives it in lowercase ("CervixCheck Screening Programme" where the text
    calls CervixCheck "the national cervical screening programme")."""
    parts = name.split()
    if len(parts) < 3 or parts[-1] not in _KIND_HEADS:
        return None
    draft = by_name.get(normalise(parts[0]))
    if draft is None or draft.name is None or len(draft.name.split()) != 1:
        return None
    kind = " ".join(parts[1:]).lower()
    return draft if re.search(rf"(?<![\w-]){re.escape(kind)}(?![\w-])", text) else None


def _one_word_owner(name: str, by_name: dict[str, _Draft]) -> _Draft | None:
    """The programme with a one-word name that `name` starts with, if any: the
    "Copernicus Climate Change Service" is a service of Copernicus."""
    first, _, rest = name.partition(" ")
    if not rest or first in ("Operation", "Project"):
        return None
    return by_name.get(normalise(first))


def _acronym_owner(name: str, by_acronym: dict[str, _Draft]) -> _Draft | None:
    """The programme whose defined acronym `name` starts with ("the PfP Planning and Review
    Process", named without brackets, is part of the PfP), if any."""
    first, _, rest = name.partition(" ")
    draft = by_acronym.get(first) if rest else None
    return draft if draft is not None and draft.defined_in is not None else None


def _governments_name(name: str, text: str) -> bool:
    """ "the Trump Administration": a name of two words ending in "Administration" whose
    first word the text also uses on its own is a government ("Resettlement
    Administration" is an agency)."""
    parts = name.split()
    if len(parts) != 2 or parts[1] != "Administration":
        return False
    return text.count(parts[0]) > text.count(name)


def _add_title_case_acronyms(drafts: Sequence[_Draft], text: str) -> bool:
    """ "Gavi" for the GAVI, "Unicef" for UNICEF: an acronym of four letters or more
    written as a word is a mention of it, when the text uses that word inside a sentence
    (not only where any word is capitalised). Returns whether any was added."""
    added = False
    for draft in drafts:
        acronym = draft.acronym
        if not acronym or len(acronym) < 4 or not acronym.isalpha() or not acronym.isupper():
            continue
        word = acronym.capitalize()
        at = text.find(word)
        while at != -1:
            end = at + len(word)
            if (
                at >= 2
                and text[at - 1] == " "
                and (text[at - 2].islower() or text[at - 2] == ",")
                and not text[end : end + 1].isalpha()
            ):
                draft.variants.add(word)
                added = True
                break
            at = text.find(word, end)
    return added


def _short_title_of(name: str, key: str, by_name: dict[str, _Draft]) -> _Draft | None:
    """The one draft that a two-word name opening with a word in capitals shortens by
    leaving out what "and" joins to that word: "the CHIPS Act" for the "CHIPS and Science
    Act" (a law's short title); none for a name in lowercase words ("Partnership
    Agreement")."""
    parts = key.split()
    first = name.split()[-2] if len(name.split()) >= 2 else ""
    if len(parts) != 2 or not (first.isupper() and len(first) >= 2):
        return None
    found = {
        id(d): d
        for known, d in by_name.items()
        if known.startswith(f"{parts[0]} and ") and known.endswith(f" {parts[1]}")
    }
    return next(iter(found.values())) if len(found) == 1 else None


_YEARS_TAIL = re.compile(r" (?:19|20)\d\d(?: (?:19|20)?\d\d)?$")


def _same_but_years(key: str, by_name: dict[str, _Draft]) -> _Draft | None:
    """The one draft whose normalised name is `key` with years added or taken away at its
    end ("women's football strategy" and "... strategy 2014 2020"); none when two such
    drafts differ by their years ("Climate Action Plan 2021" and "... 2024")."""
    base = _YEARS_TAIL.sub("", key)
    if len(base.split()) < 2:
        return None
    found = {
        id(d): d
        for known, d in by_name.items()
        if known != key and _YEARS_TAIL.sub("", known) == base and (known == base or key == base)
    }
    return next(iter(found.values())) if len(found) == 1 else None


def _named_before_with_prefix(name: str, by_name: dict[str, _Draft]) -> _Draft | None:
    """An earlier draft with no acronym whose name is `name` with words before it."""
    key = normalise(name)
    if len(key.split()) < 2:
        return None
    for known, draft in by_name.items():
        if (
            known.endswith(" " + key)
            and not draft.acronym
            and draft.defined_in is None
            and known.split(" ", 1)[0] not in _NEW_VERSION
        ):
            return draft
    return None


# Words that make a name another version of the body it ends with: the "Enhanced
# Partnership and Cooperation Agreement" replaces the "Partnership and Cooperation
# Agreement (PCA)"; it is not the same body. (Normalised: lower case.)
_NEW_VERSION = words(
    "enhanced new revised renewed reinforced amended expanded extended updated modernised "
    "modernized second third fourth"
)


def _named_before_with_complement(name: str, by_name: dict[str, _Draft]) -> _Draft | None:
    """An earlier draft with no acronym whose name is `name` and a complement after it."""
    key = normalise(name)
    if len(key.split()) < 2:
        return None
    prefix = key + " "
    for known, draft in by_name.items():
        if (
            known.startswith(prefix)
            and _head_form_of(key, known)
            and not draft.acronym
            and draft.defined_in is None
        ):
            return draft
    return None


def _ends_with_name(long: str, short: str) -> bool:
    """Does the normalised name `long` end with `short` as its own words, not as the
    complement of a head ("the EU-Kazakhstan Cooperation Council" ends with "Cooperation
    Council"; the "Economic and Investment Plan for the Eastern Partnership" is not the
    Eastern Partnership)?"""
    if not long.endswith(" " + short):
        return False
    before = long[: -len(short) - 1].rsplit(" ", 1)[-1]
    return before not in _NAME_FUNCTION_WORDS


def _head_form_of(short: str, long: str) -> bool:
    """Is `short` the longer name cut before its complement ("Multilateral Fund" of
    "Multilateral Fund for the Implementation of the Montreal Protocol", "Global Fund" of
    "Global Fund to Fight AIDS, Tuberculosis and Malaria")? Normalised names."""
    return long.startswith(short + " ") and long[len(short) + 1 :].split(" ", 1)[0] in (
        "of",
        "for",
        "on",
        "in",
        "to",
    )


# Heads of bodies that run programmes: a definition of one before more capitalised words
# names the body and then its programme ("World Health Organization (WHO) Global Strategy").
_BODY_HEADS = words(
    """
    Organization Organisation Agency Union Commission Association Federation Foundation
    Bank Alliance Authority Institute
    """
)
# "Global Strategy to Accelerate the Elimination of Cervical Cancer": "to" and a verb in
# capitals, then capitalised words, complete such a programme's name.
_TO_COMPLEMENT = re.compile(
    r"\s+to\s+[A-Z][a-z]+(?:\s+(?:(?:the|of|and|for|on)\s+)*[A-Z][\w-]*){1,6}"
)
# The same after any head, with a verb of purpose: "Global Coalition to Defeat ISIS".
_PURPOSE = re.compile(
    r"\s+to\s+([A-Z][a-z]+)(?:\s+(?:(?:the|of|and|for|on)\s+)*[A-Z][\w-]*){1,6}"
    r"(?:(?:,\s+[A-Z][\w-]*)+,?\s+and\s+[A-Z][\w-]*)?"  # "to Fight AIDS, Tuberculosis and Malaria"
)
_WORD_BEFORE = re.compile(r"(?<![\w-])([A-Za-z][A-Za-z0-9&]+)\s+$")
# "Serbia-NATO Defence Reform Group (DRG)": a compound naming two parties, one an acronym.
_COMPOUND_BEFORE = re.compile(r"(?<![\w-])([A-Z][A-Za-z]*(?:-[A-Z][A-Za-z]*)+)\s+$")


def _extend_with_parent(
    sentence: str, d: Definition, defined: set[str]
) -> tuple[str, str | None, int]:
    """ "PfP Planning and Review Process (PARP)": the name keeps an acronym standing right
    before it, and is part of that programme (dropped later if no programme has it).
    Returns the name, the parent's acronym and where the name starts in the sentence."""
    before = _WORD_BEFORE.search(sentence, max(0, d.start - 30), d.start)
    if before and is_acronym(before.group(1)):
        return f"{before.group(1)} {d.name}", before.group(1), before.start(1)
    compound = _COMPOUND_BEFORE.search(sentence, max(0, d.start - 30), d.start)
    if compound and any(is_acronym(part) for part in compound.group(1).split("-")):
        return f"{compound.group(1)} {d.name}", None, compound.start(1)
    first = d.name.split()[0]
    if first in defined and is_acronym(first):
        return d.name, first, d.start
    return d.name, None, d.start


_TAIL = re.compile(rf"\s+({_CAPWORD}(?:\s+(?:(?:and|of|for|on)\s+)?{_CAPWORD}){{0,4}})(?![\w-])")


def _composite_tail(sentence: str, paren_end: int) -> tuple[str, int] | None:
    """ "(ANA) Trust Fund", "(OCC) Evaluation and Feedback Programme": the capitalised words
    after a definition, up to the last head noun among them, and where they end."""
    tail = _TAIL.match(sentence, paren_end)
    if tail is None:
        return None
    words_ = list(re.finditer(r"\S+", tail.group(1)))
    for word in reversed(words_):
        text = word.group()
        if text in _REJECT_HEADS:
            # "(PfP) Framework Document": the words name a document, not a larger programme.
            return None
        if text in HEADS and text not in _ACRONYM_ONLY_HEADS:
            end = tail.start(1) + word.end()
            return sentence[tail.start(1) : end], end
    return None


_NAME_FUNCTION_WORDS = words("of for and on in the de du to & a an at by with that")


def _content_words(name: str) -> list[str]:
    out = []
    for word in _WORD.findall(name):
        word = word.strip(",.’'")
        if word and word.lower() not in _NAME_FUNCTION_WORDS:
            out.append(word)
    return out


def _acceptable(name: str, with_acronym: bool) -> bool:
    """Is `name` a proper name of a programme-like body (not a role, place, ministry...)?"""
    content = _content_words(name)
    if not content:
        return False
    lowercase = [w for w in content if not (w[0].isupper() or w[0].isdigit())]
    if lowercase and not (
        # "International Criminal Tribunal for the former Yugoslavia (ICTY)": one lowercase
        # word inside a name its acronym bounds.
        with_acronym and len(lowercase) == 1 and lowercase[0] not in (content[0], content[-1])
    ):
        return False  # "gross domestic product", "reform plans"
    head = _head_word(name, content)
    singular = head[:-1] if head.endswith("s") and head[:-1] in HEADS else head
    executive_body = (
        # "Health and Safety Executive (HSE)" is a body; "Chief Executive" a role.
        with_acronym and head == "Executive" and len(content) >= 2 and content[-2] != "Chief"
    )
    if (head in _REJECT_HEADS or singular in _REJECT_HEADS) and not executive_body:
        return False
    if _GOVERNMENT_START.match(name):
        return False
    if with_acronym and (head in _TECHNICAL_HEADS or singular in _TECHNICAL_HEADS):
        return False  # "Wi-Fi Protected Access (WPA)": a standard, not a body or a scheme
    if " ".join(content) in _STATES:
        return False
    if singular in _TITLE_HEADS and not (content[0] == "World" or _DEMONYM.match(content[0])):
        return False
    if singular == "Force" and (
        "Armed" in content or (head == "Forces" and content[-2] in _NATIONAL_FORCES)
    ):
        return False  # "the Serbian Armed Forces", "Japan Self-Defense Forces": a military
    if head == "Assembly" and (_DEMONYM.match(content[0]) or "National" in content):
        return False  # "French National Assembly": a parliament
    if not with_acronym:
        if len(content) < 2:
            return False
        if head == "International" and len(content) == 2:
            return True  # "Rotary International"
        if (
            head == "Office"
            and not any(is_acronym(w) for w in content)
            and content[-2] not in _OFFICE_KINDS
        ):
            return False  # "NATO Liaison Office" is a body; "the Foreign Office" a ministry
        if not _is_head(head):
            return False
        if (
            singular in _ACRONYM_ONLY_HEADS
            and not _has_complement(name, head)
            and content[-2:] != ["Trade", "Area"]
        ):
            # "the Court", but "the Special Court for Sierra Leone" and "a Deep and
            # Comprehensive Free Trade Area"
            return False
        if singular in _NAME_LIKE_HEADS and len(content) < 3:
            return False  # "Hugh Grant" may be a person; "Home Upgrade Grant" is not
    # "Energy Security Secretary Grant (Shapps)": a role before the head makes it a person.
    position = content.index(head) if head in content else -1
    return not (position > 0 and content[position - 1] in _ROLES)


def _has_complement(name: str, head: str) -> bool:
    """Is `head` followed by "of", "for" or "on" and more of the name ("Court of Justice")?"""
    parts = name.split()
    return any(
        part == head and i + 2 < len(parts) and parts[i + 1] in ("of", "for", "on")
        for i, part in enumerate(parts)
    )


def _head_word(name: str, content: list[str]) -> str:
    """The noun a name is built on: "Council" in "Council of the EU", else its last word."""
    parts = name.split()
    # "Council of the EU", "Temporary Framework for State Aid": the head comes before
    # "of/for/on" and the words that qualify it.
    for i, part in enumerate(parts[:-1]):
        if (_is_head(part) or part in _REJECT_HEADS) and parts[i + 1] in ("of", "for", "on"):
            return part  # "Democratic Republic of the Congo" -> "Republic": rejected
    if len(content) >= 3 and _is_head(content[-2]) and _qualifies_head(content[-1]):
        return content[-2]  # "Arts Council Norway"
    for word in reversed(content):
        if not word[0].isdigit():
            return word.split("-")[-1]
    return content[-1]


def _is_head(word: str) -> bool:
    word = word.split("-")[-1]
    return word in HEADS or word in _PLURAL_HEADS


# Plurals that still name one body ("Centers for Disease Control"); others, like
# "Instruments" in "Nordvik Instruments", usually end a company's name.
_PLURAL_HEADS = words(
    "Centers Centres Forces Programmes Programs Missions Accords Treaties Fellowships"
)


# An acronym and one capitalised noun, with nothing capitalised after: "the ATP Tour".
_ACRONYM_THEN_NOUN = re.compile(
    r"[A-Z](?<![\w-].)[A-Za-z]*[A-Z]\s+[A-Z][a-z]{2,}(?![\w’'-])"
    r"(?!\s+(?:(?:and|of|for|on|&)\s+)?[A-Z])"
)
_LETTERS_ACRONYM = re.compile(r"[A-Z][A-Za-z]*[A-Z]")


def _acronyms_then_nouns(
    joined: Joined, defined: set[str]
) -> dict[int, list[tuple[int, int, str]]]:
    """Per sentence, in order, the matches of _ACRONYM_THEN_NOUN whose acronym the text
    defines (only those can name anything). Found where each defined acronym occurs (with
    str.find), not by a scan of every capitalised word: a match's acronym is the whole run
    of letters before the space, so a match at a place the acronym occurs is the match a
    scan of the text finds there, and matches never overlap."""
    text, starts = joined.text, joined.starts
    found: list[tuple[int, re.Match[str]]] = []
    for acronym in defined:
        if not _LETTERS_ACRONYM.fullmatch(acronym):
            continue  # "G7", "EU NAVFOR": not a run of letters, never matched
        after = len(acronym)
        at = text.find(acronym)
        while at != -1:
            if text[at + after : at + after + 1].isspace():
                match = _ACRONYM_THEN_NOUN.match(text, at)
                if match is not None:
                    found.append((at, match))
            at = text.find(acronym, at + 1)
    found.sort(key=lambda item: item[0])
    sub_names: dict[int, list[tuple[int, int, str]]] = {}
    for at, match in found:
        index = bisect_right(starts, at) - 1
        base = starts[index]
        sub_names.setdefault(index, []).append((at - base, match.end() - base, match.group()))
    return sub_names


# A name in apposition to, or called by, a word for a scheme: "its frequent-flyer scheme,
# AuroraMiles, in 1991", "a programme called Horizon".
_SCHEME_WORDS = (
    "programme|program|scheme|initiative|plan|project|fund|campaign|network|mission|"
    "operation|exercise|framework|strategy|allowance|subsidy|payment|transfer"
)
# (The last five: "the Global Gateway, the EU's investment strategy", "Auxílio Gás, a
# cooking-gas subsidy", "an emergency payment, the Auxílio Emergencial, in April 2020".)
# (A bare apposition must be closed: "Under the programme, NATO has funded ..." names no
# programme "NATO".)
_NAME_AFTER_SCHEME = re.compile(
    rf"\b(?:{_SCHEME_WORDS})s?(?:,\s+(?:(?P<called>called|named|known\s+as|dubbed)\s+)?"
    r"(?:the\s+(?=[A-Z]))?|\s+(?P<named>called|named|known\s+as|dubbed)\s+)"
    r"(?P<name>[A-Z][\w+'’-]*(?:\s+[A-Z0-9][\w+'’-]*){0,3})"
    r"(?(called)|(?(named)|(?=\s*[,;)]|\.(?:\s|\x00|$))))"
    r"(?=\s*[,.;)]|\s+(?:in|on|which|that|was|is|has|had|after)\b)"
)
# "the EU's training mission in Mali, EUTM Mali.": a coded name (an acronym and a word or
# two in capitals) in apposition, after the word for a scheme and perhaps its place.
_CODED_AFTER_SCHEME = re.compile(
    rf"\b(?:{_SCHEME_WORDS})s?(?:\s+(?:in|to|for)\s+(?:the\s+)?[A-Z][\w-]*)?,\s+"
    r"(?P<name>[A-Z][A-Z0-9]+[a-z]?(?:\s+[A-Z][\w'’-]*){1,2})(?=\s*[,.;)]|\s*$)"
)
_CAPITAL_BEFORE = re.compile(r"[A-Z][\w-]*\s+$")
_NOT_SUB_NAMES = words("Headquarters Building Hall House Palace Airport Station Square Street")
# Words that name a newspaper or journal as often as an exercise a government carries out
# ("Harvard Law Review", "the Strategic Defence Review"): a name ending in one is an exercise
# when the text says it was carried out, before it or right after it.
_DONE_HEADS = ("Review",)
_DONE_NAME = (
    r"(?P<name>[A-Z][\w’'-]*(?:\s+(?:and\s+)?[A-Z][\w’'-]*){0,4}\s+(?:"
    + "|".join(_DONE_HEADS)
    + r"))\b"
)
_DONE_AFTER = re.compile(
    _DONE_NAME + r"(?=,?\s+(?:which\s+|that\s+)?(?:was\s+|were\s+|had\s+been\s+|has\s+been\s+)?"
    r"(?:completed|conducted|carried\s+out|launched|undertaken|commissioned|initiated|begun)\b)"
)
_DONE_BEFORE = re.compile(
    r"\b(?:complet(?:e|es|ed|ing)|conduct(?:s|ed|ing)?|launch(?:es|ed|ing)?|"
    r"undert(?:ake|akes|ook|aken|aking)|commission(?:s|ed|ing)?|initiat(?:e|es|ed|ing)|"
    r"carr(?:y|ies|ied|ying)\s+out)\s+(?:the|a|an|its|their|his|her)\s+(?:\d{4}\s+)?" + _DONE_NAME
)


def _named_in_passing(
    sentence: str,
    sub_names: Sequence[tuple[int, int, str]],
    defined: dict[str, str],
    claimed: list[tuple[int, int]],
    after_scheme: Sequence[tuple[int, int, str]],
) -> list[tuple[int, int, str, str | None]]:
    """Names with no head noun that the sentence marks as programmes: in apposition to, or
    called by, a word for a scheme ("its frequent-flyer scheme, AuroraMiles,"), or a defined
    acronym and one more capitalised noun ("the ATP Tour", part of the ATP), or an exercise
    the text says was carried out ("The Strategic Defence Review, completed in 2011,").
    `sub_names` and `after_scheme` are the sentence's entries of _acronyms_then_nouns and
    _names_after_scheme_words. `defined` maps each defined acronym to the head noun of its
    name (normalised)."""
    found: list[tuple[int, int, str, str | None]] = []
    for start, end, text in sub_names:
        acronym, noun = text.split()
        if acronym not in defined or noun in _REJECT_HEADS or noun in _ROLES:
            continue
        if normalise(noun) == defined[acronym]:
            continue  # "the SPS Programme": the programme itself
        if noun in _NOT_SUB_NAMES or _is_month(noun) or noun.endswith("s"):
            continue
        found.append((start, end, f"{acronym} {noun}", acronym))
    for start, end, name in after_scheme:
        if len(name) < 3 or name.split()[0] in _OPENERS or _is_month(name.split()[0]):
            continue
        found.append((start, end, name, None))
    if _holds_done_head(sentence):
        for pattern in (_DONE_AFTER, _DONE_BEFORE):
            for match in pattern.finditer(sentence):
                start, words_ = match.start("name"), match["name"].split()
                while words_ and words_[0].lower() in _OPENERS:
                    start = sentence.index(words_[1], start + len(words_[0]))
                    words_ = words_[1:]
                if len(words_) >= 2 and not _is_month(words_[0]):
                    found.append((start, match.end("name"), " ".join(words_), None))
    return [item for item in found if not any(item[0] < e and s < item[1] for s, e in claimed)]


_SCHEME_HINTS = tuple(_SCHEME_WORDS.split("|"))


def _holds_done_head(sentence: str) -> bool:
    return any(head in sentence for head in _DONE_HEADS)


def _names_after_scheme_words(joined: Joined) -> dict[int, list[tuple[int, int, str]]]:
    """Per sentence, in order, the names of the matches of _NAME_AFTER_SCHEME (start, end,
    name). The pattern is only tried where a word for a scheme occurs (found with str.find):
    words like "operation" occur inside many others ("cooperation"), and a pattern pass
    over each sentence holding one costs more. A match starts at its word, and every other
    place a word occurs inside it is inside a longer word, where no match starts; so these
    are the matches a pass over each sentence finds."""
    text, starts = joined.text, joined.starts
    places: set[int] = set()
    for word in _SCHEME_HINTS:
        at = text.find(word)
        while at != -1:
            places.add(at)
            at = text.find(word, at + 1)
    found: dict[int, list[tuple[int, int, str]]] = {}
    taken = 0
    for at in sorted(places):
        if at < taken:
            continue
        match = _NAME_AFTER_SCHEME.match(text, at) or _coded_after(text, at)
        if match is None:
            before = _name_before_scheme_word(text, starts, at)
            if before is not None:
                index, name_start, name_end = before
                base = starts[index]
                name = text[name_start:name_end]
                found.setdefault(index, []).append((name_start - base, name_end - base, name))
            continue
        taken = match.end()
        if (
            (match.groupdict().get("called") or "").startswith("known")
            and is_acronym(match["name"])
            and _CAPITAL_BEFORE.search(text, max(0, at - 40), at)
        ):
            # "its Centres of Excellence scheme, known as SFF,": the acronym of the name
            # before the word, which takes it (see _KNOWN_AS).
            continue
        index = bisect_right(starts, at) - 1
        base = starts[index]
        name_start, name_end = match.span("name")
        found.setdefault(index, []).append((name_start - base, name_end - base, match["name"]))
    return found


def _coded_after(text: str, at: int) -> re.Match[str] | None:
    match = _CODED_AFTER_SCHEME.match(text, at)
    return match if match and is_acronym(match["name"].split()[0]) else None


# A name with a code in it, on either side of a succession: "EUFOR Althea took over from
# NATO's Stabilisation Force", "the successor to Horizon 2020".
_CODED = r"(?P<name>[A-Z][\w+-]*(?:\s+[A-Z0-9][\w+-]*){1,3})"
_CODED_SUCCESSION = (
    re.compile(rf"(?<![\w+-]){_CODED}\s+(?:took\s+over\s+from|replaced|succeeded|superseded)\b"),
    # "it took over from the EU Monitoring Capacity"
    re.compile(
        rf"\b(?:took\s+over\s+from|replaced|succeeded|superseded)\s+(?:the\s+)?{_CODED}(?![\w+-])"
    ),
    re.compile(rf"\b(?:successor|predecessor)\s+(?:to|of)\s+(?:the\s+)?{_CODED}(?![\w+-])"),
)
# "The HBP ... was succeeded by EBRAINS": one word in capitals that succeeds something is a
# body or scheme too (people are not written in capitals; "replaced by" is left out, as
# firms and products are replaced by others).
_SUCCEEDED_BY_CAPITALS = re.compile(
    r"\b(?:was|were|been)\s+(?:succeeded|superseded)\s+by\s+(?:the\s+)?"
    r"(?P<name>[A-Z][A-Z0-9+]{3,})(?![\w+'’-])"
    # (a name that ends its phrase: not "succeeded by NASA veteran Jim Bridenstine")
    r"(?=\s*[,.;:)]|\s*$|\s+(?:in|on|which|that|after|when|as|and|from)\b)"
)
# "and joined its successor, Horizon Europe, in 2023": a thing's successor in apposition.
_ITS_SUCCESSOR = re.compile(
    r"\bits\s+(?:successor|predecessor),\s+"
    r"(?P<name>[A-Z][\w+-]*(?:\s+[A-Z0-9][\w+-]*){0,3})(?=\s*[,.;(]|\s+in\b)"
)
_YEAR = re.compile(r"(?:19|20)\d\d")
_SUCCESSION_WORDS = ("took over from", "successor", "predecessor", "replaced", "succeeded",
                     "superseded")  # fmt: skip


def _coded_names_in_succession(joined: Joined) -> dict[int, list[tuple[int, int, str]]]:
    """Per sentence, names of two words or more holding a code (an acronym or a number)
    that replace or are replaced by something: only bodies and schemes are named so
    ("EUFOR Althea"); people and places are not ("Mark Rutte succeeded ...")."""
    found: dict[int, list[tuple[int, int, str]]] = {}
    sentences = joined.containing(_SUCCESSION_WORDS)
    for index in sorted(sentences):
        sentence = joined.sentences[index]
        for pattern in _CODED_SUCCESSION:
            for match in pattern.finditer(sentence):
                words_ = match["name"].split()
                if words_[0].lower() in _OPENERS or _is_month(words_[0]):
                    continue
                if not any((w.isalpha() and is_acronym(w)) or _YEAR.fullmatch(w) for w in words_):
                    continue  # a code: "EUFOR Althea", "Horizon 2020" (not "Boeing 747")
                if any(w in _ROLES or w in _REJECT_HEADS or _is_month(w) for w in words_):
                    continue
                found.setdefault(index, []).append((*match.span("name"), match["name"]))
        for match in _SUCCEEDED_BY_CAPITALS.finditer(sentence):
            found.setdefault(index, []).append((*match.span("name"), match["name"]))
        lowered = sentence.lower()
        if "its " not in sentence or not any(w in lowered for w in _SCHEME_HINTS):
            continue  # ("Windows 10 and its successor, Windows 11": products)
        for match in _ITS_SUCCESSOR.finditer(sentence):
            words_ = match["name"].split()
            if words_[-1] in _REJECT_HEADS or any(w in _ROLES or _is_month(w) for w in words_):
                continue
            found.setdefault(index, []).append((*match.span("name"), match["name"]))
    return found


# "COVAX was created in April 2020 as ...": a name in capitals the text never defines, which
# it says was created. ("founded" is left out: companies are founded as often.)
_CAPITALS_CREATED = re.compile(
    r"(?<![\w-])(?P<name>[A-Z][A-Z0-9+]{3,})(?![\w-])\s+(?:was|were|has\s+been|had\s+been)\s+"
    r"(?:first\s+)?(?:created|launched|set\s+up|established|introduced)\b"
)
_CREATED_WORDS = ("created", "launched", "set up", "established", "introduced")


def _capitals_said_created(
    joined: Joined, defined: set[str]
) -> dict[int, list[tuple[int, int, str]]]:
    """Per sentence, the matches of _CAPITALS_CREATED whose name is not a defined acronym
    (those are programmes already)."""
    found: dict[int, list[tuple[int, int, str]]] = {}
    for index in sorted(joined.containing(_CREATED_WORDS)):
        for match in _CAPITALS_CREATED.finditer(joined.sentences[index]):
            if match["name"] not in defined:
                found.setdefault(index, []).append((*match.span("name"), match["name"]))
    return found


# "under Erasmus+", "ECO+ will run from spring 2023" (after "a new government scheme"): a
# name ending in one plus sign after "under", or opening a sentence or following "through",
# "called" ... when a word for a scheme stands in that sentence or the one before (not
# "Disney+ added 7 million subscribers", "Canal+ said"; nor "Disney+ subscribers").
_PLUS_NAME = re.compile(
    r"(?:^|\b(?P<under>under)\s+|\b(?:under\s+the|through|via|called|named|joined|into|from)\s+)"
    r"(?P<name>[A-Z][A-Za-z]+(?:\s+[A-Z][A-Za-z]+)?\+)(?![\w+])(?!\s+[a-z]+s\b)"
)
_PLUS_SCHEME_WORDS = ("programme", "program", "scheme", "initiative", "fund", "grant")


_LISTED_NAME = r"[A-Z][\w+'’-]*(?:\s+[A-Z0-9][\w+'’-]*){0,2}"
# "one of three screening programmes run by the NSS, alongside BreastCheck and BowelScreen",
# "schemes such as Erasmus+ and Horizon Europe": names listed right after plural schemes.
_SCHEMES_LISTED = re.compile(
    r"\b(?:programmes|programs|schemes|initiatives)\b(?:\s+(?:run|led|funded)\s+by\s+[^,;]{1,60})?"
    rf",?\s+(?:alongside|such\s+as|including)\s+(?P<list>{_LISTED_NAME}"
    rf"(?:,\s+{_LISTED_NAME})*,?\s+(?:and|or)\s+{_LISTED_NAME})(?=\s*[.;,)]|$)"
)
_LIST_ITEM = re.compile(_LISTED_NAME)
_BROADCAST_WORDS = ("viewers", "television", "broadcast", "episode", " tv ")


def _names_listed_after_schemes(joined: Joined) -> dict[int, list[tuple[int, int, str]]]:
    """Per sentence, the names listed after a plural word for schemes (see
    _SCHEMES_LISTED); names of places, people's roles or months are left out."""
    found: dict[int, list[tuple[int, int, str]]] = {}
    holding = joined.containing(("programmes", "programs", "schemes", "initiatives"))
    if not holding:
        return found
    lowered = joined.text.lower()
    if any(word in lowered for word in _BROADCAST_WORDS):
        return found  # "programmes such as EastEnders and Coronation Street": shows
    for index in sorted(holding):
        sentence = joined.sentences[index]
        for match in _SCHEMES_LISTED.finditer(sentence):
            items = list(_LIST_ITEM.finditer(sentence, match.start("list"), match.end("list")))
            names = [m.group() for m in items]
            if any(
                _DEMONYM.match(n.split()[0])
                or _is_month(n.split()[0])
                or n.split()[-1] in _REJECT_HEADS
                or n.split()[-1] in _ROLES
                for n in names
            ):
                continue
            for item in items:
                found.setdefault(index, []).append((*item.span(), item.group()))
    return found


def _plus_names(joined: Joined) -> dict[int, list[tuple[int, int, str]]]:
    """Per sentence, the matches of _PLUS_NAME that may name a scheme (only sentences
    holding "+" are read)."""
    found: dict[int, list[tuple[int, int, str]]] = {}
    for index in sorted(joined.containing(("+",))):
        sentence = joined.sentences[index]
        for match in _PLUS_NAME.finditer(sentence):
            if not match["under"]:
                nearby = sentence + " " + joined.sentences[index - 1] if index else sentence
                if not any(word in nearby.lower() for word in _PLUS_SCHEME_WORDS):
                    continue
            found.setdefault(index, []).append((*match.span("name"), match["name"]))
    return found


# "Erasmus+, the EU programme for education", "Baltic Air Policing, the mission in which",
# "Copernicus, the European Union's Earth observation programme",
# "Horizon Europe, the research and innovation framework programme for 2021 to 2027": a
# name and, in apposition, a phrase whose head is a word for a scheme.
_APPOSED_NAME = re.compile(
    r"(?<![\w+'’-])(?P<name>[A-Z][\w+'’-]*(?:\s+(?:(?:of|for|and|to)\s+)?[A-Z0-9][\w+'’-]*){0,3})"
    # A gloss in brackets may come between: "Fome Zero (Zero Hunger), an umbrella strategy".
    r"(?:\s+\([A-Z][^()\x00]{0,40}\))?,"
    r"\s+(?:(?:the\s+)?(?:[A-Z][\w-]*\s+){0,2}(?:[A-Z][\w-]*|[a-z]+)['’]s|the|a|an|its|their)"
    r"\s+(?P<between>(?:[\w-]+\s+){0,4})$"
)
# What may follow such a head: the end of the phrase, not another noun ("the programme
# director") or a possessive ("the programme's").
_SCHEME_HEAD_END = re.compile(
    r"s?(?=\s*[,.;)\x00]|\s*$|\s+(?:in|for|of|on|which|that|to|with|by|against|run|launched|"
    r"set|created|founded|established|introduced|aimed|designed|funded|financed|led)\b)"
)
# (A preposition or a second determiner puts the word for a scheme in another phrase: "the
# software giant behind the initiative".)
_SCHEME_WORD_AT = re.compile(rf"(?:{_SCHEME_WORDS})(?=s?(?![A-Za-z]))")
_NOT_BETWEEN = words(
    "of in for to with by from at on under within whose behind about against into over "
    "among through than like the a an its their his her"
)


# A name that completes another before it: "... Package (CAP) for Ukraine, the fund ...".
_COMPLEMENT_BEFORE = re.compile(r"(?:\)|(?<=\w\s)[A-Z][\w-]*)\s+(?:for|of|to|in|on)\s+(?:the\s+)?$")


def _name_before_scheme_word(
    text: str, starts: Sequence[int], at: int
) -> tuple[int, int, int] | None:
    """The name standing in apposition before the word for a scheme at `at`, as (sentence
    index, start, end) in `text`, if there is one."""
    if at and text[at - 1].isalpha():
        return None  # inside a longer word ("cooperation")
    comma = text.rfind(", ", max(0, at - 120), at)
    if comma == -1 or "\0" in text[comma:at]:
        return None  # cheap first: no comma before it in its sentence
    word = _SCHEME_WORD_AT.match(text, at)
    if word is None or not _SCHEME_HEAD_END.match(text, word.end()):
        return None
    index = bisect_right(starts, at) - 1
    window_start = max(starts[index], at - 120)
    match = _APPOSED_NAME.search(text, window_start, at)
    if match is None or _NOT_BETWEEN.intersection(match["between"].split()):
        return None
    words_ = match["name"].split()
    if words_[0].lower() in _OPENERS or _is_month(words_[0]):
        return None
    if len(words_) == 1 and _DEMONYM.match(words_[0]):
        return None
    if _COMPLEMENT_BEFORE.search(text, max(0, match.start() - 60), match.start("name")):
        return None  # "the Assistance Package (CAP) for Ukraine, the NATO fund": a complement
    if any(w in _ROLES or w in _REJECT_HEADS for w in words_):
        return None
    return index, match.start("name"), match.end("name")


_CAPITALS_BEFORE_GENERIC = re.compile(
    rf"(?<![\w-])([A-Z][A-Z0-9]+)\s+(?:{'|'.join(_GENERIC_LOWER)})\b"
)


def _names_in_capitals(joined: Joined, generic_in: set[int], defined: set[str]) -> frozenset[str]:
    """Words in capitals, not defined as acronyms, that the text uses only before a word
    like "programme": "the MEDA programme" names a programme, "the NATO programme" (NATO
    used elsewhere) does not."""
    found = set()
    for index in generic_in:
        for match in _CAPITALS_BEFORE_GENERIC.finditer(joined.sentences[index]):
            word = match.group(1)
            if word in defined or word in found:
                continue
            alone = re.finditer(rf"(?<![\w-]){re.escape(word)}(?![\w-])", joined.text)
            if all(_GENERIC_AFTER.match(joined.text, m.end()) for m in alone):
                found.add(word)
    return frozenset(found)


def _name_candidates(
    sentence: str,
    claimed: list[tuple[int, int]],
    heads: Sequence[int],
    capitals: frozenset[str] = frozenset(),
    owners: dict[str, _Draft] | None = None,
) -> list[tuple[int, int, str]]:
    """Capitalised names ending in a head noun, outside spans already claimed. `heads` are
    where the sentence's head nouns and prefix heads start: a capitalised run holding none
    and not followed by a "programme"-like word has no name in it."""
    found: list[tuple[int, int, str]] = []
    for whole in _NAME_RUN.finditer(sentence):
        start, end = whole.span()
        if (
            not any(start <= at < end for at in heads)
            and not _GENERIC_AFTER.match(sentence, end)
            and not _DESCRIPTIVE_AFTER.match(sentence, end)
        ):
            continue
        before = sentence[start - 2 : start]
        if before == ", " and " and " in whole.group():
            listed = _LISTED_FIRST.search(sentence, max(0, start - 40), start)
            if listed:
                start = listed.start(1)  # "the Neighbourhood, Development and ... Instrument"
        elif before[:1].isdigit():
            numbered = _NUMBER_FIRST.search(sentence, max(0, start - 20), start)
            if numbered:
                start = numbered.start(1)  # "the 100,000 Genomes Project"
        found.extend(_run_candidates(sentence, start, end, claimed, capitals, owners))
    return found


# A day or a year opening a run is no part of a name ("In May 1993 the UN Security
# Council"); "the 1000 Genomes Project" keeps its number.
_DATE_NUMBER = re.compile(r"\d{1,2}|(?:1[5-9]|20)\d\d|\d{1,4}[–-]\d{1,4}")
# A number that opens a name after "the" (not a year: "the 2019 Strategy"): "the 1000
# Genomes Project", "the 100,000 Genomes Project".
_NUMBER_FIRST = re.compile(r"\b[Tt]he\s+((?!(?:19|20)\d\d\s)\d[\d,]*\d)\s+$")
# A name whose first words are listed with commas: "the Neighbourhood, Development and
# International Cooperation Instrument", "the United Nations Educational, Scientific and
# Cultural Organization".
_LISTED_FIRST = re.compile(r"\b(?:the|a|an)\s+((?:[A-Z][\w-]+\s+)*[A-Z][\w-]+),\s+$")


_NEW_NOUN_PHRASE = re.compile(r"\s+and\s+(?:the|a|an)\s+")


def _run_candidates(
    sentence: str,
    run_start: int,
    run_end: int,
    claimed: list[tuple[int, int]],
    capitals: frozenset[str] = frozenset(),
    owners: dict[str, _Draft] | None = None,
) -> list[tuple[int, int, str]]:
    """Candidates in one capitalised run; "the Council of the EU and the Temporary
    Framework" is two names, so the run is cut before "and the"."""
    pieces: list[tuple[int, int]] = []
    position = run_start
    for cut in _NEW_NOUN_PHRASE.finditer(sentence, run_start, run_end):
        pieces.append((position, cut.start()))
        position = cut.end()
    pieces.append((position, run_end))
    if " and " in sentence[run_start:run_end]:
        pieces = [piece for start, end in pieces for piece in _same_head_pair(sentence, start, end)]
    if _MONTH_IN_RUN.search(sentence, run_start, run_end):
        # A date inside the run separates two names: "the Emergency Banking Act on 9 March
        # 1933", "signed at Kumanovo on 9 June 1999 and UN Security Council Resolution 1244".
        split: list[tuple[int, int]] = []
        for start, end in pieces:
            for date in _MONTH_IN_RUN.finditer(sentence, start, end):
                split.append((start, date.start()))
                start = date.end()
            split.append((start, end))
        pieces = split
    found: list[tuple[int, int, str]] = []
    for start, end in pieces:
        for s, e in claimed:
            # "Combined Task Force 151 of the Combined Maritime Forces (CMF)": the name
            # before a definition is a name of its own.
            if start < s < end:
                end = s
            elif s <= start < e:
                start = e
        while end > start and sentence[end - 1].isspace():
            end -= 1  # "The European Union's Common ... (CSDP)": cut before a definition
        # "the European Union's Operation Althea": the name follows a body's possessive
        # (not "the United Nations Children's Fund").
        possessive = max(sentence.rfind("’s ", start, end), sentence.rfind("'s ", start, end))
        owner = sentence[start:possessive].split()[-1:] if possessive != -1 else []
        if owner and _is_head(owner[0]):
            start = possessive + 3
        if start >= end:
            continue
        if sentence.endswith(("’s", "'s"), start, end):
            end -= 2  # "the International Monetary Fund's executive board"
        text = sentence[start:end]
        words_ = text.split()
        if not words_:
            continue
        last_parts = words_ if "-" not in text else [w.rsplit("-", 1)[-1] for w in words_]
        # Most capitalised runs are names of people and places: skip them cheaply.
        if (
            _HEAD_SET.isdisjoint(last_parts)
            and words_[-1] != "International"
            and words_[0] not in _PREFIX_HEADS
            and not _GENERIC_AFTER.match(sentence, end)
            and not _DESCRIPTIVE_AFTER.match(sentence, end)
        ):
            continue
        tokens = list(_TOKEN.finditer(text))
        # Trim determiners, words capitalised only because they open the sentence, and
        # dates ("In May 1993 the UN Security Council").
        while tokens and (
            tokens[0].group().lower() in _OPENERS
            or _DATE_NUMBER.fullmatch(tokens[0].group())
            or _is_month(tokens[0].group())
        ):
            tokens.pop(0)
        while tokens and tokens[-1].group().lower() in _OPENERS:
            tokens.pop()
        if not tokens:
            continue
        spans = [t.span() for t in tokens]
        candidate = _candidate_span(sentence, start, end, spans, tokens, capitals)
        if candidate is None:
            continue
        c_start, c_end = candidate
        if any(c_start < e and s < c_end for s, e in claimed):
            continue
        after = _NEXT_CAPITAL.match(sentence, c_end)
        if after and after.group(1) in _REJECT_HEADS:
            # "the PfP Framework Document": a document, not a framework; but "the
            # Partnership for Peace Framework Document" names the programme before it.
            inside = [i for i, (s_, e_) in enumerate(spans) if start + e_ <= c_end]
            if len(inside) < 4 or not _is_head(tokens[inside[-1]].group()):
                continue
            cut = inside[-1]
            tokens, spans = tokens[:cut], spans[:cut]
            candidate = _candidate_span(sentence, start, end, spans, tokens, capitals)
            if candidate is None or not _is_head(sentence[candidate[0] : candidate[1]].split()[0]):
                continue
            c_start, c_end = candidate
        if _SPEECH_AFTER.match(sentence, c_end):
            continue  # "his State of the Union address": the title of a speech
        if _BUSINESS_APPOSITION.match(sentence, c_end):
            continue  # "the Serum Institute, its main supplier": a company
        name = sentence[c_start:c_end]
        if _diplomatic_mission(sentence, c_start, c_end, name):
            continue
        first, last = name.split()[0], name.split()[-1]
        if (
            last in _GENERIC_LOWER
            or first in _PREFIX_HEADS
            or _DESCRIPTIVE_AFTER.match(sentence, c_end)
        ):
            if _content_words(name)[0] in _REJECT_HEADS:
                continue
        elif not _acceptable(name, with_acronym=False) and not (
            # "the Copernicus Marine Service": a generic head is enough for a body named
            # after a programme with a one-word name.
            owners
            and len(name.split()) >= 3
            and _is_head(last)
            and _one_word_owner(name, owners) is not None
            and _acceptable(name, with_acronym=True)
        ):
            continue
        found.append((c_start, c_end, name))
    return found


_AND = re.compile(r"\s+and\s+")


def _same_head_pair(sentence: str, start: int, end: int) -> list[tuple[int, int]]:
    """ "the Federal Writers' Project and Federal Art Project": two names with one head,
    joined by "and" (not "Partnership and Cooperation Agreement": the words before "and"
    must end in the head that ends the whole)."""
    last = sentence[start:end].split()[-1]
    if not _is_head(last):
        return [(start, end)]
    pieces, position = [], start
    for joint in _AND.finditer(sentence, start, end):
        before = sentence[position : joint.start()].split()
        if len(before) >= 2 and before[-1] == last:
            pieces.append((position, joint.start()))
            position = joint.end()
    pieces.append((position, end))
    return pieces


def _candidate_span(
    sentence: str,
    start: int,
    end: int,
    spans: list[tuple[int, int]],
    tokens: list[re.Match[str]],
    capitals: frozenset[str] = frozenset(),
) -> tuple[int, int] | None:
    """Where the programme name inside a capitalised run starts and ends, if it has one."""
    texts = [t.group() for t in tokens]
    heads = [i for i, w in enumerate(texts) if _is_head(w)]
    if heads and "to" in texts[1 : heads[0]]:
        # "the ambassador of Jordan to the European Union": a name before its head holds
        # no "to" (after it, one may: "Support Mission to Mali").
        cut = len(texts) - texts[heads[0] :: -1].index("to")
        while cut < heads[0] and texts[cut] in ("the", "a", "an"):
            cut += 1
        texts, spans, heads = texts[cut:], spans[cut:], [i - cut for i in heads]
    first_start = start + spans[0][0]
    if texts[0] in _PREFIX_HEADS and heads == [0] and len(texts) >= 2:
        # "Project Mercury", "Operation Ocean Shield" (not "Operation Althea in 2004")
        size = 1
        while size < min(len(texts), 4) and texts[size][:1].isupper():
            size += 1
        if size >= 2:
            return first_start, start + spans[size - 1][1]
    if heads:
        last = heads[-1]
        if last == 0 and len(texts) >= 3 and texts[1] == "of":
            # "Council of the EU", "Council of Europe" (not "... of the EU in June 2019").
            stop = _complement_end(texts, 2)
            if stop > 2 and texts[stop - 1] not in ("the", "of", "and"):
                return first_start, start + spans[stop - 1][1]
        # "Temporary Framework for State Aid", "Centers for Disease Control": a head may be
        # followed by "for/of/on" and more capitalised words.
        if last + 2 < len(texts) and (
            texts[last + 1] in ("for", "of", "on")
            # "UN Verification Mission in Colombia": a mission is named after its place
            # (not "the Marshall Plan in Western Europe").
            or (texts[last + 1] == "in" and texts[last] in ("Mission", "Missions"))
        ):
            tail = _complement_end(texts, last + 2)
            if tail > last + 2 and texts[tail - 1][:1].isupper():
                last = tail - 1
        if (
            last + 2 < len(texts)
            and texts[last + 2].isdigit()
            and texts[last + 1][:1].isupper()
            and any(texts[h + 1] in ("on", "for", "of") for h in heads[:-1])
        ):
            # "National Action Plan on UN Security Council Resolution 1325": a numbered
            # text ends the complement of the name's head.
            last += 2
        if last == len(texts) - 2 and texts[-1] in _INSTITUTIONS:
            return None  # "Columbus State Community College": a school, not a programme
        if last == len(texts) - 2 and _qualifies_head(texts[-1]):
            last += 1  # "Arts Council Norway", "Sport England": a place after the head
        cut = start + spans[last][1]
        year = _YEAR_AFTER.match(sentence, cut)
        return first_start, year.end() if year else cut  # "Strategy 2022–2026"
    if len(texts) == 2 and texts[1] == "International":
        return first_start, start + spans[1][1]  # "Rotary International", "Amnesty International"
    generic = _GENERIC_AFTER.match(sentence, end)
    if generic and "that" in texts[1:]:
        # "said on Tuesday that the Teach First scheme": the name starts after "that the".
        cut = len(texts) - texts[::-1].index("that")
        while cut < len(texts) and texts[cut] in ("the", "a", "an"):
            cut += 1
        if cut >= len(texts):
            return None
        first_start, texts, spans = start + spans[cut][0], texts[cut:], spans[cut:]
    if (
        generic
        and len(texts) <= 5
        and not _DEMONYM.match(texts[0])
        and (len(texts) > 1 or not is_acronym(texts[0]) or texts[0] in capitals)
    ):
        return first_start, generic.end()  # "the Apollo program", "Horizon 2020 programme"
    descriptive = _DESCRIPTIVE_AFTER.match(sentence, end)
    if descriptive:
        # "the ASEAN Plus Three framework": the name is what follows the run's last
        # lowercase word ("... South Korea in the ASEAN Plus Three framework").
        first = max((i + 1 for i, w in enumerate(texts) if w[:1].islower()), default=0)
        if not 2 <= len(texts) - first <= 5 or _DEMONYM.match(texts[first]):
            return None
        if descriptive.group(1) in _CODED_KINDS and not any(
            is_acronym(part) for w in texts[first:] for part in w.split("-")
        ):
            return None  # "the EUCAP Sahel Mali mission", not "the Red Sea mission"
        return start + spans[first][0], start + spans[-1][1]
    return None


def _qualifies_head(word: str) -> bool:
    """Can `word`, ending a run right after a head, be part of the name (a place)?"""
    if word in _COUNTRY_CODES:
        return True  # "Dementias Platform UK"
    return (
        word.isalpha()
        and word[0].isupper()
        and word[1:].islower()
        and not _is_head(word)
        and word not in _REJECT_HEADS
        and word not in _ROLES
        and word not in _NOT_SUB_NAMES
        and word not in _MONTH_NAMES
        and word not in _DAY_NAMES
    )


_COUNTRY_CODES = frozenset({"UK", "US", "USA"})
# Schools and houses whose names hold a head ("Community College", "Union Hospital").
_INSTITUTIONS = words("College University School Academy Polytechnic Hospital Museum Library")
_RUN_BREAKS = words("in on at to for by from since during with")
_DAY_NAMES = words("Monday Tuesday Wednesday Thursday Friday Saturday Sunday")


def _complement_end(texts: list[str], tail: int) -> int:
    """Where the capitalised complement of a head starting at texts[tail] ends (exclusive):
    at a preposition, a month or a weekday ("Council of Europe on Tuesday"). One more
    complement after "on" or "for" goes with it: "World Plan of Action on the Ozone Layer",
    "Programme of Action for the Least Developed Countries" (not "in": "the Marshall Plan
    in Western Europe" is a plan and a place)."""
    while tail < len(texts):
        word = texts[tail]
        if word in _MONTH_NAMES or word in _DAY_NAMES:
            break
        if word in _RUN_BREAKS:
            following = texts[tail + 1 : tail + 3]
            if following[:1] == ["the"]:
                following = following[1:]
            if not (
                word in ("on", "for")
                and texts[tail - 1][:1].isupper()
                and following
                and following[0][:1].isupper()
                and following[0] not in _MONTH_NAMES
                and following[0] not in _DAY_NAMES
            ):
                break
        tail += 1
    return tail


_NEXT_CAPITAL = re.compile(r"\s+([A-Z][a-z]+)\b")
_SPEECH_AFTER = re.compile(r"\s+(?:address|speech|lecture|debate)\b")
_BUSINESS_APPOSITION = re.compile(
    r",\s+(?:the|a|an|its|their)\s+(?:[\w-]+\s+){0,3}?(?:company|firm|supplier|"
    r"manufacturer|maker|producer|retailer|carrier|airline|insurer|conglomerate|start-?up)s?\b"
)


_MONTH_NAMES = words(
    "January February March April May June July August September October November December"
)


def _is_month(word: str) -> bool:
    return word in _MONTH_NAMES


_TOKEN = re.compile(r"\S+")
_TRIGGER_SET = HEADS | _PLURAL_HEADS | _GENERIC_WORDS | {"International", *_PREFIX_HEADS}
_HEAD_SET = HEADS | _PLURAL_HEADS
# A head noun or prefix head, as a whole word (no letter or "+" on either side). The
# lowercase "programme"-like words are looked for apart (with str.find): lowercase
# candidates are everywhere and would slow the pattern down.
_TRIGGER_WORD = whole_words(_TRIGGER_SET - _GENERIC_WORDS, "A-Za-z+")
_LETTERS_AND_PLUS = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz+")
# "Strategy 2022–2026", and a number designating a body: "Combined Task Force 151" (not a
# count: "the Fund 40 staff").
_YEAR_AFTER = re.compile(
    r"\s+(?:\d{4}(?:[–-]\d{2,4})?(?![\w])|\d{1,3}(?![\w.,–-]\d|\w)"
    r"(?!\s+(?!(?:of|in|on|at|and|to|from|for|the|which|that|was|is|has|had|were|with|by)\b)"
    r"[a-z]))"
)
_OF_YEAR = re.compile(r"\s+of\s+(?:19|20)\d\d(?![\w–-])")
_MONTH_IN_RUN = re.compile(
    r"\s+(?:(?:on|in|of)\s+)?(?:\d{1,2}\s+)?(?:January|February|March|April|May|June|July|"
    r"August|September|October|November|December)(?:\s+\d{1,4})*(?:\s+(?:and|the))*(?=\s|$)"
)
_GENERIC_AFTER = re.compile(rf"\s+(?:{'|'.join(_GENERIC_LOWER)})\b")
_DESCRIPTIVE_AFTER = re.compile(rf"\s+({'|'.join(_DESCRIPTIVE_LOWER)})\b")
# Words after which a name needs a code in capitals: places go on missions too.
_CODED_KINDS = ("mission", "instrument")
_TWO_CAPITALS = re.compile(r"[A-Z][A-Z]")
_OPENERS = words(
    """
    the a an in at on by for of and to under within with from since during after before as
    this that these those its their his her our each every both all some many most such
    another other when while where although though because if once until unlike despite
    following according between among about over through into it they we he she there
    meanwhile however moreover nevertheless nonetheless instead today yesterday later then
    now also still thus hence indeed furthermore likewise similarly finally eventually
    initially originally currently recently previously subsequently separately together
    """
)
# (The last three lines: adverbs that open a sentence, "Meanwhile the African Union set up".)


_MISSION_TO = re.compile(r"\s+(?:to|of)\s+(?:the\s+)?[A-Z]")
_MISSION_OF_TO = re.compile(r"^(?:Permanent\s+)?Missions?\s+of\s+(?:the\s+)?[A-Z][\w-]*$")
_PERMANENT_MISSION = re.compile(r"(?:Permanent|Diplomatic)\s+Missions?$")


def _diplomatic_mission(sentence: str, start: int, end: int, name: str) -> bool:
    """ "Azerbaijan's Mission to NATO", "the Permanent Mission of Georgia": an embassy-like
    body, not a programme."""
    if _MISSION_OF_TO.match(name) and sentence.startswith(" to ", end):
        return True  # "the Mission of Japan to NATO"
    if not name.endswith(("Mission", "Missions")):
        return False
    if _MISSION_TO.match(sentence, end):
        return True
    return bool(_PERMANENT_MISSION.search(name))


def _find_mentions(
    sentences: Sequence[str], drafts: Sequence[_Draft], joined: Joined
) -> tuple[tuple[Mention, ...], ...]:
    """Every place each sentence names one of `drafts`: longest forms first, each sentence
    read once (see :mod:`bot.extract.phrases`)."""
    keys: dict[str, str] = {}
    for draft in drafts:
        for form in draft.variants:
            keys.setdefault(_mention_key(form), draft.key)
    if not keys:
        return tuple(() for _ in sentences)
    forms = sorted(keys, key=len, reverse=True)
    found = find_phrases(sentences, [_spellings(form) for form in forms], joined=joined)
    return tuple(
        tuple(Mention(s, e, keys[forms[i]]) for s, e, i in ms) if ms else () for ms in found
    )


def _mention_key(form: str) -> str:
    """One spelling per surface form: spaces collapsed, programme -> program, Centre -> Center."""
    form = " ".join(form.split())
    return form.replace("programme", "program").replace("Centre", "Center")


_VARIABLE_SPELLING = re.compile(r"(program|Center)")
_SPELLING_CHOICES = {"program": ("programme", "program"), "Center": ("Center", "Centre")}


def _spellings(form: str) -> tuple[str, ...]:
    """The ways a mention key may be written: "program" also as "programme", "Center"
    also as "Centre"."""
    if "program" not in form and "Center" not in form:
        return (form,)
    pieces = _VARIABLE_SPELLING.split(form)
    choices = [_SPELLING_CHOICES[piece] if i % 2 else (piece,) for i, piece in enumerate(pieces)]
    return tuple("".join(parts) for parts in itertools.product(*choices))


def _promote_inner(drafts: list[_Draft], mentions: tuple[tuple[Mention, ...], ...]) -> None:
    """An inner acronym ("ANA" in "ANA Trust Fund") counts once the text uses it alone."""
    counts: dict[str, int] = {}
    for sentence_mentions in mentions:
        for m in sentence_mentions:
            counts[m.key] = counts.get(m.key, 0) + 1
    for draft in drafts:
        if draft.inner and counts.get(draft.key, 0) > 0:
            draft.inner = False


# "Operation Atalanta, formally the European Union Naval Force Somalia (EU NAVFOR
# Somalia)", "Gavi, the Vaccine Alliance, began life as the Global Alliance for Vaccines
# and Immunization (GAVI)": two names of one body.
_OTHER_NAME = re.compile(
    r"^,?\s+(?:(?:formally|officially|formerly|originally|also\s+known\s+as|better\s+known\s+as)"
    r"|(?:which\s+|that\s+)?(?:began\s+life|started\s+(?:life|out)|was\s+founded|was\s+set\s+up)"
    r"\s+as)\s+(?:the\s+)?$"
)


# "the Barcelona Process, launched at a conference ... in November 1995 and formally called
# the Euro-Mediterranean Partnership (EMP)": the other name after a participle phrase.
_CALLED_LATER = re.compile(
    r"(?:,|\band)\s+(?:was\s+|is\s+)?(?:formally|officially|also|originally|better)\s+"
    r"(?:called|named|known\s+as|titled)\s+(?:the\s+)?$"
)


def _merge_other_names(
    sentences: Sequence[str], mentions: tuple[tuple[Mention, ...], ...], drafts: list[_Draft]
) -> bool:
    """Merge a body named again under another name right after it (see _OTHER_NAME): the
    first name stays, the acronym comes from either. The merged draft is marked `inner`
    so that the caller drops it. Returns whether anything merged."""
    by_key = {d.key: d for d in drafts}
    merged = False
    for index, ms in enumerate(mentions):
        for a, b in itertools.pairwise(ms):
            first, second = by_key.get(a.key), by_key.get(b.key)
            if first is None or second is None or first is second or second.inner:
                continue
            if first.acronym and second.acronym:
                continue  # two bodies, each with its own acronym
            gap = sentences[index][a.end : b.start]
            if not (_OTHER_NAME.match(gap) or (len(gap) < 160 and _CALLED_LATER.search(gap))):
                continue
            old_keys = {first.key, second.key}
            first.acronym = first.acronym or second.acronym
            first.variants |= second.variants
            if first.defined_in is None:
                first.defined_in = second.defined_in
            first.part_of = first.part_of or second.part_of
            second.inner = True
            for d in drafts:
                if d.part_of in old_keys:
                    d.part_of = first.key
            by_key = {d.key: d for d in drafts if not d.inner}
            merged = True
    return merged


# (An inserted participle phrase or relative clause may stand before the verb, "X (ICP),
# agreed in 2009, was replaced by", "X, which ran from 2010 to 2012, was replaced by", and a
# date between the verb and "by", "which was replaced in 2024 by", "replaced on Friday by".)
_SUCCESSION_FORWARD = re.compile(
    r"^\W*(?:\([^)]*\)\W*)?(?:(?<=,\s)(?:[a-z]+ed|which|that)\b[^,;()]{0,60},\s*)?"
    # "the Customs Union led by Russia, which became the EAEU"
    r"(?:(?:[a-z]+ed|led|run|held)\s+by\s+[A-Z][\w-]*(?:\s+[A-Z][\w-]*)?,\s*)?"
    r"(?:which|that|it|and)?\s*"
    r"(?:was|were|has\s+been|had\s+been|is|would\s+be|(?:is|was)\s+being|will\s+be)?\s*"
    r"(?:later|eventually|subsequently|formally|officially|then|itself|in\s+turn)?\s*"
    r"(?:(?:transformed|turned|converted|reorganised|reorganized|merged|folded|absorbed|"
    r"upgraded|evolved|developed|restructured|relaunched|re-launched)\s+(?:into|to|as)"
    r"|(?:merged|folded|absorbed)\s+with"
    r"|renamed(?:\s+as)?|rebranded(?:\s+as)?|became|gave\s+way\s+to"
    # passive only: "X was replaced by Y"; active "X replaced Y" runs the other way
    r"|(?:replaced|succeeded|superseded|followed)(?:\s+(?:in|on)\s+[\w ]{1,20}?)?\s+by)\s*"
    r"(?:the\s+|an?\s+)?(?:new\s+|current\s+|present\s+)?"
    # "... by a new crediting scheme, the Paris Agreement Crediting Mechanism"
    r"(?:(?:[a-z-]+\s+)?(?:scheme|programme|program|mechanism|initiative|fund|facility|"
    r"instrument|body|mission|plan),\s+(?:the\s+)?)?$",
    re.I,
)
# "X (ICP) ... in 2015, and that programme was in turn succeeded by Y": a noun naming X's
# kind stands for X.
_THAT_ONE_SUCCEEDED = re.compile(
    r"(?:^|[,;]\s*|\s)(?:and\s+)?(?:that|this|the)\s+(?:same\s+)?(?P<noun>[a-z]+)\s+"
    r"(?:was|has\s+been|had\s+been)\s+(?:in\s+turn\s+|later\s+|itself\s+)?"
    r"(?:replaced|succeeded|superseded)(?:\s+in\s+\d{4})?\s+by\s+(?:the\s+|an?\s+)?$"
)
# "The IPAP was updated in 2008 and 2010, and was replaced by ...", "The HBP ended on 30
# September 2023 and was succeeded by ...": a second predicate.
# Milestone lists write the present: "The NTIM is set up in August and is succeeded in
# December by ...".
_SAME_SUBJECT_SUCCEEDED = re.compile(
    r"\s+(?:(?:was|were|is|are|has\s+been|had\s+been)\s+(?:[a-z]+ed|set\s+up|built)"
    r"|ended|closed|expired|lapsed|ends|closes|expires)\b"
    r"[^;()]{0,80}?,?\s+and\s+"
    r"(?:was\s+|is\s+|has\s+been\s+|had\s+been\s+)?(?:later\s+|then\s+|eventually\s+)?"
    r"(?:replaced|succeeded|superseded)(?:\s+in\s+(?:\d{4}|[A-Z][a-z]+(?:\s+\d{4})?))?"
    r"\s+by\s+(?:the\s+|an?\s+)?$"
)
# A sentence opening with "the process" or "this programme" that names its successor:
# "In July 2008 the process was relaunched as the Union for the Mediterranean (UfM)".
_THIS_ONE = re.compile(r"(?:^|\s)(?:[Tt]he|[Tt]his|[Tt]hat)\s+(?P<noun>[a-z]+)(?=\s)")
_SUCCESSION_VERB_HINTS = (" was ", " were ", " been ", " became ", " gave way ")
# "The new ITPP replaces it.": "it" is the previous sentence's programme.
_REPLACES_IT = re.compile(
    r"\s+(?:replaces|replaced|succeeds|succeeded|supersedes|superseded|"
    r"(?:takes|took)\s+over\s+from)\s+it\b"
)
# "The same regulation turned the European GNSS Agency (GSA) into the EU Agency ...".
_INTO = re.compile(r"^\W*(?:\([^)]*\)\W*)?into\s+(?:the\s+|an?\s+)?$")
_TURNED_BEFORE = re.compile(
    r"\b(?:turned|transformed|converted|merged|folded|reorganised|reorganized)\s+"
    r"(?:the\s+|an?\s+|its\s+)?$"
)
_SUCCESSION_BACKWARD = re.compile(
    r"^\W*(?:\([^)]*\)\W*)?(?:which|that|it|and)?\s*(?:has\s+|had\s+|was\s+)?(?:later\s+)?"
    r"(?:replaced|succeeded|superseded|took\s+over\s+from|replaces|succeeds|supersedes|"
    r"takes\s+over\s+from|is\s+the\s+successor\s+(?:to|of)|"
    r"was\s+the\s+successor\s+(?:to|of)|the\s+successor\s+(?:to|of)|successor\s+(?:to|of)|"
    r"followed)\s+(?:the\s+|[A-Z][\w-]*['’]s\s+)?$",
    re.I,
)
# "The EPCA was signed in 2015, replacing the PCA": the participle may follow the clause.
_REPLACING = re.compile(
    r",\s+(?:replacing|succeeding|superseding|taking\s+over\s+from)\s+(?:the\s+)?"
    r"(?:earlier\s+|former\s+|old\s+|previous\s+|original\s+)?$",
    re.I,
)
# A name used before a noun for an occasion or its members ("the Eastern Partnership summit").
_ATTRIBUTIVE = re.compile(
    r"\s+(?:summit|summits|conference|meeting|meetings|talks|ministerial|countries|states|"
    r"members|headquarters)\b"
)
_PART_OF = re.compile(
    r"^\W*(?:\([^)]*\)\W*)?(?:which\s+(?:is|became)\s+|is\s+|was\s+|became\s+|as\s+)?"
    r"(?:a\s+|an\s+|the\s+)?"
    r"(?:(?:key\s+|core\s+|central\s+|main\s+)?(?:part|component|pillar|element|strand|arm|"
    r"branch|sub-programme|subprogramme|tool)\s+of"
    # "the EU Mission in Armenia (EUMA), a civilian mission under the CSDP"
    r"|(?:(?:[a-z-]+\s+){0,2}(?:mission|operation|programme|program|initiative|project|"
    r"fund|facility|instrument)\s+)?(?:launched\s+|run\s+|established\s+|"
    r"set\s+up\s+|created\s+|operating\s+|conducted\s+|developed\s+)?(?:under|within|"
    r"in\s+the\s+framework\s+of))\s+(?:the\s+)?$",
    re.I,
)
# "The National Retrofit Plan, published in November 2021 as part of the Climate Action Plan
# 2021", "Combined Task Force 151 of the Combined Maritime Forces".
_AS_PART_OF = re.compile(
    r"^(?:,?\s+(?:[\w-]+\s+){0,6}?as\s+(?:a\s+|the\s+)?(?:[\w-]+\s+)?"
    r"(?:part|pillar|component|arm|strand|element)\s+of"
    r"|\s+of)\s+(?:the\s+)?$"
)
# "an Association Agreement, including a DCFTA": the second is part of the first.
_INCLUDING = re.compile(r"^,?\s+(?:including|comprising)\s+(?:the\s+|an?\s+|its\s+)?$")
_WHEN_BEFORE = re.compile(r"(?:^|\W)(?:[Ww]hen|[Aa]fter|[Oo]nce)\s+(?:the\s+)?$")
_IT = re.compile(r"(?:^|\s)[Ii]t\s")
_IT_RIGHT_AFTER = re.compile(r"^\s+it\s")
# "X, an EaP initiative": a programme's name used as a modifier of a word for a scheme.
_APPOSED_KIND_GAP = re.compile(r"^,\s+(?:an?|the)\s+$")
_KIND_AFTER = re.compile(r"\s+(?:initiative|programme|program|project|scheme|fund|facility)\b")
# "The Global Environment Facility (GEF), founded in 1991, manages the Least Developed
# Countries Fund": a verb of holding between the sentence's subject and a programme.
_HOLDS = re.compile(r"\b(?:includes?|manages|administers|oversees)\s+(?:the\s+)?$")
# A subject's place (the holding rule below, and _continued_by_it): the start of the
# sentence, after a leading phrase of time or place.
_SUBJECT_OPENING = re.compile(
    r"^(?:(?:In|By|From|On|Since|After|At|Meanwhile)\b[^,]{0,40},\s+"
    r"|(?:In|By|From|On|Since)\s+(?:\d{1,2}\s+)?(?:[A-Z][a-z]+\s+)?\d{4}(?:\s+to\s+\d{4})?\s+)?"
    r"(?:(?:[Tt]he|[Ii]ts|[Tt]heir)\s+(?:(?:new|current|first|second|latest|revised)\s+)?)?$"
)
_AND_THE = re.compile(r"^\s*(?:\([^)]*\)\s*)?,?\s*and\s+(?:the\s+)?$")


def _parts_held_by_subject(sentence: str, ms: Sequence[Mention], drafts: dict[str, _Draft]) -> None:
    """Set `part_of` for the programmes a sentence's subject holds: its first mention,
    opening the sentence, then a verb of holding (_HOLDS) right before another mention and
    those joined to that one by "and" ("... manages the LDCF and the Special Climate Change
    Fund")."""
    if len(ms) < 2 or not _SUBJECT_OPENING.match(sentence[: ms[0].start]):
        return
    owner = ms[0].key
    held = False
    for before, m in itertools.pairwise(ms):
        gap = sentence[before.end : m.start]
        if m.key == owner:
            held = False
        elif _HOLDS.search(sentence, max(0, m.start - 30), m.start) or (
            held and _AND_THE.match(gap)
        ):
            drafts[m.key].part_of = drafts[m.key].part_of or owner
            held = True
        else:
            held = False


def _antecedent(
    mentioned: Sequence[Mention], drafts: dict[str, _Draft], successor: _Draft
) -> _Draft | None:
    """What "it" stands for among the previous sentence's programmes: one of the same kind
    as its successor (an operation for an operation, an instrument for an instrument), else
    the only programme there is."""
    kinds = _kinds(successor)
    keys = list(dict.fromkeys(m.key for m in mentioned if m.key != successor.key))
    alike = [k for k in keys if kinds & _kinds(drafts[k])]
    if len(alike) == 1:
        return drafts[alike[0]]
    return drafts[keys[0]] if len(keys) == 1 else None


def _succeeded_across(sentence: str, gap: str, start: int, draft: _Draft) -> bool:
    """Does `gap`, between `draft` (named at `start`) and the next programme, say that the
    next one succeeded it ("was replaced by", "turned X into", "that programme was in turn
    succeeded by")?"""
    if _SUCCESSION_FORWARD.match(gap):
        # "Under the Paris Agreement it is being replaced by": "it" right after a name is
        # another programme, the name only a phrase before it.
        return not _IT_RIGHT_AFTER.match(gap)
    if _INTO.match(gap) and _TURNED_BEFORE.search(sentence, max(0, start - 30), start):
        return True
    if " by " not in gap[-14:]:
        return False  # (the two rules below end with "by")
    if _SAME_SUBJECT_SUCCEEDED.match(gap):
        return True
    that_one = _THAT_ONE_SUCCEEDED.search(gap)
    return bool(that_one and _kind_of(draft, that_one["noun"]))


def _kind_of(draft: _Draft, noun: str) -> bool:
    """Is `draft` a thing of the kind `noun` names ("programme" for a "... Programme")?"""
    return noun.capitalize() in _kinds(draft) or (
        noun == "program" and "Programme" in _kinds(draft)
    )


def _of_kind(mentioned: Sequence[Mention], drafts: dict[str, _Draft], noun: str) -> _Draft | None:
    """The one programme among `mentioned` of the kind `noun` names, if there is one."""
    keys = [k for k in dict.fromkeys(m.key for m in mentioned) if _kind_of(drafts[k], noun)]
    return drafts[keys[0]] if len(keys) == 1 else None


def _kinds(draft: _Draft) -> set[str]:
    """The head nouns of a programme's name ("Operation", "Instrument")."""
    words_ = (draft.name or "").replace("-", " ").split()
    return {w for w in words_ if w in _HEAD_SET or w in _PREFIX_HEADS}


_FOLLOW_ON = re.compile(
    # ("the succeeding programme, X"; not the participle in ", succeeding the PCA")
    r"(?:follow-on|follow-up|successor|succeeding(?!\s+(?:the|an?)\s)),?\s+(?!(?:to|of)\s)"
    r"(?:\w+\s+){0,2}$",
    re.I,
)
# "Horizon Europe, the framework programme for 2021 to 2027 and the successor to Horizon
# 2020": the programme named after it came first.
_ITS_PREDECESSOR = re.compile(r"\bits\s+predecessor,\s+(?:the\s+)?$")
_SUCCESSOR_TO = re.compile(
    r"\b(?:the\s+)?successor\s+(?:to|of)\s+(?:the\s+)?(?:old\s+|former\s+|earlier\s+)?$", re.I
)


def _relations(
    sentences: Sequence[str],
    mentions: tuple[tuple[Mention, ...], ...],
    drafts: dict[str, _Draft],
) -> None:
    previous: list[str] = []  # keys mentioned so far, most recent last
    last_sentence: list[Mention] = []  # the previous sentence's mentions
    # The last sentence with mentions, within three sentences before: a noun of a kind
    # ("The strategy was followed by ...") may reach back past sentences naming none.
    recent: list[Mention] = []
    recent_at = -10
    for index, sentence in enumerate(sentences):
        if not mentions[index]:
            last_sentence = []
            continue
        ms = [m for m in mentions[index] if m.key in drafts]
        if ms and not last_sentence and recent and index - recent_at <= 3:
            opening = sentence[: ms[0].start]
            noun = (
                _THIS_ONE.search(opening)
                if any(verb in opening for verb in _SUCCESSION_VERB_HINTS)
                and not _IT.search(opening)
                else None
            )
            if noun and _SUCCESSION_FORWARD.match(opening[noun.end() :]):
                earlier = _of_kind(recent, drafts, noun["noun"])
                if earlier is not None and earlier.key != ms[0].key:
                    earlier.succeeded_by = earlier.succeeded_by or ms[0].key
        if ms:
            recent, recent_at = ms, index
        if ms and last_sentence:
            # "The ENI financed ... In 2021 it was merged into the NDICI": "it" is the
            # programme of the previous sentence of the same kind, or the only one.
            opening = sentence[: ms[0].start]
            pronoun = _IT.search(opening)
            noun = (
                _THIS_ONE.search(opening)
                if not pronoun and any(verb in opening for verb in _SUCCESSION_VERB_HINTS)
                else None
            )
            earlier = None
            if pronoun and _SUCCESSION_FORWARD.match(opening[pronoun.start() :]):
                earlier = _antecedent(last_sentence, drafts, drafts[ms[0].key])
            elif noun and _SUCCESSION_FORWARD.match(opening[noun.end() :]):
                earlier = _of_kind(last_sentence, drafts, noun["noun"])
            elif _REPLACES_IT.match(sentence, ms[0].end):
                earlier = _antecedent(last_sentence, drafts, drafts[ms[0].key])
            else:
                # "Under the Paris Agreement it is being replaced by ... the PACM": "it"
                # after a first phrase naming another programme.
                for before, later in itertools.pairwise(ms):
                    gap = sentence[before.end : later.start]
                    inner = _IT.search(gap)
                    if inner and _SUCCESSION_FORWARD.match(gap[inner.start() :]):
                        if _WHEN_BEFORE.search(sentence, 0, before.start):
                            break  # "when ISAF's ... ended, it was ...": see below
                        earlier = _antecedent(last_sentence, drafts, drafts[later.key])
                        if earlier is not None and earlier.key != later.key:
                            earlier.succeeded_by = earlier.succeeded_by or later.key
                        earlier = None
                        break
            if earlier is not None and earlier.key != ms[0].key:
                earlier.succeeded_by = earlier.succeeded_by or ms[0].key
        last_sentence = ms
        for a, b in itertools.pairwise(ms):
            gap = sentence[a.end : b.start]
            if a.key == b.key:
                continue
            if _succeeded_across(sentence, gap, a.start, drafts[a.key]):
                drafts[a.key].succeeded_by = drafts[a.key].succeeded_by or b.key
            elif (
                " it " in gap
                and _WHEN_BEFORE.search(sentence, 0, a.start)
                and _SUCCESSION_FORWARD.match(gap[gap.index(" it ") :])
            ):
                # "when ISAF's combat role ended ..., it was succeeded by": the clause's
                # subject is the one replaced.
                drafts[a.key].succeeded_by = drafts[a.key].succeeded_by or b.key
            elif _SUCCESSION_BACKWARD.match(gap):
                drafts[b.key].succeeded_by = drafts[b.key].succeeded_by or a.key
            elif _REPLACING.search(gap):
                # "CEPA was signed at the Eastern Partnership summit ..., succeeding the PCA":
                # a name standing before an occasion's noun is not the clause's subject.
                subject = next(
                    (
                        x
                        for x in reversed(ms[: ms.index(b)])
                        if not _ATTRIBUTIVE.match(sentence, x.end)
                    ),
                    None,
                )
                if subject is not None and subject.key != b.key:
                    drafts[b.key].succeeded_by = drafts[b.key].succeeded_by or subject.key
            elif _PART_OF.match(gap) or _AS_PART_OF.match(gap):
                drafts[a.key].part_of = drafts[a.key].part_of or b.key
            elif _INCLUDING.match(gap):
                drafts[b.key].part_of = drafts[b.key].part_of or a.key
            elif gap in ("'s ", "’s "):
                # "UNIFIL's Maritime Task Force", "the European Union's Operation Althea"
                drafts[b.key].part_of = drafts[b.key].part_of or a.key
            elif _APPOSED_KIND_GAP.match(gap) and _KIND_AFTER.match(sentence, b.end):
                # "EU4Business, an Eastern Partnership initiative,"
                drafts[a.key].part_of = drafts[a.key].part_of or b.key
        _parts_held_by_subject(sentence, ms, drafts)
        for m in ms:
            before_it = sentence[max(0, m.start - 40) : m.start]
            earlier = [x.key for x in ms if x.start < m.start and x.key != m.key]
            if "predecessor" in before_it and earlier and _ITS_PREDECESSOR.search(before_it):
                # "the Cycle Hire scheme, relaunched ... after its predecessor, CityBike,"
                owners = [
                    x.key
                    for x in ms
                    if x.start < m.start
                    and x.key != m.key
                    and not sentence.startswith(("'s", "’s"), x.end)
                ]
                if owners and not drafts[m.key].succeeded_by:
                    drafts[m.key].succeeded_by = owners[-1]
            elif "successor" in before_it and earlier and _SUCCESSOR_TO.search(before_it):
                if not drafts[m.key].succeeded_by:
                    drafts[m.key].succeeded_by = earlier[-1]
            elif ("follow" in before_it or "succe" in before_it) and _FOLLOW_ON.search(before_it):
                before = [k for k in previous if k != m.key]
                # (Not an owner: "Horizon 2020, the EU's research programme, and its
                # successor, Horizon Europe" follows Horizon 2020, not the EU.)
                same = [
                    x.key
                    for x in ms
                    if x.start < m.start
                    and x.key != m.key
                    and not sentence.startswith(("'s", "’s"), x.end)
                ]
                predecessor = same[-1] if same else before[-1] if before else None
                if predecessor and not drafts[predecessor].succeeded_by:
                    drafts[predecessor].succeeded_by = m.key
            previous.append(m.key)


# (The look-behind follows the first capital, so that the engine can skip to capitals.)
_ACRONYM_TOKEN = re.compile(r"[A-Z](?<![\w-].)[A-Za-z]*[A-Z](?![\w-])")


def _derive_acronyms(drafts: list[_Draft], joined: Joined) -> tuple[dict[str, str], bool]:
    """Give initials to bodies that need them (see the module notes). Returns the renamed
    keys (old -> new) and whether a new acronym also occurs in the text on its own."""
    renamed: dict[str, str] = {}
    rescan = False
    taken = {d.acronym for d in drafts if d.acronym}
    related: set[str] = set()
    by_key = {d.key: d for d in drafts}
    for d in drafts:
        # Only succession implies a parallel name ("NACC" -> "EAPC"); a part is often
        # named descriptively and gets no invented acronym.
        other = d.succeeded_by
        if other and other in by_key:
            if d.acronym:
                related.add(other)
            if by_key[other].acronym:
                related.add(d.key)
    tokens: set[str] | None = None  # acronym-like tokens of the text, read when first needed
    for d in drafts:
        if d.acronym or not d.name:
            continue
        if tokens is None:
            tokens = {match.group() for _, _, match in joined.matches(_ACRONYM_TOKEN)}
        letters = initials(d.name)
        # "PfP" used in the text for the "Partnership for Peace" named without it
        spelled = next(
            (
                t
                for t in sorted(tokens)
                if t not in taken and t != letters and _matches_name(t, d.name)
            ),
            None,
        )
        if spelled is not None:
            letters = spelled
        elif len(letters) < 2 or letters in taken:
            continue
        used_alone = letters in tokens
        if used_alone or (d.key in related and len(letters) >= _SIGNIFICANT_INITIALS):
            old = d.key
            renamed[old] = letters
            rescan = rescan or used_alone
            d.acronym = letters
            d.variants.add(letters)
            taken.add(letters)
            for other in drafts:
                if other.part_of == old:
                    other.part_of = letters
                if other.succeeded_by == old:
                    other.succeeded_by = letters
    return renamed, rescan


def _matches_name(acronym: str, name: str) -> bool:
    """Could `acronym` abbreviate `name` (the rule of acronym definitions)?"""
    if not any(ch.islower() for ch in acronym):
        return False  # all-capital tokens are covered by the initials rule
    words_ = tuple(w.rstrip(".") for w in name.split())
    return _acronym_matches(acronym, words_)


_IT_OPENS = re.compile(r"^(?:It|Its)\s")


def _continued_by_it(
    sentences: Sequence[str],
    mentions: tuple[tuple[Mention, ...], ...],
    prose: Sequence[bool] | None,
) -> dict[str, dict[int, int]]:
    """Per programme key, sentences that go on about it though they do not name it: a
    sentence opening with "It" right after one whose subject is the programme ("The Global
    Fund ... was set up in January 2002. It is a financing institution rather than an
    implementing agency: ..."). Maps the subject sentence to the one after it."""
    found: dict[str, dict[int, int]] = {}
    for index in range(len(sentences) - 1):
        ms = mentions[index]
        if not ms or (prose is not None and not prose[index + 1]):
            continue
        if not _IT_OPENS.match(sentences[index + 1]):
            continue
        first = ms[0]
        if _SUBJECT_OPENING.match(sentences[index][: first.start]):
            found.setdefault(first.key, {})[index] = index + 1
    return found


# "The Plan sets out Serbia's reform goals": a sentence opening with a programme's head noun
# alone (then a lowercase word) speaks of the programme of that kind named just before.
_HEAD_OPENS = re.compile(r"^The\s+([A-Z][a-z]+)\s+(?!of\b|for\b|on\b)[a-z]")


# "The scheme, which began in 2018, pays ...": a sentence opening with a word for a scheme.
_SCHEME_OPENS = re.compile(r"^The\s+(?:scheme|programme|program|initiative)\b(?!\s+(?:of|for)\b)")
_SCHEME_KINDS = words(
    """
    Programme Program Programmes Programs Scheme Initiative Fund Grant Grants Fellowship
    Fellowships Plan Project Scholarship Bursary Loan Allowance Payment Benefit Credit
    """
)
# Kinds of bodies, which "the scheme" does not stand for.
_BODIES = words(
    """
    Council Commission Agency Organisation Organization Union Association Federation
    Foundation Bank Alliance Authority Institute Office Board Committee Centre Center Centres
    Centers Service Court Tribunal Group Panel Network Forum Secretariat Directorate Bureau
    """
)


def _continued_by_head(
    sentences: Sequence[str],
    mentions: tuple[tuple[Mention, ...], ...],
    prose: Sequence[bool] | None,
    drafts: dict[str, _Draft],
    continued: dict[str, dict[int, int]],
) -> None:
    """Add to `continued` (see _continued_by_it) the sentences that refer to a programme
    by its head noun ("IPAP (Individual Partnership Action Plan) ... The Plan sets out
    ..."): the one programme of that kind in the nearest of the three sentences before."""
    for index in range(1, len(sentences)):
        if prose is not None and not prose[index]:
            continue
        opening = _HEAD_OPENS.match(sentences[index])
        if opening is None or opening.group(1) not in _HEAD_SET:
            scheme = _SCHEME_OPENS.match(sentences[index])
            if scheme is not None:
                # "... its Future Leaders Fellowships would fund ... The scheme, which began
                # in 2018, pays for ...": the one scheme, not a body, named just before.
                keys = {m.key for m in mentions[index - 1] if not _kinds(drafts[m.key]) & _BODIES}
                if len(keys) > 1:  # (UKRI and its Fellowships: the one named as a scheme)
                    keys = {k for k in keys if _kinds(drafts[k]) & _SCHEME_KINDS}
                taken = continued.setdefault(keys.pop(), {}) if len(keys) == 1 else None
                if taken is not None and index - 1 not in taken and index not in taken.values():
                    taken[index - 1] = index
            continue
        head = opening.group(1)
        for before in range(index - 1, max(-1, index - 4), -1):
            keys = {m.key for m in mentions[before] if head in _kinds(drafts[m.key])}
            if not keys:
                continue
            if len(keys) == 1:
                key = keys.pop()
                taken = continued.setdefault(key, {})
                if before not in taken and index not in taken.values():
                    taken[before] = index
            break


def _finish(
    draft: _Draft,
    sentences: Sequence[str],
    mentioned: list[int],
    continued: dict[int, int] | None = None,
    prose: Sequence[bool] | None = None,
) -> Programme:
    # Labels and link lists ("Forum: EAPC", a "See also" item) say nothing about it.
    order = [i for i in mentioned if prose[i]] if prose is not None else mentioned[:]
    order = order or mentioned[:]
    if draft.defined_in is not None and draft.defined_in in order:
        order.remove(draft.defined_in)
        order.insert(0, draft.defined_in)
    else:
        # "Vision Zero is the council's plan to end deaths ...": a sentence saying what it
        # is comes first.
        saying = next((i for i in order if _says_what_it_is(sentences[i], draft)), None)
        if saying is not None:
            order.remove(saying)
            order.insert(0, saying)
    if continued:
        # The sentence that goes on about it ("It pays for ...") right after its subject one.
        order = [j for i in order for j in ((i, continued[i]) if i in continued else (i,))]
    return Programme(
        acronym=draft.acronym,
        name=draft.name,
        description=describe(draft.name or draft.acronym or "", [sentences[i] for i in order]),
        sentences=tuple(sentences[i] for i in mentioned),
        part_of=draft.part_of,
        succeeded_by=draft.succeeded_by,
    )


_WHAT_IT_IS = re.compile(r"\s+(?:is|was)\s+(?:a|an|the|one|its|their|[A-Z][\w-]*['’]s)\s")


def _says_what_it_is(sentence: str, draft: _Draft) -> bool:
    """Does `sentence` open with the programme's name (or acronym) and "is a/the ..."?"""
    for form in (draft.name, draft.acronym):
        if not form:
            continue
        at = 4 if sentence.startswith("The ") else 0
        if sentence.startswith(form, at) and _WHAT_IT_IS.match(sentence, at + len(form)):
            return True
    return False


DESCRIPTION_MAX_CHARS = 600
# A wire report's dateline is no part of what a sentence says: "KOUROU, French Guiana,
# Dec 6 (Newswire) - ", "CAMBRIDGE, England, 24 February 2022 – ", "DUBAI, Dec 8. ".
_DATELINE = re.compile(
    r"^[A-Z][A-Z.'’ -]{1,30}(?:,\s+[A-Z][\w.'’ -]{1,30})?,\s+"
    r"(?:[A-Z][a-z]{2,8}\.?\s+\d{1,2}|\d{1,2}\s+[A-Z][a-z]{2,8})(?:,?\s+\d{4})?\s*"
    r"(?:\([^)]{1,40}\))?\s*(?:[-–—]+|\.)\s+"
)


def describe(label: str, sentences: Sequence[str]) -> str:
    """Whole sentences about the programme, the defining one first, within the length cap."""
    out: list[str] = []
    used = 0
    for sentence in sentences:
        clean = " ".join(sentence.split())
        if clean[1:2].isupper():  # (a dateline opens with a word in capitals)
            clean = _DATELINE.sub("", clean, count=1)
        if out and used + len(clean) + 1 > DESCRIPTION_MAX_CHARS:
            break
        if clean in out:
            continue
        out.append(clean)
        used += len(clean) + 1
    return " ".join(out) if out else label
