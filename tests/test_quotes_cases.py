"""Hard cases for ``storyline_quotes``: sentence(s) -> expected quotes (text,
kind, speaker), negatives included. All people are invented."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.model


# (id, text, published, expected [(text, kind, speaker)], not_quotes [text])
CASES = [
    ("straight-said-after",
     'Olena Marchuk arrived late. "We will hold the line," Marchuk said.', "2025-03-01",
     [("We will hold the line", "direct", "Olena Marchuk")], []),
    ("curly-said-before-colon",
     "Olena Marchuk said: \u201cThe talks have failed. We will keep our positions.\u201d", None,
     [("The talks have failed. We will keep our positions.", "direct", "Olena Marchuk")], []),
    ("single-marks",
     "Olena Marchuk told the assembly: \u2018Nobody here wants this war to go on.\u2019", None,
     [("Nobody here wants this war to go on.", "direct", "Olena Marchuk")], []),
    ("guillemets",
     "\u00abWe are ready for a ceasefire tomorrow,\u00bb said Ivo Tannery.", None,
     [("We are ready for a ceasefire tomorrow", "direct", "Ivo Tannery")], []),
    ("split-by-attribution",
     '"We will not," Olena Marchuk said, "give up."', None,
     [("We will not give up.", "direct", "Olena Marchuk")], []),
    ("multi-sentence",
     'Ivo Tannery spoke to reporters on Monday. "The road is long. The convoy is ready. We leave at dawn," he said.',
     None,
     [("The road is long. The convoy is ready. We leave at dawn", "direct", "Ivo Tannery")], []),
    ("continuation-paragraph",
     'Ivo Tannery spoke on Monday. "The convoy is ready," Tannery said.\n\n'
     '"We leave at dawn and we will not stop until we reach the city."', None,
     [("The convoy is ready", "direct", "Ivo Tannery"),
      ("We leave at dawn and we will not stop until we reach the city.", "direct", "Ivo Tannery")], []),
    ("lost-marks-first-person",
     "Ivo Tannery spoke after the strike. I condemn this attack on sleeping families, Tannery said in a video address.",
     None,
     [("I condemn this attack on sleeping families", "direct", "Ivo Tannery")], []),
    ("partial-naming-verb",
     "Defence minister Ivo Tannery branded the deployment \u201cunacceptable\u201d.", None,
     [("unacceptable", "partial", "Ivo Tannery")], []),
    ("partial-inside-indirect",
     'Olena Marchuk said the plan was "a first step" toward peace.', None,
     [("the plan was \"a first step\" toward peace", "indirect", "Olena Marchuk"),
      ("a first step", "partial", "Olena Marchuk")], []),
    ("indirect-said-that",
     "Olena Marchuk said that the convoy had reached the city.", None,
     [("that the convoy had reached the city", "indirect", "Olena Marchuk")], []),
    ("indirect-according-to",
     "According to Olena Marchuk, the convoy reached the city on Sunday.", None,
     [("the convoy reached the city on Sunday", "indirect", "Olena Marchuk")], []),
    ("indirect-told-reporters",
     "Ivo Tannery told reporters the bridge would reopen next week.", None,
     [("the bridge would reopen next week", "indirect", "Ivo Tannery")], []),
    ("indirect-warned",
     "Ivo Tannery warned that further strikes were likely.", None,
     [("that further strikes were likely", "indirect", "Ivo Tannery")], []),
    ("indirect-insisted-pronoun",
     "Olena Marchuk met the envoys on Friday. She insisted that the border must stay open.", None,
     [("that the border must stay open", "indirect", "Olena Marchuk")], []),
    ("role-in-article-wins",
     'French President Lucien Ardois opened the summit. "Europe must act now," the French president said.',
     "2025-03-01",
     [("Europe must act now", "direct", "Lucien Ardois")], []),
    ("role-from-office-holder-table",
     '"We are ready to help," the French president said.', "2025-03-01",
     [("We are ready to help", "direct", "Emmanuel Macron")], []),
    ("role-table-respects-date",
     '"We are ready to help," the French president said.', "2016-03-01",
     [("We are ready to help", "direct", "François Hollande")], []),
    ("organisation-then-the-ministry",
     "The Varnish Ministry of Defence reported heavy shelling overnight. The ministry said that 40 drones had been "
     "shot down.", None,
     [("that 40 drones had been shot down", "indirect", "Varnish Ministry of Defence")], []),
    ("spokesperson-speaks-for-body",
     "A French Foreign Ministry spokesperson told reporters that the embassy would stay open.", None,
     [("that the embassy would stay open", "indirect", "French Foreign Ministry")], []),
    ("definite-spokesman-is-the-office-holder",
     "The Kremlin spokesman said that the talks were over.", "2024-06-01",
     [("that the talks were over", "indirect", "Dmitry Peskov")], []),
    ("indefinite-spokesman-is-the-body",
     "A Kremlin spokesman said that the talks were over.", "2024-06-01",
     [("that the talks were over", "indirect", "Kremlin")], []),
    ("pronoun-he",
     'Ivo Tannery visited the front on Tuesday. "The soldiers need rest," he said.', None,
     [("The soldiers need rest", "direct", "Ivo Tannery")], []),
    ("pronoun-bound-to-the-reporting-subject",
     "Ivo Tannery spoke to Olena Marchuk on Monday. Tannery told reporters that he had warned the envoys "
     "that the border would close.", None,
     [("that he had warned the envoys that the border would close", "indirect", "Ivo Tannery"),
      ("that the border would close", "indirect", "Ivo Tannery")], []),
    ("pronoun-skips-a-person-of-the-other-gender",
     'Mr. Ivo Tannery met Mrs. Olena Marchuk on Monday. "We will sign the agreement next week," he said.', None,
     [("We will sign the agreement next week", "direct", "Ivo Tannery")], []),
    ("pronoun-she-after-a-man",
     'Ms. Olena Marchuk met Mr. Ivo Tannery on Monday. "We will sign the agreement next week," she said.', None,
     [("We will sign the agreement next week", "direct", "Olena Marchuk")], []),
    ("belief-inside-a-statement-is-the-statement",
     "Ivo Tannery told reporters that Olena Marchuk believes the border must stay open.", None,
     [("that Olena Marchuk believes the border must stay open", "indirect", "Ivo Tannery")],
     ["the border must stay open"]),
    ("unattributed-paragraph-continues-the-statement-before",
     'Olena Marchuk said the convoy had left the capital.\n\n"We will not stop until we reach the city."', None,
     [("We will not stop until we reach the city.", "direct", "Olena Marchuk")], []),
    ("unattributed-quote-after-a-sentence-about-someone",
     'Ivo Tannery praised the rescue teams on Monday. "They worked through the night and saved dozens of lives."',
     None,
     [("They worked through the night and saved dozens of lives.", "direct", "Ivo Tannery")], []),
    ("unattributed-quote-with-no-one-before",
     '"They worked through the night and saved dozens of lives."', None,
     [("They worked through the night and saved dozens of lives.", "direct", None)], []),
    ("headline-label",
     "Marchuk: \u2018We Will Not Give Up the City\u2019\n\nOlena Marchuk spoke in the capital on Monday.", None,
     [("We Will Not Give Up the City", "direct", "Olena Marchuk")], []),
    ("headline-label-on-topic",
     "Tannery on the Border Talks: \u2018We Are Close to a Deal\u2019\n\nIvo Tannery spoke on Monday.", None,
     [("We Are Close to a Deal", "direct", "Ivo Tannery")], []),
    ("not-a-label-update",
     'UPDATE: "The bridge will stay closed to all traffic until Friday," Olena Marchuk said.', None,
     [("The bridge will stay closed to all traffic until Friday", "direct", "Olena Marchuk")], []),
    ("cue-after-by",
     'Ivo Tannery closed the meeting by saying, "We will meet again next week in the capital."', None,
     [("We will meet again next week in the capital.", "direct", "Ivo Tannery")], []),
    ("placard-reading-is-not-speech",
     'Protesters carried placards reading "The sky must be closed" through the city centre.', None,
     [], ["The sky must be closed"]),
    ("pronoun-prefers-the-subject-of-the-sentence-before",
     'Ivo Tannery, on the job for three days, visited Olena Marchuk at dawn. "They chose a Saturday night, '
     'when the centre is full," he said.', None,
     [("They chose a Saturday night, when the centre is full", "direct", "Ivo Tannery")], []),
    ("credit-line-is-not-the-subject",
     "Ivo Tannery arrived on Monday.\n\nSolvik Courier/Ines Hallor\n\nThe Kestrian Ministry of Defence said the "
     "strike was a response to drone attacks.", None,
     [("the strike was a response to drone attacks", "indirect", "Kestrian Ministry of Defence")], []),
    ("bare-body-noun-takes-the-name-written-before-it",
     "Organisers said that 8,000 people took part. Brava police put the number at about 3,500.\n\n"
     "Police said that the march was peaceful.", None,
     [("that the march was peaceful", "indirect", "Brava Police")], []),
    ("name-in-apposition",
     "Up to 30,000 households were left without power, according to the city's energy company, Solvik Grid.",
     None,
     [("Up to 30,000 households were left without power", "indirect", "Solvik Grid")], []),
    ("partial-inside-evidence-clause-is-the-speaker's",
     'Defence Minister Ivo Tannery said the attack showed that Varnia needed "more air defence, and faster".',
     None,
     [("more air defence, and faster", "partial", "Ivo Tannery")], []),
    ("doubled-apostrophe-marks",
     "Olena Marchuk spoke on Monday. ''The convoy is ready and we leave at dawn,'' she said.", None,
     [("The convoy is ready and we leave at dawn", "direct", "Olena Marchuk")], []),
    ("doubled-apostrophes-first-person-inside-is-not-a-new-speaker",
     "''I think the bridge will hold,'' Ivo Tannery said.", None,
     [("I think the bridge will hold", "direct", "Ivo Tannery")], ["the bridge will hold"]),
    # the parser gives these cues no subject: the name in the attribution is the speaker
    ("cue-without-parsed-subject-barked",
     "\u201cGo back to your seat,\u201d Tannery barked and a security guard escorted the reporter out.", None,
     [("Go back to your seat", "direct", "Tannery")], []),
    ("cue-without-parsed-subject-not-the-name-after-it",
     "\u201cGo back to your seat,\u201d Tannery barked and a security guard escorted Olena Marchuk out.", None,
     [("Go back to your seat", "direct", "Tannery")], []),
    ("speaker-with-age-then-told",
     "\u201cWe were tremendously wrong to not confront him from the beginning,\u201d Ivo Tannery, 58, told AFP in "
     "an interview in Solvik on Monday.", None,
     [("We were tremendously wrong to not confront him from the beginning", "direct", "Ivo Tannery")], []),
    ("cue-without-parsed-subject-apposition-colon",
     "In a statement to the Courier, her senior policy adviser, Ivo Tannery, said: \u201cOlena Marchuk believes "
     "that cooperation is essential.\u201d", None,
     [("Olena Marchuk believes that cooperation is essential.", "direct", "Ivo Tannery")], []),
    ("cue-without-parsed-subject-participle-between",
     "\u201cWe have had more successful summits than this one,\u201d Varnish delegate Ivo Tannery, wearing a grey "
     "coat, said matter-of-factly as the hall emptied.", None,
     [("We have had more successful summits than this one", "direct", "Ivo Tannery")], []),
    ("reported-clause-stays-in-its-paragraph",
     "Second strike in a week\nSolvik Courier\n28 June 2025\n\nKestria attacked Solvik with drones early on "
     "Saturday, killing four people, Olena Marchuk said.", None,
     [("Kestria attacked Solvik with drones early on Saturday, killing four people", "indirect",
       "Olena Marchuk")], []),
    ("dateline-is-not-the-speaker",
     "LONDON (Reuters) - Ivo Tannery said he was unlikely to have a good relationship with Olena Marchuk.", None,
     [("he was unlikely to have a good relationship with Olena Marchuk", "indirect", "Ivo Tannery")], []),
    ("name-with-party-in-brackets-is-not-a-dateline",
     "Sen. Ivo Tannery (I-Vt.) said that the bill would pass next week.", None,
     [("that the bill would pass next week", "indirect", "Ivo Tannery")], []),
    ("country's-body-takes-the-article's-adjective",
     "Russian troops crossed the border on Monday. Russia's foreign ministry said that the proposal was one-sided.",
     None, [("that the proposal was one-sided", "indirect", "Russian Foreign Ministry")], []),
    ("country's-body-adjective-by-stem",
     "Kestrian drones hit the city on Monday. Kestria's foreign ministry said that the proposal was one-sided.",
     None, [("that the proposal was one-sided", "indirect", "Kestrian Foreign Ministry")], []),
    ("second-said-hung-on-the-first-clause",
     "Ivo Tannery said his recent attacks on Olena Marchuk have given his campaign momentum and said that "
     "Marchuk did not represent the party.", None,
     [("that Marchuk did not represent the party", "indirect", "Ivo Tannery"),
      ("his recent attacks on Olena Marchuk have given his campaign momentum", "indirect", "Ivo Tannery")], []),
    # role phrases of countries only the office-holder table knows (sample table: Varnia, Kestria, Tavora, Maren
    # Council); the article never names the person
    ("table-country-tagged-as-organisation",
     "Varnia's foreign minister said that the talks were over.", "2025-06-01",
     [("that the talks were over", "indirect", "Ruslan Oderin")], []),
    ("table-country-tagged-as-person",
     "Tavora's foreign minister said that the talks were over.", "2025-06-01",
     [("that the talks were over", "indirect", "Sofia Ekdal")], []),
    ("table-country-derived-demonym",
     "The Varnian foreign minister said that the talks were over.", "2025-06-01",
     [("that the talks were over", "indirect", "Ruslan Oderin")], []),
    ("table-role-phrase-not-in-the-synonyms",
     "The Kestrian presidential spokesperson said that the talks were over.", "2025-06-01",
     [("that the talks were over", "indirect", "Gennadi Tursk")], []),
    ("table-role-spokesman-for-spokesperson",
     "The Varnian defence ministry spokesman said that the talks were over.", "2025-06-01",
     [("that the talks were over", "indirect", "Ivar Brenn")], []),
    ("table-role-respects-date-before-change",
     "The Varnian defence minister said that the talks were over.", "2025-06-20",
     [("that the talks were over", "indirect", "Mirela Kovanic")], []),
    ("table-role-respects-date-after-change",
     "The Varnian defence minister said that the talks were over.", "2025-07-01",
     [("that the talks were over", "indirect", "Dorin Halvik")], []),
    ("table-body-of-two-words",
     "The Maren Council secretary-general said that the talks were over.", "2025-06-01",
     [("that the talks were over", "indirect", "Elsbeth Roane")], []),
    ("table-alias-that-is-a-role-phrase",
     "The Palace spokesman said that the talks were over.", "2025-06-01",
     [("that the talks were over", "indirect", "Gennadi Tursk")], []),
    ("table-role-the-name-in-apposition-wins",
     "The Varnian foreign minister, Lena Kastor, said that the talks were over.", "2025-06-01",
     [("that the talks were over", "indirect", "Lena Kastor")], []),
    ("table-role-indefinite-spokesperson-is-the-body",
     "A Varnian defence ministry spokesperson said that the talks were over.", "2025-06-01",
     [("that the talks were over", "indirect", "Varnian defence ministry")], []),
    ("table-alias-indefinite-is-the-body",
     "A Palace spokesman said that the talks were over.", "2025-06-01",
     [("that the talks were over", "indirect", "Palace")], []),
    ("table-leader-is-the-prime-minister-where-no-president",
     "The Tavoran leader said that the talks were over.", "2025-06-01",
     [("that the talks were over", "indirect", "Henrik Alvesande")], []),
    ("table-leader-is-the-chancellor",
     "The Heldmark leader said that the talks were over.", "2025-06-01",
     [("that the talks were over", "indirect", "Matthias Oberlind")], []),
    ("table-leader-titled-earlier-as-prime-minister",
     "Tavoran Prime Minister Henrik Alvesande arrived on Monday. The Tavoran leader said that the talks were over.",
     "2025-06-01", [("that the talks were over", "indirect", "Henrik Alvesande")], []),
    ("builtin-leader-is-the-president",
     "The Russian leader said that the talks were over.", "2024-06-01",
     [("that the talks were over", "indirect", "Vladimir Putin")], []),
    ("builtin-leader-is-the-chancellor-not-the-president",
     "The German leader said that the talks were over.", "2023-06-01",
     [("that the talks were over", "indirect", "Olaf Scholz")], []),
    ("builtin-leader-of-a-seat-of-power",
     "The Kremlin leader said that the talks were over.", "2024-06-01",
     [("that the talks were over", "indirect", "Vladimir Putin")], []),
    ("country-itself-is-not-its-office-holder",
     "Varnia said that the talks were over.", "2025-06-01",
     [("that the talks were over", "indirect", "Varnia")], []),
    ("organisation-of-a-country-stays-the-organisation",
     "Russia's Ministry of Defense said that the talks were over.", "2025-06-01",
     [("that the talks were over", "indirect", "Ministry of Defense")], []),
    # negatives ----------------------------------------------------------------
    ("book-title",
     'Olena Marchuk spent the winter reading "War and Peace" in the library.', None,
     [], ["War and Peace"]),
    ("operation-name",
     'The army launched Operation "Iron Dawn" on Friday.', None,
     [], ["Iron Dawn"]),
    ("scare-quotes",
     'The so-called "peace plan" was shelved after a week.', None,
     [], ["peace plan"]),
    ("apostrophes-are-not-marks",
     "Kyiv's mayor didn't comment on the workers' union or the 'rock 'n' roll' years.", None,
     [], []),
]


def _run(nlp, text, published):
    doc = nlp.make_doc(text)
    doc._.storyline_published = published
    return nlp(doc)._.storyline_quotes


def _norm(s: str) -> str:
    return s.strip(" .,\u201c\u201d\"'")


@pytest.mark.parametrize("case_id,text,published,expected,not_quotes", CASES, ids=[c[0] for c in CASES])
def test_quote_case(quote_nlp, case_id, text, published, expected, not_quotes):
    quotes = _run(quote_nlp, text, published)
    got = {(_norm(q.text), q.kind, q.speaker) for q in quotes}
    for e_text, kind, speaker in expected:
        assert (_norm(e_text), kind, speaker) in got, f"{case_id}: missing {(e_text, kind, speaker)} in {got}"
    for bad in not_quotes:
        assert all(_norm(q.text) != _norm(bad) for q in quotes), f"{case_id}: {bad!r} taken as a quote"
    if not expected:
        assert quotes == [], f"{case_id}: expected no quotes, got {got}"


def test_offsets_index_the_text(quote_nlp):
    text = 'Ivo Tannery arrived. "We leave at dawn," he said. Olena Marchuk said that the bridge was closed.'
    for q in _run(quote_nlp, text, None):
        assert text[q.start:q.end] == q.text
        assert q.speaker_span is not None
        assert text[q.speaker_span[0]:q.speaker_span[1]] == q.speaker_text


def test_a_share_of_people_is_a_speaker(quote_nlp):
    # "Nine in 10 voters": a number with its group is the subject (not a bare CARDINAL), and
    # their "they think ..." inside it is their statement, not a second one
    text = "Nine in 10 registered voters say they think Olena Marchuk could win the election."
    quotes = _run(quote_nlp, text, None)
    assert [(q.text, q.kind, q.speaker_text) for q in quotes] == [
        ("they think Olena Marchuk could win the election", "indirect", "Nine in 10 registered voters")]


def test_speaker_id_is_the_entity_id(quote_nlp):
    text = 'Olena Marchuk arrived on Monday. "We will hold the line," Marchuk said.'
    doc = quote_nlp.make_doc(text)
    doc = quote_nlp(doc)
    ids = {e.name: e.id for e in doc._.storyline_entities}
    (quote,) = doc._.storyline_quotes
    assert quote.speaker == "Olena Marchuk"
    assert quote.speaker_id == ids["Olena Marchuk"]
    assert quote.cue == "say"


# (text, published, people it must not be): no office holder of the table on that day, or not a role of that place
NOT_OFFICE_HOLDERS = [
    ("The Narnian foreign minister said that the talks were over.", "2025-06-01",
     {"Ruslan Oderin", "Lev Sarkanov", "Sofia Ekdal", "Joaquim Brell", "Greta Lindqvar"}),  # no such country
    ("The Varnian defence minister said that the talks were over.", "2021-01-01",
     {"Mirela Kovanic", "Dorin Halvik"}),  # before either took office
    ("The Palace spokesman said that the talks were over.", "2015-01-01", {"Gennadi Tursk"}),  # before his start
    ("The Varnian mayor said that the talks were over.", "2025-06-01", {"Oskar Teravel", "Vesna Koriath"}),
    ("Varnia's foreign ministry said that the talks were over.", "2025-06-01", {"Ruslan Oderin", "Hedda Lunn"}),
    ("A Varnian foreign ministry spokesperson said that the talks were over.", "2025-06-01", {"Hedda Lunn"}),
    # a modifier that says the person does not hold the office
    ("The Kestrian opposition leader said that the talks were over.", "2025-06-01", {"Arkady Volmarin"}),
    ("The former Kestrian president said that the talks were over.", "2025-06-01", {"Arkady Volmarin"}),
    ("The Russian opposition leader said that the talks were over.", "2024-06-01", {"Vladimir Putin"}),
]


@pytest.mark.parametrize("text,published,wrong", NOT_OFFICE_HOLDERS, ids=[c[0][:40] for c in NOT_OFFICE_HOLDERS])
def test_role_is_not_an_office_holder(quote_nlp, text, published, wrong):
    quotes = _run(quote_nlp, text, published)
    assert quotes, text
    assert all(q.speaker not in wrong for q in quotes), [(q.speaker, q.speaker_text) for q in quotes]


def test_user_table_countries_and_demonyms(quote_nlp, tmp_path):
    """A user table's country resolves by its name, a derived demonym and its ``demonyms``
    column; without the table nothing resolves."""
    from storyline.nlp.quotes import extract_quotes

    table = tmp_path / "extra.csv"
    table.write_text("role,country_or_body,person,start,end,aliases,demonyms\n"
                     "president,Freedonia,Rufus Firefly,2020-01-01,,Firefly,Freedonish\n"
                     "interior minister,Freedonia,Chicolini Baravelli,2020-01-01,,,\n", encoding="utf-8")
    cases = [("The Freedonish president said that the talks were over.", "Rufus Firefly"),
             ("The Freedonian president said that the talks were over.", "Rufus Firefly"),
             ("Freedonia's interior minister said that the talks were over.", "Chicolini Baravelli")]
    for text, person in cases:
        doc = quote_nlp.make_doc(text)
        doc._.storyline_published = "2025-06-01"
        doc = quote_nlp(doc)
        assert [q.speaker for q in extract_quotes(doc, (str(table),))] == [person], text
        assert person not in [q.speaker for q in extract_quotes(doc)], text
