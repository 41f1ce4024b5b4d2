"""Phone numbers to E.164, with the ``phonenumbers`` library (Google's libphonenumber rules)."""

from __future__ import annotations

import phonenumbers


def to_e164(raw: str | None, default_region: str | None) -> str | None:
    """The E.164 form (``+15550102030``) of a phone number as typed, or None.

    Args:
        raw: the number as typed, national (``555-010-2030``) or international
            (``+1 (555) 010-2030``); None, empty or white space gives None.
        default_region: ISO 3166-1 alpha-2 code (``US``, ``NL``) used for numbers written
            without a country code; None or unknown means such numbers give None.

    Returns:
        ``+<country code><national number>`` for a *possible* number (right length for its
        country; fictional ranges such as 555-01xx are accepted, as they are possible), else None.
        Never raises on bad input: text that is not a phone number gives None.
    """
    if raw is None or not raw.strip():
        return None
    region = default_region.strip().upper() if default_region and default_region.strip() else None
    try:
        number = phonenumbers.parse(raw, region)
    except phonenumbers.NumberParseException:
        return None
    if not phonenumbers.is_possible_number(number):
        return None
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)
