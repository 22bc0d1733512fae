"""What the assistant says when a patient compares mesotherapy with another treatment.

None of the five sources compares it with Botox, fillers or PRP: the honest answer says so and
offers the doctor. Used for the note added to a comparison message (the message that carries
it must carry the callback button too, `bot.knowledge.answers.CALLBACK_BUTTON`).
"""

from __future__ import annotations

from typing import Dict

# The treatments patients compare it with, as the note names them.
COMPARED_TREATMENTS: Dict[str, str] = {
    "botox": "au Botox (toxine botulique)",
    "fillers": "aux injections de comblement (acide hyaluronique pour combler les rides)",
    "prp": "au PRP (plasma riche en plaquettes)",
}


def compared_treatment_note(treatment: str) -> str:
    """The sentence for one compared treatment (`botox`, `fillers`, `prp`), or any other by name."""
    named = COMPARED_TREATMENTS.get(treatment, f"à « {treatment} »")
    return (
        f"Aucune de nos cinq sources ne compare la mésothérapie {named} : je ne peux donc pas dire "
        "lequel convient le mieux. Un médecin du cabinet peut vous expliquer les différences ; "
        "le cabinet peut vous rappeler."
    )
