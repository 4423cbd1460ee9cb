"""Find quoted stretches of text by their marks: straight and curly double
quotes, guillemets, doubled apostrophes ('' ... '', an ASCII newswire
convention), and single quotes told apart from apostrophes.

Pure functions over a string; no spaCy. Offsets are end-exclusive.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# opening mark -> closing marks accepted for it
_PAIRS = {
    "\u201c": "\u201d\u201c\"",  # “ ... ” (some sites close with “ or ")
    "\u201e": "\u201c\u201d",  # „ ... “ (German style)
    "\u00ab": "\u00bb",  # « ... »
    "\u2018": "\u2019",  # ‘ ... ’
}
DOUBLE_MARKS = "\"\u201c\u201d\u201e\u00ab\u00bb"
ALL_MARKS = DOUBLE_MARKS + "'\u2018\u2019"
_MAX_SINGLE = 400  # single-quoted stretches longer than this are apostrophe accidents


@dataclass(frozen=True)
class QuotedSpan:
    """A stretch between marks: ``open``/``close`` are the mark offsets,
    ``start``/``end`` the content (without marks, trimmed of spaces).
    ``closed`` is False for a quote that runs to the paragraph end unclosed
    (the news convention for a quote continued in the next paragraph)."""

    open: int
    close: int
    start: int
    end: int
    mark: str
    closed: bool = True
    width: int = 1  # 2 for a doubled apostrophe ('' ... ''), the ASCII convention of some newswires

    @property
    def outer(self) -> tuple[int, int]:
        """The span including the marks."""
        return (self.open, self.close + (self.width if self.closed else 0))


def paragraphs(text: str) -> list[tuple[int, int]]:
    """(start, end) of each non-empty paragraph (split on line breaks)."""
    out = []
    for m in re.finditer(r"[^\n]+", text):
        if m.group().strip():
            out.append((m.start(), m.end()))
    return out


def _is_word(ch: str) -> bool:
    return ch.isalnum()


def _trimmed(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def _straight_double(text: str, lo: int, hi: int) -> list[tuple[int, int, bool]]:
    """Pairs of straight double quotes inside one paragraph [lo, hi)."""
    pos = [i for i in range(lo, hi) if text[i] == '"']
    out = []
    i = 0
    while i < len(pos):
        o = pos[i]
        if i + 1 < len(pos):
            out.append((o, pos[i + 1], True))
            i += 2
        else:
            # one unmatched mark: an unclosed quote running to paragraph end,
            # but only when it looks like an opening mark (space or start before it)
            if o == lo or not _is_word(text[o - 1]):
                out.append((o, hi, False))
            i += 1
    return out


_DOUBLED = re.compile(r"(?<!')'{2,3}(?!')")


def _doubled_apostrophes(text: str, lo: int, hi: int) -> list[tuple[int, int, bool]]:
    """Pairs of doubled apostrophes inside one paragraph [lo, hi), the ASCII double
    quotation mark of some newswires. A run of three is a doubled mark and a single
    one: opening, the doubled mark comes first; closing, it comes last."""
    marks = []
    for m in _DOUBLED.finditer(text, lo, hi):
        a, b = m.span()
        opening = a == lo or not (_is_word(text[a - 1]) or text[a - 1] in ".,!?;:")
        if b - a == 3 and not opening:
            a += 1
        marks.append(a)
    out = []
    for i in range(0, len(marks) - 1, 2):
        out.append((marks[i], marks[i + 1], True))
    if len(marks) % 2 and (marks[-1] == lo or not _is_word(text[marks[-1] - 1])):
        out.append((marks[-1], hi, False))  # a quote continued in the next paragraph
    return out


def _curly_and_guillemets(text: str, lo: int, hi: int) -> list[tuple[int, int, bool]]:
    out = []
    i = lo
    while i < hi:
        ch = text[i]
        if ch in ("\u201c", "\u201e", "\u00ab"):
            closers = _PAIRS[ch]
            j = i + 1
            while j < hi and text[j] not in closers:
                j += 1
            if j < hi:
                out.append((i, j, True))
                i = j + 1
                continue
            out.append((i, hi, False))
            break
        i += 1
    return out


_ELISION = re.compile(r"['\u2018\u2019](?:\d0s\b|\d\d\b|n['\u2019]|em\b|til\b|cause\b)", re.I)


def _opens_single(text: str, i: int) -> bool:
    if _ELISION.match(text, i):
        return False  # '90s, rock 'n' roll, 'em: elisions, not quotes
    before = text[i - 1] if i > 0 else " "
    after = text[i + 1] if i + 1 < len(text) else " "
    return (before.isspace() or before in "([{\u2014\u2013-\"\u201c:") and (_is_word(after) or after in "$\u00a3\u20ac")


def _closes_single(text: str, j: int) -> bool:
    before = text[j - 1] if j > 0 else " "
    after = text[j + 1] if j + 1 < len(text) else " "
    if before.isspace() or _is_word(after):
        return False  # an opening mark or an in-word apostrophe (don't, Kyiv's)
    return True


def _single(text: str, lo: int, hi: int) -> list[tuple[int, int, bool]]:
    out = []
    i = lo
    while i < hi:
        ch = text[i]
        if ch in "'\u2018" and _opens_single(text, i):
            j = i + 1
            while j < hi and j - i <= _MAX_SINGLE:
                if text[j] in "'\u2019" and _closes_single(text, j):
                    # "the players' union": a plural possessive, not a close
                    if text[j - 1] == "s" and j + 2 < hi and text[j + 1] == " " and text[j + 2].islower():
                        j += 1
                        continue
                    break
                j += 1
            if j < hi and j - i <= _MAX_SINGLE and text[j] in "'\u2019":
                out.append((i, j, True))
                i = j + 1
                continue
        i += 1
    return out


def find_quoted(text: str) -> list[QuotedSpan]:
    """Every top-level quoted stretch in ``text``, in order; single-quoted
    stretches inside double-quoted ones (quotes within quotes) are not listed."""
    found: list[QuotedSpan] = []
    for lo, hi in paragraphs(text):
        doubled = _doubled_apostrophes(text, lo, hi) if "''" in text[lo:hi] else []
        wide = {o for o, _, _ in doubled} | {c for _, c, closed in doubled if closed}
        doubles = _straight_double(text, lo, hi) + _curly_and_guillemets(text, lo, hi) + doubled
        doubles.sort()
        kept: list[tuple[int, int, bool]] = []
        for o, c, closed in doubles:
            if kept and o < (kept[-1][1] + ((2 if kept[-1][1] in wide else 1) if kept[-1][2] else 0)):
                continue  # overlapping mixed styles: keep the first
            kept.append((o, c, closed))
        singles = [s for s in _single(text, lo, hi)
                   if not any(o <= s[0] and s[1] <= c for o, c, _ in kept)
                   and not {s[0], s[0] - 1, s[1], s[1] - 1} & wide]
        for o, c, closed in sorted(kept + singles):
            is_double = text[o] in DOUBLE_MARKS or o in wide
            if any(o < k[1] and k[0] < c for k in kept if (k[0], k[1]) != (o, c)) and not is_double:
                continue
            width = 2 if o in wide else 1
            s, e = _trimmed(text, o + width, c)
            if e <= s:
                continue
            found.append(QuotedSpan(o, c, s, e, '"' if width == 2 else text[o], closed, width))
    return found


def word_count(text: str) -> int:
    """Number of word-like tokens in ``text``."""
    return len(re.findall(r"[\w\u2019']+", text))


# -- speaker turns ("President Olena Marchuk: Good afternoon. ...") -------------
_TURN_WORD = r"(?:[A-Z]\.(?:[A-Z]\.)*|[A-Z][a-z]{0,2}\.|[A-Z][\w'\u2019-]*)"  # Marchuk, Dr., J., U.S., Kassym-Jomart
_TURN_LINK = r"(?:of|the|for|and|on|in|at|de|da|del|der|van|von|bin|al|la|le|du)"
_TURN_PAREN = r"\([^()\n]{1,40}\)"  # "(retranslated)", "(via interpreter)"
# the words after the colon: a capital, a figure, a quotation mark or an ellipsis after a space;
# with no space a capital, an ellipsis, a quotation mark or a stage note ("Marchuk:(laughing) ...")
TURN_LABEL = re.compile(rf"(?P<label>{_TURN_WORD}(?:[ \t]+(?:{_TURN_WORD}|{_TURN_LINK})|[ \t]*{_TURN_PAREN}){{0,19}})"
                        r"[ \t]*:(?:[ \t]+(?=[\"'\u201c\u2018\u00ab(]?[A-Z0-9\u2026]|\.\.\.)"
                        r"|(?=[A-Z\u2026(\"\u201c\u00ab]|\.\.\.))")
# a sentence start: a line start, or spaces after . ! ? ... or a "* * *" divider (closing marks,
# brackets and "<...>" may come between), or after a stage note "(Laughter)"
_SENTENCE_START = re.compile(r"^|(?:(?<=[.!?\u2026*])[\"'\u201d\u2019\u00bb)\]>]*|(?<=\)))[ \t]*", re.M)
# titles written before a name: "Mr. Vale:" is not a sentence end before "Vale:" ("No." and "Sr." can end one)
_ABBREVIATIONS = {"mr", "mrs", "ms", "dr", "st", "gen", "sen", "rep", "gov", "lt", "col", "prof", "mt", "ft", "capt",
                  "sgt", "maj", "adm", "rev", "hon", "messrs", "pres", "supt", "insp", "cpl", "pvt", "fr", "sec"}
# a title opening a label that runs on from a heading without a full stop
# ("Meeting on economic issues President of Varnia Olena Marchuk: Colleagues, ...")
_TITLE_START = re.compile(r"(?<=[a-z0-9+)] )(?:President|Prime Minister|Chancellor|King|Queen|Governor|Mayor)\b")


@dataclass(frozen=True)
class TurnLabel:
    """A candidate speaker label opening a turn: ``label`` = (start, end) of the words
    before the colon (a trailing parenthetical such as "(retranslated)" excluded),
    ``content`` = the offset where the turn's words begin. ``run_on``: the label follows
    a word, not a sentence end (a heading without a full stop before it)."""

    label: tuple[int, int]
    content: int
    run_on: bool = False


def _label_at(text: str, pos: int, run_on: bool) -> TurnLabel | None:
    lm = TURN_LABEL.match(text, pos)
    if lm is None:
        return None
    start, end = lm.span("label")
    label = lm.group("label")
    paren = re.search(rf"[ \t]*{_TURN_PAREN}$", label)
    if paren:
        end -= len(paren.group())
    # scraped labels repeat the name reversed, glued to the title ("Ivo Sander Sander IvoChair of ..."):
    # the label ends before the doubled word
    for w in re.finditer(r"\b([A-Z][\w'\u2019-]+)[ \t]+\1\b", text[start:end]):
        end = start + w.start() + len(w.group(1))
        break
    words = text[start:end].split()
    if not words or re.fullmatch(_TURN_LINK, words[-1]) or "(" in text[start:end]:
        return None
    return TurnLabel((start, end), lm.end(), run_on)


def turn_labels(text: str) -> list[TurnLabel]:
    """Candidate turn labels: capitalised words (with "of", "the", ... between them and an
    optional parenthetical) and a colon, at a line start or right after a sentence end
    (or, for a label opening with a head-of-state title, after a heading that lacks its
    full stop), followed by the turn's words. Only the shape is checked here ("Note:",
    "Tags:" pass); whether the label names a speaker is the quote extractor's decision.
    Times ("10:30"), ratios and lower-case lead-ins ("the following:") never match."""
    out: list[TurnLabel] = []
    seen: set[int] = set()
    for m in _SENTENCE_START.finditer(text):
        pos = m.end()
        if pos in seen or pos >= len(text):
            continue
        seen.add(pos)
        if pos > 0 and text[pos - 1] not in "\n":
            prev = re.search(r"(\w+)\.[\"'\u201d\u2019\u00bb)\]]*[ \t]+$", text[max(0, pos - 20):pos])
            if prev and (prev.group(1).casefold() in _ABBREVIATIONS or len(prev.group(1)) == 1):
                continue  # "Mr. Vale: ..." / "J. Vale": an abbreviation, not a sentence end
        found = _label_at(text, pos, False)
        if found is not None:
            out.append(found)
    if ":" in text:
        taken = {t.label[0] for t in out}
        for m in _TITLE_START.finditer(text):
            if m.start() not in taken and not any(t.label[0] < m.start() < t.content for t in out):
                found = _label_at(text, m.start(), True)
                if found is not None:
                    out.append(found)
        out.sort(key=lambda t: t.label[0])
    return out
