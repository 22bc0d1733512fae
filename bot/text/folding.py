"""Accent and case folding, so that "fièvre", "fievre" and "FIÈVRE" are the same word."""

import unicodedata


def fold(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text.lower())
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))
