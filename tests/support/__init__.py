"""Helpers the tests share: the served assistant, the staff API, a webhook receiver, Chromium."""
