"""Stage 3: political events outside Corridor's own kinds. The PLOVER coder (plover.py) codes
the sentences that no trigger reports; where a code's type is one no Corridor kind stands for (a
demand, a threat, a protest, a sanction …), the sentence gives an event of kind `other` with
that code. (The codes of the sentences of other events refine their mode and context; assembly
codes those sentences when it makes the events.)

A code makes an event only at full confidence, which only a strong rule of an uncovered type
matching in the sentence gives: a sentence where none matches is not coded (nearly all)."""

from corridor.extract import anchors
from corridor.extract.annotations import Annotated, Trigger
from corridor.extract.plover import PLOVER_TYPES, rule_coder
from corridor.extract.registry import stage

# PLOVER types that Corridor's kinds do not cover (meeting is CONSULT, agreement AGREE, …).
UNCOVERED = frozenset({"REQUEST", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "RETREAT",
                       "CONCEDE", "AID"})
ALL_TYPES = frozenset(PLOVER_TYPES)
# The coder's confidence from which a code alone makes an event.
MIN_CONFIDENCE = 0.6


@stage("other", requires=("sentences", "triggers"), assigns=("triggers", "plover_codes"))
def other(ann: Annotated) -> Annotated:
    coder = rule_coder()
    for sentence in ann.sentences:
        words = anchors.words_in(ann, anchors.PLOVER, sentence)
        if not (words and coder.may_code_fully(sentence.text, ALL_TYPES, words)):
            continue
        code = ann.plover_codes[sentence.index] = coder.code(sentence.text, words)
        if code and code.confidence >= MIN_CONFIDENCE:
            ann.triggers.append(Trigger("other", sentence.start + code.trigger_start, sentence.start + code.trigger_end,
                                        code.confidence, sentence.index))
    return ann
