"""The mode of an event: negated, hypothetical, future or historical (or None),
read from the dependency parse around the trigger."""

from __future__ import annotations

from spacy.tokens import Token

from .event_dates import year_of

_HYPOTHETICAL_AUX = frozenset("could would might may should can".split())
_FUTURE_AUX = frozenset("will shall 'll wo".split())
# Governing verbs that put their complement in the future ("plans to meet").
_FUTURE_GOVERNORS = frozenset("plan intend expect schedule prepare aim set go due "
                              "willing ready prepared eager determined poised".split())
# Governing verbs under which the event did not (or will not) happen ("failed to reach a deal",
# "cancelled a planned visit").
_NEGATING_GOVERNORS = frozenset("fail cancel postpone scrap shelve".split())
# Governing verbs that make their complement hypothetical ("considering sending troops").
_HYPOTHETICAL_GOVERNORS = frozenset("consider propose want hope wish weigh mull".split())
_FUTURE_MODIFIERS = frozenset("upcoming planned proposed next future expected scheduled possible potential".split())
_CONDITIONAL_MARKS = frozenset("if unless whether".split())
_NEGATORS = frozenset("not n't never no".split())


def chain(trigger: Token, governor: Token | None = None) -> list[Token]:
    """The trigger and the verbs that govern it (light verb, xcomp/conj heads), nearest first."""
    out = [trigger]
    if governor is not None:
        out.append(governor)
    tok = out[-1]
    for _ in range(3):
        if tok.dep_ in ("xcomp", "conj", "auxpass", "pcomp") and tok.head.i != tok.i:
            tok = tok.head
            out.append(tok)
        else:
            break
    return out


def event_mode(trigger: Token, governor: Token | None = None, event_date: str | None = None,
               published: str | None = None) -> str | None:
    """"negated" | "hypothetical" | "future" | "historical" | None, in that priority."""
    toks = chain(trigger, governor)
    kids = [c for t in toks for c in t.children]
    lowers = {c.lower_ for c in kids}
    if any(c.dep_ == "neg" for c in kids) or (
        trigger.pos_ in ("NOUN", "PROPN") and any(c.dep_ == "det" and c.lower_ == "no" for c in trigger.children)
    ):
        return "negated"
    if any(t.lemma_.lower() in _NEGATING_GOVERNORS for t in toks[1:]):
        return "negated"
    if lowers & _HYPOTHETICAL_AUX and any(c.dep_ == "aux" and c.lower_ in _HYPOTHETICAL_AUX for c in kids):
        return "hypothetical"
    # "if Russia attacks": a conditional mark on the clause or any clause above it.
    for anc in [toks[-1], *toks[-1].ancestors]:
        if any(c.dep_ == "mark" and c.lower_ in _CONDITIONAL_MARKS for c in anc.children):
            return "hypothetical"
        if anc.dep_ not in ("xcomp", "conj", "ccomp", "advcl", "dobj", "pobj", "prep", "acl", "relcl",
                            "nsubj", "nsubjpass"):
            break
    if any(t.lemma_ in _HYPOTHETICAL_GOVERNORS for t in toks[1:]):
        return "hypothetical"
    if any(c.dep_ == "aux" and c.lower_ in _FUTURE_AUX for c in kids):
        return "future"
    # "plans to meet", "is ready to withdraw": the governor takes the event as its complement
    # (not "tried to set off bombs", where "set" is the verb itself).
    if any(t.lemma_ in _FUTURE_GOVERNORS and t.i != trigger.i and prev.dep_ == "xcomp" and prev.head.i == t.i
           for prev, t in zip(toks, toks[1:])):
        return "future"
    if any(c.dep_ in ("amod", "compound") and c.lower_ in _FUTURE_MODIFIERS for c in trigger.children):
        return "future"
    event_year, pub_year = year_of(event_date), year_of(published)
    if event_date and published:
        if event_date[:10] > published[:10] and len(event_date) >= 10:
            return "future"
        if event_year is not None and pub_year is not None and event_year < pub_year:
            return "historical"
    return None
