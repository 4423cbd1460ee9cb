"""Currencies from the CLDR (``nlp/currencies.py``): every legal tender by its English names,
the forms of ``numbers.py`` first. Sentences of our own."""

from __future__ import annotations

import pytest

from storyline.nlp import currencies, numbers


def test_tender_is_todays_currencies_not_historical_ones():
    tender = currencies.tender()
    assert {"UAH", "GHS", "ZMW", "ISK", "USD", "EUR"} <= tender
    assert not {"DEM", "FRF", "ZWD", "XAU", "XXX"} & tender  # historical, metal, placeholder


@pytest.mark.parametrize("code,name,plural", [
    ("GHS", "ghanaian cedi", "ghanaian cedis"),
    ("ISK", "icelandic króna", "icelandic krónur"),
    ("UAH", "ukrainian hryvnia", "ukrainian hryvnias"),
    ("USN", "us dollar", "us dollars"),  # "US Dollar (Next day)": the bracketed note is dropped
])
def test_english_name(code, name, plural):
    assert currencies.english_name(code) == name
    assert currencies.english_name(code, plural=True) == plural


def test_english_name_of_an_unknown_code():
    assert currencies.english_name("QQQ") is None


def test_unique_last_words():
    names = {"ZMW": "zambian kwacha", "MWK": "malawian kwacha", "GHS": "ghanaian cedi", "EUR": "euro"}
    assert currencies.unique_last_words(names) == {"GHS": "cedi", "EUR": "euro"}


@pytest.mark.parametrize("word,code", [
    ("ghanaian cedis", "GHS"), ("cedi", "GHS"), ("cedis", "GHS"), ("birr", "ETB"),
    ("icelandic krónur", "ISK"), ("icelandic krona", "ISK"), ("lempiras", "HNL"), ("cordobas", "NIO"),
    # forms numbers.py writes itself stay as written there
    ("francs", "CHF"), ("pesos", "MXN"), ("lira", "TRY"), ("guilders", "NLG"),
])
def test_currency_words(word, code):
    assert numbers.CURRENCY_WORDS[word] == code


@pytest.mark.parametrize("word", [
    "kwacha",  # Zambian and Malawian
    "krone", "kroner",  # Danish and Norwegian
    "krona", "króna", "krónur",  # Swedish, and Icelandic without its accent
    "mark", "marks", "real", "gold", "sol", "soles", "dram", "kip", "colon",  # English words
    "dollar per",  # nothing but names
])
def test_not_currency_words(word):
    assert word not in numbers.CURRENCY_WORDS


def test_codes_after_a_figure():
    assert {"GHS", "ZMW", "ISK", "UAH"} <= numbers.ISO_AFTER
    assert not {"ALL", "TOP", "CUP", "CVE", "SOS", "MAD", "PEN"} & currencies.cldr_codes_after()


def test_symbols():
    symbols = currencies.cldr_symbols()
    assert symbols["EC$"] == "XCD" and symbols["CN¥"] == "CNY"
    assert not any(" " in s or "\u202f" in s for s in symbols)  # "F CFA" follows the figure
    assert numbers.CURRENCY_PREFIX["PS"] == "GBP"  # numbers.py's reading wins


def _units(nlp, text):
    return [(c.value, c.unit) for c in nlp(text)._.storyline_claims]


@pytest.mark.model
@pytest.mark.parametrize("text,expected", [
    ("The loan is 2 billion cedis.", [(2e9, "GHS")]),
    ("The budget is 5 trillion Ghanaian cedis.", [(5e12, "GHS")]),
    ("Prices rose to 40 birr at the market.", [(40, "ETB")]),
    ("Iceland paid 12 billion Icelandic krónur for the bonds.", [(12e9, "ISK")]),
    ("It cost 300 million GHS to build.", [(3e8, "GHS")]),
    ("A coffee was EC$4 in the harbour.", [(4, "XCD")]),
    ("He earned 9,000 lempiras a month.", [(9000, "HNL per month")]),
    # cents of a currency are cents, not the currency ("50 euro cents" is not 50 euros)
    ("The fine is 50 euro cents per bag.", [(50, "cent per bag")]),
    ("It cost 20 euros, about 2,000 cents.", [(20, "EUR"), (2000, "cent")]),
    # a word several currencies share, read from the country named nearest the figure
    ("Norway's wealth fund lost 1.4 trillion kroner last year.", [(1.4e12, "NOK")]),
    ("Pakistan's budget includes 10 billion rupees for flood relief.", [(1e10, "PKR")]),
    ("India raised 10 billion rupees.", [(1e10, "INR")]),
    ("It cost 500 rupees.", [(500, "INR")]),  # no country named: numbers.py's reading
    ("Argentina printed 5 trillion pesos.", [(5e12, "ARS")]),
    ("Rwanda's budget is 2 trillion francs.", [(2e12, "RWF")]),
    ("He paid 10,000 francs.", [(10000, "CHF")]),
    ("In Zambia, exports hit 3 billion kwacha.", [(3e9, "ZMW")]),
    # the same reading through "of" and behind a hyphen (one resolver, numbers.currency_code)
    ("Pakistan's central bank printed hundreds of billions of rupees.", [(1e11, "PKR")]),
    ("In Pakistan, a 500-rupee note buys little.", [(500, "PKR")]),
    ("Pakistan approved a 10-billion-rupee budget.", [(1e10, "PKR")]),
    # the plain reading stands where its own country is named too (and where none is)
    ("Belarus will get a loan from Russia of 100 billion rubles.", [(1e11, "RUB")]),
    ("India and Pakistan each spent 10 billion rupees.", [(1e10, "INR")]),
    ("Belarus printed 2 billion rubles.", [(2e9, "BYN")]),
    # negatives: English words after a figure are counted things, not money
    ("He scored 2 marks out of ten.", [(2, "mark"), (10, None)]),
    ("They stole 10 kilos of gold.", [(10, "kg")]),
    ("Exports hit 3 billion kwacha.", [(3e9, "")]),  # two currencies share the word
])
def test_extracted(nlp, text, expected):
    got = _units(nlp, text)
    assert len(got) == len(expected), got
    for (value, unit), (ev, eu) in zip(got, expected):
        assert value == pytest.approx(ev)
        if eu is not None:
            assert unit == eu, got


def test_shared_words_are_the_words_several_currencies_end_in():
    shared = currencies.shared_words()
    assert shared["kroner"] == ("DKK", "NOK") and shared["kwacha"] == ("MWK", "ZMW")
    assert {"INR", "PKR", "LKR"} <= set(shared["rupees"])
    assert not {"dollar", "dollars", "pound", "pounds", "won", "cedi", "mark"} & set(shared)


@pytest.mark.parametrize("text,word,code", [
    ("Norway's wealth fund lost 1.4 trillion kroner.", "kroner", "NOK"),
    ("The Danish central bank holds 500 billion kroner.", "kroner", "DKK"),
    ("Pakistan's budget includes 10 billion rupees.", "rupees", "PKR"),
    ("Kenya's treasury borrowed 200 billion shillings.", "shillings", "KES"),
    ("The Moroccan government paid 500 million dirhams.", "dirhams", "MAD"),
    # the nearest country wins
    ("Unlike Denmark, Norway's fund lost 1.4 trillion kroner.", "kroner", "NOK"),
])
def test_currency_in_context(text, word, code):
    assert currencies.currency_in_context(word, text, text.index(word)) == code


@pytest.mark.parametrize("text,word", [
    ("The fund lost 1.4 trillion kroner.", "kroner"),  # no country named
    ("It cost 5 million cedis.", "cedis"),  # not shared: the plain reading names it
    ("Canada paid 5 million dollars.", "dollars"),  # dollars stay US dollars
    ("Norway's fund" + " " * 700 + "lost 5 kroner.", "kroner"),  # the country is too far back
])
def test_currency_in_context_names_nothing(text, word):
    assert currencies.currency_in_context(word, text, text.index(word)) is None


@pytest.mark.parametrize("name,means", [
    ("drones", {"drone"}), ("casualties", {"casualty"}), ("people", {"person"}),
    ("euros", {"EUR"}), ("hryvnias", {"UAH"}), ("Ghanaian cedis", {"GHS"}), ("$", {"USD"}),
    ("kilometres", {"km"}), ("EUR", {"EUR"}), ("drone", {"drone"}), ("glass", {"glass"}),
])
def test_unit_forms_name_the_stored_unit(name, means):
    """``storyline claims --unit`` takes a unit as stored or as written."""
    forms = numbers.unit_forms(name)
    assert forms[0] == name.strip() and means <= set(forms)
    assert "glas" not in forms


@pytest.mark.parametrize("word,one", [("drones", "drone"), ("casualties", "casualty"), ("glass", "glass"),
                                      ("campus", "campus"), ("crisis", "crisis"), ("gas", "gas"), ("bus", "bus")])
def test_singular(word, one):
    assert numbers.singular(word) == one
