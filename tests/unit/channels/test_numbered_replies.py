"""A choice offered as a number is read back as its button's payload, for a while."""

from __future__ import annotations

from typing import List

import pytest

from bot.channels.numbered_replies import NumberedReplies

MENU = [
    {"title": "Prix", "payload": '/choose_faq{"faq_key":"faq/cost"}'},
    {"title": "Remboursement", "payload": '/choose_faq{"faq_key":"faq/reimbursement"}'},
]
CALLBACK = [{"title": "Être rappelé par un médecin", "payload": "/request_callback"}]


class FakeClock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


@pytest.fixture
def replies(clock: FakeClock) -> NumberedReplies:
    return NumberedReplies(max_senders=3, lifetime_seconds=60, clock=clock)


@pytest.mark.parametrize("answer", ["2", " 2 ", "2.", "2)"])
def test_a_number_is_read_as_the_offered_choice(replies, answer):
    replies.offer("whatsapp:+33600000001", MENU)
    assert replies.take_answer("whatsapp:+33600000001", answer) == MENU[1]["payload"]


@pytest.mark.parametrize("answer", ["0", "3", "22", "2 fois", "deux", "0612345678", ""])
def test_other_answers_are_not_choices(replies, answer):
    replies.offer("whatsapp:+33600000001", MENU)
    assert replies.take_answer("whatsapp:+33600000001", answer) is None


def test_choices_belong_to_their_patient(replies):
    replies.offer("whatsapp:+33600000001", MENU)
    assert replies.take_answer("whatsapp:+33600000002", "1") is None


def test_the_offer_ends_with_the_patients_next_message(replies):
    replies.offer("whatsapp:+33600000001", MENU)
    assert replies.take_answer("whatsapp:+33600000001", "combien ça coûte ?") is None
    assert replies.take_answer("whatsapp:+33600000001", "1") is None


def test_messages_of_one_turn_are_numbered_one_after_the_other(replies):
    assert replies.offer("whatsapp:+33600000001", MENU) == 1
    assert replies.offer("whatsapp:+33600000001", CALLBACK) == 3
    assert replies.take_answer("whatsapp:+33600000001", "3") == "/request_callback"


def test_an_offer_expires(replies, clock):
    replies.offer("whatsapp:+33600000001", MENU)
    clock.now += 61
    assert replies.take_answer("whatsapp:+33600000001", "1") is None
    assert replies.offer("whatsapp:+33600000001", CALLBACK) == 1


def test_memory_is_bounded_forgetting_the_oldest_patients(replies):
    senders: List[str] = [f"whatsapp:+3360000000{n}" for n in range(4)]
    for sender in senders:
        replies.offer(sender, MENU)
    assert len(replies.offers) == 3
    assert replies.take_answer(senders[0], "1") is None
    assert replies.take_answer(senders[3], "1") == MENU[0]["payload"]
