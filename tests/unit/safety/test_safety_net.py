"""The safety net: a body symptom since the session that no red-flag rule knows goes to a doctor,
the emergency number first (never a clarification nor the generic fallback)."""

from __future__ import annotations

import pytest
from rasa.shared.nlu.training_data.message import Message
from spacy.language import Language

from bot.nlu.red_flag_detector import RedFlagDetector
from bot.safety.red_flags import detect_red_flag, session_symptom
from bot.safety.safety_net import emergency_number_first
from bot.text.french_spacy import french_pipeline


@pytest.fixture(scope="module")
def nlp() -> Language:
    return french_pipeline()


@pytest.mark.parametrize(
    "text",
    [
        "j'ai des démangeaisons depuis la séance",
        "j'ai une bosse dure depuis la piqûre",
        "ce matin au cabinet on m'a fait les injections et là j'ai des fourmillements dans la main",
        "je me sens pas bien depuis la séance",
        "depuis mon rdv j'ai un goût bizarre dans la bouche",
    ],
)
def test_a_symptom_since_the_session_is_caught_by_the_net(nlp: Language, text: str) -> None:
    doc = nlp(text)
    assert detect_red_flag(doc) is None  # not an emergency the word list knows...
    assert session_symptom(doc)  # ...but not left to a clarification either


@pytest.mark.parametrize(
    "text",
    [
        "j'ai eu un petit bleu après la séance l'an dernier",
        "ma soeur a eu des démangeaisons après sa séance",
        "est-ce que ça peut faire des bleus après la séance ?",
        "je n'ai aucune douleur depuis la séance",
        "j'ai des démangeaisons, c'est une contre-indication ?",  # no link with a session
    ],
)
def test_past_other_person_general_denied_or_unlinked_symptoms_are_not(nlp: Language, text: str) -> None:
    assert session_symptom(nlp(text)) is None


def classified(nlp: Language, text: str, intent: str, confidence: float) -> Message:
    ranking = [{"name": intent, "confidence": confidence}, {"name": "faq", "confidence": 0.2}]
    return Message(data={"text": text, "text_spacy_doc": nlp(text), "intent": ranking[0], "intent_ranking": ranking})


def test_the_detector_sends_a_misunderstood_session_symptom_to_the_doctor(nlp: Language) -> None:
    message = classified(nlp, "j'ai des démangeaisons depuis la séance", "nlu_fallback", 0.4)
    RedFlagDetector(0.4).process([message])
    assert message.get("intent")["name"] == "escalation_doctor"
    assert message.get("session_symptom") == "démangeaisons"
    assert message.get("red_flag") is None


def test_the_detector_leaves_a_general_question_to_the_classifier(nlp: Language) -> None:
    message = classified(nlp, "est-ce que ça peut faire des bleus après la séance ?", "faq", 0.9)
    RedFlagDetector(0.4).process([message])
    assert message.get("intent") == {"name": "faq", "confidence": 0.9}
    assert message.get("session_symptom") is None


def test_the_emergency_number_comes_before_the_doctor_offer() -> None:
    message = emergency_number_first({"text": "Je ne peux pas répondre pour votre cas.", "topic": "x"}, "FR")
    lead, doctor = message["text"].split("\n\n")
    assert "appelez maintenant le 15 (SAMU) ou le 112." in lead
    assert doctor == "Je ne peux pas répondre pour votre cas."
    assert message["topic"] == "x"


@pytest.mark.parametrize(
    "text",
    [
        "tout va bien depuis la séance, juste quelques petites plaques rouges",
        "je suis juste un peu fatiguée depuis la séance, c'est normal ?",
    ],
)
def test_a_sign_said_to_be_mild_gets_the_normal_answer(nlp: Language, text: str) -> None:
    assert session_symptom(nlp(text)) is None
