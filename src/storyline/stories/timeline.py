"""A story's timeline: its events across articles in date order, each with the
claims attached to it and the quotes around it. Pure: rows in, entries out."""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from .features import shift_day

QUOTE_WINDOW = 400  # characters around an event within which a quote belongs to it
SKIPPED_MODES = {"future", "hypothetical", "negated"}
SKIPPED_TYPES = {"STATEMENT"}  # what was said is in the quotes and the ledger


def build_timeline(events: list[dict[str, Any]], claims: list[dict[str, Any]], quotes: list[dict[str, Any]],
                   articles: dict[str, dict[str, Any]], max_quotes: int = 3, span: tuple[str | None, str | None]
                   = (None, None)) -> list[dict[str, Any]]:
    """Entries {date, type, location, actor, target, text, articles, sources, n_origins, claims, quotes,
    context}, one per (date, type, place) across the story's articles, in date order; events dated well
    outside the story's span (background recalled in its reports) come last with ``context`` True."""
    claims_by_event = defaultdict(list)
    for c in claims:
        if c.get("event_id"):
            claims_by_event[(c["article_id"], c["event_id"])].append(c)
    quotes_by_article = defaultdict(list)
    for q in quotes:
        quotes_by_article[q["article_id"]].append(q)
    entries: dict[tuple, dict[str, Any]] = {}
    for e in events:
        if e["type"] in SKIPPED_TYPES or (e.get("mode") or "") in SKIPPED_MODES:
            continue
        art = articles.get(e["article_id"], {})
        day = (e.get("date") or "")[:10] if e.get("date_precision") == "day" else None
        day = day or art.get("day")
        key = (day or "", e["type"], (e.get("location") or "").casefold())
        entry = entries.setdefault(key, {
            "date": day, "type": e["type"], "location": e.get("location"), "actor": e.get("actor"),
            "target": e.get("target"), "text": e["text"], "articles": [], "sources": [], "origins": set(),
            "claims": [], "quotes": []})
        entry["actor"] = entry["actor"] or e.get("actor")
        entry["target"] = entry["target"] or e.get("target")
        if e["article_id"] not in entry["articles"]:
            entry["articles"].append(e["article_id"])
        if art.get("source") and art["source"] not in entry["sources"]:
            entry["sources"].append(art["source"])
        entry["origins"].add(art.get("origin_id") or e["article_id"])
        for c in claims_by_event.get((e["article_id"], e["event_id"]), []):
            entry["claims"].append({"text": c["text"], "value": c["value"], "unit": c["unit"],
                                    "claimant": c.get("claimant"), "article_id": c["article_id"],
                                    "source": art.get("source")})
        for q in quotes_by_article.get(e["article_id"], []):
            near = q["start_char"] <= e["end_char"] + QUOTE_WINDOW and q["end_char"] >= e["start_char"] - QUOTE_WINDOW
            if near and len(entry["quotes"]) < max_quotes and all(x["text"] != q["text"] for x in entry["quotes"]):
                entry["quotes"].append({"text": q["text"], "speaker": q.get("speaker"), "article_id": q["article_id"],
                                        "source": art.get("source")})
    lo = shift_day(span[0], -3) if span[0] else None
    hi = shift_day(span[1], 3) if span[1] else None
    out = []
    for entry in entries.values():
        entry["n_origins"] = len(entry.pop("origins"))
        entry["context"] = bool(entry["date"] and ((lo and entry["date"] < lo) or (hi and entry["date"] > hi)))
        out.append(entry)
    out.sort(key=lambda x: (x["context"], x["date"] is None, x["date"] or "", -x["n_origins"], x["type"]))
    return out
