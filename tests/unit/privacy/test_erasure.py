"""Finding 4 of issue 13: a patient's data is erased on request, and everything past retention."""

from __future__ import annotations

import time
from datetime import timedelta

import pytest

from bot.cli import main
from bot.privacy.erasure import forget, purge
from bot.storage.callbacks import CallbackRequest, list_callbacks, save_callback
from bot.storage.db import session_scope, utc_now
from bot.storage.flags import list_flags, save_flag
from bot.storage.ratings import AnswerRating, list_ratings, save_rating
from tests.unit.privacy.conftest import bot, save, stored_data, user

QUESTION = "j'ai mal au genou depuis ma seance"


@pytest.fixture
def two_patients(tracker_store, domain_slots):
    """Sophie (a conversation, a callback, a rating, a flag of her question) and Marc."""
    save(tracker_store, domain_slots, "web-sophie", [user(QUESTION), bot("réponse")])
    save(tracker_store, domain_slots, "web-marc", [user("combien ca coute"), bot("réponse")])
    sophie = save_callback("web-sophie", "Sophie", "+33612345678", "matin", "genou")
    save_callback("web-marc", "Marc", "+33698765432", "soir", "dos")
    save_rating("web-sophie", "faq/cost", "cost", "useful")
    save_rating("web-marc", "faq/cost", "cost", "useful")
    save_flag(QUESTION, "réponse", "cost", "faq", "painful", "model.tar.gz")
    return sophie


@pytest.mark.parametrize("identifier", ["web-sophie", "06 12 34 56 78", "+33612345678", "reference"])
def test_forget_erases_one_patient_and_no_one_else(tracker_store, two_patients, identifier):
    identifier = two_patients.reference if identifier == "reference" else identifier
    erased = forget(identifier, tracker_store)
    assert (erased.conversations, erased.callbacks, erased.ratings, erased.flags) == (
        1, [two_patients.reference], 1, 1
    )
    assert stored_data(tracker_store, "web-sophie") == ""
    assert [r.first_name for r in list_callbacks()] == ["Marc"]
    assert [r.sender_id for r in list_ratings()] == ["web-marc"]
    assert list_flags() == []
    assert "combien ca coute" in stored_data(tracker_store, "web-marc")


def test_purge_erases_what_is_older_than_the_retention_period(tracker_store, domain_slots, two_patients):
    long_ago = time.time() - 40 * 86400
    save(tracker_store, domain_slots, "web-old", [user("bonjour", at=long_ago)])
    forty_days_ago = {"created_at": utc_now() - timedelta(days=40)}
    with session_scope() as session:
        session.query(CallbackRequest).filter_by(first_name="Marc").update(forty_days_ago)
        session.query(AnswerRating).filter_by(sender_id="web-marc").update(forty_days_ago)
    erased = purge(30, tracker_store)
    assert (erased.conversations, len(erased.callbacks), erased.ratings, erased.flags) == (1, 1, 1, 0)
    assert stored_data(tracker_store, "web-old") == ""
    assert [r.first_name for r in list_callbacks()] == ["Sophie"]


def test_the_command_prints_what_it_erased(tmp_path, monkeypatch, capsys, two_patients, tracker_store):
    monkeypatch.setenv("TRACKER_DB", str(tmp_path / "tracker.db"))
    assert main(["privacy", "forget", two_patients.reference]) == 0
    assert f"demandes de rappel : 1 ({two_patients.reference})" in capsys.readouterr().out
    assert main(["privacy", "purge", "--older-than", "30"]) == 0
    assert "conversations : 0" in capsys.readouterr().out
    assert main(["privacy", "purge", "--older-than", "0"]) == 2
