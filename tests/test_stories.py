"""Story assignment on a real store (SQLite and PostgreSQL) with the real embedding
model, on hand-written fictional articles (invented places, people and outlets)."""

from __future__ import annotations

import pytest

from storyline import query
from storyline.errors import ModelNotFound, NotFound
from storyline.models import Article, Claim, Entity, Event, Quote
from storyline.stories import assign_stories, load_embedder, merge_stories, split_story
from storyline.stories.decisions import StoryDecisionError
from storyline.store import Writer, connect


@pytest.fixture(scope="module")
def embedder():
    return load_embedder()


def ent(eid: str, name: str, etype: str, text: str) -> Entity:
    spans = []
    start = text.find(name)
    while start >= 0:
        spans.append((start, start + len(name)))
        start = text.find(name, start + 1)
    return Entity(id=eid, name=name, type=etype, mentions=spans or [(0, 0)], mention_texts=[name] * max(1, len(spans)))


def article(n: int, title: str, text: str, published: str | None, source: str, names: list[tuple[str, str, str]],
            event_type: str = "ASSAULT", claims: list[tuple[str, float, str, str | None, str | None]] = (),
            quotes: list[tuple[str, str]] = (), date_basis: str = "timex") -> Article:
    """A stored-article record: ``claims`` are (figure text, value, unit, approx, claimant); its
    event is dated to the publication day, by a time expression of the text ("overnight") unless
    ``date_basis`` says it was filled in ("published")."""
    cl = []
    for figure, value, unit, approx, claimant in claims:
        start = text.index(figure)
        cl.append(Claim(value=value, unit=unit, text=figure, start=start, end=start + len(figure), approx=approx,
                        claimant=claimant))
    qs = []
    for quoted, speaker in quotes:
        start = text.index(quoted)
        qs.append(Quote(text=quoted, start=start, end=start + len(quoted), kind="direct", speaker=speaker))
    return Article(
        id=f"art_{n:016d}", content_hash=f"hash{n}", text=text, origin=f"t{n}.txt", source=source, title=title,
        published=published, entities=[ent(i, name, t, text) for i, name, t in names],
        events=[Event(id="ev0", type=event_type, text=text[:40], start=0, end=40, date=published, date_precision="day",
                      location=None, meta={"date_basis": date_basis} if published else {})],
        claims=cl, quotes=qs, pipeline_version="test")


TARVIK = [("ent_tarvik", "Tarvik", "GPE"), ("ent_osmeria", "Osmeria", "GPE"), ("ent_dalvan", "Dalvan", "GPE")]


def strike_one_a() -> Article:
    text = ("Osmeria launched 300 drones at Tarvik overnight, the Dalvan air force said. At least five people were "
            "killed in the capital's eastern districts and a power station was set on fire, officials said.")
    return article(1, "Osmerian drones pound Tarvik, five dead", text, "2031-03-03", "Tarvik Herald", TARVIK)


def strike_one_b() -> Article:
    text = ("Five residents died when waves of Osmerian attack drones struck the Dalvan capital Tarvik before dawn. "
            "Firefighters battled a blaze at an eastern power plant hit in the barrage, the mayor said.")
    # no time expression of its own: its event is dated to the publication day by fallback
    return article(2, "Dawn barrage on Dalvan capital leaves five dead", text, "2031-03-03", "Coastline Post", TARVIK,
                   date_basis="published")


def strike_two() -> Article:
    text = ("Osmeria launched 120 drones at Tarvik overnight, the Dalvan air force said. Two people were killed in "
            "the capital's northern districts and a rail depot was damaged, officials said.")
    return article(3, "Osmerian drones strike Tarvik again, two dead", text, "2031-03-10", "Tarvik Herald", TARVIK)


def summit() -> Article:
    text = ("Leaders of the Varo Compact met in the lakeside town of Elmsby to agree a grain export deal, "
            "the host government said. The talks will resume in the autumn.")
    return article(4, "Varo Compact leaders agree grain deal in Elmsby", text, "2031-03-04", "Coastline Post",
                   [("ent_varo", "Varo Compact", "ORG"), ("ent_elmsby", "Elmsby", "GPE")], event_type="AGREE")


def store(url: str) -> Writer:
    writer = Writer(connect(url))
    return writer


def save(writer: Writer, *articles: Article) -> None:
    for a in articles:
        assert writer.save_article(a)


def test_same_event_joined_and_similar_event_a_week_later_kept_apart(any_db, embedder):
    writer = store(any_db)
    batch = [strike_one_a(), strike_one_b(), summit(), strike_two()]
    save(writer, *batch)
    placed = assign_stories(writer, batch, embedder=embedder)
    sid = {p.article_id: p.story_id for p in placed}
    assert sid["art_0000000000000001"] == sid["art_0000000000000002"], "same strike in other words must join"
    assert sid["art_0000000000000003"] != sid["art_0000000000000001"], "the strike a week later is another event"
    assert sid["art_0000000000000004"] not in (sid["art_0000000000000001"], sid["art_0000000000000003"])
    assert [p.how for p in placed] == ["new", "joined", "new", "new"]
    listed = {s["id"]: s for s in query.stories(writer.db)}
    assert listed[sid["art_0000000000000001"]]["articles"] == 2
    assert listed[sid["art_0000000000000001"]]["first_day"] == "2031-03-03"
    # the JSONL contract carries the story id
    assert query.article(writer.db, "art_0000000000000002").story_id == sid["art_0000000000000001"]


def test_shared_names_alone_do_not_join_unrelated_reports(any_db, embedder, tmp_path):
    """Two undated reports of one city's affairs (a flood, a library opening) share the city and
    its office, which would carry the score over the threshold; their texts are unalike (cosine
    under StoryConfig.min_cos), so they stay two stories. Without the floor they join."""
    from dataclasses import replace

    from storyline.stories import StoryConfig

    city = [("ent_velmar", "Velmar", "GPE"), ("ent_office", "Velmar City Office", "ORG")]
    flood = article(41, "Floodwater closes the Ostry bridge",
                    "The river Ostry burst its banks and closed the old bridge, the Velmar City Office said. "
                    "About 40 families in Velmar left their homes.", None, "Tarvik Herald", city, event_type="STATEMENT")
    library = article(42, "Velmar opens a new library",
                      "The Velmar City Office opened a library of 12,000 books on the old market square of "
                      "Velmar, the mayor said.", None, "Coastline Post", city, event_type="STATEMENT")
    # the shipped floor on either backend; without it (a second, fresh store) they join
    for url, config, apart in ((any_db, StoryConfig(), True),
                               (str(tmp_path / "no_floor.db"), replace(StoryConfig(), min_cos=0.0), False)):
        writer = store(url)
        save(writer, flood, library)
        placed = assign_stories(writer, [flood, library], config=config, embedder=embedder)
        assert (placed[0].story_id != placed[1].story_id) is apart, config.min_cos


def strike_one_follow_up() -> Article:
    """Published three weeks after the first strike; its main event is still dated to that day."""
    text = ("Three weeks after Osmerian drones struck Tarvik, killing five people in the capital's eastern "
            "districts, the power station set on fire in the barrage is back in service, the Dalvan energy "
            "ministry said.")
    a = article(9, "Tarvik power station hit in drone barrage back in service", text, "2031-03-24",
                "Inland Voice", TARVIK)
    a.events = [Event(id="ev0", type="ASSAULT", text=text[:60], start=0, end=60, date="2031-03-03",
                      date_precision="day", meta={"date_basis": "timex"}),  # "three weeks after"
                Event(id="ev1", type="STATEMENT", text=text[-40:], start=len(text) - 40, end=len(text),
                      date="2031-03-24", date_precision="day", meta={"date_basis": "published"})]
    return a


def test_follow_up_weeks_later_joins_the_event_it_dates(any_db, embedder):
    """The time signal is when the event happened: a report three weeks later about the first
    strike joins it (not the similar strike of the week after), the second strike stays apart."""
    writer = store(any_db)
    batch = [strike_one_a(), strike_one_b(), strike_two(), strike_one_follow_up()]
    save(writer, *batch)
    placed = assign_stories(writer, batch, embedder=embedder)
    sid = {p.article_id: p.story_id for p in placed}
    assert sid["art_0000000000000003"] != sid["art_0000000000000001"]
    assert sid["art_0000000000000009"] == sid["art_0000000000000001"], "a follow-up joins the event it dates"
    assert placed[-1].how == "joined"


def test_only_event_days_from_the_text_compare(any_db):
    """An event dated by fallback (the report's own day) counts as undated for the time signal,
    in the new article and in the stored events a story is read from."""
    from storyline.store.stories import StoryStore
    from storyline.stories.features import event_days, main_events

    text = "Osmerian drones struck Tarvik, officials said, as the city counted the damage."
    follow = article(5, "Tarvik counts the damage", text, "2031-03-09", "Inland Voice", TARVIK, date_basis="published")
    assert event_days(follow) == []
    assert event_days(follow, from_text=False) == ["ASSAULT@2031-03-09"]
    assert event_days(strike_one_a()) == ["ASSAULT@2031-03-03"]
    writer = store(any_db)
    save(writer, strike_one_a(), follow)
    assign_stories(writer, [strike_one_a(), follow], embedder=None)
    db = writer.db
    assert query.article(db, follow.id).events[0].meta == {"date_basis": "published"}
    sids = [r["story_id"] for r in db.query("SELECT DISTINCT story_id FROM story_members ORDER BY story_id")]
    read = {a: main_events(evs, from_text=True) for v in StoryStore(db).member_event_dates(sids, 20).values()
            for a, evs in v.items()}
    assert read == {strike_one_a().id: ["ASSAULT@2031-03-03"], follow.id: []}


def test_main_events_are_ranked_over_all_dated_events():
    """A report of a second attack, dated by fallback to its own day, that names the first attack
    by its date: its main event is its own attack (undated for the signal), not the earlier one."""
    from storyline.stories.features import main_events

    evs = [("ASSAULT", None, "2031-03-10", "day", "published")] * 3 + [("ASSAULT", None, "2031-03-03", "day", "timex")]
    assert main_events(evs) == ["ASSAULT@2031-03-10"]
    assert main_events(evs, from_text=True) == []
    both = evs + [("ASSAULT", None, "2031-03-10", "day", "timex")]
    assert main_events(both, from_text=True) == ["ASSAULT@2031-03-10"]


def test_main_events_and_days_apart():
    from storyline.stories.features import days_apart, main_events

    evs = [("ASSAULT", None, "2031-03-03", "day"), ("ASSAULT", "asserted", "2031-03-03", "day"),
           ("ASSAULT", None, "2031-03-03T06:00", "day"),
           ("STATEMENT", None, "2031-03-24", "day"), ("ASSAULT", "future", "2031-03-30", "day"),
           ("AGREE", None, "2031-03", "month"), ("ASSAULT", None, "2031-03-04", "day")]
    # reporting events, non-asserted and month-precise dates are left out; a minor day is kept
    # only when held by half as many events as the main one
    assert main_events(evs) == ["ASSAULT@2031-03-03"]
    assert main_events(evs + [("ASSAULT", None, "2031-03-04", "day")] * 1 + [("AGREE", None, "2031-03-04", "day")]
                       * 2) == ["AGREE@2031-03-04", "ASSAULT@2031-03-03", "ASSAULT@2031-03-04"]
    assert days_apart(["ASSAULT@2031-03-10"], ["ASSAULT@2031-03-03", "AGREE@2031-03-10"]) == 7.0
    assert days_apart(["ASSAULT@2031-03-10"], ["AGREE@2031-03-10"]) is None  # only one type compares
    assert days_apart(["ASSAULT@2031-03-10"], ["AGREE@2031-03-10"], same_type=False) == 0.0


def test_syndicated_copies_count_once(any_db, embedder):
    writer = store(any_db)
    wire = ("Osmeria launched about three hundred attack drones at the Dalvan capital Tarvik overnight, the Dalvan "
            "air force said in a statement on Monday morning. At least five people were killed in the capital's "
            "eastern districts and a large power station was set on fire, city officials told reporters later.")
    origin = article(1, "Osmerian drones pound Tarvik, five dead", wire, "2031-03-03", "Northline Agency", TARVIK)
    wire_copy = article(5, "Five dead as drones hit Tarvik", origin.text, "2031-03-03", "Harbour Daily", TARVIK)
    wire_copy.content_hash = "hash5"
    # a partial copy: two long wire sentences reused inside a different article
    shared = origin.text
    partial = article(6, "Tarvik counts the cost", "Residents queued for water on Monday. " + shared,
                      "2031-03-03", "Inland Voice", TARVIK)
    save(writer, origin, wire_copy, partial)
    writer.link_duplicate(wire_copy.id, origin.id, 0.97)
    placed = assign_stories(writer, [origin, wire_copy, partial], embedder=embedder)
    assert [p.how for p in placed] == ["new", "duplicate", "passage"]
    row = query.stories(writer.db)[0]
    assert row["articles"] == 3 and row["origins"] == 1
    view = query.story(writer.db, row["id"])
    assert sum(1 for a in view["articles_list"] if a["copy"]) == 2


def test_merge_and_split_persist_for_later_articles(any_db, embedder):
    writer = store(any_db)
    a1, a2, b = strike_one_a(), strike_one_b(), strike_two()
    save(writer, a1, a2, b)
    placed = assign_stories(writer, [a1, a2, b], embedder=embedder)
    first, second = placed[0].story_id, placed[2].story_id
    assert first != second
    # split the second report of the first strike out, then a copy of it arrives: it follows the split
    new_id = split_story(writer.db, first, [a2.id])
    follow = article(7, "Dawn barrage on Dalvan capital leaves five dead", a2.text + " Schools closed.",
                     "2031-03-03", "Harbour Daily", TARVIK)
    save(writer, follow)
    writer.link_duplicate(follow.id, a2.id, 0.95)
    assert assign_stories(writer, [follow], embedder=embedder)[0].story_id == new_id
    # merge the two strikes by command: the merged-away id forwards, later copies land in the target
    target = merge_stories(writer.db, first, second)
    assert target == first
    assert query.story(writer.db, second)["id"] == first
    later = article(8, "Osmerian drones strike Tarvik again, two dead", b.text, "2031-03-10", "Inland Voice", TARVIK)
    later.content_hash = "hash8"
    save(writer, later)
    writer.link_duplicate(later.id, b.id, 0.99)
    assert assign_stories(writer, [later], embedder=embedder)[0].story_id == first
    decisions = query.story(writer.db, first)["decisions"]
    assert [d["kind"] for d in decisions] == ["split", "merge"]
    with pytest.raises(StoryDecisionError):
        merge_stories(writer.db, first, second)  # already one story
    with pytest.raises(NotFound):
        query.story(writer.db, "sto_nope")


def test_missing_model_package_is_a_clear_error():
    with pytest.raises(ModelNotFound) as err:
        load_embedder("no-such-embedding-package")
    assert "not installed" in str(err.value) and "pip install" in str(err.value)
    assert load_embedder("none") is None  # the explicit opt-out, not a silent fallback


# -- two similar events with one shared participant, no dates to tell them apart --------------

OSKEL = ("ent_oskel", "Varn Oskel", "PERSON")


def bout(n: int, title: str, text: str, names: list[tuple[str, str, str]]) -> Article:
    return article(n, title, text, None, "Ring Weekly", [OSKEL] + names, event_type="FIGHT")


def reddik_bouts() -> list[Article]:
    names = [("ent_reddik", "Tamo Reddik", "PERSON"), ("ent_ulvar", "Ulvar", "GPE")]
    return [
        bout(11, "Oskel stops Tamo Reddik in Ulvar",
             "Varn Oskel kept his heavyweight belts by stopping Tamo Reddik in the seventh round in Ulvar. "
             "Tamo Reddik was down twice before the referee waved it off, Ulvar promoters said.", names),
        bout(12, "Reddik no match for champion Oskel",
             "Tamo Reddik, a late substitute, never troubled Varn Oskel in Ulvar on Saturday. The champion "
             "dropped Tamo Reddik with a left hook and the fight in Ulvar was stopped in round seven.", names),
        bout(13, "Ulvar crowd sees Oskel beat Reddik",
             "A sold-out Ulvar arena watched Varn Oskel outclass Tamo Reddik. Tamo Reddik said after the loss "
             "in Ulvar that the champion's jab had been too quick for him.", names),
    ]


def ansu_bouts() -> list[Article]:
    names = [("ent_ansu", "Pello Ansu", "PERSON"), ("ent_drammik", "Drammik", "GPE")]
    return [
        bout(21, "Oskel knocks out Pello Ansu in Drammik",
             "Varn Oskel kept his heavyweight belts by knocking out Pello Ansu in the sixth round in Drammik. "
             "Pello Ansu had won his previous nine fights, Drammik promoters said.", names),
        bout(22, "Ansu falls to champion Oskel",
             "Pello Ansu, the mandatory challenger, was stopped by Varn Oskel in Drammik on Saturday. The "
             "champion floored Pello Ansu with a right hand and the Drammik bout ended in round six.", names),
        bout(23, "Drammik crowd sees Oskel beat Ansu",
             "A packed Drammik stadium watched Varn Oskel dismantle Pello Ansu. Pello Ansu said after the "
             "defeat in Drammik that he would ask for a rematch.", names),
    ]


def test_two_bouts_of_one_champion_kept_apart_and_each_joined(any_db, embedder):
    """Same champion, same kind of event, no dates: the distinct opponent and venue keep the two
    bouts apart (by the join score or by the local repair), each bout's reports in other words join."""
    writer = store(any_db)
    a, b = reddik_bouts(), ansu_bouts()
    batch = [a[0], b[0], a[1], b[1], a[2], b[2]]
    save(writer, *batch)
    placed = assign_stories(writer, batch, embedder=embedder)
    sid = {p.article_id: p.story_id for p in placed}
    final = {x.id: query.article(writer.db, x.id).story_id for x in batch}
    assert len({final[x.id] for x in a}) == 1, "one bout told three ways is one story"
    assert len({final[x.id] for x in b}) == 1, "one bout told three ways is one story"
    assert final[a[0].id] != final[b[0].id], "two bouts of one champion are two stories"
    assert set(sid) == set(final)
    listed = {s["id"]: s["articles"] for s in query.stories(writer.db)}
    assert listed[final[a[0].id]] == 3 and listed[final[b[0].id]] == 3


def test_split_groups_needs_two_distinct_participant_groups():
    from storyline.stories.assign import split_groups

    idf = {"champ": 0.3, "red": 2.0, "ulv": 2.0, "ans": 2.0, "dra": 2.0, "x": 2.0}
    two = [["red", "champ", "ulv"]] * 3 + [["ans", "champ", "dra"]] * 3
    groups = split_groups(two, idf, ratio=0.6, min_side=3)
    assert groups is not None and sorted(map(sorted, groups)) == [[0, 1, 2], [3, 4, 5]]
    one = [["red", "champ", "ulv"], ["champ", "red"], ["ulv", "red", "x"], ["red", "champ"], ["champ", "ulv", "red"],
           ["red", "ulv"]]
    assert split_groups(one, idf, ratio=0.6, min_side=3) is None
    assert split_groups(two[:5], idf, ratio=0.6, min_side=3) is None  # too few for two sides of three


def test_split_needs_the_name_words_to_fall_apart_too():
    """Short reports of one fire link few entities: their entity vectors split in two, but they
    share their names, so the story stays whole; two fires in two towns split on both."""
    from storyline.stories.assign import name_similarities, split_groups
    from storyline.stories.score import name_idf

    idf = {"champ": 0.3, "red": 2.0, "ulv": 2.0, "ans": 2.0, "dra": 2.0}
    entities = [["red", "champ", "ulv"]] * 3 + [["ans", "champ", "dra"]] * 3
    df = {"": 100, "marrow": 2, "fire": 40, "oskel": 3, "brenn": 3}
    one_fire = [{"marrow": 2, "fire": 1, "oskel": 1}] * 3 + [{"marrow": 1, "oskel": 2}] * 3
    two_fires = [{"marrow": 1, "oskel": 2}] * 3 + [{"marrow": 1, "brenn": 2}] * 3
    for named, split in ((one_fire, False), (two_fires, True)):
        words = {w for n in named for w in n}
        sim = name_similarities(named, name_idf(df, 100, words))
        assert sim.shape == (6, 6) and all(sim[i, i] == 1.0 for i in range(6))
        groups = split_groups(entities, idf, ratio=0.6, min_side=3, names_sim=sim)
        assert (groups is not None) is split, named
    assert split_groups(entities, idf, ratio=0.6, min_side=3) is not None  # entities alone split


def test_local_repair_never_undoes_a_merge_by_command(any_db, embedder):
    writer = store(any_db)
    a, b = reddik_bouts(), ansu_bouts()
    batch = [a[0], b[0], a[1], b[1], a[2], b[2]]
    save(writer, *batch)
    assign_stories(writer, batch, embedder=embedder)  # a repair may move earlier articles: read where they are now
    first, second = query.article(writer.db, a[0].id).story_id, query.article(writer.db, b[0].id).story_id
    assert first != second
    target = merge_stories(writer.db, first, second)
    later = bout(24, "Oskel's win over Ansu in Drammik", "Varn Oskel beat Pello Ansu in Drammik, and Pello Ansu "
                 "wants a rematch in Drammik next year, his trainer said.",
                 [("ent_ansu", "Pello Ansu", "PERSON"), ("ent_drammik", "Drammik", "GPE")])
    save(writer, later)
    assign_stories(writer, [later], embedder=embedder)
    # the user said these are one story: a later report never splits them again
    assert {query.article(writer.db, x.id).story_id for x in batch} == {target}


def test_entity_document_frequencies_for_a_large_story(any_db):
    """The repair reads the frequencies of up to a few hundred entities at once (in chunks: SQLite
    caps a compound SELECT at 500 terms)."""
    from storyline.store.stories import StoryStore

    writer = store(any_db)
    save(writer, strike_one_a(), strike_one_b(), summit())
    ids = ["ent_tarvik", "ent_varo"] + [f"ent_unknown{i}" for i in range(598)]
    counts = StoryStore(writer.db).entity_article_counts(ids, cap=1000)
    assert counts == {"ent_tarvik": 2, "ent_varo": 1}
    assert StoryStore(writer.db).entity_article_counts(["ent_tarvik"], cap=1) == {"ent_tarvik": 1}


def rehab(n: int, who: str, published: str) -> Article:
    text = (f"{who} checked into the Sunfield Clinic in Velmar on Monday, her lawyer said. {who} is to stay "
            f"for ninety days under the court's order, the lawyer added.")
    return article(n, f"{who} checks into Sunfield rehab", text, published, "Velmar Daily",
                   [("ent_" + who.split()[-1].lower(), who, "PERSON"), ("ent_sunfield", "Sunfield Clinic", "ORG"),
                    ("ent_velmar", "Velmar", "GPE")], event_type="MOVE")


def test_participant_conflict_costs_a_report_about_another_person(any_db):
    """Two celebrities entering the same clinic: the second one's report is about another main
    person than the story's (read with the entity types from the store) and pays the conflict
    penalty; a further report on the first one does not."""
    from dataclasses import replace as dc_replace

    from storyline.stories import StoryConfig
    from storyline.stories.assign import Assigner
    from storyline.stories.features import features, salient_heads
    from storyline.store.stories import StoryStore

    writer = store(any_db)
    first = [rehab(11, "Mara Quell", "2031-05-02"), rehab(12, "Mara Quell", "2031-05-02"),
             rehab(13, "Mara Quell", "2031-05-03")]
    other, same = rehab(14, "Dovi Arrant", "2031-05-03"), rehab(15, "Mara Quell", "2031-05-03")
    save(writer, *first, other, same)
    assert salient_heads(other) == {"PERSON": "ent_arrant"}  # named in the title, lead and twice
    placed = assign_stories(writer, first, embedder=None)
    assert len({p.story_id for p in placed}) == 1
    on = Assigner(StoryStore(writer.db), StoryConfig(), None)
    off = Assigner(StoryStore(writer.db), dc_replace(StoryConfig(), conflict_penalty=0.0), None)
    for a, cost in ((other, 0.2), (same, 0.0)):
        _, with_conflict, _ = on.best_story(features(a))
        _, without, _ = off.best_story(features(a))
        assert without - with_conflict == pytest.approx(cost)
    # one report's main person is no story's: no conflict against a story of fewer than 3
    from storyline.stories.score import StoryProfile, conflicts

    small = StoryProfile(id="s", n_articles=2, vec_sum=None, entity_counts={"ent_quell": 2}, place_counts={},
                         type_counts={}, first_day=None, last_day=None, heads={"PERSON": ("ent_quell", 1.0)})
    assert conflicts(features(other), small, StoryConfig()) == 0
    small.n_articles, small.entity_counts = 3, {"ent_quell": 3}
    assert conflicts(features(other), small, StoryConfig()) == 1


def test_publication_gap_waived_for_the_same_story_told_alike():
    """An undated-event follow-up weeks later costs nothing when its text is as close as the
    story's own reports; a less similar one pays the publication gap."""
    import numpy as np

    from storyline.stories import StoryConfig
    from storyline.stories.features import ArticleFeatures
    from storyline.stories.score import StoryProfile, score

    story = StoryProfile(id="s", n_articles=3, vec_sum=None, entity_counts={}, place_counts={}, type_counts={},
                         first_day="2031-05-02", last_day="2031-05-03")
    axis = np.eye(4, dtype=np.float32)
    member = axis[0]
    close = ArticleFeatures(article_id="a", lead="", day="2031-06-13", vec=(0.8 * axis[0] + 0.6 * axis[1]))
    far = ArticleFeatures(article_id="b", lead="", day="2031-06-13", vec=(0.6 * axis[0] + 0.8 * axis[1]))
    config = StoryConfig()
    s_close, parts = score(close, story, config, [member])
    assert parts["cosine"] == pytest.approx(0.8) and s_close == pytest.approx(0.8)
    s_far, parts = score(far, story, config, [member])
    assert parts["gap_days"] > 30 and s_far < 0.6 - 5
    from dataclasses import replace as dc_replace

    assert score(close, story, dc_replace(config, gap_waive_cos=float("inf")), [member])[0] < 0


def test_event_days_of_other_types_leave_the_publication_gap():
    """Both sides have event days but none of one type (a ceasefire plan, a summit a week later):
    nothing was compared, so the publication gap applies as for an undated side."""
    from dataclasses import replace as dc_replace

    from storyline.stories import StoryConfig
    from storyline.stories.features import ArticleFeatures
    from storyline.stories.score import StoryProfile, score

    story = StoryProfile(id="s", n_articles=2, vec_sum=None, entity_counts={"ent_maren": 2}, place_counts={},
                         type_counts={}, first_day="2031-07-01", last_day="2031-07-01")
    plan = ArticleFeatures(article_id="a", lead="", day="2031-06-24", entities=["ent_maren", "ent_plan"],
                           event_days=["AGREE@2031-06-24"])
    now, parts = score(plan, story, StoryConfig(), story_days=["CONSULT@2031-07-01"])
    before, _ = score(plan, story, dc_replace(StoryConfig(), compare_needs_pair=False),
                      story_days=["CONSULT@2031-07-01"])
    assert parts["event_days_apart"] == -1.0
    assert before - now == pytest.approx(0.2 * 5)  # 7 days apart, 2 days of grace


def test_name_words_read_every_mention_and_the_years():
    """Name words are the lower-cased words of the named things' mentions (not canonical ids, so a
    bare surname matches the full name) and the years the text writes."""
    from storyline.stories.features import name_words

    text = "Director Chris Weitz of Halvern Pictures will shoot the sequel in 2009, Weitz said on Monday."
    a = Article(id="art_w", content_hash="w", text=text, origin="w.txt", pipeline_version="test",
                entities=[Entity(id="ent_cw", name="Chris Weitz", type="PERSON", mentions=[(9, 20)],
                                 mention_texts=["Chris Weitz"]),
                          Entity(id="ent_w", name="Weitz", type="PERSON", mentions=[(68, 73)], mention_texts=["Weitz"]),
                          Entity(id="ent_hp", name="Halvern Pictures", type="ORG", mentions=[(24, 40)],
                                 mention_texts=["Halvern Pictures"]),
                          Entity(id="ent_mon", name="Monday", type="DATE", mentions=[(77, 83)], mention_texts=["Monday"])])
    words = name_words(a)
    assert words["weitz"] == 2 and words["chris"] == 1 and words["halvern"] == 1
    assert words["y:2009"] == 1
    assert "monday" not in words, "dates are not names"
    assert "of" not in words and "pictures" in words


def test_name_cosine_weighs_rare_names_over_common_words():
    """Two reports sharing a rare surname are closer than two sharing only a word every report of the
    corpus has (IDF from document frequencies)."""
    from storyline.stories.score import name_cosine, name_idf

    df = {"": 100, "rehab": 60, "clinic": 40, "ardenne": 2, "velloso": 2}
    idf = name_idf(df, 100, ["rehab", "clinic", "ardenne", "velloso"])
    article_names = {"ardenne": 3, "rehab": 1, "clinic": 1}
    same_person = [{"ardenne": 2, "clinic": 1}, {"ardenne": 1, "rehab": 2}]
    other_person = [{"velloso": 2, "rehab": 1, "clinic": 1}, {"velloso": 3, "rehab": 1}]
    assert name_cosine(article_names, same_person, idf) > 2 * name_cosine(article_names, other_person, idf)
    assert name_cosine({}, same_person, idf) == 0.0 and name_cosine(article_names, [], idf) == 0.0


@pytest.mark.parametrize("seed", range(5))
def test_name_cosine_is_the_mean_cosine_of_unit_name_vectors(seed):
    """The one-pass loop of name_cosine gives the textbook value: the mean, over members, of the dot
    product of the two (1 + log count) x IDF unit vectors; counts past the cached weights and zero
    counts (no word) included."""
    import random

    from storyline.stories.score import name_cosine, name_idf, name_vector

    rng = random.Random(seed)
    vocab = [f"w{i}" for i in range(30)]
    def bag():
        return {w: rng.choice([0, 1, 2, 3, 7, 300]) for w in rng.sample(vocab, rng.randint(1, 12))}
    df = {"": 50, **{w: rng.randint(0, 50) for w in vocab}}
    idf = name_idf(df, 50, vocab[:25])  # some words without an IDF: weight 1
    article, members = bag(), [bag() for _ in range(rng.randint(1, 6))]
    mine = name_vector(article, idf)
    expected = sum(sum(x * name_vector(m, idf).get(w, 0.0) for w, x in mine.items())
                   for m in members) / len(members)
    assert name_cosine(article, members, idf) == pytest.approx(expected, abs=1e-12)


def test_name_document_frequencies_kept_as_articles_are_assigned(any_db):
    """The name signal's IDF comes from running counts in the store (one more article per assignment,
    never a corpus scan), forgotten with the stories on a rebuild."""
    from storyline.stories.score import StoryConfig
    from storyline.store.stories import StoryStore

    writer = store(any_db)
    batch = [strike_one_a(), strike_one_b(), summit()]
    save(writer, *batch)
    assign_stories(writer, batch, config=StoryConfig(), embedder=None)
    s = StoryStore(writer.db)
    df = s.name_df(["", "tarvik", "osmeria", "elmsby", "nowhere"])
    assert df[""] == 3 and df["tarvik"] == 2 and df["elmsby"] == 1 and "nowhere" not in df
    names = s.member_names([s.member("art_0000000000000004")["story_id"]], 20)
    assert list(names.values()) == [[{"varo": 1, "compact": 1, "elmsby": 1}]]
    with writer.db.transaction():
        s.clear()
    assert s.name_df([""]) == {}


def test_event_days_a_day_or_two_off_are_not_two_events():
    """Days read from the text are off by a day or two between reports of one event; a week apart
    is another event (two strikes on one city)."""
    from storyline.stories.score import StoryConfig, event_term

    c = StoryConfig()
    assert event_term(0.0, c) == c.w_event and event_term(1.0, c) == c.w_event
    assert -c.event_penalty < event_term(2.0, c) < 0 and event_term(2.0, c) > event_term(4.0, c)
    assert event_term(5.0, c) == -c.event_penalty and event_term(7.0, c) == -c.event_penalty


def test_text_words_are_the_frequent_content_words():
    """Text words: the whole text's most frequent content words, lower-cased; stop words, short
    words, digits and the words of a URL left in the text are no content."""
    from storyline.stories.features import text_words

    text = ("http: / / www. example. com / news / fire. html\n\nA fire gutted the Marrow Street "
            "supermarket. Fire crews fought the fire for six hours; the supermarket is closed. It is 2013.")
    a = Article(id="art_t", content_hash="t", text=text, origin="t.txt", pipeline_version="test")
    words = text_words(a)
    assert words["fire"] == 4 and words["supermarket"] == 2 and words["marrow"] == 1
    for gone in ("the", "is", "it", "http", "www", "com", "html", "2013", "a"):
        assert gone not in words
    assert list(text_words(a, limit=2)) == ["fire", "supermarket"]


def test_text_words_stored_and_counted_beside_name_words(any_db):
    """Each member keeps its text words; their document frequencies share the running counts of
    name words under the prefix "t:", so the two vocabularies never mix."""
    from storyline.stories.score import StoryConfig
    from storyline.store.stories import StoryStore

    writer = store(any_db)
    batch = [strike_one_a(), strike_one_b(), summit()]
    save(writer, *batch)
    assign_stories(writer, batch, config=StoryConfig(), embedder=None)
    s = StoryStore(writer.db)
    sid = s.member("art_0000000000000004")["story_id"]
    words = s.member_words([sid], 20)[sid]
    assert len(words) == 1 and words[0] and all(w.islower() for w in words[0])
    some = sorted(words[0])[0]
    df = s.name_df(["", "t:" + some])
    assert df[""] == 3 and 1 <= df["t:" + some] <= 3


def test_participant_conflict_waived_for_one_name_split_in_two():
    """A report whose clear main person is "Weitz" is no conflict with a story whose main person is
    "Chris Weitz" (the entity linking kept two entities); "Arvo Lind" is."""
    import numpy as np

    from storyline.stories.features import ArticleFeatures
    from storyline.stories.score import StoryConfig, StoryProfile, conflicts

    story = StoryProfile(id="sto_x", n_articles=4, vec_sum=None, entity_counts={"ent_cw": 4, "ent_film": 3},
                         place_counts={}, type_counts={}, first_day=None, last_day=None,
                         heads={"PERSON": ("ent_cw", 1.0)}, head_words={"PERSON": {"chris", "weitz"}})
    alias = ArticleFeatures(article_id="a1", lead="", day=None, heads={"PERSON": "ent_w"},
                            head_words={"PERSON": ["weitz"]}, vec=np.zeros(3, dtype=np.float32))
    other = ArticleFeatures(article_id="a2", lead="", day=None, heads={"PERSON": "ent_al"},
                            head_words={"PERSON": ["arvo", "lind"]})
    assert conflicts(alias, story, StoryConfig()) == 0
    assert conflicts(other, story, StoryConfig()) == 1
    from dataclasses import replace
    assert conflicts(alias, story, replace(StoryConfig(), conflict_alias=False)) == 1


def test_story_event_days_keep_the_most_held_day_of_each_type():
    """A second-strike story whose follow-up also names the first strike by its day keeps only the
    second strike's day as its main assault (so a first-strike report is compared with that day)."""
    from storyline.stories.score import story_event_days

    members = [["ASSAULT@2031-03-10"], ["ASSAULT@2031-03-03", "ASSAULT@2031-03-10"], ["AGREE@2031-03-11"]]
    assert story_event_days(members, 0.25) == ["AGREE@2031-03-11", "ASSAULT@2031-03-03", "ASSAULT@2031-03-10"]
    assert story_event_days(members, 0.25, top_per_type=True) == ["AGREE@2031-03-11", "ASSAULT@2031-03-10"]
    assert story_event_days([["ASSAULT@2031-03-03"], ["ASSAULT@2031-03-10"]], 0.25, top_per_type=True) == [
        "ASSAULT@2031-03-03", "ASSAULT@2031-03-10"], "a tie keeps both days"
