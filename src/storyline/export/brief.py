"""``storyline brief``: a situation report for one story and time window.

Every line of the report is built from a stored span (an event sentence, a
quote, a claimed figure) and cites it as ``[n]``; reference ``n`` names the
article and the character offsets, so a reader can check each line. Figures
the claim ledger marks disputed are shown side by side, as disputed.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from markupsafe import Markup, escape

from .. import query
from ..store import Database

MAX_EVENTS = 15
MAX_SPEAKERS = 8
QUOTES_PER_SPEAKER = 2
MAX_FIGURES = 10
EXCERPT = 220


@dataclass
class Citation:
    n: int
    article_id: str
    start: int
    end: int
    text: str  # the article's text[start:end]
    source: str | None
    title: str | None
    published: str | None


@dataclass
class Line:
    """One sentence of the report: plain-text parts, each followed by the citations it rests on."""

    parts: list[tuple[str, list[int]]]


@dataclass
class Brief:
    story_id: str
    title: str
    since: str | None
    first: str | None
    last: str | None
    size: int
    sources: int
    sections: list[tuple[str, list[Line]]] = field(default_factory=list)
    references: list[Citation] = field(default_factory=list)


class _Citer:
    """Numbers spans in order of first use; each span is checked against the stored article text."""

    def __init__(self, db: Database):
        self.db = db
        self.refs: dict[tuple[str, int, int], Citation] = {}
        self._articles: dict[str, Any] = {}

    def cite(self, article_id: str, start: int, end: int) -> int | None:
        key = (article_id, start, end)
        if key in self.refs:
            return self.refs[key].n
        art = self._articles.get(article_id) or self._articles.setdefault(article_id, query.article(self.db, article_id))
        if not 0 <= start < end <= len(art.text):
            return None  # never cite a span the article does not have
        n = len(self.refs) + 1
        self.refs[key] = Citation(n, article_id, start, end, art.text[start:end], art.source, art.title, art.published)
        return n


def _excerpt(text: str, limit: int = EXCERPT) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rsplit(" ", 1)[0] + "…"


def _in_window(date: str | None, since: str | None) -> bool:
    return since is None or (date is not None and date >= since)


def build_brief(db: Database, story_id: str, since: str | None = None) -> Brief:
    """The situation report of a story from ``since`` (YYYY-MM-DD) on; NotFound for an unknown story."""
    if since:
        query._check_date("since", since)
    story = query.story_detail(db, story_id)
    citer = _Citer(db)
    brief = Brief(story_id, story["title"], since, story["first"], story["last"], story["size"], story["sources"])

    lines: list[Line] = []
    seen: set[tuple] = set()
    for e in story["events"]:
        if not _in_window(e["date"] or e["published"], since):
            continue
        key = (e["date"], e["type"], e["actor"], e["target"], e["location"])
        if key in seen or e["mode"] not in (None, ""):
            continue
        seen.add(key)
        n = citer.cite(e["article_id"], e["start"], e["end"])
        if n is None:
            continue
        who = " → ".join(x for x in (e["actor"], e["target"]) if x)
        head = f"{e['date'] or 'Undated'}" + (f" ({e['date_precision']})" if e["date_precision"] else "")
        head += f", {e['type']}" + (f", {who}" if who else "") + (f", in {e['location']}" if e["location"] else "")
        lines.append(Line([(f"{head}: “{_excerpt(e['text'])}” ({e['source'] or 'unknown outlet'})", [n])]))
        if len(lines) >= MAX_EVENTS:
            break
    brief.sections.append(("What happened", lines))

    disputed, settled = [], []
    for entry in story["ledger"]:
        figures = []
        for f in entry.get("figures", []):
            cites = []
            for c in f.get("claims", []):
                if not _in_window(c.get("published"), since):
                    continue
                n = citer.cite(c["article_id"], c["start"], c["end"])
                if n is not None:
                    cites.append(n)
            if cites:
                figures.append((f, cites))
        if not figures:
            continue
        label = entry.get("label") or entry.get("unit") or "figure"
        parts: list[tuple[str, list[int]]] = []
        for i, (f, cites) in enumerate(figures):
            value = _figure(f.get("value"), f.get("value_max"), entry.get("unit"))
            lead = f"{label}: " if i == 0 else "; "
            parts.append((f"{lead}{f.get('claimant') or 'unattributed sources'} say(s) {value}", cites))
        line = Line(parts)
        (disputed if entry.get("disputed") and len(figures) > 1 else settled).append(line)
    brief.sections.append(("Disputed figures", disputed))
    brief.sections.append(("Other figures", settled[:MAX_FIGURES]))

    lines = []
    for group in story["quotes_by_speaker"]:
        if not group["speaker"]:
            continue
        chosen = [q for q in group["quotes"] if q["kind"] != "indirect" and _in_window(q["published"], since)]
        chosen = (chosen or [q for q in group["quotes"] if _in_window(q["published"], since)])[:QUOTES_PER_SPEAKER]
        parts = []
        for q in chosen:
            n = citer.cite(q["article_id"], q["start"], q["end"])
            if n is not None:
                lead = f"{group['speaker']}: " if not parts else " Also: "
                parts.append((f"{lead}“{_excerpt(q['text'])}”", [n]))
        if parts:
            lines.append(Line(parts))
        if len(lines) >= MAX_SPEAKERS:
            break
    brief.sections.append(("Who said what", lines))
    brief.references = sorted(citer.refs.values(), key=lambda c: c.n)
    return brief


def figure(value: float | None) -> str:
    """A claimed number as people write it: 18000000000 -> "18 billion", 412.0 -> "412"."""
    if value is None:
        return ""
    for size, word in ((1e12, "trillion"), (1e9, "billion"), (1e6, "million")):
        if abs(value) >= size:
            return f"{value / size:.3g} {word}"
    return f"{value:,.0f}" if float(value).is_integer() else f"{value:,.2f}"


def _figure(value: float | None, value_max: float | None, unit: str | None) -> str:
    text = figure(value) + (f"–{figure(value_max)}" if value_max else "")
    return f"{text} {unit}".strip() if unit else text


def _header(b: Brief) -> list[str]:
    window = f"from {b.since}" if b.since else f"{(b.first or '?')[:10]} to {(b.last or '?')[:10]}"
    return [f"Story {b.story_id}: {b.size} article(s) from {b.sources} outlet(s), {window}.",
            "Each line cites [n] the article and character offsets it rests on; "
            "figures marked disputed are claimed differently by different sources."]


def render_markdown(b: Brief) -> str:
    """The brief as Markdown."""
    out = [f"# Situation report: {b.title}", "", *(f"_{h}_  " for h in _header(b)), ""]
    for heading, lines in b.sections:
        out += [f"## {heading}", ""]
        if not lines:
            out += ["None in this window.", ""]
            continue
        for line in lines:
            out.append("- " + "".join(text + "".join(f" [{n}]" for n in cites) for text, cites in line.parts))
        out.append("")
    out += ["## References", ""]
    for c in b.references:
        out.append(f"[{c.n}] {c.source or 'unknown outlet'}, “{c.title or c.article_id}”, "
                   f"{(c.published or 'undated')[:10]}: article {c.article_id}, characters {c.start}–{c.end}.")
    return "\n".join(out) + "\n"


def render_html(b: Brief) -> str:
    """The brief as a standalone HTML page; every text piece is escaped (article text is untrusted)."""
    def cites(ns: list[int]) -> str:
        return "".join(f' <a class="cite" href="#ref-{n}">[{n}]</a>' for n in ns)

    body = [f"<h1>Situation report: {escape(b.title)}</h1>"]
    body += [f'<p class="meta">{escape(h)}</p>' for h in _header(b)]
    for heading, lines in b.sections:
        body.append(f"<h2>{escape(heading)}</h2>")
        if not lines:
            body.append("<p>None in this window.</p>")
            continue
        body.append("<ul>")
        for line in lines:
            body.append("<li>" + "".join(f"{escape(t)}{cites(ns)}" for t, ns in line.parts) + "</li>")
        body.append("</ul>")
    body.append("<h2>References</h2><ol class=\"refs\">")
    for c in b.references:
        body.append(f'<li id="ref-{c.n}">{escape(c.source or "unknown outlet")}, “{escape(c.title or c.article_id)}”, '
                    f'{escape((c.published or "undated")[:10])}: <a href="/articles/{escape(c.article_id)}">'
                    f"article {escape(c.article_id)}</a>, characters {c.start}–{c.end}.</li>")
    body.append("</ol>")
    page = ('<!doctype html><html lang="en"><head><meta charset="utf-8">'
            f"<title>Situation report: {escape(b.title)}</title></head><body>" + "\n".join(body) + "</body></html>\n")
    return str(Markup(page))
