"""The ingest speed benchmark: its table has every measure, with sane figures,
on the first 20 press releases; its helpers (timers, doc section, data subset)."""

from __future__ import annotations

import csv

import pytest
import spacy
from spacy.language import Language

from storyline.bench import ingest as bench

COMMAND = "python -m storyline.bench.ingest --limit 20"
STAGE_ROWS = {
    "read": "read (`ingest.discover`",
    "clean": "clean (`clean_document`",
    "baseline": "baseline: bare model, plain `nlp.pipe`",
    "pipeline": "spaCy + our components",
    "store": "store (`Writer.save_article`",
    "ingest": "whole ingest (`storyline.open(db).ingest(csvs)`)",
}


def _table(markdown: str, header_start: str) -> list[list[str]]:
    """The body rows (cells) of the markdown table whose header starts with ``header_start``."""
    lines = markdown.splitlines()
    start = next(i for i, line in enumerate(lines) if line.startswith(header_start))
    rows = []
    for line in lines[start + 2:]:
        if not line.startswith("|"):
            break
        rows.append([cell.strip() for cell in line.strip().strip("|").split("|")])
    return rows


@pytest.fixture(scope="module")
def bench_markdown(shared_data, tmp_path_factory) -> str:
    if not bench.press_release_csvs(shared_data):
        pytest.skip("press releases not in the shared data")
    out = tmp_path_factory.mktemp("bench") / "bench.md"
    assert bench.main(["--limit", "20", "--output", str(out)]) == 0
    return out.read_text(encoding="utf-8")


@pytest.mark.model
@pytest.mark.shared_data
def test_stage_table_has_every_row_with_sane_figures(bench_markdown):
    rows = _table(bench_markdown, "| measure |")
    by_measure = {row[0]: row for row in rows}
    found = {}
    for key, prefix in STAGE_ROWS.items():
        matches = [row for name, row in by_measure.items() if name.startswith(prefix)]
        assert len(matches) == 1, f"no single row for {key}: {list(by_measure)}"
        found[key] = matches[0]
    for key, row in found.items():
        articles, wall, cpu, rate = int(row[1]), float(row[2]), float(row[3]), float(row[4])
        assert articles == 20, (key, row)
        assert wall >= 0 and cpu >= 0 and rate > 0, (key, row)  # fast stages round to 0.00 s
        assert row[-1] == f"`{COMMAND}`", (key, row)
    assert float(found["baseline"][5]) == 1.0
    # Ratios against the baseline are printed for both clocks; their size is a measurement, not a test
    # (our components cost a few per cent, within the noise of 20 articles on a shared machine).
    for key in ("pipeline", "ingest"):
        assert float(found[key][5]) > 0 and float(found[key][6]) > 0, found[key]
    assert "20 added" in found["ingest"][7]
    memory = next(row for name, row in by_measure.items() if name == "peak memory")
    peak = float(memory[7].split(" MiB")[0])
    assert 50 < peak < 64_000
    assert all(row[-1] == f"`{COMMAND}`" for row in rows)


@pytest.mark.model
@pytest.mark.shared_data
def test_component_and_budget_tables(bench_markdown):
    from storyline.nlp.pipeline import COMPONENTS

    components = {row[0]: row for row in _table(bench_markdown, "| component |")}
    for name, _, _ in COMPONENTS:
        row = components[f"`{name}` (ours)"]
        assert float(row[1]) >= 0 and 0 <= float(row[3]) < 5, row
    for name in ("tokenizer", "tok2vec", "parser", "ner"):
        row = components[f"`{name}`"]
        assert float(row[1]) > 0, row
    budgets = {row[0].split(" (")[0]: row for row in _table(bench_markdown, "| budget |")}
    assert set(budgets) >= {"issue 3: quotes + entities", "issue 4: claims, dates and events",
                            "all our components together"}
    total = float(budgets["all our components together"][3])
    parts = float(budgets["issue 3: quotes + entities"][3]) + float(budgets["issue 4: claims, dates and events"][3])
    assert 0 < parts <= total + 0.002
    assert budgets["issue 3: quotes + entities"][5] in ("yes", "**no**")


@pytest.mark.shared_data
def test_limited_inputs_split_the_rows_over_both_files(shared_data, tmp_path):
    csvs = bench.press_release_csvs(shared_data)
    if len(csvs) != 2:
        pytest.skip("press releases not in the shared data")
    subset = bench.limited_inputs(csvs, 7, tmp_path)
    counts = []
    for original, copy in zip(csvs, subset):
        assert copy.name == original.name and copy.parent == tmp_path
        with copy.open(newline="", encoding="utf-8") as fh:
            rows = list(csv.reader(fh))
        with original.open(newline="", encoding="utf-8") as fh:
            assert rows[0] == next(csv.reader(fh))
        counts.append(len(rows) - 1)
    assert counts == [4, 3]


def test_missing_data_exits_with_a_clear_message(tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("STORYLINE_SHARED_DATA", str(tmp_path / "nowhere"))
    assert bench.main(["--limit", "5"]) == 2
    err = capsys.readouterr().err
    assert "press releases not found" in err and "STORYLINE_SHARED_DATA" in err


@pytest.mark.parametrize("existing, expected", [
    (None, [bench.DOC_INTRO.splitlines()[0], bench.SECTION]),
    ("# Benchmarks\n\nintro\n\n## Quotes (issue 3)\n\nquote table\n",
     ["# Benchmarks", "## Quotes (issue 3)", "quote table", bench.SECTION]),
    ("# Benchmarks\n\n## Ingest speed (issue 2)\n\nold figures\n\n## Claims (issue 4)\n\nclaims table\n",
     ["# Benchmarks", bench.SECTION, "NEW FIGURES", "## Claims (issue 4)", "claims table"]),
])
def test_update_section_replaces_only_its_own_section(tmp_path, existing, expected):
    doc = tmp_path / "docs" / "benchmarks.md"
    if existing is not None:
        doc.parent.mkdir()
        doc.write_text(existing, encoding="utf-8")
    bench.update_section(doc, f"{bench.SECTION}\n\nNEW FIGURES\n")
    text = doc.read_text(encoding="utf-8")
    positions = [text.index(part) for part in expected]
    assert positions == sorted(positions), text
    assert "old figures" not in text
    assert text.count(bench.SECTION) == 1


@Language.component("bench_test_marker")
def _marker(doc):
    doc.user_data["marked"] = True
    return doc


def test_timed_components_time_each_component_and_restore_the_pipeline():
    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")  # a component with .pipe
    nlp.add_pipe("bench_test_marker")  # a plain function
    before = list(nlp.pipeline)
    tokenizer = nlp.tokenizer
    with bench.timed_components(nlp) as timings:
        docs = list(nlp.pipe(["One short sentence. And another one."] * 50, batch_size=8))
    assert [name for name, _ in nlp.pipeline] == ["sentencizer", "bench_test_marker"]
    assert all(a[1] is b[1] for a, b in zip(nlp.pipeline, before)) and nlp.tokenizer is tokenizer
    assert set(timings) == {"tokenizer", "sentencizer", "bench_test_marker"}
    assert all(t.wall >= 0 and t.cpu >= 0 for t in timings.values())
    assert timings["tokenizer"].wall > 0
    assert len(docs) == 50 and all(doc.user_data["marked"] and len(list(doc.sents)) == 2 for doc in docs)
