"""The widget's footer and the demo page give the emergency numbers of the clinic's country."""

from __future__ import annotations

import re

import pytest

from bot.channels.widget import WIDGET_DIR, demo_config, demo_page
from bot.settings import load_settings


@pytest.fixture
def country(monkeypatch):
    def set_country(code: str) -> None:
        monkeypatch.setenv("CLINIC_COUNTRY", code)
        load_settings.cache_clear()

    yield set_country
    load_settings.cache_clear()


def test_a_french_clinic_page_and_footer_give_15_and_112(country):
    country("FR")
    assert "En cas d'urgence, appelez le 15 ou 112." in demo_page()
    assert "En cas d'urgence : 15 ou 112." in demo_config()


def test_a_belgian_clinic_page_and_footer_give_112_only(country):
    country("BE")
    page, config = demo_page(), demo_config()
    assert "appelez le 112." in page and "15" not in re.sub(r"\d{3,}", "", page)
    assert "En cas d'urgence : 112." in config


@pytest.mark.parametrize("name", ["widget.js", "chat.html"])
def test_no_widget_file_hard_codes_the_french_numbers(name):
    assert not re.search(r"\b15\b", (WIDGET_DIR / name).read_text(encoding="utf-8"))
