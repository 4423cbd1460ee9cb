"""Remove scraping debris from an article body without dropping body sentences.

Two kinds of rule:

* line rules (``debris_reason``): a line that is debris wherever it stands
  (an image credit, "Read the article on the X website", a tag list, a
  copyright line, a section label, a byline, a date-only line);
* context rules: a short line without final punctuation (a pasted related
  headline, an outlet name, a kicker) is removed when it stands between body
  paragraphs, before the first or after the last one, or after a
  "Read more:" / "Related" marker. A line that ends like a sentence (period,
  question mark, closing quote) is never removed by a context rule.
"""

from __future__ import annotations

import re

_MONTHS = (
    "january|february|march|april|may|june|july|august|september|october|november|december|"
    "jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec"
)
_WEEKDAYS = "monday|tuesday|wednesday|thursday|friday|saturday|sunday|mon|tue|tues|wed|thu|thurs|fri|sat|sun"

# Sentence-final characters: a line ending in one of these is body text.
_FINAL = ".!?…\"”’'»)]"

_CREDIT_WORDS = r"(?:image|photo|picture|photograph|video|illustration|graphic|footage)s?"

# Whole-line debris patterns, in a table: (reason, compiled regex). Each is
# anchored and length-limited so it cannot swallow a body paragraph.
_LINE_RULES: list[tuple[str, re.Pattern[str]]] = [
    # | Image Source: Agency |   Photo: John Smith/Agency   Image credit, AFP
    ("image credit", re.compile(
        rf"^\|?\s*(?:{_CREDIT_WORDS}\s*(?:source|credit|courtesy)?s?\s*[:,|–—-]|(?:credits?|image source)\s*:)"
        rf"\s*.{{0,120}}\|?$",
        re.I)),
    # Photo by John Smith / Photos courtesy of the Ministry
    ("image credit", re.compile(rf"^\(?{_CREDIT_WORDS}\s+(?:by|courtesy of|via)\s+.{{1,100}}$", re.I)),
    # Image caption, ... (BBC style) / Media caption, ...
    ("image credit", re.compile(r"^(?:image|media|video)\s+caption\s*[:,].{0,300}$", re.I)),
    # A caption that ends with its credit: "... (Photo by John Smith/Agency)"
    ("image credit", re.compile(
        rf"^.{{0,300}}[(\[]\s*(?:{_CREDIT_WORDS}\s*(?:by|credit|source)?\s*[:,]?|credit\s*:)"
        rf"\s*[^()\[\]]{{1,100}}[)\]]$",
        re.I)),
    # Getty Images / AFP via Getty Images / "... Photograph: X/Getty Images"
    ("image credit", re.compile(
        r"^.{0,200}\b(?:getty images|shutterstock|alamy|ap photo|afp photo|epa-efe)\)?$", re.I)),
    # Illustrative photo / File photo / Stock image
    ("image credit", re.compile(
        r"^\(?(?:illustrative|illustration|file|archive|stock)\s+(?:photo|image|picture)\)?\.?$", re.I)),
    # Bare credit: Agency/Photographer, Reuters/John Smith, AFP/Getty
    ("image credit", re.compile(
        r"^[A-Z][\w.&'’-]*(?:\s[A-Z][\w.&'’-]*){0,3}\s?/\s?[A-Z][\w.&'’-]*(?:\s[A-Z][\w.&'’-]*){0,3}"
        r"(?:\s?/\s?[A-Z][\w.&'’-]*(?:\s[A-Z][\w.&'’-]*){0,3})?$")),
    # A bare link on a line of its own ("https://example.org/2025/06/20/strike", "Source: https://...")
    ("link", re.compile(r"^(?:(?:source|link|url|original)\s*:\s*)?<?https?://\S+>?$", re.I)),
    # Read the article on the X website / Read the original article on X
    ("read more", re.compile(
        r"^(?:read|view|see) (?:the )?(?:full |original |whole )?(?:article|story|report|piece)"
        r"(?:\s+(?:on|at|in|here)\b.{0,100}|\s*[.:]?)$", re.I)),
    ("read more", re.compile(r"^(?:read|see) (?:more|also|next|further)\b(?:\s*[:|–—-].{0,200}|[^.!?]{0,100})$",
                             re.I)),
    # "Related: ...", "More from the Gazette"; but not "Related talks are planned."
    ("read more", re.compile(
        r"^(?:also read|related|see also|more on this story|more from|recommended|most read|most popular|"
        r"you may also like|you might also like|continue reading|click here|don'?t miss|trending|further reading)"
        r"\b(?:\s*[:|–—-].{0,200}|[^.!?\"”]{0,80})$", re.I)),
    ("tags", re.compile(r"^(?:tags?|topics?|keywords?|filed under|categories|category|related topics)\s*[:|].{0,300}$",
                        re.I)),
    # "Copyright 2025 ..." but not "Copyright law was ...": a year, "by" or a name follows.
    ("copyright", re.compile(
        r"^(?:©|\([cC]\)\s|(?i:copyright)\s*(?:©|\([cC]\))?\s*(?:\d{4}|[Bb]y\b|[A-Z])|(?i:all rights reserved))"
        r".{0,200}$")),
    ("copyright", re.compile(r"^.{0,150}\ball rights reserved\b.{0,60}$", re.I)),
    ("copyright", re.compile(r"^our standards\s*:.{0,100}$", re.I)),
    # Reuters-style footer: (Reporting by X; Editing by Y)
    ("byline", re.compile(
        r"^[(\[]?(?:additional )?(?:reporting|writing|editing|compiled|translated|translation) by\b.{0,200}$", re.I)),
    # "Author: X", "Written by X"; not "Author Jana Ilves, who wrote the memoir, said ..."
    ("byline", re.compile(r"^(?:authors?\s*[:|]|(?:written|words|posted|story) by\b)\s*[A-Z][^.!?]{0,80}$", re.I)),
    ("reading time", re.compile(r"^(?:reading time\s*:?\s*)?\d{1,3}[ -]?(?:min|mins|minutes?)(?: read)?\.?$", re.I)),
    ("promo", re.compile(
        r"^(?:subscribe|sign up|register|log in|download (?:our|the) app|follow us|join us|join our|like us|"
        r"get (?:our|the latest)|support (?:our|independent))\b.{0,160}$", re.I)),
    ("promo", re.compile(r"^(?:story continues|article continues|scroll to continue|skip advertisement|"
                         r"listen to this article|listen to article|watch\s*:|video\s*:|live\s*:|gallery\s*:|"
                         r"loading\b|this (?:article|story|post) (?:was|has been|is) (?:originally |first )?"
                         r"(?:published|updated|amended|corrected|republished|produced|brought)).{0,200}$", re.I)),
]

# One-line section labels and page furniture; a line made only of these
# words joined by separators ("Politics | World", "Home > Europe") is debris.
_SECTION_LABELS = frozenset(label.strip() for label in """
    world, europe, uk, us, u.s., asia, africa, americas, middle east, australia, politics, business, economy,
    markets, sport, sports, opinion, analysis, news, latest, live, breaking, tech, technology, science, health,
    culture, lifestyle, entertainment, home, video, videos, photos, features, feature, explainer,
    investigations, environment, climate, security, defence, defense, diplomacy, conflict, conflicts,
    international, national, local, region, regions, exclusive, editorial, commentary, interview, in depth,
    in pictures, top stories, world news, europe news, ukraine, russia, war, ukraine war, war in ukraine,
    russia-ukraine war, advertisement, advert, ad, ads, sponsored, sponsored content, promoted, share,
    share this, share this article, share this story, share article, share on facebook, share on twitter,
    share on x, share on whatsapp, tweet, email, print, copy link, link copied, comments, comment, newsletter,
    newsletters, subscribe, more, menu, search, skip to content, skip to main content, listen, save, bookmark,
    follow, related, related articles, related stories, related content, more stories, read more, read next,
    more on this story, recommended, most read, most popular, trending, you may also like, also read,
    see also, back to top, close, cookies, accept, accept all, got it, breaking news, latest news,
    listen to this article, top news, latest updates, live updates, key points
    """.split(",") if label.strip())
_SECTION_WORDS = frozenset(" ".join(_SECTION_LABELS).split())
_SECTION_SEPARATORS = re.compile(r"\s*(?:\||/|>|›|»|•|·|–|—|\s-\s|,)\s*")

_BYLINE = re.compile(
    r"^by\s+(?P<names>[A-Z][\w.'’-]*(?:\s+(?:[A-Z][\w.'’-]*|de|van|von|der|al|el|bin|da|di|la|le))*"
    r"(?:\s*(?:,|and|&)\s*[A-Z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*)*)*)"
    r"(?P<rest>\s*(?:,|\||–|—|-|\bin\b|\bfor\b|\bat\b)\s*.{0,80})?$",
    re.I,
)
_BYLINE_VERBS = re.compile(
    r"\b(?:said|says|had|has|have|was|were|is|are|will|would|could|the|a|an|of|to)\b", re.I)

_DATE_LABEL = re.compile(
    r"^(?:published|updated|last updated|last modified|modified|posted|posted on|first published|date|"
    r"created|issued|released|published on|updated on)\b\s*:?\s*", re.I)
_DATE_TOKEN = re.compile(
    rf"^(?:\d{{1,4}}(?:st|nd|rd|th)?|\d{{1,2}}[:.]\d{{2}}(?::\d{{2}})?|\d{{1,4}}[./-]\d{{1,2}}[./-]\d{{1,4}}"
    rf"(?:t\d{{2}}:\d{{2}}(?::\d{{2}})?(?:z|[+-]\d{{2}}:?\d{{2}})?)?|"
    rf"{_MONTHS}|{_WEEKDAYS}|am|pm|a\.m\.|p\.m\.|gmt|utc|bst|cet|cest|eet|eest|msk|est|edt|pst|pdt|et|pt|"
    rf"at|on|of|ago|hours?|hrs?|minutes?|mins?|days?|weeks?|h|updated|published|posted|last|modified|"
    rf"[+-]\d{{2}}:?\d{{2}}|z)$",
    re.I,
)
_LIST_ITEM = re.compile(r"^(?:[-–—•*·▪►●]\s|\d{1,2}[.)]\s|[a-z][.)]\s)")
_QUOTE_CHARS = "\"“”‘’'«»"
_INLINE_CREDIT = re.compile(
    rf"\s*\|\s*{_CREDIT_WORDS}\s*(?:source|credit)s?\s*:[^|\n]{{0,120}}(?:\||$)", re.I)


def is_date_line(line: str) -> bool:
    """True when ``line`` is only a date/time, optionally labelled ("Published: 20 June 2025 10:42")."""
    rest = _DATE_LABEL.sub("", line.strip())
    rest = rest.replace(",", " ").replace("|", " ").replace("(", " ").replace(")", " ")
    tokens = rest.split()
    if not tokens or not any(ch.isdigit() for ch in rest):
        return False
    if not all(_DATE_TOKEN.match(t.rstrip(".")) or _DATE_TOKEN.match(t) for t in tokens):
        return False
    # A lone number ("2025", "12") is not a date line, and neither is a count.
    has_month = any(re.fullmatch(_MONTHS, t.rstrip("."), re.I) for t in tokens)
    has_numeric_date = any(re.match(r"^\d{1,4}[./-]\d{1,2}[./-]\d{1,4}", t) for t in tokens)
    relative = any(t.lower() == "ago" for t in tokens)
    return has_month or has_numeric_date or relative


def is_byline(line: str) -> bool:
    """True when ``line`` names the author(s) ("By Anna Kovalenko, Kyiv"), not a body sentence."""
    line = line.strip()
    if len(line.split()) > 14 or line.endswith((".", "!", "?", "\"", "”")) and not is_date_line(
            line.rsplit(",", 1)[-1]):
        return False
    m = _BYLINE.match(line)
    if not m:
        return False
    names = m.group("names")
    # "By Friday, the troops had withdrawn" starts like a byline; the verbs and
    # articles give it away.
    if _BYLINE_VERBS.search(names):
        return False
    rest = (m.group("rest") or "").strip(" ,|–—-")
    if rest and _BYLINE_VERBS.search(rest) and not is_date_line(rest):
        return False
    return True


def is_section_label(line: str) -> bool:
    """True for page furniture such as "World", "Politics | World" or "Share this article"."""
    text = line.strip().strip(":").strip()
    if not text or len(text) > 80:
        return False
    parts = [p.strip().lower() for p in _SECTION_SEPARATORS.split(text) if p.strip()]
    if not parts:
        return False
    return all(p in _SECTION_LABELS or all(w in _SECTION_WORDS for w in p.split()) and len(p.split()) <= 3
               for p in parts)


def debris_reason(line: str) -> str | None:
    """Why ``line`` is debris wherever it stands ("image credit", "copyright", ...), or None."""
    line = line.strip()
    if not line:
        return None
    if is_section_label(line):
        return "section label"
    if is_date_line(line):
        return "date line"
    if is_byline(line):
        return "byline"
    for reason, pattern in _LINE_RULES:
        if pattern.match(line):
            return reason
    return None


def ends_like_sentence(line: str) -> bool:
    """True when ``line`` ends with sentence-final punctuation or a closing quote."""
    line = line.rstrip()
    return bool(line) and line[-1] in _FINAL


def _is_body(line: str) -> bool:
    """A line that is certainly article body: it ends like a sentence, or is long."""
    return ends_like_sentence(line) or len(line.split()) > 25


def _is_headline_like(line: str) -> bool:
    """A short line without final punctuation: a pasted headline, kicker or outlet name."""
    # "· BRI Newsroom": what is left of a dateline once the <time> is gone.
    line = line.lstrip("·|").strip()
    if not line:
        return True
    if ends_like_sentence(line) or line.endswith((",", ";", ":")):
        return False
    if _LIST_ITEM.match(line) or not (line[0].isupper() or line[0].isdigit() or line[0] in _QUOTE_CHARS):
        return False
    words = line.split()
    if len(words) > 18:
        return False
    # A sentence that lost its final period still reads like one: a comma
    # followed by a reporting verb ("..., the ministry said").
    if re.search(r",[^,]*\b(?:said|says|told|added|according to|wrote|stated)\b", line):
        return False
    return True


def _strip_inline_credits(line: str, removed: list[str]) -> str:
    """Cut "| Image Source: X |" fragments out of a body line, recording each."""
    def cut(m: re.Match[str]) -> str:
        removed.append(m.group(0).strip())
        return " "

    new = _INLINE_CREDIT.sub(cut, line)
    return re.sub(r"\s{2,}", " ", new).strip() if new != line else line


def _blocks(lines: list[str]) -> list[list[int]]:
    """Line indices grouped into paragraphs.

    In a text with blank lines between paragraphs, a block is the run of lines
    between blank lines (a hard-wrapped paragraph stays one block); in a text
    with one paragraph per line, every line is its own block.
    """
    nonempty = [i for i, line in enumerate(lines) if line.strip()]
    if not nonempty:
        return []
    blank_separated = any(not lines[i].strip() for i in range(nonempty[0], nonempty[-1]))
    if not blank_separated:
        return [[i] for i in nonempty]
    blocks: list[list[int]] = []
    current: list[int] = []
    for i, line in enumerate(lines):
        if line.strip():
            current.append(i)
        elif current:
            blocks.append(current)
            current = []
    if current:
        blocks.append(current)
    return blocks


_MARKERS = frozenset({
    "related", "related articles", "related stories", "related content", "read more", "more on this story",
    "see also", "also read", "recommended", "most read", "read next", "more stories", "you may also like",
    "read also", "further reading", "more from"})


def remove_debris(text: str) -> tuple[str, list[str]]:
    """Return ``(body, removed_lines)``: ``text`` without debris lines, and what was dropped.

    ``text`` should be normalised (one paragraph per line, or blank-line
    separated paragraphs). Paragraph breaks of the kept lines are preserved.
    """
    removed: list[str] = []
    lines = [_strip_inline_credits(line, removed) if "|" in line else line for line in text.split("\n")]
    drop = [False] * len(lines)
    marker = [False] * len(lines)
    for i, line in enumerate(lines):
        reason = debris_reason(line)
        if reason:
            drop[i] = True
            low = line.strip().lower().rstrip(":").strip()
            marker[i] = low in _MARKERS or reason == "read more" and low.split(":")[0].strip() in _MARKERS

    blocks = _blocks(lines)
    has_body = any(_is_body(lines[i]) for i in range(len(lines)) if lines[i].strip() and not drop[i])
    if has_body:
        after_marker = False  # inside a "Read more:" / "Related" list of headlines
        after_colon = False  # list items after "... the plan includes:"
        for block in blocks:
            kept = [i for i in block if not drop[i]]
            if any(marker[i] for i in block):
                after_marker = True
            if not kept:
                continue
            # A block is a candidate only as a whole: a hard-wrapped paragraph
            # has unpunctuated lines, but its last line ends like a sentence.
            if all(_is_headline_like(lines[i].strip()) for i in kept):
                if after_colon and not after_marker:
                    continue
                for i in kept:
                    drop[i] = True
                continue
            after_marker = False
            after_colon = lines[kept[-1]].strip().endswith(":")

    out: list[str] = []
    for i, line in enumerate(lines):
        if drop[i]:
            removed.append(line.strip())
        else:
            out.append(line)
    body_text = re.sub(r"\n{3,}", "\n\n", "\n".join(out)).strip()
    return body_text, removed
