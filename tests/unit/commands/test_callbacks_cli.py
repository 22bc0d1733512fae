"""`python -m bot callbacks list | export | status | retry-notify`."""

from __future__ import annotations

import csv

from bot.cli import main
from bot.engine.processes import free_port
from bot.settings import load_settings
from bot.storage.callbacks import list_callbacks, pending_notifications, save_callback
from tests.support.webhook_receiver import closed_port_url


def save(first_name="Sophie", reason="douleur au genou depuis la séance"):
    return save_callback(
        conversation_id="conv-1", first_name=first_name, phone_e164="+33612345678",
        time_slot="demain matin", reason=reason,
    )


def test_list_shows_a_table_with_the_reason_truncated(capsys):
    request = save(reason="j'ai une douleur au genou droit qui revient chaque soir depuis trois semaines")
    assert main(["callbacks", "list"]) == 0
    header, rule, row = capsys.readouterr().out.splitlines()
    assert header.split() == ["Référence", "Reçue", "le", "Prénom", "Téléphone", "Créneau", "Statut", "Motif"]
    assert set(rule.replace(" ", "")) == {"-"}
    assert row.startswith(request.reference)
    assert "Sophie" in row and "+33 6 12 34 56 78" in row and "demain matin" in row and " new " in row
    assert row.endswith("…") and "trois semaines" not in row


def test_list_filters_by_status_and_says_when_empty(capsys):
    save()
    assert main(["callbacks", "list", "--status", "closed"]) == 0
    assert capsys.readouterr().out.strip() == "Aucune demande au statut « closed »."


def test_export_writes_every_field_and_neutralises_spreadsheet_formulas(tmp_path, capsys):
    request = save(first_name="Anne", reason='=HYPERLINK("http://example.com")')
    target = tmp_path / "rappels.csv"
    assert main(["callbacks", "export", "--csv", str(target)]) == 0
    assert "1 demande(s) exportée(s)" in capsys.readouterr().out
    with target.open(encoding="utf-8-sig", newline="") as handle:
        [row] = list(csv.DictReader(handle, delimiter=";"))
    assert row["reference"] == request.reference
    assert row["phone"] == "'+33612345678"  # a leading "+" is a formula for a spreadsheet
    assert row["first_name"] == "Anne" and row["time_slot"] == "demain matin" and row["status"] == "new"
    assert row["reason"] == "'=HYPERLINK(\"http://example.com\")"
    assert row["created_at"].endswith("+00:00") and row["notified_at"] == "" and row["notify_attempts"] == "0"


def test_export_to_an_impossible_place_is_a_clear_error(tmp_path, capsys):
    assert main(["callbacks", "export", "--csv", str(tmp_path / "missing" / "rappels.csv")]) == 1
    assert "Impossible d'écrire" in capsys.readouterr().err


def test_status_changes_a_request_and_rejects_an_unknown_reference(capsys):
    request = save()
    assert main(["callbacks", "status", request.reference.lower(), "called"]) == 0
    assert list_callbacks()[0].status == "called"
    assert main(["callbacks", "status", "RAP-ZZZZZ", "closed"]) == 1
    assert "Aucune demande de rappel avec la référence « RAP-ZZZZZ »" in capsys.readouterr().err


def test_retry_notify_sends_pending_requests(webhook_receiver, capsys):
    request = save()
    assert main(["callbacks", "retry-notify"]) == 0
    assert [p["reference"] for p in webhook_receiver.received] == [request.reference]
    assert pending_notifications() == []
    assert main(["callbacks", "retry-notify"]) == 0
    assert "Aucune notification en attente." in capsys.readouterr().out


def test_retry_notify_reports_failures_and_missing_settings(monkeypatch, capsys):
    request = save()
    assert main(["callbacks", "retry-notify"]) == 1
    assert "notify_webhook_url" in capsys.readouterr().err
    monkeypatch.setenv("CLINIC_NOTIFY_WEBHOOK_URL", closed_port_url())
    load_settings.cache_clear()
    assert main(["callbacks", "retry-notify"]) == 1
    assert request.reference in capsys.readouterr().err


def test_an_unreachable_database_is_reported_not_raised(monkeypatch, capsys):
    monkeypatch.setenv("CLINIC_DATABASE_URL", f"postgresql://clinic@127.0.0.1:{free_port()}/clinic")
    load_settings.cache_clear()
    assert main(["callbacks", "list"]) == 2
    assert "Base de données inaccessible" in capsys.readouterr().err
