"""The ledger review bench (`storyline bench ledger`): counts and flagged groups of a real
store, the ledger recomputed on gold stories, and clear errors for bad input."""

from __future__ import annotations

import json

from storyline.bench.ledger import gold_summary, ledger_summary, main, report
from storyline.stories import assign_stories
from storyline.store import Writer, connect

from test_ledger import crowd


def _store(db_url):
    writer = Writer(connect(db_url))
    batch = [
        crowd(11, "Tarvik Herald", "Organisers said at least 9,000 people joined the rally.", "at least 9,000 people",
              9000, "at least", "Open Harbour"),
        crowd(12, "Coastline Post", "Police said about 2,500 people took part in the rally.", "about 2,500 people",
              2500, "about", "Tarvik Police"),
    ]
    for a in batch:
        writer.save_article(a)
    assign_stories(writer, batch, embedder=None)
    return writer.db


def test_summary_flags_the_dispute_with_both_claimants(any_db):
    summary = ledger_summary(_store(any_db))
    assert summary["stories"] == 1 and summary["flagged"] == 1
    text = report(summary)
    assert "[diverging] participants" in text and "Open Harbour" in text and "Tarvik Police" in text


def test_gold_stories_apart_leave_nothing_to_dispute(any_db, tmp_path):
    db = _store(any_db)
    gold = tmp_path / "gold.json"
    gold.write_text(json.dumps({"stories": {"a": ["t11.txt"], "b": ["t12.txt"]}}), encoding="utf-8")
    apart = gold_summary(db, str(gold))
    assert apart["stories"] == 2 and apart["flagged"] == 0
    gold.write_text(json.dumps({"stories": {"one": ["t11.txt", "t12.txt"]}}), encoding="utf-8")
    together = gold_summary(db, str(gold))
    assert together["stories"] == 1 and together["flagged"] == 1


def test_bad_input_is_one_line_naming_it(tmp_path, capsys):
    missing = tmp_path / "none.db"
    assert main(["--db", str(missing)]) == 2
    assert str(missing) in capsys.readouterr().err
    db = tmp_path / "kb.db"
    connect(str(db))
    bad = tmp_path / "gold.json"
    bad.write_text("{not json", encoding="utf-8")
    assert main(["--db", str(db), "--gold", str(bad)]) == 2
    err = capsys.readouterr().err
    assert str(bad) in err and "not JSON" in err
