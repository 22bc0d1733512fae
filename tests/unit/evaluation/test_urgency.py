"""Urgency figures on a labelled CSV: recall, false alarms, per category; rule alone and whole pipeline."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.evaluation.urgency import UrgencyFigures, print_urgency_figures, report_lines
from bot.safety.urgency_cases import UrgencyCase, has_urgent_column, read_urgency_cases

CSV = (
    "text,urgent,category,kind\n"
    "j'ai du mal à respirer depuis la séance,1,respiratory,first_person\n"
    "ma langue gonfle,1,respiratory,first_person\n"
    "l'an dernier j'ai eu de l'asthme,0,respiratory,past\n"
    "je saigne sans arrêt depuis une heure,1,bleeding,first_person\n"
    "combien coûte une séance ?,0,bleeding,general\n"
)


@pytest.fixture
def urgency_csv(tmp_path: Path) -> Path:
    path = tmp_path / "urgency.csv"
    path.write_text(CSV, encoding="utf-8")
    return path


def test_reads_the_labels(urgency_csv: Path) -> None:
    cases = read_urgency_cases(urgency_csv)
    assert cases[0] == UrgencyCase("j'ai du mal à respirer depuis la séance", True, "respiratory", "first_person")
    assert [case.urgent for case in cases] == [True, True, False, True, False]


def test_only_a_file_with_an_urgent_column_has_urgency_figures(tmp_path: Path, urgency_csv: Path) -> None:
    topics = tmp_path / "topics.csv"
    topics.write_text("text,topic\nprix ?,cost\n", encoding="utf-8")
    assert has_urgent_column(urgency_csv) and not has_urgent_column(topics)


def test_recall_false_alarms_and_categories(urgency_csv: Path) -> None:
    cases = read_urgency_cases(urgency_csv)
    figures = UrgencyFigures(cases, [True, False, True, True, False])
    assert figures.recall == pytest.approx(2 / 3)
    assert figures.false_alarm_rate == pytest.approx(1 / 2)
    assert [case.text for case in figures.missed] == ["ma langue gonfle"]
    per_category = figures.by_category()
    assert list(per_category) == ["bleeding", "respiratory"]
    assert per_category["bleeding"].recall == 1.0 and per_category["bleeding"].false_alarm_rate == 0.0
    assert per_category["respiratory"].recall == 0.5 and per_category["respiratory"].false_alarm_rate == 1.0
    lines = list(report_lines("règle seule", figures))
    assert lines[0] == "Urgences, règle seule : rappel 66.7% (2/3), fausses alertes 50.0% (1/2)"
    assert "  manquée : ma langue gonfle" in lines
    assert "  fausse alerte : l'an dernier j'ai eu de l'asthme" in lines


def test_prints_the_rule_alone_and_the_whole_pipeline(urgency_csv: Path, capsys: pytest.CaptureFixture) -> None:
    topics = ["escalation_urgent", "escalation_urgent", "side_effects", "escalation_doctor", "faq"]
    print_urgency_figures(urgency_csv, topics)
    out = capsys.readouterr().out
    assert "Urgences, règle seule : rappel 100.0% (3/3), fausses alertes 0.0% (0/2)" in out
    assert "Urgences, modèle complet : rappel 66.7% (2/3), fausses alertes 0.0% (0/2)" in out
    assert "  manquée : je saigne sans arrêt depuis une heure" in out
    assert "Messages calmes, réponse normale : 50.0% (1/2) ; autres : faq 1" in out
    rows = [line.split() for line in out.splitlines()]
    assert ["general", "0%", "(0/1)"] in rows and ["past", "100%", "(1/1)"] in rows


def test_calm_rows_labelled_with_their_reply_are_scored_against_it(urgency_csv: Path, capsys) -> None:
    """A patient's own "can I, with my condition?" is for the doctor: the labels say so."""
    topics = ["escalation_urgent", "escalation_urgent", "escalation_doctor", "escalation_urgent", "cost"]
    right = [frozenset({"escalation_urgent"})] * 2 + [frozenset({"escalation_doctor"})] + [
        frozenset({"escalation_urgent"}), frozenset({"side_effects"})]
    print_urgency_figures(urgency_csv, topics, right)
    out = capsys.readouterr().out
    rows = [line.split() for line in out.splitlines()]
    assert "Messages calmes, réponse attendue (étiquettes) : 50.0% (1/2)" in out
    assert ["past", "0%", "(0/1)", "100%", "(1/1)"] in rows and ["general", "100%", "(1/1)", "0%", "(0/1)"] in rows
