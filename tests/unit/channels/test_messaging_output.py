"""What the messaging channels send for a bot message, and what they read in a platform's post."""

from __future__ import annotations

import asyncio
from typing import Any, Dict, List, Tuple

from sanic.request import RequestParameters

from bot.channels.messaging import Buttons, MessagingOutput, patient_message
from bot.channels.messenger import PatientMessengerOutput, patient_events
from bot.channels.numbered_replies import NumberedReplies
from bot.channels.text_rendering import CHOICE_PROMPT
from bot.channels.twilio_whatsapp import patient_text, sender_address

MENU = [
    {"title": "Prix", "payload": '/choose_faq{"faq_key":"faq/cost"}'},
    {"title": "Remboursement", "payload": '/choose_faq{"faq_key":"faq/reimbursement"}'},
]


class RecordingOutput(MessagingOutput):
    """A text-only app with a small limit, recording what it would send."""

    max_chars = 60

    def __init__(self) -> None:
        self.choices = NumberedReplies()
        self.sent: List[Tuple[str, Buttons]] = []

    async def send_text(self, recipient_id: str, text: str, buttons: Buttons) -> None:
        self.sent.append((text, buttons))


def send(output: MessagingOutput, message: Dict[str, Any]) -> None:
    asyncio.run(output.send_response("patient-1", dict(message)))


def test_buttons_become_numbered_choices_within_the_limit():
    output = RecordingOutput()
    send(output, {"text": "Le prix dépend du cabinet.\nSource : Texte médical", "buttons": MENU})
    texts = [text for text, _ in output.sent]
    assert all(len(text) <= 60 for text in texts)
    assert "\n".join(texts).endswith(f"1. Prix\n2. Remboursement\n{CHOICE_PROMPT}")
    assert "Le prix dépend du cabinet.\nSource : Texte médical" in texts[0]


def test_numbering_continues_over_the_messages_of_one_turn_and_a_number_answers():
    output = RecordingOutput()
    send(output, {"text": "Voici :", "buttons": MENU})
    send(output, {"text": "Ou :", "buttons": [{"title": "Être rappelé", "payload": "/request_callback"}]})
    assert "3. Être rappelé" in output.sent[-1][0]
    message = patient_message("3", "patient-1", output, "twilio", output.choices)
    assert message.text == "/request_callback"
    assert message.metadata == {"original_text": "3"}


def test_patient_text_goes_through_the_input_guard():
    output = RecordingOutput()
    message = patient_message("<script>x</script>", "patient-1", output, "twilio", output.choices)
    assert message.text == '/bad_input{"input_problem": "html"}'
    assert patient_message(None, "patient-1", output, "twilio", output.choices).text == (
        '/bad_input{"input_problem": "no_text"}'
    )


def test_messenger_uses_quick_replies_when_titles_fit_else_tappable_numbers():
    output = PatientMessengerOutput(
        "page-token", "app-secret", "http://graph.invalid/v23.0", NumberedReplies()
    )
    assert output.shows_buttons(MENU)
    long_titles = [*MENU, {"title": "Être rappelé par un médecin", "payload": "/request_callback"}]
    assert not output.shows_buttons(long_titles)
    assert output.number_buttons(long_titles, 1)[2] == {"title": "3", "payload": "/request_callback"}


def test_messenger_reads_every_event_of_a_batch_and_skips_echoes():
    payload = {
        "object": "page",
        "entry": [
            {"messaging": [{"sender": {"id": "1"}, "message": {"mid": "a", "text": "bonjour"}}]},
            {
                "messaging": [
                    {"sender": {"id": "page"}, "message": {"mid": "b", "text": "écho", "is_echo": True}},
                    {"sender": {"id": "2"}, "postback": {"title": "Prix", "payload": "/help"}},
                    {"sender": {"id": "3"}, "message": {"mid": "c", "attachments": [{"type": "image"}]}},
                    {"sender": {"id": "4"}, "delivery": {"mids": ["a"]}},
                ]
            },
        ],
    }
    assert list(patient_events(payload)) == [("1", "bonjour"), ("2", "/help"), ("3", None)]


def test_whatsapp_photo_without_caption_is_not_text():
    assert patient_text(RequestParameters({"Body": [""], "NumMedia": ["1"]})) is None
    assert patient_text(RequestParameters({"Body": ["Voici ma peau"], "NumMedia": ["1"]})) == "Voici ma peau"
    assert patient_text(RequestParameters({"Body": [""], "NumMedia": ["0"]})) == ""


def test_whatsapp_answers_come_from_the_whatsapp_number():
    assert sender_address("+14155238886", "whatsapp:+33612345678") == "whatsapp:+14155238886"
    assert sender_address("whatsapp:+14155238886", "whatsapp:+33612345678") == "whatsapp:+14155238886"
    assert sender_address("+14155238886", "+33612345678") == "+14155238886"
