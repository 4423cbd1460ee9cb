"""Cue words: verbs that introduce speech or a stated position.

``SPEECH_CUES`` attach a direct quote to its speaker ("...," she said);
``INDIRECT_CUES`` (a wider set, adding verbs of position and belief) mark
reported speech when they govern a clause ("X warned that ..."). The lists
were written by hand and checked against the cue words of PolNeAR's train
split (their frequency there, not any text).
"""

from __future__ import annotations

SPEECH_CUES: frozenset[str] = frozenset("""
say tell add state declare announce explain note write tweet post argue claim insist warn stress
emphasize emphasise assert contend maintain suggest report confirm deny admit acknowledge concede
reply respond answer ask recall predict promise pledge vow urge caution complain remark observe
comment reiterate repeat continue conclude charge allege boast joke quip lament reveal disclose
indicate testify assure counter retort object protest shout yell scream whisper mutter blog email
text inform advise affirm proclaim speculate recount describe call brand dub label term
criticize criticise praise condemn denounce blast slam decry question wonder mention cite quote
chime interject exclaim sigh laugh tout rail thunder hit fire muse point put agree disagree
bark snap scoff mock gush marvel chant recite plead beg
""".split())

INDIRECT_CUES: frozenset[str] = SPEECH_CUES | frozenset("""
believe think hope fear feel know expect worry estimate figure reckon guess show find
propose recommend demand threaten signal underline underscore highlight reason acknowledge
accuse blame hint imply insist predict project calculate conclude learn realize realise
understand doubt assume suspect contend determine rule decide vow swear pledge
hop joke consider demonstrate
""".split())

# Verbs of belief, knowledge and evidence: a clause they govern inside another
# speaker's reported words is that speaker's statement ("Cook said Carter
# believes ..."), not a statement of their own subject.
COGNITION_CUES: frozenset[str] = frozenset("""
believe think hope hop fear feel know expect worry reckon guess figure learn realize realise understand
doubt assume suspect consider show find determine decide want
""".split())

# Reported speech without a that-clause: (cue lemma, dependency of the content
# on the cue). Chosen from PolNeAR train statistics (how often that child was
# an annotated content), keeping only speech acts: "urged voters to ...",
# "accused her of ...", "vowed to ...".
CONTENT_PATTERNS: frozenset[tuple[str, str]] = frozenset({
    ("ask", "xcomp"), ("call", "xcomp"), ("pledge", "xcomp"), ("vow", "xcomp"), ("urge", "xcomp"),
    ("promise", "xcomp"), ("encourage", "xcomp"), ("hope", "xcomp"), ("hop", "xcomp"), ("expect", "xcomp"),
    ("threaten", "xcomp"), ("demand", "xcomp"), ("warn", "xcomp"), ("tell", "xcomp"), ("propose", "xcomp"),
    ("accuse", "prep:of"), ("speak", "prep:about"), ("call", "prep:for"), ("assure", "prep:of"),
    ("refer", "prep:as"), ("describe", "prep:as"), ("criticize", "prep:for"), ("criticise", "prep:for"),
    ("blame", "prep:for"), ("warn", "prep:of"), ("warn", "prep:against"), ("complain", "prep:about"),
    ("talk", "prep:about"),
})

# Verbs whose quoted complement names a thing ("branded the plan 'reckless'"):
# a short quote they govern is a partial quote, not a scare quote.
NAMING_CUES: frozenset[str] = frozenset("""
call brand dub label term describe deem denounce slam blast praise hail characterize
characterise refer dismiss decry condemn
""".split())

# Nouns that can stand for a statement's source or cue ("in a statement").
ROLE_NOUNS: frozenset[str] = frozenset("""
president minister chancellor premier secretary spokesman spokeswoman spokesperson leader
official ambassador envoy commander general chief head governor mayor senator representative
diplomat adviser advisor aide negotiator prosecutor judge director chairman chairwoman chair
king queen monarch ceo founder candidate nominee lawmaker deputy mp
""".split())

ORG_NOUNS: frozenset[str] = frozenset("""
ministry kremlin government administration department office agency army military command
council commission committee campaign company firm party embassy court parliament union
organization organisation group bank institute service staff authorities police force forces navy guard
""".split())
