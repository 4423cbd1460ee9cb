"""The claim ledger on a real store (SQLite and PostgreSQL): agreeing figures are
not flagged, diverging and contradicted ones are. Fictional text throughout."""

from __future__ import annotations

import pytest

from storyline import query
from storyline.stories import assign_stories
from storyline.stories.ledger import Fact, interval, judge, measure_of
from storyline.store import Writer, connect

from test_stories import TARVIK, article


def crowd(n: int, source: str, sentence: str, figure: str, value: float, approx: str | None, claimant: str):
    text = "Thousands marched through Tarvik on Sunday against the new port tax. " + sentence
    return article(n, f"March in Tarvik ({source})", text, "2031-05-04", source, TARVIK, event_type="PROTEST",
                   claims=[(figure, value, "person", approx, claimant)])


@pytest.fixture
def writer(any_db):
    return Writer(connect(any_db))


def ledger_of(writer, batch):
    for a in batch:
        writer.save_article(a)
    placed = assign_stories(writer, batch, embedder=None)
    assert len({p.story_id for p in placed}) == 1, "one story expected for one march"
    return query.story(writer.db, placed[0].story_id)["ledger"]


def test_disputed_crowd_figure_is_flagged(writer):
    batch = [
        crowd(1, "Tarvik Herald", "Organisers said up to 9,000 people joined the rally.", "up to 9,000 people",
              9000, "up to", "Open Harbour"),
        crowd(2, "Coastline Post", "Police said about 2,500 people took part in the rally.", "about 2,500 people",
              2500, "about", "Tarvik Police"),
    ]
    # "up to 9,000" allows 2,500, so make the organisers' figure a floor
    batch[0].claims[0].approx = "at least"
    ledger = ledger_of(writer, batch)
    group = next(g for g in ledger if g["measure"] == "participants")
    assert group["status"] == "diverging"
    assert {i["claimant"] for i in group["items"]} == {"Open Harbour", "Tarvik Police"}
    assert [g["id"] for g in query.disputes(writer.db)] == [group["id"]]


def test_agreeing_figure_is_not_flagged(writer):
    batch = [
        crowd(3, "Tarvik Herald", "Police said about 2,500 people joined the rally.", "about 2,500 people", 2500,
              "about", "Tarvik Police"),
        crowd(4, "Inland Voice", "Some 2,600 people took part in the rally, police said.", "Some 2,600 people", 2600,
              "some", "Tarvik Police"),
    ]
    ledger = ledger_of(writer, batch)
    group = next(g for g in ledger if g["measure"] == "participants")
    assert group["status"] == "agreeing"
    assert group["origins"] == 2
    assert query.disputes(writer.db) == []


def test_figure_against_an_all_targets_hit_statement_is_contradicting(writer):
    strike = ("Osmeria fired 40 missiles at Tarvik overnight. The Dalvan air force said it shot down 35 missiles "
              "over the capital.")
    claim_side = article(5, "Tarvik air defences down 35 of 40 missiles", strike, "2031-03-03", "Tarvik Herald",
                         TARVIK, claims=[("35 missiles", 35, "missile", None, "Dalvan Air Force"),
                                         ("40 missiles", 40, "missile", None, "Dalvan Air Force")])
    denial = ("The Osmerian defence ministry said all designated targets in Tarvik were hit by the overnight "
              "missile strike.")
    deny_side = article(6, "Osmeria says strike on Tarvik hit all targets", denial, "2031-03-03", "Osmeria Today",
                        TARVIK, quotes=[("all designated targets in Tarvik were hit", "Osmerian Defence Ministry")])
    ledger = ledger_of(writer, [claim_side, deny_side])
    by_measure = {g["measure"]: g for g in ledger}
    assert by_measure["intercepted"]["status"] == "contradicting"
    kinds = {(i["kind"], i["stance"]) for i in by_measure["intercepted"]["items"]}
    assert ("statement", "contradicts") in kinds and ("claim", "disputed") in kinds
    assert by_measure["launched"]["status"] == "single"  # 40 fired: not in dispute


@pytest.mark.parametrize("sentence, figure, measure", [
    ("The air force said it shot down 389 of the drones.", "389", "intercepted"),
    ("Kestria launched 412 drones overnight.", "412", "launched"),
    ("The toll rose to 14 people on Saturday.", "14", "killed"),
    ("At least 30 people were injured.", "30", "injured"),
    ("The convoy carried 600 generators.", "600", None),
])
def test_measure_is_read_from_the_words_around_the_figure(sentence, figure, measure):
    start = sentence.index(figure)
    assert measure_of(sentence, start, start + len(figure)) == measure


def fact(value, approx=None, who="A", when="2031-03-03", measure="killed"):
    return Fact(article_id=f"art_{who}_{value}", kind="claim", idx=0, measure=measure, unit="person", text="", evidence="", start=0,
                end=0, value=value, approx=approx, claimant=who, when=when, origin_key=f"{who}|{who}")


@pytest.mark.parametrize("facts, status", [
    ([fact(9, "at least", "A"), fact(11, None, "B")], "agreeing"),  # a floor and a figure above it
    ([fact(9, None, "A", "2031-03-03T07:00"), fact(14, None, "A", "2031-03-04T10:00")], "updated"),  # revised toll
    ([fact(50, None, "A"), fact(5, None, "B")], "diverging"),  # two sides, same day
    ([fact(3500, "about", "A", measure="participants"), fact(3600, None, "B", measure="participants")], "agreeing"),
])
def test_judge(facts, status):
    assert judge(facts, [])[0] == status


def test_interval_of_approximations():
    assert interval(fact(9, "at least"))[1] == float("inf")
    assert interval(fact(100, "up to")) == (0.0, 100)
    low, high = interval(fact(1000, "about"))
    assert low < 1000 < high


def test_two_figures_in_one_report_are_a_breakdown_not_a_dispute():
    whole, part = fact(47, None, "A"), fact(11, None, "A")
    part.article_id = whole.article_id  # "47 people were injured, 11 of them children"
    assert judge([whole, part], [])[0] != "diverging"
