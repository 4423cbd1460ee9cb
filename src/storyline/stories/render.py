"""Plain-text views of stories for the terminal: pure functions from the read
path's dicts to lines (the CLI prints them)."""

from __future__ import annotations

import textwrap
from typing import Any

STATUS_MARK = {"contradicting": "CONTRADICTED", "diverging": "DISPUTED", "agreeing": "agree", "updated": "revised",
               "single": "one origin"}


def _short(text: str | None, width: int) -> str:
    text = " ".join((text or "").split())
    return text if len(text) <= width else text[:width - 1] + "\u2026"


def _figure(item: dict[str, Any]) -> str:
    if item["kind"] == "statement":
        return f"\u201c{_short(item['text'], 70)}\u201d"
    value = item["value"]
    num = f"{value:,.0f}" if value is not None and float(value).is_integer() else f"{value}"
    if item.get("value_max") not in (None, value):
        vmax = item["value_max"]
        num += f"\u2013{vmax:,.0f}" if float(vmax).is_integer() else f"\u2013{vmax}"
    approx = f"{item['approx']} " if item.get("approx") else ""
    return f"{approx}{num} {item['unit']}".strip()


def story_table(rows: list[dict[str, Any]]) -> list[str]:
    """One line per story: id, date span, articles/origins, disputes, title."""
    if not rows:
        return ["no stories yet (ingest articles first)"]
    out = [f"{'ID':<22} {'DATES':<23} {'ART':>4} {'ORIG':>4} {'DISP':>4}  TITLE"]
    for r in rows:
        span = r["first_day"] or "undated"
        if r["last_day"] and r["last_day"] != r["first_day"]:
            span += f"..{r['last_day'][5:]}"
        out.append(f"{r['id']:<22} {span:<23} {r['articles']:>4} {r['origins']:>4} {r['disputes'] or '':>4}  "
                   f"{_short(r['title'] or '(untitled)', 70)}")
    return out


def ledger_lines(groups: list[dict[str, Any]], show_story: bool = False) -> list[str]:
    """Who says what, group by group."""
    out: list[str] = []
    for g in groups:
        head = f"[{STATUS_MARK.get(g['status'], g['status'])}] {g['measure'].replace('_', ' ')}: {g['unit']}"
        head += f"  ({g['claims']} claim(s), {g['origins']} independent origin(s), {g['claimants']} claimant(s))"
        if show_story:
            head += f"  story {g['story_id']}"
        out.append(head)
        for item in g["items"]:
            who = item.get("claimant") or "(outlet's own reporting)"
            when = (item.get("published") or item.get("day") or "undated")[:16]
            stance = "" if item["stance"] in ("agrees", "revised") else f" <{item['stance']}>"
            out.append(f"    {who:<34} {_figure(item):<28} {item.get('outlet') or '?'}, {when}{stance}")
            out.append(f"        \u2514 {_short(item['evidence'], 110)}")
        if g.get("note"):
            out.append(f"    note: {_short(g['note'], 120)}")
    return out


def story_view(s: dict[str, Any], max_timeline: int = 12) -> list[str]:
    """A story: header, articles, timeline, and the claim ledger."""
    span = s["first_day"] or "undated"
    if s["last_day"] and s["last_day"] != s["first_day"]:
        span += f" to {s['last_day']}"
    out = [f"{s['title'] or '(untitled story)'}", f"{s['id']}  |  {span}  |  {s['articles']} article(s) from "
           f"{s['origins']} independent origin(s)  |  {s['disputes']} dispute(s)"]
    if s.get("requested_id") and s["requested_id"] != s["id"]:
        out.append(f"(story {s['requested_id']} was merged into this one)")
    out += ["", "ARTICLES"]
    for a in s["articles_list"]:
        copy = f"  [copy of {a['origin_id']}]" if a["copy"] else ""
        out.append(f"  {(a['published'] or 'undated')[:16]:<17} {_short(a['source'] or '?', 24):<24} "
                   f"{_short(a['title'] or a['id'], 60)}{copy}")
    out += ["", "TIMELINE"]
    shown = [e for e in s["timeline"] if not e["context"]][:max_timeline]
    for e in shown:
        place = f" @ {e['location']}" if e.get("location") else ""
        out.append(f"  {e['date'] or 'undated':<10}  {e['type']}{place}  ({len(e['sources'])} outlet(s), "
                   f"{e['n_origins']} origin(s))")
        out.append(f"      {_short(e['text'], 100)}")
        for c in e["claims"][:3]:
            out.append(f"      # {_short(c['text'], 40)} \u2014 {c.get('claimant') or c.get('source') or '?'}")
        for q in e["quotes"][:2]:
            out.append(f"      \u201c{_short(q['text'], 80)}\u201d \u2014 {q.get('speaker') or '?'}")
    hidden = len(s["timeline"]) - len(shown)
    if hidden:
        out.append(f"  ... {hidden} more (background events or beyond {max_timeline})")
    out += ["", "WHO SAYS WHAT (claim ledger)"]
    out += ledger_lines(s["ledger"]) or ["  no grouped figures"]
    return out


def wrap(lines: list[str], width: int = 140) -> str:
    return "\n".join(textwrap.shorten(line, width, placeholder="\u2026") if len(line) > width and
                     not line.startswith(" ") else line for line in lines)
