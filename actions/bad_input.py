"""action_explain_bad_input: says clearly why a message could not be read."""

from __future__ import annotations

from typing import Any, Dict, List

from rasa_sdk import Action, Tracker
from rasa_sdk.executor import CollectingDispatcher

from bot.input_guard import MAX_MESSAGE_CHARS

EXPLANATIONS = {
    "empty": (
        "Votre message est vide. Écrivez votre question sur la mésothérapie, "
        "par exemple « Est-ce que ça fait mal ? »."
    ),
    "too_long": (
        f"Votre message est trop long pour moi (plus de {MAX_MESSAGE_CHARS} caractères). "
        "Pouvez-vous résumer votre question en une ou deux phrases ?"
    ),
    "html": "Votre message contient du code (HTML), que je ne lis pas. Écrivez votre question en texte simple.",
    "no_text": "Je ne lis que du texte : pouvez-vous écrire votre question avec des mots ?",
    "unreadable": "Je n'arrive pas à lire ce message (caractères illisibles). Pouvez-vous le réécrire ?",
}


class ActionExplainBadInput(Action):
    def name(self) -> str:
        return "action_explain_bad_input"

    def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict[str, Any]
    ) -> List[Dict[str, Any]]:
        problem = next(tracker.get_latest_entity_values("input_problem"), "no_text")
        dispatcher.utter_message(
            text=EXPLANATIONS.get(problem, EXPLANATIONS["no_text"]),
            buttons=[{"title": "Voir les sujets", "payload": "/help"}],
            topic="bad_input",
        )
        return []
