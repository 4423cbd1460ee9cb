"""The claim ledger on a real store (SQLite and PostgreSQL): agreeing figures are
not flagged, diverging and contradicted ones are. Fictional text throughout."""

from __future__ import annotations

import pytest

from storyline import query
from storyline.stories import assign_stories
from storyline.stories.ledger import Fact, Group, article_facts, group_facts, interval, judge, measure_of
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
    ("The convoy carried 600 generators.", "600", "aid"),
    ("The bridge is 600 metres long.", "600", None),
    ("Varnia's air force said 270 of the 297 drones launched by Kestria had been shot down or jammed.", "270",
     "intercepted"),
    ("Varnia's air force said 270 of the 297 drones launched by Kestria had been shot down or jammed.", "297",
     "launched"),
    ("The ministry said 389 of 412 drones had been shot down.", "412", "launched"),
    ("Defence Minister Dorin Halvik said air defences had destroyed 270 drones.", "270", "intercepted"),
    ("Organisers said up to 8,000 people took part.", "8,000", "participants"),
])
def test_measure_is_read_from_the_words_around_the_figure(sentence, figure, measure):
    start = sentence.index(figure)
    assert measure_of(sentence, start, start + len(figure)) == measure


def fact(value, approx=None, who="A", when="2031-03-03", measure="killed"):
    return Fact(article_id=f"art_{who}_{value}", kind="claim", idx=0, measure=measure, unit="person", text="",
                evidence="", start=0, end=0, value=value, approx=approx, claimant=who, when=when,
                origin_key=f"{who}|{who}")


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
    assert interval(fact(100, "fewer than")) == (0.0, 100)
    assert interval(fact(100, "up to")) == (85.0, 100)  # a claimant's high estimate, not any lower count
    low, high = interval(fact(1000, "about"))
    assert low < 1000 < high


def test_two_figures_in_one_report_are_a_breakdown_not_a_dispute():
    whole, part = fact(47, None, "A"), fact(11, None, "A")
    part.article_id = whole.article_id  # "47 people were injured, 11 of them children"
    assert judge([whole, part], [])[0] != "diverging"


# -- grouping: what is the same counted thing ---------------------------------------------

def one_article(n: int, text: str, claims: list[tuple], source: str = "Tarvik Herald", day: str = "2031-03-03",
                quotes: list[tuple] = ()):
    return article(n, f"Report {n} ({source})", text, day, source, TARVIK, claims=claims, quotes=list(quotes))


def facts_of(batch: list) -> list[Fact]:
    out = []
    for a in batch:
        out += article_facts(a, a.id, a.published[:10] if a.published else None)
    return out


def groups_of(batch: list) -> dict[tuple[str, str], Group]:
    return {(g.measure, g.unit): g for g in group_facts("sto_x", facts_of(batch))}


LEDGER_CASES = {
    "two sides' casualty counts diverge": (
        [("Osmeria said 50 soldiers were killed in the raid.", [("50 soldiers", 50, "soldier", None, "Osmeria")]),
         ("Dalva said 5 soldiers were killed in the raid.", [("5 soldiers", 5, "soldier", None, "Dalva")])],
        {("killed", "soldier"): "diverging"}),
    "the same figure from two outlets agrees": (
        [("Police said about 2,500 people joined the rally.", [("about 2,500 people", 2500, "person", "about",
                                                                "Tarvik Police")]),
         ("Some 2,600 people took part in the rally, organisers said.", [("Some 2,600 people", 2600, "person",
                                                                           "some", "Open Harbour")])],
        {("participants", "person"): "agreeing"}),
    "two aid packages on days far apart are two groups": (
        [("Dalva pledged EUR 40 million in aid to Tarvik.", [("EUR 40 million", 4e7, "EUR", None, "Dalva")]),
         ("Dalva pledged EUR 300 million in aid to Tarvik.", [("EUR 300 million", 3e8, "EUR", None, "Dalva")])],
        {("aid", "EUR"): "single"}),
    "a part of a package is not a second package": (
        [("The aid package is worth EUR 18 billion, including up to EUR 5 billion for air defence.",
          [("EUR 18 billion", 1.8e10, "EUR", None, "Dalva"), ("up to EUR 5 billion", 5e9, "EUR", "up to", "Dalva")]),
         ("Dalva agreed EUR 18 billion in aid.", [("EUR 18 billion", 1.8e10, "EUR", None, None)])],
        {("aid", "EUR"): "agreeing"}),
    "killed and wounded are two counted things": (
        [("Nine people were killed, the mayor said.", [("Nine people", 9, "person", None, "Ilse Marrow")]),
         ("Forty people were wounded, the ministry said.", [("Forty people", 40, "person", None, "Health Ministry")])],
        {("killed", "person"): "single", ("injured", "person"): "single"}),
    "launched and shot down are two measures of one salvo": (
        [("Osmeria launched 412 drones overnight, the air force said.", [("412 drones", 412, "drone", None,
                                                                          "Dalvan Air Force")]),
         ("The air force said 389 of 412 drones had been shot down.", [("389 of 412 drones", 389, "drone", None,
                                                                        "Dalvan Air Force"),
                                                                       ("412 drones", 412, "drone", None,
                                                                        "Dalvan Air Force")])],
        {("launched", "drone"): "agreeing", ("intercepted", "drone"): "single"}),
    "a breakdown is not a second total": (
        [("Another 47 people were injured, 11 of them children, the mayor said.",
          [("47 people", 47, "person", None, "Ilse Marrow"), ("11", 11, "", None, "Ilse Marrow")]),
         ("At least 45 people were injured, police said.", [("At least 45 people", 45, "person", "at least",
                                                             "Tarvik Police")])],
        {("injured", "person"): "agreeing"}),
    "a recalled earlier toll is not a rival figure": (
        [("The toll has risen to 14, the mayor said, up from nine in the morning.",
          [("14", 14, "", None, "Ilse Marrow"), ("nine", 9, "", None, "Ilse Marrow")]),
         ("Fourteen people were killed, police said.", [("Fourteen people", 14, "person", None, "Tarvik Police")])],
        {("killed", "person"): "updated"}),
    "a total since the start is not the day's figure": (
        [("Air defences shot down 25 drones overnight, the ministry said.", [("25 drones", 25, "drone", None,
                                                                              "Dalvan Defence Ministry")]),
         ("In total, 1,200 drones have been shot down since the start of the war, the ministry said.",
          [("1,200 drones", 1200, "drone", None, "Dalvan Defence Ministry")])],
        {("intercepted", "drone"): "single", ("intercepted_total", "drone"): "single"}),
    "a hoped-for figure is not a delivered one": (
        [("The convoy brought about 600 generators, the agency said.", [("about 600 generators", 600, "generator",
                                                                         "about", "Relief Agency")]),
         ("The agency hoped to deliver between 1,500 and 2,000 generators by October.",
          [("between 1,500 and 2,000 generators", 1500, "generator", None, "Relief Agency")])],
        {("aid", "generator"): "single", ("aid_planned", "generator"): "single"}),
    "an order of magnitude is no rival to a count": (
        [("Thousands of people were killed in this war, the president said.",
          [("Thousands of people", 1000, "person", "order of", "Dalvan President")]),
         ("As of now, 8 people were killed in the shelling, police said.",
          [("8 people", 8, "person", None, "Tarvik Police")])],
        {("killed", "person"): "agreeing"}),
    "homes near a toll are not people killed": (
        [("Power was restored to 22,000 homes as the number of people killed rose to 11.",
          [("22,000 homes", 22000, "home", None, "Tarvik Grid")])],
        {}),
}


@pytest.mark.parametrize("case", sorted(LEDGER_CASES))
def test_grouping(case):
    reports, expected = LEDGER_CASES[case]
    batch = [one_article(20 + i, text, claims, source=f"Outlet {i}",
                         day="2031-03-03" if "far apart" not in case else f"2031-0{3 + 2 * i}-03")
             for i, (text, claims) in enumerate(reports)]
    got = groups_of(batch)
    if "far apart" in case:
        assert sorted(g.status for g in group_facts("sto_x", facts_of(batch))) == ["single", "single"]
        return
    assert {k: g.status for k, g in got.items()} == expected


def test_copies_of_one_report_count_once():
    text = "The air force said it shot down 35 missiles over the capital."
    claims = [("35 missiles", 35, "missile", None, "Dalvan Air Force")]
    wire, copy, own = (one_article(40, text, claims, "Wire"), one_article(41, text, claims, "Reprint"),
                       one_article(42, "Air defences shot down 35 missiles, the air force said.", claims, "Herald"))
    facts = article_facts(wire, wire.id, "2031-03-03") + article_facts(copy, wire.id, "2031-03-03")
    facts += article_facts(own, own.id, "2031-03-03")
    group, = group_facts("sto_x", facts)
    assert group.status == "agreeing" and group.n_origins == 2  # the copy shares the wire's origin


def test_a_denial_contradicts_a_figure():
    toll = one_article(50, "Nine civilians were killed in the strike, the mayor said.",
                       [("Nine civilians", 9, "civilian", None, "Ilse Marrow")])
    denial_text = ("Osmeria's defence ministry said the casualty figures published by the city were "
                   "\u201cinflated as usual\u201d.")
    denial = one_article(51, denial_text, [], "Osmeria Today",
                         quotes=[("inflated as usual", "Osmerian Defence Ministry")])
    group, = group_facts("sto_x", facts_of([toll, denial]))
    assert group.status == "contradicting"
    assert [f.kind for f in group.facts] == ["claim", "statement"]
    assert group.stances == ["disputed", "contradicts"]


def test_a_figure_inside_a_denial_is_the_denied_claim():
    text = "He dismissed Dalvan claims that 389 drones had been shot down as propaganda."
    facts = article_facts(one_article(52, text, [("389 drones", 389, "drone", None, None)]), "o", "2031-03-03")
    assert [(f.kind, f.measure, f.polarity) for f in facts] == [("statement", "intercepted", "denial")]


def test_all_targets_hit_does_not_contest_the_speakers_own_interceptions():
    own = one_article(53, "The Osmerian ministry said 41 Dalvan drones had been intercepted over Osmeria.",
                      [("41 Dalvan drones", 41, "drone", None, "Osmerian Defence Ministry")], "Osmeria Today")
    boast = one_article(54, "The Osmerian ministry said all designated targets were hit.", [], "Osmeria Today",
                        quotes=[("all designated targets were hit", "Osmerian Defence Ministry")])
    group, = group_facts("sto_x", facts_of([own, boast]))
    assert group.unit == "Dalvan drone" and group.status == "single"


@pytest.mark.parametrize("said, label", [
    ("no one was killed in the strike", "no casualties"),
    ("there were no civilian casualties", "no casualties"),
    ("no one expected Tarvik to hold out", None),  # "no one" alone says nothing about casualties
    ("no one will give up our freedom", None),
    ("the casualty figures are inflated as usual", "denial"),
    ("he denied the report that the border had been breached", None),  # denies no figure
])
def test_statements_that_oppose_a_figure(said, label):
    from storyline.stories.ledger import OPPOSING

    found = [lab for rx, _, lab in OPPOSING if rx.search(said)]
    assert (found[0] if found else None) == label


def test_the_texts_own_possessive_names_the_side():
    from storyline.stories.ledger import side_of

    assert side_of("Dalvan Ministry of Defence", "Osmeria's defence ministry said all its targets were hit.") \
        == side_of("Osmerian Defence Ministry") != side_of("Dalvan Ministry of Defence")
    assert side_of("Ilse Marrow") == ""
    # where the office-holder tables know the place, its canonical name is the key: the sample
    # table's irregular adjective joins its country
    assert side_of("Varnish Ministry of Defence") == side_of("Air Force", "Varnia's air force said so.") == "varnia"
    assert side_of("Kestrian Ministry of Defence") == "kestria"
    assert side_of("Russian Defence Ministry") == side_of("Ministry", "Russia's ministry said so.") == "russia"


# (claimant a, claimant b, same side?): a seat of power is its country, an office holder of the
# tables speaks for the office's country, names the tables do not know are compared by their
# stem without a regular place ending (Austria and Australia stay apart)
SIDES = [
    ("Kremlin", "Russian Foreign Ministry", True),
    ("Kremlin", "Russia", True),
    ("Dmitry Peskov", "Russian Defence Ministry", True),
    ("White House", "United States Department of State", True),
    ("Downing Street", "British Ministry of Defence", True),
    ("Bankova", "Ukrainian General Staff", True),
    ("Kremlin", "Ukrainian Foreign Ministry", False),
    ("Austrian Foreign Ministry", "Australian Defence Force", False),
    ("Osmerian Defence Ministry", "Osmeria", True),
    ("Gennadi Tursk", "Kestrian Ministry of Defence", True),  # the sample table's presidential spokesman
    ("Dorin Halvik", "Kestrian Ministry of Defence", False),
]


@pytest.mark.parametrize("a,b,same", SIDES, ids=[f"{a}|{b}" for a, b, _ in SIDES])
def test_side_keys(a, b, same):
    from storyline.nlp.officeholders import SAMPLE_TABLE
    from storyline.stories.ledger import side_of

    if ("Tursk" in a or "Halvik" in a) and not SAMPLE_TABLE.is_file():
        pytest.skip("no sample office-holder table")
    ka, kb = side_of(a), side_of(b)
    assert ka and kb
    assert (ka == kb) is same, (ka, kb)


def test_a_persons_first_name_is_no_side():
    from storyline.stories.ledger import side_of

    # an unknown word guesses a place only alone or before a body, not as a first name
    assert side_of("Adriana Kovel") == side_of("Roman Vesk") == ""
    assert side_of("Romania") and side_of("Osmerian police")
    assert side_of("Romania") != side_of("Roman Vesk")


def test_a_statement_from_the_side_owning_the_counted_thing_opposes_it():
    """"All targets were hit" from Osmeria contests the count of Osmerian drones shot down (the
    unit's owner is the statement's side, by stem), not a count owned by a third side."""
    from storyline.stories.ledger import opposes

    def fact(kind, unit, claimant, text=""):
        return Fact(article_id=claimant, kind=kind, idx=0, measure="intercepted", unit=unit, text=text,
                    evidence=text, start=0, end=1, value=35.0 if kind == "claim" else None, claimant=claimant,
                    day="2031-03-03", when="2031-03-03")

    said = fact("statement", "", "Osmeria", "All targets were hit.")
    assert opposes(said, [fact("claim", "Osmerian drone", "Dalvan Air Force")])
    assert not opposes(said, [fact("claim", "Corvish drone", "Dalvan Air Force")])
    # a place the tables know: the owner "Russian" and the side "russia" are one side
    said = fact("statement", "", "Russian Defence Ministry", "All targets were hit.")
    assert opposes(said, [fact("claim", "Russian drone", "Ukrainian Air Force")])
    assert not opposes(said, [fact("claim", "Belarusian drone", "Ukrainian Air Force")])


def test_refreshed_ledger_reads_the_re_extracted_claims(writer):
    """What `storyline reprocess` does after re-extraction: membership kept, claim groups redone."""
    from storyline.stories import refresh_ledgers

    batch = [
        crowd(5, "Tarvik Herald", "Police said about 2,500 people joined the rally.", "about 2,500 people", 2500,
              "about", "Tarvik Police"),
        crowd(6, "Inland Voice", "Organisers said at least 9,000 people took part.", "at least 9,000 people", 9000,
              "at least", "Open Harbour"),
    ]
    ledger_of(writer, batch)
    assert len(query.disputes(writer.db)) == 1
    story_before = query.article(writer.db, batch[1].id).story_id
    # a newer extractor reads the organisers' figure as about 2,600: no longer a dispute
    redone = crowd(6, "Inland Voice", "Organisers said some 2,600 people took part.", "some 2,600 people", 2600,
                   "some", "Open Harbour")
    writer.replace_records(redone)
    assert len(query.disputes(writer.db)) == 1  # stale until refreshed
    assert refresh_ledgers(writer, [redone]) == 1
    assert query.disputes(writer.db) == []
    assert query.article(writer.db, batch[1].id).story_id == story_before


def test_reprocess_rebuilds_ledgers_built_by_older_rules(writer):
    """Stored ledgers carry the version of the rules that built them; `storyline reprocess`
    rebuilds those of another version (or of none: a store from before versions) once."""
    from storyline.batch.reprocess import ReprocessProgress, run_reprocess
    from storyline.nlp.pipeline import pipeline_version
    from storyline.settings import Options
    from storyline.store.schema import set_meta
    from storyline.store.stories import StoryStore
    from storyline.stories import ledger_version, mark_new_stories, stories_version
    from storyline.stories.ledger import LEDGER_VERSION

    opts = Options()
    batch = [
        crowd(7, "Tarvik Herald", "Police said about 2,500 people joined the rally.", "about 2,500 people", 2500,
              "about", "Tarvik Police"),
        crowd(8, "Inland Voice", "Organisers said at least 9,000 people took part.", "at least 9,000 people", 9000,
              "at least", "Open Harbour"),
    ]
    for a in batch:
        a.pipeline_version = pipeline_version(opts)  # no article to re-extract: only the ledger is old
    ledger_of(writer, batch)
    (dispute,) = query.disputes(writer.db)
    story_id = query.article(writer.db, batch[0].id).story_id
    assert ledger_version(writer.db) is None  # built without a version (as before versions)
    mark_new_stories(writer.db)
    assert ledger_version(writer.db) is None  # a store that has stories is not new
    # a ledger built by older rules (here: rules that found no group)
    StoryStore(writer.db).replace_groups(story_id, [])
    set_meta(writer.db, "ledger_version", "1")
    set_meta(writer.db, "stories_version", stories_version(opts))  # the stories are current: only the ledger is old
    assert query.disputes(writer.db) == []
    rebuilt: list[int] = []
    progress = ReprocessProgress(on_ledgers=rebuilt.append)
    assert run_reprocess(writer, opts, progress=progress) == (0, [])
    assert rebuilt == [1]
    assert [g["id"] for g in query.disputes(writer.db)] == [dispute["id"]]
    assert ledger_version(writer.db) == LEDGER_VERSION
    # current now: the next reprocess leaves the stored ledger alone
    StoryStore(writer.db).replace_groups(story_id, [])
    run_reprocess(writer, opts, progress=progress)
    assert rebuilt == [1] and query.disputes(writer.db) == []


def test_a_new_store_carries_the_ledger_version(any_db):
    from storyline.stories import ledger_version, mark_new_stories
    from storyline.stories.ledger import LEDGER_VERSION

    db = connect(any_db)
    assert ledger_version(db) is None
    mark_new_stories(db)  # what ingest does before its first story
    assert ledger_version(db) == LEDGER_VERSION


# -- the user's office-holder tables tell sides too ------------------------------------------

STRIKE = "Dalvan drones struck the Vostrelian border town of Kell overnight. "


def vostrelia_table(tmp_path) -> str:
    """A user table (the ``officeholder_tables`` setting) naming an invented country's minister:
    neither the shipped nor the sample table knows Vostrelia or Ansel Corvin."""
    path = tmp_path / "vostrelia.csv"
    path.write_text("role,country_or_body,person,start,end,aliases\n"
                    "defence minister,Vostrelia,Ansel Corvin,2029-01-10,,Corvin\n", encoding="utf-8")
    return str(path)


def minister_and_ministry(n: int) -> list:
    """The minister's count of drones shot down, and his own ministry's "all targets were hit"."""
    count = one_article(n, STRIKE + "Ansel Corvin said 41 drones had been shot down over Kell.",
                        [("41 drones", 41, "drone", None, "Ansel Corvin")], "Kell Courier")
    boast = one_article(n + 1, STRIKE + "The Vostrelian ministry said all designated targets were hit.", [],
                        "Vostrel Today", quotes=[("all designated targets were hit", "Vostrelian Defence Ministry")])
    return [count, boast]


def test_a_user_tables_minister_and_ministry_are_one_side(tmp_path):
    from storyline.stories.ledger import side_of

    tables = (vostrelia_table(tmp_path),)
    assert side_of("Ansel Corvin") == ""  # unknown without the user's table: a person's name says no side
    assert side_of("Ansel Corvin", tables=tables) == side_of("Vostrelian Defence Ministry", tables=tables) \
        == "vostrelia"
    facts = facts_of(minister_and_ministry(90))
    # without the table the ministry's statement contests its own minister's count
    (group,) = group_facts("sto_x", facts)
    assert group.status == "contradicting"
    (group,) = group_facts("sto_x", facts, tables=tables)
    assert group.status == "single" and [f.kind for f in group.facts] == ["claim"]


def test_the_ledger_reads_the_officeholder_tables_setting(writer, tmp_path):
    """Ingest (assign_stories), refresh after re-extraction and the rebuild of outdated ledgers
    all pass the setting down to the ledger."""
    from storyline.batch.reprocess import run_reprocess
    from storyline.nlp.pipeline import pipeline_version
    from storyline.settings import Options
    from storyline.store.schema import set_meta
    from storyline.stories import refresh_ledgers, stories_version

    opts = Options(officeholder_tables=vostrelia_table(tmp_path))
    batch = minister_and_ministry(92)
    for a in batch:
        a.pipeline_version = pipeline_version(opts)
        writer.save_article(a)
    placed = assign_stories(writer, batch, opts, embedder=None)
    assert len({p.story_id for p in placed}) == 1
    story_id = placed[0].story_id

    def status() -> str:
        (group,) = [g for g in query.story(writer.db, story_id)["ledger"] if g["measure"] == "intercepted"]
        return group["status"]

    assert status() == "single"
    refresh_ledgers(writer, batch)  # no settings: the shipped and sample tables alone
    assert status() == "contradicting"
    refresh_ledgers(writer, batch, opts)
    assert status() == "single"
    refresh_ledgers(writer, batch)
    set_meta(writer.db, "ledger_version", "1")  # built by older rules: reprocess rebuilds, with the setting
    set_meta(writer.db, "stories_version", stories_version(opts))  # the stories themselves are current
    assert run_reprocess(writer, opts) == (0, [])
    assert status() == "single"
