"""Emergency red flags: negation, suicide category, question vs report, the Rasa component,
and recall / false-emergency rate of the rule alone over data/safety/urgency_messages.csv and the
blind sets U1 and U5, tuned on since (data/safety/README.md)."""

from __future__ import annotations

from pathlib import Path
from typing import Optional

import pytest
from rasa.shared.nlu.training_data.message import Message
from spacy.language import Language

from bot.evaluation.urgency import MAX_FALSE_ALARM_RATE
from bot.nlu.red_flag_detector import RedFlagDetector
from bot.paths import ROOT
from bot.safety.alarm_words import within_one_edit
from bot.safety.red_flags import RedFlag, denied_signs, detect_red_flag, load_terms
from bot.safety.urgency_cases import read_urgency_cases
from bot.text.french_spacy import french_pipeline

URGENCY_CSVS = [
    ROOT / "data" / "safety" / name for name in ("urgency_messages.csv", "blind_urgency_u1.csv", "blind_urgency_u5.csv")
]
MIN_URGENT, MIN_CALM = 50, 100


@pytest.fixture(scope="module")
def nlp() -> Language:
    # The detector's own cached pipeline, so plain-text calls do not load the model again.
    return french_pipeline()


def flag(nlp: Language, text: str) -> Optional[RedFlag]:
    return detect_red_flag(nlp(text))


@pytest.mark.parametrize(
    "text",
    [
        "je n'ai eu aucune fièvre",
        "jai pas de fievre",
        "pas de pus, pas de rougeur, juste un petit bleu",
        "je n'ai ni fièvre ni douleur",
        "sans fièvre ni frissons",
        "mes lèvres n'ont pas gonflé",
        "la rougeur ne s'étend pas",
        "je n'ai plus mal depuis la séance",
        "pas de difficulté à respirer",
        "je n'ai pas de mal à respirer",
        "je ne me suis pas évanouie",
        "la fièvre est tombée",
        # "rien qui ...": the relative clause is denied too.
        "rien qui coule, rien qui sent mauvais",
        # Said mild before the sign's last word.
        "j'ai la joue un tout petit peu gonflée",
        # Everyday words that are not the sign: a compress, a drop of blood.
        "je mets du chaud ou du froid sur le genou ?",
        "une goutte de sang sur le pansement ce matin",
        # A tendency, not an event: "du genre à".
        "je suis du genre à faire des malaises quand on me pique, je pourrai être allongée ?",
        # Someone else's story, told as over ("elle a dû être opérée", "elle est tombée").
        "ma voisine a eu un abcès après une séance ailleurs, elle a dû être opérée. Vous stérilisez comment ?",
        "l'an dernier ma soeur avait eu une croûte noire sur la joue, elle est tombée en dix jours",
    ],
)
def test_negated_or_resolved_symptoms_are_not_red_flags(nlp: Language, text: str) -> None:
    assert flag(nlp, text) is None


@pytest.mark.parametrize(
    "text, rule",
    [
        # The negation is the symptom itself.
        ("jarrive plus a respirer", "breathing_difficulty"),
        ("je ne respire plus", "breathing_difficulty"),
        ("ça saigne et ça ne s'arrête pas", "heavy_bleeding"),
        ("j'ai jamais eu aussi mal de ma vie", "severe_or_worsening_pain"),
        # "plus" that is not a negation.
        ("ça devient de plus en plus rouge", "spreading_redness_or_warmth"),
        # A negation whose scope ends before the symptom.
        ("je ne sais pas pourquoi j'ai de la fièvre", "fever"),
        ("je n'ai pas de fièvre mais ma lèvre gonfle", "face_throat_swelling"),
    ],
)
def test_negation_scope(nlp: Language, text: str, rule: str) -> None:
    red_flag = flag(nlp, text)
    assert red_flag is not None and red_flag.rule == rule


@pytest.mark.parametrize(
    "text",
    [
        "je veux me tuer",
        "j'ai envie de mourir",
        "je pense au suicide",
        "plus envie de vivre",
        "ça ne sert plus à rien de vivre",
        "je vais me foutre en l'air",
        # An old episode that is not told as over, or someone else's now, still alarms.
        "il y a dix ans j'ai fait une tentative de suicide et depuis hier j'y repense",
        "mon frère a fait une tentative de suicide hier soir",
        "je veux en finir avec la vie",
        "j'ai envie d'en finir avec tout ça",
    ],
)
def test_suicidal_thoughts_have_their_own_category(nlp: Language, text: str) -> None:
    red_flag = flag(nlp, text)
    assert red_flag is not None and red_flag.category == "suicide"


@pytest.mark.parametrize(
    "text",
    [
        "ce mal de genou me tue",
        "j'en ai marre de ce mal de dos",
        "peut-on mourir d'une mésothérapie ?",
        # An episode told as over, or someone else's years ago (the answer adds the 3114 line).
        "il y a sept ans j'ai eu des idées suicidaires, j'en suis sortie grâce à ma psy",
        "quand j'étais au lycée j'ai fait une tentative de suicide, c'est loin derrière moi",
        "mon oncle s'est suicidé il y a dix ans, je dois le noter dans le questionnaire ?",
    ],
)
def test_idioms_general_questions_and_episodes_told_as_over_are_not_suicidal(nlp: Language, text: str) -> None:
    assert flag(nlp, text) is None


# Urgent now, though each holds words of a resolution, a date, a tendency, a minimizer or an idiom
# the word list reads elsewhere as calm (found by a second read of the eighth session's changes).
@pytest.mark.parametrize(
    "text",
    [
        "J'ai eu la bouche de travers et le bras engourdi, ça a duré cinq minutes",
        "J'ai vu noir d'un oeil après l'injection, ça a duré deux minutes",
        "J'ai perdu la vue de l'oeil gauche, ça a duré cinq minutes",
        "J'ai eu une douleur violente dans la poitrine puis plus rien",
        "Je veux en finir avec cette souffrance, je n'en peux plus",
        'Je veux en finir avec ce calvaire',
        'Je vais tout terminer ce soir, définitivement',
        "C'est la première fois que je fais de la méso et ma gorge gonfle, j'étouffe",
        "Pour la première fois j'ai la langue qui gonfle",
        "J'ai du mal à respirer et maintenant ça va pas du tout",
        'Mes lèvres gonflent et maintenant ça va de pire en pire',
        "Je fais des séances depuis six mois et là j'ai la gorge qui gonfle et je respire mal",
        "Je suis à la fac, j'ai les lèvres qui gonflent et du mal à respirer",
        'Mon fils est au collège, il vient de faire un malaise et ne respire plus bien',
        "J'ai les lèvres qui gonflent et du mal à respirer, est-ce une contre-indication ?",
        'Ma cuisse est rouge et chaude et gonfle, ça contre-indique la prochaine séance ?',
        "Ma vue se trouble d'un coup, ça a baissé d'un coup de l'oeil gauche",
        "J'ai les lèvres et la langue qui gonflent, ça a pris deux minutes après l'injection",
        "J'ai du mal à respirer, la Ventoline m'a sauvée mais ça recommence",
        'Ma lèvre gonfle énormément et elle a repris de plus belle',
        "Elle a les lèvres bleues alors qu'elle était en pleine forme ce matin",
        'Mon bras est engourdi, je ne sens plus rien ce matin',
        "Je n'arrive plus à avaler, ce soir plus rien ne passe",
        "La rougeur a tendance à s'étendre vers le genou, c'est chaud et ça fait très mal",
        "Je suis essoufflée pour un rien et j'ai mal à la poitrine",
        'Ça gonfle énormément, un peu partout sur le visage',
        'je sais pas qui appeler ma gorge gonfle',
        'je ne sais plus qui appeler ma langue gonfle',
        "Je ne peux plus rien voir avec l'oeil gauche depuis l'injection",
        'Je passe du chaud au froid toute la nuit et la zone est rouge',
        "Je suis sensible à la douleur mais là c'est atroce",
        "J'ai pris du Doliprane il y a 2 heures, rien de changé, j'ai toujours aussi mal",
    ],
)
def test_signs_happening_now_alarm_whatever_calm_words_surround_them(nlp: Language, text: str) -> None:
    assert flag(nlp, text) is not None


@pytest.mark.parametrize(
    "text, rule",
    [
        ("depuis la séance la douleur ne fait que monter", "severe_or_worsening_pain"),
        ("j'ai mal au dos depuis hier et je n'arrive à le calmer avec rien", "severe_or_worsening_pain"),
        ("je suis sous xarelto et j'ai du sang dans les urines", "heavy_bleeding"),
    ],
)
def test_rising_pain_and_blood_under_anticoagulants_are_emergencies(nlp: Language, text: str, rule: str) -> None:
    red_flag = flag(nlp, text)
    assert red_flag is not None and red_flag.rule == rule


def test_physical_red_flags_are_urgent(nlp: Language) -> None:
    red_flag = flag(nlp, "g 40 de fievre depuis la seance")
    assert red_flag == RedFlag(rule="fever", category="urgent", matched="fievre")


@pytest.mark.parametrize(
    "question, report",
    [
        ("est-ce que la méso peut donner de la fièvre ?", "j'ai de la fièvre depuis la séance"),
        ("que faire si j'ai de la fièvre après la séance ?", "jai de la fievre est ce que ca peut venir de la meso"),
        ("la méso des lèvres, ça fait gonfler ?", "mes lèvres gonflent depuis la méso, c'est normal ?"),
        ("quels sont les effets secondaires, infection ?", "je crois que c'est infecté, ça fait du pus"),
        ("réaction allergique après mésothérapie, ça arrive ?", "je fais une réaction allergique"),
        ("est-ce qu'on risque d'avoir du mal à respirer après ?", "j'ai du mal à respirer"),
        (
            "mon épaule me fait souffrir depuis un mois, la méso pourrait m'aider ?",
            "douleur atroce à l'épaule depuis la séance",
        ),
        ("ma voisine m'a dit qu'elle avait eu de la fièvre après sa méso", "mon fils a 40 de fièvre après sa méso"),
        ("j'ai 40 ans, est-ce que je peux faire de la méso ?", "j'ai 39,5 ce matin"),
    ],
)
def test_general_question_is_not_an_emergency_but_the_report_is(nlp: Language, question: str, report: str) -> None:
    assert flag(nlp, question) is None
    assert flag(nlp, report) is not None


@pytest.mark.parametrize(
    "text",
    [
        "g de la fievre",
        "ma levre a gonflé",
        "je suis essouflée",
        "jai la levre qui a gonfler",
        "mes lèvres ont gonfflé",
        "jsuis tombé dans les pommes",
    ],
)
def test_sms_spelling_and_typos_are_understood(nlp: Language, text: str) -> None:
    assert flag(nlp, text) is not None


@pytest.mark.parametrize(
    "text",
    [
        "je suis fière de mes résultats",
        "injections de vitamines pour les cheveux",
        "j'ai peur d'avoir mal",
        "c'est une longue histoire",
        "j'ai la peau noire, ça marche aussi ?",
    ],
)
def test_real_words_are_not_read_as_typos(nlp: Language, text: str) -> None:
    assert flag(nlp, text) is None


def test_one_edit_distance() -> None:
    assert within_one_edit("fiebre", "fievre")
    assert within_one_edit("fivere", "fievre")
    assert within_one_edit("fivre", "fievre")
    assert not within_one_edit("frere", "fievre")


def test_every_rule_has_a_known_category_and_both_categories_exist() -> None:
    categories = {rule.category for rule in load_terms().rules}
    assert categories == {"urgent", "suicide"}
    assert all(rule.patterns for rule in load_terms().rules)


def test_plain_text_is_accepted() -> None:
    red_flag = detect_red_flag("ma langue gonfle")
    assert red_flag is not None and red_flag.rule == "face_throat_swelling"


def parsed_message(nlp: Language, text: str, intent: str, confidence: float) -> Message:
    ranking = [{"name": intent, "confidence": confidence}, {"name": "faq", "confidence": 0.1}]
    return Message(data={"text": text, "text_spacy_doc": nlp(text), "intent": ranking[0], "intent_ranking": ranking})


def test_component_overrides_a_low_confidence_intent(nlp: Language) -> None:
    message = parsed_message(nlp, "ma levre a gonflé", "nlu_fallback", 0.4)
    RedFlagDetector(0.4).process([message])
    assert message.get("intent") == {"name": "escalation_urgent", "confidence": 1.0}
    assert [i["name"] for i in message.get("intent_ranking")] == ["escalation_urgent", "nlu_fallback", "faq"]
    assert message.get("red_flag") == {
        "rule": "face_throat_swelling",
        "category": "urgent",
        "matched": "levre a gonflé",
    }
    assert {"intent", "intent_ranking", "red_flag"} <= set(message.as_dict(only_output_properties=True))


def test_component_does_not_duplicate_the_urgent_intent(nlp: Language) -> None:
    message = parsed_message(nlp, "je veux me tuer", "escalation_urgent", 0.8)
    RedFlagDetector(0.4).process([message])
    assert [i["name"] for i in message.get("intent_ranking")] == ["escalation_urgent", "faq"]
    assert message.get("red_flag")["category"] == "suicide"


def test_component_leaves_other_messages_untouched(nlp: Language) -> None:
    message = parsed_message(nlp, "combien coûte une séance ?", "faq", 0.9)
    before = dict(message.data)
    RedFlagDetector(0.4).process([message])
    assert message.data == before
    assert message.get("red_flag") is None


def test_a_general_question_about_an_alarm_sign_keeps_its_answer_and_says_when_to_worry(nlp: Language) -> None:
    message = parsed_message(nlp, "est-ce que ça donne de la fièvre ?", "faq", 0.9)
    RedFlagDetector(0.4).process([message])
    assert message.get("intent") == {"name": "faq", "confidence": 0.9} and message.get("red_flag") is None
    assert message.get("calm_symptom") is True


@pytest.mark.parametrize("urgency_csv", URGENCY_CSVS, ids=lambda path: path.name)
def test_urgency_messages_recall_and_false_emergencies(
    nlp: Language, capsys: pytest.CaptureFixture, urgency_csv: Path
) -> None:
    cases = read_urgency_cases(urgency_csv)
    urgent = [case.text for case in cases if case.urgent]
    calm = [case.text for case in cases if not case.urgent]
    assert len(urgent) >= MIN_URGENT and len(calm) >= MIN_CALM

    missed = [text for text in urgent if flag(nlp, text) is None]
    false_alarms = [(text, red_flag) for text in calm if (red_flag := flag(nlp, text))]
    recall = 100 * (len(urgent) - len(missed)) / len(urgent)
    false_rate = 100 * len(false_alarms) / len(calm)
    with capsys.disabled():
        print(
            f"\nRed flags ({urgency_csv.name}): recall {recall:.1f} % ({len(urgent) - len(missed)}/{len(urgent)}), "
            f"false emergencies {false_rate:.1f} % ({len(false_alarms)}/{len(calm)})"
        )
    assert not missed, f"Missed emergencies: {missed}"
    assert false_rate <= 100 * MAX_FALSE_ALARM_RATE, f"False emergencies: {false_alarms}"


@pytest.mark.parametrize("text, cut", [
    # The negation words and the sign's own words, nothing between nor after them.
    ("je n'ai ni la gorge qui serre ni les lèvres gonflées, juste un goût bizarre",
     {"ni", "gorge", "serre", "lèvres", "gonflées"}),
    ("pas de fièvre, pas de douleur qui augmente", {"pas", "fièvre", "douleur", "augmente"}),
    ("j'ai de la fièvre", None),  # named, not denied
    ("pas de fièvre mais j'ai du mal à respirer", None),  # one denied, one not
    ("je ne veux pas me tuer", None),  # suicidal words: maybe ambivalent, never cut
    ("je ne prends pas d'anticoagulant et ça saigne depuis une heure", None),  # across the message
    ("combien coûte une séance ?", set()),  # none named
])
def test_denied_signs_are_their_negations_and_their_own_words(nlp: Language, text: str, cut: Optional[set]) -> None:
    spans = denied_signs(nlp(text))
    assert (None if spans is None else {text[start:end] for start, end in spans}) == cut


def test_a_denied_alarm_sign_is_not_left_as_an_emergency_by_the_classifier():
    from rasa.shared.nlu.training_data.message import Message

    from bot.nlu.red_flag_detector import RedFlagDetector

    detector = RedFlagDetector(0.4)

    def classified(text: str, ranking: list) -> Message:
        message = Message(data={"text": text})
        message.set("intent", ranking[0])
        message.set("intent_ranking", ranking)
        return message

    denied = classified("je n'ai eu aucune fièvre après la séance, c'est normal ?", [
        {"name": "escalation_urgent", "confidence": 0.9}, {"name": "faq", "confidence": 0.08}])
    no_alarm_word = classified("je n'ai plus mal depuis la séance", [
        {"name": "escalation_urgent", "confidence": 0.9}, {"name": "help", "confidence": 0.05}])
    reported = classified("j'ai 40 de fièvre depuis la séance", [
        {"name": "faq", "confidence": 0.9}, {"name": "escalation_urgent", "confidence": 0.05}])
    detector.process([denied, no_alarm_word, reported])

    # Below the fallback threshold, yet a calm mention of the sign: its FAQ answer, with when to worry.
    assert denied.get("intent") == {"name": "faq", "confidence": 0.08} and denied.get("calm_symptom") is True
    assert no_alarm_word.get("intent") == {"name": "escalation_doctor", "confidence": 0.9}
    assert reported.get("intent") == {"name": "escalation_urgent", "confidence": 1.0}
    assert reported.get("red_flag")["category"] == "urgent"


def test_suicidal_words_told_as_over_get_their_answer_and_the_prevention_line_flag(nlp: Language) -> None:
    over = parsed_message(nlp, "il y a cinq ans j'ai eu des idées noires, aujourd'hui je vais très bien. "
                               "Je peux faire la méso ?", "faq", 0.8)
    fees = parsed_message(nlp, "combien coûte une séance ?", "faq", 0.9)
    RedFlagDetector(0.4).process([over, fees])
    assert over.get("intent")["name"] == "faq" and over.get("red_flag") is None
    assert over.get("suicidal_words") is True
    assert fees.get("suicidal_words") is None


def test_a_calm_alarm_sign_gets_the_answer_not_a_doctor_instead_of_it(nlp: Language) -> None:
    detector = RedFlagDetector(0.1)  # the FAQ is at 0.1 in parsed_message
    past = parsed_message(nlp, "j'avais eu de la fièvre après ma première séance, c'est passé. Ça coûte combien ?",
                          "escalation_doctor", 0.6)
    no_alarm_word = parsed_message(nlp, "une tendinite depuis deux ans, c'est pour moi ?", "escalation_doctor", 0.6)
    unsure_question = parsed_message(nlp, "ma soeur avait eu de la fièvre l'an dernier", "escalation_doctor", 0.95)
    unsure_question.set("intent_ranking", [{"name": "escalation_doctor", "confidence": 0.95},
                                           {"name": "faq", "confidence": 0.05}])
    not_understood = parsed_message(nlp, "une amie avait eu la peau violette après une injection", "nlu_fallback", 0.1)
    detector.process([past, no_alarm_word, unsure_question, not_understood])

    assert past.get("intent") == {"name": "faq", "confidence": 0.1}
    assert [i["name"] for i in past.get("intent_ranking")] == ["faq", "escalation_doctor"]
    assert past.get("calm_symptom") is True
    assert no_alarm_word.get("intent")["name"] == "escalation_doctor"
    assert unsure_question.get("intent")["name"] == "escalation_doctor"
    assert not_understood.get("intent") == {"name": "faq", "confidence": 0.1}
    assert not_understood.get("calm_symptom") is True
