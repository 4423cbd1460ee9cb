"""Numeric claims on the real model: figure, unit or counted thing, claimant,
event, and what is not a claim. Sentences and names are invented."""

from __future__ import annotations

import pytest

from storyline.models import Event, Quote
from storyline.nlp.claims import extract_claims
from storyline.nlp.entities import entity_id

pytestmark = pytest.mark.model


def _doc(nlp, text, published="2025-07-05", quotes=None, events=None):
    """Run the pipeline up to the claims, with quotes/events given as records when passed."""
    doc = nlp.make_doc(text)
    doc._.storyline_published = published
    for name, proc in nlp.pipeline:
        if name == "storyline_claims":
            break
        if name == "storyline_quotes" and quotes is not None:
            continue
        if name == "storyline_events" and events is not None:
            continue
        doc = proc(doc)
    if quotes is not None:
        doc._.storyline_quotes = quotes
    if events is not None:
        doc._.storyline_events = events
    return doc


CLAIMS = [
    # (sentence, (value, value_max, unit, approx))
    ("Russia launched 653 suicide drones overnight.", (653, None, "drone", None)),
    ("The army fired three Kinzhal missiles.", (3, None, "missile", None)),
    ("About 1,450 Ukrainian troops were moved.", (1450, None, "troop", "about")),
    ("Nine people were killed in the strike.", (9, None, "person", None)),
    ("A dozen tanks crossed the river.", (12, None, "tank", None)),
    ("Hundreds of drones were launched.", (100, 1000, "drone", "order of")),
    ("Between 20 and 30 soldiers were wounded.", (20, 30, "soldier", None)),
    ("The convoy moved 252 to 287 km.", (252, 287, "km", None)),
    ("Up to 30,000 troops could be deployed.", (30_000, None, "troop", "up to")),
    ("At least two civilians died.", (2, None, "civilian", "at least")),
    ("More than 30 buildings were damaged.", (30, None, "building", "more than")),
    ("The EU approved EUR 18 billion for Kyiv.", (18e9, None, "EUR", None)),
    ("The bank lent €18bn to the fund.", (18e9, None, "EUR", None)),
    ("Washington sent $2 billion in aid.", (2e9, None, "USD", None)),
    ("London pledged £1.5 million.", (1.5e6, None, "GBP", None)),
    ("Prices rose by 5 per cent.", (5, None, "percent", None)),
    ("Three of the missiles were shot down.", (3, None, "missile", None)),
]


@pytest.mark.parametrize("text,expected", CLAIMS)
def test_claim_values(nlp, text, expected):
    claims = extract_claims(_doc(nlp, text))
    assert len(claims) == 1, [(c.text, c.value, c.unit) for c in claims]
    c = claims[0]
    assert (c.value, c.value_max, c.unit, c.approx) == (
        pytest.approx(expected[0]), pytest.approx(expected[1]) if expected[1] else None, expected[2], expected[3])
    assert text[c.start:c.end] == c.text


NOT_CLAIMS = [
    "The talks began on July 1, 2025.",
    "The ceasefire collapsed in 2024.",
    "A 45-year-old man was arrested.",
    "Jon Brightwater, 52, said nothing.",
    "It was one of the worst attacks.",
    "Senators debated the 22nd amendment.",
    "The court cited Section 427 of the code.",
    "Call the hotline on +44 20 7946 0958.",
    "The meeting starts at 10:30 on Friday.",
    "He finished second in the race.",
    "The jets were F-16 fighters.",
    "She said it on page 5 of the report.",
    "The attack came two days ago.",
]


@pytest.mark.parametrize("text", NOT_CLAIMS)
def test_not_claims(nlp, text):
    assert [(c.text, c.value) for c in extract_claims(_doc(nlp, text))] == []


CLAIMANTS = [
    ("Russia launched 574 drones, according to the General Staff of Ukraine.", 574, "General Staff of Ukraine"),
    ("Russia launched 574 drones, Jon Brightwater said.", 574, "Jon Brightwater"),
    ("Jon Brightwater said that 40 missiles were fired.", 40, "Jon Brightwater"),
    ("Russian forces claimed 120 soldiers were captured.", 120, "Russian forces"),
    ("Russia launched 574 drones overnight.", 574, None),
]


@pytest.mark.parametrize("text,value,claimant", CLAIMANTS)
def test_claimant(nlp, text, value, claimant):
    claims = [c for c in extract_claims(_doc(nlp, text, quotes=[])) if c.value == value]
    assert len(claims) == 1
    assert claims[0].claimant == claimant


def test_claimant_uses_entity_ids(nlp):
    text = "Russia launched 574 drones, Jon Brightwater said."
    (claim,) = extract_claims(_doc(nlp, text, quotes=[]))
    assert claim.claimant_id == entity_id("Jon Brightwater", "PERSON")


def test_figure_inside_a_quote_takes_the_quote_speaker(nlp):
    text = 'The minister spoke. "We shot down 40 of their missiles," she told reporters.'
    start = text.index("We")
    quote = Quote(text=text[start:text.index(",\"")], start=start, end=text.index(",\""), kind="direct",
                  speaker="Mara Quillon", speaker_id="ent_test", speaker_text="she", speaker_span=(63, 66), cue="tell")
    (claim,) = extract_claims(_doc(nlp, text, quotes=[quote]))
    assert (claim.value, claim.unit, claim.claimant, claim.claimant_id) == (40, "missile", "Mara Quillon", "ent_test")


def test_pronoun_claimant_follows_previous_claimant(nlp):
    text = ("Jon Brightwater said 40 missiles were fired. He said 12 drones were also downed.")
    claims = extract_claims(_doc(nlp, text, quotes=[]))
    assert [(c.value, c.claimant) for c in claims] == [(40, "Jon Brightwater"), (12, "Jon Brightwater")]


def test_colon_attribution_carries_to_next_sentence(nlp):
    text = "The General Staff of Ukraine gave these figures: 574 drones were shot down."
    claims = extract_claims(_doc(nlp, text, quotes=[]))
    assert claims and claims[0].value == 574


def test_claim_hangs_on_event_in_its_sentence(nlp):
    text = "Russia launched 653 drones early Friday. Talks resumed in Geneva."
    event = Event(id="ev_a", type="ASSAULT", text=text[:40], start=0, end=40)
    other = Event(id="ev_b", type="CONSULT", text=text[41:], start=41, end=len(text))
    (claim,) = extract_claims(_doc(nlp, text, events=[event, other]))
    assert claim.event_id == "ev_a"
    (claim,) = extract_claims(_doc(nlp, text, events=[]))
    assert claim.event_id is None


def test_component_is_in_the_pipeline(nlp):
    doc = nlp("Russia launched 653 drones early Friday, according to the General Staff of Ukraine.")
    assert [(c.value, c.unit) for c in doc._.storyline_claims] == [(653, "drone")]
