"""What the console shows of a reply: the patient's view, then why it was chosen."""

from __future__ import annotations

import pytest

from bot.engine.replies import Reply, reply_from
from bot.knowledge.topics import EVALUATION_LABELS, REPLY_ONLY_TOPICS, TOPIC_NAMES
from bot.staff.catalogue import labels_in_order, load_catalogue
from bot.staff.views import reply_view, topics_view

SOURCES = [
    {"id": "ssbm", "label": "SSBM", "passages": ["Le coût d’une séance peut varier du simple au double."]}
]


@pytest.fixture(scope="module")
def catalogue():
    return load_catalogue()


def test_every_topic_has_a_name_staff_understand():
    assert set(TOPIC_NAMES) == EVALUATION_LABELS | set(REPLY_ONLY_TOPICS)
    assert set(labels_in_order()) == EVALUATION_LABELS


def test_a_faq_reply_shows_answer_next_candidates_and_full_passages(catalogue):
    reply = Reply(
        text="Le prix varie.\nSource : SSBM",
        topic="cost",
        intent="faq/cost",
        confidence=0.81,
        sources=SOURCES,
        messages=[
            {
                "text": "Le prix varie.\nSource : SSBM",
                "source_line": "Source : SSBM",
                "buttons": [{"title": "En savoir plus", "payload": "/choose_faq"}],
            }
        ],
        ranking=[
            {"name": "faq/cost", "confidence": 0.81},
            {"name": "faq/cost_total", "confidence": 0.12},
            {"name": "faq/reimbursement", "confidence": 0.04},
        ],
    )
    view = reply_view("combien ?", reply, catalogue)
    assert view["messages"] == [
        {
            "text": "Le prix varie.\nSource : SSBM",
            "buttons": ["En savoir plus"],
            "source_line": "Source : SSBM",
        }
    ]
    assert (view["topic_name"], view["answer"]["title"]) == ("Prix", "Le prix d'une séance")
    assert [(a["key"], a["title"], a["confidence"]) for a in view["alternatives"]] == [
        ("faq/cost_total", "Le coût d'un traitement complet", 0.12),
        ("faq/reimbursement", "Remboursement des soins médicaux", 0.04),
    ]
    assert view["sources"] == SOURCES
    assert view["escalation"]["fired"] is False


def test_a_question_back_shows_the_proposed_answers_titles_and_confidences(catalogue):
    reply = reply_from(
        [
            {
                "text": "Je ne suis pas sûr d'avoir bien compris. Vouliez-vous dire :",
                "topic": "clarify",
                "candidates": ["cost", "reimbursement"],
                "candidate_answers": [
                    {"key": "faq/cost", "confidence": 0.35},
                    {"key": "faq/reimbursement", "confidence": 0.3},
                ],
            }
        ],
        {"intent": {"name": "faq", "confidence": 0.9}},
    )
    view = reply_view("et pour ça ?", reply, catalogue)
    assert [(c["key"], c["title"], c["topic_name"], c["confidence"]) for c in view["candidates"]] == [
        ("faq/cost", "Le prix d'une séance", "Prix", 0.35),
        ("faq/reimbursement", "Remboursement des soins médicaux", "Remboursement", 0.3),
    ]


def test_a_red_flag_shows_its_rule_and_category(catalogue):
    reply = Reply(
        text="Appelez le 15.",
        topic="escalation_urgent",
        intent="escalation_urgent",
        confidence=1.0,
        red_flag={"rule": "breathing", "category": "allergy"},
    )
    escalation = reply_view("je respire mal", reply, catalogue)["escalation"]
    assert escalation == {
        "fired": True,
        "topic": "escalation_urgent",
        "rule": "breathing",
        "category": "allergy",
        "probability": None,
    }


def test_a_learned_alarm_shows_its_probability(catalogue):
    reply = Reply(
        text="Appelez le 15.",
        topic="escalation_urgent",
        intent="escalation_urgent",
        confidence=1.0,
        red_flag={"rule": "alarm_reader", "category": "urgent", "matched": "...", "probability": 0.83},
    )
    escalation = reply_view("jvois pu rien", reply, catalogue)["escalation"]
    assert escalation["rule"] == "alarm_reader" and escalation["probability"] == 0.83


def test_an_escalation_topic_counts_as_escalation_without_a_red_flag(catalogue):
    reply = Reply(
        text="Un médecin peut vous rappeler.",
        topic="escalation_doctor",
        intent="escalation_doctor",
        confidence=0.9,
    )
    assert reply_view("et moi ?", reply, catalogue)["escalation"]["fired"] is True


def test_topics_list_each_label_with_its_answers_and_examples(catalogue):
    topics = {t["topic"]: t for t in topics_view(catalogue)}
    assert set(topics) == EVALUATION_LABELS
    assert {"faq/cost", "faq/cost_total"} <= {a["key"] for a in topics["cost"]["answers"]}
    assert "greet" in {a["key"] for a in topics["smalltalk"]["answers"]}
    # Smalltalk is several intents: their examples add up.
    assert topics["smalltalk"]["examples"] == sum(
        catalogue.examples_per_topic.get(a["key"], 0) for a in topics["smalltalk"]["answers"]
    )
    assert all(t["examples"] > 0 for t in topics.values())
