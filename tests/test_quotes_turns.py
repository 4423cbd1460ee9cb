"""Speaker turns of transcripts ("Minister of Trade Ruta Vennberg: Thank you. ..."):
the label finder (no model), the quotes they yield (model), and the transcript
count of bench/transcripts.py. All people, offices and countries are invented."""

from __future__ import annotations

import pytest

from storyline.bench.transcripts import MARKER, count, is_turn, load_transcripts
from storyline.models import Quote
from storyline.nlp.quote_marks import turn_labels


def _labels(text: str) -> list[str]:
    return [text[c.label[0]:c.label[1]] for c in turn_labels(text)]


# -- the label finder: shape only ------------------------------------------------------
@pytest.mark.parametrize("text,expected", [
    ("President of Dornia Mirela Kostadin: Good afternoon.", ["President of Dornia Mirela Kostadin"]),
    ("Good afternoon, colleagues. Prime Minister Arvid Lenz: Thank you.", ["Prime Minister Arvid Lenz"]),
    ("We agreed on this! KOSTADIN: Very well.", ["KOSTADIN"]),
    ("Thank you. Chair of the Board of Dornia Rail Ivo Sander (retranslated): Welcome.",
     ["Chair of the Board of Dornia Rail Ivo Sander"]),
    ("\u201cWe are ready.\u201d Lenz: I agree.", ["Lenz"]),
    ("Kostadin: \u201cWe stay.\u201d", ["Kostadin"]),
    ("The meeting ended.\nLENZ: ... and that is all.", ["LENZ"]),
    ("We agree. Lenz:I do not.", ["Lenz"]),
    ("Welcome. President of Dornia Ivo Sander(retranslated): Thank you.", ["President of Dornia Ivo Sander"]),
    # "No." and "Sr." end sentences too
    ("Lenz: No. Ivo Sander: I see. It was Bush Sr. Lenz: Precisely.", ["Lenz", "Ivo Sander", "Lenz"]),
])
def test_turn_label_shapes(text, expected):
    assert _labels(text) == expected


@pytest.mark.parametrize("text", [
    "The session opens at 10:30 and ends at 12:00.",
    "The ratio was 3:1 in favour.",
    "He said the following: Prices will rise.",  # a lower-case lead-in
    "He spoke to Mr. Lenz: I agree.",  # an abbreviation is not a sentence end
    "Results: votes are still being counted.",  # the words after the colon must open with a capital
    "The plan has two parts: Housing and roads.",  # a colon inside a sentence
    "Talks in Dornia: the first round.",
])
def test_not_turn_labels(text):
    assert _labels(text) == []


# -- the quotes they yield ---------------------------------------------------------------
def _run(nlp, text, published=None):
    doc = nlp.make_doc(text)
    doc._.storyline_published = published
    return nlp(doc)._.storyline_quotes


RUN_ON = ("Meeting with members of the Government. "
          "President of Dornia Mirela Kostadin: Good afternoon, colleagues. Today we will discuss the harvest, "
          "which analysts say is at risk. Prime Minister Arvid Lenz: Thank you, Madam President. "
          "The report is ready and the figures will be published at 10:30 tomorrow. "
          "Mirela Kostadin: Thank you. Please go ahead. "
          "Minister of Trade Ruta Vennberg: The harvest will reach 40 million tonnes. "
          "Question: Will prices rise? Mirela Kostadin: No, they will not rise this year.")


@pytest.mark.model
def test_run_on_transcript_turns(quote_nlp):
    quotes = _run(quote_nlp, RUN_ON)
    got = [(q.text, q.kind, q.speaker, q.speaker_text, q.cue) for q in quotes]
    assert got == [
        ("Good afternoon, colleagues. Today we will discuss the harvest, which analysts say is at risk.",
         "direct", "Mirela Kostadin", "President of Dornia Mirela Kostadin", None),
        ("Thank you, Madam President. The report is ready and the figures will be published at 10:30 tomorrow.",
         "direct", "Arvid Lenz", "Prime Minister Arvid Lenz", None),
        ("Thank you. Please go ahead.", "direct", "Mirela Kostadin", "Mirela Kostadin", None),
        ("The harvest will reach 40 million tonnes.", "direct", "Ruta Vennberg",
         "Minister of Trade Ruta Vennberg", None),
        # "Question:" ends the turn before it and is not listed
        ("No, they will not rise this year.", "direct", "Mirela Kostadin", "Mirela Kostadin", None),
    ]
    for q in quotes:
        assert RUN_ON[q.start:q.end] == q.text
        assert RUN_ON[q.speaker_span[0]:q.speaker_span[1]] == q.speaker_text


@pytest.mark.model
def test_editors_note_closing_a_turn_is_not_the_speakers(quote_nlp):
    text = ("Mirela Kostadin: Please, go ahead. (Ivo Sander spoke about the state of the port and asked for funds.) "
            "Mirela Kostadin: Mr Sander, thank you for raising this.")
    quotes = _run(quote_nlp, text)
    assert [(q.text, q.speaker) for q in quotes if q.kind == "direct"] == [
        ("Please, go ahead.", "Mirela Kostadin"), ("Mr Sander, thank you for raising this.", "Mirela Kostadin")]
    # what the note reports is the noted person's (reported speech), never the turn's speaker's
    assert all(q.speaker == "Ivo Sander" for q in quotes if q.kind != "direct")


@pytest.mark.model
def test_label_after_a_heading_without_full_stop(quote_nlp):
    # a heading glued to the first turn; the tokenizer glues "Sander(retranslated):" together
    text = "Beginning of talks with the delegation President of Dornia Ivo Sander(retranslated): Thank you, we are glad."
    assert [(q.text, q.speaker, q.speaker_text) for q in _run(quote_nlp, text)] == [
        ("Thank you, we are glad.", "Ivo Sander", "President of Dornia Ivo Sander")]


@pytest.mark.model
def test_recurring_label_after_a_lost_full_stop(quote_nlp):
    text = ("Arvid Lenz: Welcome. Ruta Vennberg: Thank you. Arvid Lenz: Go ahead. "
            "Ruta Vennberg: What about the port? Thank you Arvid Lenz: The port will reopen.")
    quotes = _run(quote_nlp, text)
    assert [(q.text, q.speaker) for q in quotes][-2:] == [
        ("What about the port? Thank you", "Ruta Vennberg"), ("The port will reopen.", "Arvid Lenz")]


@pytest.mark.model
def test_furniture_label_inside_a_transcript(quote_nlp):
    text = ("Arvid Lenz: Welcome. Ruta Vennberg: Thank you. Arvid Lenz: Go ahead.\n"
            "Delegate Update: The latest count in the race.")
    assert [q.speaker for q in _run(quote_nlp, text)] == ["Arvid Lenz", "Ruta Vennberg", "Arvid Lenz"]


@pytest.mark.model
def test_turn_speaker_is_the_entity(quote_nlp):
    doc = quote_nlp(quote_nlp.make_doc(RUN_ON))
    ids = {e.name: e.id for e in doc._.storyline_entities}
    for q in doc._.storyline_quotes:
        assert q.speaker_id == ids[q.speaker]


@pytest.mark.model
def test_role_only_label_is_the_titled_person(quote_nlp):
    text = ("Foreign Minister Arvid Lenz met his counterpart on Monday. The transcript follows. "
            "Foreign Minister: We will sign the treaty in spring. Kostadin: We welcome that.")
    quotes = _run(quote_nlp, text)
    assert [(q.text, q.speaker, q.speaker_text) for q in quotes][0] == (
        "We will sign the treaty in spring.", "Arvid Lenz", "Foreign Minister")


@pytest.mark.model
def test_capitals_transcript_with_line_breaks(quote_nlp):
    # a transcript with line breaks: a paragraph without a label continues the turn before it
    text = ("Governor Mirela Kostadin spoke to Ivo Sander on Sunday.\n"
            "SANDER: Governor, what comes next for the port?\n"
            "KOSTADIN: Well, I think the whole region needs to work together.\n"
            "We have the money and we have the people.\n"
            "SANDER: Thank you, Governor.")
    quotes = _run(quote_nlp, text)
    got = [(q.text, q.speaker) for q in quotes]
    assert got == [
        ("Governor, what comes next for the port?", "Ivo Sander"),
        ("Well, I think the whole region needs to work together.", "Mirela Kostadin"),
        ("We have the money and we have the people.", "Mirela Kostadin"),
        ("Thank you, Governor.", "Ivo Sander"),
    ]


@pytest.mark.model
def test_section_headings_are_not_a_dialogue(quote_nlp):
    # each name heads one section: no turn continues, and words about the person are the reporter's
    text = ("Three plans for the ports.\n"
            "Arvid Lenz: Ports\n"
            "On his campaign website, Senator Arvid Lenz calls for two new ports on the coast.\n"
            "The plan would cost two billion and take a decade.\n"
            "Mirela Kostadin: Roads Two years ago, Governor Mirela Kostadin proposed a fund for roads.\n"
            "It was never voted on.")
    quotes = _run(quote_nlp, text)
    assert all(q.kind != "direct" for q in quotes), [(q.text, q.kind) for q in quotes]


@pytest.mark.model
@pytest.mark.parametrize("text", [
    "The port reopened on Monday.\nNote: The figures are preliminary and may change.",
    "The port reopened on Monday.\nPhoto: Dornia Port Authority press service.",
    "The port reopened on Monday.\nRead more: How the port was rebuilt after the flood.",
    "Tags: Dornia, Port, Harvest.",
    "The session opens at 10:30. Delegates will vote at 12:00.",
    "The agenda covers the following: Housing, roads and the port budget for next year.",
    "Port Authority: Timetable Changes From Monday.",  # no person, no role
    "Mirela Kostadin won the vote.\nKostadin: 547.\nLenz: 212.",  # figures, not words
])
def test_page_furniture_is_not_a_turn(quote_nlp, text):
    assert _run(quote_nlp, text) == []


@pytest.mark.model
def test_reported_speech_inside_a_turn_is_the_speakers(quote_nlp):
    text = ("Mirela Kostadin: Good afternoon. Ministers told me that the port will reopen in May. "
            "Arvid Lenz: That is right.")
    quotes = _run(quote_nlp, text)
    assert [(q.kind, q.speaker) for q in quotes] == [("direct", "Mirela Kostadin"), ("direct", "Arvid Lenz")]


@pytest.mark.model
def test_marked_label_quote_is_left_to_the_marks(quote_nlp):
    text = "Kostadin: \u201cWe will not give up the port.\u201d\nMirela Kostadin spoke in Dornia on Monday."
    quotes = _run(quote_nlp, text)
    assert [(q.text, q.kind, q.speaker) for q in quotes] == [
        ("We will not give up the port.", "direct", "Mirela Kostadin")]


# -- the transcript count (bench/transcripts.py) ---------------------------------------------------
def test_is_turn_needs_a_label_colon():
    text = "Arvid Lenz: We agree. Lenz said the port is open."
    turn = Quote(text="We agree.", start=12, end=21, kind="direct", speaker="Arvid Lenz",
                 speaker_text="Arvid Lenz", speaker_span=(0, 10))
    said = Quote(text="the port is open", start=32, end=48, kind="indirect", speaker="Arvid Lenz",
                 speaker_text="Lenz", speaker_span=(22, 26), cue="say")
    assert is_turn(text, turn) and not is_turn(text, said)


@pytest.mark.model
def test_count_on_a_fictional_transcript(quote_nlp):
    text = ("President of Dornia Mirela Kostadin: Good afternoon. We start now. "
            "Arvid Lenz: Thank you. Mirela Kostadin: Please go on, we are listening.")
    doc = quote_nlp(quote_nlp.make_doc(text))
    result = count([text], [doc], marker="Kostadin:", speaker="Mirela Kostadin")
    assert len(result["turns"]) == 3 and result["putin_ref"] == 2
    assert result["putin_found"] == 2 and result["resolved"] == 3


def test_transcripts_absent_data_is_none(tmp_path):
    assert load_transcripts(tmp_path) is None


def test_transcripts_load_when_present(shared_data):
    rows = load_transcripts(shared_data)
    if rows is None:
        pytest.skip("press releases not in the shared data")
    assert rows and all(MARKER in r["body"] for r in rows)
