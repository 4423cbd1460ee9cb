"""Recover metadata from article text: title, publication date, outlet, date window.

Every function returns its answer with a confidence in [0, 1]; values from
the container (feed, JSONL, CSV fields) override these in ``clean_document``.
"""

from __future__ import annotations

import calendar
import re
from datetime import date, datetime, timedelta
from urllib.parse import urlparse

from ..models import DateWindow
from .debris import _MONTHS, debris_reason, ends_like_sentence, is_byline, is_date_line, is_section_label

# dateparser is slow to import (it loads language data): load it on first use.
_DATEPARSER_SETTINGS = {
    "PREFER_DAY_OF_MONTH": "first",
    "RETURN_AS_TIMEZONE_AWARE": False,
    "REQUIRE_PARTS": ["day", "month", "year"],
    # No relative parser: "3 hours ago" would resolve against today's clock.
    "PARSERS": ["timestamp", "custom-formats", "absolute-time"],
    "STRICT_PARSING": False,
}

_ISO = re.compile(
    r"^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?$")
# 10:42 or 10.42, but not the "20.06" of "20.06.2025".
_TIME = re.compile(r"(?<![\d.])\d{1,2}(?::\d{2}|\.\d{2})(?![\d.])")
_LABEL = re.compile(
    r"^(?:published|updated|last updated|last modified|modified|posted|posted on|first published|date|"
    r"created|issued|released|published on|updated on)\b\s*:?\s*", re.I)
_AMBIGUOUS_NUMERIC = re.compile(r"^\s*(\d{1,2})[./-](\d{1,2})[./-]\d{2,4}")

_OUTLET_WORDS = re.compile(
    r"\b(?:news|times|post|courier|herald|daily|journal|gazette|tribune|observer|telegraph|guardian|press|"
    r"agency|media|tv|radio|today|express|review|chronicle|ledger|monitor|independent|standard|mirror|star|"
    r"mail|wire|insider|reporter|dispatch|bulletin|sentinel|record|inquirer|examiner|globe|network|"
    r"broadcasting|pravda|weekly|online|gazeta|vedomosti|izvestia|kommersant|pravda|truth|voice)\b"
    r"|\.(?:com|net|org|ua|ru|uk|eu|info|news)\b",
    re.I,
)
_READ_ON = re.compile(
    r"^(?:read|view|see) (?:the )?(?:full |original |whole )?(?:article|story|report|piece) "
    r"(?:on|at|in) (?-i:the )?(?P<name>.+?)(?: website| site| web ?site| homepage)?\s*[.!]?$", re.I)
_FIRST_APPEARED = re.compile(
    r"^this (?:article|story|piece) (?:was )?(?:originally |first )?(?:appeared|published|ran)"
    r"(?: originally| first)? (?:on|in|at|by) (?-i:the )?(?P<name>[A-Z][^.,;]{1,60})[.,;]?.*$",
    re.I)
# "© 2025 The Kyiv Courier", "© The Gazette 2025. All rights reserved.", "© 2025 X. Reproduction ..."
_COPYRIGHT = re.compile(
    r"^(?:©|\(c\)|copyright)\s*(?:©|\(c\))?\s*(?:\d{4}(?:\s*[-–]\s*\d{4})?\s*,?\s*)?(?P<name>[^,|©]+?)"
    r"\s*(?:,?\s*\d{4})?\s*(?:$|\.(?:\s|$)|[,|])",
    re.I)
_AGENCY_DATELINE = re.compile(r"^[A-Z][A-Za-z .'-]{1,40}, [^()]{0,40}\((?P<name>[A-Z][A-Za-z .&'-]{1,30})\) ?[-–—]")
_DATELINE_DATE = re.compile(
    rf"^[A-Z][A-Za-z .'-]{{1,40}}, (?P<date>(?:{_MONTHS})\.? \d{{1,2}},? \d{{4}}|\d{{1,2}} (?:{_MONTHS})\.? \d{{4}})"
    rf"\s*(?:\([^)]{{1,40}}\))?\s*[-–—]", re.I)
_LEGAL_SUFFIX = re.compile(r"\s*,?\s*\b(?:ltd|limited|llc|inc|plc|gmbh|s\.a|ag)\.?$", re.I)


def _parse_with_dateparser(value: str) -> datetime | None:
    import dateparser

    try:
        return dateparser.parse(value, languages=["en"], settings=_DATEPARSER_SETTINGS)
    except (ValueError, OverflowError, TypeError):
        return None


def _plausible(year: int) -> bool:
    return 1900 <= year <= date.today().year + 1


def parse_date(value: str) -> tuple[str | None, float]:
    """Return ``(iso, confidence)`` for a date string, ``iso`` as "YYYY-MM-DD" or "YYYY-MM-DDTHH:MM:SS".

    Needs day, month and year; a time is kept when the value gives one.
    Returns ``(None, 0.0)`` when the value is not a full date.
    """
    if not value or not value.strip():
        return None, 0.0
    value = value.strip()
    m = _ISO.match(value)
    if m:
        y, mo, d, hh, mm, ss = m.groups()
        try:
            dt = datetime(int(y), int(mo), int(d), int(hh or 0), int(mm or 0), int(ss or 0))
        except ValueError:
            return None, 0.0
        if not _plausible(dt.year):
            return None, 0.0
        return (dt.strftime("%Y-%m-%dT%H:%M:%S") if hh else dt.strftime("%Y-%m-%d")), 1.0
    text = _LABEL.sub("", value)
    text = re.sub(r"\s*\|\s*", " ", text).strip()
    if not text or len(text) > 80:
        return None, 0.0
    dt = _parse_with_dateparser(text)
    if dt is None or not _plausible(dt.year):
        return None, 0.0
    confidence = 0.9
    amb = _AMBIGUOUS_NUMERIC.match(text)
    if amb and int(amb.group(1)) <= 12 and int(amb.group(2)) <= 12 and amb.group(1) != amb.group(2):
        confidence = 0.6  # 05/06/2025: day and month order is a guess
    if _TIME.search(text):
        return dt.strftime("%Y-%m-%dT%H:%M:%S"), confidence
    return dt.strftime("%Y-%m-%d"), confidence


# Dates in a link, as news sites write them: /2009/03/03/, /2005/nov/28/, /2013-08-02-..., a section
# between year and month (/2009/POLITICS/03/03/), and eight digits standing alone in the path or query
# (ymd=20081216, _20130614.html). A year and month alone (/2009/03/) is no publication day.
_URL_YMD = re.compile(r"(?<![\d])((?:19|20)\d{2})[/-](\d{1,2})[/-](\d{1,2})(?![\d])")
_URL_YMONTHD = re.compile(rf"/((?:19|20)\d{{2}})/({_MONTHS})/(\d{{1,2}})(?![\d])", re.I)
_URL_Y_SECTION_MD = re.compile(r"/((?:19|20)\d{2})/[A-Za-z][A-Za-z-]{1,20}/(\d{1,2})/(\d{1,2})/")  # /2009/POLITICS/03/03/
_URL_COMPACT = re.compile(r"(?:(?<=[/=_-])|^)((?:19|20)\d{2})(\d{2})(\d{2})(?=$|[/&_.#-])")
_URL_DATE_CONFIDENCE = 0.6  # most often the day of publication; sometimes the first version's or an archive's


def date_from_url(url: str | None) -> tuple[str | None, float]:
    """``(iso_date, confidence)`` of a publication day written in an article's link, or ``(None, 0.0)``.
    Only the path and query are read (a host name holds no date)."""
    if not url:
        return None, 0.0
    try:
        parsed = urlparse(url.strip())
    except ValueError:  # a malformed link ("http://[abc/..."): no date, and the article goes on
        return None, 0.0
    rest = parsed.path + ("?" + parsed.query if parsed.query else "") if parsed.netloc else url.strip()
    for pattern in (_URL_YMD, _URL_YMONTHD, _URL_Y_SECTION_MD, _URL_COMPACT):
        for m in pattern.finditer(rest):
            y, mo, d = m.groups()
            month = int(mo) if mo.isdigit() else _month_number(mo)
            try:
                day = date(int(y), month, int(d))
            except ValueError:
                continue
            if _plausible(day.year):
                return day.isoformat(), _URL_DATE_CONFIDENCE
    return None, 0.0


def _nonempty_lines(text: str) -> list[str]:
    return [line.strip() for line in text.split("\n") if line.strip()]


def _looks_like_headline(line: str) -> bool:
    words = line.split()
    if not 2 <= len(words) <= 25 or len(line) > 200:
        return False
    if line.endswith((".", ",", ";", ":")) and not line.endswith("..."):
        return False
    if not (line[0].isupper() or line[0].isdigit() or line[0] in "\"“‘'«"):
        return False
    return debris_reason(line) is None


def _is_title_case(line: str) -> bool:
    words = [w for w in re.findall(r"[A-Za-z][\w'’-]*", line) if len(w) > 3]
    return bool(words) and sum(w[0].isupper() for w in words) / len(words) >= 0.6


def _is_preamble_not_outlet(line: str) -> bool:
    """Lines that may stand above the headline: section label, date, byline, credit."""
    return bool(is_section_label(line) or is_date_line(line) or is_byline(line) or debris_reason(line))


def _is_outlet_line(line: str) -> bool:
    words = line.split()
    return 1 <= len(words) <= 5 and not ends_like_sentence(line) and bool(_OUTLET_WORDS.search(line)) and all(
        w[0].isupper() or w[0].isdigit() or w.lower() in {"of", "the", "and", "de", "&"} or "." in w
        for w in words)


_DOMAIN = re.compile(r"^[a-z0-9-]+(?:\.[a-z0-9-]+)+$", re.I)
_MASTHEAD_SEPARATORS = re.compile(r"\s*(?:\||·|•|\s[—–-]\s)\s*")


def masthead(line: str) -> tuple[str | None, str | None] | None:
    """``(outlet, date_text)`` when ``line`` is a masthead, else None.

    A masthead is made only of an outlet name, section labels and a date:
    "Solvik Courier, 24 June 2025", "21.06.2025 | Maren Observer",
    "MAREN OBSERVER | World", "Orlavo Dispatch · Defence", "LEDGER WORLD NEWS".
    """
    line = line.strip()
    if not line or len(line.split()) > 12 or ends_like_sentence(line):
        return None
    parts = [p for p in _MASTHEAD_SEPARATORS.split(line) if p.strip()]
    if len(parts) == 1 and ", " in line:
        parts = [p for p in line.split(", ", 1) if p.strip()]
    outlet: str | None = None
    when: str | None = None
    for part in parts:
        if is_date_line(part):
            when = when or part
        elif (_is_outlet_line(part) or _DOMAIN.match(part)) and not is_section_label(part):
            if outlet is None or "." in outlet and "." not in part:
                outlet = part  # "Belmarra Radio International" rather than "bri.example"
        elif not is_section_label(part):
            return None
    if outlet is None:
        return None
    if len(parts) == 1 and not (line.isupper() and len(line.split()) <= 5):
        return None  # a lone outlet-like line: judged by what follows it
    return outlet, when


def split_title(text: str) -> tuple[str | None, str, float]:
    """Return ``(title, body, confidence)`` for plain text.

    The title is the first headline-like line (short, no final period), after
    any outlet/section/date/byline lines, when a body follows it. The body is
    ``text`` without the title line (lines above it stay for debris removal
    and metadata). A one-paragraph text has no title.
    """
    lines = text.split("\n")
    idx = [i for i, line in enumerate(lines) if line.strip()]
    if len(idx) < 2:
        return None, text.strip(), 0.0
    skipped = 0
    for pos, i in enumerate(idx[:6]):
        line = lines[i].strip()
        rest = [lines[j].strip() for j in idx[pos + 1:]]
        # An outlet-like line ("The Harbour Gazette") is preamble only when a
        # headline follows; "Press Freedom Under Attack" above the body is the title.
        following = next((r for r in rest if not _is_preamble_not_outlet(r)), "")
        outlet_above_headline = _is_outlet_line(line) and _looks_like_headline(following)
        if _is_preamble_not_outlet(line) or outlet_above_headline or masthead(line):
            skipped += 1
            continue
        if not _looks_like_headline(line):
            return None, text.strip(), 0.0
        # A body must follow: at least one sentence-like line after the title.
        if not any(ends_like_sentence(r) or len(r.split()) > 25 for r in rest):
            return None, text.strip(), 0.0
        confidence = 0.9 if skipped == 0 else 0.75
        if line.endswith(("?", "!")) or line[-1] in "\"”’»":
            confidence -= 0.15
        if not _is_title_case(line) and len(line.split()) > 16:
            confidence -= 0.15
        body = "\n".join(lines[:i] + lines[i + 1:])
        body = re.sub(r"\n{3,}", "\n\n", body).strip()
        return line, body, round(confidence, 2)
    return None, text.strip(), 0.0


def find_published(text: str) -> tuple[str | None, float]:
    """Return ``(iso_date, confidence)`` from a date line or dateline near the top of ``text``.

    "Published: ..." beats "Updated: ...". A dateline without a year
    ("KYIV, June 20 (Agency) -") is not enough and gives ``(None, 0.0)``.
    """
    lines = _nonempty_lines(text)
    head = lines[:8]
    tail = lines[-4:] if len(lines) > 8 else []
    candidates: list[tuple[float, str]] = []
    for line in head + tail:
        low = line.lower()
        value: str | None = None
        head_of_masthead = masthead(line)
        if is_date_line(line):
            value = line
        elif head_of_masthead and head_of_masthead[1]:
            value = head_of_masthead[1]
        elif is_byline(line) and "," in line:
            # "By Marta Holub, June 20, 2025": the date is after the name.
            for k in range(1, line.count(",") + 1):
                part = line.split(",", k)[-1]
                if is_date_line(part):
                    value = part
                    break
        if value is None:
            continue
        if "ago" in value.lower().split():
            continue
        iso, conf = parse_date(value)
        if iso is None:
            continue
        if low.startswith(("updated", "last updated", "last modified", "modified")):
            conf *= 0.7
        elif not low.startswith(("published", "posted", "first published", "date")):
            conf *= 0.9
        if line in tail and line not in head:
            conf *= 0.8
        candidates.append((conf, iso))
    for line in lines[:3]:
        m = _DATELINE_DATE.match(line)
        if m:
            iso, conf = parse_date(m.group("date"))
            if iso:
                candidates.append((conf * 0.8, iso))
    if not candidates:
        return None, 0.0
    conf, iso = max(candidates, key=lambda c: c[0])
    return iso, round(conf, 2)


def _clean_outlet(name: str) -> str | None:
    name = re.sub(r"\s+(?:web ?site|site|homepage)$", "", name.strip(" .,:;|-–—\"'“”"), flags=re.I)
    name = _LEGAL_SUFFIX.sub("", name)
    name = re.sub(r"\s+", " ", name).strip()
    if not name or len(name) > 60 or len(name.split()) > 7:
        return None
    return name


def domain_of(url: str | None) -> str | None:
    """Return the host of ``url`` without "www."/"m."/"amp.", or None."""
    if not url:
        return None
    try:
        host = urlparse(url if "//" in url else "//" + url).hostname
    except ValueError:
        return None
    if not host or "." not in host:
        return None
    host = host.lower()
    for prefix in ("www.", "m.", "amp.", "mobile."):
        if host.startswith(prefix):
            host = host[len(prefix):]
    return host


def find_outlet(text: str, url: str | None = None) -> tuple[str | None, float]:
    """Return ``(outlet_name, confidence)`` from the text, else from the URL's domain.

    In order: "Read the article on the X website" (0.9), "This article
    first appeared on X" (0.85), a copyright line (0.8), an outlet-like
    line at the top (0.6), the URL's domain (0.5), the agency in a dateline
    "KYIV, June 20 (Agency) -" (0.4).
    """
    lines = _nonempty_lines(text)
    for line in reversed(lines):
        m = _READ_ON.match(line)
        if m and (name := _clean_outlet(m.group("name"))):
            return name, 0.9
    for line in reversed(lines):
        m = _FIRST_APPEARED.match(line)
        if m and (name := _clean_outlet(m.group("name"))):
            return name, 0.85
    for line in reversed(lines):
        if len(line) <= 150 and re.match(r"^(?:©|\(c\)\s|copyright\b)", line, re.I):
            m = _COPYRIGHT.match(line)
            if m and (name := _clean_outlet(m.group("name"))) and not re.fullmatch(r"[\d\s-]+", name):
                return name, 0.8
    for line in lines[:4] + lines[-3:]:
        found = masthead(line)
        if found:
            return found[0], 0.6
    for line in lines[:3]:
        if _is_outlet_line(line) and not is_section_label(line) and not is_date_line(line):
            return line, 0.6
    domain = domain_of(url)
    if domain:
        return domain, 0.5
    for line in lines[:3]:
        m = _AGENCY_DATELINE.match(line)
        if m:
            return m.group("name").strip(), 0.4
    return None, 0.0


# Explicit full dates in running text.
_FULL_DATE = re.compile(
    rf"\b(?:(?:{_MONTHS})\.? \d{{1,2}}(?:st|nd|rd|th)?,? \d{{4}}"
    rf"|\d{{1,2}}(?:st|nd|rd|th)? (?:of )?(?:{_MONTHS})\.?,? \d{{4}}"
    rf"|\d{{4}}-\d{{2}}-\d{{2}})\b",
    re.I)
_MONTH_YEAR = re.compile(rf"\b(?:{_MONTHS})\.?,? (?:of )?(\d{{4}})\b", re.I)
_COPYRIGHT_YEAR = re.compile(r"(?:©|\(c\)|copyright)\s*(?:©\s*)?(\d{4})(?:\s*[-–]\s*(\d{4}))?", re.I)
# A date that announces the future ("talks scheduled for July 3, 2025") says
# nothing about when the article was written.
_FUTURE_CUE = re.compile(
    r"(?:\b(?:will|would|shall|scheduled|due|expected|planned|plans|set|slated|upcoming|next|deadline)\b[^.;]{0,40}"
    r"|\b(?:by|until|till)\s)$",
    re.I)


def _month_number(name: str) -> int:
    name = name.lower().rstrip(".")[:3]
    return [m.lower() for m in calendar.month_abbr].index(name)


def estimate_window(text: str) -> DateWindow | None:
    """Return a window that likely holds the publication date, or None.

    From the latest explicit full date in the text (published on or after it:
    [latest, latest + 30 days]), else the latest month/year mentioned, else
    the copyright year. ``basis`` says which.
    """
    dates: list[date] = []
    future: list[date] = []
    for m in _FULL_DATE.finditer(text):
        iso, _ = parse_date(m.group(0))
        if not iso:
            continue
        d = date.fromisoformat(iso[:10])
        (future if _FUTURE_CUE.search(text[max(0, m.start() - 60):m.start()]) else dates).append(d)
    dates = dates or future
    if dates:
        latest = max(dates)
        return DateWindow(latest.isoformat(), (latest + timedelta(days=30)).isoformat(),
                          f"latest explicit date in text ({latest.isoformat()})")
    months: list[date] = []
    for m in _MONTH_YEAR.finditer(text):
        year = int(m.group(1))
        if _plausible(year) and not _FUTURE_CUE.search(text[max(0, m.start() - 60):m.start()]):
            months.append(date(year, _month_number(m.group(0).split()[0]), 1))
    if months:
        first = max(months)
        last_day = calendar.monthrange(first.year, first.month)[1]
        end = first.replace(day=last_day) + timedelta(days=30)
        return DateWindow(first.isoformat(), end.isoformat(),
                          f"latest month mentioned in text ({first.strftime('%B %Y')})")
    years = [int(y) for m in _COPYRIGHT_YEAR.finditer(text) for y in m.groups() if y and _plausible(int(y))]
    if years:
        year = max(years)
        return DateWindow(f"{year}-01-01", f"{year}-12-31", f"copyright year ({year})")
    return None
