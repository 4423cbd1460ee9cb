"""Article text with its spans highlighted, as HTML built from escaped pieces.

Article text is untrusted. Every piece of it goes through ``escape``; only the
tags written here are markup. Overlapping spans (an entity inside a quote, a
quote crossing an event sentence) are closed and reopened so the result is
always well-formed.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from typing import Any, Iterable

from markupsafe import Markup, escape

PALETTE = 8  # speaker colours: classes spk-0 .. spk-7 in the stylesheet
_LAYER = {"event": 0, "focus": 1, "quote": 2, "claim": 3, "entity": 4}  # outermost first


@dataclass(frozen=True)
class Span:
    start: int
    end: int
    kind: str  # "event" | "quote" | "claim" | "entity"
    anchor: str  # element id of the first piece, e.g. "q3"
    classes: str = ""
    title: str = ""
    href: str | None = None  # entities link to their page


def speaker_colours(speaker_ids: Iterable[str | None]) -> dict[str, int]:
    """A palette index per speaker, in order of first appearance (unknown speakers get none)."""
    colours: dict[str, int] = {}
    for sid in speaker_ids:
        if sid and sid not in colours:
            colours[sid] = len(colours) % PALETTE
    return colours


def article_spans(article: Any, focus: str | None = None) -> list[Span]:
    """The spans of an ``Article`` to highlight; ``focus`` (e.g. "c2") gets the class ``focus``."""
    colours = speaker_colours(q.speaker_id or q.speaker for q in article.quotes)
    spans: list[Span] = []
    for i, e in enumerate(article.events):
        label = e.type + (f" ({e.mode})" if e.mode else "") + (f", {e.date}" if e.date else "")
        spans.append(Span(e.start, e.end, "event", f"e{i}", f"hl-event ev-{_safe_class(e.type)}", label))
    for i, q in enumerate(article.quotes):
        key = q.speaker_id or q.speaker
        colour = f"spk-{colours[key]}" if key in colours else "spk-none"
        spans.append(Span(q.start, q.end, "quote", f"q{i}", f"hl-quote {colour}",
                          f"{q.kind} quote, speaker: {q.speaker or 'unknown'}"))
    for i, c in enumerate(article.claims):
        spans.append(Span(c.start, c.end, "claim", f"c{i}", "hl-claim",
                          f"claim: {c.text}, by {c.claimant or 'unattributed'}"))
    for e in article.entities:
        for j, (s, t) in enumerate(e.mentions):
            spans.append(Span(s, t, "entity", f"m-{e.id}-{j}", f"hl-entity ent-{_safe_class(e.type)}",
                              f"{e.name} ({e.type})", href=f"/entities/{e.id}"))
    n = len(article.text)
    spans = [s for s in spans if 0 <= s.start < s.end <= n]
    spans = _drop_nested_links(spans)
    if focus:
        spans = [Span(s.start, s.end, s.kind, s.anchor, s.classes + " focus", s.title, s.href)
                 if s.anchor == focus else s for s in spans]
    return spans


def _safe_class(name: str) -> str:
    return "".join(ch if ch.isalnum() else "-" for ch in name.lower())


def _drop_nested_links(spans: list[Span]) -> list[Span]:
    """Links may not nest: drop an entity mention that overlaps an earlier-kept one."""
    kept: list[Span] = []
    last_end = -1
    for s in sorted(spans, key=lambda s: (s.start, -s.end)):
        if s.href is not None:
            if s.start < last_end:
                continue
            last_end = s.end
        kept.append(s)
    return kept


def _open(span: Span, first: bool) -> str:
    tag = "a" if span.href else "mark"
    attrs = [f'class="hl {escape(span.classes)}"']
    if first:
        attrs.append(f'id="{escape(span.anchor)}"')
    if span.title:
        attrs.append(f'title="{escape(span.title)}"')
    if span.href:
        attrs.append(f'href="{escape(span.href)}"')
    attrs.append(f'data-ref="{escape(span.anchor)}"')
    return f"<{tag} {' '.join(attrs)}>"


def _close(span: Span) -> str:
    return "</a>" if span.href else "</mark>"


def highlight(text: str, spans: list[Span]) -> Markup:
    """``text`` as HTML with each span wrapped in a <mark> (entities: <a>), well-formed however spans overlap."""
    points = sorted({0, len(text), *(s.start for s in spans), *(s.end for s in spans)})
    starting: dict[int, list[Span]] = defaultdict(list)
    for s in sorted(spans, key=lambda s: (-s.end, _LAYER.get(s.kind, 9))):  # longer (outer) spans open first
        starting[s.start].append(s)
    out: list[str] = []
    stack: list[Span] = []
    for i, p in enumerate(points):
        ending = [k for k, s in enumerate(stack) if s.end == p]
        if ending:
            cut = ending[0]
            popped = stack[cut:]
            out.extend(_close(s) for s in reversed(popped))
            stack = stack[:cut]
            for s in popped:  # spans crossing this point resume as continued pieces
                if s.end != p and not (s.href and any(o.href for o in stack)):
                    stack.append(s)
                    out.append(_open(s, first=False))
        for s in starting.get(p, ()):
            if s.href and any(o.href for o in stack):
                continue  # never an <a> inside an <a>
            stack.append(s)
            out.append(_open(s, first=True))
        if i + 1 < len(points):
            out.append(str(escape(text[p:points[i + 1]])))
    out.extend(_close(s) for s in reversed(stack))
    # Every text piece above was escaped; the tags are ours. That is what makes this Markup.
    return Markup("".join(out))

