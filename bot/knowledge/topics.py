"""The vocabulary every part of the assistant shares: topics, intents and what staff call them.

A topic is what a reply is about (`cost`, `escalation_urgent`, `clarify`...): the evaluation,
the console and the actions' message metadata all speak in topics. An intent is what the
model recognised (domain.yml). Both are named here only.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Dict, Optional

# The FAQ topics, as the knowledge issue and the held-out set name them.
FAQ_TOPICS = (
    "what_is",
    "painful",
    "pain_treatment",
    "cost",
    "reimbursement",
    "side_effects",
    "contraindications",
    "session",
    "aesthetic",
    "hair",
    "practitioner",
    "efficacy",
)
COST = "cost"  # the topic the clinic's own prices go with

# Topics besides the FAQ (the two escalations are also intents of the same name).
URGENT = "escalation_urgent"
DOCTOR = "escalation_doctor"
OUT_OF_SCOPE = "out_of_scope"
SMALLTALK = "smalltalk"
# What a reply may be about besides the labels: a question back, or not understood.
CLARIFY = "clarify"
FALLBACK = "fallback"
# A message the input guard could not pass on ("bad_input" is also its intent).
BAD_INPUT = "bad_input"

ESCALATION_TOPICS = (URGENT, DOCTOR)
# What a labelled question may expect.
EVALUATION_LABELS = frozenset(FAQ_TOPICS + ESCALATION_TOPICS + (OUT_OF_SCOPE, SMALLTALK))
REPLY_ONLY_TOPICS = (CLARIFY, FALLBACK)

# Topic names as clinic staff say them, in the order they read them.
TOPIC_NAMES = {
    "what_is": "Qu'est-ce que la mésothérapie",
    "painful": "Douleur des injections",
    "pain_treatment": "Traitement de la douleur",
    "cost": "Prix",
    "reimbursement": "Remboursement",
    "side_effects": "Effets secondaires",
    "contraindications": "Contre-indications",
    "session": "Déroulé des séances",
    "aesthetic": "Esthétique",
    "hair": "Cheveux",
    "practitioner": "Praticien",
    "efficacy": "Efficacité",
    URGENT: "Urgence (numéros d'urgence)",
    DOCTOR: "Cas personnel (rappel par un médecin)",
    OUT_OF_SCOPE: "Hors sujet",
    SMALLTALK: "Conversation courante",
    CLARIFY: "Question de précision (« Vouliez-vous dire… ? »)",
    FALLBACK: "Non compris",
}

# The retrieval intent whose answers the ResponseSelector picks ("faq/cost"), and the
# intent of a tapped answer button.
FAQ_INTENT = "faq"
FAQ_PREFIX = f"{FAQ_INTENT}/"
CHOOSE_FAQ_INTENT = "choose_faq"
# Rasa's name for "not understood" (FallbackClassifier).
NLU_FALLBACK_INTENT = "nlu_fallback"

# Below this many training examples a topic is shown as too thin (docs, console, tests).
MIN_EXAMPLES_PER_TOPIC = 25


@dataclass(frozen=True)
class Intent:
    title: str  # as staff say it
    # The topic of a reply to this intent when no custom action says it (plain responses).
    topic: Optional[str] = None


INTENTS: Dict[str, Intent] = {
    "greet": Intent("Salutation", SMALLTALK),
    "goodbye": Intent("Au revoir", SMALLTALK),
    "thank": Intent("Remerciement", SMALLTALK),
    "bot_challenge": Intent("« Êtes-vous un robot ? »", SMALLTALK),
    "help": Intent("Demande d'aide", SMALLTALK),
    "affirm": Intent("Oui", SMALLTALK),
    "deny": Intent("Non", SMALLTALK),
    "cancel": Intent("Annulation", SMALLTALK),
    "out_of_scope": Intent("Hors sujet", OUT_OF_SCOPE),
    "other_language": Intent("Autre langue", OUT_OF_SCOPE),
    URGENT: Intent("Signes d'urgence", URGENT),
    DOCTOR: Intent("Question sur son cas personnel", DOCTOR),
    "request_human": Intent("Demande à parler à quelqu'un", DOCTOR),
    "request_callback": Intent("Demande de rappel", DOCTOR),
    FAQ_INTENT: Intent("Question de la FAQ"),
    CHOOSE_FAQ_INTENT: Intent("Choix d'une réponse (bouton)"),
    BAD_INPUT: Intent("Message illisible"),
    NLU_FALLBACK_INTENT: Intent("Non compris", FALLBACK),
}
TOPIC_OF_INTENT = {name: intent.topic for name, intent in INTENTS.items() if intent.topic}
SMALLTALK_INTENTS = frozenset(name for name, topic in TOPIC_OF_INTENT.items() if topic == SMALLTALK)


def topic_name(topic: str) -> str:
    return TOPIC_NAMES.get(topic, topic)
