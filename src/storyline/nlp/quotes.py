"""``storyline_quotes``: who said what. Sets ``doc._.storyline_quotes`` to a
list of :class:`~storyline.models.Quote` in text order.

Kinds:

- ``direct``: content wholly inside quotation marks ("We will not give up,"
  she said), including quotes split by their attribution, multi-sentence and
  continuation paragraphs (no attribution of their own: they inherit the
  speaker of the quote or statement just before, in their paragraph or the
  one before; else the person the sentence before is about), headline labels
  ("Name: '...'"), first-person speech whose marks were lost but which
  carries a trailing attribution (I condemn this, she said), and the turns of
  a transcript ("President of Varnia Olena Marchuk: Good afternoon. ...
  Prime Minister Ivo Tannery: Thank you." at line starts or, where a body
  lost its line breaks, after a sentence end): a turn's words run to the next
  turn label or the paragraph end, the label is the speaker mention (title
  words included) and the cue is None, as for headline labels and other
  colon attributions (no cue word is written). What a turn reports ("analysts
  say ...") is the speaker's statement, and quotation marks inside a turn
  are quotes within the quote: neither is listed on its own.
- ``partial``: a quoted fragment inside the reporter's sentence, governed by
  a cue (branded the plan "reckless"; said the plan was "reckless").
- ``indirect``: reported speech: "X said (that) ...", "according to X, ...",
  "X told reporters ...", "X warned that ...". When the reported clause holds
  quoted words, both are listed: the clause as ``indirect`` (inner marks kept,
  as in the text) and the fragment as ``partial``. A belief reported inside
  someone else's statement ("Cook said Carter believes ...") is part of that
  statement, not listed as the inner subject's; a reported clause stays in its
  cue's paragraph.

Quoted stretches of one to three words that no cue governs (scare quotes,
titles of books or operations) are not quotes. ``Quote.text`` is the content
without the marks; ``start``/``end`` cover it in ``doc.text`` (for a quote
split by its attribution, from the first fragment's start to the last
fragment's end; ``text`` then joins the fragments).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from spacy.language import Language
from spacy.tokens import Doc, Token

from ..models import Quote
from .extensions import ensure_extensions, text_of
from .quote_cues import COGNITION_CUES, CONTENT_PATTERNS, INDIRECT_CUES, NAMING_CUES, SPEECH_CUES
from .officeholders import ROLE_SYNONYMS
from .quote_cues import ORG_NOUNS, ROLE_NOUNS
from .quote_marks import DOUBLE_MARKS, QuotedSpan, TurnLabel, find_quoted, paragraphs, turn_labels, word_count
from .speakers import FIRST_PERSON, Speaker, SpeakerResolver, label_text_name, subject_of

_SENT_END = re.compile(r"[.!?]['\"\u2019\u201d]?\s*$")
_FIRST_PERSON_WORDS = FIRST_PERSON | {"my", "our", "myself", "ourselves"}
_FRAGMENT_PATH = {"dobj", "oprd", "attr", "acomp", "xcomp", "conj", "appos", "amod", "compound", "npadvmod",
                  "nsubj", "ccomp", "advcl", "dep"}
MIN_DIRECT_WORDS = 4
# "Trump: 'I'm the worst thing ...'", "Gillibrand on Hillary's Speeches: 'I Think She Will.'"
_LABEL = re.compile(r"[ \t]*((?:[A-Z][\w.'\u2019-]*\s){0,3}[A-Z][\w.'\u2019-]*)(?:\s+[Oo]n\s[^:\n]{1,80})?:\s*"
                    r"[\"'\u201c\u2018\u00ab]")
_NOT_LABELS = {"update", "correction", "note", "transcript", "watch", "read", "video", "photo", "source", "quote",
               "previously", "email", "breaking", "exclusive", "opinion", "analysis", "editorial"}
# turn labels that name no one: they end the turn before them but are not listed
_ANONYMOUS_TURNS = {"q", "a", "question", "questions", "answer", "remark", "remarks", "reply", "response", "comment",
                    "voice", "voices", "voice from the audience", "audience", "audience member", "journalist",
                    "reporter", "interviewer", "moderator", "host", "presenter", "participant", "interpreter",
                    "speaker", "unidentified speaker", "crowd"}
# label words that open page furniture or a lead-in, never a speaker ("Tags:", "Read more:", "Imagine:")
_NOT_TURNS = _NOT_LABELS | {"tags", "related", "published", "updated", "contributing", "twitter", "follow", "byline",
                            "clarification", "editor's", "editor\u2019s", "also", "see", "more", "imagine", "namely",
                            "look", "listen", "know", "obviously", "everywhere", "further", "welcome", "agenda",
                            "participants", "attachment", "address", "tel", "phone", "website", "location", "date",
                            "time", "subject", "topic", "total", "poll", "report", "revealed", "wow", "warning",
                            "disclaimer", "caption", "credit", "credits", "story", "reporting", "writing", "editing",
                            "additional", "live", "latest", "the", "why", "what", "how", "who", "when", "where"}
_FURNITURE_WORDS = {"update", "updates", "note", "notes", "report", "poll", "correction", "clarification", "photo",
                    "video", "watch", "source", "sources", "tags", "related", "summary", "results", "count", "live"}
_ROLE_PHRASES = sorted(ROLE_SYNONYMS, key=len, reverse=True)
# an editor's note closing a turn, after a sentence end: "(Ivo Sander spoke about the ports.)"
_TRAILING_NOTE = re.compile(r"(?<=[.!?\u2026>])\s*\([^()]{8,800}[.!?]\)$")
_PATTERN_LEMMAS = {lemma for lemma, _ in CONTENT_PATTERNS}  # fewer words (and no sentence punctuation) = a fragment


@dataclass
class _Found:
    """A quote under construction (char offsets; ``parts`` for split quotes)."""

    start: int
    end: int
    kind: str
    parts: list[tuple[int, int]] = field(default_factory=list)
    cue: Token | None = None
    cue_text: str | None = None
    subject: Token | None = None
    speaker: Speaker | None = None
    inherited_from: "_Found | None" = None
    label: bool = False  # the subject is a headline or transcript label ("Marchuk: '...'")
    turn: tuple[int, int] | None = None  # a speaker turn's label ("Minister Ivo Tannery:"), char offsets


# -- small pure helpers ------------------------------------------------------
def strip_span(text: str, start: int, end: int) -> tuple[int, int]:
    """``start``/``end`` moved inward past spaces and edge punctuation (, ; : and dashes)."""
    while start < end and (text[start].isspace() or text[start] in ",;:\u2014\u2013-"):
        start += 1
    while end > start and (text[end - 1].isspace() or text[end - 1] in ",;:\u2014\u2013-"):
        end -= 1
    return start, end


def looks_like_statement(text: str) -> bool:
    """True for quoted text long or complete enough to be someone's statement."""
    return word_count(text) >= MIN_DIRECT_WORDS or bool(_SENT_END.search(text.strip()) and word_count(text) >= 2)


def join_parts(text: str, parts: list[tuple[int, int]]) -> str:
    """The fragments of a split quote joined into one text."""
    pieces = [text[s:e].strip() for s, e in parts]
    out = pieces[0]
    for piece in pieces[1:]:
        out = out.rstrip(",") + " " + piece
    return out


# -- the extractor -----------------------------------------------------------
class QuoteExtractor:
    def __init__(self, doc: Doc, extra_tables: tuple[str, ...] = ()):
        self.doc = doc
        self.text = text_of(doc)
        canon: dict[tuple[int, int], tuple[str, str]] = {}
        for ent in doc._.storyline_entities or []:
            for m in ent.mentions:
                canon[tuple(m)] = (ent.name, ent.type)
        self.resolver = SpeakerResolver(doc, canon, extra_tables)
        self.marks = find_quoted(self.text)
        self.paras = paragraphs(self.text)
        self._quoted = bytearray(len(self.text) + 1)  # 1 = inside a quoted stretch (marks included)
        for q in self.marks:
            a, b = q.outer
            self._quoted[a:b] = b"\x01" * (b - a)

    # tokens ------------------------------------------------------------------
    def _tokens(self, start: int, end: int) -> list[Token]:
        span = self.doc.char_span(start, end, alignment_mode="expand") if end > start else None
        return list(span) if span is not None else []

    def _in_quote(self, tok: Token) -> bool:
        return self._quoted[tok.idx]

    def _para_of(self, offset: int) -> int:
        for i, (s, e) in enumerate(self.paras):
            if s <= offset < e or (offset == e):
                return i
        return -1

    # frames ------------------------------------------------------------------
    def _frame_before(self, q: QuotedSpan, lo: int) -> list[Token]:
        """Tokens between the previous sentence end (outside quotes) and the open mark."""
        toks = [t for t in self._tokens(lo, q.open) if not self._in_quote(t)]
        for k in range(len(toks) - 1, -1, -1):
            if toks[k].text in (".", "!", "?") and k < len(toks) - 1:
                return toks[k + 1:]
            if toks[k].text in (".", "!", "?"):
                return []
        return toks

    def _frame_after(self, q: QuotedSpan, hi: int) -> list[Token]:
        """Tokens between the close mark and the next sentence end (outside quotes)."""
        out = []
        for t in self._tokens(q.outer[1], hi):
            if self._in_quote(t):
                break
            out.append(t)
            if t.text in (".", "!", "?", ":") or "\n" in t.text:
                break
        return out

    @staticmethod
    def _cue_in(tokens: list[Token], last: bool) -> Token | None:
        seq = reversed(tokens) if last else tokens
        for t in seq:
            if t.lower_ == "according" and t.i + 1 < len(t.doc) and t.doc[t.i + 1].lower_ == "to":
                return t
            if t.lemma_.lower() in SPEECH_CUES and t.pos_ in ("VERB", "AUX") and t.lemma_.lower() != "be":
                return t
        return None

    def _subject(self, cue: Token) -> Token | None:
        if cue.lower_ == "according":
            to = cue.doc[cue.i + 1]
            for child in to.children:
                if child.dep_ == "pobj":
                    return child
            return cue.doc[cue.i + 2] if cue.i + 2 < len(cue.doc) else None
        return subject_of(cue, self._quoted)

    # direct quotes -------------------------------------------------------------
    def direct(self) -> list[_Found]:
        found: list[_Found] = []
        prev: _Found | None = None
        prev_q: QuotedSpan | None = None
        for qi, q in enumerate(self.marks):
            content = self.text[q.start:q.end]
            pi = self._para_of(q.open)
            plo, phi = self.paras[pi] if pi >= 0 else (0, len(self.text))
            lo = max(plo, prev_q.outer[1] if prev_q and prev_q.outer[1] <= q.open else plo)
            nxt = self.marks[qi + 1].open if qi + 1 < len(self.marks) else len(self.text)
            hi = min(phi, nxt)
            before = self._frame_before(q, lo)
            if not before and self._starts_para(q, pi) and pi > 0 and self.text[:plo].rstrip().endswith(":"):
                # "She went on to say:" closing the paragraph before
                ppl, pph = self.paras[pi - 1]
                before = self._frame_before(QuotedSpan(pph, pph, pph, pph, ":"), ppl)
            after = self._frame_after(q, hi)
            prev_char = self.text[:q.open].rstrip()[-1:] if self.text[:q.open].strip() else ""
            embedded = bool(prev_char) and (prev_char.isalnum() or prev_char in ")%$") and q.open > plo
            if _SENT_END.search(content):
                # after a complete sentence only "... ." Smith said / asked Smith. attaches
                after = after[:4]
            cue_after = self._cue_in(after, last=False)
            if cue_after is not None and _SENT_END.search(content) and any(c.dep_ == "ccomp" for c in cue_after.children):
                cue_after = None  # "She added that ...": a new sentence with its own content
            cue_before = self._cue_in(before, last=True)
            # "Yes," she said / "We will not," he said, "...": a fragment ending in , ? ! before a cue
            statement = looks_like_statement(content) or (
                cue_after is not None and content.rstrip()[-1:] in (",", "?", "!"))

            # "We will not," he said, "give up." and "...," he said. "More.": one statement
            if (prev is not None and prev_q is not None and prev.kind == "direct" and prev.cue is not None
                    and prev_q.outer[1] <= prev.cue.idx < q.open
                    and pi == self._para_of(prev_q.open)
                    and not embedded and self.text[prev_q.outer[1]:q.open].strip().endswith(",")
                    and cue_after is None and cue_before is not None and cue_before.i == prev.cue.i):
                prev.parts.append((q.start, self._end(q)))
                prev.end = self._end(q)
                prev_q = q
                continue

            if embedded and not (before and before[-1].lemma_.lower() in SPEECH_CUES and before[-1].pos_ == "VERB"):
                part = self._partial(q, statement)  # a quoted phrase inside a sentence
                if part is not None:
                    found.append(part)
                prev_q = q
                continue
            if not statement:
                part = self._partial(q, statement)  # else scare quotes, titles: not quotes
                if part is not None:
                    found.append(part)
                prev_q = q
                continue

            cue = None
            colon = bool(before) and before[-1].text == ":"
            label = self._headline_label(pi, q) if cue_after is None else None
            if label is not None:
                cue_before = None  # "Cruz: Trump Would Put Liberals On Court, 'I fear ...'"
            if cue_after is not None and (not colon or cue_before is None):
                cue = cue_after
            elif cue_before is not None:
                cue = cue_before
            f = _Found(q.start, self._end(q), "direct", [(q.start, self._end(q))], cue=cue)
            if label is not None:
                f.subject, f.label = label, True
            elif cue is not None:
                f.subject = self._subject(cue) or self._frame_subject(after if cue is cue_after else before, cue)
            elif colon:
                # "Gingrich: ..." / "He put it this way:": the subject before the colon
                f.subject = self._colon_subject(before)
            if f.subject is None and prev is not None and prev.kind == "direct":
                # continuation: same paragraph, or the next paragraph after a quote
                ppi = self._para_of(prev.start)
                if ppi == pi or (ppi == pi - 1 and self._starts_para(q, pi)):
                    f.inherited_from, f.cue = prev, prev.cue
            found.append(f)
            prev = f
            prev_q = q
        return found

    def _end(self, q: QuotedSpan) -> int:
        """Content end without the comma that closes a quoted sentence ("...rubble," she wrote)."""
        end = q.end
        while end > q.start + 1 and self.text[end - 1] in ", ":
            end -= 1
        return end

    def _starts_para(self, q: QuotedSpan, pi: int) -> bool:
        return self.text[self.paras[pi][0]:q.open].strip() == ""

    def _headline_label(self, pi: int, q: QuotedSpan) -> Token | None:
        """The speaker of a headline or transcript line "Name: '...'" / "Name on Topic: '...'":
        the label's last word, when the quote comes after the label's colon."""
        if pi < 0:
            return None
        lo = self.paras[pi][0]
        m = _LABEL.match(self.text, lo, q.open + 1)
        if m is None or m.end() > q.open + 1:
            return None
        toks = self._tokens(m.start(1), m.end(1))
        if not toks or toks[-1].pos_ not in ("PROPN", "NOUN") or toks[-1].lower_ in _NOT_LABELS:
            return None
        return toks[-1]

    @staticmethod
    def _frame_subject(frame: list[Token], cue: Token) -> Token | None:
        """The speaker of a cue the parser gave no subject ('"Go back," Trump barked',
        '"...," said the 46-year-old'): the named person or body in the attribution
        nearest the cue, else the nearest name or pronoun before it, else the noun
        phrase right after a cue that opens the attribution."""
        words = [t for t in frame if t.i != cue.i and not t.is_punct and not t.is_space]

        def named(toks: list[Token]) -> list[Token]:
            return [t for t in toks if t.ent_type_ in ("PERSON", "ORG", "NORP") and t.ent_iob_ != "O"
                    and (t.i + 1 >= len(t.doc) or t.doc[t.i + 1].ent_iob_ != "I")]

        left = [t for t in words if t.i < cue.i]
        if left:
            names = named(left) or [t for t in left if t.pos_ == "PROPN" or t.lower_ in ("he", "she", "they")]
            return names[-1] if names else None
        right = [t for t in words if t.i > cue.i]  # "said the 46-year-old": the cue opens the attribution
        stop = next((k for k, t in enumerate(right) if t.pos_ in ("CCONJ", "SCONJ", "VERB", "ADP")), len(right))
        right = right[:stop]
        names = named(right) or [t for t in right if t.pos_ in ("NOUN", "PROPN", "ADJ")]
        return names[-1] if names else None

    def _colon_subject(self, before: list[Token]) -> Token | None:
        for t in reversed(before):
            if t.ent_type_ in ("PERSON", "ORG") or t.dep_ in ("nsubj", "nsubjpass"):
                return t
        return None

    def _partial(self, q: QuotedSpan, statement: bool) -> _Found | None:
        """A quoted fragment a cue governs: the reported clause holding it
        ("said the plan was 'reckless'") or the fragment itself ("branded it
        'reckless'"); None for scare quotes and titles."""
        toks = self._tokens(q.start, q.end)
        if not toks:
            return None
        tok = min(toks, key=lambda t: len(list(t.ancestors)))
        path: list[str] = []
        for _ in range(7):
            if tok.head is tok:
                return None
            child, tok = tok, tok.head
            path.append(child.dep_ if child.dep_ not in ("prep", "pobj") else f"{child.dep_}:{child.lower_}")
            if child.dep_ == "ccomp" and tok.lemma_.lower() in INDIRECT_CUES and tok.pos_ == "VERB":
                if (tok.lemma_.lower() in COGNITION_CUES and tok.dep_ == "ccomp"
                        and tok.head.lemma_.lower() in INDIRECT_CUES):
                    continue  # "said the attack showed that Varnia needed 'more'": the outer speaker's words
                subj = self._subject(tok)
                if subj is None:
                    return None
                # the clause itself is found as indirect speech; this is the exact-words fragment
                return _Found(q.start, q.end, "partial", [(q.start, q.end)], cue=tok, subject=subj)
            if tok.lemma_.lower() in INDIRECT_CUES | NAMING_CUES and tok.pos_ == "VERB":
                if tok.i > 0 and tok.doc[tok.i - 1].lower_ == "so":
                    return None  # "so-called": the writer's distance, not a speaker's words
                if len(path) <= 3 and all(d in _FRAGMENT_PATH or d.startswith(("prep:as", "pobj")) for d in path):
                    subj = self._subject(tok)
                    if subj is not None:
                        return _Found(q.start, q.end, "partial", [(q.start, q.end)], cue=tok, subject=subj)
                if tok.dep_ != "ccomp":
                    return None
                # "said he expected them to agree on 'the largest package'": the clause a cue reports
        return None

    # speaker turns -------------------------------------------------------------
    def turns(self) -> list[_Found]:
        """Transcript turns: "President of Varnia Olena Marchuk: Good afternoon. ...", at a
        line start or after a sentence end. The content runs to the next turn label or the
        paragraph end; in a dialogue with line breaks (a label recurring at line starts, or
        labels in capitals) the paragraphs up to the next label continue the turn, each listed
        as its own quote with the same speaker, until one names the speaker in the third
        person. A label must name someone: a person entity, a role ("Minister of Foreign
        Affairs:"), capitals repeated as labels or matching a person of the article
        ("MARCHUK:"), proper names repeated as labels or matching a person of the article,
        or, once two labels name someone, any label closing with two proper names. Anonymous
        labels ("Question:", "Q:") and results lines ("Marchuk: 547.") end the turn before
        them and are not listed; so are section headings ("Marchuk: Ports" on its own line,
        or a first paragraph that names the person after its opening words). A turn whose
        words open with a quotation mark is left to the marks ("Marchuk: 'We stay.'")."""
        cands = turn_labels(self.text)
        if not cands:
            return []
        counts: dict[str, int] = {}
        for c in cands:
            key = self.text[c.label[0]:c.label[1]]
            counts[key] = counts.get(key, 0) + 1
        caps = sum(1 for c in cands if self.text[c.label[0]:c.label[1]].isupper())
        kinds = [self._turn_kind(c, counts, caps) for c in cands]
        if kinds.count("speaker") >= 2:
            # a transcript: a label of proper names the model tagged no person in still names one
            kinds = [k if k is not None else self._transcript_name(c) for c, k in zip(cands, kinds)]
        labels = [(c, k) for c, k in zip(cands, kinds) if k is not None]
        if not labels:
            return []
        labels = sorted(labels + self._recurring(labels), key=lambda ck: ck[0].label[0])
        # "Sanders: 46.": a line of results, not speech; it still ends the turn before it
        labels = [(c, "anonymous" if k == "speaker" and not re.search(r"[^\W\d_]{2}", self._first_sentence(c))
                   else k) for c, k in labels]
        para_starts = {s for s, _ in self.paras}
        line_labels = [self.text[c.label[0]:c.label[1]] for c, k in labels if k == "speaker" and c.label[0] in para_starts]
        caps_lines = sum(1 for t in line_labels if t.isupper())
        found: list[_Found] = []
        for k, (c, kind) in enumerate(labels):
            if kind != "speaker" or self.text[c.content] in DOUBLE_MARKS + "'\u2018":
                continue
            label = self.text[c.label[0]:c.label[1]]
            # a dialogue with line breaks (a speaker's label recurs at line starts, or labels in capitals,
            # the broadcast convention): the paragraphs up to the next label continue the turn; section
            # headings ("Ivo Sander: Ports") name each person once and do not
            continues = c.label[0] in para_starts and (line_labels.count(label) >= 2
                                                       or label.isupper() and caps_lines >= 2)
            surname = re.compile(rf"\b{re.escape(label.split()[-1])}\b", re.I)
            pi = self._para_of(c.content)
            nxt = labels[k + 1][0].label[0] if k + 1 < len(labels) else None
            hi = self.paras[pi][1]
            if nxt is not None and (nxt < hi or continues):
                hi = nxt
            first: _Found | None = None
            for ps, pe in self.paras[pi:]:
                if ps >= hi:
                    break
                a, b = strip_span(self.text, max(ps, c.content), min(pe, hi))
                if first is None and self.text.startswith("(", a):  # a stage note: "(laughing) Yes."
                    close = self.text.find(")", a, b)
                    a = strip_span(self.text, close + 1, b)[0] if close > 0 else a
                    while a < b and self.text[a] in ".,;: ":
                        a += 1
                note = _TRAILING_NOTE.search(self.text, a, b)
                if note is not None and note.start() > a:
                    b = strip_span(self.text, a, note.start())[1]  # "... (Ivo Sander spoke about ports.)": the editor's
                if b <= a or not re.search(r"[^\W\d_]{2}", self.text[a:b]):
                    continue  # "Kostadin: 547.": no words
                named = surname.search(self.text, a, b if first is not None else a + len(self._first_sentence(c)))
                if named and (first is not None or c.label[0] in para_starts
                              and word_count(self.text[a:named.start()]) >= 5
                              and not re.search(r"\b(?:I|my|I'm|I\u2019m)\b", self.text[a:named.start()])):
                    break  # words about the speaker ("Senator Kostadin said ...") are the reporter's (in
                    # the first sentence of a turn opening a paragraph: a heading glued to the paragraph),
                    # save a self-introduction ("Ivo Sander: Ivo Sander, Dornia Rail." / "... I am Ivo Sander")
                if first is None and pe <= hi and word_count(self.text[a:b]) < 4 and not re.search(r"[.!?\u2026>)\"\u201d']$",
                                                                                  self.text[a:b]):
                    break  # "Ivo Sander: Ports" on a line of its own: a section heading
                f = _Found(a, b, "direct", [(a, b)])
                if first is None:
                    toks = self._tokens(*c.label)
                    if not toks:
                        break
                    f.subject, f.turn, first = toks[-1], c.label, f
                else:
                    f.inherited_from = first
                found.append(f)
        return found

    def _recurring(self, labels: list[tuple[TurnLabel, str]]) -> list[tuple[TurnLabel, str]]:
        """A speaker's label that recurs (two or more turns) opens a turn wherever it is written
        with its colon, even where the sentence before lost its full stop ("Thank you Ivo Sander: ...")."""
        seen: dict[str, int] = {}
        for c, k in labels:
            if k == "speaker":
                key = self.text[c.label[0]:c.label[1]]
                seen[key] = seen.get(key, 0) + 1
        out: list[tuple[TurnLabel, str]] = []
        for key in (k for k, n in seen.items() if n >= 2 and " " in k):
            for m in re.finditer(rf"(?<=[a-z,] ){re.escape(key)}:[ \t]+(?=[A-Z\"\u201c(\u2026])", self.text):
                if not any(c.label[0] <= m.start() < c.content for c, _ in labels):  # not inside a longer label
                    out.append((TurnLabel((m.start(), m.start() + len(key)), m.end(), True), "speaker"))
        return out

    def _first_sentence(self, c: TurnLabel) -> str:
        m = re.match(r"[^.!?\n]*", self.text[c.content:c.content + 400])
        return m.group() if m else ""

    def _transcript_name(self, c: TurnLabel) -> str | None:
        """"speaker" for a label of two or three capitalised words ("Ivo Sander", whatever the
        model tagged them: it tags "Olaf" as a nationality) or closing with two proper names
        ("Commissioner for Ports Ivo Sander"), the test inside a transcript."""
        s, e = c.label
        text = self.text[s:e]
        low = text.casefold()
        if low.split()[0].rstrip(".") in _NOT_TURNS or low in _ANONYMOUS_TURNS:
            return None
        if c.run_on:  # "Talks with Dornia President of Varnia Ivo Sander: ...": the title and a name
            span = self.doc.char_span(s, e)
            return "speaker" if span is not None and SpeakerResolver._label_name(span) else None
        if 2 <= len(text.split()) <= 3 and all(re.fullmatch(r"[A-Z][a-z]+(?:-[A-Z][a-z]+)?", w) for w in text.split()) \
                and not set(low.split()) & _FURNITURE_WORDS:
            return "speaker"  # "Ivo Sander" whatever the model tagged it (not "Delegate Update")
        toks = [t for t in self._tokens(s, e) if not t.is_space and not t.is_punct]
        tail = 0
        for t in reversed(toks):
            if t.pos_ != "PROPN" or t.ent_type_ in ("GPE", "NORP", "ORG", "DATE") or t.lower_ in ROLE_NOUNS | ORG_NOUNS:
                break
            tail += 1
        return "speaker" if tail >= 2 else None

    def _turn_kind(self, c: TurnLabel, counts: dict[str, int], caps: int) -> str | None:
        """"speaker" for a label naming someone, "anonymous" for "Question:", else None."""
        s, e = c.label
        text = self.text[s:e]
        low = " ".join(text.casefold().split())
        if low.rstrip(".") in _ANONYMOUS_TURNS:
            return "anonymous"
        words = low.split()
        if words[0].rstrip(".") in _NOT_TURNS or low in _NOT_TURNS:
            return None
        toks = [t for t in self._tokens(s, e) if not t.is_space]
        if not toks or any(t.lower_ in FIRST_PERSON for t in toks):
            return None
        people = [ent for ent in self.doc.ents if ent.label_ == "PERSON" and s <= ent.start_char < e]
        if len(people) >= 2 and " and " in text and len({p[-1].lower_ for p in people}) >= 2:
            return None  # "Kostadin and Lenz: A tense relationship": a heading about two people
        if any(t.ent_type_ == "PERSON" for t in toks) and not any(t.lower_ in ORG_NOUNS for t in toks
                                                                  if t.ent_type_ == "PERSON"):
            return "speaker"
        if c.run_on:  # after a heading with no full stop only a title and a name open a turn
            span = self.doc.char_span(s, e)
            named = SpeakerResolver._label_name(span) if span is not None else label_text_name(text)
            return "speaker" if named else None
        # a person the article names elsewhere with the label's last word ("Kostadin:" after "Mirela Kostadin")
        last = words[-1].strip(".")
        surname = any(ent.label_ == "PERSON" and ent[-1].lower_ == last and not s <= ent.start_char < e
                      for ent in self.doc.ents)
        if text.isupper():  # "MARCHUK:", "JAKE TAPPER:"
            return "speaker" if len(words) <= 3 and (caps >= 2 or counts[text] >= 2 or surname) else None
        if any(t.lower_ in ROLE_NOUNS for t in toks) or any(f" {p} " in f" {low} " for p in _ROLE_PHRASES):
            return "speaker"
        names = [t for t in toks if not t.is_punct]  # "Kassym-Jomart": the hyphen is no word
        if self.doc.char_span(s, e) is None:  # glued to what follows ("Putin:(laughing)"): read the words
            proper = all(w[:1].isupper() for w in text.split()) and len(text.split()) <= 4
        else:
            proper = all(t.pos_ == "PROPN" for t in names) and len(names) <= 5
        if proper and (counts[text] >= 2 or surname):
            return "speaker"
        return None

    # indirect speech ------------------------------------------------------------
    def indirect(self, taken: list[tuple[int, int]]) -> list[_Found]:
        found = []
        for tok in self.doc:
            if self._in_quote(tok):
                continue
            if tok.lower_ == "according" and tok.i + 1 < len(self.doc) and self.doc[tok.i + 1].lower_ == "to":
                f = self._according(tok)
            elif tok.pos_ == "VERB" and (tok.lemma_.lower() in INDIRECT_CUES or tok.lemma_.lower() in _PATTERN_LEMMAS):
                f = self._reported(tok)
            else:
                continue
            if f is None:
                continue
            if any(s < f.end and f.start < e for s, e in taken):
                continue  # the clause is (or holds) a direct quote already found
            found.append(f)
        return found

    def _reported(self, cue: Token) -> _Found | None:
        comp = next((c for c in cue.children if c.dep_ == "ccomp"), None)
        if comp is None:
            lemma = cue.lemma_.lower()
            comp = next((c for c in cue.children if (lemma, c.dep_ if c.dep_ != "prep" else f"prep:{c.lower_}")
                         in CONTENT_PATTERNS), None)
        if comp is None:
            return None
        subj = self._subject(cue)
        if subj is None:
            return None
        start, end = comp.left_edge.idx, comp.right_edge.idx + len(comp.right_edge)
        if start <= subj.idx < end or start <= cue.idx < end:
            return None
        for t in comp.subtree:  # "... have given him momentum and said that ...": the second cue is not content
            if t.dep_ == "conj" and t.lemma_ == cue.lemma_ and t.i > cue.i and t.pos_ == "VERB":
                cut = t.left_edge
                while cut.i > comp.left_edge.i and cut.nbor(-1).dep_ in ("cc", "punct"):
                    cut = cut.nbor(-1)
                end = min(end, cut.idx)
        # the reported clause stays in the cue's paragraph (the parser may join a
        # headline, a dateline or a whole paragraph to the next one's cue)
        para_lo = self.text.rfind("\n", 0, cue.idx) + 1
        para_hi = self.text.find("\n", cue.idx)
        start, end = max(start, para_lo), min(end, para_hi if para_hi >= 0 else end)
        start, end = strip_span(self.text, start, end)
        while end > start and self.text[end - 1] in ".":
            end -= 1
        if word_count(self.text[start:end]) < 2:
            return None
        kind = "indirect"
        if start < cue.idx and self._first_person(start, end):
            kind = "direct"  # lost marks: "I condemn this, the president said"
        return _Found(start, end, kind, [(start, end)], cue=cue, subject=subj)

    def _according(self, tok: Token) -> _Found | None:
        to = self.doc[tok.i + 1]
        phrase_start = tok.idx
        phrase_end = to.right_edge.idx + len(to.right_edge)
        head = tok.head
        sent = tok.sent
        if head.i == tok.i:
            head = sent.root
        lo, hi = head.left_edge.idx, head.right_edge.idx + len(head.right_edge)
        if lo >= phrase_start - 2:
            lo = phrase_end  # the phrase opens the clause
        elif hi <= phrase_end + 2:
            hi = phrase_start  # the phrase closes it
        para_lo = self.text.rfind("\n", 0, tok.idx) + 1
        para_hi = self.text.find("\n", tok.idx)
        lo, hi = max(lo, para_lo), min(hi, para_hi if para_hi >= 0 else hi)
        start, end = strip_span(self.text, lo, hi)
        while end > start and self.text[end - 1] in ".":
            end -= 1
        if word_count(self.text[start:end]) < 2:
            return None
        return _Found(start, end, "indirect", [(start, end)], cue=tok, cue_text="according to",
                      subject=self._subject(tok))

    def _attribute_unattributed(self, f: _Found, before: list[_Found]) -> None:
        """A quote with no attribution of its own ("Not only can he win." standing
        alone) continues the last attributed statement of its paragraph, or of the
        paragraph before when it opens its own; else it is the words of the person
        the sentence before is about (its subject, when that names someone)."""
        pi = self._para_of(f.start)
        opens = pi >= 0 and self.text[self.paras[pi][0]:f.start].strip(" \t\"'\u201c\u2018") == ""
        paras = {pi, pi - 1} if opens else {pi}
        for g in reversed(before):
            gp = self._para_of(g.start)
            if gp not in paras:
                break
            if g.subject is not None or g.inherited_from is not None:
                f.inherited_from = g.inherited_from or g
                f.cue = f.inherited_from.cue
                return
        sent_end = self._prev_sentence(f.start, paras)
        if sent_end is None:
            return
        subj = next((c for c in sent_end.root.children if c.dep_ in ("nsubj", "nsubjpass")
                     and not self._in_quote(c)), None)
        if subj is not None and (subj.ent_type_ in ("PERSON", "ORG") or subj.pos_ == "PROPN"
                                 or subj.lower_ in ("he", "she", "they")):
            f.subject = subj

    def _prev_sentence(self, offset: int, paras: set[int]):
        """The sentence ending before ``offset`` in one of the paragraphs ``paras``, if any."""
        toks = self._tokens(max(0, offset - 1), offset)
        if not toks:
            return None
        i = toks[0].i
        sent = toks[0].sent
        if sent.start_char >= offset - 1 or sent.end_char <= offset:
            prev_i = sent.start - 1 if sent.start_char >= offset - 1 else i
        else:
            return None  # the quote is inside a sentence that began before it
        while prev_i >= 0 and (self.doc[prev_i].is_space or self._in_quote(self.doc[prev_i])):
            prev_i -= 1
        if prev_i < 0:
            return None
        prev = self.doc[prev_i].sent
        if self._para_of(prev.start_char) not in paras:
            return None
        return prev

    def _first_person(self, start: int, end: int) -> bool:
        return any(t.lower_ in _FIRST_PERSON_WORDS for t in self._tokens(start, end))

    # assembly ----------------------------------------------------------------
    def run(self) -> list[Quote]:
        turns = self.turns()
        for f in turns:  # a turn's words are quoted speech: what they report is the speaker's statement
            self._quoted[f.start:f.end] = b"\x01" * (f.end - f.start)
        spans = [(f.start, f.end) for f in turns]
        direct = [f for f in self.direct() if not any(s <= f.start < e for s, e in spans)] + turns
        taken = [(f.start, f.end) for f in direct if f.kind == "direct"]
        taken += [(s, e) for f in direct if f.kind == "direct" for s, e in f.parts]
        partial = [f for f in direct if f.kind == "partial"]
        indirect = self.indirect(taken)
        # "Cook told the Times that Carter believes ...": a belief reported inside someone
        # else's statement is part of that statement, not Carter's own
        outer = [(f.start, f.end) for f in direct + indirect if f.kind != "partial"]
        indirect = [f for f in indirect
                    if not (f.cue is not None and f.cue.lemma_.lower() in COGNITION_CUES
                            and any(s <= f.cue.idx < e and (s, e) != (f.start, f.end) for s, e in outer))]
        items = sorted([f for f in direct if f.kind == "direct"] + partial + indirect, key=lambda f: f.start)
        for k, f in enumerate(items):
            if f.kind == "direct" and f.subject is None and f.inherited_from is None:
                self._attribute_unattributed(f, items[:k])
        quotes = []
        for f in items:
            if f.inherited_from is not None:
                speaker = f.inherited_from.speaker
            elif f.turn is not None:
                speaker = self.resolver.resolve_label(*f.turn)
            elif f.subject is not None:
                speaker = self.resolver.resolve(f.subject, as_name=f.label)
            else:
                speaker = None
            f.speaker = speaker
            text = join_parts(self.text, f.parts) if len(f.parts) > 1 else self.text[f.start:f.end]
            cue = f.cue_text or (f.cue.lemma_.lower() if f.cue is not None else None)
            if f.cue is not None and f.cue.lower_ == "according":
                cue = "according to"
            quotes.append(Quote(
                text=text, start=f.start, end=f.end, kind=f.kind,
                speaker=speaker.name if speaker else None,
                speaker_id=speaker.id if speaker else None,
                speaker_text=speaker.text if speaker else None,
                speaker_span=speaker.span if speaker else None,
                cue=cue,
            ))
        return quotes


def extract_quotes(doc: Doc, extra_tables: tuple[str, ...] = ()) -> list[Quote]:
    """Quotes of a parsed Doc (needs the parser, NER and ``storyline_entities``), in text order."""
    ensure_extensions()
    if doc._.storyline_entities is None:
        from .entities import group_entities

        doc._.storyline_entities = group_entities(doc)
    quotes = QuoteExtractor(doc, extra_tables).run()
    link_speaker_mentions(doc, quotes)
    return quotes


def link_speaker_mentions(doc: Doc, quotes: list[Quote]) -> None:
    """Add each speaker's naming mention (a role, an organisation noun, a name NER
    missed) to ``doc._.storyline_entities`` so every ``speaker_id`` joins an entity.
    Pronouns are not added as mentions."""
    from ..models import Entity

    by_id = {e.id: e for e in doc._.storyline_entities}
    for q in quotes:
        if not q.speaker_id or q.speaker_span is None or q.speaker_text is None:
            continue
        entity = by_id.get(q.speaker_id)
        if entity is None:
            type_ = "PERSON" if q.speaker_id.startswith("ent_") and q.speaker else None
            entity = Entity(id=q.speaker_id, name=q.speaker or "", type=_speaker_type(doc, q) or type_ or "PERSON")
            by_id[q.speaker_id] = entity
            doc._.storyline_entities.append(entity)
        if q.speaker_text.lower() in FIRST_PERSON | {"he", "she", "they", "it"}:
            continue
        span = tuple(q.speaker_span)
        if span not in [tuple(m) for m in entity.mentions]:
            entity.mentions.append(span)
            entity.mention_texts.append(q.speaker_text)


def _speaker_type(doc: Doc, q: Quote) -> str | None:
    from .entities import entity_id

    for type_ in ("PERSON", "ORG", "GPE"):
        if entity_id(q.speaker, type_) == q.speaker_id:
            return type_
    return None


@Language.factory("storyline_quotes", default_config={"officeholder_tables": []})
def make_quotes(nlp: Language, name: str, officeholder_tables: list[str]):
    """Pipeline component: ``doc._.storyline_quotes``. ``officeholder_tables``: extra
    CSV files added to the built-in office-holder table."""
    ensure_extensions()
    extra = tuple(officeholder_tables)

    def storyline_quotes(doc: Doc) -> Doc:
        doc._.storyline_quotes = extract_quotes(doc, extra)
        return doc

    return storyline_quotes
