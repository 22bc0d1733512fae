"""Reads the phone number a patient types ("06 12 34 56 78", "+32 470...", "mon num c 06.12...")."""

from __future__ import annotations

import contextlib
from typing import List, Optional

import phonenumbers
from phonenumbers import NumberParseException, PhoneNumber, PhoneNumberFormat, PhoneNumberType

# The clinic only calls back French and Belgian numbers.
CALLABLE_REGIONS = ("FR", "BE")
# Premium-rate, shared-cost or toll-free numbers cannot be a patient's own line.
CALLABLE_TYPES = {
    PhoneNumberType.FIXED_LINE,
    PhoneNumberType.MOBILE,
    PhoneNumberType.FIXED_LINE_OR_MOBILE,
    PhoneNumberType.VOIP,
    PhoneNumberType.PERSONAL_NUMBER,
}
MAX_INPUT_CHARS = 100

INVALID_PHONE_MESSAGE = (
    "Je n'arrive pas à lire ce numéro. Écrivez un numéro de téléphone français ou belge "
    "avec tous ses chiffres, par exemple 06 12 34 56 78 ou +32 470 12 34 56."
)


def regions_to_try(default_region: str) -> List[str]:
    """The clinic's own country first: "04 70 12 34 56" is a French number for a French clinic."""
    return [default_region] + [region for region in CALLABLE_REGIONS if region != default_region]


def candidates(text: str, region: str) -> List[PhoneNumber]:
    # The whole text, then the numbers inside a sentence: "c'est le 06 12 34 56 78 merci".
    found = [match.number for match in phonenumbers.PhoneNumberMatcher(text, region)]
    with contextlib.suppress(NumberParseException):
        found.insert(0, phonenumbers.parse(text, region))
    return found


def is_callable(number: PhoneNumber) -> bool:
    return (
        phonenumbers.is_valid_number(number)
        and phonenumbers.region_code_for_number(number) in CALLABLE_REGIONS
        and phonenumbers.number_type(number) in CALLABLE_TYPES
    )


def normalise_phone(text: str, default_region: str = "FR") -> Optional[str]:
    """The number in E.164 form ("+33612345678"), or None when it is not a callable FR/BE number."""
    text = (text or "").strip()
    if not text or len(text) > MAX_INPUT_CHARS:
        return None
    for region in regions_to_try(default_region):
        for number in candidates(text, region):
            if is_callable(number):
                return phonenumbers.format_number(number, PhoneNumberFormat.E164)
    return None


def readable_phone(e164: str) -> str:
    """ "+33612345678" -> "+33 6 12 34 56 78": what the patient reads back to check it."""
    try:
        return phonenumbers.format_number(phonenumbers.parse(e164), PhoneNumberFormat.INTERNATIONAL)
    except NumberParseException:
        return e164
