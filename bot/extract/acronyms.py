"""Acronym definitions: "Partnership for Peace (PfP)" and "PfP (Partnership for Peace)".

An acronym is a token of two or more capitals, possibly with lowercase letters or digits
inside (PfP, UNESCO, NATO, EU, G7, IPv6). It is *defined* by a parenthesis next to a name
whose words' initials it matches. The match walks the acronym's letters over the name:

* every content word gives its initial (case-insensitive), then optionally more letters
  from inside it, in order ("Hypertext" -> HT, "Southeast" -> SE);
* parts of hyphenated words count as words ("Euro-Atlantic" -> EA, "Anti-Terrorism" -> AT);
* function words (of, for, and, the, ...) may give their initial or nothing ("PfP");
* a word that is itself an acronym may give all its capitals ("UN Development Programme"
  -> UNDP).

The shortest run of words before the parenthesis that uses every letter wins, so
"Azerbaijan joined the North Atlantic Cooperation Council (NACC)" gives exactly
"North Atlantic Cooperation Council".
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from bot.extract.vocabulary import words

FUNCTION_WORDS = words(
    """
    of for and the on in to at by with from de du des la le les et y a an & upon
    """
)
# (A part after a hyphen may be one letter: "NTM-A", "NTM-I".)
ACRONYM = re.compile(
    r"^(?=(?:[^A-Z0-9]*[A-Z0-9]){2})[A-Z](?:[A-Za-z0-9&]*[A-Z0-9])?"
    r"(?:-[A-Z0-9](?:[A-Za-z0-9&]*[A-Z0-9])?)*s?\+?$"
)
_PAREN = re.compile(r"\(([^()]{1,120})\)")
# A word of a name: letters/digits with inner hyphens, apostrophes, ampersands or dots.
_WORD = re.compile(r"[A-Za-z0-9&][A-Za-z0-9&'’.\-–]*")
_STOP = re.compile(r"[;:!?\"“”()\[\]]|\s[–—-]\s|\.\s")
_MAX_EXTRA_WORDS = 4
_ALTERNATIVE_NAMES = re.compile(r"[,;]|\s+(?:or|also|formerly)\b")
_NAME_LEAD = re.compile(r"^(?:the|known as|hereafter|abbreviated)\s+", re.I)
_COMMA = re.compile(r"[,;]")
_HYPHENS = re.compile(r"[-–]")


@dataclass(frozen=True, slots=True)
class Definition:
    """An acronym defined in a sentence, with the span of "name (ACR)" in that sentence."""

    acronym: str
    name: str
    start: int  # where the name starts
    end: int  # just after the closing parenthesis (or after the name, for the reverse form)
    name_end: int  # where the name ends
    paren_end: int


def is_acronym(token: str) -> bool:
    """True for PfP, UNESCO, NATO, EU, G7, IPv6, HL-LHC; false for "I", "Mr", "NATO-led"."""
    return bool(ACRONYM.match(token)) and len(token) <= 14


def find_definitions(sentence: str) -> list[Definition]:
    """Every acronym the sentence defines, in order. Never raises."""
    if "known as" in sentence:
        named = _known_as(sentence)
        if named:
            return sorted([*named, *_bracketed(sentence)], key=lambda d: d.start)
    return _bracketed(sentence)


# "the Technical Assistance to the Commonwealth of Independent States programme, better
# known as TACIS": an acronym said after the name, read off it like one in brackets.
_KNOWN_AS = re.compile(
    r",?\s+(?:also\s+|better\s+|commonly\s+|widely\s+)?known\s+as\s+(?:the\s+)?"
    r"([A-Z][A-Za-z0-9&-]*[A-Z0-9]\+?)(?![\w+-])"
)


def _known_as(sentence: str) -> list[Definition]:
    found: list[Definition] = []
    for known in _KNOWN_AS.finditer(sentence):
        acronym = known.group(1)
        if not is_acronym(acronym):
            continue
        tokens = _tokens_before(sentence, known.start())
        if len(tokens) > 2 and tokens[-1][2] in _KIND_WORDS and tokens[-2][2][:1].isupper():
            tokens = tokens[:-1]  # "... States programme, better known as TACIS"
        for letters in _readings(acronym):
            definition = _shortest_run(sentence, tokens, letters, acronym, known.end())
            if definition:
                found.append(definition)
                break
    return found


def _bracketed(sentence: str) -> list[Definition]:
    if "(" not in sentence:
        return []
    found: list[Definition] = []
    for paren in _PAREN.finditer(sentence):
        inner = paren.group(1).strip()
        head = _ALTERNATIVE_NAMES.split(inner, maxsplit=1)[0].strip()
        head = _NAME_LEAD.sub("", head)
        if is_acronym(head) or _TWO_PART.match(head):
            definition = _forward(sentence, paren.start(), paren.end(), head)
            if definition:
                found.append(definition)
            continue
        suffixed = _suffixed(sentence, paren, head)
        if suffixed:
            found.append(suffixed)
            continue
        if _COINED.match(head):
            # "European Atomic Energy Community (Euratom)": a short name made of syllables.
            tokens = _tokens_before(sentence, paren.start())
            coined = _loose(sentence, paren.end(), head, tokens, coined=True)
            if coined:
                found.append(coined)
                continue
        reverse = _reverse(sentence, paren, inner)
        if reverse:
            found.append(reverse)
    return found


def _forward(sentence: str, before: int, close: int, acronym: str) -> Definition | None:
    """The name read off the words ending at `before` (where the parenthesis opens);
    `close` is where the definition ends."""
    tokens = _tokens_before(sentence, before)
    for letters in _readings(acronym):
        found = _shortest_run(sentence, tokens, letters, acronym, close)
        if found:
            return found
    if len(tokens) > 2 and tokens[-1][2] in _KIND_WORDS and tokens[-2][2][:1].isupper():
        # "the Technical Assistance and Information Exchange instrument (TAIEX)": a
        # lowercase word for its kind between the name and its acronym.
        for letters in _readings(acronym):
            found = _shortest_run(sentence, tokens[:-1], letters, acronym, close)
            if found:
                return found
    # "the Comprehensive and Enhanced Partnership Agreement between the European Union and
    # Armenia (CEPA)": the parties follow the name the acronym is read off.
    between = _BETWEEN.search(sentence, max(0, before - 90), before)
    if between:
        head_tokens = [t for t in tokens if t[1] <= between.start()]
        for letters in _readings(acronym):
            found = _shortest_run(sentence, head_tokens, letters, acronym, close)
            if found:
                return found
    return _loose(sentence, close, acronym, tokens)


def _shortest_run(
    sentence: str,
    tokens: list[tuple[int, int, str]],
    letters: tuple[str, ...],
    acronym: str,
    close: int,
) -> Definition | None:
    """The shortest run of words ending at the parenthesis that `letters` read off."""
    limit = len(letters) + _MAX_EXTRA_WORDS
    total = len(tokens)
    if total and tokens[-1][2].lower() not in FUNCTION_WORDS:
        # Words giving their initials ("Association of Southeast Asia (ASA)") are a better
        # reading than letters taken from inside a word ("Asia" alone has A, s, a): try
        # that first, then the looser rule ("Hypertext Transfer Protocol (HTTP)").
        for strict in (True, False):
            for count in range(1, min(limit, total) + 1):
                first = tokens[total - count][2]
                if first.lower() in FUNCTION_WORDS:
                    continue
                if first[:1].isalnum() and first[0].lower() != letters[0]:
                    continue  # the first word must give the first letter (see _matches)
                span = tokens[total - count :]
                if _matches(letters, tuple(w for _, _, w in span), strict):
                    start, name_end = span[0][0], span[-1][1]
                    name = sentence[start:name_end]
                    return Definition(acronym, name, start, close, name_end, close)
    return None


# "C3S" for the Copernicus Climate Change Service, "W3C": a digit after a capital may say
# how many words start with that letter.
_REPEATED_LETTER = re.compile(r"([A-Z])([2-4])")
# "Fusion for Energy (F4E)", "Telomere-to-Telomere (T2T)": a 4 or a 2 between capitals
# may stand for "for" or "to".
_FOR = re.compile(r"(?<=[A-Z])[42](?=[A-Z])")
_BETWEEN = re.compile(r"\s+between\s+(?:the\s+)?[A-Z][^()]{2,80}\s+and\s+(?:the\s+)?[A-Z][^()]*$")


@lru_cache(maxsize=4096)
def _readings(acronym: str) -> tuple[tuple[str, ...], ...]:
    """The letter sequences `acronym` may stand for: as written ("G7", "IPv6"), then with a
    digit after a capital read as that many of the letter ("C3S" -> c, c, c, s), or a 4 or
    2 between capitals read as "for" or "to" ("F4E" -> f, f, e; "T2T" -> t, t, t)."""
    readings = [_letters(acronym)]
    if _FOR.search(acronym):
        readings.append(_letters(_FOR.sub(lambda m: "F" if m.group() == "4" else "T", acronym)))
    if _REPEATED_LETTER.search(acronym):
        expanded = _REPEATED_LETTER.sub(lambda m: m.group(1) * int(m.group(2)), acronym)
        readings.append(_letters(expanded))
    return tuple(readings)


_LOOSE_HEADS = words(
    """
    Organization Organisation Agency Council Commission Fund Programme Program Centre Center
    Centers Centres Institute Foundation Union Alliance Association Federation Committee
    Community Office Mission Force Operation Initiative
    """
)
_LEADING_WORDS = words(
    """
    the a an under through with within in at by from for on after before during since via
    as to and of into
    """
)
_COINED = re.compile(r"^[A-Z][a-z]{3,}[A-Za-z]*$")
# "(IPCEI ME)", "(EU NAVFOR)": an acronym in two parts
_TWO_PART = re.compile(r"^[A-Z][A-Za-z0-9&]*[A-Z0-9] [A-Z][A-Za-z0-9&]*[A-Z0-9]$")
_RUN_WORD = re.compile(r"^(?:[A-Z][\w'’&.+-]*|of|for|and|the|on|in|to|de|du|des|la|le|&)$")


def _loose(
    sentence: str,
    close: int,
    acronym: str,
    tokens: list[tuple[int, int, str]],
    coined: bool = False,
) -> Definition | None:
    """Names whose acronym skips words or comes from another language:
    "Large Electron-Positron Collider (LEP)", "Centers for Disease Control and Prevention
    (CDC)", "European Organization for Nuclear Research (CERN)".

    The capitalised run right before the parenthesis is the name when its initials start
    with the acronym's letters in order, leaving at most two initials unused, or when it
    names a body ("Organization", "Agency", ...)."""
    run: list[tuple[int, int, str]] = []
    for token in reversed(tokens):
        if not _RUN_WORD.match(token[2]) or len(run) >= 10:
            break
        if run and "," in sentence[token[1] : run[0][0]]:
            break  # "... Opportunities Partners, and the Defence ... Building (DCB)"
        run.insert(0, token)
    while run and not run[0][2][:1].isupper():
        run.pop(0)
    # "Under the NATO Science for Peace and Security Programme (SPS)": a preposition or an
    # article opening the sentence is no part of the name.
    while run and run[0][2].lower() in _LEADING_WORDS:
        run.pop(0)
    content = [w for _, _, w in run if w.lower() not in FUNCTION_WORDS]
    if len(content) < 2:
        return None
    heads = [p[0].lower() for w in content for p in _parts(w)]
    letters = _letters(acronym)
    used, li = 0, 0
    for initial in heads:
        if li < len(letters) and initial == letters[li]:
            li += 1
            used += 1
    prefix_ok = li == len(letters) and heads[0] == letters[0] and len(heads) - used <= 2
    body_ok = len(letters) >= 3 and any(w in _LOOSE_HEADS for w in content)
    if coined:
        prefix_ok, body_ok = False, body_ok and heads[0] == letters[0]
    if not (prefix_ok or body_ok):
        return None
    start, name_end = run[0][0], run[-1][1]
    return Definition(acronym, sentence[start:name_end], start, close, name_end, close)


def _tokens_before(sentence: str, end: int) -> list[tuple[int, int, str]]:
    """The words before `end` (where the parenthesis opens), back to the last clause
    punctuation."""
    stop = max(0, end - 200)  # a name is never longer; keeps long sentences linear
    for match in _STOP.finditer(sentence, stop, end):
        stop = match.end()
    words_ = _WORD.finditer(sentence, stop, end)
    return [(m.start(), m.end(), m.group().rstrip(".")) for m in words_]


_LEADING_THE = re.compile(r"^(?:the|an?)\s+", re.I)
# Lowercase words for a scheme's kind that may stand between its name and its acronym.
_KIND_WORDS = words("programme program initiative scheme instrument facility mechanism")
_TOKEN_END = re.compile(r"([A-Za-z0-9&]+)\s*$")
_TOKEN_THEN_KIND = re.compile(
    r"([A-Za-z0-9&]+)\s+(?:programme|program|initiative|scheme|instrument|facility|fund|"
    r"project|plan|mission)\s*$"
)
_TRAILING_LOWER = re.compile(r"(?:\s+[a-z]+){1,2}$")
# "(NDICI-Global Europe)", "(EU NAVFOR Somalia)": an acronym and the words that end the name.
_SUFFIXED = re.compile(r"^(?P<acronym>[A-Z][A-Za-z0-9&]*(?: [A-Z][A-Za-z0-9&]*)?)[- ]"
                       r"(?P<suffix>[A-Z][a-z]+(?: [A-Z][a-z]+){0,2})$")  # fmt: skip
_SUFFIX_JOINT = re.compile(r"(?:\s+[–—-])?\s+$")


def _suffixed(sentence: str, paren: re.Match[str], head: str) -> Definition | None:
    """ "Neighbourhood, Development and International Cooperation Instrument – Global Europe
    (NDICI-Global Europe)": the acronym is read off the name before the words it repeats,
    and the whole name is defined."""
    match = _SUFFIXED.match(head)
    if not match:
        return None
    acronym, suffix = match["acronym"], match["suffix"]
    if not (is_acronym(acronym) or _TWO_PART.match(acronym)) and " " in acronym:
        # "(ANA Trust Fund)": one acronym and two words, not two words of an acronym
        acronym, second = acronym.split(" ", 1)
        suffix = f"{second} {suffix}"
    if not (is_acronym(acronym) or _TWO_PART.match(acronym)):
        return None
    text_before = sentence[: paren.start()].rstrip()
    if not text_before.endswith(" " + suffix):
        return None
    joint = _SUFFIX_JOINT.search(sentence, 0, len(text_before) - len(suffix))
    if joint is None:
        return None
    inner = _forward(sentence, joint.start(), paren.end(), acronym)
    if inner is None:
        return None
    name_end = len(text_before)
    name = sentence[inner.start : name_end]
    return Definition(head, name, inner.start, paren.end(), name_end, paren.end())


def _reverse(sentence: str, paren: re.Match[str], inner: str) -> Definition | None:
    """ "PfP (Partnership for Peace)": an acronym right before a parenthesis naming it."""
    window = max(0, paren.start() - 40)
    token = _TOKEN_END.search(sentence, window, paren.start())
    if not token or not is_acronym(token.group(1)):
        # "The SPRING programme (Support for Partnership, Reform and Inclusive Growth)": a
        # word saying what the acronym names may stand before the brackets.
        token = _TOKEN_THEN_KIND.search(sentence, window, paren.start())
        if not token or not is_acronym(token.group(1)):
            return None
    letters = _letters(token.group(1))
    # The whole bracket first (a name may hold commas), then its part before a comma.
    # ("PARP (the Planning and Review Process)": an article opening the brackets is no part.)
    inner = _LEADING_THE.sub("", inner.strip())
    for name in dict.fromkeys((inner, _COMMA.split(inner, maxsplit=1)[0].strip())):
        # "TAIEX (Technical Assistance and Information Exchange instrument)": a lowercase
        # word ending the brackets says what the name is, and is no part of it.
        trailing = _TRAILING_LOWER.search(name)
        if trailing and trailing.start() > 0:
            name = name[: trailing.start()]
        words_ = tuple(w.rstrip(".") for w in _WORD.findall(name))
        if words_ and _matches(letters, words_):
            start = paren.start(1) + paren.group(1).index(name)
            end = start + len(name)
            return Definition(token.group(1), name, start, paren.end(), end, paren.end())
    return None


def matches(acronym: str, name_words: tuple[str, ...]) -> bool:
    """Can `acronym` be read off `name_words` by the definition rule above?"""
    return _matches(_letters(acronym), name_words)


def _letters(acronym: str) -> tuple[str, ...]:
    core = acronym[:-1] if acronym.endswith("s") and acronym[-2:-1].isupper() else acronym
    return tuple(ch.lower() for ch in core if ch.isalnum())


def _parts(word: str) -> list[str]:
    if "-" not in word and "–" not in word:
        return [word] if word else []
    return [p for p in _HYPHENS.split(word) if p]


@lru_cache(maxsize=4096)
def _matches(letters: tuple[str, ...], name_words: tuple[str, ...], strict: bool = False) -> bool:
    """Can the acronym's letters be read, in order, off `name_words`, using them all?
    `strict`: a word gives only its initial and the capitals inside it ("HyperText")."""
    units: list[tuple[str, bool]] = []  # (word part, may be skipped)
    for position, word in enumerate(name_words):
        for i, part in enumerate(_parts(word)):
            # Function words, numbers, the later parts of a hyphenated word ("Co-operation")
            # and a lowercase word inside a name ("Tribunal for the former Yugoslavia
            # (ICTY)") may give nothing; every other word must give its initial.
            optional = (
                i > 0
                or part.lower() in FUNCTION_WORDS
                or part.isdigit()
                or (0 < position < len(name_words) - 1 and part[:1].islower())
            )
            units.append((part, optional))
    if not units or units[0][1]:
        return False
    if strict:
        units = [(part[0] + _capitals(part[1:]), optional) for part, optional in units]
    return _walk(letters, tuple(units), 0, 0)


def _capitals(text: str) -> str:
    return "".join(ch for ch in text if ch.isupper())


@lru_cache(maxsize=16384)
def _walk(letters: tuple[str, ...], units: tuple[tuple[str, bool], ...], li: int, ui: int) -> bool:
    if ui == len(units):
        return li == len(letters)
    part, optional = units[ui]
    if optional and _walk(letters, units, li, ui + 1):
        return True
    if li == len(letters) or part[0].lower() != letters[li]:
        return False
    if len(part) > 1 and part.isupper() and part.isalpha():
        # A word in capitals gives its initial or all its letters ("UN Development
        # Programme (UNDP)"), not some of them: "European GNSS Agency (GSA)" is not read
        # off "GNSS Agency".
        if _walk(letters, units, li + 1, ui + 1):
            return True
        end = li + len(part)
        return letters[li:end] == tuple(part.lower()) and _walk(letters, units, end, ui + 1)
    # The part gives its initial, then any in-order subsequence of its remaining letters.
    return _inner(letters, units, li + 1, ui, part[1:].lower(), 0)


def _inner(
    letters: tuple[str, ...],
    units: tuple[tuple[str, bool], ...],
    li: int,
    ui: int,
    rest: str,
    ri: int,
) -> bool:
    if _walk(letters, units, li, ui + 1):
        return True
    if li == len(letters):
        return False
    found = rest.find(letters[li], ri)
    while found != -1:
        if _inner(letters, units, li + 1, ui, rest, found + 1):
            return True
        found = rest.find(letters[li], found + 1)
    return False


def initials(name: str) -> str:
    """The capitals of a name's significant words and hyphen parts: "Euro-Atlantic
    Partnership Council" -> "EAPC"."""
    out = []
    for word in _WORD.findall(name):
        for part in _parts(word.rstrip(".")):
            if part.lower() in FUNCTION_WORDS:
                continue
            if part[0].isupper():
                out.append(part[0])
    return "".join(out)
