"""From a message to what the assistant understood: intent, answers, further questions.

The topic model reads the whole message and each question inside it
(bot/understanding/questions.py). The whole message decides, unless it is unsure and one
of its questions is clearer (a story ending in a question). Other questions on other topics
are answered too, up to three in all. A neighbouring treatment named without mesotherapy
makes the message out of scope; named with it, the answer notes what the sources omit.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Callable, List, Optional, Sequence, Tuple

from bot.knowledge.topics import DOCTOR, FAQ_INTENT, FAQ_TOPICS, OUT_OF_SCOPE, SMALLTALK_INTENTS, URGENT
from bot.understanding.other_treatments import Neighbour, neighbour_in, without_treatment
from bot.understanding.questions import is_question, parts
from bot.understanding.topic_model import Reading, TopicModel

# A whole message at least this sure is read as one question.
CONFIDENT = 0.6
# A further question is answered only when its own topic is this clear.
FURTHER_QUESTION_MIN = 0.5
MAX_QUESTIONS = 3
# What a neighbouring treatment alone turns into out of scope.
NEIGHBOUR_CONFIDENCE = 0.9

# (surface, lemmas) of a piece of the message, given its character span.
ViewOf = Callable[[int, int], Tuple[str, str]]


@dataclass(frozen=True)
class Understanding:
    intents: List[Tuple[str, float]]  # best first; FAQ topics summed into FAQ_INTENT
    answers: List[Tuple[str, float]]  # FAQ answer keys best first, summing to 1 over the FAQ
    further_answers: List[str] = field(default_factory=list)  # keys of the other questions
    compared_treatment: Optional[str] = None  # the neighbour a comparison names

    @property
    def intent(self) -> Tuple[str, float]:
        return self.intents[0]


def faq_answers(reading: Reading) -> List[Tuple[str, float]]:
    faq_share = sum(reading.probability(topic) for topic in FAQ_TOPICS) or 1.0
    scored = [
        (key, reading.probability(topic) / faq_share * probability)
        for topic in FAQ_TOPICS
        for key, probability in reading.answers.get(topic, [])
    ]
    return sorted(scored, key=lambda item: -item[1])


def intents_of(reading: Reading) -> List[Tuple[str, float]]:
    faq = sum(reading.probability(topic) for topic in FAQ_TOPICS)
    others = [(label, p) for label, p in reading.labels if label not in FAQ_TOPICS]
    return sorted([(FAQ_INTENT, faq), *others], key=lambda item: -item[1])


def understand(model: TopicModel, text: str, view_of: ViewOf) -> Understanding:
    neighbour = neighbour_in(text)
    if neighbour is not None and neighbour.compared:
        view_of = mesotherapy_part(view_of, neighbour)
    spans = parts(text)
    question_spans = [span for span in spans if is_question(text[span[0]:span[1]])] if len(spans) > 1 else []
    readings = model.read([view_of(start, end) for start, end in [(0, len(text)), *question_spans]])
    whole, questions = readings[0], readings[1:]
    main = choose_main(whole, questions, story=len(question_spans) < len(spans))
    further = further_answers(main, [r for r in questions if r is not main])
    understanding = Understanding(intents_of(main), faq_answers(main), further)
    return with_neighbour(understanding, neighbour)


def mesotherapy_part(view_of: ViewOf, neighbour: Neighbour) -> ViewOf:
    """Views without the neighbour's name: the comparison is read by what it asks of
    mesotherapy, not pulled towards out of scope by the neighbour's word."""
    def view(start: int, end: int) -> Tuple[str, str]:
        surface_view, lemmas = view_of(start, end)
        return without_treatment(surface_view, neighbour.treatment), without_treatment(lemmas, neighbour.treatment)
    return view


def choose_main(whole: Reading, questions: Sequence[Reading], story: bool) -> Reading:
    """The whole message, unless it is unsure (or tells a story around its questions) and one
    of its questions is surer: the first confident question (patients ask the main thing
    first), else the clearest. A personal case or an emergency keeps the whole message."""
    label, probability = whole.best
    if label in (DOCTOR, URGENT) or not questions or (probability >= CONFIDENT and not story):
        return whole
    confident = next((r for r in questions if r.best[1] >= CONFIDENT), None)
    clearest = confident or max(questions, key=lambda r: r.best[1])
    return clearest if clearest.best[1] > probability else whole


def further_answers(main: Reading, others: Sequence[Reading]) -> List[str]:
    topics = {main.best[0]}
    keys: List[str] = []
    for reading in others:
        topic, probability = reading.best
        if topic in FAQ_TOPICS and topic not in topics and probability >= FURTHER_QUESTION_MIN:
            topics.add(topic)
            keys.append(faq_answers(reading)[0][0])
        if len(keys) == MAX_QUESTIONS - 1:
            break
    return keys


def with_neighbour(understanding: Understanding, neighbour: Optional[Neighbour]) -> Understanding:
    intent = understanding.intent[0]
    if neighbour is None or intent == URGENT or intent in SMALLTALK_INTENTS:
        return understanding
    if neighbour.compared:
        return Understanding(understanding.intents, understanding.answers, understanding.further_answers,
                             neighbour.treatment.name)
    others = [(name, p * (1 - NEIGHBOUR_CONFIDENCE)) for name, p in understanding.intents if name != OUT_OF_SCOPE]
    return Understanding([(OUT_OF_SCOPE, NEIGHBOUR_CONFIDENCE), *others], understanding.answers)
