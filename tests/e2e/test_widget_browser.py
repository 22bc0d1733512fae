"""The website chat widget, driven in headless Chromium against the running assistant."""

from __future__ import annotations

import json
import re
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any, Dict, Iterator, List

import pytest

from bot.paths import ROOT
from bot.settings import load_settings
from bot.storage.ratings import list_ratings
from tests.support.running_bot import CLINIC_SITE, CLINIC_SITE_PORT

expect = pytest.importorskip(
    "playwright.sync_api", reason="Le paquet Python playwright n'est pas installé : lancez `make install`."
).expect
# The assistant's first answers can be slow on a busy machine.
expect.set_options(timeout=60_000)

pytestmark = [pytest.mark.browser, pytest.mark.server]

ARTIFACTS = ROOT / "test-artifacts"
WEBHOOK = "**/webhooks/rest/webhook"
COST_QUESTION = "combien coûte une séance ?"
HTML_ATTACK = "<img src=x onerror=alert(1)>"
# An FAQ answer exactly as the REST channel returns one (bot/faq_responses.answer_message).
CANNED_ANSWER = {
    "recipient_id": "patient",
    "text": "Le prix dépend du lieu et du praticien.\nSource : SSBM",
    "buttons": [],
    "topic": "cost",
    "answer_key": "faq/cost",
    "sources": [{"id": "ssbm", "label": "SSBM", "passages": ["Le coût d’une séance peut varier."]}],
    "source_line": "Source : SSBM",
}


class Widget:
    """The widget as a patient sees it (Playwright locators pierce its shadow root)."""

    def __init__(self, page: Any) -> None:
        self.page = page
        self.launcher = page.locator(".mc-launcher")
        self.panel = page.get_by_role("dialog")
        self.log = page.get_by_role("log")
        self.input = page.get_by_label("Votre question")
        self.bot_rows = page.locator(".mc-row-bot:not(.mc-typing)")
        self.user_bubbles = page.locator(".mc-user")
        self.quick_replies = page.locator(".mc-quick-button")
        self.alert = page.get_by_role("alert")

    def open(self) -> None:
        self.launcher.click()
        expect(self.bot_rows.first).to_be_visible()

    def ask(self, text: str) -> Any:
        """Sends a question and returns its first reply, once it is displayed."""
        replies_before = self.bot_rows.count()
        self.input.fill(text)
        self.input.press("Enter")
        reply = self.bot_rows.nth(replies_before)
        expect(reply).to_be_visible()
        return reply

    def sender(self) -> str:
        return self.page.evaluate(
            "() => JSON.parse(Object.entries(localStorage).find(([k]) => k.startsWith('clinicChat:'))[1]).sender"
        )


def new_page(browser: Any, running_bot: Any, width: int, height: int) -> Iterator[Any]:
    context = browser.new_context(viewport={"width": width, "height": height}, locale="fr-FR")
    page = context.new_page()
    page.set_default_timeout(60_000)
    problems: List[str] = []
    page.on("pageerror", lambda error: problems.append(f"JavaScript : {error}"))
    page.on(
        "console",
        lambda message: problems.append(message.text) if "Content Security Policy" in message.text else None,
    )
    page.goto(running_bot.url + "/chat/")
    yield page
    context.close()
    assert not problems, problems


@pytest.fixture
def page(browser: Any, running_bot: Any) -> Iterator[Any]:
    yield from new_page(browser, running_bot, 1280, 800)


@pytest.fixture
def phone_page(browser: Any, running_bot: Any) -> Iterator[Any]:
    yield from new_page(browser, running_bot, 360, 740)


@pytest.fixture
def widget(page: Any) -> Widget:
    return Widget(page)


def test_page_is_served_with_security_headers(page: Any, running_bot: Any) -> None:
    response = page.goto(running_bot.url + "/chat/")
    assert response.status == 200
    assert response.headers["content-security-policy"].startswith("default-src 'self'")
    assert response.headers["x-content-type-options"] == "nosniff"
    assert load_settings().name in page.title()


def test_first_opening_greets_with_quick_replies_and_focuses_the_input(widget: Widget) -> None:
    widget.open()
    expect(widget.input).to_be_focused()
    expect(widget.panel).to_have_accessible_name(load_settings().name)
    expect(widget.bot_rows.first).to_contain_text("assistant automatique")
    expect(widget.quick_replies.filter(has_text="Prix")).to_have_count(1)
    # "/greet" is sent for the patient, not shown as something they wrote.
    expect(widget.user_bubbles).to_have_count(0)


def test_escape_closes_the_panel_and_gives_the_focus_back_to_the_launcher(widget: Widget) -> None:
    widget.launcher.focus()
    widget.page.keyboard.press("Enter")
    expect(widget.input).to_be_focused()
    widget.page.keyboard.press("Escape")
    expect(widget.panel).to_be_hidden()
    expect(widget.launcher).to_be_focused()
    expect(widget.launcher).to_have_attribute("aria-expanded", "false")


def test_a_faq_question_is_answered_with_its_sources_under_the_answer(widget: Widget) -> None:
    """Needs the FAQ data (data/faq/cost.yml) in the trained model."""
    widget.open()
    answer = widget.ask(COST_QUESTION)
    expect(answer.locator(".mc-sources")).to_contain_text(re.compile(r"^Sources? : "))
    expect(answer.locator(".mc-bot")).not_to_contain_text(re.compile(r"Sources? : "))


def test_the_source_line_is_shown_apart_with_its_passages(widget: Widget) -> None:
    widget.open()
    widget.page.route(WEBHOOK, lambda route: route.fulfill(json=[CANNED_ANSWER]))
    answer = widget.ask(COST_QUESTION)
    expect(answer.locator(".mc-bot")).to_have_text("Assistant : Le prix dépend du lieu et du praticien.")
    sources = answer.locator(".mc-sources")
    expect(sources.locator("summary")).to_have_text("Source : SSBM")
    sources.locator("summary").click()
    expect(sources.locator("li")).to_have_text("SSBM« Le coût d’une séance peut varier. »")


def test_a_quick_reply_sends_its_payload_and_shows_its_title(widget: Widget, running_bot: Any) -> None:
    widget.open()
    replies_before = widget.bot_rows.count()
    widget.quick_replies.filter(has_text="Est-ce douloureux ?").click()
    expect(widget.user_bubbles.last).to_have_text("Vous : Est-ce douloureux ?")
    expect(widget.bot_rows.nth(replies_before)).to_be_visible()
    user_texts = [
        event.get("text") for event in running_bot.tracker(widget.sender())["events"] if event["event"] == "user"
    ]
    assert user_texts == ["/greet", '/choose_faq{"faq_key":"faq/painful"}']


def test_the_conversation_survives_a_reload_until_a_new_one_is_started(widget: Widget) -> None:
    widget.open()
    widget.ask("bonjour")
    conversation = widget.log.inner_text()
    replies, sender = widget.bot_rows.count(), widget.sender()

    widget.page.reload()
    # The panel was open: it opens again, with the same messages and no second greeting.
    expect(widget.log).to_have_text(conversation, use_inner_text=True)
    expect(widget.bot_rows).to_have_count(replies)
    assert widget.sender() == sender

    widget.page.get_by_role("button", name="Nouvelle conversation").click()
    expect(widget.user_bubbles).to_have_count(0)
    expect(widget.bot_rows).to_have_count(1)
    expect(widget.bot_rows.first).to_contain_text("assistant automatique")
    assert widget.sender() != sender


def test_html_typed_by_a_patient_is_shown_as_plain_text(widget: Widget) -> None:
    dialogs: List[str] = []
    widget.page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    widget.open()
    reply = widget.ask(HTML_ATTACK)
    expect(widget.user_bubbles.last).to_have_text(f"Vous : {HTML_ATTACK}")
    expect(reply).to_contain_text("HTML")
    expect(widget.log.locator("img")).to_have_count(0)
    assert dialogs == []


def test_rating_an_answer_stores_it_for_staff(widget: Widget, running_bot: Any) -> None:
    widget.open()
    widget.page.route(WEBHOOK, lambda route: route.fulfill(json=[CANNED_ANSWER]))
    answer = widget.ask(COST_QUESTION)
    answer.get_by_role("button", name="Oui, réponse utile").click()
    expect(answer.locator(".mc-rating")).to_have_text("Merci pour votre avis.")

    sender = widget.sender()
    stored = [r for r in list_ratings(url=running_bot.env["CLINIC_DATABASE_URL"]) if r.sender_id == sender]
    assert [(r.answer_key, r.topic, r.rating, r.question) for r in stored] == [
        ("faq/cost", "cost", "useful", COST_QUESTION)
    ]


def test_an_unreachable_server_keeps_the_message_and_retries(widget: Widget) -> None:
    widget.open()
    attempts: List[Dict[str, Any]] = []
    reachable = {"value": False}

    def network(route: Any) -> None:
        attempts.append(json.loads(route.request.post_data))
        if reachable["value"]:
            route.continue_()
        else:
            route.abort("internetdisconnected")

    widget.page.route(WEBHOOK, network)
    widget.input.fill("bonjour")
    widget.input.press("Enter")
    expect(widget.alert).to_contain_text("Impossible de joindre l'assistant")
    expect(widget.user_bubbles.last).to_have_text("Vous : bonjour")
    expect(widget.page.locator(".mc-status")).to_contain_text("Pas encore envoyé")

    # Not lost on a reload either: the page comes back with the message still waiting.
    widget.page.reload()
    expect(widget.user_bubbles.last).to_have_text("Vous : bonjour")
    expect(widget.alert).to_contain_text("Impossible de joindre l'assistant")
    with widget.page.expect_request(WEBHOOK):
        widget.page.get_by_role("button", name="Réessayer").click()

    replies_before = widget.bot_rows.count()
    reachable["value"] = True
    # The automatic retry (with backoff) delivers it once the server answers again.
    expect(widget.bot_rows.nth(replies_before)).to_be_visible()
    expect(widget.alert).to_be_hidden()
    expect(widget.page.locator(".mc-status")).to_have_count(0)
    assert len(attempts) >= 3
    assert {attempt["message"] for attempt in attempts} == {"bonjour"}


def screenshot_conversation(page: Any, name: str) -> Any:
    widget = Widget(page)
    widget.open()
    widget.ask(COST_QUESTION)
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / name))
    return widget.panel.bounding_box()


def test_the_panel_fills_a_360_px_phone_screen(phone_page: Any) -> None:
    box = screenshot_conversation(phone_page, "widget-360.png")
    assert (box["x"], box["y"], box["width"], box["height"]) == (0, 0, 360, 740)


def test_the_panel_floats_in_a_corner_on_a_1280_px_screen(page: Any) -> None:
    box = screenshot_conversation(page, "widget-1280.png")
    assert box["width"] < 500
    assert box["x"] + box["width"] == pytest.approx(1280 - 20)


@pytest.fixture
def clinic_website(running_bot: Any) -> Iterator[str]:
    """A clinic's site on another origin (another port) with the README's embed snippet."""
    config = {"server": running_bot.url, "clinicName": "Cabinet du Dr Martin", "colors": {"primary": "#5b2a86"}}
    page = (
        '<!doctype html><meta charset="utf-8"><h1>Bienvenue</h1>'
        f"<script>window.clinicChatConfig={json.dumps(config)};</script>"
        f'<script src="{running_bot.url}/chat/widget.js" defer></script>'
    ).encode()

    class ClinicSite(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            self.send_response(200)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.end_headers()
            self.wfile.write(page)

        def log_message(self, *_: Any) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", CLINIC_SITE_PORT), ClinicSite)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield CLINIC_SITE + "/"
    server.shutdown()


def test_the_embed_snippet_works_on_the_clinic_website(browser: Any, running_bot: Any, clinic_website: str) -> None:
    """Another origin than the assistant's: allowed by CHAT_ALLOWED_ORIGINS (tests/support/running_bot.py)."""
    context = browser.new_context(viewport={"width": 1280, "height": 800})
    page = context.new_page()
    page.goto(clinic_website)
    widget = Widget(page)
    expect(widget.launcher).to_have_css("background-color", "rgb(91, 42, 134)")
    widget.open()
    expect(widget.panel).to_have_accessible_name("Cabinet du Dr Martin")
    expect(widget.bot_rows.first).to_contain_text("assistant automatique")

    # A canned FAQ answer (the browser still checks CORS on it), then a real rating request.
    page.route(
        WEBHOOK,
        lambda route: route.fulfill(json=[CANNED_ANSWER], headers={"Access-Control-Allow-Origin": "*"}),
    )
    answer = widget.ask(COST_QUESTION)
    answer.get_by_role("button", name="Non, réponse pas utile").click()
    expect(answer.locator(".mc-rating")).to_have_text("Merci pour votre avis.")
    sender = widget.sender()
    context.close()
    ratings = list_ratings(url=running_bot.env["CLINIC_DATABASE_URL"])
    assert [(r.answer_key, r.rating) for r in ratings if r.sender_id == sender] == [("faq/cost", "not_useful")]
