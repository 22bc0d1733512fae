"""action_answer_faq: the sourced answer, or "Vouliez-vous dire ... ?" when unsure."""

from __future__ import annotations

from dataclasses import replace
from typing import Any, Dict, List, Optional

from rasa_sdk import Action, Tracker
from rasa_sdk.events import SlotSet
from rasa_sdk.executor import CollectingDispatcher

from bot.knowledge.answer_choice import calm_symptom_answer, choose_answer, ranking_from_parse_data
from bot.knowledge.answers import FaqAnswer, answer_message, clarification_message, faq_answer, topic_lookup
from bot.knowledge.first_contact import with_first_contact_notice
from bot.knowledge.other_questions import compared_treatment_note, further_answer_keys
from bot.knowledge.topics import CHOOSE_FAQ_INTENT
from bot.safety.safety_net import CALM_SYMPTOM_KEY, SUICIDAL_WORDS_KEY
from bot.settings import load_settings

# True after an answer that offers a callback: the rule "yes to the callback an answer offered"
# then takes a typed "oui" to the callback form. Every reply of this action sets it again.
CALLBACK_OFFERED_SLOT = "callback_offered"


class ActionAnswerFaq(Action):
    def name(self) -> str:
        return "action_answer_faq"

    def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict[str, Any]
    ) -> List[Dict[str, Any]]:
        responses = domain.get("responses", {})
        latest = tracker.latest_message
        answer: Optional[FaqAnswer]
        if latest.get("intent", {}).get("name") == CHOOSE_FAQ_INTENT:
            answer = faq_answer(responses, next(tracker.get_latest_entity_values("faq_key"), None) or "")
        else:
            ranking, topic_of = ranking_from_parse_data(latest), topic_lookup(responses)
            choice = choose_answer(ranking, topic_of)
            chosen = choice.answer
            if chosen is None and latest.get(CALM_SYMPTOM_KEY):
                # A calm mention of an alarm sign: the side effects' answer rather than a question back.
                chosen = calm_symptom_answer(choice, ranking, topic_of)
            if chosen is None:
                message = clarification_message(choice.candidates, responses)
                dispatcher.utter_message(**with_first_contact_notice(message, tracker.events))
                return [SlotSet(CALLBACK_OFFERED_SLOT, False)]
            answer = faq_answer(responses, chosen.key)
        if answer is None:  # an unknown button key, or a model trained on answers since removed
            dispatcher.utter_message(response="utter_help")
            return [SlotSet(CALLBACK_OFFERED_SLOT, False)]
        settings = load_settings()
        if latest.get(CALM_SYMPTOM_KEY):
            answer = replace(answer, when_to_worry=True)
        if latest.get(SUICIDAL_WORDS_KEY):
            answer = replace(answer, prevention_line=True)
        message = answer_message(answer, settings, responses)
        dispatcher.utter_message(**with_first_contact_notice(message, tracker.events))
        # The message's other questions, each answered with its own sources.
        further = [faq_answer(responses, key) for key in further_answer_keys(latest, answer.key)]
        for other in filter(None, further):
            dispatcher.utter_message(**answer_message(other, settings, responses))
        note = compared_treatment_note(latest)
        if note:
            dispatcher.utter_message(text=note, topic=answer.topic)
        offers_callback = any(a.offers_callback for a in [answer, *filter(None, further)])
        return [SlotSet(CALLBACK_OFFERED_SLOT, offers_callback)]
