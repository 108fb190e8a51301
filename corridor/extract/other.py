"""Stage 8: political events outside Corridor's own kinds. The PLOVER coder (plover.py) codes
every sentence; where its type is one no Corridor kind stands for (a demand, a threat, a
protest, a sanction …) and no trigger of the sentence already reports it, the sentence gives an
event of kind `other` with that code. The codes also refine the mode and context of the
sentence's own events (assemble.py)."""

from corridor.extract.annotations import Annotated, Trigger
from corridor.extract.pipeline import stage
from corridor.extract.plover import code_sentences

# PLOVER types that Corridor's kinds do not cover (meeting is CONSULT, agreement AGREE, …).
UNCOVERED = {"REQUEST", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "RETREAT", "CONCEDE", "AID"}
# The coder's confidence from which a code alone makes an event.
MIN_CONFIDENCE = 0.8


@stage("other", requires=("sentences", "triggers"), assigns=("triggers", "plover_codes"))
def other(ann: Annotated) -> Annotated:
    codes = code_sentences([s.text for s in ann.sentences])
    ann.plover_codes = {s.index: c for s, c in zip(ann.sentences, codes, strict=True) if c is not None}
    reported = {t.sentence for t in ann.triggers}
    for sentence in ann.sentences:
        code = ann.plover_codes.get(sentence.index)
        if code and code.type in UNCOVERED and code.confidence >= MIN_CONFIDENCE and sentence.index not in reported:
            ann.triggers.append(Trigger("other", sentence.start + code.trigger_start, sentence.start + code.trigger_end,
                                        code.confidence, sentence.index))
    return ann
