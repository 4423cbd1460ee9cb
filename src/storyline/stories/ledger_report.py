"""A summary of a knowledge base's claim ledger, for reviewing it: how many claim groups,
how many of each status, and every flagged (diverging or contradicting) group with who says
what. Reads through ``storyline.query`` only.

    python -m storyline.stories.ledger_report --db storyline.db [--all]
"""

from __future__ import annotations

import argparse
from collections import Counter
from typing import Any

from .. import query
from ..store import connect

FLAGGED = ("diverging", "contradicting")


def ledger_summary(db: Any) -> dict[str, Any]:
    """Counts of claim groups by status over all stories, and the groups themselves by story."""
    by_story = []
    for s in query.stories(db, limit=100_000):
        groups = query.story(db, s["id"])["ledger"]
        by_story.append((s, groups))
    status = Counter(g["status"] for _, groups in by_story for g in groups)
    return {"stories": len(by_story), "groups": sum(status.values()), "flagged": sum(status[k] for k in FLAGGED),
            "by_status": dict(sorted(status.items())), "by_story": by_story}


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


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--db", required=True)
    ap.add_argument("--all", action="store_true", help="list every group, not only the flagged ones")
    args = ap.parse_args(argv)
    summary = ledger_summary(connect(args.db))
    print(f"stories {summary['stories']}  claim groups {summary['groups']}  flagged {summary['flagged']}  "
          + "  ".join(f"{k} {v}" for k, v in summary["by_status"].items()))
    for s, groups in summary["by_story"]:
        shown = [g for g in groups if args.all or g["status"] in FLAGGED]
        if shown:
            print(f"{s['id']}  {s.get('title') or '(untitled)'}")
            for g in shown:
                print(_line(g))


if __name__ == "__main__":
    main()
