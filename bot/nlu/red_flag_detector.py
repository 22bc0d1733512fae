"""Turns any message holding an emergency into `escalation_urgent`, whatever the classifier said.

It runs after FallbackClassifier, so neither a low confidence nor a fallback prediction can hide
an emergency. An emergency is a red flag of the reviewed word list (bot/safety/red_flags.py) or,
when the list knows none, the learned alarm reader's (bot/safety/alarm_reader.py), trained here
with the model; a red flag of the list stands unless the reader is all but certain the message
is calm, and the reader's own stands unless it came from signs the list reads as denied. It
reads the spaCy doc SpacyNLP already computed.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any, Dict, List, Optional

from rasa.engine.graph import ExecutionContext, GraphComponent, GraphSchema
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.nlu.classifiers.fallback_classifier import THRESHOLD_KEY, FallbackClassifier
from rasa.nlu.constants import SPACY_DOCS
from rasa.shared.constants import DEFAULT_NLU_FALLBACK_INTENT_NAME
from rasa.shared.nlu.constants import (
    INTENT,
    INTENT_NAME_KEY,
    INTENT_RANKING_KEY,
    PREDICTED_CONFIDENCE_KEY,
    TEXT,
)
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData
from spacy.tokens import Doc

from bot.knowledge.topics import DOCTOR as DOCTOR_INTENT
from bot.knowledge.topics import FAQ_INTENT
from bot.knowledge.topics import URGENT as URGENT_INTENT
from bot.nlu.cache_keys import files_fingerprint
from bot.nlu.patient_question_classifier import TRAINING_CODE as READING_CODE
from bot.nlu.patient_question_classifier import view_without, whole_view
from bot.nlu.spacy_for_text import SpacyNLPForText
from bot.safety.alarm_reader import (
    ALARM_MESSAGES_DIR,
    CALM,
    READER_RULE,
    AlarmReader,
    AlarmReading,
    alarm_messages,
    label_of,
    tells_a_story,
)
from bot.safety.emergency import RED_FLAG_KEY, SUICIDE
from bot.safety.red_flags import (
    RedFlag,
    denied_signs,
    detect_red_flag,
    from_word_list,
    mentions_suicidal_words,
    mentions_symptom,
    session_symptom,
)
from bot.safety.safety_net import CALM_SYMPTOM_KEY, SESSION_SYMPTOM_KEY, SUICIDAL_WORDS_KEY
from bot.text.french_spacy import french_pipeline

logger = logging.getLogger(__name__)

# Parse-data key of a red flag set aside as a calm mention of its sign: one of the word list the
# alarm reader is all but sure is calm, or the reader's own on signs the message denies.
SET_ASIDE_KEY = "red_flag_set_aside"

READER_FILE = "alarm_reader.skops"
# What the alarm reader is trained from and with (bot/nlu/cache_keys.py says why it is listed):
# its labelled messages, its own code, and the topic model's code and views it is built on.
SAFETY_CODE = Path(__file__).parents[1] / "safety"
TRAINING_FILES = (
    *sorted(ALARM_MESSAGES_DIR.glob("*.csv")), SAFETY_CODE / "alarm_reader.py", SAFETY_CODE / "urgency_cases.py",
    *READING_CODE,
)


# The reader's probability below which a message read again without its denied signs is calm.
DENIED_SIGNS_CALM = 0.3
# The predictions a calm mention of an alarm sign turns into its FAQ answer with when to worry.
CALM_MENTION_INTENTS = (FAQ_INTENT, DEFAULT_NLU_FALLBACK_INTENT_NAME)


def mark_urgent(message: Message, red_flag: RedFlag) -> None:
    """Urgent intent first at full confidence; the classifier's ranking follows, unchanged."""
    urgent = {INTENT_NAME_KEY: URGENT_INTENT, PREDICTED_CONFIDENCE_KEY: 1.0}
    previous_ranking = [
        ranked for ranked in message.get(INTENT_RANKING_KEY) or [] if ranked.get(INTENT_NAME_KEY) != URGENT_INTENT
    ]
    message.set(INTENT, urgent, add_to_output=True)
    message.set(INTENT_RANKING_KEY, [urgent, *previous_ranking], add_to_output=True)
    message.set(RED_FLAG_KEY, red_flag.as_dict(), add_to_output=True)


def predicted_intent(message: Message) -> str:
    return (message.get(INTENT) or {}).get(INTENT_NAME_KEY) or ""


def demote_urgent(message: Message, fallback_threshold: float) -> None:
    """The classifier's next best intent replaces `escalation_urgent`, or the NLU fallback
    when it is as unsure as FallbackClassifier (which ran before) would have judged it."""
    ranking = [r for r in message.get(INTENT_RANKING_KEY) or [] if r.get(INTENT_NAME_KEY) != URGENT_INTENT]
    best: Dict[str, Any] = ranking[0] if ranking else {INTENT_NAME_KEY: None, PREDICTED_CONFIDENCE_KEY: 0.0}
    if best[PREDICTED_CONFIDENCE_KEY] < fallback_threshold:
        best = {INTENT_NAME_KEY: DEFAULT_NLU_FALLBACK_INTENT_NAME, PREDICTED_CONFIDENCE_KEY: fallback_threshold}
        ranking = [best, *ranking]
    message.set(INTENT, best, add_to_output=True)
    message.set(INTENT_RANKING_KEY, ranking, add_to_output=True)


def faq_confidence(message: Message) -> float:
    ranking = message.get(INTENT_RANKING_KEY) or []
    return next((float(r[PREDICTED_CONFIDENCE_KEY]) for r in ranking if r.get(INTENT_NAME_KEY) == FAQ_INTENT), 0.0)


def answer_calm_symptom(message: Message) -> None:
    """The FAQ answer first, the doctor next in the ranking; the answer adds when to worry."""
    ranking = message.get(INTENT_RANKING_KEY) or []
    faq = next(r for r in ranking if r.get(INTENT_NAME_KEY) == FAQ_INTENT)
    message.set(INTENT, faq, add_to_output=True)
    message.set(INTENT_RANKING_KEY, [faq, *(r for r in ranking if r is not faq)], add_to_output=True)
    message.set(CALM_SYMPTOM_KEY, True, add_to_output=True)


def route_to_doctor(message: Message) -> None:
    doctor = {INTENT_NAME_KEY: DOCTOR_INTENT, PREDICTED_CONFIDENCE_KEY: message.get(INTENT)[PREDICTED_CONFIDENCE_KEY]}
    ranking = [r for r in message.get(INTENT_RANKING_KEY) or [] if r.get(INTENT_NAME_KEY) != DOCTOR_INTENT]
    message.set(INTENT, doctor, add_to_output=True)
    message.set(INTENT_RANKING_KEY, [doctor, *ranking], add_to_output=True)


def may_be_set_aside(red_flag: RedFlag, message: Message) -> bool:
    """Only a sign of the French word list calling for urgent care, told at some length, which
    the classifier does not read as urgent either: a suicidal message, one in another language
    (the reader reads French), a short one ("je manque d'air") or one the classifier finds
    urgent keeps its alarm, whatever the reader says."""
    return (
        red_flag.category != SUICIDE
        and from_word_list(red_flag)
        and predicted_intent(message) != URGENT_INTENT
        and tells_a_story(message.get(TEXT) or "")
    )


def set_aside(message: Message, red_flag: RedFlag, probability: float) -> None:
    """A red flag taken for a calm mention of its sign, recorded with the message (rule, category
    and the alarm reader's probability that decided; none of its words) for staff."""
    logger.info("Red flag %s set aside as a calm mention (alarm reader: p=%.3f).", red_flag.rule, probability)
    record = {"rule": red_flag.rule, "category": red_flag.category, "probability": round(probability, 4)}
    message.set(SET_ASIDE_KEY, record, add_to_output=True)
    message.set(CALM_SYMPTOM_KEY, True, add_to_output=True)


def learned_alarm(message: Message, reading: Optional[AlarmReading]) -> Optional[RedFlag]:
    """An emergency the word list does not know, as the alarm reader weighs the message."""
    if reading is None or not reading.is_alarm:
        return None
    return RedFlag(READER_RULE, reading.category, message.get(TEXT), round(reading.probability, 3))


def reading_without_denials(
    message: Message, doc: Any, reading: AlarmReading, reader: Optional[AlarmReader]
) -> Optional[float]:
    """The reader's probability once the signs the word list reads as denied are cut out ("je
    n'ai ni la gorge qui serre ni les lèvres gonflées, mais ..."): the reader weighs words, not
    their negation. None, and the alarm stands, when nothing is cut (no sign denied, or one
    named undenied), when the reading is partly suicidal ("je ne veux pas me tuer mais j'y
    pense") or when the classifier finds the message urgent too."""
    if reader is None or not isinstance(doc, Doc) or reading.may_be_suicidal:
        return None
    if predicted_intent(message) == URGENT_INTENT:
        return None
    spans = denied_signs(doc)
    return reader.read(view_without(message, spans)).probability if spans else None


def fallback_threshold(schema: GraphSchema) -> Optional[float]:
    """The intent threshold of the pipeline's FallbackClassifier (its default when not set);
    None in the training graph, which holds only the components that train."""
    for node in schema.nodes.values():
        if issubclass(node.uses, FallbackClassifier):
            return float({**FallbackClassifier.get_default_config(), **node.config}[THRESHOLD_KEY])
    return None


def route_without_emergency(message: Message, doc: Any, threshold: float) -> None:
    """A message with no emergency: the safety net's doctor, or the classifier's route, a calm
    mention of an alarm sign getting its FAQ answer with when to worry."""
    symptom = session_symptom(doc)
    if symptom:
        # The safety net: a symptom since the session that no rule knows goes to a
        # doctor, the emergency number first; never to a clarification or a fallback.
        route_to_doctor(message)
        message.set(SESSION_SYMPTOM_KEY, symptom, add_to_output=True)
    elif predicted_intent(message) == URGENT_INTENT:
        if mentions_symptom(doc):
            # The rule read the alarm words as denied or asked about in general
            # ("je n'ai eu aucune fièvre"): the classifier's next guess answers, as a
            # calm mention of the sign when it is an FAQ answer or not understood.
            demote_urgent(message, threshold)
            if predicted_intent(message) in CALM_MENTION_INTENTS and faq_confidence(message):
                answer_calm_symptom(message)
        else:
            # Worrying to the classifier, yet no alarm sign the reviewed list knows
            # ("je n'ai plus mal depuis la séance"): a doctor, with the emergency
            # number reminded, never an FAQ answer nor a false alarm.
            route_to_doctor(message)
    elif (
        predicted_intent(message) == DOCTOR_INTENT
        and faq_confidence(message) >= threshold
        and mentions_symptom(doc)
    ):
        # An alarm sign told as over, denied, someone else's or feared before a session
        # ("j'avais eu un bleu, c'est parti ; combien coûte ... ?"): the question's
        # normal answer, with when to worry, not a doctor instead of it.
        answer_calm_symptom(message)
    elif (
        predicted_intent(message) in CALM_MENTION_INTENTS and faq_confidence(message) and mentions_symptom(doc)
    ):
        # An alarm sign told calmly, the question unclear or not understood ("une amie
        # avait eu la peau violette, ça m'a fait peur"): the FAQ answers, with when to
        # worry; unsure of the question, with the side effects' (actions/faq.py).
        answer_calm_symptom(message)


@DefaultV1Recipe.register([DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER], is_trainable=True)
class RedFlagDetector(GraphComponent):
    @classmethod
    def required_components(cls) -> List[type]:
        return [SpacyNLPForText]

    @staticmethod
    def get_default_config() -> Dict[str, Any]:
        return {"training_files": files_fingerprint(TRAINING_FILES)}

    @classmethod
    def create(
        cls,
        config: Dict[str, Any],
        model_storage: ModelStorage,
        resource: Resource,
        execution_context: ExecutionContext,
    ) -> RedFlagDetector:
        # Only ever created to train: the threshold is read when the trained model is loaded.
        return cls(fallback_threshold(execution_context.graph_schema), model_storage, resource)

    @classmethod
    def load(
        cls,
        config: Dict[str, Any],
        model_storage: ModelStorage,
        resource: Resource,
        execution_context: ExecutionContext,
        **kwargs: Any,
    ) -> RedFlagDetector:
        threshold = fallback_threshold(execution_context.graph_schema)
        if threshold is None:
            raise ValueError("RedFlagDetector needs a FallbackClassifier in the pipeline (config.yml).")
        with model_storage.read_from(resource) as directory:
            reader = AlarmReader.load(Path(directory) / READER_FILE)
        # One threshold, FallbackClassifier's in config.yml, read from the pipeline being run.
        return cls(threshold, model_storage, resource, reader)

    def __init__(
        self,
        fallback_threshold: Optional[float],
        model_storage: Optional[ModelStorage] = None,
        resource: Optional[Resource] = None,
        reader: Optional[AlarmReader] = None,
    ) -> None:
        self.fallback_threshold = fallback_threshold
        self.model_storage = model_storage
        self.resource = resource
        self.reader = reader

    def train(self, training_data: TrainingData) -> Resource:
        """The alarm reader learns from data/safety's labelled messages and, as calm questions,
        from every NLU example but the urgent ones."""
        if self.model_storage is None or self.resource is None:
            raise ValueError("RedFlagDetector.train needs the model storage it was created with.")
        calm = [(whole_view(message), CALM) for message in training_data.intent_examples
                if message.get(INTENT) != URGENT_INTENT]
        cases = alarm_messages()
        docs = french_pipeline().pipe(case.text for case in cases)
        labelled = [
            (whole_view(Message({TEXT: case.text, SPACY_DOCS[TEXT]: doc})), label_of(case))
            for case, doc in zip(cases, docs, strict=True)
        ]
        self.reader = AlarmReader.train(calm + labelled)
        with self.model_storage.write_to(self.resource) as directory:
            self.reader.save(Path(directory) / READER_FILE)
        return self.resource

    def process(self, messages: List[Message]) -> List[Message]:
        threshold = self.fallback_threshold
        if threshold is None:
            raise ValueError("This RedFlagDetector was created to train: load the trained model to read messages.")
        for message in messages:
            text = message.get(TEXT)
            if not text:
                continue
            doc = message.get(SPACY_DOCS[TEXT]) or text
            rule_flag = detect_red_flag(doc)
            reading = self.reader.read(whole_view(message)) if self.reader else None
            if rule_flag and reading and reading.is_surely_calm and may_be_set_aside(rule_flag, message):
                # The sign is told as over, before any session, chronic or someone else's: the
                # message goes on as a calm mention of it (an FAQ answer then says when to worry).
                set_aside(message, rule_flag, reading.probability)
                rule_flag = None
            alarm = learned_alarm(message, reading) if not rule_flag else None
            undenied = reading_without_denials(message, doc, reading, self.reader) if alarm and reading else None
            if alarm and undenied is not None and undenied < DENIED_SIGNS_CALM:
                # Every alarm sign the message names is denied, and without them the reader is
                # sure enough the message is calm: a calm mention of the signs.
                set_aside(message, alarm, undenied)
                alarm = None
            red_flag = rule_flag or alarm
            if red_flag:
                mark_urgent(message, red_flag)
                continue
            route_without_emergency(message, doc, threshold)
            if mentions_suicidal_words(doc):
                message.set(SUICIDAL_WORDS_KEY, True, add_to_output=True)
        return messages
