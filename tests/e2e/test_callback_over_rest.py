"""End to end: a patient asks to be called back over the REST channel; staff get the request."""

from __future__ import annotations

import re

import pytest

from bot.callbacks.form_answers import KEPT_AS_REASON, PROBLEMS
from bot.storage.callbacks import list_callbacks

pytestmark = pytest.mark.server


@pytest.fixture
def notified_bot(running_bot, clinic_webhook):
    """The served assistant and the local webhook standing in for the clinic's."""
    return running_bot, clinic_webhook


def says(bot, sender, message):
    return "\n".join(reply.get("text") or "" for reply in bot.send(sender, message))


def stored_requests(bot):
    return list_callbacks(url=bot.env["CLINIC_DATABASE_URL"])


def test_a_completed_callback_is_stored_and_sent_to_the_clinic(notified_bot):
    bot, receiver = notified_bot
    sender = "rest-callback-completed"
    assert "Quel est votre prénom ?" in says(bot, sender, "/request_callback")
    assert "Sophie, à quel numéro de téléphone" in says(bot, sender, "sophie")
    corrected = says(bot, sender, "06 12 34")
    assert PROBLEMS["phone"] in corrected and "à quel numéro de téléphone" in corrected
    assert "Quand préférez-vous être rappelé" in says(bot, sender, "06 12 34 56 78")
    assert "à quel sujet" in says(bot, sender, "demain matin")
    assert "Acceptez-vous que le cabinet enregistre" in says(bot, sender, "une question sur mon genou")
    confirmation = says(bot, sender, "/affirm")

    reference = re.search(r"Votre numéro de demande : (RAP-\w{5})", confirmation).group(1)
    [request] = [r for r in stored_requests(bot) if r.reference == reference]
    assert (request.conversation_id, request.first_name, request.phone_e164) == (sender, "Sophie", "+33612345678")
    assert (request.time_slot, request.reason, request.status) == ("demain matin", "une question sur mon genou", "new")
    assert request.notified_at is not None
    [payload] = [p for p in receiver.received if p["reference"] == reference]
    assert (payload["first_name"], payload["phone"], payload["reason"]) == (
        "Sophie", "+33612345678", "une question sur mon genou"
    )


def test_a_refused_consent_stores_and_sends_nothing(notified_bot):
    bot, receiver = notified_bot
    sender = "rest-callback-refused"
    before = (len(stored_requests(bot)), len(receiver.received))
    for answer in ("/request_callback", "Marc", "0470 12 34 56", "ce soir", "mon dos"):
        says(bot, sender, answer)
    assert "je n'enregistre rien" in says(bot, sender, "/deny")
    assert (len(stored_requests(bot)), len(receiver.received)) == before


def test_a_symptom_given_as_the_reason_gets_the_emergency_numbers_and_the_request_goes_on(notified_bot):
    bot, _ = notified_bot
    sender = "rest-callback-symptom-reason"
    for answer in ("/request_callback", "Nadia", "06 11 22 33 44", "ce soir"):
        says(bot, sender, answer)
    reply = says(bot, sender, "j'ai de la fievre et du pus depuis la seance")
    assert reply.index("Appelez maintenant le 15") < reply.index(KEPT_AS_REASON)
    assert "Acceptez-vous que le cabinet enregistre" in reply
    confirmation = says(bot, sender, "/affirm")

    reference = re.search(r"Votre numéro de demande : (RAP-\w{5})", confirmation).group(1)
    [request] = [r for r in stored_requests(bot) if r.reference == reference]
    assert (request.first_name, request.reason) == ("Nadia", "j'ai de la fievre et du pus depuis la seance")


def test_an_emergency_at_another_question_keeps_the_answers_given_and_asks_again(notified_bot):
    bot, _ = notified_bot
    sender = "rest-callback-emergency-midway"
    says(bot, sender, "/request_callback")
    says(bot, sender, "Louis")
    reply = says(bot, sender, "attendez ma gorge se serre et j'ai du mal a respirer")
    assert reply.index("Appelez maintenant le 15") < reply.index("Louis, à quel numéro de téléphone")
    assert "Quand préférez-vous être rappelé" in says(bot, sender, "06 12 34 56 78")
