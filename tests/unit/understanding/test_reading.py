"""The topic model and the reading of whole messages, on a small real training set."""

from __future__ import annotations

import pytest

from bot.understanding.reading import understand
from bot.understanding.topic_model import Example, TopicModel
from bot.understanding.words import surface

TRAINING = {
    ("cost", "faq/cost"): ["combien coute une seance", "quel est le prix", "c'est cher la seance",
                           "tarif d'une seance", "prix de la meso", "ca coute combien"],
    ("cost", "faq/cost_total"): ["budget total du traitement complet", "combien pour toute la cure",
                                 "prix de toutes les seances au total", "cout total de la cure"],
    ("reimbursement", "faq/reimbursement"): ["la secu rembourse", "c'est rembourse par la mutuelle",
                                             "prise en charge assurance maladie", "remboursement possible",
                                             "la mutuelle paie", "est ce rembourse"],
    ("painful", "faq/painful"): ["ca fait mal", "les piqures sont douloureuses", "on a mal pendant",
                                 "est ce que ca pique", "douleur des aiguilles", "c'est douloureux"],
    ("out_of_scope", None): ["quel temps fait il", "horaires de la piscine", "recette de crepes",
                             "forfait de telephone", "train pour paris", "meteo demain"],
}


def view(text):
    def of(start, end):
        return surface(text[start:end]), surface(text[start:end])
    return of


@pytest.fixture(scope="module")
def model() -> TopicModel:
    examples = [Example(surface(t), surface(t), label, answer)
                for (label, answer), texts in TRAINING.items() for t in texts]
    return TopicModel.train(examples)


def test_the_topic_then_its_answer(model):
    understanding = understand(model, "combien coute une seance ?", view("combien coute une seance ?"))
    assert understanding.intent[0] == "faq"
    assert understanding.answers[0][0] == "faq/cost"
    assert abs(sum(p for _, p in understanding.answers) - 1) < 1e-6


def test_a_second_question_on_another_topic_is_answered_too(model):
    message = "combien coute une seance et est ce rembourse par la mutuelle ?"
    understanding = understand(model, message, view(message))
    answered = [understanding.answers[0][0], *understanding.further_answers]
    assert sorted(answered) == ["faq/cost", "faq/reimbursement"]


def test_a_neighbouring_treatment_alone_is_out_of_scope(model):
    message = "le botox ca fait mal ?"
    understanding = understand(model, message, view(message))
    assert understanding.intent == ("out_of_scope", 0.9)


def test_a_comparison_is_answered_with_the_treatment_named(model):
    message = "meso ou botox, ca fait mal ?"
    understanding = understand(model, message, view(message))
    assert understanding.answers[0][0] == "faq/painful"
    assert understanding.compared_treatment == "le Botox (toxine botulique)"


def test_a_comparison_is_read_without_the_neighbours_name(model):
    # The neighbour's word alone reads as out of scope; the comparison asks of mesotherapy.
    plain = "le botox, ca coute combien ?"
    assert understand(model, plain, view(plain)).intent[0] == "out_of_scope"
    message = "meso ou botox, ca coute combien ?"
    understanding = understand(model, message, view(message))
    assert understanding.intent[0] == "faq" and understanding.answers[0][0] == "faq/cost"


def test_saved_and_loaded_model_reads_the_same(model, tmp_path):
    model.save(tmp_path / "model.skops")
    loaded = TopicModel.load(tmp_path / "model.skops")
    views = [("ca fait mal", "ca fait mal"), ("prix total", "prix total")]
    assert [r.labels for r in loaded.read(views)] == [r.labels for r in model.read(views)]


def test_vocabularies_are_stored_as_arrays_not_as_dicts(model, tmp_path):
    # skops rebuilds dicts entry by entry (seconds for real vocabularies), arrays at once.
    import skops.io as sio

    model.save(tmp_path / "model.skops")
    stored = sio.load(tmp_path / "model.skops", trusted=sio.get_untrusted_types(file=tmp_path / "model.skops"))
    assert stored["features"].characters.vocabulary_ == {}
    assert set(stored["vocabularies"]["characters"].tolist()) == set(model.features.characters.vocabulary_)


def test_designs_are_compared_on_the_same_folds():
    from bot.evaluation.crossval import cross_validate

    examples = [Example(surface(t), surface(t), label, answer)
                for (label, answer), texts in TRAINING.items() for t in texts]
    scores = cross_validate(examples, ["topic_then_answer", "flat_answers", "tfidf_baseline"])
    assert [s.design for s in scores] == ["topic_then_answer", "flat_answers", "tfidf_baseline"]
    for score in scores:
        assert 0 <= score.accuracy <= 1 and set(score.f1_per_topic) == {"cost", "reimbursement", "painful",
                                                                         "out_of_scope"}
