"""A summary of a knowledge base's claim ledger, for reviewing it: how many claim groups,
how many of each status, and every flagged (diverging or contradicting) group with who says
what. Reads through ``storyline.query`` only.

    python -m storyline.bench.ledger --db storyline.db [--all] [--gold stories.json]
    storyline bench ledger --db storyline.db      (the same)

With ``--gold`` (a stories file like tests/gold/stories.json: story -> member files or
``path#N`` items with their urls) the ledger is recomputed on the gold stories instead of the
stored ones, from the stored articles and their stored origins, so that the ledger can be
judged apart from the clustering; sides are told with the ``officeholder_tables`` setting
(``STORYLINE_OFFICEHOLDER_TABLES``) as the stored ledgers are.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter, defaultdict
from pathlib import Path
from typing import Any

from .. import query
from ..errors import ConfigError, InputError
from ..settings import resolve
from ..store import connect
from ..stories.features import article_day
from ..stories.assign import ledger_tables
from ..stories.ledger import Group, article_facts, group_facts

FLAGGED = ("diverging", "contradicting")


def ledger_summary(db: Any) -> dict[str, Any]:
    """Counts of claim groups by status over all stories, and the groups themselves by story."""
    by_story = []
    for s in query.stories(db, limit=100_000):
        groups = query.story(db, s["id"])["ledger"]
        by_story.append((s, groups))
    return _summary(by_story)


def _summary(by_story: list[tuple[dict[str, Any], list[dict[str, Any]]]]) -> dict[str, Any]:
    status = Counter(g["status"] for _, groups in by_story for g in groups)
    return {"stories": len(by_story), "groups": sum(status.values()), "flagged": sum(status[k] for k in FLAGGED),
            "by_status": dict(sorted(status.items())), "by_story": by_story}


def read_gold(path: str) -> dict[str, Any]:
    """A gold stories file: ``{"stories": {story: [member, ...]}, "item_urls": {...}}``."""
    try:
        gold = json.loads(Path(path).read_text(encoding="utf-8"))
    except OSError as err:
        raise InputError(path, f"cannot read: {err.strerror or err}") from None
    except ValueError as err:
        raise InputError(path, f"not JSON: {err}") from None
    if not isinstance(gold, dict) or not isinstance(gold.get("stories"), dict):
        raise InputError(path, 'want an object with "stories": {story: [member file, ...]}')
    return gold


def _gold_story(article: Any, members: dict[str, str], urls: dict[str, str]) -> str | None:
    if article.url and article.url in urls:
        return members.get(urls[article.url])
    origin = (article.origin or "").replace("\\", "/")
    for path, story in members.items():
        if "#" not in path and (origin == path or origin.endswith("/" + path)):
            return story
    return None


def gold_summary(db: Any, gold_path: str, tables: tuple[str, ...] = ()) -> dict[str, Any]:
    """The ledger recomputed on gold stories: stored articles, their stored origin (copies
    point to their original), grouped by the gold story they belong to; ``tables``: the
    user's extra office-holder tables (see ``stories.assign.ledger_tables``)."""
    gold = read_gold(gold_path)
    members = {m: story for story, ms in gold["stories"].items() for m in ms}
    urls = {url: item for item, url in gold.get("item_urls", {}).items()}
    origin_of = {a["id"]: a["origin_id"] for s in query.stories(db, limit=100_000)
                 for a in query.story(db, s["id"])["articles_list"]}
    facts: dict[str, list] = defaultdict(list)
    days: dict[str, list[str]] = defaultdict(list)
    for article in query.articles(db):
        story = _gold_story(article, members, urls)
        if story is None:
            continue
        day = article_day(article)
        facts[story] += article_facts(article, origin_of.get(article.id, article.id), day)
        if day:
            days[story].append(day)
    by_story = []
    for story in sorted(facts):
        groups = group_facts(story, facts[story], min(days[story]) if days[story] else None, tables)
        by_story.append(({"id": story, "title": ""}, [_as_dict(g) for g in groups]))
    return _summary(by_story)


def _as_dict(g: Group) -> dict[str, Any]:
    return {"status": g.status, "measure": g.measure, "unit": g.unit, "origins": g.n_origins,
            "items": [{"kind": f.kind, "claimant": f.claimant, "outlet": f.source, "text": f.text, "value": f.value,
                       "approx": f.approx} for f in g.facts]}


def _line(g: dict[str, Any]) -> str:
    sides = []
    for item in g["items"]:
        who = item.get("claimant") or f"{item.get('outlet') or '?'} (own reporting)"
        if item["kind"] == "statement":
            what = "\u201c" + " ".join((item.get("text") or "").split())[:60] + "\u201d"
        else:
            what = f"{item.get('approx') or ''} {item['value']:g}".strip()
        entry = f"{who}: {what}"
        if entry not in sides:
            sides.append(entry)
    return f"  [{g['status']}] {g['measure']}: {g['unit']} ({g['origins']} origin(s)) | " + "; ".join(sides[:8])


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m storyline.bench.ledger", description=__doc__.split("\n\n")[0])
    ap.add_argument("--db", required=True, help="knowledge base (path or postgresql:// URL)")
    ap.add_argument("--all", action="store_true", help="list every group, not only the flagged ones")
    ap.add_argument("--gold", help="stories file: recompute the ledger on these stories instead of the stored ones")
    args = ap.parse_args(argv)
    try:
        if "://" not in args.db and not Path(args.db).is_file():
            raise InputError(args.db, "no such knowledge base", hint="ingest first: storyline ingest ... --db FILE")
        db = connect(args.db)
        summary = gold_summary(db, args.gold, ledger_tables(resolve(db=args.db))) if args.gold \
            else ledger_summary(db)
    except (InputError, ConfigError) as err:
        print(f"error: {err}", file=sys.stderr)
        return 2
    print(report(summary, args.all))
    return 0


def report(summary: dict[str, Any], show_all: bool = False) -> str:
    """The summary as text: the counts, then every flagged group (every group with ``show_all``)."""
    lines = [f"stories {summary['stories']}  claim groups {summary['groups']}  flagged {summary['flagged']}  "
             + "  ".join(f"{k} {v}" for k, v in summary["by_status"].items())]
    for s, groups in summary["by_story"]:
        shown = [g for g in groups if show_all or g["status"] in FLAGGED]
        if shown:
            lines.append(f"{s['id']}  {s.get('title') or '(untitled)'}")
            lines += [_line(g) for g in shown]
    return "\n".join(lines)


if __name__ == "__main__":
    raise SystemExit(main())
