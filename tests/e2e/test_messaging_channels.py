"""Telegram, WhatsApp (Twilio) and Messenger end to end: each platform's real webhook format in,
the platform API call out, captured by a local HTTP server standing in for the platform."""

from __future__ import annotations

import base64
import json
import re
import threading
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass, field
from email.message import Message
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any, Dict, Iterator, List, Optional, Tuple

import pytest
from twilio.request_validator import RequestValidator

from bot.channels.messenger import hub_signature
from bot.channels.text_rendering import CHOICE_PROMPT
from bot.engine.processes import ModelNotFound, latest_model
from tests.support.running_bot import RunningBot

pytestmark = pytest.mark.server

PUBLIC_URL = "https://assistant.cabinet.example"
TELEGRAM_TOKEN = "123456:test-telegram-token"
TELEGRAM_SECRET = "telegram-secret_0123"
TWILIO_SID = "AC" + "0" * 32
TWILIO_TOKEN = "twilio-auth-token"
TWILIO_NUMBER = "+14155238886"
TWILIO_WEBHOOK_URL = f"{PUBLIC_URL}/webhooks/twilio/webhook"
MESSENGER_VERIFY = "messenger-verify-token"
MESSENGER_SECRET = "messenger-app-secret"
MESSENGER_PAGE_TOKEN = "messenger-page-token"
COST_PAYLOAD = '/choose_faq{"faq_key":"faq/cost"}'


@dataclass
class ApiCall:
    path: str
    query: Dict[str, str]
    headers: Dict[str, str]
    body: Dict[str, Any]


@dataclass
class CapturingApi:
    """A platform's API on localhost: records each call and answers `reply`."""

    reply: Dict[str, Any]
    status: int = 200
    calls: List[ApiCall] = field(default_factory=list)

    def __post_init__(self) -> None:
        api = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:
                url = urllib.parse.urlsplit(self.path)
                raw = self.rfile.read(int(self.headers.get("Content-Length") or 0)).decode()
                if self.headers.get("Content-Type", "").startswith("application/json"):
                    body = json.loads(raw)
                else:
                    body = dict(urllib.parse.parse_qsl(raw, keep_blank_values=True))
                api.calls.append(
                    ApiCall(url.path, dict(urllib.parse.parse_qsl(url.query)), dict(self.headers), body)
                )
                answer = json.dumps(api.reply).encode()
                self.send_response(api.status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(answer)))
                self.end_headers()
                self.wfile.write(answer)

            def log_message(self, *_: Any) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.server.server_port}"

    def calls_to(self, path_end: str) -> List[ApiCall]:
        return [call for call in self.calls if call.path.endswith(path_end)]

    def stop(self) -> None:
        self.server.shutdown()
        self.server.server_close()


@dataclass
class MessagingBot:
    bot: RunningBot
    telegram: CapturingApi
    twilio: CapturingApi
    graph: CapturingApi
    telegram_calls_at_start: List[ApiCall]

    def post(self, path: str, data: bytes, headers: Dict[str, str]) -> Tuple[int, str, Message]:
        for api in (self.telegram, self.twilio, self.graph):
            api.calls.clear()
        request = urllib.request.Request(self.bot.url + path, data=data, headers=headers, method="POST")
        return read(request)

    def get(self, path: str) -> Tuple[int, str, Message]:
        return read(urllib.request.Request(self.bot.url + path))


def read(request: urllib.request.Request) -> Tuple[int, str, Message]:
    try:
        with urllib.request.urlopen(request, timeout=90) as answer:
            return answer.status, answer.read().decode(), answer.headers
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode(), error.headers


@pytest.fixture(scope="module")
def messaging(tmp_path_factory: pytest.TempPathFactory) -> Iterator[MessagingBot]:
    try:
        latest_model()
    except ModelNotFound:
        pytest.skip("Aucun modèle entraîné dans models/ : lancez `make train`.")
    telegram = CapturingApi(
        {"ok": True, "result": {"message_id": 1, "date": 0, "chat": {"id": 1, "type": "private"}}}
    )
    twilio = CapturingApi({"sid": "SM" + "0" * 32, "status": "queued"}, status=201)
    graph = CapturingApi({"recipient_id": "1", "message_id": "m_1"})
    env = {
        "TELEGRAM_TOKEN": TELEGRAM_TOKEN,
        "TELEGRAM_SECRET_TOKEN": TELEGRAM_SECRET,
        "TELEGRAM_WEBHOOK_URL": f"{PUBLIC_URL}/webhooks/telegram/webhook",
        "TELEGRAM_API_URL": telegram.url,
        "TWILIO_ACCOUNT_SID": TWILIO_SID,
        "TWILIO_AUTH_TOKEN": TWILIO_TOKEN,
        "TWILIO_NUMBER": TWILIO_NUMBER,
        "TWILIO_WEBHOOK_URL": TWILIO_WEBHOOK_URL,
        "TWILIO_API_URL": twilio.url,
        "MESSENGER_VERIFY_TOKEN": MESSENGER_VERIFY,
        "MESSENGER_APP_SECRET": MESSENGER_SECRET,
        "MESSENGER_PAGE_ACCESS_TOKEN": MESSENGER_PAGE_TOKEN,
        "MESSENGER_API_URL": f"{graph.url}/v23.0",
    }
    bot = RunningBot.start(tmp_path_factory.mktemp("messaging"), env)
    try:
        yield MessagingBot(bot, telegram, twilio, graph, list(telegram.calls))
    finally:
        bot.stop()
        for api in (telegram, twilio, graph):
            api.stop()


def last_user_text(bot: RunningBot, sender: str) -> Optional[str]:
    users = [event for event in bot.tracker(sender)["events"] if event.get("event") == "user"]
    return users[-1].get("text") if users else None


# --- Telegram ---------------------------------------------------------------------------------

CHAT = {"id": 424242, "type": "private", "first_name": "Anne"}
PATIENT = {"id": 424242, "is_bot": False, "first_name": "Anne"}


def telegram_update(messaging: MessagingBot, update: Dict[str, Any], secret: Optional[str] = TELEGRAM_SECRET):
    headers = {"Content-Type": "application/json"}
    if secret is not None:
        headers["X-Telegram-Bot-Api-Secret-Token"] = secret
    return messaging.post("/webhooks/telegram/webhook", json.dumps(update).encode(), headers)


def text_update(text: str) -> Dict[str, Any]:
    return {
        "update_id": 1,
        "message": {"message_id": 7, "date": 0, "chat": CHAT, "from": PATIENT, "text": text},
    }


def test_telegram_webhook_is_registered_with_its_secret_at_start(messaging):
    [call] = [c for c in messaging.telegram_calls_at_start if c.path == f"/bot{TELEGRAM_TOKEN}/setWebhook"]
    assert call.body["url"] == f"{PUBLIC_URL}/webhooks/telegram/webhook"
    assert call.body["secret_token"] == TELEGRAM_SECRET


def test_telegram_message_is_answered_with_a_real_keyboard(messaging):
    status, _, _ = telegram_update(messaging, text_update("bonjour"))
    assert status == 200
    [sent] = messaging.telegram.calls_to("/sendMessage")
    assert sent.body["chat_id"] == str(CHAT["id"])
    assert "assistant" in sent.body["text"]
    rows = json.loads(sent.body["reply_markup"])["inline_keyboard"]
    assert [len(row) for row in rows] == [1] * len(rows)
    assert {"text": "Prix", "callback_data": COST_PAYLOAD} in [row[0] for row in rows]


def test_telegram_button_tap_answers_the_chosen_question(messaging):
    update = {
        "update_id": 2,
        "callback_query": {
            "id": "callback-1",
            "from": PATIENT,
            "chat_instance": "1",
            "data": COST_PAYLOAD,
            "message": {"message_id": 8, "date": 0, "chat": CHAT, "text": "Que voulez-vous savoir ?"},
        },
    }
    status, _, _ = telegram_update(messaging, update)
    assert status == 200
    [acknowledged] = messaging.telegram.calls_to("/answerCallbackQuery")
    assert acknowledged.body["callback_query_id"] == "callback-1"
    texts = [call.body["text"] for call in messaging.telegram.calls_to("/sendMessage")]
    assert re.search(r"\nSources? : ", texts[0])
    assert last_user_text(messaging.bot, str(CHAT["id"])) == COST_PAYLOAD


def test_telegram_input_goes_through_the_input_guard(messaging):
    telegram_update(messaging, text_update("<b>bonjour</b>"))
    [sent] = messaging.telegram.calls_to("/sendMessage")
    assert "HTML" in sent.body["text"]


@pytest.mark.parametrize("secret", [None, "wrong-secret", TELEGRAM_SECRET + "x"])
def test_telegram_post_without_the_secret_is_refused(messaging, secret):
    status, _, _ = telegram_update(messaging, text_update("bonjour"), secret=secret)
    assert status == 403
    assert messaging.telegram.calls == []


# --- WhatsApp through Twilio ------------------------------------------------------------------

WHATSAPP_PATIENT = "whatsapp:+33612345678"


def twilio_form(body: str, sender: str = WHATSAPP_PATIENT, **extra: str) -> Dict[str, str]:
    return {
        "SmsMessageSid": "SM" + "1" * 32,
        "NumMedia": "0",
        "ProfileName": "Anne",
        "SmsSid": "SM" + "1" * 32,
        "WaId": sender.removeprefix("whatsapp:+"),
        "SmsStatus": "received",
        "Body": body,
        "To": f"whatsapp:{TWILIO_NUMBER}",
        "NumSegments": "1",
        "MessageSid": "SM" + "1" * 32,
        "AccountSid": TWILIO_SID,
        "From": sender,
        "ApiVersion": "2010-04-01",
        **extra,
    }


def twilio_post(messaging: MessagingBot, form: Dict[str, str], signature: Optional[str] = None):
    if signature is None:
        signature = RequestValidator(TWILIO_TOKEN).compute_signature(TWILIO_WEBHOOK_URL, form)
    headers = {"Content-Type": "application/x-www-form-urlencoded", "X-Twilio-Signature": signature}
    return messaging.post("/webhooks/twilio/webhook", urllib.parse.urlencode(form).encode(), headers)


def test_whatsapp_gets_numbered_choices_and_answering_the_number_works(messaging):
    status, body, headers = twilio_post(messaging, twilio_form("bonjour"))
    assert status == 200
    assert headers.get("Content-Type", "").startswith("text/xml") and "<Response>" in body
    [sent] = messaging.twilio.calls_to(f"/2010-04-01/Accounts/{TWILIO_SID}/Messages.json")
    assert sent.body["To"] == WHATSAPP_PATIENT
    assert sent.body["From"] == f"whatsapp:{TWILIO_NUMBER}"
    assert (
        sent.headers["Authorization"]
        == "Basic " + base64.b64encode(f"{TWILIO_SID}:{TWILIO_TOKEN}".encode()).decode()
    )
    assert sent.body["Body"].endswith(CHOICE_PROMPT)
    price_number = re.search(r"^(\d+)\. Prix$", sent.body["Body"], re.MULTILINE).group(1)

    twilio_post(messaging, twilio_form(price_number))
    assert last_user_text(messaging.bot, WHATSAPP_PATIENT) == COST_PAYLOAD
    answers = [call.body["Body"] for call in messaging.twilio.calls]
    assert re.search(r"\nSources? : ", answers[0])
    assert all(len(answer) <= 1600 for answer in answers)


def test_whatsapp_photo_gets_a_text_only_answer(messaging):
    form = twilio_form(
        "", NumMedia="1", MediaContentType0="image/jpeg", MediaUrl0="https://api.twilio.com/m.jpg"
    )
    twilio_post(messaging, form)
    [sent] = messaging.twilio.calls
    assert "texte" in sent.body["Body"]


def test_a_whatsapp_conversation_that_starts_with_a_question_is_told_who_answers(messaging):
    # A new patient, no "bonjour": the first reply itself says it comes from a program (AI Act, art. 50).
    twilio_post(messaging, twilio_form("ca coute combien une seance de meso ?", sender="whatsapp:+33612345670"))
    reply = "\n".join(call.body["Body"] for call in messaging.twilio.calls)
    assert "assistant automatique" in reply and "sans diagnostic" in reply


@pytest.mark.parametrize(
    "signature",
    [
        "",
        "bm90LWEtc2lnbmF0dXJl",
        # Signed for the server's own address instead of the public one Twilio calls.
        RequestValidator(TWILIO_TOKEN).compute_signature(
            "http://localhost/webhooks/twilio/webhook", twilio_form("bonjour")
        ),
        RequestValidator("another-token").compute_signature(TWILIO_WEBHOOK_URL, twilio_form("bonjour")),
    ],
)
def test_whatsapp_post_with_a_forged_signature_is_refused(messaging, signature):
    status, _, _ = twilio_post(messaging, twilio_form("bonjour"), signature=signature)
    assert status == 403
    assert messaging.twilio.calls == []


# --- Facebook Messenger -----------------------------------------------------------------------

MESSENGER_PATIENT = "6543210987654321"


def messenger_event(message: Dict[str, Any]) -> Dict[str, Any]:
    return {
        "object": "page",
        "entry": [
            {
                "id": "1234567890",
                "time": 1700000000000,
                "messaging": [
                    {
                        "sender": {"id": MESSENGER_PATIENT},
                        "recipient": {"id": "1234567890"},
                        "timestamp": 1700000000000,
                        "message": {"mid": "m_1", **message},
                    }
                ],
            }
        ],
    }


def messenger_post(
    messaging: MessagingBot, event: Dict[str, Any], secret: str = MESSENGER_SECRET, header: str = ""
):
    body = json.dumps(event).encode()
    header = header or "X-Hub-Signature-256"
    return messaging.post(
        "/webhooks/facebook/webhook",
        body,
        {"Content-Type": "application/json", header: hub_signature(secret, body)},
    )


def test_messenger_webhook_verification(messaging):
    query = {"hub.mode": "subscribe", "hub.challenge": "1158201444", "hub.verify_token": MESSENGER_VERIFY}
    assert messaging.get("/webhooks/facebook/webhook?" + urllib.parse.urlencode(query))[:2] == (
        200,
        "1158201444",
    )
    query["hub.verify_token"] = "wrong"
    assert messaging.get("/webhooks/facebook/webhook?" + urllib.parse.urlencode(query))[0] == 403


def test_messenger_gets_tappable_numbered_choices_and_a_tap_answers(messaging):
    status, _, _ = messenger_post(messaging, messenger_event({"text": "bonjour"}))
    assert status == 200
    [sent] = messaging.graph.calls_to("/v23.0/me/messages")
    assert sent.query["access_token"] == MESSENGER_PAGE_TOKEN and sent.query["appsecret_proof"]
    assert sent.body["recipient"] == {"id": MESSENGER_PATIENT}
    message = sent.body["message"]
    # "Être rappelé par un médecin" is longer than Messenger's 20-character quick replies.
    assert message["text"].endswith(CHOICE_PROMPT)
    price_number = re.search(r"^(\d+)\. Prix$", message["text"], re.MULTILINE).group(1)
    assert {"content_type": "text", "title": price_number, "payload": COST_PAYLOAD} in message[
        "quick_replies"
    ]

    messenger_post(
        messaging, messenger_event({"text": price_number, "quick_reply": {"payload": COST_PAYLOAD}})
    )
    assert last_user_text(messaging.bot, MESSENGER_PATIENT) == COST_PAYLOAD
    answer = messaging.graph.calls[0].body["message"]["text"]
    assert re.search(r"\nSources? : ", answer) and len(answer) <= 2000


@pytest.mark.parametrize(
    ("secret", "header"),
    [("another-secret", "X-Hub-Signature-256"), (MESSENGER_SECRET, "X-Hub-Signature")],
)
def test_messenger_post_with_a_wrong_signature_is_refused(messaging, secret, header):
    status, _, _ = messenger_post(
        messaging, messenger_event({"text": "bonjour"}), secret=secret, header=header
    )
    assert status == 403
    assert messaging.graph.calls == []


# --- Channels without their variables ---------------------------------------------------------


@pytest.mark.parametrize("channel", ["telegram", "twilio", "facebook"])
def test_unconfigured_channel_loads_and_refuses_posts(running_bot, channel):
    request = urllib.request.Request(
        f"{running_bot.url}/webhooks/{channel}/webhook",
        data=b"{}",
        headers={"Content-Type": "application/json"},
    )
    status, body, _ = read(request)
    assert status == 503
    assert "non configuré" in body
