"""Rasa input channels used by the assistant (referenced from credentials.yml)."""
