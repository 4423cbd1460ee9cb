"""Name forms for cross-article entity linking: pure functions, no database.

A name is parsed once into a ``NameForm`` (normalised tokens, surname, bag of
organisation words, head word, acronym letters). The forms give the lookup keys
stored in ``entity_keys`` and the two tests the linker applies:

- ``variant_score``: two full names spelling the same entity differently
  (Zelensky / Zelenskiy / Zelenskyy, Kharkov / Kharkiv, "Russia's Ministry of
  Defence" / "Russian Defense Ministry" / "the Russian MoD");
- ``is_shorter_form``: a shorter name that can stand for a fuller one ("Macron"
  for "Emmanuel Macron", "J. Smith" for "John Smith", "Defense Ministry" for
  "Russian Defense Ministry", "GAO" for "Government Accountability Office").
  Whether it *does* is decided on the store (one candidate, or one in the same
  story or time window): see ``link.entities``.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

TYPE_CLASS = {"GPE": "PLACE", "LOC": "PLACE", "FAC": "PLACE"}

# Country adjectives and short forms -> one word, so "Russian Defense Ministry"
# and "Russia's Ministry of Defence" share their words.
_DEMONYMS = {
    "russian": "russia", "ukrainian": "ukraine", "french": "france", "british": "uk", "american": "us",
    "german": "germany", "chinese": "china", "polish": "poland", "italian": "italy", "spanish": "spain",
    "turkish": "turkey", "iranian": "iran", "israeli": "israel", "japanese": "japan", "indian": "india",
    "belarusian": "belarus", "belarussian": "belarus", "canadian": "canada", "dutch": "netherlands",
    "swedish": "sweden", "finnish": "finland", "norwegian": "norway", "danish": "denmark",
    "estonian": "estonia", "latvian": "latvia", "lithuanian": "lithuania", "romanian": "romania",
    "hungarian": "hungary", "czech": "czechia", "slovak": "slovakia", "moldovan": "moldova",
    "georgian": "georgia", "syrian": "syria", "saudi": "saudi", "australian": "australia",
    "brazilian": "brazil", "mexican": "mexico", "egyptian": "egypt", "pakistani": "pakistan",
    "afghan": "afghanistan", "iraqi": "iraq", "qatari": "qatar", "emirati": "uae", "swiss": "switzerland",
    "austrian": "austria", "belgian": "belgium", "greek": "greece", "portuguese": "portugal",
    "irish": "ireland", "scottish": "scotland", "welsh": "wales", "english": "england",
    "european": "europe", "african": "africa", "korean": "korea", "vietnamese": "vietnam",
}
# Phrases first (before splitting into words).
_PHRASES = [
    (re.compile(r"\brussian federation\b"), "russia"),
    (re.compile(r"\bunited states(?: of america)?\b"), "us"),
    (re.compile(r"\bu\.\s?s\.(?:\s?a\.)?"), "us "),
    (re.compile(r"\bunited kingdom\b"), "uk"),
    (re.compile(r"\bu\.\s?k\.\s?"), "uk "),
    (re.compile(r"\bgreat britain\b|\bbritain\b"), "uk"),
    (re.compile(r"\bforeign affairs\b"), "foreign"),
    (re.compile(r"\binternal affairs\b"), "interior"),
    (re.compile(r"\bhome affairs\b|\bhome office\b"), "interior"),
]
_SPELLING = {
    "defence": "defense", "organisation": "organization", "programme": "program", "centre": "center",
    "labour": "labor", "ministries": "ministry", "forces": "force", "armed": "armed",
    "usa": "us", "britain": "uk", "gb": "uk",
}
# Acronyms that stand for several words.
_EXPAND = {
    "mod": ["defense", "ministry"], "mfa": ["foreign", "ministry"], "moi": ["interior", "ministry"],
    "dod": ["defense", "department"],
}
_STOP = {"the", "of", "and", "for", "on", "in", "at", "s", "a", "an", "'s"}
_CORP_SUFFIX = {"inc", "corp", "corporation", "co", "company", "ltd", "llc", "plc", "ag", "sa", "nv", "se",
                "gmbh", "limited", "holdings"}
# Words that make an organisation name generic: a shorter form without the head
# word ("Kremlin" vs "Kremlin press service") is then another organisation.
GENERIC_ORG_WORDS = set("""
ministry department office agency army force military command council commission committee service
press company group bank party embassy court parliament union organization association institute
foundation university college school government administration police guard fund federation league
center authority board bureau directorate staff navy corps brigade battalion regiment division unit
mission delegation team secretariat cabinet senate congress assembly house
""".split())
_INITIAL = re.compile(r"^[A-Za-z]\.?$")


def strip_accents(text: str) -> str:
    """``text`` without diacritics (Türkiye -> Turkiye, Zelenskyj stays)."""
    return "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))


def norm_token(token: str) -> str:
    """A token spelled the way transliterations agree on: lower case, no accents,
    y -> i, x -> ks, w -> v, doubled letters collapsed (Zelenskyy, Zelenskiy,
    Zelensky -> zelenski; Dmitry, Dmitriy -> dmitri)."""
    t = strip_accents(token).casefold()
    t = re.sub(r"[^a-z]", "", t)
    if t.startswith("ye") and len(t) > 4:  # Yevgeny / Evgeny
        t = t[1:]
    t = t.replace("x", "ks").replace("y", "i").replace("w", "v").replace("j", "i")
    return re.sub(r"(.)\1+", r"\1", t)


def skeleton(token: str) -> str:
    """The consonants of a normalised token (Kharkov, Kharkiv -> khrkv): the variant lookup key."""
    t = re.sub(r"[aeiou]", "", norm_token(token))
    return re.sub(r"(.)\1+", r"\1", t)


def edit_distance(a: str, b: str, cap: int = 3) -> int:
    """Levenshtein distance, stopping early above ``cap``."""
    if abs(len(a) - len(b)) > cap:
        return cap + 1
    prev = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        cur = [i]
        for j, cb in enumerate(b, 1):
            cur.append(min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (ca != cb)))
        if min(cur) > cap:
            return cap + 1
        prev = cur
    return prev[-1]


def token_variant(a: str, b: str) -> float:
    """1.0 for the same normalised token, 0.9 for a close transliteration, else 0.0.

    Close: both at least 5 letters, same consonants, one edit apart (two from 9
    letters) and not a gendered pair (Petrov / Petrova are two people).
    """
    na, nb = norm_token(a), norm_token(b)
    if not na or not nb:
        return 0.0
    if na == nb:
        return 1.0
    if min(len(na), len(nb)) < 5 or skeleton(a) != skeleton(b):
        return 0.0
    if na + "a" == nb or nb + "a" == na:
        return 0.0
    allowed = 2 if min(len(na), len(nb)) >= 9 else 1
    return 0.9 if edit_distance(na, nb, allowed) <= allowed else 0.0


def type_class(type_: str) -> str:
    """PLACE for GPE / LOC / FAC, else the type itself (as ``nlp.entities.entity_id`` does)."""
    return TYPE_CLASS.get(type_, type_)


@dataclass(frozen=True)
class NameForm:
    """A parsed name. ``words`` are the surface words; ``bag`` the normalised
    organisation words (orgs only); ``head`` the organisation's head word."""

    name: str
    cls: str
    words: tuple[str, ...]
    bag: frozenset[str] = frozenset()
    head: str = ""
    initials: str = ""
    acronym: str = ""  # the letters of a one-word all-capitals name ("GAO" -> "gao")

    @property
    def surname(self) -> str:
        return norm_token(self.words[-1]) if self.words else ""

    @property
    def person_full(self) -> bool:
        """A person name with a given name spelled out (not "Macron", not "J. Smith")."""
        return len(self.words) >= 2 and not _INITIAL.match(self.words[0])



def _org_words(name: str) -> list[str]:
    text = strip_accents(name).casefold().replace("\u2019", "'")
    text = re.sub(r"^the\s+", "", text)
    for pattern, repl in _PHRASES:
        text = pattern.sub(repl, text)
    text = re.sub(r"'s\b", " ", text)
    words = []
    for w in re.findall(r"[a-z0-9]+", text):
        w = _DEMONYMS.get(w, _SPELLING.get(w, w))
        words += _EXPAND.get(w, [w])
    return words


def parse(name: str, type_: str) -> NameForm:
    """The form of an entity name of this spaCy type."""
    cls = type_class(type_)
    words = tuple(w for w in re.split(r"\s+", name.strip()) if w)
    if cls != "ORG":
        return NameForm(name=name, cls=cls, words=words)
    raw = _org_words(name)
    while raw and raw[-1] in _CORP_SUFFIX and len(raw) > 1:
        raw.pop()
    head = raw[raw.index("of") - 1] if "of" in raw[1:] else (raw[-1] if raw else "")
    content = [w for w in raw if w not in _STOP]
    initials = "".join(w[0] for w in re.findall(r"[A-Za-z][\w&-]*", name)
                       if w.lower() not in _STOP and w.lower() not in _CORP_SUFFIX) if len(content) >= 2 else ""
    letters = re.sub(r"^the\s+", "", name.strip(), flags=re.I).replace(".", "")
    acronym = letters.lower() if 2 <= len(letters) <= 6 and letters.isalpha() and letters.isupper() else ""
    return NameForm(name=name, cls=cls, words=tuple(content), bag=frozenset(content), head=head,
                    initials=initials.lower(), acronym=acronym)


# Group words the small model tags NORP rightly; any other one-word NORP that reads
# like a surname is a person it mislabelled ("Sokol told reporters" -> NORP).
_GROUP_WORDS = set("""
democrat republican muslim christian jewish jew catholic protestant orthodox shia shiite sunni kurd arab
western eastern soviet nazi communist conservative liberal socialist labour labor tory tories islamist
jihadist separatist loyalist royalist green greens houthi houthis taliban hamas hezbollah
""".split())
_GROUP_ENDINGS = ("ian", "ians", "ans", "ese", "ish", "ist", "ists", "ics", "ite", "ites", "ni", "ki")


def parse_for_linking(name: str, type_: str) -> NameForm:
    """``parse``, except that a one-word NORP reading like a surname is parsed as a person."""
    if type_ == "NORP":
        word = name.strip()
        low = word.casefold()
        if (" " not in word and word[:1].isupper() and word[1:].islower() and len(word) >= 3
                and low not in _DEMONYMS and low.rstrip("s") not in _GROUP_WORDS and low not in _GROUP_WORDS
                and low not in _DEMONYMS.values() and not low.endswith(_GROUP_ENDINGS)):
            return parse(name, "PERSON")
    return parse(name, type_)


def keys(form: NameForm) -> list[str]:
    """Lookup keys of a name: ``v:`` variant keys, ``s:`` surname, ``h:`` org head, ``a:`` acronym letters."""
    out = []
    if form.cls == "ORG":
        if form.bag:
            out.append("v:ORG:" + " ".join(sorted(form.bag)))
        if form.head:
            out.append("h:ORG:" + form.head)
        if form.initials and len(form.initials) >= 2:
            out.append("a:ORG:" + form.initials)
        if form.acronym:
            out.append("a:ORG:" + form.acronym)
        return sorted(set(out))
    if form.words:
        out.append(f"v:{form.cls}:" + " ".join(skeleton(w) for w in form.words))
    if form.cls == "PERSON" and form.words:
        out.append("s:PERSON:" + form.surname)
    return out


def variant_score(a: NameForm, b: NameForm) -> float:
    """How surely two full names spell the same entity (0 = not variants).

    Organisations: the same bag of normalised words. Others: the same number of
    words, each the same or a close transliteration.
    """
    if a.cls != b.cls:
        return 0.0
    if a.cls == "ORG":
        return 1.0 if a.bag and a.bag == b.bag else 0.0
    if len(a.words) != len(b.words) or not a.words:
        return 0.0
    if a.cls == "PERSON" and (not a.person_full or not b.person_full) and len(a.words) > 1:
        return 0.0  # initials are short forms, decided by context
    return min(token_variant(x, y) for x, y in zip(a.words, b.words))


def _given_compatible(short: tuple[str, ...], full: tuple[str, ...]) -> bool:
    """Given names of ``short`` fit those of ``full`` in order (equal, variant or initial)."""
    i = 0
    for w in short:
        while i < len(full):
            f = full[i]
            i += 1
            if _INITIAL.match(w) and norm_token(f)[:1] == norm_token(w)[:1]:
                break
            if token_variant(w, f) > 0:
                break
        else:
            return False
    return True


def is_shorter_form(short: NameForm, full: NameForm) -> bool:
    """True when ``short`` can stand for ``full`` (a surname, initials, fewer words of an org)."""
    if short.cls != full.cls or short.name == full.name:
        return False
    if short.cls == "PERSON":
        if not full.person_full or len(short.words) > len(full.words) or not short.words:
            return False
        if short.surname != full.surname or short.surname == "":
            return False
        if len(short.words) == len(full.words) and short.person_full:
            return False  # two full names: variants or two people, never a short form
        return _given_compatible(short.words[:-1], full.words[:-1])
    if short.cls == "ORG":
        if short.acronym:
            return short.acronym == full.initials
        # fewer words with the same head: "Defense Ministry" for "Russian Defense Ministry". Not a
        # leading name ("Apple" for "Apple TV", "Kremlin" for "Kremlin press service"): those are
        # most often another product or body (measured on MEANTIME: more wrong merges than right).
        return bool(short.bag and full.bag and short.bag < full.bag and short.head and short.head == full.head)
    return False


def shorter_form_keys(form: NameForm) -> list[str]:
    """Keys under which the fuller names this (short) name may stand for are stored."""
    if form.cls == "PERSON" and form.words and not form.person_full:
        return ["s:PERSON:" + form.surname]
    if form.cls == "PERSON" and len(form.words) >= 2:
        return ["s:PERSON:" + form.surname]  # "John Smith" may stand for "John F. Smith"
    if form.cls == "ORG":
        out = []
        if form.acronym:
            out.append("a:ORG:" + form.acronym)
        if form.head and form.bag:
            out.append("h:ORG:" + form.head)
        return out
    return []


def fuller_form_keys(form: NameForm) -> list[str]:
    """Keys under which shorter names that may stand for this (full) name are stored."""
    if form.cls == "PERSON" and len(form.words) >= 2:
        return ["s:PERSON:" + form.surname]
    if form.cls == "ORG" and len(form.bag) >= 2:
        out = ["h:ORG:" + form.head] if form.head else []
        if form.initials and len(form.initials) >= 2:
            out.append("a:ORG:" + form.initials)
        return out
    return []


def informativeness(form: NameForm) -> tuple[int, int]:
    """Sort key preferring fuller names: (number of words, length)."""
    return (len(form.words), len(form.name))
