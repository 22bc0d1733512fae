"""The staff console served by the running assistant: access, and each panel's API."""

from __future__ import annotations

import csv
import io
import re
import uuid

import pytest
import yaml

from bot.engine.processes import latest_model
from bot.paths import ROOT
from bot.storage.callbacks import save_callback
from tests.support.running_bot import STAFF_TOKEN
from tests.support.staff_api import API_ROUTES, call

pytestmark = pytest.mark.server

COST_QUESTION = "combien coûte une séance ?"
HELDOUT = ROOT / "tests" / "data" / "heldout_questions.csv"


def staff(running_bot, method, path, body=None):
    return call(running_bot.url, method, path, body, token=STAFF_TOKEN)


@pytest.mark.parametrize("token", [None, "wrong-token", STAFF_TOKEN + "x", ""])
@pytest.mark.parametrize("method, path", API_ROUTES)
def test_every_api_route_refuses_a_missing_or_wrong_token(running_bot, method, path, token):
    status, body, headers = call(running_bot.url, method, path, {"text": COST_QUESTION}, token=token)
    assert status == 401
    # Nothing but the refusal: no data, no hint of what the route holds.
    assert body == {"error": "Jeton de la console manquant ou incorrect."}
    assert headers["WWW-Authenticate"] == "Bearer"
    assert headers["Cache-Control"] == "no-store"


def test_the_page_is_only_a_login_form_under_a_strict_policy(running_bot):
    status, page, headers = call(running_bot.url, "GET", "/staff/")
    assert status == 200
    assert 'type="password"' in page
    policy = headers["Content-Security-Policy"]
    assert "default-src 'self'" in policy and "img-src 'self' data:" in policy
    assert "<script>" not in page and "style=" not in page
    for name in ("staff.js", "staff.css"):
        assert call(running_bot.url, "GET", f"/staff/{name}")[0] == 200
    assert call(running_bot.url, "GET", "/staff/index.html")[0] == 404


def test_trying_a_question_shows_topic_confidence_candidates_and_sources(running_bot):
    status, result, headers = staff(running_bot, "POST", "/staff/api/try", {"text": COST_QUESTION})
    assert status == 200, result
    assert headers["Cache-Control"] == "no-store"
    assert result["topic"] == "cost"
    assert result["answer"]["key"].startswith("faq/cost")
    assert 0 < result["confidence"] <= 1
    assert len(result["alternatives"]) == 2
    assert all(0 <= a["confidence"] <= result["confidence"] for a in result["alternatives"])
    assert result["escalation"]["fired"] is False
    passages = [p for source in result["sources"] for p in source["passages"]]
    assert passages and all(len(p) > 20 for p in passages)
    assert result["messages"][0]["source_line"].startswith("Source")


def test_the_console_gives_the_answer_a_patient_gets(running_bot):
    patient = running_bot.send(f"patient-{uuid.uuid4().hex}", "ca fait mal la meso ?")
    _, result, _ = staff(running_bot, "POST", "/staff/api/try", {"text": "ca fait mal la meso ?"})
    assert [m["text"] for m in result["messages"]] == [m.get("text", "") for m in patient]


def test_an_empty_question_is_refused_in_french(running_bot):
    status, body, _ = staff(running_bot, "POST", "/staff/api/try", {"text": "   "})
    assert (status, body) == (400, {"error": "Écrivez une question à essayer."})


def test_a_flag_is_listed_exported_as_nlu_yaml_and_deleted(running_bot):
    question = f"prix séance méso {uuid.uuid4().hex[:6]}"
    _, tried, _ = staff(running_bot, "POST", "/staff/api/try", {"text": question})
    status, flag, _ = staff(
        running_bot,
        "POST",
        "/staff/api/flags",
        {
            "question": question,
            "answer_text": tried["text"],
            "answer_topic": tried["topic"],
            "answer_intent": tried["answer"]["key"],
            "expected_topic": "cost",
            "expected_answer_key": "faq/cost_total",
            "comment": "demandait le prix de la cure",
        },
    )
    assert status == 201, flag
    assert flag["model_version"] == latest_model().name
    _, listed, _ = staff(running_bot, "GET", "/staff/api/flags")
    assert flag["id"] in [f["id"] for f in listed["flags"]]
    status, exported, headers = staff(running_bot, "GET", "/staff/api/flags/export")
    assert status == 200
    assert headers["Content-Disposition"].startswith("attachment; filename=")
    intents = {group["intent"]: group["examples"] for group in yaml.safe_load(exported)["nlu"]}
    assert f"- {question}" in intents["faq/cost_total"]
    assert staff(running_bot, "DELETE", f"/staff/api/flags/{flag['id']}")[0] == 200
    assert staff(running_bot, "DELETE", f"/staff/api/flags/{flag['id']}")[0] == 404


def test_a_flag_without_expected_topic_is_refused(running_bot):
    status, body, _ = staff(
        running_bot, "POST", "/staff/api/flags", {"question": "prix ?", "expected_topic": ""}
    )
    assert (status, body) == (400, {"error": "Choisissez le sujet attendu dans la liste."})


def test_a_batch_gives_accuracy_rows_and_plots(running_bot):
    with HELDOUT.open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))[:20]
    content = io.StringIO()
    writer = csv.writer(content)
    writer.writerow(["text", "topic"])
    writer.writerows([row["text"], row["topic"]] for row in rows)
    status, result, _ = staff(running_bot, "POST", "/staff/api/batch", {"content": content.getvalue()})
    assert status == 200, result
    assert (result["questions"], result["labelled"]) == (20, 20)
    assert 0 <= result["accuracy"] <= 1
    assert [r["text"] for r in result["rows"]] == [row["text"] for row in rows]
    assert result["confusion_matrix"].startswith("data:image/png;base64,")


def test_a_bad_batch_gets_the_question_file_message(running_bot):
    status, body, _ = staff(running_bot, "POST", "/staff/api/batch", {"content": "text,topic\nprix,tarifs\n"})
    assert status == 400
    assert body["error"].startswith("Sujets inconnus (ligne 2 : « tarifs »)")


def test_callbacks_are_listed_and_their_status_changed(running_bot):
    request = save_callback(
        "conv-staff",
        "Camille",
        "+33612345678",
        "demain matin",
        "douleur au genou",
        url=running_bot.env["CLINIC_DATABASE_URL"],
    )
    _, listed, _ = staff(running_bot, "GET", "/staff/api/callbacks?status=new")
    shown = next(c for c in listed["callbacks"] if c["reference"] == request.reference)
    assert (shown["first_name"], shown["phone"], shown["reason"]) == (
        "Camille",
        "+33612345678",
        "douleur au genou",
    )
    status, updated, _ = staff(
        running_bot, "POST", f"/staff/api/callbacks/{request.reference}/status", {"status": "called"}
    )
    assert (status, updated["status"]) == (200, "called")
    _, called, _ = staff(running_bot, "GET", "/staff/api/callbacks?status=called")
    assert request.reference in [c["reference"] for c in called["callbacks"]]
    assert (
        staff(running_bot, "POST", f"/staff/api/callbacks/{request.reference}/status", {"status": "x"})[0]
        == 400
    )
    assert staff(running_bot, "POST", "/staff/api/callbacks/RAP-00000/status", {"status": "closed"})[0] == 404


def test_model_information_names_the_loaded_model_and_counts_examples(running_bot):
    status, model, _ = staff(running_bot, "GET", "/staff/api/model")
    assert status == 200
    assert model["file"] == latest_model().name
    assert re.match(r"\d{4}-\d\d-\d\dT", model["trained_at"])
    cost = next(t for t in model["topics"] if t["topic"] == "cost")
    assert cost["examples"] == model["examples_per_topic"]["cost"] > 0
