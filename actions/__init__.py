"""Rasa custom actions. Logic lives in the `bot` package; these classes only wire it to Rasa."""
