"""Exports: JSONL round-trips, CSV/Parquet load with the documented columns, ACLED/GKG shapes,
and the brief cites only spans that exist."""

from __future__ import annotations

import io
import re
from pathlib import Path

import pandas as pd
import pyarrow.parquet as pq
import pytest
from click.testing import CliRunner

from storyline import query
from storyline.cli import cli
from storyline.export.acled import COLUMNS as ACLED_COLUMNS, write_acled
from storyline.export.brief import build_brief, render_html, render_markdown
from storyline.export.gkg import COLUMNS as GKG_COLUMNS, gkg_date, write_gkg
from storyline.export.tables import TABLES

FIXTURES = Path(__file__).parent / "fixtures" / "api" / "articles.jsonl"
DOCS = Path(__file__).resolve().parents[1] / "docs" / "exports.md"

pytestmark = pytest.mark.model


@pytest.fixture(scope="module")
def kb(tmp_path_factory, nlp):
    from storyline.kb import KnowledgeBase

    path = tmp_path_factory.mktemp("export") / "kb.db"
    kb = KnowledgeBase(str(path))
    assert kb.ingest([FIXTURES]).added == 5
    yield kb
    kb.close()


def test_jsonl_reingests_to_the_same_counts(kb, tmp_path):
    from storyline.kb import KnowledgeBase

    out = tmp_path / "kb.jsonl"
    assert kb.export_jsonl(out) == 5
    with KnowledgeBase(str(tmp_path / "again.db")) as again:
        report = again.ingest([out])
        assert report.added == 5 and not report.failed
        first, second = kb.stats(), again.stats()
    for key in ("articles", "quotes", "claims", "events", "entities", "mentions"):
        assert second[key] == first[key], key


@pytest.mark.parametrize("fmt", ["csv", "parquet"])
def test_tables_load_with_documented_columns(kb, tmp_path, fmt):
    result = CliRunner().invoke(cli, ["export", "--db", kb.options.db, "--format", fmt, "--output", str(tmp_path)])
    assert result.exit_code == 0, result.output
    stats = kb.stats()
    docs = DOCS.read_text(encoding="utf-8")
    for table, columns in TABLES.items():
        path = tmp_path / f"{table}.{fmt}"
        frame = pd.read_csv(path, keep_default_na=False, na_values=[""]) if fmt == "csv" else pd.read_parquet(path)
        assert list(frame.columns) == [c.name for c in columns], table
        for c in columns:
            assert f"`{c.name}`" in docs, f"{table}.{c.name} is not documented in docs/exports.md"
        if table in ("articles", "quotes", "claims", "events", "mentions"):
            assert len(frame) == stats[table], table
    arts = pd.read_csv(tmp_path / "articles.csv") if fmt == "csv" else pd.read_parquet(tmp_path / "articles.parquet")
    quotes = pd.read_csv(tmp_path / "quotes.csv") if fmt == "csv" else pd.read_parquet(tmp_path / "quotes.parquet")
    texts = dict(zip(arts["id"], arts["text"]))
    for q in quotes.itertuples():  # offsets index the exported text
        assert q.text in texts[q.article_id][max(0, q.start - 1):q.end + 1]
    if fmt == "parquet":
        schema = pq.read_schema(tmp_path / "claims.parquet")
        assert str(schema.field("value").type) == "double" and str(schema.field("start").type) == "int64"


def test_tables_need_a_folder(kb):
    result = CliRunner().invoke(cli, ["export", "--db", kb.options.db, "--format", "csv"])
    assert result.exit_code != 0


def test_acled_rows(kb):
    out = io.StringIO()
    n = write_acled(query.articles(kb.db), out)
    frame = pd.read_csv(io.StringIO(out.getvalue()), keep_default_na=False)
    assert list(frame.columns) == ACLED_COLUMNS and len(frame) == n > 0
    assert set(frame["time_precision"].astype(str)) <= {"1", "2", "3", ""}
    assert set(frame["event_type"]) <= {"Battles", "Explosions/Remote violence", "Protests", "Strategic developments",
                                         "Violence against civilians", "Riots"}
    texts = {a.id: a.text for a in query.articles(kb.db)}
    for row in frame.itertuples():
        assert " ".join(texts[row.article_id][row.start:row.end].split()).startswith(row.notes[:30])
    attack = frame[frame["notes"].str.contains("fired 120 drones") & (frame["sub_event_type"] == "ASSAULT")]
    assert not attack.empty and set(attack["event_type"]) == {"Explosions/Remote violence"}
    statements = frame[frame["sub_event_type"] == "STATEMENT"]
    assert set(statements["event_type"]) <= {"Strategic developments"}


def test_gkg_rows(kb):
    out = io.StringIO()
    assert write_gkg(query.articles(kb.db), out) == 5
    lines = out.getvalue().splitlines()
    assert lines[0].split("\t") == GKG_COLUMNS
    assert all(len(line.split("\t")) == len(GKG_COLUMNS) for line in lines)
    rows = [dict(zip(GKG_COLUMNS, line.split("\t"))) for line in lines[1:]]
    venn = next(r for r in rows if "Ilsa Venn" in r["Quotations"] and "drone" in r["Counts"])
    assert re.search(r"(^|#)\d+\|\d+\|[^|]*\|[^|#]+\|Ilsa Venn", venn["Quotations"])
    assert "Ilsa Venn," in venn["Persons"] and venn["DATE"].startswith("2025031")


@pytest.mark.parametrize("given,expected", [("2025-03-10", "20250310000000"), ("2025-03-10T08:05:09", "20250310080509"),
                                            (None, "")])
def test_gkg_date(given, expected):
    assert gkg_date(given) == expected


@pytest.mark.parametrize("since", [None, "2025-03-11"])
def test_brief_cites_only_existing_spans(kb, since):
    story = next(s for s in query.story_list(kb.db, since=None) if s["size"] >= 2)
    brief = build_brief(kb.db, story["id"], since=since)
    assert brief.references
    for ref in brief.references:
        text = kb.article(ref.article_id).text
        assert 0 <= ref.start < ref.end <= len(text) and text[ref.start:ref.end] == ref.text
    md = render_markdown(brief)
    cited = {int(n) for n in re.findall(r"\[(\d+)\]", md)}
    assert cited == {r.n for r in brief.references}
    body = md.split("## References")[0]
    for line in body.splitlines():
        if line.startswith("- "):
            assert re.search(r"\[\d+\]", line), line  # every sentence carries a citation
    if since is None:
        disputed = dict(brief.sections)["Disputed figures"]
        assert disputed and all(len(line.parts) >= 2 for line in disputed)  # side by side
    html = render_html(brief)
    assert "<script" not in html and html.count('<li id="ref-') == len(brief.references)


def test_brief_cli_and_unknown_story(kb, tmp_path):
    story = next(s for s in query.story_list(kb.db, since=None) if s["size"] >= 2)
    out = tmp_path / "brief.html"
    result = CliRunner().invoke(cli, ["brief", story["id"], "--db", kb.options.db, "--format", "html", "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert out.read_text(encoding="utf-8").startswith("<!doctype html>")
    from storyline.errors import NotFound

    with pytest.raises(NotFound):
        build_brief(kb.db, "sto_nope")
