"""The staff console in headless Chromium against the running assistant, as a secretary uses it."""

from __future__ import annotations

import csv
import io
import uuid
from pathlib import Path
from typing import Any, Iterator

import pytest
import yaml

from bot.paths import ROOT
from bot.storage.callbacks import save_callback
from tests.support.callbacks import find_callback
from tests.support.running_bot import STAFF_TOKEN

expect = pytest.importorskip(
    "playwright.sync_api", reason="Le paquet Python playwright n'est pas installé : lancez `make install`."
).expect
# The assistant's answers (and a batch of 20) can be slow on a busy machine.
expect.set_options(timeout=120_000)

pytestmark = [pytest.mark.browser, pytest.mark.server]

ARTIFACTS = ROOT / "test-artifacts"
HELDOUT = ROOT / "tests" / "data" / "heldout_questions.csv"
COST_QUESTION = "combien coûte une séance ?"


def open_console(browser: Any, running_bot: Any, width: int, height: int = 900) -> Any:
    page = browser.new_page(
        viewport={"width": width, "height": height}, accept_downloads=True, locale="fr-FR"
    )
    page.goto(running_bot.url + "/staff/")
    page.get_by_label("Jeton d'accès").fill(STAFF_TOKEN)
    page.get_by_role("button", name="Se connecter").click()
    expect(page.get_by_role("tab", name="Essayer une question")).to_be_visible()
    return page


@pytest.fixture
def console(browser: Any, running_bot: Any) -> Iterator[Any]:
    page = open_console(browser, running_bot, 1280)
    yield page
    page.close()


def ask(page: Any, question: str) -> None:
    page.get_by_label("Question du patient").fill(question)
    page.get_by_role("button", name="Essayer", exact=True).click()
    expect(page.locator("#try-question")).to_have_text(question)


def heldout_csv(count: int) -> str:
    with HELDOUT.open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))[:count]
    content = io.StringIO()
    writer = csv.writer(content, lineterminator="\n")
    writer.writerow(["text", "topic"])
    writer.writerows([row["text"], row["topic"]] for row in rows)
    return content.getvalue()


def test_a_wrong_token_is_refused_and_nothing_is_shown(browser, running_bot):
    page = browser.new_page()
    page.goto(running_bot.url + "/staff/")
    page.get_by_label("Jeton d'accès").fill("pas-le-bon")
    page.get_by_role("button", name="Se connecter").click()
    expect(page.get_by_role("alert")).to_have_text("Jeton de la console manquant ou incorrect.")
    expect(page.locator("#console-view")).to_be_hidden()
    page.close()


def test_trying_a_question_shows_the_answer_topic_confidence_and_passages(console):
    ask(console, COST_QUESTION)
    expect(console.locator("#try-messages .bubble-bot").first).to_be_visible()
    expect(console.locator("#try-topic")).to_contain_text("(cost)")
    expect(console.locator("#try-confidence")).to_contain_text("%")
    expect(console.locator("#try-alternatives li")).to_have_count(2)
    expect(console.locator("#try-sources blockquote").first).to_contain_text("séance")
    expect(console.locator(".source-line").first).to_contain_text("Source")


def test_a_flagged_answer_is_listed_and_in_the_export(console):
    question = f"le tarif de toute la cure {uuid.uuid4().hex[:6]} ?"
    ask(console, question)
    console.get_by_label("Sujet attendu").select_option("cost")
    console.get_by_label("Réponse attendue").select_option("faq/cost_total")
    console.get_by_label("Commentaire").fill("demande le prix de la cure entière")
    console.get_by_role("button", name="Signaler une mauvaise réponse").click()
    expect(console.get_by_role("status").filter(has_text="la réponse est signalée")).to_be_visible()

    console.get_by_role("tab", name="Réponses signalées").click()
    expect(console.locator("#flags-body tr").filter(has_text=question)).to_contain_text("demande le prix")
    with console.expect_download() as download_info:
        console.get_by_role("button", name="Télécharger l'export (YAML Rasa)").click()
    download = download_info.value
    assert download.suggested_filename.startswith("questions-signalees-")
    exported = yaml.safe_load(Path(download.path()).read_text(encoding="utf-8"))
    intents = {group["intent"]: group["examples"] for group in exported["nlu"]}
    assert f"- {question}" in intents["faq/cost_total"]


def test_a_batch_of_twenty_questions_shows_accuracy_and_the_confusion_matrix(console):
    console.get_by_role("tab", name="Vérification par lot").click()
    console.get_by_label("Questions", exact=True).fill(heldout_csv(20))
    console.get_by_role("button", name="Lancer la vérification").click()
    expect(console.locator("#batch-figures")).to_contain_text("exactitude sur 20 questions")
    expect(console.locator("#batch-body tr")).to_have_count(20)
    matrix = console.locator("#confusion-matrix")
    expect(matrix).to_be_visible()
    assert matrix.evaluate("img => img.complete && img.naturalWidth") > 0


def test_a_bad_batch_shows_what_to_fix(console):
    console.get_by_role("tab", name="Vérification par lot").click()
    console.get_by_label("Questions", exact=True).fill("text,topic\nprix ?,tarifs\n")
    console.get_by_role("button", name="Lancer la vérification").click()
    expect(console.locator("#batch-error")).to_contain_text("Sujets inconnus (ligne 2 : « tarifs »)")


def test_staff_change_a_callback_status(console, running_bot):
    database = running_bot.env["CLINIC_DATABASE_URL"]
    request = save_callback(
        "conv-browser",
        "Dominique",
        "+33698765432",
        "lundi après-midi",
        "question sur un traitement",
        url=database,
    )
    console.get_by_role("tab", name="Demandes de rappel").click()
    row = console.locator(f"tr[data-reference='{request.reference}']")
    expect(row).to_contain_text("Dominique")
    expect(row.get_by_role("link", name="+33698765432")).to_have_attribute("href", "tel:+33698765432")
    status = row.get_by_label(f"Statut de {request.reference}")
    status.select_option("called")
    expect(status).to_be_enabled()
    expect(status).to_have_class("status status-called")
    assert find_callback(request.reference, url=database).status == "called"


def test_the_model_panel_names_the_model_and_counts_examples(console):
    console.get_by_role("tab", name="Modèle").click()
    expect(console.locator("#model-facts")).to_contain_text(".tar.gz")
    expect(console.locator("#model-topics tr").filter(has_text="Prix")).to_be_visible()


@pytest.mark.parametrize("width", [1280, 360])
def test_screenshots_of_an_answer_at_desktop_and_phone_widths(browser, running_bot, width):
    page = open_console(browser, running_bot, width, height=900 if width > 600 else 780)
    ask(page, COST_QUESTION)
    expect(page.locator("#try-sources blockquote").first).to_be_visible()
    # Nothing wider than the screen: no sideways scrolling on a phone.
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    page.mouse.move(0, 0)  # no button left in its hover colour
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"staff-{width}.png"), full_page=True)
    page.close()


def test_markup_in_a_question_is_shown_as_text_never_run(console):
    attack = "<img src=x onerror=\"document.title='pris'\">"
    ask(console, attack)
    expect(console.locator("#try-messages .bubble-bot").first).to_be_visible()
    assert console.locator("#try-result img").count() == 0
    assert console.title() != "pris"
