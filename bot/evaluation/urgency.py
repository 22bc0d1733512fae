"""Urgency figures on a labelled CSV (`text,urgent[,category,kind]`): recall, false alarms.

Measured twice: for the red-flag rule alone (bot/safety/red_flags.py) and for the whole
pipeline (the first reply is the emergency message). A missed emergency is the worst failure,
so recall is shown per clinical category when the file gives one.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Dict, FrozenSet, Iterable, List, Optional, Sequence, Tuple

from bot.knowledge.topics import FAQ_TOPICS, URGENT
from bot.safety.urgency_cases import UrgencyCase, read_urgency_cases

# Issue 10: every emergency caught, and at most this share of calm messages treated as one.
MAX_FALSE_ALARM_RATE = 0.03


@dataclass(frozen=True)
class UrgencyFigures:
    """Which cases were treated as emergencies, and the rates that follow."""

    cases: Sequence[UrgencyCase]
    flagged: Sequence[bool]

    @property
    def missed(self) -> List[UrgencyCase]:
        return [case for case, flag in zip(self.cases, self.flagged, strict=True) if case.urgent and not flag]

    @property
    def false_alarms(self) -> List[UrgencyCase]:
        return [case for case, flag in zip(self.cases, self.flagged, strict=True) if flag and not case.urgent]

    @property
    def urgent_count(self) -> int:
        return sum(case.urgent for case in self.cases)

    @property
    def calm_count(self) -> int:
        return len(self.cases) - self.urgent_count

    @property
    def recall(self) -> float:
        return 1 - len(self.missed) / self.urgent_count if self.urgent_count else 1.0

    @property
    def false_alarm_rate(self) -> float:
        return len(self.false_alarms) / self.calm_count if self.calm_count else 0.0

    def by_category(self) -> Dict[str, UrgencyFigures]:
        groups: Dict[str, List[int]] = defaultdict(list)
        for index, case in enumerate(self.cases):
            if case.category:
                groups[case.category].append(index)
        return {
            category: UrgencyFigures([self.cases[i] for i in indexes], [self.flagged[i] for i in indexes])
            for category, indexes in sorted(groups.items())
        }


def measure(cases: Sequence[UrgencyCase], is_emergency: Callable[[str], bool]) -> UrgencyFigures:
    return UrgencyFigures(cases, [is_emergency(case.text) for case in cases])


def rule_alone(text: str) -> bool:
    from bot.safety.red_flags import detect_red_flag  # loads spaCy

    return detect_red_flag(text) is not None


def summary_line(figures: UrgencyFigures) -> str:
    urgent, calm = figures.urgent_count, figures.calm_count
    return (
        f"rappel {figures.recall:.1%} ({urgent - len(figures.missed)}/{urgent}), "
        f"fausses alertes {figures.false_alarm_rate:.1%} ({len(figures.false_alarms)}/{calm})"
    )


def report_lines(title: str, figures: UrgencyFigures, list_errors: bool = True) -> Iterable[str]:
    yield f"Urgences, {title} : {summary_line(figures)}"
    per_category = figures.by_category()
    if per_category:
        yield f"  {'catégorie':<16}{'rappel':>14}{'fausses alertes':>20}"
    for category, group in per_category.items():
        urgent, calm = group.urgent_count, group.calm_count
        yield (
            f"  {category:<16}{f'{group.recall:.0%} ({urgent - len(group.missed)}/{urgent})':>14}"
            f"{f'{group.false_alarm_rate:.0%} ({len(group.false_alarms)}/{calm})':>20}"
        )
    if list_errors:
        yield from (f"  manquée : {case.text}" for case in figures.missed)
        yield from (f"  fausse alerte : {case.text}" for case in figures.false_alarms)


def calm_answer_lines(
    cases: Sequence[UrgencyCase], reply_topics: Sequence[str], right_topics: Optional[Sequence[FrozenSet[str]]] = None
) -> Iterable[str]:
    """Calm messages (past, someone else, denied, general...) should get their normal answer,
    not a doctor, a clarification or "not understood": the share that did, per kind. When the
    file labels each calm row with the reply its labelling rules call right (`topic`, `accept`:
    a patient's own "is it for me with my condition?" is for the doctor), that share too."""
    rights = right_topics or [frozenset()] * len(cases)
    calm = [
        (case, topic, right)
        for case, topic, right in zip(cases, reply_topics, rights, strict=True)
        if not case.urgent
    ]
    if not calm:
        return
    answered = sum(topic in FAQ_TOPICS for _, topic, _ in calm)
    routes = Counter(topic for _, topic, _ in calm if topic not in FAQ_TOPICS)
    other = ", ".join(f"{topic} {count}" for topic, count in routes.most_common())
    yield f"Messages calmes, réponse normale : {_share(answered, len(calm))} ; autres : {other or '-'}"
    labelled = [(case, topic in right) for case, topic, right in calm if right]
    if labelled:
        right_count = sum(is_right for _, is_right in labelled)
        yield f"Messages calmes, réponse attendue (étiquettes) : {_share(right_count, len(labelled))}"
    kinds: Dict[str, List[Tuple[bool, Optional[bool]]]] = defaultdict(list)
    for case, topic, right in calm:
        if case.kind:
            kinds[case.kind].append((topic in FAQ_TOPICS, topic in right if right else None))
    if kinds:
        yield f"  {'type':<20}{'réponse normale':>16}{'attendue' if labelled else '':>14}"
    for kind, results in sorted(kinds.items()):
        normal = sum(faq for faq, _ in results)
        expected = [is_right for _, is_right in results if is_right is not None]
        right_share = _share(sum(expected), len(expected), digits=0) if expected else ""
        yield f"  {kind:<20}{_share(normal, len(results), digits=0):>16}{right_share:>14}"


def _share(count: int, total: int, digits: int = 1) -> str:
    return f"{count / total:.{digits}%} ({count}/{total})"


def print_urgency_figures(
    path: Path, reply_topics: Optional[Sequence[str]] = None, right_topics: Optional[Sequence[FrozenSet[str]]] = None
) -> Optional[UrgencyFigures]:
    """The rule alone, then the whole pipeline when the topics of its first replies are given
    (one per row): an emergency is caught when the first reply is the emergency message.
    Returns the whole pipeline's figures, when given."""
    cases = read_urgency_cases(path)
    print()
    print("\n".join(report_lines("règle seule", measure(cases, rule_alone))))
    if reply_topics is None:
        return None
    pipeline = UrgencyFigures(cases, [topic == URGENT for topic in reply_topics])
    print("\n".join(report_lines("modèle complet", pipeline)))
    print("\n".join(calm_answer_lines(cases, reply_topics, right_topics)))
    return pipeline
