"""Stage: syntax. The statistical model (statistical.py) parses the sentences that may hold an
event (those with a trigger, about a fifth of an article's): their entities, tags and
dependency trees are what the later stages read to find whole names, who acts on whom, and
whether an act happened, will happen, or did not.

The other sentences are never parsed: the rules find what they need there, and the model costs
far more per sentence than the rules do.
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Doc, Span, Token

from corridor.extract.annotations import Annotated, Sentence
from corridor.extract.registry import stage

# Auxiliaries and verbs that put an act in the future ("will meet", "is expected to visit").
FUTURE_AUX = {"will", "shall", "'ll", "wo", "would"}
PLAN_HEADS = {"expected", "due", "scheduled", "set", "slated", "likely", "poised", "planning", "plans", "planned",
              "intends", "intend", "aims", "aim", "going", "preparing", "prepared", "to"}
# Words that deny a report rather than state it ("denied reports that …").
DENIAL = {"deny", "denied", "denies", "denying", "dismissed", "dismisses", "rejected", "rejects", "refuted", "refutes",
          "rubbished"}
# A condition makes an act hypothetical ("if investors come").
CONDITION = {"if", "unless", "whether", "should"}


@dataclass
class Parsed:
    """A parsed sentence: the model's Doc of its text and where the sentence starts."""

    sentence: Sentence
    doc: Doc

    def token_at(self, offset: int) -> Token | None:
        """The token covering a character offset of the document."""
        span = self.doc.char_span(offset - self.sentence.start, offset - self.sentence.start + 1,
                                  alignment_mode="expand")
        return span[0] if span is not None and len(span) else None

    def span(self, start: int, end: int) -> Span | None:
        return self.doc.char_span(start - self.sentence.start, end - self.sentence.start, alignment_mode="expand")

    def offset(self, token: Token) -> int:
        return self.sentence.start + token.idx

    def entities(self) -> list[tuple[str, int, int]]:
        """(label, start, end) of the model's entities, in document offsets."""
        base = self.sentence.start
        return [(e.label_, base + e.start_char, base + e.end_char) for e in self.doc.ents]


@stage("syntax", requires=("sentences", "triggers"), assigns=("parses",))
def syntax(ann: Annotated) -> Annotated:
    indexes = sorted(ann.event_sentences())
    if not indexes:
        return ann
    nlp = ann.shared.nlp
    texts = [ann.sentences[i].text for i in indexes]
    for i, doc in zip(indexes, nlp.pipe(texts), strict=True):
        ann.parses[i] = Parsed(ann.sentences[i], doc)
    return ann


def head_of(parsed: Parsed, start: int, end: int) -> Token | None:
    """The syntactic head of a span of the document (a trigger's verb or noun)."""
    span = parsed.span(start, end)
    if span is None or not len(span):
        return None
    return span.root


def modality(head: Token) -> set[str]:
    """What the sentence says of the act its head names: `future` (will, expected to, due to),
    `negated` (not, never), `denied` (denied reports that …), `conditional` (if, unless). Tense,
    negation and condition are read along the chain of verbs the act completes ("is expected to
    meet"); a denial anywhere above it."""
    found: set[str] = set()
    chain = [head]
    while (chain[-1].dep_ in ("xcomp", "aux") or chain[-1].dep_ == "advcl" and _purpose(chain[-1])) \
            and chain[-1].head is not chain[-1]:
        chain.append(chain[-1].head)
    for token in chain:
        if token is not head and token.lower_ in PLAN_HEADS:
            found.add("future")
        for child in token.children:
            word = child.lower_
            if child.dep_ in ("aux", "auxpass") and (word in FUTURE_AUX or child.tag_ == "MD" and word in FUTURE_AUX):
                found.add("future")
            elif child.dep_ == "neg":
                found.add("negated")
            elif child.dep_ == "mark" and word in CONDITION:
                found.add("conditional")
    if any(token.lower_ in DENIAL for token in head.ancestors):
        found.add("denied")
    return found


def _purpose(token: Token) -> bool:
    """A clause of purpose ("to discuss debt"): it shares the tense of the act it serves."""
    return any(c.dep_ == "aux" and c.lower_ == "to" for c in token.children)


def subject_and_object(head: Token) -> tuple[list[Token], list[Token]]:
    """Who acts (subject, or the agent of a passive) and on whom (object, the object of `with`,
    `on` or `against`, a passive's subject) for an act's head."""
    verb = head
    while verb.dep_ in ("xcomp", "ccomp", "dobj", "pobj", "prep") and verb.head is not verb and not verb.tag_.startswith("VB"):
        verb = verb.head
    subjects: list[Token] = []
    objects: list[Token] = []
    for child in verb.children:
        if child.dep_ in ("nsubj", "csubj"):
            subjects.append(child)
        elif child.dep_ == "nsubjpass":
            objects.append(child)
        elif child.dep_ == "agent":
            subjects += [g for g in child.children if g.dep_ == "pobj"]
        elif child.dep_ in ("dobj", "dative", "attr"):
            objects.append(child)
        elif child.dep_ == "prep" and child.lower_ in ("with", "on", "against", "to"):
            objects += [g for g in child.children if g.dep_ == "pobj"]
    return subjects, objects
