"""Flagged questions as Rasa NLU training data (YAML), for a person to review before data/."""

from __future__ import annotations

from datetime import date
from typing import Dict, List, Optional, Sequence

from bot.knowledge.topics import FAQ_PREFIX
from bot.staff.catalogue import Catalogue, default_intent
from bot.storage.flags import AnswerFlag
from bot.text.input_guard import normalise

HEADER = """\
# Questions signalées comme mal comprises dans la console du cabinet (export du {day}).
# À RELIRE avant de les ajouter à data/ : vérifiez que chaque question est sous la bonne
# intention, copiez les exemples dans le fichier du sujet (data/faq/<sujet>.yml pour la FAQ,
# data/nlu/ pour le reste), puis réentraînez le modèle (make train).
"""


def example_line(question: str) -> str:
    # Rasa reads "[texte](entité)" as an entity annotation: patients' brackets become parentheses.
    return normalise(question).replace("[", "(").replace("]", ")")


def group_questions(flags: Sequence[AnswerFlag]) -> tuple[Dict[str, List[str]], Dict[str, List[str]]]:
    """Questions by intent, and by topic for the topics whose intent staff must still choose."""
    by_intent: Dict[str, List[str]] = {}
    undecided: Dict[str, List[str]] = {}
    seen = set()
    for flag in sorted(flags, key=lambda f: f.id or 0):
        example = example_line(flag.question)
        intent = flag.expected_answer_key or default_intent(flag.expected_topic)
        group_key = intent or f"topic:{flag.expected_topic}"
        if not example or (group_key, example.casefold()) in seen:
            continue
        seen.add((group_key, example.casefold()))
        if intent:
            by_intent.setdefault(intent, []).append(example)
        else:
            undecided.setdefault(flag.expected_topic, []).append(example)
    return by_intent, undecided


def review_note(intent: str, catalogue: Catalogue) -> Optional[str]:
    """Says which answers a topic has when the chosen intent is only a guess from the topic."""
    topic = catalogue.topic_of(intent)
    if topic is None:
        topic = intent.removeprefix(FAQ_PREFIX)
        choices = ", ".join(answer.key for answer in catalogue.answers_of(topic))
        return f"# « {intent} » n'existe pas : choisissez la réponse parmi {choices}." if choices else None
    others = [answer.key for answer in catalogue.answers_of(topic) if answer.key != intent]
    return f"# Autres réponses du même sujet : {', '.join(others)}." if others else None


def intent_block(intent: str, examples: List[str], catalogue: Catalogue) -> List[str]:
    note = review_note(intent, catalogue)
    return (
        ([note] if note else []) + [f"- intent: {intent}", "  examples: |"] + [f"    - {e}" for e in examples]
    )


def undecided_block(topic: str, examples: List[str], catalogue: Catalogue) -> List[str]:
    choices = ", ".join(answer.key for answer in catalogue.answers_of(topic))
    lines = [
        f"# Sujet « {topic} » : remplacez INTENTION par l'une de {choices}, puis retirez les #.",
        "# - intent: INTENTION",
        "#   examples: |",
    ]
    return lines + [f"#     - {e}" for e in examples]


def nlu_yaml(flags: Sequence[AnswerFlag], catalogue: Catalogue, day: date) -> str:
    by_intent, undecided = group_questions(flags)
    lines = [HEADER.format(day=day.isoformat()), 'version: "3.1"', "nlu:" if by_intent else "nlu: []"]
    for intent in sorted(by_intent):
        lines += intent_block(intent, by_intent[intent], catalogue)
    for topic in sorted(undecided):
        lines += [""] + undecided_block(topic, undecided[topic], catalogue)
    return "\n".join(lines) + "\n"
