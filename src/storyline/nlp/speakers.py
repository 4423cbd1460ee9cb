"""Speakers: from the subject of a cue verb to the in-text mention and the
canonical entity it stands for (a name, a role, an organisation, a pronoun).

Resolution order for a mention: a name in apposition ("the city's energy
company, Solvik Grid"); a named entity inside it; a pronoun -> the subject
that reports its clause ("Rubio says he feels ..."), else the speaker or
subject of the latest sentence before it that names a compatible person or
speaker (people of the other gender skipped where Mr./Mrs./Ms. tell it); a
country's body -> the article's adjective for the country and the body
("Kestria's foreign ministry" -> "Kestrian Foreign Ministry"); a role phrase -> a titled person
named earlier in the article ("President Olena Marchuk" ... "the president"),
else the office holder on the article's date; an organisation noun ("the
ministry") -> the most recent organisation whose name ends with it, or the
name written before the same noun ("Brava police" ... "Police said"); a
spokesperson "of/for" an organisation -> that organisation. A transcript's
turn label ("President of Varnia Olena Marchuk:", "MARCHUK:", "Minister of Foreign
Affairs:") -> the first person it names, else a name written in capitals (the
article's full name for it when there is one), else the office holder. Datelines
("LONDON (Reuters) -"), weekdays and lines before a paragraph break are
never subjects.
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Doc, Span, Token

from .aliases import canonical_alias
from .officeholders import canonical_place, canonical_role, holder, offices, role_alias_holder, role_phrases
from .entities import entity_id, normalise_name, person_name, propn_full_names
from .quote_cues import INDIRECT_CUES, ORG_NOUNS, ROLE_NOUNS

SUBJECT_DEPS = ("nsubj", "nsubjpass", "csubj")
PERSON_PRONOUNS = {"he", "she", "him", "her"}
GROUP_PRONOUNS = {"they", "it", "them"}
FIRST_PERSON = {"i", "we", "me", "us"}
_NP_LEFT_DEPS = {"det", "amod", "compound", "poss", "nmod", "nummod", "case", "quantmod", "npadvmod", "punct"}
_GENDER = {"he": "m", "him": "m", "she": "f", "her": "f"}
_HONORIFICS = {"mr": "m", "mrs": "f", "ms": "f", "miss": "f", "sir": "m", "dame": "f", "lord": "m", "lady": "f"}
# Modifiers of a role phrase that leave it naming the office's holder ("the new defence minister").
_STILL_IN_OFFICE = {"new", "current", "incumbent", "sitting", "outgoing", "top", "country", "nation", "s"}
_SPOKES = {"spokesman", "spokeswoman", "spokesperson", "official", "representative", "source", "aide"}


@dataclass
class Speaker:
    """A resolved speaker: the mention in the text and the canonical entity (if known)."""

    text: str
    span: tuple[int, int]
    name: str | None = None
    type: str | None = None

    @property
    def id(self) -> str | None:
        return entity_id(self.name, self.type) if self.name and self.type else None


def subject_of(verb: Token, quoted: bytearray | None = None) -> Token | None:
    """The grammatical subject of ``verb``, climbing through participles and
    conjoined verbs ("..., adding that" / "and warned") to the clause that has one.
    Subjects inside quoted text (``quoted[char] == 1``) and dates are skipped."""
    if verb.dep_ == "conj" and not any(c.dep_ in SUBJECT_DEPS for c in verb.children):
        # "He said his attacks have given him momentum and said that ...": the parser hung the
        # second "said" on the first one's clause; it shares the first one's subject
        for anc in verb.head.ancestors:
            if anc.lemma_ == verb.lemma_ and anc.i < verb.i:
                if any(c.dep_ == "ccomp" and c.left_edge.i <= verb.head.i <= c.right_edge.i for c in anc.children):
                    return subject_of(anc, quoted)
                break
    tok = verb
    for _ in range(4):
        subjects = [child for child in tok.children
                    if child.dep_ in SUBJECT_DEPS and not child.is_punct
                    and (child.ent_type_ not in ("DATE", "TIME", "CARDINAL", "PERCENT", "MONEY")
                         or child.ent_type_ == "CARDINAL" and any(c.dep_ == "prep" for c in child.children))
                    and child.lower_ not in _WEEKDAYS
                    and not (quoted is not None and quoted[child.idx])  # "telling the crowd, 'Some people ...'"
                    and not _dateline(child)]
        if subjects:
            # "LONDON (Reuters) - Donald Trump said": of two subjects the one nearest the verb
            before = [c for c in subjects if c.i < tok.i]
            child = before[-1] if before else subjects[0]
            if child.tag_ in ("WDT", "WP") and tok.dep_ == "relcl":
                return tok.head  # "Smith, who said ...": the antecedent
            return _after_break(child, verb)
        if tok.dep_ == "agent":
            continue
        # passive "was quoted as saying": the agent is the speaker
        for child in tok.children:
            if child.dep_ == "agent":
                for grand in child.children:
                    if grand.dep_ == "pobj":
                        return grand
        if (tok.dep_ in ("conj", "advcl", "xcomp", "acl", "relcl", "pcomp")
                or tok.dep_ == "prep" and tok.pos_ == "ADP") and tok.head is not tok:  # "began by saying"
            if tok.dep_ == "relcl":
                return tok.head
            tok = tok.head
            continue
        break
    return None


_PLURAL_HEADS = {"nine", "eight", "seven", "six", "five", "four", "three", "two", "half", "most", "many", "majority",
                 "some", "all", "both", "few", "dozens", "hundreds", "thousands"}
_WEEKDAYS = {"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"}


def _dateline(tok: Token) -> bool:
    """True for the place of a dateline ("LONDON (Reuters) -", "WASHINGTON —") opening a paragraph."""
    doc = tok.doc
    if tok.i > 0 and "\n" not in doc[tok.i - 1].text:
        return False
    nxt = doc[tok.i + 1] if tok.i + 1 < len(doc) else None
    return (nxt is not None and nxt.text in ("(", "-", "\u2014", "\u2013", "--")
            and (tok.is_upper and len(tok) > 1 or tok.ent_type_ in ("GPE", "LOC")))


def _after_break(subj: Token, verb: Token) -> Token | None:
    """``subj``, unless a paragraph break parts it from ``verb`` (a photo credit line the
    parser joined to the next paragraph): then its apposition after the break, if any."""
    lo, hi = sorted((subj.i, verb.i))
    if not any("\n" in t.text for t in subj.doc[lo:hi]):
        return subj
    for child in subj.rights:
        if child.dep_ == "appos" and child.i > subj.i and any("\n" in t.text for t in subj.doc[subj.i:child.i]):
            return child
    return None


def mention_span(tok: Token) -> Span:
    """The noun phrase naming a speaker, without appositions or relative clauses:
    the named entity holding ``tok``, or ``tok`` with its modifiers and an
    "of/for/at" attachment ("a spokesperson for the ministry")."""
    doc = tok.doc
    if tok.ent_type_ in ("PERSON", "ORG", "GPE", "NORP") and tok.ent_iob_ != "O":
        for ent in doc.ents:
            if ent.start <= tok.i < ent.end:
                # "French President Emmanuel Macron": keep the title too
                start = ent.start
                while start > 0 and doc[start - 1].head.i == tok.i and doc[start - 1].dep_ in ("compound", "amod", "nmod"):
                    start -= 1
                return doc[start:ent.end]
    start = tok.i
    for child in tok.lefts:
        if child.dep_ in _NP_LEFT_DEPS and not _dateline(child):
            start = min(start, child.left_edge.i)
    end = tok.i + 1
    for child in tok.rights:
        if child.dep_ == "prep" and child.i == end and (child.lower_ in ("of", "for", "at", "with") or child.lower_ == "in"
                                                        and (tok.ent_type_ == "CARDINAL" or tok.lower_ in _PLURAL_HEADS)):
            end = child.right_edge.i + 1
        elif child.dep_ in ("compound", "flat", "case") and child.i == end:
            end = child.i + 1
    for k in range(tok.i - 1, start - 1, -1):
        if "\n" in doc[k].text:  # nothing from the line before ("| Photo: ... |")
            start = k + 1
            break
    while start < end - 1 and (doc[start].is_punct or doc[start].is_space or not doc[start].text[0].isalnum()
                               and doc[start].text[0] not in "$\u00a3\u20ac"):
        start += 1
    while end - 1 > start and doc[end - 1].is_punct:
        end -= 1
    return doc[start:end]


def label_text_name(text: str) -> str | None:
    """The name closing a turn label read from its words alone (the tokenizer glued the label
    to what follows, "Sander(retranslated):"): after the title's last "of"/"for" the place or
    body comes first, so the name is the last two words of three or more ("President of
    Varnia Olena Marchuk" -> "Olena Marchuk"); a label without such a link is returned as it is."""
    words = text.split()
    links = [k for k, w in enumerate(words) if w.islower()]
    if not links:
        return None
    tail = words[links[-1] + 1:]
    return " ".join(tail[-2:]) if len(tail) >= 3 and all(w[:1].isupper() for w in tail) else None


class SpeakerResolver:
    """Resolves speaker mentions of one Doc; remembers speakers for pronouns.

    ``canon`` maps entity mention offsets to (canonical name, type), as the
    entity component grouped them, so speaker ids equal entity ids.
    """

    def __init__(self, doc: Doc, canon: dict[tuple[int, int], tuple[str, str]], extra_tables: tuple[str, ...] = ()):
        self.doc = doc
        self.canon = canon
        self.extra = extra_tables
        self.published = doc._.storyline_published if Doc.has_extension("storyline_published") else None
        self.speakers: list[tuple[int, Speaker]] = []  # (char offset, speaker) in text order
        self.titled = self._titled_people()
        self.full_names = propn_full_names(doc)
        self.gender = self._honorific_gender()

    def _honorific_gender(self) -> dict[str, str]:
        """Canonical person -> "m"/"f" where the article writes Mr./Mrs./Ms. before them."""
        out: dict[str, str] = {}
        for ent in self.doc.ents:
            key = (ent.start_char, ent.end_char)
            if key not in self.canon or self.canon[key][1] != "PERSON":
                continue
            first = ent[0] if ent[0].lower_.rstrip(".") in _HONORIFICS else (
                self.doc[ent.start - 1] if ent.start > 0 else None)
            g = _HONORIFICS.get(first.lower_.rstrip(".")) if first is not None else None
            if g:
                out.setdefault(self.canon[key][0], g)
        return out

    # -- named entities --------------------------------------------------
    def _entity_at(self, span: Span) -> tuple[Span, str, str] | None:
        best = None
        for ent in span.ents:
            key = (ent.start_char, ent.end_char)
            if key in self.canon and self.canon[key][1] in ("PERSON", "ORG", "GPE", "NORP", "FAC"):
                name, type_ = self.canon[key]
                # a person beats the country in "Russia's foreign minister Sergey Lavrov"
                rank = {"PERSON": 0, "ORG": 1}.get(type_, 2)
                if best is None or rank < best[0]:
                    best = (rank, ent, name, type_)
        return (best[1], best[2], best[3]) if best else None

    def _titled_people(self) -> list[tuple[int, str, str, str | None]]:
        """(offset, canonical person, role, place) for titled person mentions in the article."""
        out = []
        for ent in self.doc.ents:
            key = (ent.start_char, ent.end_char)
            if key not in self.canon or self.canon[key][1] != "PERSON":
                continue
            name = self.canon[key][0]
            words = [t for t in self.doc[max(0, ent.start - 5):ent.start]]
            # "Macron, the French president," : apposition after the name
            root = ent.root
            for child in root.children:
                if child.dep_ == "appos" and child.lower_ in ROLE_NOUNS | {"spokesperson"}:
                    words = list(child.subtree)
            words_text = " ".join(t.text for t in words)
            role, place = self._role_and_place(words_text, words)
            if role:
                out.append((ent.start_char, name, role, place))
        return out

    def _role_and_place(self, text: str, toks: list[Token] | Span) -> tuple[str | None, str | None]:
        low = " ".join(text.casefold().replace("\u2019", "'").replace("-", " ").split())
        low = low.replace("defense", "defence")
        role = None
        # longest role phrase mentioned (the tables' own roles included: "presidential spokesperson")
        for phrase in role_phrases(self.extra):
            if f" {phrase} " in f" {low} ":
                role = canonical_role(phrase, self.extra)
                break
        if role is None:
            # titles outside the office-holder table still link within the article ("Mayor X" ... "the mayor")
            role = next((w for w in low.split() if w in ROLE_NOUNS), None)
        place = None
        for tok in toks:
            for cand in (tok.text, tok.text.removesuffix("'s").removesuffix("\u2019s")):
                found = canonical_place(cand, self.extra)
                if found:
                    place = found
                    break
            if place:
                break
        toks = list(toks)
        for n in (4, 3, 2):  # a body of several words the tables know ("the Maren Council secretary-general")
            for k in range(len(toks) - n + 1):
                if place is None and toks[k].is_title and toks[k + n - 1].is_title:
                    place = canonical_place("".join(t.text_with_ws for t in toks[k:k + n]), self.extra)
        if place is None:
            for cand in ("united states", "united kingdom", "european union", "united nations", "white house",
                         "european commission", "european council"):
                if cand in low:
                    place = canonical_place(cand, self.extra)
                    break
        return role, place

    # -- resolution --------------------------------------------------------
    def resolve(self, tok: Token, as_name: bool = False) -> Speaker:
        """The speaker named by the subject token ``tok`` (``as_name``: a capitalised
        label such as a headline's "Marchuk:", read as a name whatever its tag)."""
        span = mention_span(tok)
        if as_name and tok.pos_ != "PROPN" and not tok.ent_type_ and tok.lower_ not in ROLE_NOUNS | ORG_NOUNS:
            words = [tok]
            while words[0].i > 0 and words[0].nbor(-1).is_title and words[0].nbor(-1).i >= tok.sent.start:
                words.insert(0, words[0].nbor(-1))
            name = " ".join(t.text for t in words)
            longer = self.full_names.get(name.casefold(), set()) if len(words) == 1 else set()
            name = next(iter(longer)) if len(longer) == 1 else name
            speaker = Speaker(" ".join(t.text for t in words), (words[0].idx, tok.idx + len(tok)),
                              normalise_name(name), "PERSON")
            return self._remember(speaker)
        speaker = Speaker(span.text, (span.start_char, span.end_char))
        low = tok.lower_
        if tok.pos_ == "PRON" or low in PERSON_PRONOUNS | GROUP_PRONOUNS | FIRST_PERSON:
            speaker.text, speaker.span = tok.text, (tok.idx, tok.idx + len(tok))
            found = self._bound(tok)
            if isinstance(found, Token):  # an unnamed group: it is the mention that names the speaker
                span = mention_span(found)
                speaker.text, speaker.span = span.text, (span.start_char, span.end_char)
                return self._remember(speaker)
            if found is None and low in PERSON_PRONOUNS:
                found = self._recent(tok.idx, {"PERSON"}, gender=_GENDER.get(low))
            elif found is None and low in GROUP_PRONOUNS:
                found = self._recent(tok.idx, {"ORG", "GPE", "NORP"}, speakers_only=True)
            if found:
                speaker.name, speaker.type = found
                if low in _GENDER and found[0] not in self.gender:
                    self.gender[found[0]] = _GENDER[low]
            return self._remember(speaker)
        named = next((c for c in tok.rights if c.dep_ == "appos" and c.pos_ == "PROPN"
                      and tok.ent_iob_ == "O" and tok.pos_ == "NOUN"), None)
        if named is not None:
            # "the city's energy company, Solvik Grid,", "her adviser, Jake Sullivan,": the name in apposition
            sub = mention_span(named)
            inner = self._entity_at(sub)
            whole = inner is not None and inner[0].start <= sub.start and inner[0].end >= sub.end
            if whole and inner[2] in ("PERSON", "ORG"):
                speaker.name, speaker.type = inner[1], inner[2]
                return self._remember(speaker)
            if not whole and all(t.pos_ == "PROPN" for t in sub):
                speaker.name = normalise_name(sub.text)
                speaker.type = "ORG" if tok.lemma_.lower() in ORG_NOUNS else "PERSON"
                return self._remember(speaker)
        person = self._office_of_place(tok, span)
        if person:  # "Varnia's foreign minister", "the Kestrian presidential spokesperson", "the Palace spokesman"
            speaker.name, speaker.type = person, "PERSON"
            return self._remember(speaker)
        ent = self._entity_at(span)
        if ent is not None and tok.lemma_.lower() in ORG_NOUNS and not (ent[0].start <= tok.i < ent[0].end) \
                and ent[2] in ("GPE", "NORP"):
            # "Kestria's defence ministry", "the Tavoran government": the body, not the country
            found = self._org_named_like(span, tok) or self._body_of(span, tok, ent[0])
            speaker.name, speaker.type = found or normalise_name(span.text), "ORG"
            return self._remember(speaker)
        if ent is not None:
            ent_span, name, type_ = ent
            head_is_role = tok.lower_ in _SPOKES and not (ent_span.start <= tok.i < ent_span.end)
            if head_is_role:
                if not any(c.dep_ == "det" and c.lower_ in ("a", "an") for c in tok.children):
                    person = self._role(span)  # "the Kremlin spokesman": the office holder
                    if person:
                        speaker.name, speaker.type = person, "PERSON"
                        return self._remember(speaker)
                org = self._spokes_org(tok, span)  # "a Kremlin spokesman": the body
                if org:  # "a French Foreign Ministry spokesperson" speaks for the ministry
                    speaker.name, speaker.type = org, "ORG"
                    return self._remember(speaker)
            if not head_is_role or type_ in ("ORG", "GPE", "NORP"):
                if not (ent_span.start <= tok.i < ent_span.end) and type_ in ("GPE", "NORP") and tok.lower_ in ROLE_NOUNS:
                    resolved = self._role(span)  # "the French president": the place is a modifier
                    if resolved:
                        speaker.name, speaker.type = resolved, "PERSON"
                        return self._remember(speaker)
                if type_ == "ORG" and " " not in name:
                    name = self._longer_org(name) or name  # "the Palace" -> "Orlavo Palace"
                speaker.name, speaker.type = name, type_
                return self._remember(speaker)
        if tok.lemma_.lower() in ROLE_NOUNS or tok.lower_ in ROLE_NOUNS:
            resolved = self._role(span)
            if resolved:
                speaker.name, speaker.type = resolved, "PERSON"
                return self._remember(speaker)
            org = self._spokes_org(tok, span)
            if org:
                speaker.name, speaker.type = org, "ORG"
                return self._remember(speaker)
        if tok.pos_ == "PROPN":
            # a name NER missed ("Olena Marchuk" tagged as a work of art)
            words = [t for t in span if t.pos_ == "PROPN"]
            if words and words[-1].i == tok.i and 1 <= len(words) <= 4:
                name = " ".join(t.text for t in words)
                is_org = any(t.lower_ in ORG_NOUNS for t in words)
                if len(words) == 1 and not is_org:
                    longer = self.full_names.get(name.casefold(), set())
                    name = next(iter(longer)) if len(longer) == 1 else name
                speaker.name, speaker.type = normalise_name(name), "ORG" if is_org else "PERSON"
                return self._remember(speaker)
        if tok.lemma_.lower() in ORG_NOUNS:
            found = self._org_by_head(tok)
            if found:
                speaker.name, speaker.type = found, "ORG"
        return self._remember(speaker)

    def resolve_label(self, start: int, end: int) -> Speaker:
        """The speaker a transcript's turn label names: "President of Varnia Olena Marchuk"
        -> the first person entity in it (the mention runs from the label's first word to
        that name: scraped labels may repeat the name and title after it); "MARCHUK" -> the
        name written in capitals (the article's full name when it gives one); a role alone
        ("Minister of Foreign Affairs") -> the titled person named earlier or the office
        holder; an organisation named in it -> that body. A label the tokenizer glued to
        what follows ("Putin:(laughing)") is read from its text."""
        doc = self.doc
        span = doc.char_span(start, end)
        if span is None:
            text = doc.text[start:end]
            name = label_text_name(text) or person_name(text)
            longer = self.full_names.get(name.casefold(), set()) if " " not in name else set()
            name = next(iter(longer)) if len(longer) == 1 else name
            return self._remember(Speaker(text, (start, end), normalise_name(name), "PERSON"))
        # the last person named: the title before it may hold a word the model took for a name
        # ("General Designer of ... Ivo Sander")
        person = next((e for e in reversed(doc.ents) if e.label_ == "PERSON" and span.start <= e.start < span.end),
                      None)
        if person is not None:
            end = min(person.end, span.end)
            first = person.start
            while first > span.start and not doc[first - 1].whitespace_:
                first -= 1  # "Kassym-Jomart Tokayev" when the model's name starts at "Jomart"
            if end - first == 1 and first > span.start and doc[first - 1].pos_ == "PROPN" \
                    and doc[first - 1].is_title and doc[first - 1].lower_ not in ROLE_NOUNS | ORG_NOUNS \
                    and doc[first - 1].lower_.rstrip(".") not in _HONORIFICS:
                first -= 1  # "... Concern Ivo Sander" with only "Sander" a person: the first name before it
            key = (person.start_char, person.end_char)
            words = doc[first:end].text.split()
            after_link = first > span.start and doc[first - 1].is_lower
            if first == person.start and end == person.end and self.canon.get(key, ("", ""))[1] == "PERSON" \
                    and not (after_link and len(words) >= 3):
                name = self.canon[key][0]
            else:  # the name as the label writes it (the model's may run on into a scraped repeat, or
                # take in the place or body the title names: "of Dornia Rail Ivo Sander")
                name = person_name(" ".join(words[-2:] if after_link and len(words) >= 3 else words))
            if " " not in name:  # "Sander:" -> the article's "Ivo Sander"
                longer = self.full_names.get(name.casefold(), set())
                name = next(iter(longer)) if len(longer) == 1 else name
            mention = doc[span.start:end]
            return self._remember(Speaker(mention.text, (mention.start_char, mention.end_char), name, "PERSON"))
        speaker = Speaker(span.text, (span.start_char, span.end_char))
        words = span.text.split()
        if span.text.isupper():
            names = [w for w in words if w.casefold() not in ROLE_NOUNS and w.casefold().rstrip(".") not in _HONORIFICS]
            if names and len(names) <= 3:
                name = " ".join(w.title() for w in names)
                longer = self.full_names.get(names[-1].casefold(), set()) if len(names) == 1 else set()
                speaker.name, speaker.type = (next(iter(longer)) if len(longer) == 1 else name), "PERSON"
                return self._remember(speaker)
        name = self._label_name(span)
        if name is not None:
            longer = self.full_names.get(name.casefold(), set()) if " " not in name else set()
            speaker.name, speaker.type = normalise_name(next(iter(longer)) if len(longer) == 1 else name), "PERSON"
            return self._remember(speaker)
        role, _place = self._role_and_place(span.text, span)
        if role:
            resolved = self._role(span)
            if resolved:
                speaker.name, speaker.type = resolved, "PERSON"
                return self._remember(speaker)
        ent = self._entity_at(span)
        if ent is not None and ent[2] == "ORG":
            speaker.name, speaker.type = ent[1], "ORG"
        return self._remember(speaker)

    @staticmethod
    def _label_name(span: Span) -> str | None:
        """The proper names closing a turn label the model tagged no person in: "Deputy
        Minister Ivo Tannery" -> "Ivo Tannery"; after "of" the run holds the place or body
        first, so the name is its last two words ("President of Varnia Olena Marchuk"), and a
        run of two or fewer is the title's own ("Minister of Foreign Affairs")."""
        run: list[Token] = []
        for tok in reversed(span):
            if tok.text == "-" and run and not tok.whitespace_ and tok.i > span.start and not tok.nbor(-1).whitespace_:
                run.insert(0, tok)  # "Kassym-Jomart"
                continue
            if tok.pos_ not in ("PROPN", "ADJ", "NOUN") or tok.lower_ in ROLE_NOUNS | ORG_NOUNS or not tok.is_title:
                break  # (a first name may be tagged as an adjective: "Olaf" as a nationality)
            run.insert(0, tok)
        while run and (run[0].ent_type_ == "GPE" or canonical_place(run[0].text)):
            run = run[1:]  # "President of Belarus Lukashenko": the place goes
        if not run:
            return None
        after_link = run[0].i > span.start and run[0].nbor(-1).is_lower
        words = "".join(t.text_with_ws for t in run).split()
        if after_link:
            if len(words) <= 2:
                return None
            words = words[-2:]
        return " ".join(words) if len(words) <= 4 else None

    def _bound(self, pron: Token) -> tuple[str, str] | Token | None:
        """The speaker a pronoun subject refers to when its clause is reported by a
        compatible subject: "Rubio says he feels ...", "Dayton told AP that he thinks ...",
        "Nine in 10 voters say they think ..." (he = Rubio, they = the voters)."""
        low = pron.lower_
        if low not in PERSON_PRONOUNS | GROUP_PRONOUNS:
            return None
        verb = pron.head
        for _ in range(3):
            if verb.dep_ not in ("ccomp", "xcomp", "advcl", "conj") or verb.head is verb:
                break
            outer = verb.head
            subj = subject_of(outer)
            verb = outer
            if subj is None or subj.i == pron.i or subj.i > pron.i:
                continue
            if outer.lemma_.lower() not in INDIRECT_CUES:
                continue
            if subj.lower_ in FIRST_PERSON or subj.tag_ in ("WDT", "WP") and subj.head is outer:
                return None
            found = self._peek(subj)
            if found is None:
                if low in ("they", "them") and (subj.tag_ in ("NNS", "NNPS") or subj.lower_ in _PLURAL_HEADS):
                    return subj  # "tech executives say they ...": the unnamed group itself
                return None
            name, type_ = found
            if low in PERSON_PRONOUNS:
                if type_ != "PERSON" or self.gender.get(name, _GENDER[low]) != _GENDER[low]:
                    return None
            elif low == "it" and (type_ not in ("ORG", "GPE", "NORP") or subj.tag_ in ("NNS", "NNPS")):
                return None
            elif low in ("they", "them") and type_ == "PERSON":
                return None
            return found
        return None

    def _peek(self, tok: Token) -> tuple[str, str] | None:
        """(name, type) ``tok`` resolves to, without remembering it as a speaker."""
        n = len(self.speakers)
        sp = self.resolve(tok)
        del self.speakers[n:]
        return (sp.name, sp.type) if sp.name and sp.type else None

    def _remember(self, speaker: Speaker) -> Speaker:
        self.speakers.append((speaker.span[0], speaker))
        return speaker

    def _recent(self, offset: int, types: set[str], speakers_only: bool = False,
                gender: str | None = None) -> tuple[str, str] | None:
        """The most recent speaker or entity mention of ``types`` before the sentence
        holding ``offset`` (or before ``offset`` when the sentence is the first to name one);
        with ``gender``, people known to be of the other one are passed over."""
        cands: list[tuple[int, tuple[str, str]]] = [
            (pos, (sp.name, sp.type)) for pos, sp in self.speakers if sp.name and sp.type in types]
        if not speakers_only:
            cands += [(start, (name, type_)) for (start, _e), (name, type_) in self.canon.items() if type_ in types]
        if gender:
            cands = [c for c in cands if self.gender.get(c[1][0], gender) == gender]
        cands.sort(key=lambda c: c[0])
        span = self.doc.char_span(offset, offset + 1, alignment_mode="expand")
        sent_start = span.sent.start_char if span is not None else offset
        before_sent = [c for c in cands if c[0] < sent_start]
        if before_sent:
            return self._salient(before_sent, {pos for pos, _ in self.speakers})[1]
        within = [c for c in cands if c[0] < offset]
        return within[-1][1] if within else None

    def _salient(self, cands: list[tuple[int, tuple[str, str]]], speaker_pos: set[int]) -> tuple[int, tuple[str, str]]:
        """Of the candidates in the last sentence that has any, the last one that is a
        speaker or its clause's subject ("Halvik ... visited the Lerna site. '...,' he
        said": Halvik, not Lerna); else the last one."""
        last = cands[-1]
        span = self.doc.char_span(last[0], last[0] + 1, alignment_mode="expand")
        if span is None:
            return last
        sent = span.sent
        same = [c for c in cands if c[0] >= sent.start_char]
        for c in reversed(same):
            if c[0] in speaker_pos:
                return c
            tok = self.doc.char_span(c[0], c[0] + 1, alignment_mode="expand")
            if tok is None:
                continue
            ent = next((e for e in self.doc.ents if e.start_char == c[0]), None)
            root = ent.root if ent is not None else tok[0]
            if root.dep_ in ("nsubj", "nsubjpass") or (root.dep_ == "appos" and root.head.dep_ in ("nsubj", "nsubjpass")):
                return c
        return last

    def _role(self, span: Span) -> str | None:
        role, place = self._role_and_place(span.text, span)
        if not role:
            return None
        best = None
        for pos, name, r, p in self.titled:
            # "Prime Minister Henrik Alvesande" ... "the Tavoran leader": an office holding the role
            if pos < span.start_char and r in offices(role) and (place is None or p is None or p == place):
                best = name  # the latest titled mention before wins
        if best:
            return best
        if place is None or self._not_the_office(span):
            return None
        found = holder(role, place, self.published, self.extra)
        return found.person if found else None

    def _not_the_office(self, span: Span) -> bool:
        """True when a word before the role phrase says the person is not its holder on the
        article's date: "the Russian opposition leader", "the former Kestrian president"
        (plain lower-case modifiers; "the new defence minister" still holds it)."""
        toks = list(span)
        start = next((k for k in range(len(toks)) if canonical_role(span[k:].text, self.extra)), None)
        if start is None:  # the phrase does not end the span ("the president of Varnia")
            low = [t.lower_.replace("-", " ") for t in toks]
            start = next((k for k in range(len(toks)) for n in (3, 2, 1)
                          if canonical_role(" ".join(low[k:k + n]), self.extra)), len(toks))
        return any(t.is_alpha and t.is_lower and t.dep_ not in ("det", "poss", "case")
                   and t.lower_ not in _STILL_IN_OFFICE for t in toks[:start])

    def _office_of_place(self, tok: Token, span: Span) -> str | None:
        """The office holder a definite role phrase names when its possessor or modifier is a
        place the tables know, whatever the model tagged that word ("Varnia's foreign minister"
        with "Varnia" an ORG, "the Kestrian presidential spokesperson" with "Kestrian" a PERSON):
        the titled person named earlier, else the holder on the article's date. A table alias
        that is a role phrase ("the Palace spokesman") is its person while in office. An
        indefinite one ("a Kremlin spokesman") is nobody in particular: None (its body speaks)."""
        if tok.ent_iob_ != "O" or tok.pos_ == "PROPN" and tok.lower_ not in ROLE_NOUNS:
            return None
        if any(c.dep_ == "det" and c.lower_ in ("a", "an", "some", "any") for c in tok.children):
            return None
        person = role_alias_holder(span.text, self.published, self.extra)
        if person:
            return person
        if tok.lower_ not in ROLE_NOUNS and tok.lemma_.lower() not in ROLE_NOUNS:
            return None
        before = self.doc[span.start:tok.i]
        role, place = self._role_and_place(span.text, before)
        if role is None or place is None or canonical_role(tok.lower_, self.extra) is None \
                and not any(canonical_role(self.doc[k:tok.i + 1].text, self.extra) for k in range(span.start, tok.i)):
            return None  # the head must close a role phrase of the tables ("minister", "foreign minister")
        for ent in span.ents:  # a person named in the phrase is the speaker, not the office
            if ent.label_ == "PERSON" and canonical_place(ent.text, self.extra) is None:
                return None
        return self._role(span)

    def _spokes_org(self, tok: Token, span: Span) -> str | None:
        """The body a spokesperson speaks for: "a Foreign Ministry spokesman",
        "a spokeswoman for the Defence Ministry"; None for other roles."""
        if tok.lower_ not in _SPOKES:
            return None
        for child in tok.rights:
            if child.dep_ == "prep" and child.lower_ in ("for", "of", "at"):
                pobj = next((c for c in child.children if c.dep_ == "pobj"), None)
                if pobj is not None:
                    sub = mention_span(pobj)
                    ent = self._entity_at(sub)
                    if ent is not None and ent[2] in ("ORG", "GPE"):
                        return ent[1]
                    if pobj.pos_ == "PROPN" or pobj.lemma_.lower() in ORG_NOUNS:
                        found = self._org_by_head(pobj) if pobj.pos_ != "PROPN" else None
                        return found or normalise_name(sub.text)
        mods = [t for t in span if t.i < tok.i and t.dep_ not in ("det", "punct") and not t.is_stop]
        while mods and mods[0].pos_ == "ADJ" and mods[0].ent_type_ not in ("NORP", "GPE", "ORG"):
            mods = mods[1:]  # "a senior ministry official": drop plain adjectives
        if not mods or not any(t.pos_ == "PROPN" or t.ent_type_ for t in mods):
            return None
        name = normalise_name(" ".join(t.text for t in mods))
        return (canonical_alias(name, self.extra) or self._longer_org(name) or canonical_place(name, self.extra)
                or name)

    def _longer_org(self, name: str) -> str | None:
        """An organisation of the article whose name ends with ``name`` ("Foreign Ministry"
        -> "Kestrian Foreign Ministry"), if exactly one."""
        low = name.casefold()
        found = {n for n, t in self.canon.values() if t == "ORG" and n.casefold().endswith(" " + low)}
        return found.pop() if len(found) == 1 else None

    def _body_of(self, span: Span, head: Token, place: Span) -> str | None:
        """A country's body named as a proper name: "Kestria's foreign ministry" -> "Kestrian
        Foreign Ministry", "the Tavoran government" -> "Tavoran Government"; the adjective
        is the article's own word for the place (a nationality sharing its stem, or one the
        country table maps to it)."""
        body = [t for t in span if t.i > place.end - 1 and t.i <= head.i and t.pos_ in ("NOUN", "PROPN", "ADJ")
                and not t.ent_type_]
        if not body or body[-1].i != head.i:
            return None
        adjective = place.text if place.label_ == "NORP" else self._demonym(place)
        if adjective is None:
            return None
        return " ".join([adjective] + [t.text if not t.is_lower else t.text.title() for t in body])

    def _demonym(self, place: Span) -> str | None:
        name = normalise_name(place.text)
        country = canonical_place(name, self.extra) or name
        for ent in self.doc.ents:
            if ent.label_ != "NORP" or " " in ent.text:
                continue
            same = canonical_place(ent.text, self.extra)
            stem = len(name) >= 5 and ent.text[:4].casefold() == name[:4].casefold()
            if (same is not None and same == country) or (same is None and stem):
                return ent.text
        return None

    def _org_named_like(self, span: Span, head: Token) -> str | None:
        """An organisation of the article named by the head words of ``span`` ("defence ministry")."""
        words = [t.text for t in span if t.i <= head.i and t.pos_ in ("NOUN", "PROPN") and not t.ent_type_]
        return self._longer_org(" ".join(words)) if words else None

    def _org_by_head(self, tok: Token) -> str | None:
        """The latest organisation before ``tok`` named with its head noun: an ORG entity
        ("the ministry" -> "Varnish Ministry of Defence"), else a place or name written
        before the same noun ("Police said" after "Brava police put the number at ...")."""
        head = tok.lemma_.lower()
        best = None
        for (start, _end), (name, type_) in sorted(self.canon.items()):
            if start >= tok.idx:
                break
            words = name.casefold().split()
            if type_ == "ORG" and words and (words[-1] == head or head in words):
                best = name
        if best is not None:
            return best
        for other in reversed(self.doc[:tok.i]):
            if other.lemma_.lower() != head and other.lower_ != tok.lower_:
                continue
            mods = [c for c in other.lefts if c.dep_ in ("compound", "nmod") and c.pos_ == "PROPN"]
            if mods and all(m.i + 1 == n.i for m, n in zip(mods, mods[1:] + [other])):
                return normalise_name(" ".join([m.text for m in mods] + [other.text.title() if other.is_lower
                                                                          else other.text]))
        return None
