"""``storyline_claims``: numeric claims, each tied to who claims it.

A claim is a figure found by ``quantities.find_quantities`` that survives the
filters needing the parse (dates, years, ages, identifiers such as "Section
427", "one of the ..."), completed with the counted thing ("653 suicide drones"
-> "drone"), the claimant and the event it belongs to.

``Claim.text`` is the figure phrase: approximation cue, figure, currency or
unit, and the counted noun when there is one ("about 1,450 Ukrainian troops");
``start``/``end`` are its offsets in ``doc.text``. ``approx`` is one of
"about", "nearly", "more than", "at least", "up to", "less than", or "order of"
(for "hundreds of", "dozens of": ``value``..``value_max`` spans one order of
magnitude).

The claimant comes, in this order, from the quote the figure sits in
(``doc._.storyline_quotes``; the smallest one, and only when its speaker is in
the figure's sentence or the sentence names no one itself), "according to X"
in its sentence, the subject of a reporting verb ("X said/claimed/reported
...") governing it, or a sentence ending with ":" just before it; it is None
when the outlet asserts the figure itself. When X is a document ("according to
its estimate", "data from the ministry show") the claimant is who the document
comes from; "the mayor" after "Mayor Oskar Teravel" is the mayor named before.
"""

from __future__ import annotations

import re

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from ..models import Claim, Event, Quote
from .entities import KEPT_TYPES, entity_id, normalise_name
from .extensions import ensure_extensions, text_of
from .dates import dated_by_month, looks_like_date, month_then_count, number_counts_noun
from .numbers import CURRENCY_WORDS, SCALES, UNITS, currency_code, parse_digits, unit_for
from .quantities import Quantity, approx_cue_before, find_quantities, rate_suffix

REPORTING_VERBS = {
    "say", "claim", "report", "tell", "state", "announce", "estimate", "confirm", "add",
    "note", "write", "insist", "allege", "assert", "warn", "put", "count", "record", "tally",
    "declare", "reveal", "disclose", "publish", "cite", "indicate", "show", "suggest",
    "tweet", "post", "explain", "acknowledge", "admit", "calculate", "figure", "believe",
    "contend", "maintain", "argue", "stress", "reiterate", "predict", "forecast", "expect",
    "project", "assess",
}
_PERSONAL_PRONOUNS = {"he", "she", "they", "it", "we", "i", "you"}
# Words before a number that make it a label, not a count: "Section 427", "page 5".
IDENTIFIER_WORDS = {
    "section", "article", "chapter", "page", "pages", "p.", "pp.", "no.", "no", "nos.",
    "number", "paragraph", "para", "clause", "item", "resolution", "room", "flight", "route",
    "highway", "road", "model", "game", "category", "level", "phase", "stage", "grade",
    "class", "type", "unit", "channel", "episode", "season", "platform", "version", "gate",
    "amendment", "vol.", "volume", "issue", "lot", "district", "precinct", "line", "bus",
    "tier", "division", "brigade", "regiment", "battalion", "corps", "block", "building",
    "apartment", "floor", "terminal", "exit", "junction", "lane", "zone", "sector", "figure",
    "table", "step", "part", "act", "title", "rule", "protocol", "code", "ward", "bay",
    "pier", "hangar", "kilometre", "km", "mile", "index", "#", "covid", "windows", "ios",
    "android", "ps", "xbox", "galaxy", "iphone", "boeing", "airbus", "su", "mig", "f",
    "t", "s", "tu", "ka", "mi", "an", "il", "g", "mh", "ms", "mk", "m", "ak",
    # stock indexes: "the FTSE 100", "S&P 500", "Russell 2000"
    "ftse", "s&p", "sp", "nasdaq", "russell", "nikkei", "stoxx", "dax", "cac", "asx", "nifty",
    "sensex", "topix", "kospi", "euro stoxx", "fortune",
}
# The same, only when capitalised: "Proposition 22", "Bill 21", "Measure 110", "Interstate 95".
TITLE_IDENTIFIER_WORDS = {"proposition", "prop", "bill", "measure", "interstate", "route", "gate", "pier",
                          "camp", "station", "ward", "plot", "zone", "lot"}
# Words before a number that make it an index unless the number counts the noun after it:
# "on day 100", "in round 3" vs "the next day 300 people gathered".
INDEX_WORDS = {"day", "week", "year", "round", "leg", "lap", "hole", "matchday", "gameweek", "wave",
               "term", "series", "book", "track", "verse", "pillar", "principle", "point"}
_NUMBER_SIGN = re.compile(r"(?:\bNos?\.?|\bnos?\.|\bN[Rr]\.?|#)[ \u00a0]?$")  # "No. 12", "#5"
_TIME_NOUNS = {"day", "week", "month", "year", "time", "morning", "afternoon", "evening", "night", "weekend",
               "season", "quarter", "hour", "decade", "summer", "winter", "spring", "autumn", "fall"}
_NAME_DETS = {"the", "a", "an", "this", "that", "its", "his", "her", "their", "our", "new"}
_PERIOD_DETS = {"last", "next", "each", "every", "this", "that", "per", "a", "an", "same", "previous",
                "following", "the", "one", "first", "final", "whole", "entire", "single"}
_MONTHS = {"january", "february", "march", "april", "may", "june", "july", "august", "september",
           "october", "november", "december", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep",
           "sept", "oct", "nov", "dec"}
_STREET = {"road", "street", "st", "avenue", "ave", "lane", "boulevard", "blvd", "way", "drive",
           "place", "square", "court"}
_MONTH_OR_DAY = re.compile(
    r"(?i)\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?\b|"
    r"\b(?:mon|tues|wednes|thurs|fri|satur|sun)day\b|\bago\b|\b(?:a\.m|p\.m|am|pm)\b|\d:\d")
_COUNT_NOUN_SKIP_POS = {"ADJ", "NOUN", "PROPN", "PUNCT", "ADV", "VERB", "NUM"}
# Nouns the tagger may put after a figure that it does not count: "at least one general today".
_NOT_COUNTED = {"today", "tonight", "yesterday", "tomorrow", "now", "ago", "each", "apiece", "altogether",
                "overall", "total", "respectively", "ones"}
_PEOPLE_LEMMAS = {"people": "person", "persons": "person", "folk": "person"}
# Words that open a date after a figure: "60 next month", "12 last year".
_PERIOD_ADJS = {"next", "last", "previous", "past", "coming", "following"}
# Plurals the tagger leaves unlemmatised on title-case words ("Three Men Charged").
_IRREGULAR_PLURALS = {"men": "man", "women": "woman", "children": "child", "people": "person",
                      "feet": "foot", "teeth": "tooth", "mice": "mouse", "geese": "goose"}


def _is_headline(tok: Token) -> bool:
    """Whether ``tok``'s sentence is written in title case ("Netflix Adds 9 Million Subscribers"):
    the tagger then calls common nouns PROPN and names look like every other word."""
    sent = tok.sent
    words = [t for t in sent if t.is_alpha and len(t) > 3]
    return len(words) >= 3 and sum(t.is_title or t.is_upper for t in words) >= 0.8 * len(words)


def _plural_like(tok: Token) -> bool:
    """A plural noun, also where a title-case headline made the tagger call it a name."""
    if tok.tag_ in ("NNS", "NNPS"):
        return True
    if tok.pos_ != "PROPN" or not tok.is_title or not _is_headline(tok):
        return False
    word = tok.lower_
    return word in _IRREGULAR_PLURALS or (len(word) > 3 and word.endswith("s")
                                          and not word.endswith(("ss", "us", "is")))


def _overlaps(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def _date_spans(doc: Doc) -> list[tuple[int, int]]:
    """Spans holding dates or clock times: our timexes, and spaCy DATE/TIME
    entities that name a month, weekday or time of day."""
    spans = []
    for t in doc._.storyline_timexes or []:
        first = doc.char_span(t.start, t.end, alignment_mode="expand")
        if first is not None and len(first) and first[0].lower_ == "last" and first[0].pos_ in ("VERB", "AUX"):
            continue  # "the mission will last 10 years": a duration, not "the last 10 years"
        if re.fullmatch(r"(?i)[\w-]+[ \u00a0]+\w+[ \u00a0]+later", t.text):
            continue  # "Two years later, ...": an unresolved timex and a figure (NewsQuant and CQE count it)
        spans.append((t.start, t.end))
    for ent in doc.ents:
        if ent.label_ == "DATE" and month_then_count(doc, ent.start_char, ent.text):
            spans.append((ent.start_char, ent.start_char + len(ent.text.split()[0])))
            continue  # "In March 12 people died": the month, then a count
        if ent.label_ in ("DATE", "TIME") and _MONTH_OR_DAY.search(ent.text):
            # "In March 2,000 people fled", "bought 35,000 September 97 options": a figure with a
            # thousands separator or a decimal point is no day or year; the date is the rest
            start = ent.start_char
            for t in ent:
                if re.fullmatch(r"\d{1,3}(?:,\d{3})+|\d+\.\d+|\d+(?:\.\d+)?(?:pc|pct|%)", t.text):
                    # (also a percentage glued to its sign: the tagger's DATE "3pc on Monday")
                    if t.idx > start:
                        spans.append((start, t.idx))
                    start = t.idx + len(t.text)
            if ent.end_char > start:
                spans.append((start, ent.end_char))
    return spans


def _tokens(doc: Doc, start: int, end: int) -> Span | None:
    return doc.char_span(start, end, alignment_mode="expand")


def _yearlike(value: float, low: int = 1800) -> bool:
    return float(value).is_integer() and low <= value <= 2100


# A preposition of time before a bare four-digit number makes an older year a year too
# ("in 1907", "between 1600 and 1900").
_YEAR_DETERMINERS = {"the", "its", "his", "her", "their", "our", "this", "that", "last", "next", "every",
                     "each", "whose", "my", "your"}
_YEAR_PREPOSITIONS = {"in", "since", "between", "from", "until", "till", "before", "after", "during", "by"}


def _is_year(q: Quantity, doc: Doc, span: Span) -> bool:
    if q.currency or q.unit or q.approx or q.grouped or q.words:
        return False
    first = span[0]
    lead = doc[first.i - 1] if first.i > 0 else None
    low = 1000 if lead is not None and lead.lower_ in _YEAR_PREPOSITIONS else 1800
    if not _yearlike(q.value, low) or (q.value_max is not None and not _yearlike(q.value_max, low)):
        return False
    nxt = doc[span.end] if span.end < len(doc) else None
    # "2000 troops", "power was cut in 1998 homes" are counts (the rule the timexes share);
    # "in 2016", "the 2019 season" are years, and so are "the 2019 elections", "its 2021
    # results", "in 2019 elections were held": a determiner or a time preposition before a
    # year-like number makes it a year even before a plural noun, and so does a name after
    # the noun ("host 1995 champions Blackburn").
    if len(span) == 1 and number_counts_noun(first):
        return False
    if lead is not None and (lead.lower_ in _YEAR_PREPOSITIONS or lead.lower_ in _YEAR_DETERMINERS
                             or lead.tag_ == "POS"):
        return True
    if nxt is not None and _plural_like(nxt) and nxt.pos_ in ("NOUN", "PROPN"):
        if dated_by_month(first):
            return True  # "the September 11, 2001 attacks"
        after = doc[nxt.i + 1] if nxt.i + 1 < len(doc) else None
        return after is not None and after.pos_ == "PROPN" and bool(after.ent_type_)
    return True


def _is_dated_year(q: Quantity, doc: Doc, span: Span) -> bool:
    """A bare four-digit year the tagger puts inside a longer date ("first half 1996 results",
    "year-end 1996 assets"), a span of years ("queen 1558-1603", "the 1980-88 war"), or a year
    heading a line of a chronology ("1714 - The treaty ..."). "sent 2000 troops", where the
    tagger's DATE is the figure alone, stays a count (``_is_year`` decides)."""
    cue = re.search(r"(?i)\b(?:up to|until|till|through|around|circa|at least|as early as|as late as)[ \u00a0]+$",
                    text_of(doc)[max(0, q.number_start - 20):q.number_start])
    until = cue is not None
    # "until at least 2029": a time preposition before the cue makes it a date without the tagger
    timed = cue is not None and bool(re.search(r"(?i)\b(?:until|till|through|as early as|as late as)[ \u00a0]+"
                                               r"(?:at least[ \u00a0]+)?$",
                                               text_of(doc)[max(0, q.number_start - 20):q.number_start]))
    if q.currency or q.unit or (q.approx and not until) or q.grouped or q.words:
        return False
    if not re.fullmatch(r"\d{4}(?:[-\u2013/]\d{2}(?:\d{2})?)?", text_of(doc)[q.number_start:q.number_end]):
        return False
    if not _yearlike(q.value, 1000) or (q.value_max is not None and not (_yearlike(q.value_max, 1000)
                                                                         or q.value_max < 100)):
        return False
    nxt = doc[span.end] if span.end < len(doc) else None
    counts = nxt is not None and _plural_like(nxt) and nxt.pos_ in ("NOUN", "PROPN")
    ents = [e for e in doc.ents if e.label_ == "DATE" and e.start <= span.start and span.end <= e.end]
    if timed and not counts and _yearlike(q.value, 1900):
        return True  # "until at least 2029"
    if not ents:
        return False
    ent = ents[0]
    if q.value_max is not None or (len(ent) > len(span) and ent.end == span.end and not q.approx):
        return True  # (the year closes the date: not "sold 1200 last month", not "around 2000 people")
    if until and not counts:
        return True  # "maturities up to 2029", "expected around 2030"
    return span.start == span.sent.start and nxt is not None and nxt.text in ("-", "\u2013", "\u2014", ":")


# Nouns of a person's description after "Name, 45," besides ``PERSON_NOUNS``.
_ROLE_NOUNS = {"star", "member", "dissident", "native", "activist", "journalist", "reporter", "artist",
               "musician", "writer", "politician", "businessman", "businesswoman", "lawmaker", "citizen",
               "grandmother", "grandfather", "retiree", "survivor", "witness", "employee", "volunteer",
               "professor", "scientist", "engineer", "farmer", "priest", "monk", "nun", "model", "rapper"}


def _appositive_role(tok: Token) -> bool:
    """Whether a second appositive describing a person opens at ``tok`` after "Name, 45,": "a
    veteran dissident", "an Ashgabat resident", "star of the epic" (a word for a person, so not
    "Ohio, 12, a swing state" nor "Creighton, 61, a week after"; the tagger's entity types of
    names are too unreliable here: "Jackman" a place)."""
    doc = tok.doc
    if tok.lower_ in ("a", "an"):
        noun = next((t for t in doc[tok.i + 1:tok.i + 5] if t.pos_ == "NOUN"
                     and (t.i + 1 >= len(doc) or doc[t.i + 1].pos_ != "NOUN")), None)
    else:
        noun = tok if tok.pos_ == "NOUN" and tok.tag_ == "NN" else None
    return noun is not None and (noun.lemma_.lower() in PERSON_NOUNS or noun.lemma_.lower() in _ROLE_NOUNS)


def _is_age(q: Quantity, doc: Doc, span: Span) -> bool:
    first = span[0]
    prev = doc[first.i - 1] if first.i > 0 else None
    nxt = doc[span.end] if span.end < len(doc) else None
    if prev is not None and prev.lower_ in ("aged", "age"):
        return True
    # "Gorbachev turned 91", "who turns 60 next month": a birthday, unless it counts a noun
    if (prev is not None and prev.lemma_.lower() == "turn" and prev.pos_ in ("VERB", "AUX") and q.unit is None
            and not q.approx and q.value_max is None and float(q.value).is_integer() and q.value < 130
            and not (nxt is not None and nxt.pos_ in ("NOUN", "PROPN") and nxt.tag_ in ("NNS", "NNPS"))):
        return True
    if prev is not None and prev.lower_ == "of" and first.i > 1 and doc[first.i - 2].lower_ == "age":
        return True
    if (prev is not None and prev.lower_ in ("and", "or", ",", "to") and prev.i >= 2 and doc[prev.i - 1].like_num
            and doc[prev.i - 2].lower_ in ("aged", "ages", "age") and q.unit is None):
        return True  # "two men aged 19 and 23"
    # "Maddon, 66, said" / "Jane Doe (45)" / "the victim, 24, was": an appositive number
    # after a person or a word for one.
    if (q.unit is None and not q.words and prev is not None and prev.text in (",", "(")
            and nxt is not None and (nxt.text in (",", ")") or (
                nxt.text == "." and prev.text == "," and nxt.i == nxt.sent.end - 1
                and doc[first.i - 2].ent_type_ == "PERSON")) and first.i > 1 and q.value < 120
            and float(q.value).is_integer()
            and (doc[first.i - 2].ent_type_ == "PERSON"
                 or (doc[first.i - 2].lower_ in PERSON_NOUNS and doc[first.i - 2].tag_ in ("NN", "NNP")))):
        return True
    # "Kellan, 58, said": the same after a name the tagger did not label a person, when a
    # verb follows the appositive (not "Ohio, 12, ..." lists: places and organisations are out)
    after = doc[span.end + 1] if span.end + 1 < len(doc) else None
    if (q.unit is None and not q.words and prev is not None and prev.text == "," and nxt is not None
            and nxt.text == "," and first.i > 1 and q.value < 120 and float(q.value).is_integer()
            and doc[first.i - 2].pos_ == "PROPN" and doc[first.i - 2].is_title
            and doc[first.i - 2].ent_type_ not in ("NORP", "PRODUCT", "DATE", "MONEY")
            and after is not None and (after.pos_ in ("VERB", "AUX") or after.lower_ in ("who", "whose")
                                       or _appositive_role(after))):
        return True
    # "He was 35 when", "She will be 40 by then", "Anastasia is 16 today", "they are 17 now": a
    # bare number a person is (the parser may hang it on the date word after it)
    head = first.head
    # the date after the number may be its parse head: "16 today", "40 next month"
    dated = nxt is not None and head.i > span[-1].i and (nxt.i == head.i or nxt.head.i == head.i) \
        and head.dep_ in ("npadvmod", "advmod") and (_date_word(head) or (
            head.lemma_ in ("week", "month", "year", "weekend") and head.tag_ == "NN"
            and any(c.lower_ in ("next", "this", "last") for c in head.children)))
    if dated and span[-1].dep_ == "nummod":
        head = head.head
    if (q.unit is None and not q.words and q.value_max is None and float(q.value).is_integer() and q.value < 120
            and (span[-1].dep_ in ("attr", "acomp") or dated) and head.lemma_ == "be" and not q.approx
            and (nxt is None or dated or nxt.pos_ not in ("NOUN", "PROPN", "ADJ") and nxt.text not in ("%", "-"))):
        subjects = [c for c in head.children if c.dep_ == "nsubj"]
        if subjects and _person_like(subjects[0]):
            return True
    # the same without commas (text stripped of punctuation): "the victim 24 was stabbed"
    if (q.unit is None and not q.words and prev is not None and prev.lemma_.lower() in PERSON_NOUNS
            and prev.tag_ == "NN" and float(q.value).is_integer() and q.value < 120 and nxt is not None
            and nxt.pos_ in ("VERB", "AUX", "ADP", "CCONJ", "ADV")):
        return True
    return False


_PERSON_PRONOUNS = {"he", "she", "i", "they", "we", "you", "who"}
# Entity types the tagger gives reliably to what is not a person (a first name it does not
# know comes out PERSON, ORG or GPE, or with no type).
_NOT_PERSON_TYPES = {"NORP", "PRODUCT", "MONEY", "PERCENT", "QUANTITY", "CARDINAL", "ORDINAL", "DATE", "TIME",
                     "LAW", "EVENT", "WORK_OF_ART", "LANGUAGE", "FAC"}


def _date_word(tok: Token) -> bool:
    """A single word naming a day or a moment ("today", "now", "Monday"), not a period."""
    return tok.tag_ not in ("NNS", "NNPS") and (tok.lower_ in ("now", "today", "tonight", "yesterday", "tomorrow")
                                               or (tok.pos_ == "PROPN" and looks_like_date(tok.text)))


def _person_like(subject: Token) -> bool:
    """A subject that can have an age: a personal pronoun, a name the tagger labels a person, or
    a bare proper name (no determiner, not capitals, not a stock index or commodity name) of a
    type the tagger also gives to unknown first names ("Anastasia", "Kellan")."""
    if subject.lower_ in _PERSON_PRONOUNS or subject.ent_type_ == "PERSON":
        return True
    return (subject.pos_ == "PROPN" and subject.is_title and not subject.is_upper
            and subject.ent_type_ not in _NOT_PERSON_TYPES and subject.lower_ not in INDEX_NAMES
            and not any(c.dep_ in ("det", "poss", "amod", "compound") for c in subject.children))


# Words for a person an appositive age may follow ("the victim, 24,").
PERSON_NOUNS = {"man", "woman", "boy", "girl", "victim", "suspect", "driver", "teenager", "mother", "father",
                "son", "daughter", "wife", "husband", "player", "student", "officer", "soldier", "nurse",
                "doctor", "teacher", "worker", "resident", "pensioner", "passenger", "pilot", "child",
                "brother", "sister", "friend", "partner", "defendant", "singer", "actor", "actress",
                "striker", "midfielder", "defender", "goalkeeper", "captain", "manager", "coach",
                # round 8: roles business, sport and politics news gives an age after
                "executive", "ceo", "chairman", "chairwoman", "founder", "director", "president",
                "minister", "senator", "governor", "mayor", "lawyer", "spokesman", "spokeswoman",
                "spokesperson", "owner", "investor", "economist", "analyst", "official", "candidate",
                "champion", "winner", "rider", "batsman", "bowler", "quarterback", "pitcher",
                "patient", "veteran", "athlete", "runner", "swimmer", "cyclist", "golfer", "boxer",
                "fighter", "leader", "boss", "author", "judge", "entrepreneur", "billionaire"}


def _is_identifier_word(tok: Token) -> bool:
    """A word that makes the number after it a label, in the singular or plural ("Article",
    "Articles 1 and 2")."""
    word = tok.lower_
    return word in IDENTIFIER_WORDS or (len(word) > 3 and word.endswith("s") and word[:-1] in IDENTIFIER_WORDS
                                        and word[:-1] not in ("point",))


def _camel_case(tok: Token) -> bool:
    """A name written with a capital inside ("PlayStation", "iPhone", "McLaren")."""
    text = tok.text
    return text.isalpha() and len(text) > 2 and any(c.isupper() for c in text[1:]) \
        and any(c.islower() for c in text) and not text[1:].isupper()


def _is_identifier(q: Quantity, doc: Doc, span: Span) -> bool:
    if q.currency or q.approx or q.value_max is not None:
        return False
    first = span[0]
    prev = doc[first.i - 1] if first.i > 0 else None
    nxt = doc[span.end] if span.end < len(doc) else None
    # "Premier League 12 times" counts times; "Nord Stream 2 project" names a project: a
    # figure counts the noun after it when that noun is plural
    counted = first.head
    while counted.pos_ == "NUM" and counted.head.i > counted.i:  # "5 Million iPhones"
        counted = counted.head
    counts_next = first.dep_ in ("nummod", "compound") and counted.i > span[-1].i and _plural_like(counted)
    if not counts_next and nxt is not None and _plural_like(nxt) and nxt.pos_ == "PROPN":
        counts_next = True  # "Hire 2000 Workers In Texas": a headline's plural after the figure
    if q.words:
        if prev is not None and prev.lower_ in ("number", "no", "no.") and q.unit is None \
                and not counts_next and q.value < 100:
            return True  # "the world number one", "No one seed"
        # "the Normandy Four", "the Big Three": a capitalised number word in a name
        return (prev is not None and first.is_title and first.i > first.sent.start and prev.is_title
                and prev.pos_ in ("PROPN", "ADJ") and q.unit is None and not counts_next
                and not _is_headline(first))
    if _NUMBER_SIGN.search(text_of(doc)[max(0, span.start_char - 5):span.start_char]):
        return True  # "No. 12", "Nos 3 and 4", "#5"
    if prev is not None and prev.lower_ in ("and", "or", "&", ",", "to", "through") and prev.i >= 2 \
            and doc[prev.i - 1].like_num and not q.unit and not counts_next:
        label = doc[prev.i - 2]
        if _is_identifier_word(label):
            return True  # "Articles 1 and 2", "sections 3 to 5": labels, like the first one
    if prev is not None:
        if _is_identifier_word(prev) and not q.unit:
            return True
        if prev.lower_ == "par" and not q.unit and (prev.i == 0 or doc[prev.i - 1].text != "-"):
            return True  # a golf hole's par ("the ninth is a par 4"); "shot a two-over-par 73" is a round
        if prev.lower_ in TITLE_IDENTIFIER_WORDS and prev.is_title and not q.unit \
                and (first.i > first.sent.start + 1 or not counts_next):
            return True  # "Proposition 22 passed" opening a sentence too; not "Camp 12 tents ..."
        before = doc[prev.i - 1].lower_ if prev.i > 0 else ""
        if prev.lower_ in INDEX_WORDS and not q.unit and not counts_next and before not in _PERIOD_DETS:
            return True  # "day 100 of the war", "in round 3"; not "last week 12 were arrested"
        # "the Big 12", "Boeing 787": a name's number. A month before it is a date
        # ("May 12"), handled by the timexes; a spaCy DATE label alone is not.
        # (an ampersand inside: "S&P 500", "the AT&T 5" are names too)
        acronym = prev.is_upper and 2 <= len(prev.text) <= 6 and prev.text not in ("US", "UK") \
            and (prev.is_alpha or re.fullmatch(r"[A-Z]+&[A-Z]+", prev.text) is not None)
        tally = nxt is not None and nxt.lower_ in ("to", "-", "\u2013") and nxt.i + 1 < len(doc) \
            and doc[nxt.i + 1].like_num  # "passed the Senate 68 to 32": a vote, not a name's number
        # (a capitalised common noun inside a sentence names too: "the Web 3.0 hype")
        if (prev.pos_ == "PROPN" or (acronym and prev.pos_ == "NOUN" and not _is_headline(prev))
                or (prev.pos_ == "NOUN" and prev.is_title and prev.i > prev.sent.start and not _is_headline(prev))) \
                and (prev.is_title or acronym or _camel_case(prev)) and not q.grouped and q.unit is None \
                and not counts_next and not tally \
                and prev.ent_type_ not in ("MONEY", "GPE", "NORP") and prev.text not in ("US", "U.S.") \
                and prev.lower_.rstrip(".") not in _MONTHS:
            return True
        if prev.text in ("#", "No", "No.", "Nr", "nr"):
            return True
        if prev.tag_ == "POS" and prev.i > 0 and doc[prev.i - 1].pos_ == "PROPN" and nxt is not None \
                and nxt.lower_ in ("index", "indexes", "indices", "composite", "average") and not q.unit:
            return True  # "the Standard and Poor's 500 index": the index's name
    if (prev is not None and (prev.tag_ == "NN" or (prev.tag_ == "NNP" and prev.is_lower)) and prev.i > 0
            and doc[prev.i - 1].lower_ in _NAME_DETS
            and q.unit is None and not q.grouped and float(q.value).is_integer() and q.value < 100
            and nxt is not None and nxt.pos_ in ("VERB", "AUX") and prev.lemma_.lower() not in PERSON_NOUNS
            and prev.lemma_.lower() not in _TIME_NOUNS):
        return True  # "the pixel 4 comes with", "the model 3 costs": a product's number, lower-cased
    if (nxt is not None and nxt.pos_ == "PROPN" and nxt.is_title and q.unit is None and q.value_max is None
            and not _plural_like(nxt) and nxt.ent_type_ not in ("NORP", "GPE")
            and nxt.idx >= q.end):  # not the figure's own glued magnitude ("2.1M copies")
        # "787 Dreamliner", "iPhone 11 Pro", "11 Pro Max": a model name, unless a common
        # noun ends the name ("20 Boeing jets" counts jets)
        after_i = nxt.i + 1
        while after_i < len(doc) and doc[after_i].pos_ == "PROPN" and doc[after_i].is_title \
                and doc[after_i].tag_ != "NNPS" and after_i - nxt.i < 3:
            after_i += 1
        after = doc[after_i] if after_i < len(doc) else None
        if after is None or after.pos_ not in ("NOUN", "PROPN"):
            return True
    if nxt is not None and nxt.is_title and q.unit is None:
        window = doc[span.end:min(len(doc), span.end + 4)]
        if any(t.lower_.rstrip(".") in _STREET for t in window) and all(t.is_title for t in window[:1]):
            return True
    return False


# Set phrases with "one" that count nothing: "on the one hand", "at one point", "one by one".
_ONE_IDIOM = re.compile(
    r"(?i)(?:\bon the one hand|\bat one (?:point|stage|time)|\b(?:in )?one way or (?:another|the other)"
    r"|\bone by one|\bone after another|\bone or (?:the )?other|\bone and all|\bone-on-one|\bone-to-one"
    r"|\bone-(?:off|way|sided|time))\b")
# Determiners before a pronoun "one": "the one Solvik lived through", "this one", "every one".
_ONE_PRONOUN_DET = {"the", "this", "that", "which", "each", "every", "any", "no", "another"}


# "zero" in set phrases that count nothing: "zero tolerance", "a zero-sum game", "ground zero".
_ZERO_IDIOM = re.compile(r"(?i)\bzero[- ](?:tolerance|sum|hour|day|gravity|point)\b|\b(?:ground|patient|year) zero\b")


# A clock time in four digits before a time zone or "local time" ("at 1230 local time (1130
# GMT)", "about 1100 hrs IST"): a time of day, not 1,230 of something.
_CLOCK_AFTER = re.compile(r"[ \u00a0]*(?:(?:local|[A-Z][a-z]+)[ \u00a0]+time\b|hrs\b|h\b|"
                          r"(?:GMT|UTC|BST|CET|CEST|EET|EEST|MSK|IST|JST|AEST|AEDT|EST|EDT|CST|CDT|MST|MDT|"
                          r"PST|PDT|Z)\b)")


def _is_clock_time(q: Quantity, doc: Doc, span: Span) -> bool:
    text = text_of(doc)
    if q.unit and q.unit not in ("h", "hour") or q.currency or q.value_max is not None:
        return False
    if not re.fullmatch(r"(?:[01]\d|2[0-3])[0-5]\d", text[q.number_start:q.number_end]):
        return False
    return bool(_CLOCK_AFTER.match(text, q.number_end))


def _is_zero_idiom(q: Quantity, doc: Doc, span: Span) -> bool:
    """ "zero tolerance", "ground zero": not a figure."""
    if not (q.words and q.value == 0):
        return False
    text = text_of(doc)
    m = _ZERO_IDIOM.search(text, max(0, span.start_char - 8), min(len(text), span.end_char + 12))
    return bool(m and m.start() <= span.start_char < m.end())


def _is_pronoun_one(q: Quantity, doc: Doc, span: Span) -> bool:
    """ "one of the", "the one", "no one", "one another", "on the one hand": not a figure."""
    if not (q.words and q.value == 1 and q.value_max is None):
        return False
    text = text_of(doc)
    window_start = max(0, span.start_char - 12)
    idiom = _ONE_IDIOM.search(text, window_start, min(len(text), span.end_char + 20))
    if idiom and idiom.start() <= span.start_char < idiom.end():
        return True  # even with a unit: "at one point"
    if q.unit is not None:
        return False
    tok = span[-1]
    prev = doc[span.start - 1] if span.start > 0 else None
    nxt = doc[tok.i + 1] if tok.i + 1 < len(doc) else None
    if prev is not None and prev.lower_ in ("only", "just", "exactly", "least", "than") \
            and nxt is not None and nxt.pos_ in ("VERB", "AUX"):
        return False  # "only one survived", "at least one died"
    if nxt is not None and nxt.lower_ in ("of", "another", "'s", "who", "which", "that"):
        return True
    if prev is not None and prev.lower_ in _ONE_PRONOUN_DET:
        if nxt is None or nxt.pos_ not in ("NOUN", "PROPN", "ADJ", "NUM"):
            return True  # "this one", "every one", "the one who"
        after = doc[nxt.i + 1] if nxt.i + 1 < len(doc) else None
        if nxt.is_title and after is not None and after.pos_ in ("VERB", "AUX"):
            return True  # "the one Solvik lived through": a name then its verb
    return tok.dep_ != "nummod"


def _is_rating(q: Quantity, doc: Doc, span: Span) -> bool:
    """ "Ander Bell: 7 Ran the midfield ...": a mark given to a named person in a ratings list."""
    if q.unit or q.currency or q.approx or q.value_max is not None or q.value > 10 or span.start < 2:
        return False
    colon = doc[span.start - 1]
    if colon.text != ":":
        return False
    label = [t for t in doc[colon.sent.start:colon.i]]
    if not (1 <= len(label) <= 4 and all(t.is_title and t.pos_ == "PROPN" for t in label)):
        return False
    nxt = doc[span.end] if span.end < len(doc) else None
    return nxt is None or nxt.is_title or nxt.is_punct


def _is_rank(q: Quantity, doc: Doc, span: Span) -> bool:
    """ "the bottom three", "in the top 10": a place in a ranking, unless it counts a noun
    ("the top three seeds")."""
    if q.unit or q.currency or q.approx or q.value_max is not None or span.start < 1:
        return False
    if doc[span.start - 1].lower_ not in ("top", "bottom"):
        return False
    last = span[-1]
    return not (last.dep_ == "nummod" and last.head.i > last.i)


def _counted_thing(doc: Doc, span: Span) -> tuple[str | None, int]:
    """(singular lemma of the counted noun, its end offset) for a figure without a unit."""
    last = span[-1]
    head = None
    if last.dep_ in ("nummod", "quantmod", "compound") and last.head.i > last.i \
            and last.head.pos_ in ("NOUN", "PROPN") and last.head.i - last.i <= 5:
        head = last.head
        # "3 million Ukrainian refugees": walk up number chains to the noun
        while head.pos_ == "NUM" and head.head.i > head.i:
            head = head.head
        if any(t.text in ("-", "\u2013", "\u2014", ":", ";") and t.whitespace_ and doc[t.i - 1].whitespace_
               for t in doc[span.end:head.i]):
            head = None  # an aside between them: "about four million - half of our children"
    if head is not None and head.tag_ == "NN" and any(t.lower_ in _PERIOD_ADJS or t.lower_ == "this"
                                                      for t in doc[span.end:head.i]):
        # "92.5 last year", "and 2.1 this season": the noun is a date the figure stands in, not
        # what it counts
        head = None
    if head is not None and head.pos_ == "PROPN" and head.i > span.end and _is_headline(head):
        # "477 Drones And 60 Missiles Overnight": in a headline the parser may hang the figure
        # on a later capitalised word; the plural right after the figure is what it counts
        plural = next((t for t in doc[span.end:head.i] if _plural_like(t)), None)
        if plural is not None and plural.i == span.end:
            head = plural
    if head is None and span.end < len(doc):
        nxt = doc[span.end]
        if nxt.lower_ == "of":  # "hundreds of drones", "30 of the missiles"
            objs = [c for c in nxt.children if c.dep_ == "pobj"]
            if objs and objs[0].pos_ in ("NOUN", "PROPN") and objs[0].i - nxt.i <= 6:
                head = objs[0]
        else:
            window = doc[span.end:min(len(doc), span.end + 5)]
            candidate = None
            for tok in window:
                if tok.lower_ in _PERIOD_ADJS:
                    break  # "turns 60 next month": the noun after is a date, not the counted thing
                if tok.pos_ == "NOUN":
                    candidate = tok
                    nxt_tok = doc[tok.i + 1] if tok.i + 1 < len(doc) else None
                    if nxt_tok is None or nxt_tok.pos_ != "NOUN":
                        break
                elif tok.pos_ in ("ADJ", "PROPN") or (tok.text == "-" and candidate is None
                                                      and not (tok.whitespace_ and doc[tok.i - 1].whitespace_)):
                    continue  # (a dash between spaces opens an aside: "four million - half of our children")
                elif tok.pos_ == "CCONJ" and candidate is None and tok.i > span.end \
                        and doc[tok.i - 1].pos_ == "ADJ" and tok.i + 1 < len(doc) and doc[tok.i + 1].pos_ == "ADJ":
                    continue  # "4.3M physical and digital copies"
                else:
                    break
            if candidate is not None and candidate.pos_ == "NOUN":
                head = candidate
    if head is None and span.start >= 2 and doc[span.start - 1].lower_ in ("or", "and") \
            and doc[span.start - 2].pos_ == "NOUN" and doc[span.start - 2].tag_ == "NN" \
            and any(c.lower_ in ("a", "an", "another", "one") for c in doc[span.start - 2].children) \
            and not (span.end < len(doc) and doc[span.end].lower_ == "of") \
            and not (doc[span.start - 2].lower_ == "row" and span.start >= 4 and doc[span.start - 4].lower_ == "in"):
        # (not a part, "three in a row and 11 of 15", nor the idiom "in a row")
        # "another pick or two", "a day or two": the figure counts the noun before it
        noun = doc[span.start - 2]
        return _lemma(noun), span.end_char
    if head is None or head.i < span.start or not any(ch.isalpha() for ch in head.text) \
            or head.lower_ in _NOT_COUNTED:
        return None, span.end_char  # no noun, or a tagger's "noun" that is punctuation ("21.06 |")
    if head.pos_ == "PROPN" and not (head.tag_ == "NNPS" or head.ent_type_ == "NORP") \
            and not (head.ent_type_ in ("", "PRODUCT", "CARDINAL", "QUANTITY") and _is_headline(head)):
        return None, span.end_char  # a name; in a title-case headline a common noun may look like one
    head = _phrase_head(head)
    hyphened = _hyphened_noun(head, span)
    if hyphened is not None:
        return hyphened
    return _lemma(head), max(span.end_char, head.idx + len(head.text))


def _hyphened_noun(head: Token, span: Span) -> tuple[str, int] | None:
    """(lemma, end) of one hyphenated word the parser split and hung on its first part: "two
    co-workers" counts co-workers (NewsQuant's units keep such words whole: "first-team player"),
    not "co"; not where the figure is glued to the word ("a 10-game trip": the head stays)."""
    doc = head.doc
    i = head.i
    if i + 2 >= len(doc) or head.whitespace_ or doc[i + 1].text != "-" or doc[i + 1].whitespace_ \
            or not doc[i + 2].is_alpha or doc[i + 2].pos_ != "NOUN":
        return None
    if (head.i == span.end + 1 and doc[span.end].text == "-") or (head.i == span.end and not span[-1].whitespace_):
        return None  # glued to the figure
    if head.head.i not in (i + 2, doc[i + 2].head.i) and doc[i + 2].head.i != i:
        return None  # (the parser links the parts, or hangs both on one word: "shot two co - workers")
    last = doc[i + 2]
    return f"{head.lower_}-{_lemma(last)}", last.idx + len(last.text)


# Determiners between a fraction and its whole written without "of" ("half the fleet", "half its speed").
_WHOLE_DETS = {"the", "its", "their", "his", "her", "our", "my", "your", "this", "that", "these", "those"}


def _fraction_whole(doc: Doc, q: Quantity) -> tuple[str | None, int]:
    """(singular lemma, end offset) of what a fraction is a part of: "two-thirds of the budget"
    -> budget, "nine in ten drivers" -> driver, "a two-thirds majority" -> majority; (None, end)
    when the whole is a pronoun or not written ("half of which", "cut by a third")."""
    tail = doc.char_span(q.number_start, q.end, alignment_mode="expand")
    if tail is None or tail.end >= len(doc):
        return None, q.end
    nxt = doc[tail.end]
    if nxt.lower_ == "of":
        objs = [c for c in nxt.children if c.dep_ == "pobj"]
        head = objs[0] if objs and objs[0].i - nxt.i <= 10 else None
        if head is not None and head.pos_ not in ("NOUN", "PROPN"):
            # the parser's object may be an adjective of a coordination ("of the combined
            # digital and physical sales"): the first noun of the phrase after "of"
            head = None
            for tok in doc[nxt.i + 1:min(len(doc), nxt.i + 11)]:
                if tok.pos_ == "NOUN":
                    head = tok
                    if tok.tag_ in ("NNS", "NNPS") or tok.i + 1 >= len(doc) or doc[tok.i + 1].pos_ != "NOUN":
                        break
                elif tok.pos_ not in ("DET", "ADJ", "NUM", "CCONJ", "PROPN", "PART") \
                        and not (tok.pos_ == "VERB" and tok.dep_ == "amod"):
                    break
    else:
        head = None
        window = doc[tail.end:min(len(doc), tail.end + 4)]
        if len(window) > 1 and window[0].lower_ in _WHOLE_DETS and q.value < 1:
            window = doc[tail.end + 1:min(len(doc), tail.end + 5)]  # "half its normal speed", "half the fleet"
        for tok in window:
            if tok.pos_ == "NOUN" or (tok.pos_ == "PROPN" and (tok.tag_ == "NNPS" or tok.ent_type_ == "NORP")):
                head = tok
                if tok.i + 1 >= len(doc) or doc[tok.i + 1].pos_ != "NOUN" or tok.tag_ in ("NNS", "NNPS"):
                    break  # (a plural ends the phrase: "one in five adults smokes")
            elif tok.pos_ not in ("ADJ",) and tok.text != "-":
                break
    if head is None or not head.is_alpha or (head.lower_ in _NOT_COUNTED and not (
            head.lower_ == "total" and nxt.lower_ == "of")) or head.lemma_.lower() in _TIME_NOUNS:
        return None, q.end  # (but "a quarter of the total" is a part of a total)
    if head.pos_ == "PROPN" and not (head.tag_ == "NNPS" or head.ent_type_ == "NORP"):
        return None, q.end  # "half of Tesla": a name, no counted whole
    if head.pos_ not in ("NOUN", "PROPN"):
        return None, q.end
    if head.i > 0 and unit_for(f"{doc[head.i - 1].lower_} {head.lower_}", glued=False):
        return f"{doc[head.i - 1].lower_} {head.lower_}", head.idx + len(head.text)  # "a percentage point"
    if head.tag_ not in ("NNS", "NNPS"):
        head = _phrase_head(head)  # (a plural is the head: "one in five adults smokes")
    return _lemma(head), max(q.end, head.idx + len(head.text))


def _names_unit(tok: Token) -> bool:
    """Whether a word after a figure names a unit or a currency ("megawatt", "dollars")."""
    forms = {tok.lower_, tok.lemma_.lower(), tok.lemma_.lower() + "s"}
    return any(unit_for(w, glued=False) or CURRENCY_WORDS.get(w) for w in forms)


def _phrase_head(noun: Token) -> Token:
    """The head noun of the phrase a modifier noun sits in: the counted thing is "jet" in
    "twelve new long-haul Airbus jets" (not "haul"), "officer" in "two plainclothes officers";
    a unit word stays ("a 100 megawatt plant" counts megawatts)."""
    doc = noun.doc
    while noun.dep_ in ("compound", "amod", "nmod") and noun.head.pos_ == "NOUN" \
            and noun.i < noun.head.i <= noun.i + 3 and not _names_unit(noun) \
            and noun.lemma_.lower() not in _TIME_NOUNS and noun.lemma_.lower() != "hour" \
            and all(t.pos_ in ("NOUN", "PROPN", "ADJ", "NUM") for t in doc[noun.i + 1:noun.head.i]) \
            and doc[noun.head.i - 1].text != "-":
        # (not from a period, "an eleven year partnership"; not into the second half of a
        # hyphenated word, "a 55-ball half-century")
        noun = noun.head
    return noun


# Singular nouns that end in "men" (not plurals of "-man").
_SINGULAR_MEN = {"specimen", "regimen", "abdomen", "stamen", "acumen", "bitumen", "lumen", "albumen", "hymen",
                 "semen", "dolmen", "cyclamen", "foramen", "germen", "rumen", "yemen"}


def _lemma(head: Token) -> str:
    """The singular lemma of a counted noun ("troops" -> "troop", "people" -> "person")."""
    lemma = head.lemma_.lower()
    if head.pos_ == "PROPN" and head.lower_ in _IRREGULAR_PLURALS:
        return _PEOPLE_LEMMAS.get(_IRREGULAR_PLURALS[head.lower_], _IRREGULAR_PLURALS[head.lower_])
    if head.pos_ == "PROPN" and lemma.endswith("ies") and len(lemma) > 4:
        lemma = lemma[:-3] + "y"  # "Companies"
    elif head.pos_ == "PROPN" and lemma.endswith("s") and len(lemma) > 3 and not lemma.endswith(("ss", "us", "is")):
        lemma = lemma[:-1]
    if head.lower_ == "peoples":
        return "people"  # "the two peoples": nations, not persons
    if head.lower_ in ("species", "series"):
        return head.lower_  # the same word in the singular
    if head.tag_ in ("NNS", "NNPS"):
        word = head.lower_
        if word.endswith("oses") and lemma == word[:-2]:
            lemma = word[:-1]  # the lemmatizer's "doses" -> "dos" (no English "-os" noun pluralises so)
        elif len(word) > 5 and word.endswith("men") and lemma == word:
            lemma = word[:-3] + "man"  # "linemen" left unlemmatised
    elif head.tag_ == "NN" and len(head.lower_) > 5 and head.lower_.endswith("men") and lemma == head.lower_ \
            and head.lower_ not in _SINGULAR_MEN:
        lemma = lemma[:-3] + "man"  # "Seven servicemen of ...", tagged singular
    return _PEOPLE_LEMMAS.get(lemma, lemma)


def _name_for_span(doc: Doc, span: Span, quotes: list[Quote]) -> tuple[str | None, str | None]:
    """(canonical name, entity id) for the claimant mention ``span``."""
    for quote in quotes:
        if quote.speaker and quote.speaker_span and _overlaps(quote.speaker_span, (span.start_char, span.end_char)):
            return quote.speaker, quote.speaker_id
    root = span.root
    ents = [e for e in doc.ents if e.label_ in KEPT_TYPES and e.start < span.end and span.start < e.end]
    for ent in ents:
        if ent.start <= root.i < ent.end:
            name = normalise_name(ent.text)
            return name, entity_id(name, ent.label_)
    if root.lower_ in _PERSONAL_PRONOUNS or root.pos_ == "PRON":
        return None, None
    # A role or group without a named entity: "the General Staff", "Ukrainian officials".
    left = span.start
    tokens = [t for t in doc[left:root.i + 1] if t.dep_ not in ("punct",) and t.pos_ != "ADV"
              and any(c.isalnum() for c in t.text)]
    for child in root.rights:
        if child.dep_ == "prep" and child.lower_ == "of":
            tokens.extend(child.subtree)
            break
    text = " ".join(t.text for t in tokens).replace(" 's", "'s").replace(" ’s", "’s")
    name = normalise_name(text)
    return (name or None), None


# Nouns naming information rather than who gives it: "according to its estimate",
# "data from the ministry show".
INFO_NOUNS = {"data", "figure", "estimate", "statistic", "report", "information", "result", "survey",
              "study", "poll", "count", "tally", "assessment", "calculation", "record", "analysis",
              "number", "findings", "finding", "research", "forecast", "projection", "census", "document",
              "statement", "release", "filing", "review", "audit"}
# Verbs that report evidence rather than a speaker: their subject is rarely the claimant.
EVIDENCE_VERBS = {"show", "indicate", "suggest", "reveal", "put", "project", "predict", "forecast"}
# Reporting verbs that are also ordinary transitive verbs: when the figure is their object
# they do not report it ("the economy added 263,000 jobs", "the firm posted 30 videos").
OBJECT_VERBS = {"add", "post", "publish", "show", "tweet", "write"}
_POSSESSIVE_PRONOUN = object()  # marker: the source is "its"/"their", the claimant named before


def _is_object_of(span: Span, verb: Token) -> bool:
    """Whether the figure sits in the direct object (or "by" phrase) of ``verb``."""
    for child in verb.children:
        if child.dep_ in ("dobj", "attr", "oprd", "npadvmod") or (child.dep_ == "prep" and child.lower_ == "by"):
            if child.left_edge.i <= span.root.i <= child.right_edge.i:
                return True
    return False


def _possessed_estimate(span: Span) -> Span | None:
    """The possessor of an information noun whose "of" phrase holds the figure: "the
    UN's estimate of 30,000 deaths" -> the UN; "Kyiv's tally of 200 tanks" -> Kyiv."""
    tok = span.root
    for _ in range(4):
        head = tok.head
        if head.i == tok.i:
            return None
        if tok.dep_ == "pobj" and head.lower_ == "of" and head.head.lemma_.lower() in INFO_NOUNS:
            noun = head.head
            for child in noun.children:
                if child.dep_ == "poss" and child.pos_ != "PRON":
                    return _np(child)
            return None
        tok = head
    return None


def _source_of(np: Span):
    """Who an information noun phrase comes from: the possessor ("the ministry's data"),
    a from/by/of complement naming an entity ("figures from the UN"), the subject of a
    relative clause ("the data the railway has"), a compound name ("Pentagon data");
    ``_POSSESSIVE_PRONOUN`` for "its"/"their"; None when nothing names one."""
    root = np.root
    if root.lemma_.lower() not in INFO_NOUNS:
        return None
    for child in root.children:
        if child.dep_ == "poss":
            if child.pos_ == "PRON":
                return _POSSESSIVE_PRONOUN
            return _np(child)
    for child in root.children:
        if child.dep_ == "prep" and child.lower_ in ("from", "by", "of", "released", "published"):
            objs = [c for c in child.children if c.dep_ == "pobj"]
            if objs and (child.lower_ != "of" or objs[0].ent_type_ in KEPT_TYPES):
                return _np(objs[0])
        if child.dep_ in ("relcl", "acl"):
            for grand in child.children:
                if grand.dep_ == "nsubj" and grand.pos_ != "PRON":
                    return _np(grand)
                if grand.dep_ == "agent":
                    objs = [c for c in grand.children if c.dep_ == "pobj"]
                    if objs:
                        return _np(objs[0])
    for child in root.children:
        if child.dep_ == "compound" and child.ent_type_ in KEPT_TYPES:
            ent = next((e for e in child.doc.ents if e.start <= child.i < e.end), None)
            return child.doc[ent.start:ent.end] if ent is not None else child.doc[child.i:child.i + 1]
    return None


def _subject(verb: Token) -> Span | None:
    for child in verb.children:
        if child.dep_ in ("nsubj", "nsubjpass") and child.dep_ != "expl":
            if verb.dep_ != "auxpass" and child.dep_ == "nsubjpass":
                # "it was reported by X": the agent is the claimant
                for agent in verb.children:
                    if agent.dep_ == "agent":
                        objs = [c for c in agent.children if c.dep_ == "pobj"]
                        if objs:
                            return _np(objs[0])
                return None
            return _np(child)
    return None


def _np(head: Token) -> Span:
    """The noun phrase of ``head`` without relative clauses or appositions."""
    left = head.left_edge.i
    right = head.i
    for child in head.rights:
        if child.dep_ in ("compound", "flat") or (child.dep_ == "prep" and child.lower_ == "of"):
            right = max(right, child.right_edge.i)
    return head.doc[left:right + 1]


class _Attributor:
    """Finds the claimant of figures sentence by sentence, remembering the last one for pronouns."""

    def __init__(self, doc: Doc, quotes: list[Quote]):
        self.doc = doc
        self.quotes = quotes
        self.last: tuple[str | None, str | None] = (None, None)
        self.cache: dict[int, tuple[str | None, str | None] | None] = {}
        # (mention text, name, id) of named claimants so far, for "the mayor" after "Mayor X"
        self.seen: list[tuple[str, str, str | None]] = []

    def claimant(self, span: Span, char_span: tuple[int, int]) -> tuple[str | None, str | None]:
        sent = span.sent
        holding = [q for q in self.quotes if q.speaker and q.start <= char_span[0] and char_span[1] <= q.end]
        if holding:
            quote = min(holding, key=lambda q: q.end - q.start)
            speaker_in_sentence = quote.speaker_span is not None and \
                sent.start_char <= quote.speaker_span[0] < sent.end_char + 1
            # a quote whose speaker sits in another sentence yields to "X says ..." in the
            # figure's own sentence (a headline run into the dateline, a long indirect quote)
            found = None if speaker_in_sentence else self._in_sentence(sent, span)
            if not (found and found[0]):
                found = (quote.speaker, quote.speaker_id)
                if quote.speaker_span is not None:
                    self._remember(text_of(self.doc)[quote.speaker_span[0]:quote.speaker_span[1]], *found)
            self.last = found
            return found
        found = self._in_sentence(sent, span)
        if found is None:
            found = self._from_previous(sent)
        if found is None:
            return None, None
        if found[0] is not None:
            self.last = found
        return found

    def _remember(self, mention: str, name: str | None, eid: str | None) -> None:
        if name:
            self.seen.append((mention.lower(), name, eid))

    def _in_sentence(self, sent: Span, span: Span) -> tuple[str | None, str | None] | None:
        doc = self.doc
        for tok in sent:
            if tok.lower_ == "according" and tok.i + 1 < len(doc) and doc[tok.i + 1].lower_ == "to":
                objs = [c for c in doc[tok.i + 1].children if c.dep_ == "pobj"]
                if objs:
                    np = _np(objs[0])
                    if not (np.start <= span.start < np.end):
                        source = _source_of(np)
                        if source is _POSSESSIVE_PRONOUN:
                            return self.last if self.last[0] else (None, None)
                        return self._resolve(source or np)
        holder = _possessed_estimate(span)
        if holder is not None:
            return self._resolve(holder)  # "the UN's estimate of 30,000 deaths"
        verbs = [t for t in sent if t.lemma_.lower() in REPORTING_VERBS and t.pos_ in ("VERB", "AUX")]
        speaking = [t for t in sent if t.lemma_.lower() in ("speak", "talk") and t.pos_ == "VERB"
                    and any(c.dep_ == "prep" and c.lower_ in ("of", "about")
                            and c.left_edge.i <= span.root.i <= c.right_edge.i for c in t.children)]
        verbs = verbs + speaking  # "the mayor had spoken of at least four dead"
        if not verbs:
            return None
        governing = [v for v in verbs if v.is_ancestor(span.root)]
        ordered = governing + [v for v in verbs if v.dep_ in ("ROOT", "parataxis") and v not in governing]
        for verb in ordered:
            if verb.lemma_.lower() in OBJECT_VERBS and _is_object_of(span, verb):
                continue  # "the economy added 263,000 jobs": adding, not telling
            subj = _subject(verb)
            if subj is None or (subj.start <= span.start < subj.end):
                continue
            if subj.root.lemma_.lower() in INFO_NOUNS:
                # "data from the ministry show", "its figures show": the source of the data;
                # "the results of our work show": no one in particular
                source = _source_of(subj)
                if source is _POSSESSIVE_PRONOUN:
                    return self.last if self.last[0] else (None, None)
                if source is None and verb.lemma_.lower() in EVIDENCE_VERBS:
                    return None, None
                return self._resolve(source or subj)
            return self._resolve(subj)
        return None

    def _resolve(self, mention: Span) -> tuple[str | None, str | None]:
        name, eid = _name_for_span(self.doc, mention, self.quotes)
        if name is None and mention.root.pos_ == "PRON":
            return self.last if self.last[0] else (None, None)
        if eid is None and mention.root.pos_ == "NOUN" and any(
                c.dep_ == "det" and c.lower_ in ("the", "this", "that") for c in mention.root.children):
            # "the mayor", "the ministry": the named claimant whose mention held that word
            word = mention.root.lower_
            for text, seen_name, seen_id in reversed(self.seen):
                if re.search(rf"\b{re.escape(word)}\b", text):
                    return seen_name, seen_id
        self._remember(mention.text, name, eid)
        return name, eid

    def _from_previous(self, sent: Span) -> tuple[str | None, str | None] | None:
        """A figure after "X said:" or "According to X:" inherits X."""
        if sent.start == 0:
            return None
        prev = self.doc[sent.start - 1].sent
        if prev.text.rstrip().endswith(":") and "\n\n" not in text_of(self.doc)[prev.end_char:sent.start_char]:
            key = prev.start
            if key not in self.cache:
                self.cache[key] = self._in_sentence(prev, prev[-1:])
            return self.cache[key]
        return None


def _event_for(char_span: tuple[int, int], sent: Span, events: list[Event]) -> str | None:
    """The id of the event whose span holds the figure, else one in the same sentence."""
    holding = [e for e in events if e.start <= char_span[0] and char_span[1] <= e.end]
    if holding:
        return min(holding, key=lambda e: e.end - e.start).id
    same = [e for e in events if _overlaps((e.start, e.end), (sent.start_char, sent.end_char))]
    if same:
        return min(same, key=lambda e: abs(e.start - char_span[0])).id
    return None


# Verbs of a market or statistic moving: "the Nasdaq gained 0.8", "bonds fell by 2".
CHANGE_VERBS = {
    "rise", "fall", "gain", "lose", "increase", "decrease", "drop", "climb", "slip", "add", "shed",
    "edge", "jump", "slide", "decline", "advance", "tumble", "rally", "sink", "dip", "surge", "soar",
    "plunge", "grow", "shrink", "ease", "retreat", "rebound", "slump",
}
_GAPPED_UNITS = {"percent", "percentage point", "basis point", "point"}


def _change_verb_of(span: Span) -> Token | None:
    """The change verb a bare figure measures ("gained 0.8", "decrease by 1"), or None."""
    tok = span[-1]
    head = tok.head
    if head.lower_ == "by" and tok.dep_ == "pobj":
        head = head.head
    if tok.dep_ in ("dobj", "npadvmod", "pobj", "attr") and head.lemma_.lower() in CHANGE_VERBS:
        return head
    return None


def _gapped_unit(span: Span, previous: tuple[str, Token | None] | None) -> str | None:
    """The unit a bare figure shares with the figure before it in a coordinated clause:
    "the Dow rose 1.2 percent and the Nasdaq gained 0.8" -> percent."""
    if previous is None:
        return None
    unit, verb = previous
    mine = _change_verb_of(span)
    if unit not in _GAPPED_UNITS or verb is None or mine is None or mine.i == verb.i:
        return None
    related = mine.head.i == verb.i or verb.head.i == mine.i or mine.head.i == verb.head.i
    return unit if related and mine.dep_ in ("conj", "advcl", "ROOT") else None


def _verb_of(tok: Token) -> Token | None:
    """The verb a figure's token hangs from ("injuring more than 30" -> injuring)."""
    for _ in range(4):
        if tok.pos_ in ("VERB", "AUX"):
            return tok
        if tok.head.i == tok.i:
            return None
        tok = tok.head
    return None


def _gapped_noun(doc: Doc, q: Quantity, span: Span, counted: tuple[str, Token | None, int, int]) -> str | None:
    """The counted noun a bare figure shares with the figure before it in a coordinated
    clause: "killing at least 9 people and injuring more than 30" -> person; "by 96
    votes to 41" -> vote. Not "47 people were injured, 11 of them children"."""
    noun, verb, _, prev_end = counted
    if q.words and q.value == 1:
        return None
    nxt = doc[span.end] if span.end < len(doc) else None
    if nxt is not None and (nxt.lower_ == "of" or nxt.pos_ in ("NOUN", "PROPN", "ADJ")):
        return None
    gap = text_of(doc)[prev_end:q.start].strip().lower()
    if gap in ("to", "against", "versus", "vs", "vs."):
        return noun  # a tally: "96 votes to 41"
    mine = _verb_of(span[-1])
    if verb is None or mine is None or mine.i == verb.i or span[-1].dep_ not in (
            "dobj", "nsubj", "nsubjpass", "attr", "conj"):
        return None
    related = mine.head.i == verb.i or verb.head.i == mine.i or (mine.head.i == verb.head.i and mine.dep_ == "conj")
    return noun if related and mine.dep_ in ("conj", "advcl", "ccomp", "xcomp") else None


# Words naming a stock index: a bare level of one is in points ("the Nikkei closed at 38,211.5").
INDEX_NAMES = {"index", "indices", "indexes", "dow", "nasdaq", "s&p", "ftse", "dax", "cac", "nikkei", "topix",
               "sensex", "nifty", "kospi", "hang", "stoxx", "asx", "tsx", "ibex", "msci", "russell", "jse",
               "bovespa", "ise", "omx", "smi", "aex", "bist", "shcomp", "csi", "moex", "rts", "wig", "tase"}
_INDEX_CODE = re.compile(r"^[A-Z]{2,5}-\d{2,3}$")  # "TA-125", "DJ-30"
_LEVEL_PREPS = {"at", "to", "from", "above", "below", "near", "around", "of"}
_MARKET_WORDS = {"benchmark", "points", "shares", "stocks", "stock", "market", "markets", "exchange", "bourse",
                 "trading", "turnover", "investors"}
_LEVEL_VERBS = {"close", "end", "finish", "settle", "open", "hit", "reach", "touch", "be", "stand", "top"}


def _index_level(q: Quantity, span: Span, point_before: bool) -> bool:
    """Whether a bare figure is a stock index's level: in a sentence naming an index (or after a
    level in points), at least 100, and the object of "closed at", "fell to", "from"..."""
    if q.words or q.value < 100 or q.approx == "order of":
        return False
    tok = span[-1]
    if not (tok.head.lower_ in _LEVEL_PREPS
            or (tok.dep_ in ("dobj", "attr") and tok.head.lemma_.lower() in CHANGE_VERBS | _LEVEL_VERBS)):
        return False
    sent = span.sent
    # an index named in the sentence, not a word made of its name ("a Nasdaq-listed firm")
    # a code like "TA-125" only beside market words ("COVID-19" is no index)
    market = any(t.lower_ in _MARKET_WORDS for t in sent)
    return point_before or any((t.lower_ in INDEX_NAMES or (market and _INDEX_CODE.match(t.text)))
                               and not (t.i + 1 < len(t.doc) and t.doc[t.i + 1].text == "-") for t in sent)


# The age of a thing, not of a person: "a 2,900-year-old site", "400 million-year-old bedrock",
# "the bridge is 130 years old". A dating is a figure an analyst compares; a person's (or a
# pet's) age is biography, not a claim (``_is_age``).
_AGE_NUMBER = r"(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?"
_THING_AGE = re.compile(
    rf"(?<![\w.,/-])(?P<num>{_AGE_NUMBER})(?P<mag>[ \u00a0-](?:thousand|million|billion))?"
    rf"(?:[ \u00a0]*(?:-|to|\u2013)[ \u00a0-]*(?P<num2>{_AGE_NUMBER})(?P<mag2>[ \u00a0-](?:thousand|million|billion))?)?"
    r"[ \u00a0-](?P<period>year|month|week|day)s?[ \u00a0-]old\b", re.I)
# Nouns for people and animals whose age is not a claim (beside PERSON_NOUNS and names).
_BEING_NOUNS = PERSON_NOUNS | {
    "baby", "toddler", "infant", "teen", "youth", "pupil", "schoolboy", "schoolgirl", "patient", "grandmother",
    "grandfather", "grandson", "granddaughter", "mum", "mom", "dad", "veteran", "retiree", "cyclist",
    "pedestrian", "motorist", "rider", "person", "individual", "gunman", "attacker", "killer", "shooter",
    "rapper", "star", "athlete", "footballer", "swimmer", "runner", "golfer", "boxer", "jockey", "dog",
    "cat", "horse", "elephant", "whale", "bear", "lion", "tiger", "panda", "gorilla", "chimpanzee", "pet",
    "daughter", "son", "kid", "niece", "nephew", "cousin", "aunt", "uncle", "widow", "widower", "lad",
    "youngster", "newborn", "twin", "heir", "prince", "princess", "king", "queen", "model", "billionaire",
    "millionaire", "entrepreneur", "founder", "ceo", "executive", "official", "employee", "citizen", "man",
    "woman", "guy", "lady", "gentleman", "girlfriend", "boyfriend", "fiancé", "fiancee", "bride", "groom",
    # agent nouns not ending in -er/-or/-ist/-ian
    "refugee", "employee", "trainee", "detainee", "nominee", "retiree", "escapee", "evacuee", "appointee",
    "student", "resident", "patient", "president", "client", "agent", "parent", "opponent", "correspondent",
    "migrant", "immigrant", "assistant", "applicant", "participant", "tenant", "merchant", "sergeant",
    "servant", "graduate", "candidate", "advocate", "delegate", "associate", "magistrate", "mp", "chef",
    "cook", "guard", "medic", "paramedic", "surgeon", "judge", "priest", "monk", "nun", "rabbi", "imam",
    "inmate", "hostage", "captive", "convict", "thief", "fugitive", "casualty", "witness", "bystander",
    "recruit", "cadet", "spy", "fan", "champion", "celebrity", "tycoon", "heiress", "mother-of-two",
    "father-of-two", "mum-of-two", "dad-of-two", "grandmother-of-two", "tourist", "pupil", "chimp", "monkey"}


# Things whose names end like an agent noun ("-er", "-or"): the agent-noun test below lets them be
# things.
_THING_AGENT_NOUNS = {"tower", "river", "theatre", "theater", "centre", "center", "reactor", "tanker",
                      "freighter", "steamer", "liner", "cruiser", "destroyer", "carrier", "computer",
                      "container", "corridor", "shelter", "manor", "meteor", "glacier", "crater", "water",
                      "order", "paper", "letter", "silver", "timber", "charter", "register", "chamber",
                      "cellar", "pillar", "altar", "harbour", "harbor", "barrier", "cluster", "poster",
                      "border", "bunker", "tractor", "elevator", "generator", "monitor", "motor", "sector"}


def _is_being(tok: Token) -> bool:
    """Whether a token names a person or an animal (whose age is biography). Agent nouns
    ("graduate", "farmer", "activist", "refugee") count as people: unsure, the age stays out."""
    lemma = tok.lemma_.lower()
    if lemma in _THING_AGENT_NOUNS:
        return False
    return (tok.ent_type_ in ("PERSON", "NORP") or lemma in _BEING_NOUNS or tok.lower_ in _BEING_NOUNS
            or tok.lower_ in ("he", "she", "i", "you", "we", "they", "who", "whom")
            or (tok.pos_ == "NOUN" and lemma.endswith(("ist", "ian", "er", "or"))))


def _thing_ages(doc: Doc) -> list[tuple[int, int, float, float | None, str | None, str]]:
    """(start, end, value, value_max, approx, unit) of the ages of things in ``doc`` (see _THING_AGE)."""
    text = text_of(doc)
    out = []
    for m in _THING_AGE.finditer(text):
        old = doc.char_span(m.end() - 3, m.end(), alignment_mode="expand")
        if old is None:
            continue
        old_tok = old[-1]
        # what is that old: the noun a hyphenated age modifies, or the subject of "is N years old"
        what = None
        nxt = doc[old_tok.i + 1] if old_tok.i + 1 < len(doc) else None
        if nxt is not None and nxt.pos_ in ("NOUN", "PROPN", "ADJ"):
            what = nxt
            while what.pos_ != "NOUN" and what.i + 1 < len(doc) and what.i - old_tok.i < 4 \
                    and doc[what.i + 1].pos_ in ("NOUN", "PROPN", "ADJ"):
                what = doc[what.i + 1]
            if what.pos_ == "ADJ":
                what = None
            else:  # the head of a compound: "skull" of "a 300,000 year-old Homo skull"
                while what.dep_ == "compound" and what.head.i > what.i and what.head.i - old_tok.i < 6:
                    what = what.head
        else:
            verb = old_tok.head if old_tok.head.lemma_ == "be" else old_tok.head.head
            subjects = []
            for _ in range(3):  # "the tree is estimated to be 1,200 years old": the subject above
                subjects = [c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")]
                if subjects or verb.dep_ not in ("xcomp", "ccomp") or verb.head.i == verb.i:
                    break
                verb = verb.head
            what = subjects[0] if subjects and verb.lemma_ in ("be", "estimate", "believe", "think", "say") \
                or subjects and old_tok.head.lemma_ == "be" else None
            if what is not None and what.lower_ in ("which", "that") and verb.dep_ == "relcl":
                what = verb.head  # "the bridge, which is 130 years old"
        if what is None or _is_being(what) or what.pos_ not in ("NOUN",):
            continue
        value = parse_digits(m.group("num"))
        if value is None:
            continue
        value_max = parse_digits(m.group("num2")) if m.group("num2") else None
        mag2 = SCALES[m.group("mag2").strip(" -\u00a0").lower()] if m.group("mag2") else None
        mag = SCALES[m.group("mag").strip(" -\u00a0").lower()] if m.group("mag") else mag2
        value *= mag or 1
        if value_max is not None:
            value_max *= mag2 or mag or 1
            if value_max <= value:
                value_max = None
        start, approx = m.start(), None
        cue = approx_cue_before(text, start)
        if cue:  # "more than 1,000 years old", "a roughly 300,000-year-old skull"
            start, approx = cue
        out.append((start, m.end(), value, value_max, approx, f"{m.group('period').lower()} of age"))
    return out


# Units that measure (not counted nouns): a bare figure after one may share it (``_shared_measure``).
_MEASURE_UNITS = set(UNITS.values()) | {"percent", "degree", "°C", "°F", "point", "percentage point"}
# An age that is a statistic or a rule, not a person's: "life expectancy is around 73", "the
# pension age rises to 67", "the voting age was lowered to 16"
_STATISTIC_AGE = re.compile(r"(?i)\b(?:life expectancy|(?:retirement|pension|pensionable|voting|minimum|legal|"
                            r"drinking|average|median|mean)[ \u00a0]+age)\b")


def _statistic_age(doc: Doc, q: Quantity, span: Span) -> bool:
    """Whether a bare figure is the value of an age statistic or rule named just before it in its
    sentence (at most eight words before)."""
    if q.unit is not None or q.words and q.value < 2 or q.value >= 130 or q.value <= 0:
        return False
    before = text_of(doc)[span.sent.start_char:q.start]
    m = None
    for m in _STATISTIC_AGE.finditer(before):
        pass
    return m is not None and len(before[m.end():].split()) <= 8


def _shared_measure(q: Quantity, span: Span, last: tuple[str, float, Token] | None) -> str | None:
    """The unit (or counted noun) a bare figure shares with the figure before it in its sentence,
    written once: "hit 35 degrees in Madrid and 38 in Seville", "has 35 stores in Madrid and 38 in Seville", "averaged 95.1 mph in April and 96.3 in
    May", "was 5.1% in March, up from 4.9". Only for figures of like size (within a factor of 2)."""
    if last is None or q.words or q.value_max is not None:
        return None
    unit, value, unit_tok = last
    tok = span[-1]
    if unit_tok.sent.start != tok.sent.start or unit_tok.i >= tok.i or value <= 0 or q.value <= 0 \
            or not (0.5 <= q.value / value <= 2):
        return None
    if tok.dep_ == "conj":
        head = tok.head
        if head.i == unit_tok.head.i and unit_tok.dep_ in ("dobj", "attr", "npadvmod", "pobj") and head.pos_ in (
                "VERB", "AUX"):
            return unit  # both figures hang from one verb
        if head.i == unit_tok.i:
            return unit  # "35 stores in Madrid and 38 in Seville": hung on the unit or noun itself
        if unit_tok.i < head.i < tok.i and head.like_num:
            return unit  # the parser hung it on the date between ("92 kg in 2020 and 88 in 2022")
    if tok.dep_ == "pobj" and tok.head.lower_ == "from" and tok.head.head.lower_ in ("up", "down") \
            and unit in _MEASURE_UNITS:
        return unit  # "5.1% in March, up from 4.9"
    if tok.dep_ == "pobj" and tok.head.lower_ == "from" and unit_tok.dep_ == "pobj" \
            and unit_tok.head.lower_ in ("to", "at") and unit_tok.head.head.i == tok.head.head.i:
        return unit  # "the workweek shortened to 34.3 hours from 34.7": the level it moved from
    return None


_PARALLEL_PREPS = {"in", "at", "for", "on", "from"}


def _parallel_measure(span: Span, last: tuple[str, float, Token] | None) -> str | None:
    """The unit or counted noun of a list written in parallel, each figure followed by the same
    preposition: "4,300 jobs in France, 3,700 in Germany and 400 in Spain" (any size: the
    parallel places or times say the figures count one thing)."""
    if last is None:
        return None
    unit, _, unit_tok = last
    doc = span.doc
    if span.end >= len(doc) or unit_tok.i + 1 >= len(doc) or unit_tok.i >= span.start \
            or unit_tok.sent.start != span.sent.start:
        return None
    prep, after_unit = doc[span.end], doc[unit_tok.i + 1]
    if prep.lower_ not in _PARALLEL_PREPS or prep.lower_ != after_unit.lower_:
        return None
    between = doc[unit_tok.i + 1:span.start]
    if any(t.pos_ in ("VERB", "AUX") or t.text in (";", ".", ":") for t in between):
        return None
    lead = doc[span.start - 1]
    if lead.lower_ not in (",", "and", "or", "while", "but") and not (lead.pos_ == "ADV" and span.start >= 2
                                                                      and doc[span.start - 2].lower_ in (",", "and")) \
            and not (lead.dep_ == "pobj" and lead.head.lower_ == prep.lower_):  # commas stripped
        return None
    return unit


# Words that join the clause of an elided figure to the clause of the figure with the unit.
_ELISION_LINKS = {",", "and", "while", "but", "whereas", "then", ";"}
# Prepositions after which a bare figure is a level that something moved to or stood at
# ("rose 5% to 7.50", "closed up 2% at 31.4"), not the same measure again.
_LEVEL_AFTER_CHANGE = {"to", "at", "from"}


def _elided_measure(q: Quantity, span: Span, last: tuple[str, float, Token] | None,
                    claims: list[Claim]) -> str | None:
    """The measure a bare figure leaves out because the figure of like size before it in a
    parallel clause wrote it: "8.62 points, ahead of England with 8.61", "scored 13 points,
    while Carter added 12", "borrow at 3 percent and lend it for 5", "a minus-1.4 degree angle
    in 2018 and 2.1 last year" (NewsQuant's gold carries the unit over: tuning rows 122, 161,
    182, 196). Measures only (percent, points, degrees, metric units), not counted nouns or
    currencies; not a level after a change ("rose 5% to 7.50", the gold's "-": row 169); not
    a figure written in words; within a factor of 2 of the figure with the unit; figures between
    have the same unit ("with 8.61 and Sweden 8.57")."""
    if last is None or q.words or q.value_max is not None or q.approx == "order of":
        return None
    unit, value, unit_tok = last
    tok = span[-1]
    if unit not in _MEASURE_UNITS or unit_tok.sent.start != tok.sent.start or unit_tok.i >= span.start:
        return None
    if value == 0 or q.value == 0 or not (0.5 <= abs(q.value) / abs(value) <= 2):
        return None
    doc = span.doc
    between = doc[unit_tok.i + 1:span.start]
    if not any(t.lower_ in _ELISION_LINKS for t in between):
        return None  # one clause to the next
    for t in between:
        if t.like_num and any(c.start <= t.idx < c.end and c.unit != unit for c in claims):
            return None  # another figure between, with another unit (a date between is no figure)
    if tok.dep_ == "pobj" and tok.head.lower_ in _LEVEL_AFTER_CHANGE:
        return None  # a level: "rose 5% to 7.50", "from 4.9"
    if tok.dep_ in ("nsubj", "nsubjpass"):
        return None  # a count standing for people or things: "cut 5% of staff, and 7 said they would leave"
    if unit == "point":
        # points are scored as rebounds are grabbed: only under the same verb or a verb of adding
        # ("with 13 points, while Carter added 12"; not "scored 20 points and grabbed 10")
        mine, theirs = _verb_of(tok), _verb_of(unit_tok)
        if mine is not None and mine.i != getattr(theirs, "i", None) and (
                theirs is None or (mine.lemma_ != theirs.lemma_ and mine.lemma_.lower() not in CHANGE_VERBS)):
            return None  # (no verb of its own: "with 8.61 and Sweden 8.57")
    nxt = doc[span.end] if span.end < len(doc) else None
    if nxt is not None and (nxt.text in ("-", "/", "\u2013", "(") or nxt.lower_ in ("of", "to", "per")):
        return None  # a score, a ratio or a part: "6-2", "11 of 15"
    return unit


def _of_them(doc: Doc, span: Span, noun: str | None) -> str | None:
    """"54,000 people ..., about 25,000 of them in Germany": the figure counts the noun counted
    before it in its sentence."""
    if not noun or span.end + 1 >= len(doc) or doc[span.end].lower_ != "of":
        return None
    after = doc[span.end + 2] if span.end + 2 < len(doc) else None
    if after is not None and after.pos_ in ("NOUN", "PROPN"):
        return None  # "47 people were injured, 11 of them children": a part named after it
    return noun if doc[span.end + 1].lower_ in ("them", "those", "these", "whom") else None


def extract_claims(doc: Doc) -> list[Claim]:
    """The numeric claims of ``doc`` in text order."""
    quotes: list[Quote] = doc._.storyline_quotes or []
    events: list[Event] = doc._.storyline_events or []
    dates = _date_spans(doc)
    attributor = _Attributor(doc, quotes)
    claims: list[Claim] = []
    previous: tuple[str | None, Token | None, int] | None = None  # unit, its change verb, sentence
    counted: tuple[str, Token | None, int, int] | None = None  # counted noun, its verb, sentence, end
    last_measure: tuple[str, float, Token] | None = None  # the last figure with its own unit or noun
    for q in find_quantities(text_of(doc)):
        number = (q.number_start, q.number_end)
        span = _tokens(doc, q.number_start, q.number_end)
        if span is None or len(span) == 0:
            continue
        overlapping = [d for d in dates if _overlaps(number, d)]
        # a date, unless the "date" is just this bare number counting a plural noun: the
        # tagger's DATE in "sent 2000 troops" is a count (our year test decides)
        if overlapping and not (all(d == number for d in overlapping) and q.value_max is None
                                and not _is_year(q, doc, span)):
            continue
        statistic_age = _statistic_age(doc, q, span)
        if _is_year(q, doc, span) or _is_dated_year(q, doc, span) \
                or (_is_age(q, doc, span) and not statistic_age) or _is_identifier(q, doc, span) \
                or _is_pronoun_one(q, doc, span) or _is_rank(q, doc, span) or _is_rating(q, doc, span) \
                or _is_zero_idiom(q, doc, span) or _is_clock_time(q, doc, span):
            continue
        unit = q.unit
        end = q.end
        if unit == "fraction":
            # the whole it is a part of, named in the unit ("two-thirds of voters": fraction of
            # voter; NewsQuant's "% voter")
            whole, _ = _fraction_whole(doc, q)
            measure = whole and re.match(r"[ \u00a0]+(?:of[ \u00a0]+)?an?[ \u00a0]", text_of(doc)[q.end:]) \
                and (unit_for(whole, glued=False) or unit_for(whole + "s", glued=False))
            if measure:
                unit = measure  # "a fifth of a percent": 0.2 percent (not "half of the points")
            elif whole:
                unit = f"fraction of {whole}"
        if unit is None:
            tail = _tokens(doc, q.start, q.end) or span
            lemma, noun_end = _counted_thing(doc, tail)
            if lemma:
                # "tens of billions of dollars", "hundreds of kilometres": a currency or a unit
                # reached through "of" is named like one written after the figure
                named = next((c for c in (currency_code(w, text_of(doc), q.start) for w in (lemma, lemma + "s"))
                              if c), None) if lemma != "won" else None
                named = named or unit_for(lemma, glued=False) or unit_for(lemma + "s", glued=False)
                unit, end = named or lemma, max(end, noun_end)
                rate, rate_end = rate_suffix(text_of(doc), end)
                if rate:  # "45 cents a share", "10 points per game"
                    unit, end = f"{unit} per {rate}", rate_end
                if unit == "year" and statistic_age:
                    unit = "year of age"  # "life expectancy fell from 71.5 to 70.1 years"
            else:
                if previous is not None and previous[2] == span.sent.start:
                    unit = _gapped_unit(span, previous[:2])
                if not unit and counted is not None and counted[2] == span.sent.start:
                    unit = _gapped_noun(doc, q, span, counted)
                if not unit:
                    unit = _shared_measure(q, span, last_measure) or _parallel_measure(span, last_measure)
                if not unit and counted is not None and counted[2] == span.sent.start:
                    unit = _of_them(doc, span, counted[0])
                if not unit and statistic_age:
                    unit = "year of age"  # "life expectancy is around 73"
                if not unit and _index_level(q, span, any(
                        c.unit == "point" and c.start >= span.sent.start_char for c in claims)):
                    unit = "point"  # "the TA-125 lost 1.1% to end at 1,334.20": an index level
                if not unit:
                    unit = _elided_measure(q, span, last_measure, claims)
            if lemma:
                counted = (unit, _verb_of(span[-1]), span.sent.start, end)
        # the verb a figure with a unit measures: "rose 1.2 percent" (for the gapped figure after it)
        unit_span = _tokens(doc, q.number_start, q.end) or span
        previous = (unit, _change_verb_of(unit_span[-1:]) if unit else None, span.sent.start)
        if unit and ((q.unit and unit == q.unit) or (q.unit is None and end > q.end)):
            # a unit or a counted noun written after the figure (not one shared from before)
            unit_tok = (_tokens(doc, q.number_start, end) or span)[-1]
            last_measure = (unit, q.value, unit_tok)
        char_span = (q.start, end)
        claimant, claimant_id = attributor.claimant(span, char_span)
        claims.append(Claim(
            value=q.value, unit=unit or "", text=text_of(doc)[q.start:end], start=q.start, end=end,
            value_max=q.value_max, approx=q.approx, claimant=claimant, claimant_id=claimant_id,
            event_id=_event_for(char_span, span.sent, events),
        ))
    _share_forward(text_of(doc), claims)
    ages = _thing_ages(doc)
    if ages:  # the age replaces the first figure of a range the finder split ("120,000 to 150,000-year-old")
        claims = [c for c in claims if not any(_overlaps((a[0], a[1]), (c.start, c.end)) for a in ages)]
    for start, end, value, value_max, approx, unit in ages:
        span = doc.char_span(start, end, alignment_mode="expand")
        claimant, claimant_id = attributor.claimant(span, (start, end))
        claims.append(Claim(
            value=value, unit=unit, text=text_of(doc)[start:end], start=start, end=end, value_max=value_max,
            approx=approx, claimant=claimant, claimant_id=claimant_id,
            event_id=_event_for((start, end), span.sent, events)))
    if ages:
        claims.sort(key=lambda c: c.start)
    return claims


_COORDINATED = re.compile(r"^[ \u00a0]*(?:,[ \u00a0]*)?(?:and|or)[ \u00a0]+$", re.I)
_LISTED = re.compile(r"^[ \u00a0]*,[ \u00a0]*$")
_COORDINATED_END = re.compile(r"[\d%][ \u00a0]*(?:,[ \u00a0]*)?(?:and|or)[ \u00a0]+$", re.I)


def _share_forward(text: str, claims: list[Claim]) -> None:
    """A bare figure coordinated with a figure whose unit is written after it takes that unit:
    "sales rose 166.5 and 93.3% respectively", "by 1.5, 2 and 3 percent" (a list by commas only
    when it ends in "and"/"or" before the figure with the unit). Measures and currencies only,
    not counted nouns."""
    chain = False  # the figure after this pair is coordinated with it and has the same unit
    for i in range(len(claims) - 2, -1, -1):
        c, n = claims[i], claims[i + 1]
        gap = text[c.end:n.start]
        over = c.end > n.start and bool(_COORDINATED_END.search(text, c.start, n.start))
        if not n.unit or n.unit not in _MEASURE_UNITS and not n.unit[:3].isupper() \
                or c.value_max is not None or n.value_max is not None or (c.unit and c.unit != n.unit and not over):
            chain = False
            continue
        if over or _COORDINATED.match(gap) or (chain and _LISTED.match(gap)):
            # (over: the parser hung the first figure on the last word of the unit, "0.5 and 0.75
            # percentage points" read as "0.5 points")
            c.unit = n.unit
            chain = True
        else:
            chain = False


@Language.factory("storyline_claims")
def make_claims(nlp: Language, name: str):
    ensure_extensions()

    def storyline_claims(doc: Doc) -> Doc:
        doc._.storyline_claims = extract_claims(doc)
        return doc

    return storyline_claims


__all__ = ["extract_claims", "REPORTING_VERBS"]
